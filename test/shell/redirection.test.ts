/** Pipelines and redirections, on programs and on the shell's own builtins, groups and loops. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { expectOut, shell, useSystem } from './helpers.ts'

const sys = useSystem()
const run = shell(sys)

test('pipelines connect processes; the status is the last element; ! negates', async () => {
  await expectOut(run, 'echo hello | tr a-z A-Z | cat', 'HELLO\n')
  await expectOut(run, 'printf "b\\na\\n" | sort | head -n 1', 'a\n')
  await expectOut(run, 'false | true; echo $?; true | false; echo $?', '0\n1\n')
  await expectOut(run, '! true; echo $?; ! false; echo $?; ! true | false; echo $?', '1\n0\n0\n')
  await expectOut(run, 'echo x | while read l; do echo "in loop: $l"; done', 'in loop: x\n')
  await expectOut(run, 'f() { tr a-z A-Z; }; echo fn | f', 'FN\n')
  await expectOut(run, 'echo a | (read x; echo "sub $x") | cat', 'sub a\n')
  await expectOut(run, 'x=outer; echo | x=inner; echo $x', 'outer\n')
  await expectOut(run, 'echo one |\n cat', 'one\n')
})

test('output redirections: > >> 2> 2>&1 >&2 >|', async () => {
  await expectOut(run, 'cd /tmp; echo one > r1; echo two >> r1; cat r1', 'one\ntwo\n')
  await expectOut(run, 'cd /tmp; echo new > r1; cat r1', 'new\n')
  const r = await run('cd /tmp; ls /nonexistent 2> r2; echo status $?; cat r2 | wc -l; echo to-err >&2')
  assert.equal(r.stdout, 'status 2\n1\n')
  assert.equal(r.stderr, 'to-err\n')
  await expectOut(run, 'ls /nonexistent 2>&1 | wc -l', '1\n')
  await expectOut(run, 'cd /tmp; { echo out; echo err >&2; } > r3 2>&1; cat r3', 'out\nerr\n')
  await expectOut(run, 'cd /tmp; set -C; echo a > r4; echo b > r4; echo $?; echo c >| r4; cat r4', '2\nc\n')
})

test('input redirections: <, n<&m, <>, and errors on missing files', async () => {
  await sys().writeFile('/tmp/in1', 'line1\nline2\n')
  await expectOut(run, 'cat < /tmp/in1', 'line1\nline2\n')
  await expectOut(run, 'read a 3</tmp/in1 <&3; echo $a', 'line1\n')
  await expectOut(run, 'cd /tmp; echo hi 1<>rw; cat rw', 'hi\n')
  const r = await run('cat < /nonexistent; echo $?')
  assert.equal(r.stdout, '2\n')
  assert.equal(r.stderr, 'sh: 1: /nonexistent: file does not exist\n')
  await expectOut(run, '{ :; } < /nonexistent; echo $?; echo | cat < /nonexistent; echo $?; f() { :; }; f < /nonexistent; echo $?', '2\n2\n2\n')
  const bad = await run('echo x >&7; echo $?')
  assert.equal(bad.stdout, '2\n')
  assert.match(bad.stderr, /7: bad file descriptor/)
})

test('redirections on builtins, functions, groups and loops', async () => {
  await expectOut(run, 'cd /tmp; { echo a; echo b; } > g1; cat g1', 'a\nb\n')
  await expectOut(run, 'cd /tmp; pwd > g2; cat g2', '/tmp\n')
  await expectOut(run, 'cd /tmp; f() { echo in-f; }; f > g3; echo after; cat g3', 'after\nin-f\n')
  await expectOut(run, 'cd /tmp; printf "1\\n2\\n3\\n" > g4; while read n; do echo "n=$n"; done < g4', 'n=1\nn=2\nn=3\n')
  await expectOut(run, 'cd /tmp; for i in 1 2; do echo $i; done > g5; cat g5', '1\n2\n')
  await expectOut(run, 'cd /tmp; if true; then echo yes; fi > g6; cat g6', 'yes\n')
  // the shell's own output is untouched afterwards
  await expectOut(run, 'cd /tmp; { echo quiet; } > /dev/null; echo loud', 'loud\n')
  // `read` leaves the rest of a file to the next reader
  await expectOut(run, 'cd /tmp; { read first; cat; } < g4', '2\n3\n')
})

test('here-documents: expansion, quoted delimiters, <<-, in loops and functions', async () => {
  await expectOut(run, 'x=world; cat <<EOF\nhello $x $(echo sub) $((1+1))\n\\$x\nEOF', 'hello world sub 2\n$x\n')
  await expectOut(run, "cat <<'EOF'\nno $expansion here\nEOF", 'no $expansion here\n')
  await expectOut(run, 'cat <<"E"\n$x `x`\nE', '$x `x`\n')
  await expectOut(run, 'cat <<-EOF\n\tindented\n\tEOF\necho done', 'indented\ndone\n')
  await expectOut(run, 'while read a; do echo "[$a]"; done <<EOF\n1\n2\nEOF', '[1]\n[2]\n')
  await expectOut(run, 'f() { cat; }; f <<EOF\nto f\nEOF', 'to f\n')
  await expectOut(run, 'cat <<A; cat <<B\na\nA\nb\nB', 'a\nb\n')
  const big = 'x'.repeat(200000)
  await expectOut(run, `cat <<EOF | wc -c\n${big}\nEOF`, '200001\n')
})

test('exec: redirections on the shell itself, and replacing the shell', async () => {
  await expectOut(run, 'cd /tmp; exec 3>e1; echo three >&3; exec 3>&-; cat e1', 'three\n')
  await expectOut(run, 'cd /tmp; exec > e2; echo hidden; exec >&2; cat e2 >&2', '')
  await expectOut(run, 'exec 4</etc/profile; read l <&4; echo "$l"', '# /etc/profile: read by every login shell\n')
  await expectOut(run, 'exec sh -c "echo replaced; exit 5"; echo never', 'replaced\n', 5)
})

test('a child shell can name the descriptors it was given, and only those', async () => {
  await expectOut(run, `exec 5</etc/profile; sh -c 'read l <&5; echo "$l"'`, '# /etc/profile: read by every login shell\n')
  const r = await run(`exec 7>&-; sh -c 'echo x >&7'; echo status $?`)
  assert.equal(r.stdout, 'status 2\n')
  assert.match(r.stderr, /7/)
})

test('bash {NAME} redirections choose a descriptor from 10 and close it by name', async () => {
  await expectOut(run, "bash -c 'cd /tmp; exec {a}>one {b}>two; echo $a $b; echo A >&$a; echo B >&$b; exec {a}>&- {b}>&-; cat one two; echo x >&$a || echo closed'", '10 11\nA\nB\nclosed\n')
  await expectOut(run, "bash -c 'cd /tmp; echo l1 > f; exec {r}<f; read -u $r line; echo $line; exec {r}<&-; { echo grouped >&$w; } {w}>g; cat g'", 'l1\ngrouped\n')
  const r = await run("bash -c 'exec {z}>&-'; echo $?")
  assert.equal(r.stdout, '1\n')
  assert.equal(r.stderr, 'bash: line 1: z: ambiguous redirect\n')
})

test('exec &>FILE sends both outputs to FILE for the rest of the script', async () => {
  await expectOut(run, "bash -c 'exec &>/tmp/both; echo out; echo err >&2'; cat /tmp/both", 'out\nerr\n')
  await expectOut(run, "bash -c 'set -C; echo > /tmp/both'; echo $?", '1\n')
  assert.equal((await run("bash -c 'set -C; echo > /tmp/both'")).stderr, 'bash: line 1: /tmp/both: cannot overwrite existing file\n')
})
