/**
 * Substitutions through a long text (a megabyte or more) are walked in stretches with turns for
 * the host between (src/bins/util/matchwalk.ts, the shell's replacePattern): the result must be
 * the one a walk at once gives, with matches that straddle a stretch's end and empty matches.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { boot, stdSystem } from '../../src/index.ts'

// 1.2 million characters: "x" then "ab" again and again, so a stretch (2^18 characters) ends
// inside a match
const pairs = 600_000
const text = 'x' + 'ab'.repeat(pairs)

// every run of b, empty or not, made "-": no empty match right after a "b" (gawk, mawk and GNU sed
// give `-x-a-a-` for `xabab`, where JavaScript's replace gives `-x-a--a--`)
const emptyMatches = '-x' + '-a'.repeat(pairs) + '-\n'

const sys = await boot({ presets: [stdSystem()] })
await sys.writeFile('/tmp/long', text + '\n')

async function output(script: string): Promise<string> {
  const r = await sys.run(script)
  assert.equal(r.stderr, '', script)
  assert.equal(r.exitCode, 0, script)
  return r.stdout
}

test('awk gsub, sub and gensub through a long text match a walk at once', async () => {
  assert.equal(await output(`awk '{ gsub(/b*/, "-"); print }' /tmp/long`), emptyMatches)
  assert.equal(await output(`awk '{ n = gsub(/ab/, "[&]"); print n; print }' /tmp/long`), `${pairs}\n` + text.replace(/ab/g, '[ab]') + '\n')
  assert.equal(await output(`awk '{ sub(/ba/, "-"); print }' /tmp/long`), text.replace('ba', '-') + '\n')
  assert.equal(await output(`awk '{ print gensub(/(a)(b)/, "\\\\2\\\\1", "g") }' /tmp/long`), text.replace(/ab/g, 'ba') + '\n')
  assert.equal(await output(`awk '{ print gensub(/ab/, "-", 400000) }' /tmp/long`), 'x' + 'ab'.repeat(399_999) + '-' + 'ab'.repeat(pairs - 400_000) + '\n')
  assert.equal(await output(`awk 'function f(s) { gsub(/a/, "", s); return s } { print f($0) }' /tmp/long`), 'x' + 'b'.repeat(pairs) + '\n')
})

test('sed s through a long space matches a walk at once: g, a count, an empty match', async () => {
  assert.equal(await output(`sed 's/b*/-/g' /tmp/long`), emptyMatches)
  assert.equal(await output(`sed 's/ab/&&/g' /tmp/long`), text.replace(/ab/g, 'abab') + '\n')
  assert.equal(await output(`sed 's/ab/-/300000' /tmp/long`), 'x' + 'ab'.repeat(299_999) + '-' + 'ab'.repeat(pairs - 300_000) + '\n')
  assert.equal(await output(`sed 's/zz/-/g' /tmp/long`), text + '\n')
})

test("the shell's ${x//p/r} through a long value matches a walk at once", async () => {
  const read = 'x=$(cat /tmp/long); '
  assert.equal(await output(`${read}printf '%s\\n' "\${x//ab/-}"`), text.replace(/ab/g, '-') + '\n')
  assert.equal(await output(`${read}printf '%s\\n' "\${x//b?/-}"`), text.replace(/ba/g, '-') + '\n')
  assert.equal(await output(`${read}printf '%s\\n' "\${x//[xa]/}"`), 'b'.repeat(pairs) + '\n')
  assert.equal(await output(`${read}printf '%s\\n' "\${x/ba/-}"`), text.replace('ba', '-') + '\n')
})
