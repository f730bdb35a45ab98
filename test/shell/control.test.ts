/** Lists, compound commands, functions, and the options -e -x -u. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { expectOut, shell, useSystem } from './helpers.ts'

const sys = useSystem()
const run = shell(sys)

test('lists: ; && || and grouping', async () => {
  await expectOut(run, 'true && echo a || echo b; false && echo c || echo d', 'a\nd\n')
  await expectOut(run, 'false || false || echo e; true || echo never', 'e\n')
  await expectOut(run, 'x=1; (x=2; echo $x); echo $x; { x=3; }; echo $x', '2\n1\n3\n')
  await expectOut(run, '(exit 7); echo $?', '7\n')
})

test('if / elif / else', async () => {
  await expectOut(run, 'for n in 1 2 3; do if [ $n = 1 ]; then echo one; elif [ $n = 2 ]; then echo two; else echo many; fi; done', 'one\ntwo\nmany\n')
  await expectOut(run, 'if false; then :; fi; echo $?', '0\n')
})

test('while, until, for, break and continue', async () => {
  await expectOut(run, 'i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done', '0\n1\n2\n')
  await expectOut(run, 'i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i', '2\n')
  await expectOut(run, 'for i in a b c; do [ $i = b ] && continue; echo $i; done', 'a\nc\n')
  await expectOut(run, 'for i in 1 2 3; do for j in x y; do [ $i = 2 ] && break 2; echo $i$j; done; done', '1x\n1y\n')
  await expectOut(run, 'for i in 1 2; do for j in a b; do [ $j = a ] && continue 2; echo no; done; echo never; done; echo end', 'end\n')
  await expectOut(run, 'set -- p q; for a; do echo $a; done', 'p\nq\n')
  await expectOut(run, 'i=0; while :; do i=$((i+1)); [ $i -ge 100000 ] && break; done; echo $i', '100000\n')
})

test('case: patterns with |, globs, quoting, fallthrough to nothing', async () => {
  const script = 'for w in apple b.txt Zed "*" other; do case $w in a*|Z*) echo "A $w";; *.txt) echo "T $w";; "*") echo star;; [[:upper:]]*) echo upper;; *) echo "- $w";; esac; done'
  await expectOut(run, script, 'A apple\nT b.txt\nA Zed\nstar\n- other\n')
  await expectOut(run, 'case x in y) echo no;; esac; echo $?', '0\n')
  await expectOut(run, 'p="a*"; case abc in $p) echo glob;; esac; case abc in "$p") echo no;; *) echo literal;; esac', 'glob\nliteral\n')
})

test('functions: arguments, return, local, recursion, redefinition', async () => {
  await expectOut(run, 'f() { echo "$# $1 $2"; }; f a "b c"; echo $#', '2 a b c\n0\n')
  await expectOut(run, 'f() { return 3; echo no; }; f; echo $?', '3\n')
  await expectOut(run, 'x=g; f() { local x=l; echo $x; }; f; echo $x', 'l\ng\n')
  await expectOut(run, 'fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1-1))) )); fi; }; fact 6', '720\n')
  await expectOut(run, 'f() { echo 1; }; f() { echo 2; }; f', '2\n')
  await expectOut(run, 'f() { v=set-in-f; }; f; echo $v', 'set-in-f\n')
  await expectOut(run, 'set -- outer; f() { echo $1; }; f inner; echo $1', 'inner\nouter\n')
  await expectOut(run, 'g() { echo "[$T]"; }; T=temp g; echo "[$T]"', '[temp]\n[]\n')
})

test('set -e: stops at a failing command, not in conditions', async () => {
  await expectOut(run, 'set -e; echo a; false; echo b', 'a\n', 1)
  await expectOut(run, 'set -e; if false; then :; fi; false || true; ! true; while false; do :; done; echo survived', 'survived\n')
  await expectOut(run, 'set -e; false && true; echo went-on', 'went-on\n')
  await expectOut(run, 'set -e; (false); echo no', '', 1)
  await expectOut(run, 'set -e; f() { false; echo no; }; f; echo no', '', 1)
})

test('set -x traces expanded commands to stderr', async () => {
  const r = await run('set -x; x=1; echo $x "a b"; set +x; echo quiet')
  assert.equal(r.stdout, '1 a b\nquiet\n')
  assert.equal(r.stderr, "+ x=1\n+ echo 1 'a b'\n+ set +x\n")
})

test('set -u: an unset variable is an error', async () => {
  const r = await run('set -u; echo ${unset_var}; echo after')
  assert.equal(r.stdout, '')
  assert.equal(r.stderr, 'sh: 1: unset_var: parameter not set\n')
  assert.equal(r.exitCode, 2)
  await expectOut(run, 'set -u; echo ${unset_var:-ok} $#', 'ok 0\n')
})

test('syntax errors: line, what was unexpected and expected, status 2, earlier commands ran', async () => {
  const r = await run('echo first\nif true; then\necho x\nfi fi')
  assert.equal(r.stdout, 'first\n')
  assert.equal(r.stderr, 'sh: 4: Syntax error: "fi" unexpected\n')
  assert.equal(r.exitCode, 2)
  const r2 = await run('while true; echo x; done')
  assert.equal(r2.stderr, 'sh: 1: Syntax error: "done" unexpected (expecting "do")\n')
  const r3 = await run('echo $(')
  assert.equal(r3.exitCode, 2)
  assert.match(r3.stderr, /^sh: 1: Syntax error: /)
})
