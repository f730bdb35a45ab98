/** Namespace sharing and copies (rfork): shared by default, private copies, copy-on-write, clean, frozen. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { ROOT_DIRS } from '../../src/kernel/fileservers/root.ts'
import { Namespace } from '../../src/kernel/namespace.ts'
import type { ProcContext } from '../../src/kernel/types.ts'
import { asProc, fails, inChild, names, settle, text, withSystem } from './helpers.ts'

/** The minimal root's entries in a directory: its empty mount-point directories. */
function minimalRoot(dir: string): string[] {
  const prefix = dir === '/' ? '' : dir.slice(1) + '/'
  return ROOT_DIRS.filter((d) => d.startsWith(prefix) && !d.slice(prefix.length).includes('/')).map((d) => d.slice(prefix.length)).sort()
}

async function seed(sys: System): Promise<void> {
  for (const d of ['/tmp/a', '/tmp/b', '/n/x']) await sys.mkdirAll(d, 0o777)
  await sys.writeFile('/tmp/a/fa', 'a')
  await sys.writeFile('/tmp/b/fb', 'b')
}

function rforkTest(name: string, body: (p: ProcContext, sys: System) => Promise<void>): void {
  test(name, async () => {
    await withSystem(async (sys) => {
      await seed(sys)
      await asProc(sys, (p) => body(p, sys))
    })
  })
}

/** A child that runs until released; `act` runs in it first and its result is returned at once. */
async function parked(p: ProcContext, options: Parameters<NonNullable<ProcContext['spawn']>>[1] = {}) {
  let release!: () => void
  const gate = new Promise<void>((r) => (release = r))
  let ctx!: ProcContext
  let ready!: () => void
  const started = new Promise<void>((r) => (ready = r))
  const child = await p.spawn(['parked'], {
    ...options,
    bin: async (c) => {
      ctx = c
      ready()
      await gate
      return 0
    },
  })
  await started
  return {
    ctx,
    pid: child.pid,
    async done(): Promise<number> {
      release()
      return child.wait()
    },
  }
}

rforkTest('a child shares its parent\'s namespace by default: binds by either are seen by both', async (p) => {
  const child = await parked(p)
  await p.bind('/tmp/a', '/n/x')
  assert.deepEqual(await names(child.ctx, '/n/x'), ['fa'], 'the child sees the parent\'s bind')
  await child.ctx.bind('/tmp/b', '/n/x')
  assert.deepEqual(await names(p, '/n/x'), ['fb'], 'the parent sees the child\'s bind')
  await child.ctx.unmount('/n/x')
  assert.deepEqual(await names(p, '/n/x'), [])
  assert.equal(await child.done(), 0)
})

rforkTest('with copyNamespace the child gets a copy: later binds on either side are not seen by the other', async (p) => {
  await p.bind('/tmp/a', '/n/x')
  const child = await parked(p, { rfork: { copyNamespace: true } })
  assert.deepEqual(await names(child.ctx, '/n/x'), ['fa'], 'the copy starts with the parent\'s mounts')
  await child.ctx.bind('/tmp/b', '/n/x')
  assert.deepEqual(await names(child.ctx, '/n/x'), ['fb'])
  assert.deepEqual(await names(p, '/n/x'), ['fa'], 'the parent does not see the child\'s bind')
  await p.unmount('/n/x')
  await p.bind('/tmp/b', '/tmp/a')
  assert.deepEqual(await names(p, '/n/x'), [])
  assert.deepEqual(await names(child.ctx, '/n/x'), ['fb'], 'the child does not see the parent\'s unmount')
  assert.deepEqual(await names(child.ctx, '/tmp/a'), ['fa'], 'nor its bind')
  assert.equal(await child.done(), 0)
})

rforkTest('rfork copyNamespace on the running process itself', async (p) => {
  const sibling = await parked(p)
  await p.rfork({ copyNamespace: true })
  await p.bind('/tmp/a', '/n/x')
  assert.deepEqual(await names(sibling.ctx, '/n/x'), [], 'a process that shared the old namespace does not see it')
  assert.deepEqual(await inChild(p, (c) => names(c, '/n/x')), ['fa'], 'children made afterwards share the new one')
  await sibling.done()
})

test('copies are copy-on-write: 10,000 copies share one table until they change', () => {
  const rootfs = new Memfs()
  const cred = { uid: 'root', gid: 'root', groups: ['root'] }
  return (async () => {
    for (const d of ['/a', '/b', '/x']) await (await rootfs.create(d, 0x80000000 | 0o777, 0, cred)).close()
    const ns = new Namespace({ fs: rootfs, path: '/' })
    await ns.bind('/a', '/x', {}, cred)
    const qid = rootfs.statNow('/x', cred)!.qid.path
    const original = ns.lookup(rootfs, qid)
    assert.ok(original !== undefined)
    const copies: Namespace[] = []
    for (let i = 0; i < 10_000; i++) copies.push(ns.copy())
    for (const c of copies) assert.equal(c.lookup(rootfs, qid), original, 'an unchanged copy shares the mount point object')
    // One copy changes: it gets its own table; everyone else still shares the original.
    await copies[42]!.bind('/b', '/x', { after: true }, cred)
    const changed = copies[42]!.lookup(rootfs, qid)
    assert.notEqual(changed, original)
    assert.equal(changed!.members.length, 2)
    assert.equal(original.members.length, 1, 'the change did not leak into the shared table')
    for (let i = 0; i < copies.length; i++) if (i !== 42) assert.equal(copies[i]!.lookup(rootfs, qid), original)
    assert.equal(ns.lookup(rootfs, qid), original)
    // The original changes too: the copies keep the old table.
    await ns.unmount('/x', undefined, cred)
    assert.equal(ns.lookup(rootfs, qid), undefined)
    assert.equal(copies[0]!.lookup(rootfs, qid), original)
    assert.equal(copies[9_999]!.lookup(rootfs, qid), original)
    // A copy of a copy, changed, leaves its parent copy alone.
    const grandchild = copies[7]!.copy()
    await grandchild.unmount('/x', undefined, cred)
    assert.equal(grandchild.lookup(rootfs, qid), undefined)
    assert.equal(copies[7]!.lookup(rootfs, qid), original)
  })()
})

rforkTest('processes with copied namespaces share mount points until one changes', async (p, sys) => {
  await p.bind('/tmp/a', '/n/x')
  const children = []
  for (let i = 0; i < 50; i++) children.push(await parked(p, { rfork: { copyNamespace: true } }))
  const point = await sys.kernel.procs.get(p.pid)!.ns.resolve('/n/x', p.user, false)
  const qid = (await point.chan.fs.stat(point.chan.path, p.user)).qid.path
  const original = sys.kernel.procs.get(p.pid)!.ns.lookup(point.chan.fs, qid)
  assert.ok(original)
  for (const c of children) assert.equal(sys.kernel.procs.get(c.pid)!.ns.lookup(point.chan.fs, qid), original)
  await children[3]!.ctx.bind('/tmp/b', '/n/x', { after: true })
  assert.notEqual(sys.kernel.procs.get(children[3]!.pid)!.ns.lookup(point.chan.fs, qid), original)
  for (const [i, c] of children.entries()) if (i !== 3) assert.equal(sys.kernel.procs.get(c.pid)!.ns.lookup(point.chan.fs, qid), original)
  for (const c of children) await c.done()
})

rforkTest('a clean namespace has only / (the minimal root\'s empty directories) and /dev', async (p) => {
  await inChild(
    p,
    async (c) => {
      assert.equal(c.cwd, '/')
      assert.deepEqual(await names(c, '/'), minimalRoot('/'))
      for (const d of ROOT_DIRS) if (d !== 'dev') assert.deepEqual(await names(c, `/${d}`), minimalRoot(`/${d}`), `/${d} holds only mount points`)
      assert.ok((await names(c, '/dev')).includes('null'))
      assert.equal((await c.readFile('/dev/null')).length, 0)
      await fails(c.stat('/n/x'), 'file does not exist')
      await fails(c.stat('/home/glenda'), 'file does not exist')
      await fails(c.stat('/tmp/a'), 'file does not exist')
      await fails(c.spawn(['echo', 'hi']), 'file does not exist')
      // nothing can be created in the minimal root
      await fails(c.writeFile('/tmp/x', 'x'), 'permission denied')
      // what it needs, it mounts
      await c.bind('#b', '/bin')
      assert.ok((await names(c, '/bin')).includes('echo'))
      await c.bind('#p', '/proc')
      assert.ok((await names(c, '/proc')).includes(String(c.pid)))
      await c.mount(new Memfs(), '/tmp', { create: true })
      await c.writeFile('/tmp/x', 'mine')
      assert.equal(text(await c.readFile('/tmp/x')), 'mine')
    },
    { rfork: { cleanNamespace: true } },
  )
  // none of that reached the parent
  await fails(p.stat('/tmp/x'), 'file does not exist')
  assert.deepEqual(await names(p, '/tmp/a'), ['fa'])
})

rforkTest('rfork cleanNamespace on the running process moves it to /', async (p) => {
  await inChild(p, async (c) => {
    await c.chdir('/tmp/a')
    await c.rfork({ cleanNamespace: true })
    assert.equal(c.cwd, '/')
    assert.deepEqual(await names(c, '/'), minimalRoot('/'))
  })
  assert.deepEqual(await names(p, '/tmp/a'), ['fa'], 'the parent keeps its namespace')
})

rforkTest('copy and clean together, or other exclusive pairs: bad arg in system call', async (p) => {
  await fails(p.spawn(['echo'], { rfork: { copyNamespace: true, cleanNamespace: true } }), 'bad arg in system call')
  await fails(p.spawn(['echo'], { rfork: { copyEnv: true, cleanEnv: true } }), 'bad arg in system call')
  await fails(p.spawn(['echo'], { rfork: { copyFds: true, cleanFds: true } }), 'bad arg in system call')
  await fails(p.rfork({ copyNamespace: true, cleanNamespace: true }), 'bad arg in system call')
})

rforkTest('noMount freezes the namespace: bind, mount, unmount and attaches fail', async (p) => {
  await p.bind('/tmp/a', '/n/x')
  await inChild(
    p,
    async (c) => {
      await fails(c.bind('/tmp/b', '/n/x'), 'mount/attach disallowed')
      await fails(c.bind('/tmp/b', '/n/x', { after: true }), 'mount/attach disallowed')
      await fails(c.bind('#p', '/n/x'), 'mount/attach disallowed')
      await fails(c.mount(new Memfs(), '/n/x'), 'mount/attach disallowed')
      await fails(c.unmount('/n/x'), 'mount/attach disallowed')
      await fails(c.unmount('/n/x', '/tmp/a'), 'mount/attach disallowed')
      assert.deepEqual(await names(c, '/n/x'), ['fa'], 'what was there stays')
      // ordinary file operations still work
      await c.writeFile('/tmp/a/fromchild', 'x')
    },
    { rfork: { noMount: true } },
  )
  assert.deepEqual(await names(p, '/n/x'), ['fa', 'fromchild'])
  // the parent is not frozen, and its later binds do not reach a frozen child (noMount implies a copy)
  const frozen = await parked(p, { rfork: { noMount: true } })
  await p.bind('/tmp/b', '/n/x')
  assert.deepEqual(await names(p, '/n/x'), ['fb'])
  assert.deepEqual(await names(frozen.ctx, '/n/x'), ['fa', 'fromchild'])
  await frozen.done()
})

rforkTest('noMount is inherited by every descendant and can never be cleared', async (p) => {
  await inChild(
    p,
    async (c) => {
      await inChild(c, async (g) => {
        await fails(g.bind('/tmp/b', '/n/x'), 'mount/attach disallowed')
        await inChild(g, (gg) => fails(gg.mount(new Memfs(), '/n/x'), 'mount/attach disallowed'))
      })
      // a copy or a clean namespace does not lift it, nor does rfork on itself
      await inChild(c, (g) => fails(g.bind('/tmp/b', '/n/x'), 'mount/attach disallowed'), { rfork: { copyNamespace: true } })
      await inChild(c, (g) => fails(g.bind('#b', '/bin'), 'mount/attach disallowed'), { rfork: { cleanNamespace: true } })
      await c.rfork({ copyNamespace: true })
      await fails(c.bind('/tmp/b', '/n/x'), 'mount/attach disallowed')
      await c.rfork({ cleanNamespace: true })
      await fails(c.bind('#b', '/bin'), 'mount/attach disallowed')
      await c.rfork({})
      await fails(c.bind('#b', '/bin'), 'mount/attach disallowed')
      // as another user too
      await inChild(c, (g) => fails(g.bind('#b', '/bin'), 'mount/attach disallowed'), { user: 'glenda' })
    },
    { rfork: { noMount: true } },
  )
})

rforkTest('rfork noMount on the running process does not freeze the namespace it shared', async (p) => {
  const sibling = await parked(p)
  await inChild(p, async (c) => {
    await c.rfork({ noMount: true })
    await fails(c.bind('/tmp/a', '/n/x'), 'mount/attach disallowed')
  })
  await sibling.ctx.bind('/tmp/a', '/n/x')
  assert.deepEqual(await names(p, '/n/x'), ['fa'])
  await sibling.done()
  await settle()
})

rforkTest('environment: copied by default, empty with cleanEnv, and never shared', async (p) => {
  p.env.SHARED = 'parent'
  const seen = await inChild(p, async (c) => {
    const before = c.env.SHARED
    c.env.SHARED = 'child'
    c.env.NEW = 'child'
    return before
  })
  assert.equal(seen, 'parent')
  assert.equal(p.env.SHARED, 'parent')
  assert.equal(p.env.NEW, undefined)
  assert.deepEqual(await inChild(p, async (c) => ({ ...c.env }), { rfork: { cleanEnv: true } }), {})
  assert.deepEqual(await inChild(p, async (c) => ({ ...c.env }), { env: { ONLY: 'this' } }), { ONLY: 'this' })
  await inChild(p, async (c) => {
    await c.rfork({ cleanEnv: true })
    assert.deepEqual({ ...c.env }, {})
  })
  assert.equal(p.env.SHARED, 'parent')
})

rforkTest('descriptors: copied by default, empty with cleanFds', async (p) => {
  await p.writeFile('/tmp/f', 'data')
  const fd = await p.open('/tmp/f')
  assert.equal(await inChild(p, async (c) => text(await c.read(fd))), 'data')
  await inChild(p, (c) => fails(c.read(fd), 'fd out of range or not open'), { rfork: { cleanFds: true } })
  await inChild(p, async (c) => {
    await c.rfork({ cleanFds: true })
    await fails(c.read(1), 'fd out of range or not open')
  })
  // the child's copy shared the open file (and its offset)
  assert.equal((await p.read(fd)).length, 0)
})

rforkTest('newSignalGroup puts the child in a group of its own', async (p) => {
  const pgid = await inChild(p, async (c) => c.pgid, { rfork: { newSignalGroup: true } })
  assert.notEqual(pgid, p.pgid)
  const same = await inChild(p, async (c) => c.pgid)
  assert.equal(same, p.pgid)
  await inChild(p, async (c) => {
    await c.rfork({ newSignalGroup: true })
    assert.equal(c.pgid, c.pid)
  })
})
