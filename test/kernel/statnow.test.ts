/**
 * The synchronous stat path: fileservers with `statNow` answer a namespace walk and a stat at
 * once, and what they answer is always what the asynchronous path would say, at the moment of
 * asking: union order, files coming and going, binds and unmounts, search permission, mount
 * points crossed mid-path, and unions with members that answer only later. memfs keeps its
 * directories by path, and a namespace what statChanNow found (a program's lookup): no change to
 * a tree, a mount table or a user's groups may leave either stale.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Binfs, BinRegistry } from '../../src/kernel/fileservers/binfs.ts'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { readonly } from '../../src/kernel/readonly.ts'
import { hangupGuard } from '../../src/kernel/fileservers/srv.ts'
import { dynamicDir, file, synthetic, type Entries } from '../../src/kernel/fileservers/synthetic.ts'
import { Namespace } from '../../src/kernel/namespace.ts'
import { DMDIR, type Cred, type Dir, type Fileserver } from '../../src/kernel/types.ts'
import { boot, stdSystem } from '../../src/index.ts'
import { asProc, fails, withSystem } from './helpers.ts'
import { asyncOnly, mkdir, write } from './fsdoubles.ts'

const root: Cred = { uid: 'root', gid: 'root', groups: ['root'] }
const glenda: Cred = { uid: 'glenda', gid: 'glenda', groups: ['glenda'] }

/** Like asyncOnly, plus the non-throwing asynchronous `walk`. */
function asyncWithWalk(inner: Fileserver): Fileserver {
  return {
    ...asyncOnly(inner),
    kind: 'async-walk',
    walk: (p, c) => inner.stat(p, c).catch(() => undefined),
  }
}

/**
 * A namespace on a memfs root: /a (common "a", onlya, sub/x), /b (common "bb", onlyb),
 * /c (onlyc), /u and /v empty; the async fileservers each hold /onlyasync.
 */
async function world(): Promise<{ ns: Namespace; fs: Memfs; other: Memfs }> {
  const fs = new Memfs({ owner: 'root', mode: 0o755 })
  for (const d of ['/a', '/a/sub', '/b', '/c', '/u', '/v']) await mkdir(fs, d)
  await write(fs, '/a/common', 'a')
  await write(fs, '/a/onlya', 'only a')
  await write(fs, '/a/sub/x', 'x')
  await write(fs, '/b/common', 'bb')
  await write(fs, '/b/onlyb', 'only b')
  await write(fs, '/c/onlyc', 'only c')
  const other = new Memfs({ owner: 'root', mode: 0o755 })
  await write(other, '/onlyasync', 'async!')
  return { ns: new Namespace({ fs, path: '/' }), fs, other }
}

/** The stat both ways: at once (must answer) and through the asynchronous walk; they agree. */
async function both(ns: Namespace, path: string, cred: Cred = root): Promise<Dir> {
  const now = ns.statNow(path, cred)
  assert.ok(now !== undefined, `${path}: answered at once`)
  assert.deepEqual(await ns.statWaiting(path, cred), now)
  return now
}

test('a union is searched in member order at once, and the first member that has the name wins', async () => {
  const { ns } = await world()
  await ns.bind('/a', '/u', {}, root)
  await ns.bind('/b', '/u', { after: true }, root)
  await ns.bind('/c', '/u', { after: true }, root)
  assert.equal((await both(ns, '/u/common')).length, 1, 'common comes from /a, the first member')
  assert.equal((await both(ns, '/u/onlyb')).length, 6)
  assert.equal((await both(ns, '/u/onlyc')).name, 'onlyc')
  // bind -b puts /b first: now its common wins
  await ns.bind('/b', '/u', { before: true }, root)
  assert.equal((await both(ns, '/u/common')).length, 2)
  // a union is one level deep: sub comes from /a, and /a/sub has no y
  assert.equal((await both(ns, '/u/sub/x')).length, 1)
  assert.equal(ns.statNow('/u/sub/y', root), undefined)
  await fails(ns.stat('/u/sub/y', root), 'file does not exist')
  assert.equal(ns.statNow('/u/nothing', root), undefined)
  await fails(ns.stat('/u/nothing', root), 'file does not exist')
})

test('statChanNow gives what statNow and resolveNow give, from one walk: in a union, on a mount point, inside one, and nothing where either has nothing', async () => {
  const { ns, other } = await world()
  await ns.bind('/a', '/u', {}, root)
  await ns.bind('/b', '/u', { after: true }, root)
  await ns.mount(other, '/v', {}, { type: 'bind', path: '#other' }, root)
  for (const path of ['/u/common', '/u/onlyb', '/u', '/v', '/v/onlyasync', '/a/sub/x']) {
    const found = ns.statChanNow(path, root)
    assert.ok(found !== undefined, path)
    assert.deepEqual(found.dir, ns.statNow(path, root), path)
    assert.deepEqual(found.chan, ns.resolveNow(path, root)?.chan, path)
  }
  assert.equal(ns.statChanNow('/u/nothing', root), undefined)
  assert.equal(ns.statChanNow('/a/onlya/below', root), undefined)
})

test('the stat is named by the path used, and is a snapshot no one can change', async () => {
  const { ns, fs } = await world()
  await ns.bind('/a', '/u', {}, root)
  assert.equal((await both(ns, '/u')).name, 'u')
  assert.equal((await both(ns, '/')).name, '/')
  const first = ns.statNow('/u/onlya', root)!
  assert.throws(() => {
    first.length = 999
  }, TypeError)
  assert.throws(() => {
    first.qid.version = 999
  }, TypeError)
  const second = ns.statNow('/u/onlya', root)!
  assert.equal(second.length, 6)
  assert.equal(second.qid.version, 1)
  // a change to the file is in the next stat, not in the snapshot taken before it
  await write(fs, '/a/onlya', 'longer text')
  const third = ns.statNow('/u/onlya', root)!
  assert.deepEqual([first.length, third.length, third.qid.version > first.qid.version], [6, 11, true])
})

test('a file appearing in, or disappearing from, a union is seen by the next stat', async () => {
  const { ns, fs } = await world()
  await ns.bind('/a', '/u', {}, root)
  await ns.bind('/b', '/u', { after: true }, root)
  await ns.bind('/c', '/u', { after: true }, root)
  assert.equal(ns.statNow('/u/late', root), undefined)
  await write(fs, '/c/late', 'in c')
  assert.equal((await both(ns, '/u/late')).length, 4)
  // the same name in an earlier member now hides it
  await write(fs, '/a/late', 'in a, longer')
  assert.equal((await both(ns, '/u/late')).length, 12)
  await fs.remove('/a/late', root)
  assert.equal((await both(ns, '/u/late')).length, 4)
  await fs.remove('/c/late', root)
  assert.equal(ns.statNow('/u/late', root), undefined)
  await fails(ns.stat('/u/late', root), 'file does not exist')
  // a file grown between stats reports its new length
  await write(fs, '/b/onlyb', 'rewritten, longer')
  assert.equal((await both(ns, '/u/onlyb')).length, 17)
})

test('bind and unmount are seen by the next stat', async () => {
  const { ns } = await world()
  assert.equal(ns.statNow('/v/onlya', root), undefined)
  await ns.bind('/a', '/v', {}, root)
  assert.equal((await both(ns, '/v/onlya')).length, 6)
  await ns.bind('/c', '/v', { after: true }, root)
  assert.equal((await both(ns, '/v/onlyc')).length, 6)
  await ns.unmount('/v', { fs: (await ns.resolve('/c', root)).chan.fs, path: '/c' }, root)
  assert.equal(ns.statNow('/v/onlyc', root), undefined)
  assert.equal((await both(ns, '/v/onlya')).length, 6)
  // a mount point under another name stays seen when one goes
  await ns.bind('/b', '/u', {}, root)
  await ns.unmount('/v', undefined, root)
  assert.equal(ns.statNow('/v/onlya', root), undefined)
  await fails(ns.stat('/v/onlya', root), 'file does not exist')
  assert.equal((await both(ns, '/u/onlyb')).length, 6)
  // a private copy's binds are not seen by the original
  const copy = ns.copy()
  await copy.bind('/a', '/v', {}, root)
  assert.equal((await both(copy, '/v/onlya')).length, 6)
  assert.equal(ns.statNow('/v/onlya', root), undefined)
})

test('search permission is checked on every directory walked, at once as later', async () => {
  const { ns, fs } = await world()
  await mkdir(fs, '/locked')
  await mkdir(fs, '/locked/sub')
  await write(fs, '/locked/sub/secret', 'hidden')
  await write(fs, '/locked/f', 'f')
  await fs.wstat('/locked', { mode: DMDIR | 0o700 }, root)
  // a bind of a directory below the search-less one: the walk still passes through it
  await ns.bind('/locked/sub', '/v', {}, root)
  assert.equal((await both(ns, '/v/secret')).length, 6, 'root may search anything')
  assert.equal(ns.statNow('/v/secret', glenda), undefined)
  await fails(ns.stat('/v/secret', glenda), 'permission denied')
  await fails(ns.stat('/locked/f', glenda), 'permission denied')
  // in a union, a member glenda may not search does not have the name for her
  await ns.bind('/a', '/u', {}, root)
  await ns.bind('/locked', '/u', { after: true }, root)
  assert.equal((await both(ns, '/u/f')).length, 1)
  assert.equal(ns.statNow('/u/f', glenda), undefined)
  await fails(ns.stat('/u/f', glenda), 'file does not exist')
  assert.equal((await both(ns, '/u/onlya', glenda)).length, 6)
  // opened up: seen at once
  await fs.wstat('/locked', { mode: DMDIR | 0o755 }, root)
  assert.equal((await both(ns, '/u/f', glenda)).length, 1)
  assert.equal((await both(ns, '/v/secret', glenda)).length, 6)
})

test("memfs's directories by path: removed, renamed, made again or closed to search, seen by the next stat", async () => {
  const { ns, fs } = await world()
  await ns.bind('/a/sub', '/u', {}, root)
  await ns.bind('/c', '/u', { after: true }, root)
  assert.equal((await both(ns, '/u/x', glenda)).length, 1)
  assert.equal((await both(ns, '/a/sub/x', glenda)).length, 1)
  // renamed away: the old path names nothing, the new one the same directory
  await fs.wstat('/a/sub', { name: 'moved' }, root)
  assert.equal(ns.statNow('/a/sub/x', root), undefined)
  await fails(ns.stat('/a/sub/x', root), 'file does not exist')
  assert.equal((await both(ns, '/a/moved/x')).length, 1)
  // another directory made under the old name is the one the path names now
  await mkdir(fs, '/a/sub')
  await write(fs, '/a/sub/x', 'new x')
  assert.equal((await both(ns, '/u/x')).length, 5)
  // removed, and the union's first member is gone: the second answers
  await fs.remove('/a/sub/x', root)
  await fs.remove('/a/sub', root)
  assert.equal(fs.statNow('/a/sub/x', root), undefined)
  assert.equal((await both(ns, '/u/onlyc', glenda)).length, 6)
  // a directory on the way closed to search after its path was walked
  assert.equal((await both(ns, '/a/moved/x', glenda)).length, 1)
  await fs.wstat('/a', { mode: DMDIR | 0o700 }, root)
  assert.equal(ns.statNow('/a/moved/x', glenda), undefined)
  await fails(ns.stat('/a/moved/x', glenda), 'permission denied')
  assert.equal((await both(ns, '/a/moved/x')).length, 1)
})

test('mount points crossed in the middle of a path, nested and in other fileservers', async () => {
  const { ns, fs, other } = await world()
  await mkdir(other, '/d')
  await write(other, '/d/deep', 'deep file')
  await ns.mount(other, '/v', {}, { type: 'mount', srv: 'other' }, root)
  assert.equal((await both(ns, '/v/d/deep')).length, 9)
  // a bind onto a directory inside the mounted fileserver, crossed on the way to /v/d/onlyc
  await ns.bind('/c', '/v/d', {}, root)
  assert.equal((await both(ns, '/v/d/onlyc')).length, 6)
  assert.equal(ns.statNow('/v/d/deep', root), undefined)
  // a mount point keyed by the file it covers shows through another name for it
  await ns.bind('/v', '/u', {}, root)
  assert.equal((await both(ns, '/u/d/onlyc')).length, 6)
  // the stat of a mount point is the stat of what is mounted there, under the name used
  const d = await both(ns, '/u/d')
  assert.equal(d.name, 'd')
  assert.deepEqual(d.qid, (await fs.stat('/c', root)).qid)
  // a file in a union member crossed mid-path: a union inside a mounted fileserver
  await ns.bind('/a', '/v/d', { after: true }, root)
  assert.equal((await both(ns, '/u/d/sub/x')).length, 1)
})

test('a union with members that answer only later: at once up to them, then the waiting walk', async () => {
  const { ns, other } = await world()
  await ns.bind('/a', '/u', {}, root)
  await ns.mount(asyncOnly(other), '/u', { after: true }, { type: 'mount', srv: 'async' }, root)
  await ns.bind('/b', '/u', { after: true }, root)
  // found in /a before the asynchronous member is reached: at once
  assert.equal((await both(ns, '/u/onlya')).length, 6)
  // past the asynchronous member: not at once, but the same answer through stat
  assert.equal(ns.statNow('/u/onlyasync', root), undefined)
  assert.equal((await ns.stat('/u/onlyasync', root)).length, 6)
  assert.equal(ns.statNow('/u/onlyb', root), undefined)
  assert.equal((await ns.stat('/u/onlyb', root)).length, 6)
  await fails(ns.stat('/u/nothing', root), 'file does not exist')
  // the same with a member that has the asynchronous walk
  await ns.unmount('/u', undefined, root)
  await ns.mount(asyncWithWalk(other), '/u', {}, { type: 'mount', srv: 'walk' }, root)
  await ns.bind('/b', '/u', { after: true }, root)
  assert.equal((await ns.stat('/u/onlyasync', root)).length, 6)
  assert.equal((await ns.stat('/u/onlyb', root)).length, 6)
  assert.equal((await ns.resolve('/u/onlyb', root)).chan.path, '/b/onlyb')
  await fails(ns.stat('/u/nothing', root), 'file does not exist')
  // and a file stat'd in an asynchronous-only fileserver outside any union
  await ns.mount(asyncOnly(other), '/v', {}, { type: 'mount', srv: 'async' }, root)
  assert.equal(ns.statNow('/v/onlyasync', root), undefined)
  assert.equal((await ns.stat('/v/onlyasync', root)).name, 'onlyasync')
})

test('statNow of memfs, synthetic trees and binfs agrees with stat, failing alike', async () => {
  const { fs } = await world()
  let n = 0
  const tree = synthetic({ f: file({ read: () => 'x' }), d: { g: file({ write: () => {} }) }, dyn: dynamicDir(() => ({ [`n${n}`]: file({}) })) }, { kind: 'test' })
  const registry = new BinRegistry()
  registry.add('true', async () => 0)
  const bins = new Binfs(registry)
  const cases: [Fileserver, string][] = [
    [fs, '/'],
    [fs, '/a/sub/x'],
    [fs, '/a/nothing'],
    [fs, '/a/onlya/under-a-file'],
    [tree, '/'],
    [tree, '/f'],
    [tree, '/d/g'],
    [tree, '/f/x'],
    [tree, '/nothing'],
    [tree, '/dyn/n0'],
    [bins, '/'],
    [bins, '/true'],
    [bins, '/false'],
    [bins, '/true/x'],
  ]
  for (const [server, path] of cases) {
    const later = await server.stat(path, root).catch(() => undefined)
    assert.deepEqual(server.statNow!(path, root), later, `${server.kind} ${path}`)
  }
  // a dynamic directory is evaluated on each call
  n = 1
  assert.equal(tree.statNow!('/dyn/n0', root), undefined)
  assert.equal(tree.statNow!('/dyn/n1', root)?.name, 'n1')
  // a dynamic directory that throws: no answer at once, and stat gives its error
  const broken = synthetic({ bad: dynamicDir(() => { throw new Error('broken') }) })
  assert.equal(broken.statNow!('/bad/x', root), undefined)
  await assert.rejects(broken.stat('/bad/x', root), /broken/)
})

test('read-only views answer at once; a hung-up server does not, and stat says why', async () => {
  const { fs } = await world()
  assert.deepEqual(readonly(fs).statNow!('/a/onlya', root), await fs.stat('/a/onlya', root))
  assert.equal(readonly(asyncOnly(fs)).statNow, undefined)
  const { guarded, hangup } = hangupGuard(fs)
  assert.deepEqual(guarded.statNow!('/a/onlya', root), await fs.stat('/a/onlya', root))
  assert.equal(hangupGuard(asyncOnly(fs)).guarded.statNow, undefined)
  const ns = new Namespace({ fs, path: '/' })
  await ns.mount(guarded, '/v', {}, { type: 'mount', srv: 'guarded' }, root)
  assert.equal((await both(ns, '/v/a/onlya')).length, 6)
  hangup()
  assert.equal(guarded.statNow!('/a/onlya', root), undefined)
  assert.equal(ns.statNow('/v/a/onlya', root), undefined)
  await fails(ns.stat('/v/a/onlya', root), 'i/o on hungup channel')
})

test('through a process: stat in a union, with errors naming the path the process used', async () => {
  await withSystem(async (sys) => {
    for (const d of ['/tmp/l1', '/tmp/l2', '/tmp/l3', '/tmp/locked/in', '/tmp/view']) await sys.mkdirAll(d, 0o777)
    await sys.writeFile('/tmp/l3/file', 'x')
    await asProc(sys, async (p) => {
      await p.wstat('/tmp/locked', { mode: DMDIR | 0o700 })
      // in the system namespace, from where glenda's login receives it
      await p.nsgroup('join', 'system')
      await p.bind('/tmp/locked/in', '/tmp/view')
    })
    await asProc(
      sys,
      async (p) => {
        await p.rfork({ copyNamespace: true })
        await p.mkdir('/tmp/union')
        await p.bind('/tmp/l1', '/tmp/union')
        await p.bind('/tmp/l2', '/tmp/union', { after: true })
        await p.bind('/tmp/l3', '/tmp/union', { after: true })
        assert.equal((await p.stat('/tmp/union/file')).length, 1)
        await p.chdir('/tmp')
        assert.equal((await p.stat('union/../union/./file')).name, 'file')
        assert.equal((await fails(p.stat('union/nothing'), 'file does not exist')).path, 'union/nothing')
        await p.writeFile('/tmp/l2/file', 'in l2')
        assert.equal((await p.stat('union/file')).length, 5)
        await p.remove('/tmp/l2/file')
        assert.equal((await p.stat('union/file')).length, 1)
        await fails(p.stat('/tmp/locked/in'), 'permission denied')
        assert.equal((await fails(p.stat('view/x'), 'permission denied')).path, 'view/x')
      },
      'glenda',
    )
  })
})

test("a fileserver's statNow that stats through the namespace again, mid-walk, leaves the walk it interrupted as it was", async () => {
  const { ns, other } = await world()
  await mkdir(other, '/d')
  const inner = other.statNow.bind(other)
  const reentrant: Fileserver = Object.assign(Object.create(other) as Memfs, {
    statNow: (path: string, cred: Cred) => {
      assert.equal(ns.statNow('/a/sub/x', cred)?.length, 1)
      return inner(path, cred)
    },
    statInNow: undefined,
  })
  await ns.mount(reentrant, '/u', {}, { type: 'mount', srv: 'reentrant' }, root)
  // /u/d is a mount point: the walk asks reentrant's statNow for its identity, then goes on
  await ns.bind('/c', '/u/d', {}, root)
  // a stat first, so that the namespace has a walk to use again
  assert.equal(ns.statNow('/a/onlya', root)?.length, 6)
  assert.equal((await both(ns, '/u/d/onlyc')).length, 6)
  assert.equal(ns.statNow('/u/d/missing', root), undefined)
})

/** statChanNow asked once before a change (so it may answer from what it found) and once after. */
function before(ns: Namespace, path: string, cred: Cred = root): void {
  assert.ok(ns.statChanNow(path, cred) !== undefined, `${path}: found before the change`)
  assert.ok(ns.statChanNow(path, cred) !== undefined, `${path}: found again`)
}

test('statChanNow answers again after a change to a file, a directory or its search permission in memfs exactly as a new walk would', async () => {
  const { ns, fs } = await world()
  before(ns, '/a/onlya')
  await fs.remove('/a/onlya', root)
  assert.equal(ns.statChanNow('/a/onlya', root), undefined, 'removed')
  await write(fs, '/a/onlya', 'made again, longer')
  assert.equal(ns.statChanNow('/a/onlya', root)?.dir.length, 18, 'made again')
  before(ns, '/a/sub/x')
  await fs.wstat('/a/sub', { name: 'moved' }, root)
  assert.equal(ns.statChanNow('/a/sub/x', root), undefined, 'its directory renamed')
  assert.equal(ns.statChanNow('/a/moved/x', root)?.dir.name, 'x')
  // glenda found it; the directory closed to her: not found by her any more
  before(ns, '/b/onlyb', glenda)
  await fs.wstat('/b', { mode: DMDIR | 0o700 }, root)
  assert.equal(ns.statChanNow('/b/onlyb', glenda), undefined, 'closed to glenda')
  assert.ok(ns.statChanNow('/b/onlyb', root) !== undefined, 'root still finds it')
  await fs.wstat('/b', { mode: DMDIR | 0o755 }, root)
  assert.ok(ns.statChanNow('/b/onlyb', glenda) !== undefined, 'open to her again')
})

test("statChanNow does not give one user's finding to another, nor to the same user with other groups", async () => {
  const { ns, fs } = await world()
  await fs.wstat('/c', { mode: DMDIR | 0o750, gid: 'sys' }, root)
  const glendaInSys: Cred = { uid: 'glenda', gid: 'glenda', groups: ['glenda', 'sys'] }
  before(ns, '/c/onlyc')
  assert.equal(ns.statChanNow('/c/onlyc', glenda), undefined, 'root found it; glenda may not search /c')
  before(ns, '/c/onlyc', glendaInSys)
  assert.equal(ns.statChanNow('/c/onlyc', glenda), undefined, 'glenda in sys found it; glenda without sys may not')
  assert.ok(ns.statChanNow('/c/onlyc', glendaInSys) !== undefined)
  // two users with one list of groups: the owner's finding is the owner's
  await fs.wstat('/a', { mode: DMDIR | 0o700, uid: 'glenda' }, root)
  const staff = ['staff']
  before(ns, '/a/onlya', { uid: 'glenda', gid: 'glenda', groups: staff })
  assert.equal(ns.statChanNow('/a/onlya', { uid: 'bob', gid: 'bob', groups: staff }), undefined)
})

test('statChanNow follows binds, unmounts, mounts reaching a copy from its source, and commands added and removed', async () => {
  const { ns, other } = await world()
  await ns.bind('/a', '/u', {}, root)
  before(ns, '/u/common')
  assert.equal(ns.statChanNow('/u/common', root)?.dir.length, 1)
  await ns.bind('/b', '/u', {}, root)
  assert.equal(ns.statChanNow('/u/common', root)?.dir.length, 2, 'the new bind')
  await ns.unmount('/u', undefined, root)
  assert.equal(ns.statChanNow('/u/common', root), undefined, 'unmounted: /u is empty')
  // a copy shares its source's table until either changes; the source's mounts reach it
  ns.propagate()
  const copy = ns.copy()
  before(copy, '/a/common')
  await ns.mount(other, '/a', {}, { type: 'bind', path: '#other' }, root)
  assert.equal(copy.statChanNow('/a/common', root), undefined, "the source's mount covers /a in the copy")
  assert.ok(copy.statChanNow('/a/onlyasync', root) !== undefined)
  const registry = new BinRegistry()
  registry.add('true', async () => 0)
  await ns.mount(new Binfs(registry), '/c', {}, { type: 'bind', path: '#bin' }, root)
  before(ns, '/c/true')
  registry.remove('true')
  assert.equal(ns.statChanNow('/c/true', root), undefined, 'removed from the registry')
  registry.add('true', async () => 1)
  assert.ok(ns.statChanNow('/c/true', root) !== undefined, 'added again')
})

test('statChanNow walks again every time through a fileserver that does not count its changes', async () => {
  const { ns, fs } = await world()
  let names = ['f']
  const tree = synthetic({ d: dynamicDir(() => Object.fromEntries(names.map((n) => [n, file({})]))) }, { kind: 'test' })
  await ns.mount(tree, '/v', {}, { type: 'bind', path: '#test' }, root)
  before(ns, '/v/d/f')
  names = ['g']
  assert.equal(ns.statChanNow('/v/d/f', root), undefined, 'gone from the dynamic directory')
  assert.ok(ns.statChanNow('/v/d/g', root) !== undefined)
  // such a fileserver on the way to memfs: the directory a bind covers goes, and the walk ends there
  let present = true
  const outer = synthetic({ top: dynamicDir((): Entries => (present ? { d: {} } : {})) }, { kind: 'test' })
  await ns.mount(outer, '/u', {}, { type: 'bind', path: '#outer' }, root)
  await ns.bind('/b', '/u/top/d', {}, root)
  before(ns, '/u/top/d/onlyb')
  present = false
  assert.equal(ns.statChanNow('/u/top/d/onlyb', root), undefined, 'the covered directory is gone')
  // and as a union's first member: a name it comes to have wins over the next member's
  let inFirst: string[] = []
  const first = synthetic({ x: dynamicDir(() => Object.fromEntries(inFirst.map((n) => [n, file({ read: () => 'first' })]))) }, { kind: 'test' })
  await ns.mount(first, '/c', {}, { type: 'bind', path: '#first' }, root)
  await ns.bind('/c/x', '/b', {}, root)
  await ns.bind('/a', '/b', { after: true }, root)
  before(ns, '/b/common')
  assert.equal(ns.statChanNow('/b/common', root)?.chan.fs, fs)
  inFirst = ['common']
  assert.equal(ns.statChanNow('/b/common', root)?.chan.fs, first, 'the first member has it now')
  // a root of such a fileserver: its stat is asked again
  let length = 0
  const changing: Fileserver = { ...asyncOnly(fs), kind: 'changing', statNow: (p) => (p === '/' ? { ...fs.statNow('/', root)!, length } : undefined) }
  const bare = new Namespace({ fs: changing, path: '/' })
  assert.equal(bare.statChanNow('/', root)?.dir.length, 0)
  length = 5
  assert.equal(bare.statChanNow('/', root)?.dir.length, 5)
  // a read-only view of memfs does not count changes itself, though memfs does
  await ns.bind('/a', '/v', { readonly: true }, root)
  before(ns, '/v/onlya')
  await fs.remove('/a/onlya', root)
  assert.equal(ns.statChanNow('/v/onlya', root), undefined)
})

test('a program is found again after a bind over it in the same shell, and an embedded run finds what the bind left', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  try {
    const r = await sys.run('/bin/true; echo a$?; bind /bin/false /bin/true; /bin/true; echo b$?; /bin/true; echo c$?')
    assert.equal(r.stdout, 'a0\nb1\nc1\n')
    assert.equal((await sys.run('/bin/true; echo $?')).stdout, '0\n', "the bind was the shell's own namespace")
  } finally {
    await sys.shutdown()
  }
})
