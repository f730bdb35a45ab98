/**
 * The synchronous listing and whole-file read (readdirNow, readNow, and the system calls
 * readdirNow and readFileNow): where they answer, they answer what readdir and an open with reads
 * would at that moment (nothing is cached); where those would fail or wait they do not answer.
 * Unions, binds over subdirectories, mount points in a listing, permissions, read-only views,
 * hung-up servers, and files replaced between a listing and a read.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { readonly } from '../../src/kernel/readonly.ts'
import { hangupGuard } from '../../src/kernel/fileservers/srv.ts'
import { Namespace } from '../../src/kernel/namespace.ts'
import { DMDIR, DMNAMEDPIPE, OREAD, type Cred, type Dir } from '../../src/kernel/types.ts'
import { asProc, fails, withSystem } from './helpers.ts'
import { asyncOnly, mkdir, write } from './fsdoubles.ts'

const root: Cred = { uid: 'root', gid: 'root', groups: ['root'] }
const glenda: Cred = { uid: 'glenda', gid: 'glenda', groups: ['glenda'] }
const text = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : new TextDecoder().decode(b))

/** The file's bytes through an open and reads, as the waiting path has them. */
async function readByOpen(ns: Namespace, path: string, cred: Cred): Promise<string> {
  const h = await ns.open(path, OREAD, cred)
  const parts: Uint8Array[] = []
  for (let at = 0; ; ) {
    const b = await h.read(at, 3)
    if (b.length === 0) break
    parts.push(b)
    at += b.length
  }
  await h.close()
  return parts.map((p) => new TextDecoder().decode(p)).join('')
}

/** The listing both ways: at once (it must answer) and by the walk that may wait; they agree. */
async function listBoth(ns: Namespace, path: string, cred: Cred = root): Promise<Dir[]> {
  const now = ns.readdirNow(path, cred)
  assert.ok(now !== undefined, `${path}: listed at once`)
  // (the waiting path alone: readdir itself would take the answer at once)
  const waiting = await (ns as unknown as { readdirWaiting(p: string, c: Cred): Promise<Dir[]> }).readdirWaiting(path, cred)
  assert.deepEqual(now, waiting)
  return now
}

/** /a (f "a-file", sub/x), /b (f "b", onlyb), /c (onlyc), /u empty. */
async function world(): Promise<{ ns: Namespace; fs: Memfs }> {
  const fs = new Memfs({ owner: 'root', mode: 0o755 })
  for (const d of ['/a', '/a/sub', '/b', '/c', '/u']) await mkdir(fs, d)
  await write(fs, '/a/f', 'a-file')
  await write(fs, '/a/sub/x', 'x')
  await write(fs, '/b/f', 'b')
  await write(fs, '/b/onlyb', 'only b')
  await write(fs, '/c/onlyc', 'only c')
  return { ns: new Namespace({ fs, path: '/' }), fs }
}

test('a listing and a whole file at once are what readdir and reads give', async () => {
  const { ns } = await world()
  assert.deepEqual((await listBoth(ns, '/a')).map((d) => d.name), ['sub', 'f'])
  assert.equal(text(ns.readNow('/a/f', 100, root)), await readByOpen(ns, '/a/f', root))
  // into a lent buffer where it is long enough, a new array where it is not
  const into = new Uint8Array(16)
  const got = ns.readNow('/a/f', 100, root, into)!
  assert.equal(got.buffer, into.buffer)
  assert.equal(text(got), 'a-file')
  const small = new Uint8Array(2)
  assert.notEqual(ns.readNow('/a/f', 100, root, small)!.buffer, small.buffer)
  // a copy: changing it changes no file
  got.fill(0)
  assert.equal(await readByOpen(ns, '/a/f', root), 'a-file')
})

test('no answer at once where readdir or open would fail, or the file is not read whole', async () => {
  const { ns, fs } = await world()
  await mkdir(fs, '/locked', 0o700)
  await write(fs, '/locked/in', 'secret')
  await mkdir(fs, '/unlistable', 0o755)
  await write(fs, '/unlistable/in', 'searchable', 0o644)
  await fs.wstat('/unlistable', { mode: DMDIR | 0o311 }, root)
  await write(fs, '/private', 'mine', 0o600)
  await (await fs.create('/pipe', DMNAMEDPIPE | 0o666, 0, root)).close()
  for (const path of ['/nothing', '/locked', '/unlistable', '/a/f']) assert.equal(ns.readdirNow(path, glenda), undefined, path)
  await fails(ns.readdir('/locked', glenda), 'permission denied')
  await fails(ns.readdir('/unlistable', glenda), 'permission denied')
  await fails(ns.readdir('/nothing', glenda), 'file does not exist')
  for (const path of ['/nothing', '/locked/in', '/private', '/a', '/pipe', '/a/f/x']) assert.equal(ns.readNow(path, 100, glenda), undefined, path)
  await fails(ns.open('/locked/in', OREAD, glenda), 'permission denied')
  await fails(ns.open('/private', OREAD, glenda), 'permission denied')
  // search permission without read: a name in it is read, the directory is not listed
  assert.equal(text(ns.readNow('/unlistable/in', 100, glenda)), 'searchable')
  assert.equal(await readByOpen(ns, '/unlistable/in', glenda), 'searchable')
  // larger than asked for: left to open and reads
  assert.equal(ns.readNow('/a/f', 5, root), undefined)
  assert.equal(text(ns.readNow('/a/f', 6, root)), 'a-file')
  // root may do anything
  assert.equal(text(ns.readNow('/locked/in', 100, root)), 'secret')
  assert.equal((await listBoth(ns, '/locked')).length, 1)
})

test('a union is listed member after member, and read from the member that has the name', async () => {
  const { ns } = await world()
  await ns.bind('/a', '/u', {}, root)
  await ns.bind('/b', '/u', { after: true }, root)
  await ns.bind('/c', '/u', { before: true }, root)
  assert.deepEqual((await listBoth(ns, '/u')).map((d) => d.name), ['onlyc', 'sub', 'f', 'f', 'onlyb'])
  assert.equal(text(ns.readNow('/u/f', 100, root)), 'a-file')
  assert.equal(text(ns.readNow('/u/onlyb', 100, root)), 'only b')
  assert.equal(text(ns.readNow('/u/sub/x', 100, root)), 'x')
})

test('a union with a member that must wait, or one that fails, is listed only by the walk that waits', async () => {
  const { ns, fs } = await world()
  const slow = new Memfs({ owner: 'root', mode: 0o755 })
  await write(slow, '/late', 'from the slow one')
  await ns.bind('/a', '/u', {}, root)
  await ns.mount(asyncOnly(slow), '/u', { after: true }, { type: 'mount', srv: 'slow' }, root)
  assert.equal(ns.readdirNow('/u', root), undefined)
  assert.deepEqual((await ns.readdir('/u', root)).map((d) => d.name), ['sub', 'f', 'late'])
  // a name in the member that answers at once is read at once; the slow one's is not
  assert.equal(text(ns.readNow('/u/f', 100, root)), 'a-file')
  assert.equal(ns.readNow('/u/late', 100, root), undefined)
  assert.equal(await readByOpen(ns, '/u/late', root), 'from the slow one')
  // a member glenda may not list: the union skips it, which only the waiting walk decides
  await mkdir(fs, '/hidden', 0o700)
  await write(fs, '/hidden/h', 'h')
  await ns.bind('/hidden', '/c', { after: true }, root)
  assert.equal(ns.readdirNow('/c', glenda), undefined)
  assert.deepEqual((await ns.readdir('/c', glenda)).map((d) => d.name), ['onlyc'])
})

test('a bind over a subdirectory: the listing above shows what is bound, and reads go into it', async () => {
  const { ns } = await world()
  await ns.bind('/c', '/a/sub', {}, root)
  const listed = await listBoth(ns, '/a')
  const sub = listed.find((d) => d.name === 'sub')!
  assert.equal(sub.qid.path, (await ns.stat('/c', root)).qid.path, 'the entry is the bound directory')
  assert.deepEqual((await listBoth(ns, '/a/sub')).map((d) => d.name), ['onlyc'])
  assert.equal(text(ns.readNow('/a/sub/onlyc', 100, root)), 'only c')
  assert.equal(ns.readNow('/a/sub/x', 100, root), undefined)
  await fails(ns.open('/a/sub/x', OREAD, root), 'file does not exist')
  // a file bound over a file is read from what is bound
  await ns.bind('/b/onlyb', '/a/f', {}, root)
  assert.equal(text(ns.readNow('/a/f', 100, root)), 'only b')
  // unmounted: the next listing and read see the directory again
  await ns.unmount('/a/sub', undefined, root)
  assert.deepEqual((await listBoth(ns, '/a/sub')).map((d) => d.name), ['x'])
})

test('mount points among many entries: each shown in a listing while it is mounted, whichever are unmounted', async () => {
  const { ns, fs } = await world()
  await mkdir(fs, '/m')
  for (let i = 0; i < 6; i++) await mkdir(fs, `/m/p${i}`)
  const bound = (await ns.stat('/c', root)).qid.path
  const shown = async (): Promise<string[]> => (await listBoth(ns, '/m')).filter((d) => d.qid.path === bound).map((d) => d.name).sort()
  for (const i of [1, 3, 4]) await ns.bind('/c', `/m/p${i}`, {}, root)
  assert.deepEqual(await shown(), ['p1', 'p3', 'p4'])
  // the lowest and the highest file covered unmounted: the one between still shows
  await ns.unmount('/m/p1', undefined, root)
  await ns.unmount('/m/p4', undefined, root)
  assert.deepEqual(await shown(), ['p3'])
  // a file made after all of them, mounted on
  await mkdir(fs, '/m/later')
  await ns.bind('/c', '/m/later', {}, root)
  assert.deepEqual(await shown(), ['later', 'p3'])
  await ns.unmount('/m/p3', undefined, root)
  assert.deepEqual(await shown(), ['later'])
})

test('an entry with a server that must wait mounted on it is listed by the walk that waits', async () => {
  const { ns } = await world()
  const slow = new Memfs({ owner: 'root', mode: 0o755 })
  await ns.mount(asyncOnly(slow), '/a/sub', {}, { type: 'mount', srv: 'slow' }, root)
  assert.equal(ns.readdirNow('/a', root), undefined)
  const sub = (await ns.readdir('/a', root)).find((d) => d.name === 'sub')!
  assert.equal(sub.qid.path, (await slow.stat('/', root)).qid.path)
})

test('read-only views read at once; a hung-up server answers nothing at once, and readdir says why', async () => {
  const { ns } = await world()
  await ns.bind('/a', '/u', { readonly: true }, root)
  assert.equal(text(ns.readNow('/u/f', 100, root)), 'a-file')
  assert.deepEqual((await listBoth(ns, '/u')).map((d) => d.name), ['sub', 'f'])
  const served = new Memfs({ owner: 'root', mode: 0o755 })
  await write(served, '/s', 'served')
  const { guarded, hangup } = hangupGuard(served)
  await ns.mount(guarded, '/c', {}, { type: 'mount', srv: 'guarded' }, root)
  assert.equal(text(ns.readNow('/c/s', 100, root)), 'served')
  assert.deepEqual((await listBoth(ns, '/c')).map((d) => d.name), ['s'])
  hangup()
  assert.equal(ns.readNow('/c/s', 100, root), undefined)
  assert.equal(ns.readdirNow('/c', root), undefined)
  await fails(ns.readdir('/c', root), 'i/o on hungup channel')
  assert.equal(readonly(served).readNow?.('/s', 100, root) !== undefined, true)
})

test('nothing is cached: a file replaced after a listing is read as it now is', async () => {
  const { ns, fs } = await world()
  const before = (await listBoth(ns, '/b')).map((d) => [d.name, d.length])
  await fs.remove('/b/f', root)
  await write(fs, '/b/f', 'replaced, longer')
  assert.equal(text(ns.readNow('/b/f', 100, root)), 'replaced, longer')
  // the listing taken before is a snapshot of then; the next one shows the change
  assert.deepEqual(before, [['f', 1], ['onlyb', 6]])
  assert.deepEqual((await listBoth(ns, '/b')).map((d) => [d.name, d.length]), [['onlyb', 6], ['f', 16]])
  // replaced by a directory: not read whole; an open says what it is now
  await fs.remove('/b/onlyb', root)
  await mkdir(fs, '/b/onlyb')
  assert.equal(ns.readNow('/b/onlyb', 100, root), undefined)
  assert.ok(((await ns.stat('/b/onlyb', root)).mode & DMDIR) !== 0)
  // its permission taken away: no answer at once, and open says why
  await fs.wstat('/b/f', { mode: 0o600 }, root)
  assert.equal(ns.readNow('/b/f', 100, glenda), undefined)
  await fails(ns.open('/b/f', OREAD, glenda), 'permission denied')
})

test('the system calls answer at once through the namespace, and not for a process that has ended', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.mkdir('/tmp/rn')
      await p.writeFile('/tmp/rn/one', 'one')
      await p.chdir('/tmp')
      assert.deepEqual(p.readdirNow('rn')?.map((d) => d.name), ['one'])
      assert.equal(text(p.readFileNow('rn/one', 10)), 'one')
      assert.equal(p.readFileNow('rn/none', 10), undefined)
      await fails(p.readdir('rn/none'), 'file does not exist')
      return 0
    })
    // an ended process's context answers nothing at once, and the calls that wait say why
    const ended = await asProc(sys, async (p) => p)
    assert.equal(ended.readdirNow('/tmp'), undefined)
    assert.equal(ended.readFileNow('/tmp/rn/one', 10), undefined)
    await fails(ended.readdir('/tmp'), 'process exited')
  })
})

test('an entry listed from its directory (listEntryNow) is listed as its path is, mounts made since included', async () => {
  const { ns, fs } = await world()
  await fs.create('/a/locked', DMDIR | 0o700, OREAD, root).then((h) => h.close())
  const names = (entries: Dir[] | undefined): string[] | undefined => entries?.map((d) => d.name)
  const fromDir = (dir: string, name: string, cred = root): string[] | undefined => {
    const listed = ns.listNow(dir, cred)
    assert.ok(listed !== undefined, dir)
    return names(ns.listEntryNow(listed, name, cred)?.entries)
  }
  assert.deepEqual(fromDir('/a', 'sub'), ['x'])
  await ns.bind('/c', '/a/sub', {}, root)
  assert.deepEqual(fromDir('/a', 'sub'), ['onlyc'], 'a bind on the entry is entered')
  const before = ns.listNow('/a', root)!
  await ns.bind('/b', '/a/sub', {}, root)
  assert.deepEqual(names(ns.listEntryNow(before, 'sub', root)?.entries), names(ns.readdirNow('/a/sub', root)), 'and one made after the directory was listed')
  await ns.bind('/a', '/u', {}, root)
  assert.deepEqual(fromDir('/u', 'sub'), names(ns.readdirNow('/u/sub', root)), 'from a directory bound elsewhere')
  assert.deepEqual(fromDir('/a', 'locked', glenda), undefined, 'refused as by its path')
  assert.equal(ns.readdirNow('/a/locked', glenda), undefined)
  assert.equal(ns.copy().listEntryNow(before, 'sub', root), undefined, 'another namespace walks by the path')
  await ns.bind('/c', '/u', { after: true }, root)
  assert.equal(ns.listNow('/u', root)?.file, undefined, "a union's entries are walked to by their paths")
})
