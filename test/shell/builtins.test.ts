/** The shell's builtins. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BUILTIN_HELP } from '../../src/shell/builtins/helptext.ts'
import { BUILTINS } from '../../src/shell/builtins/index.ts'
import { expectOut, shell, useSystem } from './helpers.ts'

const sys = useSystem()
const run = shell(sys)

test('cd and pwd: HOME, -, PWD and OLDPWD, errors', async () => {
  await expectOut(run, 'cd /tmp; pwd; cd; pwd; cd -; echo $PWD $OLDPWD', '/tmp\n/home/glenda\n/tmp\n/tmp /home/glenda\n')
  await expectOut(run, 'cd /tmp && cd .. && pwd', '/\n')
  const r = await run('cd /nonexistent; echo $?; pwd')
  assert.equal(r.stdout, '2\n/home/glenda\n')
  assert.equal(r.stderr, 'sh: 1: cd: /nonexistent: file does not exist\n')
  await expectOut(run, 'cd /tmp; mkdir -p cdp/inner; CDPATH=/tmp/cdp; cd inner', '/tmp/cdp/inner\n')
})

test('export: children see exported variables only', async () => {
  await expectOut(run, 'A=1; export B=2; env | grep -E "^(A|B)="', 'B=2\n')
  await expectOut(run, 'C=3; export C; sh -c "echo \\$C"', '3\n')
  await expectOut(run, 'D=4 sh -c "echo \\$D"; echo "[$D]"', '4\n[]\n')
  await expectOut(run, 'export E=5; export -p | grep " E="', "export E='5'\n")
})

test('unset, readonly, set listing', async () => {
  await expectOut(run, 'x=1; unset x; echo "[${x-unset}]"; f() { :; }; unset -f f; f; echo $?', '[unset]\n127\n')
  const r = await run('readonly R=1; R=2; echo $R')
  assert.equal(r.stderr, 'sh: 1: R: is read only\n')
  assert.equal(r.exitCode, 2)
  await expectOut(run, 'zz=last; set | grep "^zz="', "zz='last'\n")
})

test('set -- and shift', async () => {
  await expectOut(run, 'set -- a b c; shift; echo "$@"; shift 2; echo $#', 'b c\n0\n')
  await expectOut(run, 'set -- x y; echo $1; set -e -- p; echo $1 $-', 'x\np e\n')
})

test('an error in a special builtin ends the script with status 2, as in dash; `command` keeps it going', async () => {
  const fatal = ['set -- a; shift 2', 'shift x', 'set -Z', 'set -o nope', 'export 1a=b', 'readonly 1a', 'unset -v 1a', 'unset -Z', '. /nope', '.', 'for i in 1; do break 0; done', 'continue x', ': < /nope', 'trap -Z', 'f() { shift 3; }; f', 'shift 3 || echo or']
  for (const s of fatal) await expectOut(run, `(${s}; echo never); echo "st $?"`, 'st 2\n')
  await expectOut(run, 'x=$(shift 3; echo no); echo "st $? [$x]"', 'st 2 []\n')
  await expectOut(run, 'set -- a; command shift 2; echo "st $?"; command . /nope; echo "st $?"', 'st 2\nst 2\n')
  // a bad trap condition is only a failure status
  await expectOut(run, 'trap : BOGUS; echo "st $?"', 'st 1\n')
})

test('exit, return, eval, source', async () => {
  await expectOut(run, 'exit 3; echo no', '', 3)
  await expectOut(run, 'false; exit', '', 1)
  await expectOut(run, '(exit 300); echo $?', '44\n')
  await expectOut(run, 'cmd="echo evaled; x=9"; eval "$cmd"; echo $x', 'evaled\n9\n')
  await expectOut(run, 'eval "exit 4"; echo no', '', 4)
  await sys().writeFile('/tmp/lib.sh', 'libvar=loaded\nlibfn() { echo "libfn $1"; }\nreturn 5\necho never\n')
  await expectOut(run, '. /tmp/lib.sh; echo $? $libvar; libfn arg; source /tmp/lib.sh; echo $?', '5 loaded\nlibfn arg\n5\n')
  await expectOut(run, 'cd /tmp; . ./lib.sh; echo $libvar', 'loaded\n')
  const r = await run('. /tmp/missing.sh; echo no')
  assert.equal(r.exitCode, 2)
  assert.equal(r.stderr, 'sh: 1: .: /tmp/missing.sh: file does not exist\n')
})

test('read: -r, several names, IFS, REPLY, end of file', async () => {
  await expectOut(run, 'read a b c; echo "$a|$b|$c"', 'one|two|three four\n', 0, { stdin: '  one two  three four  \n' })
  await expectOut(run, 'read x; echo "$x"', 'a b\n', 0, { stdin: 'a\\\n b\n' })
  await expectOut(run, 'read -r x; echo "$x"', 'a\\tb\n', 0, { stdin: 'a\\tb\n' })
  await expectOut(run, 'IFS=: read u h; echo "$u/$h"; echo "[$IFS]"', 'root/x:y\n[ \t\n]\n', 0, { stdin: 'root:x:y\n' })
  await expectOut(run, 'read; echo "$REPLY"', 'whole line\n', 0, { stdin: 'whole line\n' })
  await expectOut(run, 'read x; echo $? "$x"; read y; echo $? "[$y]"', '1 partial\n1 []\n', 0, { stdin: 'partial' })
  await expectOut(run, 'while read l; do echo "<$l>"; done', '<1>\n<2>\n', 0, { stdin: '1\n2\n' })
  await expectOut(run, 'read a; cat', 'rest\n', 0, { stdin: 'first\nrest\n' })
})

test('test and [: strings, integers, files, logic', async () => {
  const t = async (expr: string, expect: number): Promise<void> => {
    const r = await run(`test ${expr}; echo $?; [ ${expr} ]; echo $?`)
    assert.equal(r.stdout, `${expect}\n${expect}\n`, `test ${expr} (stderr: ${r.stderr})`)
  }
  await t('', 1)
  await t('abc', 0)
  await t('""', 1)
  await t('-z ""', 0)
  await t('-n ""', 1)
  await t('a = a', 0)
  await t('a != a', 1)
  await t('2 -eq 2', 0)
  await t('2 -ne 2', 1)
  await t('1 -lt 2', 0)
  await t('2 -le 1', 1)
  await t('3 -gt 2', 0)
  await t('2 -ge 3', 1)
  await t('-e /etc/profile', 0)
  await t('-f /etc/profile', 0)
  await t('-d /etc/profile', 1)
  await t('-d /tmp', 0)
  await t('-s /etc/profile', 0)
  await t('-e /nonexistent', 1)
  await t('-r /etc/profile', 0)
  await t('-w /etc/profile', 1)
  await t('-x /bin/ls', 0)
  await t('! -e /nonexistent', 0)
  await t('a = a -a b = c', 1)
  await t('a = a -o b = c', 0)
  await t('\\( a = b -o a = a \\) -a ! x = y', 0)
  await t('! a = a', 1)
  await t('-n', 0)
  const bad = await run('[ 1 -eq x ]; echo $?; [ a = a; echo $?')
  assert.equal(bad.stdout, '2\n2\n')
  assert.equal(bad.stderr, 'sh: 1: [: Illegal number: x\nsh: 1: [: missing ]\n')
})

test('true, false, :', async () => {
  await expectOut(run, 'true; echo $?; false; echo $?; : anything; echo $?', '0\n1\n0\n')
})

test('type and command -v know keywords, functions, builtins and programs', async () => {
  await expectOut(run, 'f() { :; }; type f cd if ls', 'f is a shell function\ncd is a shell builtin\nif is a shell keyword\nls is /bin/ls\n')
  const r = await run('type nosuch')
  assert.equal(r.stdout, 'nosuch: not found\n')
  assert.equal(r.exitCode, 127)
  // nothing by that name: 127 as in dash, 1 as in bash
  await expectOut(run, 'f() { :; }; command -v f cd ls; command -v nosuch; echo $?', 'f\ncd\n/bin/ls\n127\n')
  await expectOut(run, 'bash -c \'command -v nosuch; echo $?\'', '1\n')
  await expectOut(run, 'ls() { echo function; }; command ls -d /tmp', '/tmp\n')
  await expectOut(run, 'PATH=/nowhere command -v ls; echo $?', '127\n')
})

test('echo, printf, pwd, test, true, false and kill are builtins: a clean namespace has them', async () => {
  await expectOut(run, 'rfork -n sh -c \'echo hi; printf "%s=%d\\n" n 4; pwd; [ a = a ] && test 1 -lt 2 && true; ! false; echo $?\'', 'hi\nn=4\n/\n0\n')
  await expectOut(run, 'command -v echo; command -v printf; type pwd; /bin/echo by path', 'echo\nprintf\npwd is a shell builtin\nby path\n')
  await expectOut(run, 'printf -v v "%03d|%s" 7 x; echo "$v"; echo --help', '007|x\n--help\n')
  const bad = await run('printf -v 1x %s y')
  assert.equal(bad.exitCode, 2)
})

test('kill %1 ends a job; an interactive shell reports it Terminated like bash', async () => {
  const r = await sys().exec(['sh', '-i'], { stdin: 'sleep 100 &\nkill %1\nsleep 1\necho after\n' })
  assert.match(r.stderr, /\[1\]\+ {2}Terminated {14}sleep 100\n/)
  assert.match(r.stdout, /after\n/)
})

test('help: every builtin has its synopsis and a line of what it does; other names go to /bin/help', async () => {
  assert.deepEqual(Object.keys(BUILTIN_HELP).sort(), [...BUILTINS.keys()].sort())
  await expectOut(run, 'help cd', 'cd: cd [-L|-P] [dir]\n    Changes the working directory (to $HOME without dir, to $OLDPWD with -).\n')
  await expectOut(run, 'help -s echo; help -d true', 'echo: echo [-neE] [arg ...]\ntrue - Succeeds: status 0.\n')
  const ls = await run('help ls')
  assert.match(ls.stdout, /^usage: ls /)
  const none = await run('help no-such-thing; echo $?')
  assert.equal(none.stdout, '1\n')
  assert.match(none.stderr, /no help topics match 'no-such-thing'/)
  assert.equal((await run('help | grep -c "^ "')).stdout, `${BUILTINS.size}\n`)
})
