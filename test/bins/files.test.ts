/** The file commands in ninefold: real outputs, exit statuses and Plan 9 error reasons. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import type { System } from '../../src/image.ts'
import { coreCommands } from '../../src/bins/registry.ts'
import { both, bootFiles, scratch } from './filesfixture.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

const FILE_COMMANDS = ['cat', 'ls', 'mkdir', 'rm', 'rmdir', 'touch', 'cp', 'mv', 'pwd', 'head', 'tail', 'wc', 'stat', 'chmod', 'chown', 'find', 'du', 'cmp', 'diff', 'base64', 'md5sum', 'sha256sum']
const text = (b: Uint8Array): string => new TextDecoder().decode(b)
const exists = async (path: string): Promise<boolean> =>
  sys.context.stat(path).then(
    () => true,
    () => false,
  )

test('every file command is registered, answers --help and rejects an unknown option', async () => {
  for (const name of FILE_COMMANDS) {
    assert.ok(name in coreCommands, name)
    const help = await sys.exec([name, '--help'])
    assert.equal(help.exitCode, 0, name)
    assert.match(help.stdout, new RegExp(`^usage: ${name} `), name)
    const bad = await sys.exec([name, '-%', 'x'])
    const expected = ['ls', 'cmp', 'diff'].includes(name) ? 2 : 1
    assert.equal(bad.exitCode, expected, `${name}: ${bad.stderr}`)
    assert.match(bad.stderr, new RegExp(`usage: ${name} `), name)
  }
})

test('cat: errors are `cat: path: reason`, and cat goes on with the other files', async () => {
  const dir = await scratch(sys, { a: 'A\n' })
  const r = await sys.exec(['cat', '/nope', `${dir}/a`, dir])
  assert.equal(r.stdout, 'A\n')
  assert.equal(r.stderr, `cat: /nope: file does not exist\ncat: ${dir}: file is a directory\n`)
  assert.equal(r.exitCode, 1)
  assert.equal((await sys.exec(['cat'], { stdin: 'piped' })).stdout, 'piped')
})

test('cat streams a multi-MiB file intact', async () => {
  const size = 6 * 1024 * 1024 + 12345
  const data = new Uint8Array(size)
  for (let i = 0; i < size; i++) data[i] = 97 + ((i * 7 + (i >> 10)) % 26)
  const dir = await scratch(sys, { big: data })
  const r = await sys.exec(['cat', `${dir}/big`])
  assert.equal(r.exitCode, 0)
  assert.equal(r.stdout.length, size)
  assert.equal(createHash('sha256').update(r.stdout).digest('hex'), createHash('sha256').update(data).digest('hex'))
  const sum = await sys.exec(['sha256sum', `${dir}/big`])
  assert.equal(sum.stdout, `${createHash('sha256').update(data).digest('hex')}  ${dir}/big\n`)
  const md5 = await sys.exec(['md5sum', `${dir}/big`])
  assert.equal(md5.stdout, `${createHash('md5').update(data).digest('hex')}  ${dir}/big\n`)
})

test('cat streams an endless file chunk by chunk; head stops reading one', async () => {
  const head = await sys.exec(['head', '-c', '3000000', '/dev/zero'])
  assert.equal(head.exitCode, 0)
  assert.equal(head.stdout, '\0'.repeat(3000000))
  // cat /dev/zero would never end if it read its input whole: read 4 MiB of its output, then kill it.
  let received = 0
  sys.bins.add('drink', async (p) => {
    const [r, w] = p.pipe()
    const child = await p.spawn(['cat', '/dev/zero'], { fds: { 0: 0, 1: w, 2: 2 } })
    await p.close(w)
    while (received < 4 * 1024 * 1024) {
      const chunk = await p.read(r, 65536)
      if (chunk.length === 0 || chunk.some((b) => b !== 0)) break
      received += chunk.length
    }
    p.kill(child.pid, 'SIGKILL')
    await child.wait()
    return 0
  })
  try {
    assert.equal((await sys.exec(['drink'])).exitCode, 0)
    assert.ok(received >= 4 * 1024 * 1024, `received ${received} bytes`)
  } finally {
    sys.bins.remove('drink')
  }
})

test('ls -l: mode, links, owner, group, size, time, name; total in 1K blocks, as du counts them', async () => {
  const dir = await scratch(sys, { 'f': 'hello', 'big': 'x'.repeat(2049), 'sub/': '' })
  await sys.context.wstat(`${dir}/f`, { mode: 0o640, mtime: Math.floor(new Date(2020, 0, 5, 14, 3).getTime() / 1000) })
  const r = await sys.exec(['ls', '-l', dir])
  assert.equal(r.exitCode, 0, r.stderr)
  const lines = r.stdout.split('\n')
  // 4 KiB blocks, as ext4 allocates: big's 2,049 bytes one, f one, the directory one
  assert.equal(lines[0], 'total 12')
  assert.match(lines[1]!, /^-rw-r--r-- 1 glenda glenda 2049 [A-Z][a-z]{2} [ \d]\d \d\d:\d\d big$/)
  assert.equal(lines[2], '-rw-r----- 1 glenda glenda    5 Jan  5  2020 f')
  // A new directory takes its group from its parent (Plan 9), and the group column is padded.
  assert.match(lines[3]!, /^drwxr-xr-x 1 glenda root      0 [A-Z][a-z]{2} [ \d]\d \d\d:\d\d sub$/)
  const one = await sys.exec(['ls', '-l', `${dir}/f`])
  assert.equal(one.stdout, `-rw-r----- 1 glenda glenda 5 Jan  5  2020 ${dir}/f\n`)
  const d = await sys.exec(['ls', '-ld', dir])
  assert.match(d.stdout, new RegExp(`^drwxr-xr-x 1 glenda root 0 .* ${dir}\\n$`))
})

test('ls -h: sizes in K and M rounded up, as GNU; -i: the qid path before the name', async () => {
  const dir = await scratch(sys, { 'f': 'hello', 'big': 'x'.repeat(3000), 'huge': 'y'.repeat(1536 * 1024 + 1) })
  const r = await sys.exec(['ls', '-lh', dir])
  assert.equal(r.exitCode, 0, r.stderr)
  const sizes = r.stdout.split('\n').slice(0, 4).map((line) => line.split(/ +/)[line.startsWith('total') ? 1 : 4])
  assert.deepEqual(sizes, ['1.6M', '3.0K', '5', '1.6M'])
  const qid = (await sys.context.stat(`${dir}/f`)).qid.path
  const i = await sys.exec(['ls', '-i1', `${dir}/f`])
  assert.equal(i.stdout, `${qid} ${dir}/f\n`)
})

test('ls -a: . and .. first, with the stat of the directory and of its parent; -A without them', async () => {
  const dir = await scratch(sys, { 'd/f': '', 'd/s/': '', 'd/.h': '' })
  await sys.exec(['chmod', '750', dir])
  assert.equal((await sys.exec(['ls', '-a', 'd'], { cwd: dir })).stdout, '.\n..\n.h\nf\ns\n')
  assert.equal((await sys.exec(['ls', '-A', 'd'], { cwd: dir })).stdout, '.h\nf\ns\n')
  const long = (await sys.exec(['ls', '-la', `${dir}/d`])).stdout.split('\n')
  assert.match(long[1]!, /^drwxr-xr-x .* \.$/)
  assert.match(long[2]!, /^drwxr-x--- .* \.\.$/)
  // -R does not walk into . and ..
  assert.equal((await sys.exec(['ls', '-aR', 'd/s'], { cwd: dir })).stdout, 'd/s:\n.\n..\n')
})

test('ls -p marks directories with /; -F also executables with *, in long format too', async () => {
  const dir = await scratch(sys, { 'e/f': '', 'e/s/': '', 'e/x': '' })
  await sys.context.wstat(`${dir}/e/x`, { mode: 0o755 })
  assert.equal((await sys.exec(['ls', '-p', 'e'], { cwd: dir })).stdout, 'f\ns/\nx\n')
  assert.equal((await sys.exec(['ls', '-F', 'e'], { cwd: dir })).stdout, 'f\ns/\nx*\n')
  assert.equal((await sys.exec(['ls', '-dF', 'e', 'e/x'], { cwd: dir })).stdout, 'e/\ne/x*\n')
  assert.match((await sys.exec(['ls', '-lF', 'e'], { cwd: dir })).stdout, / s\/\n.* x\*\n$/)
})

test('ls: a missing operand is status 2, the rest is still listed; files before directories', async () => {
  const dir = await scratch(sys, { 'x': '', 'd/y': '' })
  const r = await sys.exec(['ls', 'd', 'nope', 'x'], { cwd: dir })
  assert.equal(r.stdout, 'x\n\nd:\ny\n')
  assert.equal(r.stderr, 'ls: nope: file does not exist\n')
  assert.equal(r.exitCode, 2)
})

test('ls of a union directory shows every member, duplicates included', async () => {
  const dir = await scratch(sys, { 'one/a': '1', 'one/same': '1', 'two/b': '2', 'two/same': '2' })
  await sys.context.bind(`${dir}/two`, `${dir}/one`, { after: true })
  try {
    const r = await sys.exec(['ls', `${dir}/one`])
    assert.equal(r.stdout, 'a\nb\nsame\nsame\n')
  } finally {
    await sys.context.unmount(`${dir}/one`)
  }
})

test('mkdir: -p makes parents and accepts existing ones; -m sets the exact mode; errors go on', async () => {
  const dir = await scratch(sys)
  assert.equal((await sys.exec(['mkdir', '-p', 'a/b/c', 'a/b'], { cwd: dir })).exitCode, 0)
  assert.ok(await exists(`${dir}/a/b/c`))
  const again = await sys.exec(['mkdir', 'a', 'new'], { cwd: dir })
  assert.equal(again.stderr, 'mkdir: a: file already exists\n')
  assert.equal(again.exitCode, 1)
  assert.ok(await exists(`${dir}/new`))
  assert.equal((await sys.exec(['mkdir', '-m', '700', 'private'], { cwd: dir })).exitCode, 0)
  assert.equal((await sys.context.stat(`${dir}/private`)).mode & 0o777, 0o700)
  assert.equal((await sys.exec(['mkdir', '-m', 'u=rwx,g=rx', 'sym'], { cwd: dir })).exitCode, 0)
  assert.equal((await sys.context.stat(`${dir}/sym`)).mode & 0o777, 0o757)
  const bad = await sys.exec(['mkdir', '-m', 'q+r', 'z'], { cwd: dir })
  assert.equal(bad.stderr, "mkdir: invalid mode 'q+r'\n")
  assert.equal(bad.exitCode, 1)
  assert.equal((await sys.exec(['mkdir', 'missing/x'], { cwd: dir })).stderr, 'mkdir: missing/x: file does not exist\n')
  assert.equal((await sys.exec(['mkdir'])).exitCode, 1)
})

test('rm: files, -r trees, -f, refusing a directory without -r and refusing /', async () => {
  const dir = await scratch(sys, { 'f': '', 'g': '', 't/a/b': 'x', 't/c': 'y', 'd/': '' })
  const noR = await sys.exec(['rm', 'd', 'f'], { cwd: dir })
  assert.equal(noR.stderr, 'rm: d: file is a directory\n')
  assert.equal(noR.exitCode, 1)
  assert.ok(!(await exists(`${dir}/f`)))
  assert.equal((await sys.exec(['rm', '-r', 't', 'd'], { cwd: dir })).exitCode, 0)
  assert.ok(!(await exists(`${dir}/t`)))
  const missing = await sys.exec(['rm', 'nope', 'g'], { cwd: dir })
  assert.equal(missing.stderr, 'rm: nope: file does not exist\n')
  assert.equal(missing.exitCode, 1)
  assert.equal((await sys.exec(['rm', '-f', 'nope'], { cwd: dir })).exitCode, 0)
  assert.equal((await sys.exec(['rm', '-f'])).exitCode, 0)
  assert.equal((await sys.exec(['rm'])).exitCode, 1)
  const root = await sys.exec(['rm', '-rf', '/'], { user: 'root' })
  assert.equal(root.stderr, 'rm: /: refusing to remove the root\n')
  assert.equal(root.exitCode, 1)
  assert.ok(await exists('/tmp'))
  const dots = await sys.exec(['rm', '-r', '..'], { cwd: dir })
  assert.equal(dots.exitCode, 1)
  assert.ok(await exists(dir))
})

test('rmdir: empty directories only; -p removes the parents', async () => {
  const dir = await scratch(sys, { 'full/x': '', 'a/b/c/': '', 'file': '' })
  const r = await sys.exec(['rmdir', 'full', 'file', 'a/b/c'], { cwd: dir })
  assert.equal(r.stderr, 'rmdir: full: directory not empty\nrmdir: file: not a directory\n')
  assert.equal(r.exitCode, 1)
  assert.ok(!(await exists(`${dir}/a/b/c`)))
  assert.equal((await sys.exec(['rmdir', '-p', 'a/b'], { cwd: dir })).exitCode, 0)
  assert.ok(!(await exists(`${dir}/a`)))
})

test('touch creates empty files and updates times; -c does not create; -d sets a time', async () => {
  const dir = await scratch(sys, { old: 'keep' })
  await sys.context.wstat(`${dir}/old`, { mtime: 1000 })
  assert.equal((await sys.exec(['touch', 'old', 'new'], { cwd: dir })).exitCode, 0)
  assert.equal(text(await sys.readFile(`${dir}/old`)), 'keep')
  assert.ok((await sys.context.stat(`${dir}/old`)).mtime > 1000)
  assert.equal((await sys.context.stat(`${dir}/new`)).length, 0)
  assert.equal((await sys.exec(['touch', '-c', 'ghost'], { cwd: dir })).exitCode, 0)
  assert.ok(!(await exists(`${dir}/ghost`)))
  assert.equal((await sys.exec(['touch', '-d', '2001-02-03T04:05:06Z', 'old'], { cwd: dir })).exitCode, 0)
  assert.equal((await sys.context.stat(`${dir}/old`)).mtime, Date.UTC(2001, 1, 3, 4, 5, 6) / 1000)
  assert.equal((await sys.exec(['touch', 'no/such'], { cwd: dir })).stderr, 'touch: no/such: file does not exist\n')
})

test('cp: file to file, files into a directory, -r trees, refusals', async () => {
  const dir = await scratch(sys, { a: 'alpha', b: 'beta', 'into/': '', 'tree/x': 'X', 'tree/sub/y': 'Y' })
  assert.equal((await sys.exec(['cp', 'a', 'c'], { cwd: dir })).exitCode, 0)
  assert.equal(text(await sys.readFile(`${dir}/c`)), 'alpha')
  assert.equal((await sys.exec(['cp', 'b', 'c'], { cwd: dir })).exitCode, 0)
  assert.equal(text(await sys.readFile(`${dir}/c`)), 'beta')
  assert.equal((await sys.exec(['cp', 'a', 'b', 'into'], { cwd: dir })).exitCode, 0)
  assert.equal(text(await sys.readFile(`${dir}/into/b`)), 'beta')
  const noR = await sys.exec(['cp', 'tree', 'a', 'into'], { cwd: dir })
  assert.equal(noR.stderr, 'cp: tree: -r not specified; omitting directory\n')
  assert.equal(noR.exitCode, 1)
  assert.equal((await sys.exec(['cp', '-r', 'tree', 'copy'], { cwd: dir })).exitCode, 0)
  assert.equal(text(await sys.readFile(`${dir}/copy/sub/y`)), 'Y')
  assert.equal((await sys.exec(['cp', '-r', 'tree', 'into'], { cwd: dir })).exitCode, 0)
  assert.equal(text(await sys.readFile(`${dir}/into/tree/x`)), 'X')
  assert.equal((await sys.exec(['cp', '-r', 'tree', 'tree/sub'], { cwd: dir })).exitCode, 1)
  assert.equal((await sys.exec(['cp', 'a', 'a'], { cwd: dir })).exitCode, 1)
  const notDir = await sys.exec(['cp', 'a', 'b', 'c'], { cwd: dir })
  assert.equal(notDir.stderr, 'cp: c: target is not a directory\n')
  assert.equal((await sys.exec(['cp', 'nope', 'z'], { cwd: dir })).stderr, 'cp: nope: file does not exist\n')
  assert.equal((await sys.exec(['cp', 'a'], { cwd: dir })).exitCode, 1)
})

test('cp -p keeps mode and times', async () => {
  const dir = await scratch(sys, { a: 'alpha' })
  await sys.context.wstat(`${dir}/a`, { mode: 0o600, mtime: 12345 })
  assert.equal((await sys.exec(['cp', '-p', 'a', 'b'], { cwd: dir })).exitCode, 0)
  const st = await sys.context.stat(`${dir}/b`)
  assert.equal(st.mode & 0o777, 0o600)
  assert.equal(st.mtime, 12345)
})

test('mv: renames in place (same qid), moves across directories, replaces files, moves into a directory', async () => {
  const dir = await scratch(sys, { a: 'alpha', b: 'beta', 'd/': '', 'tree/x': 'X', 'other/': '' })
  const qid = (await sys.context.stat(`${dir}/a`)).qid.path
  assert.equal((await sys.exec(['mv', 'a', 'renamed'], { cwd: dir })).exitCode, 0)
  assert.equal((await sys.context.stat(`${dir}/renamed`)).qid.path, qid, 'a rename is a wstat, not a copy')
  assert.equal((await sys.exec(['mv', 'renamed', 'b'], { cwd: dir })).exitCode, 0)
  assert.equal(text(await sys.readFile(`${dir}/b`)), 'alpha')
  await sys.context.wstat(`${dir}/b`, { mtime: 4242 })
  assert.equal((await sys.exec(['mv', 'b', 'd'], { cwd: dir })).exitCode, 0)
  assert.equal(text(await sys.readFile(`${dir}/d/b`)), 'alpha')
  assert.equal((await sys.context.stat(`${dir}/d/b`)).mtime, 4242)
  assert.ok(!(await exists(`${dir}/b`)))
  assert.equal((await sys.exec(['mv', 'tree', 'other/moved'], { cwd: dir })).exitCode, 0)
  assert.equal(text(await sys.readFile(`${dir}/other/moved/x`)), 'X')
  assert.ok(!(await exists(`${dir}/tree`)))
  assert.equal((await sys.exec(['mv', 'other', 'other/moved'], { cwd: dir })).exitCode, 1)
  const r = await sys.exec(['mv', 'nope', 'd'], { cwd: dir })
  assert.equal(r.stderr, 'mv: nope: file does not exist\n')
  assert.equal(r.exitCode, 1)
})

test('pwd prints the working directory', async () => {
  assert.equal((await sys.exec(['pwd'], { cwd: '/tmp' })).stdout, '/tmp\n')
})

test('head and tail: bad counts and missing files', async () => {
  const dir = await scratch(sys, { f: '1\n2\n3\n' })
  const bad = await sys.exec(['head', '-n', 'x', 'f'], { cwd: dir })
  assert.equal(bad.exitCode, 1)
  assert.match(bad.stderr, /^head: invalid number of lines: 'x'\n/)
  const r = await sys.exec(['tail', '-n', '1', 'nope', 'f'], { cwd: dir })
  assert.equal(r.stdout, '==> f <==\n3\n')
  assert.equal(r.stderr, 'tail: nope: file does not exist\n')
  assert.equal(r.exitCode, 1)
})

test('tail -f prints what is appended until it is killed', async () => {
  const dir = await scratch(sys, { log: 'one\ntwo\n' })
  const running = sys.exec(['tail', '-f', '-s', '0.02', '-n', '1', `${dir}/log`])
  const pidOf = async (): Promise<number> => {
    for (;;) {
      const p = sys.context.procs().find((p) => p.argv[0] === 'tail' && p.argv.includes(`${dir}/log`))
      if (p) return p.pid
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  const pid = await pidOf()
  await new Promise((r) => setTimeout(r, 100))
  await sys.context.writeFile(`${dir}/log`, 'three\n', { append: true })
  await new Promise((r) => setTimeout(r, 200))
  await sys.context.writeFile(`${dir}/log`, 'four\n', { append: true })
  await new Promise((r) => setTimeout(r, 200))
  sys.context.kill(pid, 'SIGTERM')
  const r = await running
  assert.equal(r.stdout, 'two\nthree\nfour\n')
})

test('stat prints the Plan 9 stat fields', async () => {
  const dir = await scratch(sys, { f: 'hello' })
  await sys.context.wstat(`${dir}/f`, { mode: 0o640, mtime: 1700000000, atime: 1700000001 })
  const st = await sys.context.stat(`${dir}/f`)
  const r = await sys.exec(['stat', `${dir}/f`, '/nope'])
  assert.equal(r.exitCode, 1)
  assert.equal(r.stderr, 'stat: /nope: file does not exist\n')
  const fields = Object.fromEntries(r.stdout.trimEnd().split('\n').map((l) => l.trim().split(/: (.*)/).slice(0, 2) as [string, string]))
  assert.equal(fields.name, 'f')
  assert.equal(fields.qid, `path ${st.qid.path} version ${st.qid.version} type file`)
  assert.equal(fields.mode, '-rw-r----- (0640)')
  assert.equal(fields.length, '5')
  assert.match(fields.mtime!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(1700000000\)$/)
  assert.match(fields.atime!, /\(1700000001\)$/)
  assert.equal(fields.uid, 'glenda')
  assert.equal(fields.gid, 'glenda')
  assert.ok('muid' in fields)
})

test('chmod: octal, symbolic clauses, -w as a mode, -R, Plan 9 append-only, bad modes', async () => {
  const dir = await scratch(sys, { f: '', 't/a': '', 't/s/b': '' })
  const mode = async (p: string): Promise<number> => (await sys.context.stat(`${dir}/${p}`)).mode
  assert.equal((await sys.exec(['chmod', '600', 'f'], { cwd: dir })).exitCode, 0)
  assert.equal((await mode('f')) & 0o777, 0o600)
  assert.equal((await sys.exec(['chmod', 'u+x,go+r', 'f'], { cwd: dir })).exitCode, 0)
  assert.equal((await mode('f')) & 0o777, 0o744)
  assert.equal((await sys.exec(['chmod', 'a=r', 'f'], { cwd: dir })).exitCode, 0)
  assert.equal((await mode('f')) & 0o777, 0o444)
  assert.equal((await sys.exec(['chmod', 'u+w,g=u', 'f'], { cwd: dir })).exitCode, 0)
  assert.equal((await mode('f')) & 0o777, 0o664)
  // without a who letter the umask (022) keeps g+w and o+w, and GNU reports it with status 1
  assert.deepEqual(await sys.exec(['chmod', '-w', 'f'], { cwd: dir }), { stdout: '', stderr: 'chmod: f: new permissions are r--rw-r--, not r--r--r--\n', exitCode: 1 })
  assert.equal((await mode('f')) & 0o777, 0o464)
  assert.equal((await sys.exec(['chmod', 'a-w', 'f'], { cwd: dir })).exitCode, 0)
  assert.equal((await mode('f')) & 0o777, 0o444)
  assert.equal((await sys.exec(['chmod', '+a', 'f'], { cwd: dir })).exitCode, 0)
  assert.ok((await mode('f')) & 0x40000000, 'append-only')
  assert.equal((await sys.exec(['chmod', '-R', 'go-rwx', 't'], { cwd: dir })).exitCode, 0)
  assert.equal((await mode('t/s/b')) & 0o777, 0o600)
  assert.equal((await mode('t/s')) & 0o777, 0o700)
  assert.ok((await mode('t/s')) & 0x80000000, 'still a directory')
  const bad = await sys.exec(['chmod', 'u+q', 'f'], { cwd: dir })
  assert.equal(bad.stderr, "chmod: invalid mode: 'u+q'\n")
  assert.equal(bad.exitCode, 1)
  const missing = await sys.exec(['chmod', '644', 'nope', 'f'], { cwd: dir })
  assert.equal(missing.stderr, 'chmod: nope: file does not exist\n')
  assert.equal(missing.exitCode, 1)
})

test('chown: user, user:group, :group; only root may give files away', async () => {
  const dir = await scratch(sys, { f: '', g: '' })
  assert.equal((await sys.exec(['chown', 'root:sys', 'f'], { cwd: dir, user: 'root' })).exitCode, 0)
  let st = await sys.context.stat(`${dir}/f`)
  assert.deepEqual([st.uid, st.gid], ['root', 'sys'])
  assert.equal((await sys.exec(['chown', ':adm', 'f'], { cwd: dir, user: 'root' })).exitCode, 0)
  st = await sys.context.stat(`${dir}/f`)
  assert.deepEqual([st.uid, st.gid], ['root', 'adm'])
  const denied = await sys.exec(['chown', 'root', 'g'], { cwd: dir })
  assert.equal(denied.stderr, 'chown: g: permission denied\n')
  assert.equal(denied.exitCode, 1)
})

test('find: errors for missing paths and bad expressions', async () => {
  const dir = await scratch(sys, { 'a/b': '' })
  const r = await sys.exec(['find', 'nope', 'a'], { cwd: dir })
  assert.equal(r.stdout, 'a\na/b\n')
  assert.equal(r.stderr, 'find: nope: file does not exist\n')
  assert.equal(r.exitCode, 1)
  const bad = await sys.exec(['find', '.', '-type', 'x'], { cwd: dir })
  assert.equal(bad.exitCode, 1)
  assert.match(bad.stderr, /^find: unknown argument to -type: x\n/)
  assert.equal((await sys.exec(['find', '.', '-bogus'], { cwd: dir })).exitCode, 1)
})

test('du counts as GNU du does on ext4 (4 KiB blocks, a directory one block): default, -a, -s, -c, -h', async () => {
  const files = { 'd/one': 'x', 'd/big': 'y'.repeat(5000), 'd/sub/two': 'z'.repeat(4097), 'd/sub/deeper/': '', 'd/empty': '' }
  const dir = await scratch(sys, files)
  const r = await sys.exec(['du', 'd'], { cwd: dir })
  assert.equal(r.stdout, '4\td/sub/deeper\n16\td/sub\n32\td\n')
  // The same files on the host, where its filesystem allocates as ext4 does.
  const fs = spawnSync('stat', ['-f', '-c', '%T %S', tmpdir()], { encoding: 'utf8' }).stdout.trim()
  if (fs === 'ext2/ext3 4096') {
    const depths = [['du', '-d', '1', 'd'], ['du', '--max-depth=0', 'd'], ['du', '-ah', '-d', '1', 'd'], ['du', '-m', 'd'], ['du', '--summarize', '--total', 'd']]
    for (const argv of [['du', 'd'], ['du', '-a', 'd'], ['du', '-s', 'd', 'd/big'], ['du', '-sc', 'd', 'd/big'], ['du', '-sh', 'd'], ['du', '-ah', 'd'], ...depths]) {
      const { ours, theirs } = await both(sys, files, argv)
      // (the host lists a directory in its own order)
      const lines = (text: string): string[] => text.split('\n').sort()
      assert.deepEqual(lines(ours.stdout), lines(theirs.stdout), argv.join(' '))
    }
    // ls -l's total counts the same blocks
    for (const script of ['ls -l d | head -1', 'ls -la d/sub | head -1', 'ls -lh d | head -1']) {
      const { ours, theirs } = await both(sys, files, ['sh', '-c', script])
      assert.equal(ours.stdout, theirs.stdout, script)
    }
  }
  // the files' own lengths (a directory's apparent size is the filesystem's, 0 here, so files only)
  for (const argv of [['du', '-b', 'd/big', 'd/one', 'd/empty'], ['du', '--apparent-size', '-c', 'd/big', 'd/sub/two'], ['du', '--apparent-size', '-h', 'd/big', 'd/one']]) {
    const { ours, theirs } = await both(sys, files, argv)
    assert.equal(ours.stdout, theirs.stdout, argv.join(' '))
  }
  const missing = await sys.exec(['du', 'nope'], { cwd: dir })
  assert.equal(missing.stderr, 'du: nope: file does not exist\n')
  assert.equal(missing.exitCode, 1)
})

test('cmp and diff: trouble is status 2', async () => {
  const dir = await scratch(sys, { a: 'x\n' })
  const c = await sys.exec(['cmp', 'a', 'nope'], { cwd: dir })
  assert.deepEqual([c.stderr, c.exitCode], ['cmp: nope: file does not exist\n', 2])
  const d = await sys.exec(['diff', 'a', 'nope'], { cwd: dir })
  assert.deepEqual([d.stderr, d.exitCode], ['diff: nope: file does not exist\n', 2])
  assert.equal((await sys.exec(['diff', 'a'], { cwd: dir })).exitCode, 2)
  assert.equal((await sys.exec(['cmp'], { cwd: dir })).exitCode, 2)
})

test('diff -u names the files and their times in the header', async () => {
  const dir = await scratch(sys, { a: 'x\n', b: 'y\n' })
  const r = await sys.exec(['diff', '-u', 'a', 'b'], { cwd: dir })
  assert.equal(r.exitCode, 1)
  assert.match(r.stdout, /^--- a\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.000000000 [+-]\d{4}\n\+\+\+ b\t.*\n@@ -1 \+1 @@\n-x\n\+y\n$/)
})
