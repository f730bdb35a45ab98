/**
 * Pattern matching against bash (the peer): whole matches, trims and replacements over a matrix
 * of patterns and texts, and the pathological patterns a backtracking matcher takes exponential
 * time on.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { matchPattern, replacePattern, trimPattern } from '../../src/shell/pattern.ts'

const PATTERNS = ['*', '?', 'a*', '*a', '*.t[xy]t', '[!a]*', '[^a-c]?', '[]a]', '[!]a]', '[a-]', '[z-a]', '[!z-a]', '[[:digit:]]*', '[[:alpha:][:digit:]]', '[[:foo:]]', '[[:a]', 'a\\*', '\\[a]', '*[[:space:]]*', '[\\]]', 'é?', '?😀', '*/*', 'a?c*', '**b', '[a\\-z]']
const TEXTS = ['', 'a', 'b', ']', '-', ':', 'a.txt', 'a.tyt', 'abc', 'a*', '[a]', 'x y', '9z', 'éa', 'a😀', 'd/e/f', 'zzb', 'a-z']

// one bash for the whole matrix: a line per (pattern, text) pair
function bashMatrix(script: string): string[] {
  return execFileSync('bash', ['-c', script], { encoding: 'utf8', env: { LC_ALL: 'C.UTF-8' } }).split('\n')
}
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

test('case matching agrees with bash', () => {
  const lines = bashMatrix(PATTERNS.flatMap((p) => TEXTS.map((t) => `case ${q(t)} in ${p.replace(/ /g, '\\ ')}) echo 1;; *) echo 0;; esac`)).join('\n'))
  let k = 0
  for (const p of PATTERNS) for (const t of TEXTS) assert.equal(matchPattern(p, t), lines[k++] === '1', `${p} vs ${t}`)
})

test('trims and replacements agree with bash', () => {
  const ops = ['#', '##', '%', '%%', '/', '//', '/#', '/%'] as const
  const pats = ['*', '?', 'a*', '*a', '[a-c]', '*/', '/*', '[!/]*', 'o', 'l*o', 'x']
  const texts = ['', 'a/b/c.txt', 'hello world', 'aaa', 'cab/abc']
  // a `/` in the pattern of ${x/p/r} would end the pattern
  const cases = ops.flatMap((op) => pats.filter((p) => !(op.startsWith('/') && p.includes('/'))).map((p) => [op, p] as const))
  const script: string[] = []
  for (const [op, p] of cases) for (const t of texts) script.push(`x=${q(t)}; echo "[\${x${op}${p}${op.startsWith('/') ? '/R' : ''}}]"`)
  const lines = bashMatrix(script.join('\n'))
  let k = 0
  for (const [op, p] of cases)
    for (const t of texts) {
      const mine = op.startsWith('/') ? replacePattern(t, p, ['R'], op as '/' | '//' | '/#' | '/%') : trimPattern(t, p, op as '#' | '##' | '%' | '%%')
      assert.equal(`[${mine}]`, lines[k++], `\${x${op}${p}} on ${t}`)
    }
})

/** CPU time of this process: a bound on it holds on a loaded machine, where wall-clock time does not. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

test('patterns that make a backtracking matcher exponential take linear time', () => {
  const zeros = '0'.repeat(100_000)
  const t = cpuMs()
  assert.equal(matchPattern('*0*0*0*0*0*1', zeros), false)
  assert.equal(matchPattern('*?*?*?*?*?*?*1', zeros), false)
  assert.equal(trimPattern(zeros, '*0*0*0*1', '##'), zeros)
  assert.equal(trimPattern(zeros, '*1*0*0*0', '%%'), zeros)
  assert.equal(replacePattern(zeros, '*1', ['x'], '//'), zeros)
  // a loose bound: exponential is minutes, linear is tens of milliseconds
  assert.ok(cpuMs() - t < 5000)
})

test('the whole match and the automaton agree on random patterns and texts', () => {
  const atoms = ['a', 'b', '*', '?', '[ab]', '[!a]', '\\*']
  let seed = 12345
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed % n
  }
  for (let k = 0; k < 5000; k++) {
    const p = Array.from({ length: 1 + next(6) }, () => atoms[next(atoms.length)]).join('')
    const s = Array.from({ length: 1 + next(8) }, () => 'ab*'[next(3)]).join('')
    // the longest prefix the automaton accepts is the whole text exactly when the pattern matches it
    assert.equal(matchPattern(p, s), trimPattern(s, p, '##') === '', `${p} vs ${s}`)
  }
})

test('extglob !(…) inside a longer pattern agrees with bash in case, trims and replacements', () => {
  const pats = ['*.!(txt)', '!(a|b)*.c', '!(*.*)', '@(a|!(x))*', '!(a*)!(b*)', '*!(.c)', 'a!(b)c', '!(+(a))b', '?(!(a))b']
  const texts = ['', 'a', 'ab', 'abc', 'a.txt', 'a.c', 'b.c', 'x', 'aab', 'ac', 'x.y.txt']
  // bash replaces in an empty text by rules of its own for extended patterns (`${x/?(a)/R}` is
  // empty, `${x/%?(a)/R}` is R): replacements are compared on the other texts
  const opsOn = (t: string) => (t === '' ? (['#', '##', '%', '%%'] as const) : (['#', '##', '%', '%%', '/', '//', '/#', '/%'] as const))
  const script = ['shopt -s extglob']
  for (const p of pats)
    for (const t of texts) {
      script.push(`case ${q(t)} in ${p}) echo 1;; *) echo 0;; esac`)
      for (const op of opsOn(t)) script.push(`x=${q(t)}; echo "[\${x${op}${p}${op.startsWith('/') ? '/R' : ''}}]"`)
    }
  const lines = bashMatrix(script.join('\n'))
  let k = 0
  for (const p of pats)
    for (const t of texts) {
      assert.equal(matchPattern(p, t, true), lines[k++] === '1', `${p} vs ${t}`)
      for (const op of opsOn(t)) {
        const mine = op.startsWith('/') ? replacePattern(t, p, ['R'], op as '/' | '//' | '/#' | '/%', true) : trimPattern(t, p, op as '#' | '##' | '%' | '%%', true)
        assert.equal(`[${mine}]`, lines[k++], `\${x${op}${p}} on ${t}`)
      }
    }
})

test('extglob !(…) inside a pattern stays polynomial', () => {
  const zeros = '0'.repeat(2000)
  const t = cpuMs()
  assert.equal(matchPattern('!(*0*0*1)!(*0*1)*1', zeros, true), false)
  assert.equal(trimPattern(zeros, '*!(*0*0*1)', '##', true), '')
  assert.equal(replacePattern(zeros, '!(*1)!(*1)', ['x'], '//', true), 'x')
  assert.ok(cpuMs() - t < 5000)
})
