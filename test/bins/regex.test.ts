/** Regular expressions in linear time: the patterns that froze the host, POSIX's leftmost-longest, and the bounded back-reference matcher. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { compileRegex, RegexError } from '../../src/bins/util/regex.ts'
import { both, bootFiles } from './filesfixture.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

const EVIL = 'a'.repeat(36) + '!\n'
/** Generous: a backtracking engine takes hours on these; a linear one a millisecond. */
const QUICK_MS = 5000

async function timed(argv: string[], stdin: string): Promise<{ ms: number; stdout: string; exitCode: number }> {
  const t0 = performance.now()
  const r = await sys.exec(argv, { stdin })
  return { ms: performance.now() - t0, stdout: r.stdout, exitCode: r.exitCode }
}

test("grep -E '(a+)+$' on 36 a's and a ! returns at once", async () => {
  const none = await timed(['grep', '-E', '(a+)+$'], EVIL)
  assert.ok(none.ms < QUICK_MS, `took ${none.ms} ms`)
  assert.deepEqual([none.stdout, none.exitCode], ['', 1])
  const some = await timed(['grep', '-E', '^(a+)+!$'], EVIL)
  assert.ok(some.ms < QUICK_MS, `took ${some.ms} ms`)
  assert.deepEqual([some.stdout, some.exitCode], [EVIL, 0])
})

test("sed -E 's/(a|aa)+$/X/' and BRE nested stars on 36 a's and a ! return at once", async () => {
  for (const argv of [
    ['sed', '-E', 's/^(a|aa)+$/X/'],
    ['sed', '-E', 's/(a+)+b/X/'],
    ['sed', 's/\\(a*\\)*b/X/'],
    ['grep', '-c', '\\(a*\\)*\\(a*\\)*b'],
  ]) {
    const r = await timed(argv, EVIL)
    assert.ok(r.ms < QUICK_MS, `${argv.join(' ')} took ${r.ms} ms`)
  }
})

test('a back-reference that would backtrack for ever fails cleanly, and simple ones still work', async () => {
  const r = await sys.exec(['sed', 's/\\(a*\\)*\\1b/X/'], { stdin: 'a'.repeat(40) + '!\n' })
  assert.notEqual(r.exitCode, 0)
  assert.match(r.stderr, /^sed: regular expression too complex/)
  const ok = await sys.exec(['sed', '-n', 's/\\(ab*\\)\\1/<\\1>/p'], { stdin: 'xabbabbz\n' })
  assert.equal(ok.stdout, 'x<abb>z\n')
  const g = await sys.exec(['grep', '-E', '(.)\\1'], { stdin: 'abc\naab\n' })
  assert.equal(g.stdout, 'aab\n')
})

test('grep -P: nested quantifiers run linear on RE2, and look-around that would backtrack for ever fails cleanly', async () => {
  const linear = await timed(['grep', '-cP', '(a+)+$'], EVIL)
  assert.ok(linear.ms < QUICK_MS, `took ${linear.ms} ms`)
  assert.deepEqual([linear.stdout, linear.exitCode], ['0\n', 1])
  const t0 = performance.now()
  const r = await sys.exec(['grep', '-P', '(?=(a+)+$)b'], { stdin: EVIL })
  assert.ok(performance.now() - t0 < QUICK_MS * 4, `took ${performance.now() - t0} ms`)
  assert.deepEqual([r.stderr, r.exitCode], ['grep: (standard input): regular expression too complex for this input (it is matched by backtracking)\n', 2])
})

test('matches are leftmost-longest, as GNU grep and sed find them', async () => {
  for (const [argv, stdin] of [
    [['sed', '-E', 's/a|ab/X/'], 'abc\n'],
    [['sed', '-E', 's/(a|ab)(c|bcd)/[\\1,\\2]/'], 'abcd\n'],
    [['grep', '-oE', 'x|xy|xyz'], 'xyzxy\n'],
    [['sed', 's/\\<a/X/g'], 'a ab ba\n'],
    [['sed', 's/b\\>/X/g'], 'b ab ba\n'],
    [['sed', 's/\\<-/X/g'], 'a -b\n'],
    [['grep', '-ow', 'ab*'], 'ab abb xab ab_ a\n'],
    [['grep', '-iE', 'A(B)\\1'], 'xabb\nxab\n'],
  ] as const) {
    const { ours, theirs } = await both(sys, {}, [...argv], stdin)
    assert.equal(ours.stdout, theirs.stdout, argv.join(' '))
    assert.equal(ours.exitCode, theirs.exitCode, argv.join(' '))
  }
})

test('the Regex interface: groups, positions, errors', () => {
  const re = compileRegex('\\(x\\)*\\(a\\|ab\\)', { extended: false })
  assert.equal(re.groups, 2)
  const m = re.exec('zzab', 1)!
  assert.deepEqual([m.start, m.end, m.text, m.group(1), m.group(2)], [2, 4, 'ab', undefined, 'ab'])
  assert.equal(re.exec('zzab', 5), undefined)
  assert.throws(() => compileRegex('a\\{2,1\\}', { extended: false }), RegexError)
  assert.throws(() => compileRegex('(a', { extended: true }), RegexError)
  assert.ok(compileRegex('A.B', { extended: true }, { ignoreCase: true }).test('xa\nbx'))
})
