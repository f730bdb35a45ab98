import assert from 'node:assert/strict'
import { test } from 'node:test'
import jpeg from 'jpeg-js'
import type { Preset, System } from '../../src/image.ts'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { isSrvCapable, type BinFunction } from '../../src/kernel/types.ts'
import type { ServiceDef } from '../../src/extension.ts'
import { servicesPreset } from '../../src/presets/services.ts'
import { srvPreset } from '../../src/presets/srv.ts'
import { asProcess, testSystem } from '../kernel/fixtures.ts'

const text = (b: Uint8Array): string => new TextDecoder().decode(b)
const boot = (extra: Preset[] = []) => testSystem([srvPreset(), servicesPreset(), ...extra])
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    await sleep(5)
  }
}

const statusOf = async (sys: System, name: string) => text(await sys.readFile(`/svc/${name}/status`))
const field = (status: string, key: string) => new RegExp(`^${key}\\t(.*)$`, 'm').exec(status)?.[1]

test("the roadmap's service-managed device flow, line for line", async () => {
  const sys = await boot()
  const run = (...argv: string[]) => sys.exec(argv)
  assert.equal((await run('pkg', 'install', 'webcam-device')).exitCode, 0) // pkg install webcam-device
  const started = await run('svc', 'start', 'webcam-srv') // init starts daemon, auto-mounts /dev/webcam
  assert.equal(started.exitCode, 0, started.stderr)
  const frame = jpeg.decode(await sys.readFile('/dev/webcam/frame.jpg')) // cat /dev/webcam/frame.jpg: just works
  assert.deepEqual([frame.width, frame.height], [640, 480])
  const status = (await run('svc', 'status', 'webcam-srv')).stdout
  assert.match(status, /^state\trunning$/m)
  assert.match(status, /^unit\tmount webcam \/dev\/webcam: mounted$/m)
  assert.match((await run('svc', 'list')).stdout, /^webcam-srv\trunning\t\d+$/m)
  assert.equal((await run('svc', 'stop', 'webcam-srv')).exitCode, 0) // init stops daemon, auto-unmounts
  await assert.rejects(sys.readFile('/dev/webcam/frame.jpg'), /file does not exist/)
  assert.match((await run('svc', 'status', 'webcam-srv')).stdout, /^state\tinactive$/m)
  assert.match((await run('svc', 'list')).stdout, /^webcam-srv\tinactive\t-$/m)
  assert.match(text(await sys.readFile('/var/log/webcam-srv')), /exited with status 0/)
  await sys.shutdown()
})

test('restart after kill -9: new server posted and mounted, old descriptors hung up', async () => {
  const sys = await boot()
  await sys.exec(['pkg', 'install', 'webcam-device'])
  assert.equal((await sys.exec(['svc', 'start', 'webcam-srv'])).exitCode, 0)
  const oldPid = Number(field(await statusOf(sys, 'webcam-srv'), 'pid'))
  const oldServer = sys.srv.get('webcam', sys.kernel.users.cred('root'))
  // a descriptor held open on the old server
  const result = asProcess(sys, async (p) => {
    const fd = await p.open('/dev/webcam/status')
    await until('restart', () => sys.srv.posterOf('webcam') !== undefined && sys.srv.posterOf('webcam') !== oldPid)
    return p.read(fd).then(() => 'read ok', (e: Error) => e.message)
  })
  await sleep(20)
  sys.kernel.kill(undefined, oldPid, 'SIGKILL')
  assert.equal(await result, 'i/o on hungup channel')
  await until('mounted again', async () => /mounted$/m.test(await statusOf(sys, 'webcam-srv')))
  const status = await statusOf(sys, 'webcam-srv')
  assert.equal(field(status, 'restarts'), '1')
  assert.equal(field(status, 'lastexit'), '137')
  assert.notEqual(Number(field(status, 'pid')), oldPid)
  assert.notEqual(sys.srv.get('webcam', sys.kernel.users.cred('root')), oldServer)
  assert.equal(jpeg.decode(await sys.readFile('/dev/webcam/frame.jpg')).width, 640)
  await sys.exec(['svc', 'stop', 'webcam-srv'])
  await sys.shutdown()
})

function servicePreset(bins: Record<string, BinFunction>, services: ServiceDef[]): Preset {
  return { name: 'svc-test', bins, services }
}

test('a service that exits 1 at once backs off with growing delays, then is marked failed', async () => {
  let starts = 0
  const times: number[] = []
  const sys = await boot([
    servicePreset({ crash: async () => (starts++, times.push(Date.now()), 1) }, [{ name: 'crash', bin: 'crash', restart: { policy: 'on-failure', delayMs: 20, maxDelayMs: 1000, burst: 3 } }]),
  ])
  const r = await sys.exec(['svc', 'start', 'crash'], { user: 'root' })
  assert.equal(r.exitCode, 0)
  await until('failed', async () => /^state\tfailed/m.test(await statusOf(sys, 'crash')))
  assert.equal(starts, 4, 'the first start and three restarts')
  const gaps = times.slice(1).map((t, i) => t - times[i]!)
  assert.ok(gaps[0]! >= 18 && gaps[1]! >= 38 && gaps[2]! >= 78, `delays double: ${gaps.join(',')}`)
  await sleep(150)
  assert.equal(starts, 4, 'no more starts after failing')
  assert.match(await statusOf(sys, 'crash'), /^state\tfailed \(restarted 3 times in 30000 ms; giving up \(last status 1\)\)$/m)
  await sys.shutdown()
})

test('svc stop of a service that ignores SIGTERM kills it after the grace period', async () => {
  const stubborn: BinFunction = async (p) => {
    p.on('SIGTERM', () => {})
    await new Promise(() => {})
    return 0
  }
  const sys = await boot([servicePreset({ stubborn }, [{ name: 'stubborn', bin: 'stubborn', stopTimeoutMs: 100 }])])
  assert.equal((await sys.exec(['svc', 'start', 'stubborn'], { user: 'root' })).exitCode, 0)
  const t0 = Date.now()
  assert.equal((await sys.exec(['svc', 'stop', 'stubborn'], { user: 'root' })).exitCode, 0)
  assert.ok(Date.now() - t0 >= 95)
  const status = await statusOf(sys, 'stubborn')
  assert.equal(field(status, 'state'), 'inactive')
  assert.equal(field(status, 'lastexit'), '137')
  assert.match(text(await sys.readFile('/var/log/stubborn')), /ignored SIGTERM for 100 ms; sending SIGKILL/)
  await sys.shutdown()
})

test('a service that never posts: its mount unit waits, then fails with a reason', async () => {
  const silent: BinFunction = async (p) => {
    await p.stdout.write('starting but never posting\n')
    await new Promise(() => {})
    return 0
  }
  const sys = await boot([servicePreset({ silent }, [{ name: 'silent', bin: 'silent', postMount: { quiet: '/n/quiet' }, postTimeoutMs: 150 }])])
  const starting = sys.exec(['svc', 'start', 'silent'], { user: 'root' })
  await until('waiting', async () => /unit\tmount quiet \/n\/quiet: waiting/.test(await statusOf(sys, 'silent')))
  const r = await starting
  assert.equal(r.exitCode, 1)
  assert.equal(r.stderr, 'svc: silent: i/o error: timed out after 150 ms waiting for /srv/quiet\n')
  assert.match((await sys.exec(['svc', 'status', 'silent'], { user: 'root' })).stdout, /^unit\tmount quiet \/n\/quiet: failed \(timed out after 150 ms waiting for \/srv\/quiet\)$/m)
  assert.equal((await sys.exec(['svc', 'logs', 'silent'], { user: 'root' })).stdout.split('\n')[1], 'starting but never posting')
  await sys.exec(['svc', 'stop', 'silent'], { user: 'root' })
  await sys.shutdown()
})

test('services start at boot in `after` order; only root and the group sys control them; bad verbs refused', async () => {
  const order: string[] = []
  const poster = (name: string): BinFunction => async (p) => {
    order.push(name)
    if (isSrvCapable(p)) p.postServer(name, new Memfs())
    await new Promise(() => {})
    return 0
  }
  const sys = await boot([
    servicePreset({ second: poster('second'), first: poster('first') }, [
      { name: 'second', bin: 'second', after: ['first'], enabled: true, postMount: { second: '/n/second' } },
      { name: 'first', bin: 'first', enabled: true, postMount: { first: '/n/first' } },
    ]),
  ])
  assert.deepEqual(order, ['first', 'second'])
  assert.match(await statusOf(sys, 'second'), /mount second \/n\/second: mounted/)
  // alice is not in the group sys
  assert.equal((await sys.exec(['svc', 'stop', 'first'], { user: 'alice' })).stderr, 'svc: first: permission denied\n')
  assert.equal((await sys.exec(['svc', 'nosuch', 'first'])).exitCode, 1)
  assert.equal((await sys.exec(['svc', 'start', 'nope'])).stderr, 'svc: nope: file does not exist: no such service\n')
  assert.equal((await sys.exec(['svc', 'disable', 'first'], { user: 'root' })).exitCode, 0)
  assert.match(await statusOf(sys, 'first'), /^enabled\tno$/m)
  const ctl = await asProcess(sys, async (p) => p.writeFile('/svc/first/ctl', 'explode').then(() => 'ok', (e: Error) => e.message))
  assert.match(ctl, /unknown control "explode"/)
  await sys.shutdown()
})

test('srv starts a server, waits for its post, mounts it and prints its pid; ns prints the namespace', async () => {
  const sys = await boot([{ name: 'ramfs', bins: (await import('../../packages/ramfs/index.ts')).default().bins }])
  await sys.mkdirAll('/n/r', 0o777)
  const r = await sys.exec(['nsgroup', 'join', 'system', 'srv', '-m', '/n/r', '-c', 'scratch', 'ramfs-srv', '-s', 'scratch'], { user: 'root' })
  assert.equal(r.exitCode, 0, r.stderr)
  const pid = Number(r.stdout.trim())
  assert.equal(sys.srv.posterOf('scratch'), pid)
  await sys.writeFile('/n/r/file', 'in ramfs')
  assert.equal(text(await sys.readFile('/n/r/file')), 'in ramfs')
  // a login made after the mount has it too (propagated from the system namespace)
  const ns = (await sys.exec(['ns'], { user: 'root' })).stdout
  assert.match(ns, /^mount -c scratch \/n\/r$/m)
  assert.match(ns, /^cd \/root$/m)
  const other = (await sys.exec(['ns', '1'], { user: 'root' })).stdout
  assert.match(other, /^mount -c scratch \/n\/r$/m)
  assert.equal((await sys.exec(['ns', '1'], { user: 'glenda' })).stderr, 'ns: /proc/1/ns: permission denied\n')
  assert.equal((await sys.exec(['srv', 'scratch', 'ramfs-srv', '-s', 'scratch'], { user: 'root' })).stderr, 'srv: /srv/scratch: file already exists\n')
  const never = await sys.exec(['srv', '-t', '0.1', 'ghost', 'forever'], { user: 'root' })
  assert.match(never.stderr, /^srv: \/srv\/ghost: i\/o error: not posted within 0.1 s; stopped forever \(pid \d+\)\n$/)
  assert.equal((await sys.exec(['srv', 'x'], { user: 'root' })).exitCode, 1)
  sys.kernel.kill(undefined, pid, 'SIGTERM')
  await sys.shutdown()
})

test("a mount unit mounts only its own service's post: not one by the service's user or root from elsewhere", async () => {
  const poster: BinFunction = async (p) => {
    if (isSrvCapable(p)) p.postServer('squat', new Memfs())
    await new Promise(() => {})
    return 0
  }
  for (const user of ['glenda', 'root']) {
    const sys = await boot([servicePreset({ poster }, [{ name: 'real', bin: 'poster', user: 'glenda', postMount: { squat: '/n/squat' }, postTimeoutMs: 150 }])])
    const squatter = sys.exec(['poster'], { user })
    await until('squatted', () => sys.srv.ownerOf('squat') === user)
    const r = await sys.exec(['svc', 'start', 'real'], { user: 'root' })
    assert.equal(r.stderr, 'svc: real: i/o error: exited with status 1\n', user)
    assert.doesNotMatch((await sys.exec(['mount'], { user: 'root' })).stdout, /squat/)
    for (const p of sys.kernel.procs.values()) if (p.argv[0] === 'poster') sys.kernel.kill(undefined, p.pid, 'SIGKILL')
    await squatter
    await sys.shutdown()
  }
})

test("a mount unit never mounts another user's post of its name (squatting)", async () => {
  const poster: BinFunction = async (p) => {
    if (isSrvCapable(p)) p.postServer('squat', new Memfs())
    await new Promise(() => {})
    return 0
  }
  const sys = await boot([servicePreset({ poster }, [{ name: 'real', bin: 'poster', postMount: { squat: '/n/squat' }, postTimeoutMs: 150 }])])
  const squatter = sys.exec(['poster'], { user: 'alice' })
  await until('squatted', () => sys.srv.ownerOf('squat') === 'alice')
  // the service's own post fails (the name is taken), so it exits at once, and nothing is mounted
  const r = await sys.exec(['svc', 'start', 'real'], { user: 'root' })
  assert.equal(r.stderr, 'svc: real: i/o error: exited with status 1\n')
  assert.match(await statusOf(sys, 'real'), /^state\tfailed \(exited with status 1\)$/m)
  assert.match(text(await sys.readFile('/var/log/real')), /\/srv\/squat: file already exists/)
  assert.doesNotMatch((await sys.exec(['mount'], { user: 'root' })).stdout, /squat/)
  for (const p of sys.kernel.procs.values()) if (p.argv[0] === 'poster' && p.cred.uid === 'alice') sys.kernel.kill(undefined, p.pid, 'SIGKILL')
  await squatter
  await sys.shutdown()
})
