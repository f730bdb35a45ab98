/** The text and process commands: help, usage errors, error messages, and what the host cannot compare. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { SIGNALS, type ProcContext } from '../../src/kernel/types.ts'
import { bootFiles, scratch } from './filesfixture.ts'
import { heldHost } from '../hostturns.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

const decode = (b: Uint8Array): string => new TextDecoder().decode(b)

/** Installs a test program in /bin (replacing one of the same name). */
function install(name: string, fn: (proc: ProcContext) => Promise<number>): void {
  if (sys.bins.get(name)) sys.bins.remove(name)
  sys.bins.add(name, fn)
}

const MINE = ['echo', 'printf', 'grep', 'sed', 'sort', 'uniq', 'tr', 'cut', 'tee', 'seq', 'sleep', 'yes', 'env', 'date', 'basename', 'dirname', 'xargs', 'ps', 'kill', 'whoami', 'id', 'clear', 'help', 'true', 'false', 'test']

test('every command answers --help with its usage and summary', async () => {
  for (const name of MINE) {
    const r = await sys.exec([name, '--help'])
    assert.equal(r.exitCode, 0, name)
    assert.match(r.stdout, new RegExp(`^usage: ${name} .*\\n\\S`), name)
    assert.equal(r.stderr, '')
  }
})

test('unknown flags are rejected with a usage message', async () => {
  const status: Record<string, number> = { grep: 2, sort: 2, env: 125 }
  for (const name of ['grep', 'sed', 'sort', 'uniq', 'tr', 'cut', 'tee', 'seq', 'sleep', 'yes', 'env', 'date', 'basename', 'dirname', 'xargs', 'ps', 'whoami', 'id', 'clear', 'help']) {
    const r = await sys.exec([name, '-%'])
    assert.equal(r.exitCode, status[name] ?? 1, name)
    assert.equal(r.stdout, '', name)
    assert.match(r.stderr, new RegExp(`^${name}: invalid option -- '%'\\nusage: ${name} `), name)
  }
})

test('file errors read `cmd: path: reason` with Plan 9 reasons', async () => {
  const cases: [string[], number, string][] = [
    [['grep', 'x', 'nope'], 2, 'grep: nope: file does not exist\n'],
    [['sed', 'p', 'nope'], 2, 'sed: nope: file does not exist\n'],
    [['sort', 'nope'], 2, 'sort: nope: file does not exist\n'],
    [['cut', '-f1', 'nope'], 1, 'cut: nope: file does not exist\n'],
    [['uniq', 'nope'], 1, 'uniq: nope: file does not exist\n'],
    [['tee', '/nodir/x'], 0, ''],
    [['date', '-r', 'nope'], 1, 'date: nope: file does not exist\n'],
    [['shuf', 'nope'], 1, 'shuf: nope: file does not exist\n'],
    [['tsort', 'nope'], 1, 'tsort: nope: file does not exist\n'],
    [['split', 'nope'], 1, 'split: nope: file does not exist\n'],
    [['csplit', 'nope', '1'], 1, 'csplit: nope: file does not exist\n'],
    [['od', 'nope'], 1, 'od: nope: file does not exist\n'],
    [['hexdump', 'nope'], 1, 'hexdump: nope: file does not exist\n'],
    [['xxd', 'nope'], 2, 'xxd: nope: file does not exist\n'],
  ]
  for (const [argv, status, stderr] of cases) {
    const r = await sys.exec(argv, { cwd: '/tmp', stdin: '' })
    if (argv[0] === 'tee') {
      assert.equal(r.exitCode, 1)
      assert.match(r.stderr, /^tee: \/nodir\/x: /)
      continue
    }
    assert.equal(r.stderr, stderr, argv.join(' '))
    assert.equal(r.exitCode, status, argv.join(' '))
  }
})

test('grep and sed report bad expressions as GNU does', async () => {
  let r = await sys.exec(['grep', 'a\\{1'], { stdin: 'a\n' })
  assert.deepEqual([r.exitCode, r.stderr], [2, 'grep: Unmatched \\{\n'])
  r = await sys.exec(['sed', 's/a/b'], { stdin: 'a\n' })
  assert.deepEqual([r.exitCode, r.stderr], [1, "sed: -e expression #1, char 5: unterminated `s' command\n"])
  r = await sys.exec(['sed', 'k'], { stdin: 'a\n' })
  assert.deepEqual([r.exitCode, r.stderr], [1, "sed: -e expression #1, char 1: unknown command: `k'\n"])
  r = await sys.exec(['sed', 'L 5'], { stdin: 'a\n' })
  assert.equal(r.exitCode, 1)
  assert.match(r.stderr, /not implemented: L/)
})

test('a sed script that loops without reading does not hold the host: other work goes on, kill ends it, and so does a timeout', async () => {
  for (const script of [':a; ba', ':a; s/x/x/; ta', ':a; s/y/y/; Ta']) {
    const r = await sys.run(`echo x | sed '${script}' & sleep 0.2; echo meanwhile; kill $!; wait $!; echo status $?`)
    assert.equal(r.stdout, 'meanwhile\nstatus 143\n', script)
  }
  // D with a newline left begins the next cycle without reading: G;D never ends, as in GNU sed
  const r = await sys.run("printf 'a\\nb\\n' | sed 'G;D'", { timeoutMs: 200 })
  assert.deepEqual([r.exitCode, r.ended], [124, 'timeout'])
})

test('sort of a million lines leaves the host its turns (one sort of them all held it 1.4 s), and gives the same order', async () => {
  await sys.run(`seq 1 1000000 | awk '{ print $1 % 5000, "xx", $1 }' > /tmp/million`)
  // GNU sort's output for the same lines (LC_ALL=C.UTF-8 sort ARGS FILE | md5sum)
  const gnu: [string, string][] = [
    ['-k3n', 'cc15348fc74792b85aa635f266644ab0'],
    ['-s -k1,1n', '4a2b7636fb1b6dfeea744f3a37e41aad'],
    ['-u', '0f9ed54ee3943d7c4bd79864f233c86c'],
  ]
  for (const [args, md5] of gnu) {
    const { result, longest } = await heldHost(() => sys.run(`sort ${args} /tmp/million | md5sum`))
    assert.equal(result.stdout, `${md5}  -\n`, args)
    assert.ok(longest < 600, `sort ${args} held the host ${longest.toFixed(0)} ms`)
  }
  await sys.run('rm /tmp/million')
})

test('sed w and s///w write their files (emptied first), r reads one', async () => {
  const dir = await scratch(sys, { old: 'stale\n', add: 'added\n' })
  const r = await sys.exec(['sed', '-n', '/o/w hits\ns/t/T/w old\n1r add\n2q', 'in'], { cwd: dir })
  assert.equal(r.exitCode, 2)
  await sys.writeFile(`${dir}/in`, 'one\ntwo\nthree\n')
  const ok = await sys.exec(['sed', '/o/w hits\ns/t/T/w old\n1r add\n$d', 'in'], { cwd: dir })
  assert.deepEqual([ok.exitCode, ok.stdout, ok.stderr], [0, 'one\nadded\nTwo\n', ''])
  assert.equal(decode(await sys.readFile(`${dir}/hits`)), 'one\ntwo\n')
  assert.equal(decode(await sys.readFile(`${dir}/old`)), 'Two\nThree\n')
})

test('sed -i edits each file in place', async () => {
  const dir = await scratch(sys, { f: 'one\ntwo\n', g: 'xo\n' })
  const r = await sys.exec(['sed', '-i', 's/o/0/g;$s/$/!/', 'f', 'g'], { cwd: dir })
  assert.deepEqual([r.exitCode, r.stdout, r.stderr], [0, '', ''])
  assert.equal(decode(await sys.readFile(`${dir}/f`)), '0ne\ntw0!\n')
  assert.equal(decode(await sys.readFile(`${dir}/g`)), 'x0!\n')
})

test('tee writes every file, streaming; -a appends', async () => {
  const dir = await scratch(sys, { old: 'old\n' })
  let r = await sys.exec(['tee', 'a', 'b'], { cwd: dir, stdin: 'x\ny\n' })
  assert.deepEqual([r.exitCode, r.stdout], [0, 'x\ny\n'])
  assert.equal(decode(await sys.readFile(`${dir}/a`)), 'x\ny\n')
  assert.equal(decode(await sys.readFile(`${dir}/b`)), 'x\ny\n')
  r = await sys.exec(['tee', '-a', 'old', 'new'], { cwd: dir, stdin: 'more\n' })
  assert.equal(r.exitCode, 0)
  assert.equal(decode(await sys.readFile(`${dir}/old`)), 'old\nmore\n')
  assert.equal(decode(await sys.readFile(`${dir}/new`)), 'more\n')
})

test('sort -o writes the output file (which may be an input)', async () => {
  const dir = await scratch(sys, { f: 'b\nc\na\n' })
  const r = await sys.exec(['sort', '-o', 'f', 'f'], { cwd: dir })
  assert.deepEqual([r.exitCode, r.stdout], [0, ''])
  assert.equal(decode(await sys.readFile(`${dir}/f`)), 'a\nb\nc\n')
})

test('seq builds a million lines', async () => {
  const r = await sys.exec(['seq', '1', '1000000'])
  assert.equal(r.exitCode, 0)
  const lines = r.stdout.split('\n')
  assert.equal(lines.length, 1000001)
  assert.equal(lines[999999], '1000000')
  assert.equal(lines[1000000], '')
})

test('grep searches a large input', async () => {
  const input = Array.from({ length: 100000 }, (_, i) => String(i + 1)).join('\n') + '\n'
  const r = await sys.exec(['grep', '-c', '7'], { stdin: input })
  assert.deepEqual([r.exitCode, r.stdout], [0, '40951\n'])
})

test('yes fills a pipe with lines and stops when the reader goes away', async () => {
  const dir = await scratch(sys)
  install('yes-head', async (proc) => {
    const [r, w] = proc.pipe()
    const child = await proc.spawn(['yes', 'ab', 'c'], { fds: { 1: w } })
    await proc.close(w)
    const first = await proc.read(r, 20)
    await proc.close(r)
    await proc.stdout.write(new TextDecoder().decode(first))
    return child.wait()
  })
  const r = await sys.exec(['yes-head'], { cwd: dir })
  assert.equal(r.stdout, 'ab c\nab c\nab c\nab c\n')
  assert.equal(r.exitCode, 141) // SIGPIPE, as on Unix
})

test('sleep waits, accepts suffixes, and a signal ends it at once', async () => {
  let r = await sys.exec(['sleep', '0.05', '0.01s'])
  assert.deepEqual([r.exitCode, r.stderr], [0, ''])
  r = await sys.exec(['sleep', 'x'])
  assert.equal(r.exitCode, 1)
  assert.match(r.stderr, /^sleep: invalid time interval 'x'\n/)
  r = await sys.exec(['sleep'])
  assert.match(r.stderr, /^sleep: missing operand\n/)
  install('sleep-killed', async (proc) => {
    const child = await proc.spawn(['sleep', '1h'])
    proc.kill(child.pid, 'SIGTERM')
    return child.wait()
  })
  r = await sys.exec(['sleep-killed'])
  assert.equal(r.exitCode, 128 + 15)
})

test('env prints, changes and clears the environment and runs commands', async () => {
  let r = await sys.exec(['env'], { env: { FOO: 'bar' } })
  assert.match(r.stdout, /^FOO=bar$/m)
  assert.match(r.stdout, /^USER=glenda$/m)
  r = await sys.exec(['env', '-i', 'A=1', 'B=x=y', 'env'])
  assert.equal(r.stdout, 'A=1\nB=x=y\n')
  r = await sys.exec(['env', '-u', 'HOME', 'env'])
  assert.doesNotMatch(r.stdout, /^HOME=/m)
  r = await sys.exec(['env', '-', 'env'])
  assert.equal(r.stdout, '')
  r = await sys.exec(['env', 'false'])
  assert.equal(r.exitCode, 1)
  r = await sys.exec(['env', 'nosuch'])
  assert.deepEqual([r.exitCode, r.stderr], [127, 'env: nosuch: file does not exist\n'])
  r = await sys.exec(['env', 'X=1', 'test', '-n', 'x'])
  assert.equal(r.exitCode, 0)
})

test('date formats a given time like GNU date -u', async () => {
  let r = await sys.exec(['date', '-d', '@1795506344'])
  assert.equal(r.stdout, 'Tue Nov 24 07:45:44 UTC 2026\n')
  r = await sys.exec(['date', '-u', '-d', '2026-03-05 04:05:06', '+%Y-%m-%d %H:%M:%S %j %a %A %b %B %e %k %l %I %p %P %s %u %w %y %C %D %F %T %R %z %:z %Z %% %-d %_m %05Y %^a'])
  assert.equal(r.stdout, '2026-03-05 04:05:06 064 Thu Thursday Mar March  5  4  4 04 AM am 1772683506 4 4 26 20 03/05/26 2026-03-05 04:05:06 04:05 +0000 +00:00 UTC % 5  3 02026 THU\n')
  r = await sys.exec(['date', '-d', '2021-01-03', '+%G %V %U %W %g'])
  assert.equal(r.stdout, '2020 53 01 00 20\n')
  r = await sys.exec(['date', '-R', '-d', '@0'])
  assert.equal(r.stdout, 'Thu, 01 Jan 1970 00:00:00 +0000\n')
  r = await sys.exec(['date', '-d', 'yesterday-ish'])
  assert.deepEqual([r.exitCode, r.stderr], [1, "date: invalid date 'yesterday-ish'\n"])
  r = await sys.exec(['date', '+%Y'])
  assert.equal(r.stdout, `${new Date().getUTCFullYear()}\n`)
})

test('xargs builds command lines from its input', async () => {
  let r = await sys.exec(['xargs'], { stdin: 'a b\n"c d" e\\ f\n' })
  assert.equal(r.stdout, 'a b c d e f\n')
  r = await sys.exec(['xargs', '-n', '2', 'echo', '>'], { stdin: '1 2 3 4 5\n' })
  assert.equal(r.stdout, '> 1 2\n> 3 4\n> 5\n')
  r = await sys.exec(['xargs', '-I', '{}', 'echo', 'x{}y', '{}'], { stdin: '1\n  two words\n' })
  assert.equal(r.stdout, 'x1y 1\nxtwo wordsy two words\n')
  r = await sys.exec(['xargs', '-0', '-n1', 'echo'], { stdin: 'a\0b c\0' })
  assert.equal(r.stdout, 'a\nb c\n')
  r = await sys.exec(['xargs', '-L', '1', 'echo'], { stdin: 'a b\nc\n' })
  assert.equal(r.stdout, 'a b\nc\n')
  r = await sys.exec(['xargs', 'echo', 'hi'], { stdin: '' })
  assert.equal(r.stdout, 'hi\n')
  r = await sys.exec(['xargs', '-r', 'echo', 'hi'], { stdin: '' })
  assert.equal(r.stdout, '')
  r = await sys.exec(['xargs', '-t', 'echo'], { stdin: 'a b\n' })
  assert.deepEqual([r.stdout, r.stderr], ['a b\n', 'echo a b\n'])
  r = await sys.exec(['xargs', 'false'], { stdin: 'a\n' })
  assert.equal(r.exitCode, 123)
  r = await sys.exec(['xargs', 'nosuch'], { stdin: 'a\n' })
  assert.deepEqual([r.exitCode, r.stderr], [127, 'xargs: nosuch: file does not exist\n'])
  r = await sys.exec(['xargs', 'echo'], { stdin: "a 'b\n" })
  assert.equal(r.stdout, 'a\n')
  assert.equal(r.exitCode, 1)
  assert.match(r.stderr, /unmatched single quote/)
})

test('ps reads the forms scripts use on Linux: aux, -ef, -o with headers, -p, -u, --no-headers', async () => {
  const r = await sys.run('sleep 5 & p=$!; ps aux | grep " sleep 5$"; ps -ef | head -1; ps -o pid=,comm= -p $p; ps -o pid,ppid=PARENT,stat -p $p; ps --no-headers -o comm -u glenda | grep -c sleep; kill $p; ps -p 99999; echo "status $?"')
  const lines = r.stdout.split('\n')
  assert.match(lines[0]!, /^glenda +\d+ +- +- +- +- +- +R +\d\d:\d\d +- sleep 5$/)
  assert.equal(lines[1], 'UID    PID PPID C STIME TT TIME CMD')
  assert.match(lines[2]!, /^\d+ sleep$/)
  assert.match(lines[3]!, /^PID PARENT STAT$/)
  assert.match(lines[4]!, /^ *\d+ +\d+ R$/)
  assert.deepEqual(lines.slice(5), ['1', 'PID USER     STATE    COMMAND'.replace(/^/, '  '), 'status 1', ''])
  const bad = await sys.run('ps -o bogus; ps zz')
  assert.equal(bad.stderr, 'ps: unknown user-defined format specifier "bogus"\nusage: ps [aux] [-ef] [-o field[=header],...] [-p pid,...] [-u user,...] [--no-headers]\nps: unsupported option (BSD syntax) \'zz\'\nusage: ps [aux] [-ef] [-o field[=header],...] [-p pid,...] [-u user,...] [--no-headers]\n')
})

test('pgrep and pkill choose processes by name, command line, user and parent, as procps does', async () => {
  const r = await sys.run(
    [
      'sleep 30 & a=$!; sleep 31 & b=$!; sh -c "sleep 32" & c=$!',
      'sleep 0.05',
      'test "$(pgrep -x sleep | tr "\\n" " ")" = "$a $b $(pgrep -P $c sleep) " && echo by-name',
      'test "$(pgrep -f "^sleep 31")" = $b && echo by-line',
      'pgrep -l -f "^sleep 30" | sed "s/^$a /A /"',
      'pgrep -a -n -x sleep | cut -d" " -f2-',
      'pgrep -c -u glenda -x sleep; pgrep -c -u nobody sleep; echo "none $?"',
      'pgrep -x slee; echo "exact $?"; pgrep -i -x SLEEP | wc -l',
      'pkill -e -f "^sleep 31" | sed "s/$b/B/"; sleep 0.05; pgrep -f "^sleep 31"; echo "gone $?"',
      'pkill -KILL -x sleep; echo "killed $?"; sleep 0.05; pgrep -x sleep; echo "all gone $?"',
      'pkill -x sleep; echo "nothing left $?"',
    ].join('; '),
  )
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'by-name\nby-line\nA sleep\nsleep 32\n3\n0\nnone 1\nexact 1\n3\nsleep killed (pid B)\ngone 1\nkilled 0\nall gone 1\nnothing left 1\n')
  const bad = await sys.run('pgrep; echo "status $?"; pgrep "("; echo "status $?"; pkill -s NOSIG x; echo "status $?"')
  assert.equal(bad.stdout, 'status 2\nstatus 2\nstatus 2\n')
  assert.match(bad.stderr, /^pgrep: no matching criteria specified\nusage: pgrep /)
})

test('ps lists the processes; kill signals them and reports missing ones', async () => {
  let r = await sys.exec(['ps'])
  const lines = r.stdout.split('\n')
  assert.equal(lines[0], '  PID USER     STATE    COMMAND')
  assert.match(r.stdout, /^ +1 root +\S+ +init/m)
  assert.match(r.stdout, /^ +\d+ glenda +\S+ +ps$/m)
  r = await sys.exec(['kill', '99999'])
  assert.deepEqual([r.exitCode, r.stderr], [1, 'kill: 99999: process not found\n'])
  r = await sys.exec(['kill', '-l'])
  assert.equal(r.stdout, Object.keys(SIGNALS).map((n) => n.slice(3) + '\n').join(''))
  assert.match(r.stdout, /^HUP\nINT\nKILL\n/)
  r = await sys.exec(['kill', '-l', '9', '143', 'TERM'])
  assert.equal(r.stdout, 'KILL\nTERM\n15\n')
  r = await sys.exec(['kill', '-s', 'BOGUS', '1'])
  assert.equal(r.exitCode, 1)
  assert.match(r.stderr, /BOGUS: invalid signal specification/)
  r = await sys.exec(['kill', 'abc'])
  assert.deepEqual([r.exitCode, r.stderr], [1, 'kill: abc: arguments must be process ids\n'])
  for (const form of [['-9'], ['-KILL'], ['-s', 'KILL'], ['-SIGKILL'], ['-s', '9']]) {
    install('kill-child', async (proc) => {
      const child = await proc.spawn(['sleep', '1h'])
      const killer = await proc.spawn(['kill', ...form, String(child.pid)])
      const k = await killer.wait()
      return k === 0 ? child.wait() : 200 + k
    })
    r = await sys.exec(['kill-child'])
    assert.equal(r.exitCode, 137, form.join(' '))
  }
  install('kill-group', async (proc) => {
    const a = await proc.spawn(['sleep', '1h'], { pgid: 'new' })
    const b = await proc.spawn(['sleep', '1h'], { pgid: a.pid })
    const killer = await proc.spawn(['kill', '--', `-${a.pid}`])
    await killer.wait()
    return (await a.wait()) === 143 && (await b.wait()) === 143 ? 0 : 1
  })
  r = await sys.exec(['kill-group'])
  assert.equal(r.exitCode, 0)
})

test('whoami and id name the user; id -u, -g and -G give the numbers scripts compare (0 for root, 1000 for the others)', async () => {
  assert.equal((await sys.exec(['whoami'])).stdout, 'glenda\n')
  assert.equal((await sys.exec(['whoami'], { user: 'root' })).stdout, 'root\n')
  assert.equal((await sys.exec(['id'])).stdout, 'uid=glenda gid=glenda groups=glenda\n')
  assert.equal((await sys.exec(['id', '-un'])).stdout, 'glenda\n')
  assert.equal((await sys.exec(['id', '-gn'])).stdout, 'glenda\n')
  assert.equal((await sys.exec(['id', '-Gn'])).stdout, 'glenda\n')
  assert.equal((await sys.exec(['groups'])).stdout, 'glenda\n')
  assert.match((await sys.exec(['groups', 'root'])).stderr, /not implemented: groups of another user/)
  assert.equal((await sys.exec(['id', '-u'])).stdout, '1000\n')
  assert.equal((await sys.exec(['id', '-g'])).stdout, '1000\n')
  assert.equal((await sys.exec(['id', '-G'])).stdout, '1000\n')
  const root = await sys.run('id -u; id -g; [ "$(id -u)" -eq 0 ] && echo "root, as a script checks"; echo $UID $EUID', { user: 'root' })
  assert.equal(root.stdout, '0\n0\nroot, as a script checks\n0 0\n')
  const r = await sys.exec(['id', '-u', '-g'])
  assert.equal(r.exitCode, 1)
})

test('clear writes the terminal clear sequence', async () => {
  assert.equal((await sys.exec(['clear'])).stdout, '\x1b[H\x1b[2J\x1b[3J')
})

test('help lists every command in /bin with its summary', async () => {
  const r = await sys.exec(['help'])
  assert.equal(r.exitCode, 0)
  const lines = r.stdout.trimEnd().split('\n')
  const names = lines.map((l) => l.split(' ')[0])
  assert.deepEqual(names, [...names].sort())
  for (const name of MINE) assert.ok(names.includes(name), name)
  assert.match(r.stdout, /^grep +print lines that match patterns$/m)
  assert.match(r.stdout, /^true +do nothing, successfully$/m)
  // a /bin file without a summary header is listed by name alone
  install('bare', async () => 0)
  assert.match((await sys.exec(['help'])).stdout, /^bare$/m)
})

test('help NAME shows the command\'s own --help; a name that is not a command in /bin is status 1', async () => {
  const one = await sys.exec(['help', 'grep'])
  assert.deepEqual([one.exitCode, one.stdout], [0, (await sys.exec(['grep', '--help'])).stdout])
  const two = await sys.exec(['help', 'sort', 'wc'])
  assert.equal(two.stdout, (await sys.exec(['sort', '--help'])).stdout + (await sys.exec(['wc', '--help'])).stdout)
  const none = await sys.exec(['help', 'cd', 'sort'])
  assert.deepEqual([none.exitCode, none.stderr], [1, "help: no help topics match 'cd' (help knows the commands in /bin)\n"])
  assert.equal(none.stdout, (await sys.exec(['sort', '--help'])).stdout)
})

test('true, false and test', async () => {
  assert.equal((await sys.exec(['true', 'ignored'])).exitCode, 0)
  assert.equal((await sys.exec(['false', 'ignored'])).exitCode, 1)
  const dir = await scratch(sys, { f: 'data', e: '', 'd/': '' })
  const cases: [string[], number][] = [
    [[], 1],
    [[''], 1],
    [['x'], 0],
    [['-n', ''], 1],
    [['-z', ''], 0],
    [['a', '=', 'a'], 0],
    [['a', '!=', 'a'], 1],
    [['2', '-lt', '10'], 0],
    [['10', '-le', '2'], 1],
    [[' 3 ', '-eq', '3'], 0],
    [['-f', 'f'], 0],
    [['-f', 'd'], 1],
    [['-d', 'd'], 0],
    [['-e', 'nope'], 1],
    [['-s', 'f'], 0],
    [['-s', 'e'], 1],
    [['-r', 'f'], 0],
    [['!', '-e', 'nope'], 0],
    [['-e', 'f', '-a', '-e', 'nope'], 1],
    [['-e', 'f', '-o', '-e', 'nope'], 0],
    [['(', '-e', 'f', ')'], 0],
    [['!', '(', 'a', '=', 'b', ')'], 0],
    [['a', '<', 'b'], 0],
    [['f', '-ef', 'f'], 0],
    [['1', '-eq', 'x'], 2],
    [['-f'], 0],
    [['a', 'b'], 2],
    [['a', 'b', 'c'], 2],
  ]
  for (const [args, status] of cases) {
    const r = await sys.exec(['test', ...args], { cwd: dir })
    assert.equal(r.exitCode, status, `test ${args.join(' ')}: ${r.stderr}`)
  }
  const r = await sys.exec(['test', '1', '-eq', 'x'])
  assert.equal(r.stderr, "test: invalid integer 'x'\n")
})

test('stdbuf -oL: a filter in a pipe passes each line on as it comes, not when its input ends', async () => {
  // the writer waits (2 s at most) for the reader to have seen its first line before it writes the second
  const pipeline = (filter: string): string =>
    'rm -f /tmp/seen; ( echo one; i=0; while [ ! -e /tmp/seen ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i+1)); done; ' +
    `[ -e /tmp/seen ] && echo two-after || echo two-timeout ) | ${filter} | while read -r l; do echo "$l"; touch /tmp/seen; done`
  for (const filter of ['grep o', 'awk 1', 'cut -c1-20', 'tr a-z a-z', 'sed -n p']) {
    assert.equal((await sys.run(pipeline(`stdbuf -oL ${filter}`))).stdout, 'one\ntwo-after\n', filter)
  }
  // sed -u: each line as it is done, with no look ahead for a `$` the script does not have
  assert.equal((await sys.run(pipeline('sed -u s/o/o/'))).stdout, 'one\ntwo-after\n')
  // without it the filter keeps its output until it is full or its input ends, as GNU's do in a pipe
  assert.equal((await sys.run(pipeline('grep o'))).stdout, 'one\ntwo-timeout\n')
  for (const [argv, status] of [[['stdbuf'], 125], [['stdbuf', 'true'], 125], [['stdbuf', '-oX', 'true'], 125], [['stdbuf', '-o1M', 'true'], 0], [['stdbuf', '-oL', 'no-such-command'], 127]] as const) {
    assert.equal((await sys.exec([...argv])).exitCode, status, argv.join(' '))
  }
})
