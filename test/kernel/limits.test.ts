/**
 * Resource limits: each one hit is a clean error in the process that hit it, and the system goes
 * on serving other users. The bombs run as a sandboxed plain user, through sys.run, as a tenant's
 * script would.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { boot, stdSystem, type RunOptions, type System } from '../../src/index.ts'
import { heldHost } from '../hostturns.ts'

/** glenda in a clean namespace with only the commands: an untrusted tenant. */
const sandbox = (more: RunOptions = {}): RunOptions => ({ user: 'glenda', rfork: 'N', namespace: [{ bind: '#b', at: '/bin' }, { bind: '/tmp', at: '/tmp', flags: 'c' }], ...more })

async function stillServes(sys: System): Promise<void> {
  assert.deepEqual(await sys.run('echo ok', { user: 'root' }), { stdout: 'ok\n', stderr: '', exitCode: 0 })
}

const GIB = 2 ** 30

test('a fork bomb ends with "no free processes" and the host stays up', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  // a lower limit than the default, so a loaded machine reaches it within the sleep too
  const r = await sys.run('bomb() { bomb | bomb & }; bomb; sleep 3', sandbox({ timeoutMs: 60_000, limits: { processes: 64 } }))
  assert.match(r.stderr, /no free processes/)
  assert.equal(r.ended, undefined, 'it ended by itself, not by the timeout')
  assert.equal(sys.kernel.procs.size, 1, 'every process of the bomb is gone')
  assert.ok(process.memoryUsage().heapUsed < GIB)
  await stillServes(sys)
})

test('a memory bomb: x=$(cat /dev/zero), a huge printf and awk building a string end with the string limit', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  for (const script of ['x=$(cat /dev/zero)', "x=$(printf '%0250000000d' 1)", 'x=a; while :; do x=$x$x; done']) {
    const r = await sys.run(script, sandbox())
    assert.equal(r.exitCode, 2, script)
    assert.match(r.stderr, /longer than the limit \(67108864\)/, script)
    assert.ok(process.memoryUsage().heapUsed < GIB, script)
  }
  // awk's strings are built up to the limit (and flattened on the way), not past it
  const awk = await sys.run("yes | head -n 3000000 | awk '{ s = s $0 } END { print length(s) }'; yes | awk '{ s = s $0 }'", sandbox({ timeoutMs: 60_000, limits: { stringLength: 3_000_000 } }))
  assert.deepEqual(awk, { stdout: '3000000\n', stderr: 'awk: string longer than the limit (3000000)\n', exitCode: 2 })
  // and so are gsub's and gensub's results (a doubling gsub had run the host out of memory)
  for (const f of ['gsub(/a/, "aa")', '$0 = gensub(/a/, "aa", "g")']) {
    const r = await sys.run(`echo a | awk '{ while (1) ${f} }'`, sandbox({ timeoutMs: 60_000, limits: { stringLength: 3_000_000 } }))
    assert.deepEqual(r, { stdout: '', stderr: 'awk: string longer than the limit (3000000)\n', exitCode: 2 }, f)
  }
  await stillServes(sys)
})

test('a memory bomb in a command: what commands hold is bounded, per run, and given back when they end', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const held = /limit exceeded: memory: more than 268435456 bytes held/
  const bombs: [string, RegExp][] = [
    ['cat /dev/zero | rev', /^rev: .*limit exceeded: memory/],
    ['yes | tac', /^tac: .*limit exceeded: memory/],
    ["yes | awk '{ a[NR] = $0 }'", /^awk: limit exceeded: memory/],
    ['cat /dev/zero | sort', /^sort: .*limit exceeded: memory/],
    ['cat /dev/zero | grep x', /^grep: .*limit exceeded: memory/],
    ['cat /dev/zero | cut -c1', /^cut: .*limit exceeded: memory/],
    ["cat /dev/zero | awk '{ n++ }'", /^awk: limit exceeded: memory/],
    ["awk 'function f(a, i) { while (1) a[i++] = \"x\" } BEGIN { f() }'", /^awk: limit exceeded: memory/],
  ]
  for (const [script, error] of bombs) {
    const r = await sys.run(script, sandbox({ timeoutMs: 120_000 }))
    assert.equal(r.ended, undefined, `${script}: it ended by itself, not by the timeout`)
    assert.match(r.stderr, error, script)
    assert.match(r.stderr, held, script)
    assert.notEqual(r.exitCode, 0, script)
    assert.ok(process.memoryUsage().heapUsed < GIB, script)
  }
  // an awk function's local array is given back when the call returns: twenty of about 13 MB
  const locals = await sys.run("awk 'function f(a, i) { for (i = 0; i < 100000; i++) a[i] = \"x\"; return i } BEGIN { for (k = 0; k < 20; k++) n += f(); print n }'", sandbox({ limits: { memoryBytes: 20_000_000 } }))
  assert.deepEqual(locals, { stdout: '2000000\n', stderr: '', exitCode: 0 })
  // sed's spaces (H, N), with a lower limit
  const sed = await sys.run("seq 1 1000000 | sed -n 'H;${x;p}' | wc -c", sandbox({ limits: { memoryBytes: 4_000_000 } }))
  assert.match(sed.stderr, /^sed: .*limit exceeded: memory: more than 4000000 bytes held/)
  // and a pattern space a substitution doubles
  const doubled = await sys.run("echo a | sed ':a; s/.*/&&/; ta'", sandbox({ timeoutMs: 60_000, limits: { memoryBytes: 4_000_000 } }))
  assert.match(doubled.stderr, /^sed: .*limit exceeded: memory: more than 4000000 bytes held/)
  // the processes of one run share the limit: two sorts holding at once are over it, one alone is not
  const file = 'seq 1 100000 > /tmp/n; '
  const two = await sys.run(`${file}{ cat /tmp/n; sleep 1; } | sort >/dev/null & { cat /tmp/n; sleep 1; } | sort >/dev/null & wait; sort /tmp/n | wc -l`, sandbox({ limits: { memoryBytes: 5_000_000 } }))
  assert.equal(two.stderr.match(/sort: .*limit exceeded: memory/g)?.length, 1, two.stderr)
  assert.equal(two.stdout, '100000\n')
  // given back: by a command that reads inputs whole when it is done with each and by one that
  // ends, under a limit that holds one input's lines (588,895 bytes and 100,000 lines: 3.8 MB)
  const again = await sys.run(
    `${file}tac /tmp/n /tmp/n /tmp/n /tmp/n | wc -l; for i in 1 2 3 4 5 6; do tac /tmp/n; done | wc -l; ulimit -d 500000; tac /tmp/n | wc -l`,
    sandbox({ limits: { memoryBytes: 5_000_000 } }),
  )
  assert.equal(again.stdout, '400000\n600000\n0\n')
  assert.match(again.stderr, /^tac: .*limit exceeded: memory: more than 500000 bytes held\n$/)
  // and by the shell's mapfile, which reads the file whole (800,008 bytes in 8 lines) while the
  // array of the time before still holds its lines
  const mapfile = await sys.run(
    "head -c 800000 /dev/zero | tr '\\0' a | fold -w 100000 > /tmp/m; for i in 1 2 3 4 5 6; do mapfile -t a < /tmp/m; done; echo ${#a[@]}",
    sandbox({ limits: { memoryBytes: 2_000_000 } }),
  )
  assert.deepEqual(mapfile, { stdout: '8\n', stderr: '', exitCode: 0 })
  await stillServes(sys)
})

test("the shell's own memory: variables, arrays, parameters, functions and aliases are counted against the limit", async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const limit = { memoryBytes: 16_000_000 }
  const bombs = [
    'i=0; while :; do a[i]=x; i=$((i+1)); done',
    'i=0; while :; do eval "v$i=$i"; i=$((i+1)); done',
    'i=0; while :; do eval "declare -A h$i"; i=$((i+1)); done',
    'set -- x; while :; do set -- "$@" "$@"; done',
    'i=0; while :; do eval "f$i() { echo $i; }"; i=$((i+1)); done',
    'shopt -s expand_aliases; i=0; while :; do alias a$i=true; i=$((i+1)); done',
    "x=$(head -c 1000000 /dev/zero | tr '\\0' a); i=0; while :; do m[i]=$x$i; i=$((i+1)); done",
  ]
  for (const script of bombs) {
    const r = await sys.run(script, sandbox({ timeoutMs: 120_000, limits: limit }))
    assert.equal(r.ended, undefined, `${script}: it ended by itself, not by the timeout`)
    assert.match(r.stderr, /^sh: 1: limit exceeded: memory: more than 16000000 bytes held\n$/, script)
    assert.equal(r.exitCode, 2, script)
    assert.ok(process.memoryUsage().heapUsed < GIB, script)
  }
  // what is unset or replaced is counted no more: arrays of 50,000 made and let go of five times,
  // each about 6.6 MB, under a limit that holds two
  const turns = await sys.run('seq 1 50000 > /tmp/s; for i in 1 2 3 4 5; do mapfile -t a < /tmp/s; b=("${a[@]}"); unset a; done; echo ${#b[@]}', sandbox({ limits: { memoryBytes: 16_000_000 } }))
  assert.deepEqual(turns, { stdout: '50000\n', stderr: '', exitCode: 0 })
  // a subshell holds its copy of the variables in its own process, against the same run's limit:
  // an array of about 4.1 MB, and three subshells under a limit of 12 MB
  const copies = await sys.run('seq 1 30000 > /tmp/s; mapfile -t a < /tmp/s; (sleep 1) & (sleep 1) & (sleep 1) & wait; echo done', sandbox({ limits: { memoryBytes: 12_000_000 } }))
  assert.match(copies.stderr, /^(sh: limit exceeded: memory: more than 12000000 bytes held\n)+$/)
  assert.equal(copies.stdout, 'done\n')
  await stillServes(sys)
})

test('output many times the input is written as it is made: join of two large groups, a far tab stop, a wide table', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  // 20,000 lines of one key joined each with each: 400 million lines (the host ran out of memory)
  const join = await sys.run('yes | head -n 20000 > /tmp/y; join /tmp/y /tmp/y | head -n 2', sandbox({ timeoutMs: 60_000 }))
  assert.deepEqual(join, { stdout: 'y\ny\n', stderr: '', exitCode: 0 })
  // more spaces than a JavaScript string can hold (was: Invalid string length)
  const expand = await sys.run("printf 'a\\tb\\n' | expand -t 600000000 | wc -c", sandbox({ timeoutMs: 60_000 }))
  assert.deepEqual(expand, { stdout: '600000002\n', stderr: '', exitCode: 0 })
  // one wide cell widens every row of a table: 600 MB from 1 MB (was: Invalid string length)
  const column = await sys.run("{ head -c 1000000 /dev/zero | tr '\\0' a; echo ' x'; yes 'b c' | head -n 600; } | column -t | wc -c", sandbox({ timeoutMs: 60_000 }))
  assert.deepEqual(column, { stdout: '601002404\n', stderr: '', exitCode: 0 })
  assert.ok(process.memoryUsage().heapUsed < GIB)
  await stillServes(sys)
})

test('lines: rev, nl, paste, comm, join and sort -m stream; the commands that keep every line count each one', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const limit = sandbox({ timeoutMs: 60_000, limits: { memoryBytes: 10_000_000 } })
  // an endless input: they read it whole before
  assert.deepEqual(await sys.run('yes | rev | head -n 2; yes | nl | head -n 2', limit), { stdout: 'y\ny\n     1\ty\n     2\ty\n', stderr: '', exitCode: 0 })
  assert.deepEqual(await sys.run('yes | paste - - | head -n 1; yes | paste -s -d, | head -c 5; echo; yes | comm - /dev/null | head -n 1', limit), { stdout: 'y\ty\ny,y,y\ny\n', stderr: '', exitCode: 0 })
  assert.deepEqual(await sys.run('yes | sort -m - /dev/null | head -n 2; yes b | sort -m -n - /dev/null | head -n 1', limit), { stdout: 'y\ny\nb\n', stderr: '', exitCode: 0 })
  assert.deepEqual(await sys.run('yes | join -a1 - /dev/null | head -n 2; yes | join -v2 /dev/null - | head -n 1', limit), { stdout: 'y\ny\ny\n', stderr: '', exitCode: 0 })
  // join keeps one group of the second file's lines, counted: an endless one meets the limit
  const group = await sys.run('echo y > /tmp/y; yes | join /tmp/y - | head -n 1', limit)
  assert.match(group.stderr, /^join: limit exceeded: memory: more than 10000000 bytes held\n$/)
  // a million empty lines are a megabyte of text and a million strings in an array (100 MB of
  // them took tac to 1.9 GB of resident memory, paste and comm to 3 GB before they streamed)
  const empty = "head -c 1000000 /dev/zero | tr '\\0' '\\n' | "
  for (const cmd of ['tac', 'column', 'shuf']) {
    const r = await sys.run(`${empty}${cmd} | wc -l`, limit)
    assert.match(r.stderr, /limit exceeded: memory: more than 10000000 bytes held\n$/, cmd)
    assert.equal(r.stdout, '0\n', cmd)
  }
  // and under the limit they work
  assert.deepEqual(await sys.run(`${empty}tac | wc -l`, sandbox({ limits: { memoryBytes: 40_000_000 } })), { stdout: '1000000\n', stderr: '', exitCode: 0 })
  await stillServes(sys)
})

test('a long result made of many pieces fits a small heap: sed s///g and y, awk gsub, the shell ${x//p/r}', async () => {
  // V8 keeps each `a + b` as a 32-byte node until it is read: over a line of 5 million
  // characters these took 320 MB or more, and the host below ran out of memory
  const line = "head -c 5000000 /dev/zero | tr '\\0' a"
  const scripts = [`${line} | sed 's/a/b/g' | wc -c`, `${line} | sed 'y/a/b/' | wc -c`, `${line} | awk '{ gsub(/a/, "b") } END { print length($0) }'`, `x=$(${line}); y=\${x//a/b}; echo \${#y}`]
  const program = `import { boot, stdSystem } from ${JSON.stringify(new URL('../../src/index.ts', import.meta.url).href)}
const sys = await boot({ presets: [stdSystem()] })
for (const script of ${JSON.stringify(scripts)}) { const r = await sys.run(script); process.stdout.write(r.stdout.trim() + ' ' + r.exitCode + '\\n') }
await sys.shutdown()`
  const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=200', '--import', 'tsx', '--input-type=module', '-e', program], { timeout: 120_000 })
  assert.equal(stdout, '5000000 0\n5000000 0\n5000000 0\n5000000 0\n')
})

test('a long text is parsed as it runs: eval, sh -c and . of 300,000 commands leave the host its turns', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  // parsed whole first, each held the host 1.6 s (and 3 million commands took 3.4 GB)
  const texts = 'yes : | head -n 300000 > /tmp/t; '
  for (const script of [`${texts}eval "$(cat /tmp/t)"; echo $?`, `${texts}sh -c "$(cat /tmp/t)"; echo $?`, `${texts}. /tmp/t; echo $?`, `${texts}sh /tmp/t; echo $?`]) {
    const { result, longest } = await heldHost(() => sys.run(script, sandbox({ timeoutMs: 60_000 })))
    assert.deepEqual(result, { stdout: '0\n', stderr: '', exitCode: 0 }, script)
    assert.ok(longest < 800, `${script}: the host waited ${longest.toFixed(0)} ms`)
  }
  await stillServes(sys)
})

test('a substitution through a long text leaves the host its turns: awk gsub and gensub, sed s///g, the shell ${x//p/r}', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  // eight million matches each: one call that held the host 2 to 4 s before it went in stretches
  const spaces = 'x=$(printf "%8000000s" "")'
  const cases: [string, string][] = [
    [`awk 'BEGIN { s = sprintf("%8000000s", ""); gsub(/ /, "ab", s); print length(s) }'`, '16000000\n'],
    [`awk 'BEGIN { s = sprintf("%8000000s", ""); print length(gensub(/ /, "ab", "g", s)) }'`, '16000000\n'],
    [`awk 'function f(s) { return gsub(/ /, "ab", s) } BEGIN { while (n++ < 1) print f(sprintf("%8000000s", "")) }'`, '8000000\n'],
    ['printf "%8000000s\\n" "" | sed "s/ /ab/g" | wc -c', '16000001\n'],
    [`${spaces}; x=\${x// /ab}; echo \${#x}`, '16000000\n'],
    [`${spaces}; x=\${x//[[:space:]]/ab}; echo \${#x}`, '16000000\n'],
  ]
  for (const [script, stdout] of cases) {
    const { result, longest } = await heldHost(() => sys.run(script, sandbox({ timeoutMs: 60_000 })))
    assert.deepEqual(result, { stdout, stderr: '', exitCode: 0 }, script)
    assert.ok(longest < 1000, `${script}: the host waited ${longest.toFixed(0)} ms`)
  }
  await stillServes(sys)
})

test('commands over a large file leave the host its turns: xxd both ways, zip, unzip, shuf, tac, column, diff, tsort', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  // each did its work in one call: for 3 million lines (22 MB) xxd held the host 11.1 s, shuf 17.9 s,
  // column -t 3.1 s, diff 2.2 s, zip 2.1 s, tsort 9.3 s (a scratch script's longest host timer gap)
  await sys.run('seq 1 2000000 > /tmp/big; cp /tmp/big /tmp/big2; echo end >> /tmp/big2', sandbox())
  const cases: [string, string][] = [
    ['xxd /tmp/big | tail -1', '00e32fb0: 3139 3939 3939 390a 3230 3030 3030 300a  1999999.2000000.\n'],
    ['xxd -p /tmp/big | xxd -r -p | cmp - /tmp/big && echo same', 'same\n'],
    ['cd /tmp && zip -q big.zip big && unzip -p big.zip | wc -c', '14888896\n'],
    ['shuf /tmp/big | wc -l', '2000000\n'],
    ['tac /tmp/big | head -1', '2000000\n'],
    ['column -t /tmp/big | tail -1', '2000000\n'],
    ['diff /tmp/big /tmp/big2', '2000000a2000001\n> end\n'],
    ['tsort /tmp/big | tail -1', '1000000\n'],
  ]
  for (const [script, stdout] of cases) {
    const { result, longest } = await heldHost(() => sys.run(script, sandbox({ timeoutMs: 60_000 })))
    assert.deepEqual(result, { stdout, stderr: '', exitCode: script.startsWith('diff') ? 1 : 0 }, script)
    assert.ok(longest < 1000, `${script}: the host waited ${longest.toFixed(0)} ms`)
  }
  await stillServes(sys)
})

test('unbounded recursion ends with "nested too deeply": functions, eval, command substitutions', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const cases: [string, string][] = [
    ['f() { f; }; f', 'sh: 1: f: nested too deeply (1000)\n'],
    [`s='eval "$s"'; eval "$s"`, 'sh: 1: eval: nested too deeply (1000)\n'],
    ['f() { x=$(f); }; f', 'sh: 1: f: nested too deeply (1000)\n'],
  ]
  for (const [script, stderr] of cases) {
    const r = await sys.run(script, sandbox())
    assert.equal(r.stderr, stderr, script)
    assert.ok(process.memoryUsage().heapUsed < GIB)
  }
  await stillServes(sys)
})

test('processes per user: the limit of the system and a lower one per run', async () => {
  const sys = await boot({ presets: [stdSystem()], limits: { processes: 10 } })
  const r = await sys.run('for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 5 & done; wait', { user: 'glenda', timeoutMs: 10_000 })
  assert.equal(r.stderr.match(/sh: 1: sleep: no free processes/g)?.length, 3, r.stderr)
  const small = await sys.run('sleep 1 & sleep 1 & sleep 1 & wait', { user: 'glenda', limits: { processes: 2 } })
  assert.equal(small.stderr, 'sh: 1: sleep: no free processes\nsh: 1: sleep: no free processes\n')
  await stillServes(sys)
  await assert.rejects(boot({ presets: [stdSystem()], limits: { processes: -1 } }), /bad value/)
})

test('stored bytes per user: a write past the quota fails whole, and nothing of it is kept', async () => {
  const sys = await boot({ presets: [stdSystem()], limits: { storeBytes: 1_000_000 } })
  const r = await sys.run("x=$(head -c 600000 /dev/zero | tr '\\0' a); printf %s \"$x\" > /tmp/f; printf %s \"$x\" >> /tmp/f; echo $?; wc -c < /tmp/f", { user: 'glenda' })
  assert.equal(r.stdout, '1\n600000\n')
  assert.match(r.stderr, /quota exceeded: glenda may store 1000000 bytes/)
  // removing gives the bytes back
  const again = await sys.run("rm /tmp/f; head -c 900000 /dev/zero > /tmp/g && wc -c < /tmp/g", { user: 'glenda' })
  assert.equal(again.stdout, '900000\n')
  assert.equal(sys.store.usedBy('glenda'), 900000 + 256)
  // every file counts too: an endless touch loop stops
  const files = await sys.run('i=0; while touch /tmp/e$i 2>/dev/null; do i=$((i+1)); done; echo $i', { user: 'glenda', timeoutMs: 20_000 })
  assert.ok(Number(files.stdout) < 1000, files.stdout)
  // other users are not held to glenda's quota
  assert.equal((await sys.run('head -c 500000 /dev/zero > /tmp/h && wc -c < /tmp/h', { user: 'root' })).stdout, '500000\n')
  await stillServes(sys)
})

test('output a run collects is bounded: the writer gets a closed pipe', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const r = await sys.run('yes', { user: 'glenda', limits: { outputBytes: 1000 } })
  assert.equal(r.stdout, 'y\n'.repeat(500))
  assert.equal(r.exitCode, 141)
  assert.equal(r.stderr, 'sh: output limit exceeded (1000 bytes)\n')
  await stillServes(sys)
})

test('argv size, descriptors, mount entries and /srv posts', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const argv = await sys.run('env echo $(seq 1 1000000)', { user: 'glenda' })
  assert.equal(argv.stderr, 'sh: 1: env: limit exceeded: argument list too long\n')
  const fds = await sys.run('i=3; while [ $i -lt 3000 ]; do eval "exec $i</dev/null"; i=$((i+1)); done', { user: 'glenda' })
  assert.equal(fds.stderr, 'sh: 1: /dev/null: no free file descriptors\n')
  const mounts = await sys.run('rfork -c; ulimit -m 30; while bind -a /tmp /mnt; do :; done', { user: 'glenda' })
  assert.match(mounts.stderr, /^bind: \/mnt: limit exceeded: more than 30 mount table entries\n$/)
  await sys.run('pkg install ramfs >/dev/null', { user: 'root' })
  const posts = await sys.run('ulimit -P 2; for i in 1 2 3; do srv r$i ramfs-srv -s r$i >/dev/null; done; ls /srv', { user: 'glenda' })
  assert.match(posts.stdout, /r1\nr2\n$/)
  assert.match(posts.stderr, /srv: \/srv\/r3: /)
  await stillServes(sys)
})

test('ulimit shows the limits and lowers them for the shell and its children; raising is refused', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  // a failed ulimit is status 2, as in dash
  const r = await sys.run('ulimit -u; ulimit -u 5; ulimit -u; sh -c "ulimit -u"; ulimit -u 6; echo $?; ulimit -s 10; f() { f; }; f', { user: 'glenda' })
  assert.equal(r.stdout, '512\n5\n5\n2\n')
  assert.equal(r.stderr, 'sh: 1: ulimit: permission denied: processes cannot be raised\nsh: 1: f: nested too deeply (10)\n')
  const all = await sys.run('ulimit -a')
  assert.match(all.stdout, /^max user processes \(-u\) +512\nopen files \(-n\) +1024\n/)
  assert.equal((await sys.run('ulimit -q')).exitCode, 2)
})
