import assert from 'node:assert/strict'
import { test } from 'node:test'
import jpeg from 'jpeg-js'
import { srvPreset } from '../../src/presets/srv.ts'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { isSrvCapable, type ProcContext } from '../../src/kernel/types.ts'
import { nsgroup } from '../../src/bins/system/nsgroup.ts'
import { asProcess, testSystem } from '../kernel/fixtures.ts'

const text = (b: Uint8Array): string => new TextDecoder().decode(b)
// nsgroup, to mount in the system namespace (`nsgroup join system mount ...`)
const boot = () => testSystem([srvPreset(), { name: 'nsgroup', bins: { nsgroup } }])

/** Waits until `name` is posted (a server started in the background posts soon after). */
async function posted(sys: Awaited<ReturnType<typeof boot>>, name: string): Promise<void> {
  for (let i = 0; i < 200 && !sys.srv.names().includes(name); i++) await new Promise((r) => setTimeout(r, 5))
  assert.ok(sys.srv.names().includes(name), `${name} was not posted`)
}

test('srvFS is mounted at /srv, lists posted servers and describes them', async () => {
  const sys = await boot()
  await asProcess(sys, async (p) => {
    assert.ok(isSrvCapable(p))
    p.postServer('scratch', new Memfs())
  })
  const ls = await asProcess(sys, async (p) => (await p.readdir('/srv')).map((d) => `${d.name} ${d.uid} ${(d.mode & 0o777).toString(8)}`))
  assert.ok(ls.includes('boot root 600'), ls.join(','))
  // the poster ended, so its entry went with it
  assert.ok(!ls.some((l) => l.startsWith('scratch')))
  await sys.shutdown()
})

test('posting a taken name fails with file already exists; only the owner or root removes', async () => {
  const sys = await boot()
  sys.bins.add('hold', async (p) => {
    if (!isSrvCapable(p)) return 1
    p.postServer(p.argv[1]!, new Memfs())
    await new Promise<void>((r) => p.on('SIGTERM', () => r()))
    return 0
  })
  const holder = sys.exec(['hold', 'mine'], { user: 'glenda' })
  await posted(sys, 'mine')
  const taken = await asProcess(sys, async (p) => {
    try {
      ;(p as ProcContext & { postServer(n: string, f: Memfs): void }).postServer('mine', new Memfs())
      return 'posted'
    } catch (e) {
      return (e as Error).message
    }
  }, 'alice')
  assert.equal(taken, '/srv/mine: file already exists')
  const rm = await asProcess(sys, async (p) => p.remove('/srv/mine').then(() => 'removed', (e: Error) => e.message), 'alice')
  assert.equal(rm, '/srv/mine: file does not exist')
  const glendaMounts = await asProcess(sys, async (p) => (p.getServer('mine') ? 'got it' : 'none'), 'glenda')
  assert.equal(glendaMounts, 'got it')
  // an entry alice may not read is not there for her
  const aliceMounts = await asProcess(sys, async (p) => (p.getServer('mine') ? 'got it' : 'none'), 'alice')
  assert.equal(aliceMounts, 'none')
  assert.equal(await asProcess(sys, async (p) => p.remove('/srv/mine').then(() => 'removed'), 'root'), 'removed')
  for (const p of sys.kernel.procs.values()) if (p.argv[0] === 'hold') sys.kernel.kill(undefined, p.pid, 'SIGTERM')
  assert.equal((await holder).exitCode, 0)
  await sys.shutdown()
})

test('a server killed with SIGKILL leaves no entry and its mounts hang up instead of hanging', async () => {
  const sys = await boot()
  await sys.mkdirAll('/n/x', 0o777)
  sys.bins.add('serve', async (p) => {
    if (!isSrvCapable(p)) return 1
    const fs = new Memfs({ mode: 0o777 })
    await (await fs.create('/hello', 0o666, 1, p.user)).write(0, new TextEncoder().encode('hi\n'))
    p.postServer('victim', fs)
    await new Promise(() => {})
    return 0
  })
  const server = sys.exec(['serve'], { user: 'root' })
  await posted(sys, 'victim')
  // mounted in the system namespace, which sys.readFile and every later login see
  const mountOut = await sys.exec(['nsgroup', 'join', 'system', 'mount', 'victim', '/n/x'], { user: 'root' })
  assert.equal(mountOut.exitCode, 0, mountOut.stderr)
  assert.equal(text(await sys.readFile('/n/x/hello')), 'hi\n')
  const held = await asProcess(sys, async (p) => p.open('/n/x/hello'), 'root')
  void held
  const pid = [...sys.kernel.procs.values()].find((p) => p.argv[0] === 'serve')!.pid
  sys.kernel.kill(undefined, pid, 'SIGKILL')
  assert.equal((await server).exitCode, 137)
  assert.ok(!sys.srv.names().includes('victim'))
  await assert.rejects(sys.readFile('/n/x/hello'), /i\/o on hungup channel/)
  const ls = await sys.exec(['mount'], { user: 'root' })
  assert.match(ls.stdout, /mount victim \/n\/x/)
  const um = await sys.exec(['nsgroup', 'join', 'system', 'umount', '/n/x'], { user: 'root' })
  assert.equal(um.exitCode, 0, um.stderr)
  await sys.shutdown()
})

test('bind, mount and umount commands: flags, listing, errors as cmd: path: reason', async () => {
  const sys = await boot()
  await sys.mkdirAll('/tmp/a', 0o777)
  await sys.mkdirAll('/tmp/b', 0o777)
  await sys.writeFile('/tmp/a/one', '1')
  await sys.writeFile('/tmp/b/two', '2')
  // each run changes the system namespace, so the next run (a new login) sees the change
  const run = (...argv: string[]) => sys.exec(['nsgroup', 'join', 'system', ...argv], { user: 'root' })
  assert.equal((await run('bind', '-a', '/tmp/a', '/tmp/b')).exitCode, 0)
  const names = await asProcess(sys, async (p) => (await p.readdir('/tmp/b')).map((d) => d.name).sort())
  assert.deepEqual(names, ['one', 'two'])
  const listing = (await run('mount')).stdout
  assert.match(listing, /^bind \/tmp\/b \/tmp\/b$/m)
  assert.match(listing, /^bind -a \/tmp\/a \/tmp\/b$/m)
  assert.doesNotMatch(listing, /^cd /m)
  assert.deepEqual(await run('bind', '/nope', '/tmp/b'), { stdout: '', stderr: 'bind: /nope: file does not exist\n', exitCode: 1 })
  assert.deepEqual(await run('bind', '-a', '-b', '/tmp/a', '/tmp/b'), { stdout: '', stderr: 'bind: -b and -a are exclusive\nusage: bind [-b|-a] [-c] [-r] new old\n', exitCode: 1 })
  assert.equal((await run('bind', '/tmp/a/one', '/tmp/b')).stderr, 'bind: /tmp/b: inconsistent mount\n')
  assert.equal((await run('bind')).exitCode, 1)
  assert.equal((await run('umount', '/tmp/a', '/tmp/b')).exitCode, 0)
  assert.deepEqual(await asProcess(sys, async (p) => (await p.readdir('/tmp/b')).map((d) => d.name)), ['two'])
  assert.equal((await run('umount', '/tmp/a', '/tmp/b')).stderr, 'umount: /tmp/b: not in union\n')
  assert.equal((await run('umount', '/tmp/b')).exitCode, 0)
  assert.equal((await run('umount', '/tmp/b')).stderr, 'umount: /tmp/b: not mounted\n')
  assert.equal((await run('mount', 'nosuch', '/tmp/b')).stderr, 'mount: /srv/nosuch: file does not exist\n')
  // bind fallback: an existing path is bound, and mount says so
  const fallback = await run('mount', '/tmp/a', '/tmp/b')
  assert.equal(fallback.exitCode, 0)
  assert.match(fallback.stderr, /not a server in \/srv; bound the path instead/)
  assert.deepEqual(await asProcess(sys, async (p) => (await p.readdir('/tmp/b')).map((d) => d.name)), ['one'])
  for (const cmd of ['bind', 'mount', 'umount', 'pkg']) assert.match((await run(cmd, '--help')).stdout, new RegExp(`^usage: ${cmd} `))
  await sys.shutdown()
})

test('pkg: install from the catalogue, list, info, remove; a bad package changes nothing', async () => {
  const sys = await boot()
  const run = (...argv: string[]) => sys.exec(argv, { user: 'glenda' })
  assert.match((await run('pkg', 'list')).stdout, /^webcam-device\tavailable\t/m)
  const inst = await run('pkg', 'install', 'webcam-device')
  assert.equal(inst.stdout, 'installed webcam-device: webcam-srv\n')
  assert.match((await run('pkg', 'list')).stdout, /^webcam-device\tinstalled\t/m)
  assert.match((await run('pkg', 'info', 'webcam-device')).stdout, /^bins\twebcam-srv$/m)
  assert.equal((await run('pkg', 'install', 'webcam-device')).stderr, 'pkg: webcam-device: file already exists\n')
  assert.equal((await run('pkg', 'install', 'nosuch')).stderr, 'pkg: nosuch: file does not exist: no such package\n')
  assert.equal((await run('pkg', 'install', '/host/x.js')).stderr, 'pkg: /host/x.js: permission denied\n')
  assert.equal((await run('webcam-srv', '--help')).exitCode, 0)
  assert.equal((await run('pkg', 'remove', 'webcam-device')).exitCode, 0)
  assert.equal((await run('webcam-srv', '--help')).exitCode, 127)
  // a package that clashes, throws or has the wrong shape is refused and leaves the system as it was
  const bad = async (module: unknown) => {
    const s2 = await testSystem([srvPreset()])
    const before = s2.bins.names()
    const loaded = { ...s2 }
    void loaded
    ;(s2.packages as unknown as { loadModule: (p: string) => Promise<unknown> }).loadModule = async () => module
    const r = await s2.exec(['pkg', 'install', '/host/bad.js'], { user: 'root' })
    assert.deepEqual(s2.bins.names(), before)
    await s2.shutdown()
    return r
  }
  assert.match((await bad({ default: () => ({ bins: { echo: async () => 0, fresh: async () => 0 } }) })).stderr, /\/bin\/echo: file already exists/)
  assert.match((await bad({ default: () => { throw new Error('boom') } })).stderr, /its default export threw: boom/)
  assert.match((await bad({ default: () => ({ bins: { x: 'not a function' } }) })).stderr, /bin "x" is not a function/)
  assert.match((await bad({ nodefault: 1 })).stderr, /no default export/)
  assert.match((await bad({ default: () => ({ mounts: { '/dev/thing': {} } }) })).stderr, /is not a fileserver/)
  await sys.shutdown()
})

test('Extension.mounts: a stateless device appears at its path on install and goes on remove', async () => {
  const sys = await boot()
  const { synthetic, file } = await import('../../src/kernel/fileservers/synthetic.ts')
  const device = synthetic({ hello: file({ read: () => 'device says hi\n' }) })
  ;(sys.packages as unknown as { loadModule: (p: string) => Promise<unknown> }).loadModule = async () => ({ default: () => ({ name: 'hello-device', mounts: { '/dev/hello': device } }) })
  assert.equal((await sys.exec(['pkg', 'install', '/host/hello.js'], { user: 'root' })).exitCode, 0)
  assert.equal(text(await sys.readFile('/dev/hello/hello')), 'device says hi\n')
  assert.equal((await sys.exec(['pkg', 'remove', 'hello-device'], { user: 'root' })).exitCode, 0)
  await assert.rejects(sys.readFile('/dev/hello/hello'), /file does not exist/)
  await sys.shutdown()
})

test('webcam-srv: frame.jpg decodes as a JPEG of the set resolution; ctl and status; SIGTERM exits 0', async () => {
  const sys = await boot()
  await sys.exec(['pkg', 'install', 'webcam-device'])
  await sys.mkdirAll('/home/glenda/cam', 0o755)
  const server = sys.exec(['webcam-srv', '--width', '64', '--height', '48', '--fps', '60'])
  await posted(sys, 'webcam')
  // mounted as root in the system namespace: every later login receives it (a user's own mount
  // stays in her login's namespace)
  assert.equal((await sys.exec(['nsgroup', 'join', 'system', 'mount', 'webcam', '/home/glenda/cam'], { user: 'root' })).exitCode, 0)
  const frame = jpeg.decode(await sys.readFile('/home/glenda/cam/frame.jpg'))
  assert.deepEqual([frame.width, frame.height], [64, 48])
  const again = await sys.readFile('/home/glenda/cam/frame.jpg')
  assert.equal(jpeg.decode(again).width, 64)
  await asProcess(sys, async (p) => p.writeFile('/home/glenda/cam/ctl', 'resolution 32x16\n'), 'glenda')
  assert.deepEqual([jpeg.decode(await sys.readFile('/home/glenda/cam/frame.jpg')).width, 16].length, 2)
  assert.equal(jpeg.decode(await sys.readFile('/home/glenda/cam/frame.jpg')).height, 16)
  const refused = await asProcess(sys, async (p) => p.writeFile('/home/glenda/cam/ctl', 'zoom 3\n').then(() => 'ok', (e: Error) => e.message), 'glenda')
  assert.match(refused, /bad arg in system call: bad control message: zoom 3/)
  const tooBig = await asProcess(sys, async (p) => p.writeFile('/home/glenda/cam/ctl', 'resolution 99999x2\n').then(() => 'ok', (e: Error) => e.message), 'glenda')
  assert.match(tooBig, /resolution must be/)
  assert.equal(text(await sys.readFile('/home/glenda/cam/status')), 'resolution 32x16\nfps 60\nframes 4\n')
  assert.equal((await sys.exec(['webcam-srv', '--width', 'x'])).exitCode, 1)
  const pid = [...sys.kernel.procs.values()].find((p) => p.argv[0] === 'webcam-srv')!.pid
  sys.kernel.kill(undefined, pid, 'SIGTERM')
  assert.equal((await server).exitCode, 0)
  assert.ok(!sys.srv.names().includes('webcam'))
  await sys.shutdown()
})
