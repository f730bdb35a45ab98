/** Quoting and word expansion, end to end through `sh -c`. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { expectOut, shell, useSystem } from './helpers.ts'

const sys = useSystem()
const run = shell(sys)

test('quoting: single, double, backslash', async () => {
  await expectOut(run, `x=val; echo 'a $x' "b $x" c\\ \\$x "d\\"e" 'f"g'`, 'a $x b val c $x d"e f"g\n')
  await expectOut(run, `echo "a\\nb" 'c\\d'`, 'a\\nb c\\d\n')
  await expectOut(run, `echo a\\\nb`, 'ab\n')
})

test('parameters: plain, braced, defaults, alternatives, errors', async () => {
  await expectOut(run, 'x=1; echo $x ${x} ${x}y', '1 1 1y\n')
  await expectOut(run, 'unset u; e=; echo ${u:-d1} ${e:-d2} ${e-d3}. ${u-d4}', 'd1 d2 . d4\n')
  await expectOut(run, 'echo ${v:=set}; echo $v', 'set\nset\n')
  await expectOut(run, 'x=1; e=; echo ${x:+alt} [${e:+alt}] [${u+alt}] ${e+alt}', 'alt [] [] alt\n')
  const r = await run('echo ${nope:?is missing}; echo after')
  assert.equal(r.stderr, 'sh: 1: nope: is missing\n')
  assert.equal(r.exitCode, 2)
  assert.equal(r.stdout, '')
  await expectOut(run, 'x=hello; echo ${#x} ${#nothing}', '5 0\n')
})

test('parameters: prefix and suffix removal', async () => {
  await expectOut(run, 'p=/usr/local/lib.tar.gz; echo ${p#*/} ${p##*/} ${p%.*} ${p%%.*}', 'usr/local/lib.tar.gz lib.tar.gz /usr/local/lib.tar /usr/local/lib\n')
  await expectOut(run, 'x="a*b"; echo ${x#"a*"} ${x#a\\*}', 'b b\n')
})

test('special parameters: $? $$ $! $# $@ $* $0 $1..', async () => {
  await expectOut(run, 'false; echo $?; true; echo $?', '1\n0\n')
  const r = await sys().exec(['sh', '-c', 'echo $0 $1 $2 $#; echo "$*"', 'me', 'a', 'b'])
  assert.equal(r.stdout, 'me a b 2\na b\n')
  await expectOut(run, 'set -- "a b" c; for i in "$@"; do echo "<$i>"; done; for i in $@; do echo "[$i]"; done', '<a b>\n<c>\n[a]\n[b]\n[c]\n')
  await expectOut(run, 'set --; for i in "$@"; do echo x; done; echo "$#"', '0\n')
  await expectOut(run, 'set -- a b; IFS=:; echo "$*"', 'a:b\n')
  await expectOut(run, 'set -- 1 2 3 4 5 6 7 8 9 10; echo $1 ${10} $10', '1 10 10\n')
  const pid = await run('echo $$; (echo $$)')
  const [a, b] = pid.stdout.trim().split('\n')
  assert.equal(a, b, '$$ is the same in a subshell')
  await expectOut(run, 'sleep 0 & p=$!; wait $p; test "$p" -gt 0 && echo ok', 'ok\n')
})

test('command substitution: $( ) and backquotes, nesting, trailing newlines', async () => {
  await expectOut(run, 'echo "$(echo a; echo b)" `echo c`', 'a\nb c\n')
  await expectOut(run, 'echo $(echo $(echo deep))', 'deep\n')
  await expectOut(run, 'x=$(printf "a\\n\\n\\n"); echo "[$x]"', '[a]\n')
  await expectOut(run, 'x=$(false); echo $?', '1\n')
  await expectOut(run, 'x=$(exit 3); echo $?', '3\n')
  await expectOut(run, 'echo "`echo \\"q\\"`"', 'q\n')
  await expectOut(run, 'v=1; x=$(v=2; echo $v); echo $x $v', '2 1\n')
})

test('arithmetic: C operators, variables, assignment', async () => {
  await expectOut(run, 'echo $((1+2*3)) $(( (1+2)*3 )) $((7/2)) $((7%3)) $((-7/2))', '7 9 3 1 -3\n')
  await expectOut(run, 'echo $((1<<10)) $((255>>4)) $((6&3)) $((6|3)) $((6^3)) $((~0)) $((!5))', '1024 15 2 7 5 -1 0\n')
  await expectOut(run, 'echo $((1<2)) $((2<=1)) $((3==3)) $((3!=3)) $((1&&0)) $((0||2)) $((1?10:20))', '1 0 1 0 0 1 10\n')
  await expectOut(run, 'i=5; echo $((i*2)) $(($i+1)) $((i+=3)) $i $((i++)) $i $((--i))', '10 6 8 8 8 9 8\n')
  await expectOut(run, 'echo $((0x10)) $((010)) $((x=4, x*x)) $x', '16 8 16 4\n')
  const r = await run('echo $((1/0))')
  assert.equal(r.exitCode, 2)
  assert.match(r.stderr, /division by zero/)
})

test('field splitting on IFS', async () => {
  await expectOut(run, 'x="a  b	c"; for w in $x; do echo "[$w]"; done', '[a]\n[b]\n[c]\n')
  await expectOut(run, 'IFS=:; x="a::b:"; for w in $x; do echo "[$w]"; done', '[a]\n[]\n[b]\n')
  await expectOut(run, 'IFS=; x="a b"; for w in $x; do echo "[$w]"; done', '[a b]\n')
  await expectOut(run, 'x=" a "; for w in pre${x}post; do echo "[$w]"; done', '[pre]\n[a]\n[post]\n')
  await expectOut(run, 'e=; for w in $e "" "$e"; do echo "[$w]"; done', '[]\n[]\n')
})

test('globbing through the namespace: sorted, hidden files, no match stays literal', async () => {
  await expectOut(run, 'mkdir -p g/sub && touch g/b.txt g/a.txt g/c.md g/.hidden && cd g && echo *.txt; echo * ; echo .h*; echo none*; echo "*.txt"; echo ?.md; echo [ab].txt; echo [!a].txt; echo */', 'a.txt b.txt\na.txt b.txt c.md sub\n.hidden\nnone*\n*.txt\nc.md\na.txt b.txt\nb.txt\nsub/\n', 0, { cwd: '/tmp' })
  await expectOut(run, 'echo /tmp/g/*.md', '/tmp/g/c.md\n')
  await expectOut(run, 'set -f; echo /tmp/g/*.md', '/tmp/g/*.md\n')
  await expectOut(run, 'x="/tmp/g/*.md"; echo $x "$x"', '/tmp/g/c.md /tmp/g/*.md\n')
})

test('tilde expansion', async () => {
  await expectOut(run, 'echo ~ ~/x ~root "~" ~nobody; x=~/y; echo $x', '/home/glenda /home/glenda/x /root ~ ~nobody\n/home/glenda/y\n')
})

test("bash's case changes go a character at a time, as bash's in a UTF-8 locale: ß stays, İ lowers to i", async () => {
  const script = 's=straße; t=İSTANBUL; u=ǰŉ; echo "${s^^} ${s^} ${t,,} ${t~~} ${u^^}"'
  const ours = await sys().exec(['bash', '-c', script])
  const host = spawnSync('bash', ['-c', script], { env: { LC_ALL: 'C.UTF-8' }, encoding: 'utf8' })
  assert.equal(host.stdout, 'STRAßE Straße istanbul istanbul ǰŉ\n', 'the host bash, in C.UTF-8')
  assert.equal(ours.stdout, host.stdout)
})
