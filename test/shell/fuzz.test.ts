/** The shell never crashes or hangs on hostile input: it always ends with a status. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { useSystem } from './helpers.ts'

const sys = useSystem()

// No loops, sleeps or other commands that legitimately run forever.
const TOKENS = ['if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'do', 'done', 'case', 'esac', ';;', '{', '}', '(', ')', '|', '||', '&&', '&', ';', '\n', '<', '>', '>>', '<<', '<<-', '2>&1', '>&3', 'EOF', '$(', '`', '"', "'", '\\', '$x', '${x', '${x:-', '${#', '}', '$((', '))', '1+', '/0', 'echo', 'true', 'false', 'a', '*', '?', '[', '!', '#', '=', 'x=1', ' ', '~', 'set', '-e', '-u', 'shift', 'exit', 'return', 'break', 'eval', 'f()', 'trap', 'read', 'wait', 'local', 'test', 'export', 'unset', ':', '-', '%1', 'kill', 'exec', '3<', '/tmp']

async function survives(script: string): Promise<void> {
  const r = await sys().run(script)
  assert.equal(typeof r.exitCode, 'number')
  assert.ok(r.exitCode >= 0 && r.exitCode <= 255)
  assert.doesNotMatch(r.stderr, /TypeError|RangeError|ReferenceError|undefined is not|Cannot read/, `${JSON.stringify(script)}: ${r.stderr}`)
}

test('sh -c on random text always returns a status', async () => {
  await fc.assert(fc.asyncProperty(fc.string({ maxLength: 80 }), survives), { numRuns: 300 })
})

test('sh -c on token soup always returns a status', async () => {
  const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((t) => t.join(' '))
  await fc.assert(fc.asyncProperty(soup, survives), { numRuns: 600 })
  const tight = fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((t) => t.join(''))
  await fc.assert(fc.asyncProperty(tight, survives), { numRuns: 400 })
})

test('deep recursion and deep nesting end with an error, not a crash', async () => {
  const r = await sys().run('f() { f; }; f; echo after')
  assert.equal(r.exitCode, 2)
  assert.match(r.stderr, /nested too deeply/)
  const deep = await sys().run('echo $('.repeat(100) + 'echo x' + ')'.repeat(100))
  assert.equal(deep.stdout, 'x\n')
  const parens = await sys().run('('.repeat(5000))
  assert.equal(parens.exitCode, 2)
})
