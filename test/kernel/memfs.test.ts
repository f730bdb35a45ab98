/** memfs: files, directories, modes, owners, times, and the permission rules. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { DMDIR, OEXCL, OREAD, ORDWR, OTRUNC, OWRITE, QTDIR, type Cred } from '../../src/kernel/types.ts'
import { asProc, fails, inChild, names, text, withSystem } from './helpers.ts'

const root: Cred = { uid: 'root', gid: 'root', groups: ['root'] }
const glenda: Cred = { uid: 'glenda', gid: 'glenda', groups: ['glenda'] }
const enc = new TextEncoder()
const nowSeconds = (): number => Math.floor(Date.now() / 1000)

async function put(fs: Memfs, path: string, data: string, cred = root, perm = 0o644): Promise<void> {
  const h = await fs.create(path, perm, OWRITE, cred)
  await h.write(0, enc.encode(data))
  await h.close()
}

async function get(fs: Memfs, path: string, cred = root): Promise<string> {
  const h = await fs.open(path, OREAD, cred)
  const out = text(await h.read(0, 1 << 20))
  await h.close()
  return out
}

test('memfs: a created file has its mode, owner, group, times and qid', async () => {
  const fs = new Memfs({ owner: 'root', mode: 0o777 })
  const before = nowSeconds()
  await fs.create('/d', DMDIR | 0o777, OREAD, root).then((h) => h.close())
  await put(fs, '/d/f', 'hello', glenda, 0o640)
  const f = await fs.stat('/d/f', root)
  assert.equal(f.name, 'f')
  assert.equal(f.mode, 0o640)
  assert.equal(f.length, 5)
  assert.equal(f.uid, 'glenda')
  assert.equal(f.gid, 'root', 'a new file takes its directory group')
  assert.equal(f.muid, 'glenda')
  assert.equal(f.qid.type, 0)
  assert.ok(f.mtime >= before && f.mtime <= nowSeconds())
  assert.ok(f.atime >= before && f.atime <= nowSeconds())
  const d = await fs.stat('/d', root)
  assert.ok(d.mode & DMDIR)
  assert.equal(d.mode & 0o777, 0o777)
  assert.equal(d.qid.type, QTDIR)
  assert.equal(d.length, 0)
  assert.notEqual(d.qid.path, f.qid.path, 'qids are unique')
  const rootDir = await fs.stat('/', root)
  assert.ok(rootDir.mode & DMDIR)
  assert.equal(rootDir.mode & 0o777, 0o777)
})

test('memfs: new files are limited by the directory permissions (create(5))', async () => {
  const fs = new Memfs()
  await fs.create('/d', DMDIR | 0o750, OREAD, root).then((h) => h.close())
  await put(fs, '/d/f', 'x', root, 0o666)
  assert.equal((await fs.stat('/d/f', root)).mode, 0o640)
  await fs.create('/d/sub', DMDIR | 0o777, OREAD, root).then((h) => h.close())
  const sub = (await fs.stat('/d/sub', root)).mode
  assert.ok(sub & DMDIR)
  assert.equal(sub & 0o777, 0o750)
})

test('memfs: write changes mtime, muid and qid version; wstat sets times', async () => {
  const fs = new Memfs()
  await put(fs, '/f', 'a')
  await fs.wstat('/f', { mtime: 1000, atime: 2000 }, root)
  let st = await fs.stat('/f', root)
  assert.equal(st.mtime, 1000)
  assert.equal(st.atime, 2000)
  const version = st.qid.version
  const h = await fs.open('/f', ORDWR, root)
  await h.write(1, enc.encode('b'))
  await h.close()
  st = await fs.stat('/f', root)
  assert.ok(st.mtime >= nowSeconds() - 1, 'a write sets mtime to now')
  assert.ok(st.qid.version > version, 'a write bumps the qid version')
  assert.equal(await get(fs, '/f'), 'ab')
})

test('memfs: read and write at offsets, sparse writes fill with zeros', async () => {
  const fs = new Memfs()
  await put(fs, '/f', 'hello world')
  const h = await fs.open('/f', ORDWR, root)
  assert.equal(text(await h.read(6, 5)), 'world')
  assert.equal(text(await h.read(6, 100)), 'world')
  assert.equal((await h.read(11, 10)).length, 0, 'end of file')
  assert.equal((await h.read(500, 10)).length, 0, 'past end of file')
  await h.write(0, enc.encode('J'))
  await h.write(14, enc.encode('!'))
  await h.close()
  const bytes = await fs.open('/f', OREAD, root).then((x) => x.read(0, 100))
  assert.equal(bytes.length, 15)
  assert.equal(text(bytes.subarray(0, 11)), 'Jello world')
  assert.deepEqual([...bytes.subarray(11, 14)], [0, 0, 0])
  assert.equal(text(bytes.subarray(14)), '!')
})

test('memfs: data read is a copy, unaffected by later writes', async () => {
  const fs = new Memfs()
  await put(fs, '/f', 'abc')
  const h = await fs.open('/f', ORDWR, root)
  const first = await h.read(0, 3)
  await h.write(0, enc.encode('xyz'))
  assert.equal(text(first), 'abc')
})

test('memfs: create truncates an existing file, OEXCL refuses it, directories are never re-created', async () => {
  const fs = new Memfs()
  await put(fs, '/f', 'old contents')
  await put(fs, '/f', 'new')
  assert.equal(await get(fs, '/f'), 'new')
  await fails(fs.create('/f', 0o644, OWRITE | OEXCL, root), 'file already exists')
  await fs.create('/d', DMDIR | 0o755, OREAD, root).then((h) => h.close())
  await fails(fs.create('/d', DMDIR | 0o755, OREAD, root), 'file already exists')
  await fails(fs.create('/d', 0o644, OWRITE, root), 'file already exists')
  await fails(fs.create('/f', DMDIR | 0o755, OREAD, root), 'file already exists')
})

test('memfs: open with OTRUNC truncates', async () => {
  const fs = new Memfs()
  await put(fs, '/f', 'some text')
  const h = await fs.open('/f', OWRITE | OTRUNC, root)
  assert.equal((await fs.stat('/f', root)).length, 0)
  await h.write(0, enc.encode('hi'))
  await h.close()
  assert.equal(await get(fs, '/f'), 'hi')
})

test('memfs: errors on missing names, files used as directories and directories opened for writing', async () => {
  const fs = new Memfs()
  await put(fs, '/f', 'x')
  await fs.create('/d', DMDIR | 0o755, OREAD, root).then((h) => h.close())
  await fails(fs.stat('/nope', root), 'file does not exist')
  await fails(fs.open('/nope', OREAD, root), 'file does not exist')
  await fails(fs.stat('/d/nope/deeper', root), 'file does not exist')
  await fails(fs.create('/nope/f', 0o644, OWRITE, root), 'file does not exist')
  await fails(fs.stat('/f/x', root), 'not a directory')
  await fails(fs.readdir('/f', root), 'not a directory')
  await fails(fs.create('/f/x', 0o644, OWRITE, root), 'not a directory')
  await fails(fs.open('/d', OWRITE, root), 'file is a directory')
  await fails(fs.open('/d', ORDWR, root), 'file is a directory')
  await fails(fs.open('/d', OREAD | OTRUNC, root), 'file is a directory')
  const dh = await fs.open('/d', OREAD, root)
  await fails(dh.read(0, 10), 'file is a directory')
})

test('memfs: bad file names', async () => {
  const fs = new Memfs()
  await fails(fs.create('/a\u0001b', 0o644, OWRITE, root), 'bad character in file name')
  await fails(fs.create('/a\u007fb', 0o644, OWRITE, root), 'bad character in file name')
  await fails(fs.create('/' + 'n'.repeat(256), 0o644, OWRITE, root), 'name too long')
  await put(fs, '/' + 'n'.repeat(255), 'ok')
  await put(fs, '/f', 'x')
  await fails(fs.wstat('/f', { name: 'a/b' }, root), 'bad character in file name')
  await fails(fs.wstat('/f', { name: '..' }, root), 'file name syntax')
})

test('memfs: readdir lists the entries with their stats', async () => {
  const fs = new Memfs()
  await put(fs, '/a', '1')
  await put(fs, '/b', '22')
  await fs.create('/c', DMDIR | 0o755, OREAD, root).then((h) => h.close())
  const entries = await fs.readdir('/', root)
  assert.deepEqual(entries.map((d) => [d.name, d.length, (d.mode & DMDIR) !== 0]).sort(), [
    ['a', 1, false],
    ['b', 2, false],
    ['c', 0, true],
  ])
  assert.deepEqual(await fs.readdir('/c', root), [])
})

test('memfs: remove files and empty directories; a non-empty directory is refused', async () => {
  const fs = new Memfs()
  await fs.create('/d', DMDIR | 0o755, OREAD, root).then((h) => h.close())
  await put(fs, '/d/f', 'x')
  await fails(fs.remove('/d', root), 'directory not empty')
  await fs.remove('/d/f', root)
  await fails(fs.stat('/d/f', root), 'file does not exist')
  await fs.remove('/d', root)
  await fails(fs.stat('/d', root), 'file does not exist')
  await fails(fs.remove('/d', root), 'file does not exist')
  await fails(fs.remove('/', root), 'permission denied')
})

test('memfs: an open file survives removal of its name', async () => {
  const fs = new Memfs()
  await put(fs, '/f', 'still here')
  const h = await fs.open('/f', OREAD, root)
  await fs.remove('/f', root)
  assert.equal(text(await h.read(0, 100)), 'still here')
})

test('memfs: wstat renames, keeping the contents and qid', async () => {
  const fs = new Memfs()
  await put(fs, '/old', 'payload')
  await put(fs, '/taken', 'other')
  const qid = (await fs.stat('/old', root)).qid.path
  await fs.wstat('/old', { name: 'new' }, root)
  await fails(fs.stat('/old', root), 'file does not exist')
  assert.equal(await get(fs, '/new'), 'payload')
  assert.equal((await fs.stat('/new', root)).qid.path, qid)
  assert.deepEqual((await fs.readdir('/', root)).map((d) => d.name).sort(), ['new', 'taken'])
  await fails(fs.wstat('/new', { name: 'taken' }, root), 'file already exists')
  assert.equal(await get(fs, '/taken'), 'other')
})

test('memfs: wstat changes mode, owner, group and length', async () => {
  const fs = new Memfs()
  await put(fs, '/f', 'abcdef')
  await fs.wstat('/f', { mode: 0o600 }, root)
  assert.equal((await fs.stat('/f', root)).mode, 0o600)
  await fs.wstat('/f', { uid: 'glenda', gid: 'glenda' }, root)
  const st = await fs.stat('/f', root)
  assert.equal(st.uid, 'glenda')
  assert.equal(st.gid, 'glenda')
  await fs.wstat('/f', { length: 3 }, root)
  assert.equal(await get(fs, '/f'), 'abc')
  await fs.wstat('/f', { length: 5 }, root)
  const bytes = await fs.open('/f', OREAD, root).then((h) => h.read(0, 100))
  assert.deepEqual([...bytes], [97, 98, 99, 0, 0], 'growing fills with zeros, the old bytes do not come back')
  await fails(fs.wstat('/f', { length: -1 }, root), 'bad arg in system call')
  await fs.create('/d', DMDIR | 0o755, OREAD, root).then((h) => h.close())
  await fails(fs.wstat('/d', { length: 10 }, root), 'file is a directory')
  await fails(fs.wstat('/d', { mode: 0o755 }, root), 'permission denied')
  await fails(fs.wstat('/f', { mode: DMDIR | 0o755 }, root), 'permission denied')
  await fails(fs.wstat('/nope', { mode: 0o755 }, root), 'file does not exist')
})

test('memfs: a refused wstat changes nothing', async () => {
  const fs = new Memfs()
  await put(fs, '/f', 'abc')
  await put(fs, '/g', 'x')
  await fails(fs.wstat('/f', { name: 'g', mode: 0o600, length: 0 }, root), 'file already exists')
  const st = await fs.stat('/f', root)
  assert.equal(st.mode, 0o644)
  assert.equal(st.length, 3)
})

test('memfs: a 100 MiB file written in 64 KiB writes completes and reads back right', { timeout: 60_000 }, async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const CHUNK = 64 * 1024
      const COUNT = (100 * 1024 * 1024) / CHUNK
      const chunk = new Uint8Array(CHUNK)
      const fd = await p.create('/tmp/big', 0o644, OWRITE)
      for (let i = 0; i < COUNT; i++) {
        chunk.fill(i & 255)
        chunk[0] = i >> 8
        // The handle may keep what it is given: pass a fresh copy each time.
        assert.equal(await p.write(fd, chunk.slice()), CHUNK)
      }
      await p.close(fd)
      assert.equal((await p.stat('/tmp/big')).length, 100 * 1024 * 1024)
      const rfd = await p.open('/tmp/big', OREAD)
      for (let i = 0; i < COUNT; i++) {
        const got = await p.read(rfd, CHUNK)
        assert.equal(got.length, CHUNK)
        if (got[0] !== i >> 8 || got[1] !== (i & 255) || got[CHUNK - 1] !== (i & 255)) assert.fail(`chunk ${i} reads back wrong`)
      }
      assert.equal((await p.read(rfd, CHUNK)).length, 0)
      await p.close(rfd)
      await p.remove('/tmp/big')
    })
  })
})

// ---- permissions, through processes of different users

test('permissions: owner, group and other bits for read and write', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/f', 'secret', { perm: 0o640 })
      await p.wstat('/tmp/f', { uid: 'alice', gid: 'alice' })
    })
    // alice owns it: rw
    await asProc(sys, async (p) => {
      assert.equal(text(await p.readFile('/tmp/f')), 'secret')
      await p.writeFile('/tmp/f', 'changed')
    }, 'alice')
    // bob is in group alice: r only
    await asProc(sys, async (p) => {
      assert.equal(text(await p.readFile('/tmp/f')), 'changed')
      await fails(p.open('/tmp/f', OWRITE), 'permission denied')
      await fails(p.open('/tmp/f', ORDWR), 'permission denied')
      await fails(p.writeFile('/tmp/f', 'bob was here'), 'permission denied')
    }, 'bob')
    // glenda is other: nothing
    await asProc(sys, async (p) => {
      await fails(p.open('/tmp/f', OREAD), 'permission denied')
      await fails(p.readFile('/tmp/f'), 'permission denied')
      await fails(p.open('/tmp/f', OWRITE), 'permission denied')
      await fails(p.open('/tmp/f', OREAD | OTRUNC), 'permission denied')
    }, 'glenda')
    assert.equal(text(await sys.readFile('/tmp/f')), 'changed')
    await asProc(sys, async (p) => {
      await p.wstat('/tmp/f', { mode: 0o604 })
    }, 'alice')
    // other may read now; group bits (0) apply to bob, not the other bits
    await asProc(sys, async (p) => assert.equal(text(await p.readFile('/tmp/f')), 'changed'), 'glenda')
    await asProc(sys, async (p) => fails(p.open('/tmp/f', OREAD), 'permission denied'), 'bob')
    // the owner bits apply to the owner
    await asProc(sys, async (p) => {
      await p.wstat('/tmp/f', { mode: 0o044 })
      await fails(p.open('/tmp/f', OREAD), 'permission denied')
    }, 'alice')
  })
})

test('permissions: directories need x to be walked and r to be listed', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      for (const [dir, mode] of [['/tmp/closed', 0o700], ['/tmp/searchonly', 0o711], ['/tmp/listonly', 0o744]] as const) {
        await p.mkdir(dir, 0o777)
        await p.writeFile(`${dir}/f`, 'inside', { perm: 0o644 })
        await p.wstat(dir, { mode: DMDIR | mode, uid: 'alice', gid: 'alice' })
      }
    })
    await asProc(sys, async (p) => {
      await fails(p.stat('/tmp/closed/f'), 'permission denied')
      await fails(p.readFile('/tmp/closed/f'), 'permission denied')
      await fails(p.readdir('/tmp/closed'), 'permission denied')
      await fails(p.writeFile('/tmp/closed/new', 'x'), 'permission denied')
      assert.equal(text(await p.readFile('/tmp/searchonly/f')), 'inside')
      await fails(p.readdir('/tmp/searchonly'), 'permission denied')
      assert.deepEqual(await names(p, '/tmp/listonly'), ['f'])
      await fails(p.stat('/tmp/listonly/f'), 'permission denied')
      await fails(p.readFile('/tmp/listonly/f'), 'permission denied')
    }, 'glenda')
    // root may do everything
    await asProc(sys, async (p) => {
      assert.equal(text(await p.readFile('/tmp/closed/f')), 'inside')
      assert.deepEqual(await names(p, '/tmp/closed'), ['f'])
      await p.writeFile('/tmp/closed/new', 'root wrote')
      await p.remove('/tmp/closed/new')
    })
  })
})

test('permissions: root may read and write a file with no permission bits', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/locked', 'x', { perm: 0o000 })
      await p.wstat('/tmp/locked', { uid: 'alice' })
    }, 'alice')
    await asProc(sys, async (p) => {
      assert.equal(text(await p.readFile('/tmp/locked')), 'x')
      await p.writeFile('/tmp/locked', 'root')
      assert.equal(text(await p.readFile('/tmp/locked')), 'root')
    })
  })
})

test('permissions: a non-root user cannot write, remove in, chmod or chown another user\'s files', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.writeFile('/home/alice/mine', 'alice data', { perm: 0o644 })
      await p.writeFile('/tmp/alices', 'alice data', { perm: 0o666 })
      await p.wstat('/tmp/alices', { mode: 0o644 })
    }, 'alice')
    await asProc(sys, async (p) => {
      assert.equal(text(await p.readFile('/home/alice/mine')), 'alice data')
      await fails(p.writeFile('/home/alice/mine', 'glenda'), 'permission denied')
      await fails(p.open('/home/alice/mine', OWRITE), 'permission denied')
      await fails(p.open('/home/alice/mine', OREAD | OTRUNC), 'permission denied')
      await fails(p.writeFile('/home/alice/mine', 'more', { append: true }), 'permission denied')
      await fails(p.writeFile('/home/alice/new', 'x'), 'permission denied')
      await fails(p.mkdir('/home/alice/newdir'), 'permission denied')
      await fails(p.remove('/home/alice/mine'), 'permission denied')
      await fails(p.wstat('/home/alice/mine', { name: 'stolen' }), 'permission denied')
      await fails(p.wstat('/home/alice/mine', { length: 0 }), 'permission denied')
      await fails(p.wstat('/tmp/alices', { mode: 0o666 }), 'permission denied')
      await fails(p.wstat('/tmp/alices', { uid: 'glenda' }), 'permission denied')
      await fails(p.wstat('/tmp/alices', { gid: 'glenda' }), 'permission denied')
      await fails(p.wstat('/tmp/alices', { mtime: 5 }), 'permission denied')
      // An open for reading cannot be used to write.
      const fd = await p.open('/tmp/alices', OREAD)
      await fails(p.write(fd, 'sneaky'), 'inappropriate use of fd')
    }, 'glenda')
    const st = await asProc(sys, async (p) => p.stat('/tmp/alices'))
    assert.equal(st.mode, 0o644)
    assert.equal(st.uid, 'alice')
    assert.equal(text(await sys.readFile('/tmp/alices')), 'alice data')
    assert.equal(text(await sys.readFile('/home/alice/mine')), 'alice data')
  })
})

test('permissions: an owner may chmod but not give a file away; chgrp only to own groups', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/bobs', 'x')
      await p.wstat('/tmp/bobs', { mode: 0o600 })
      assert.equal((await p.stat('/tmp/bobs')).mode, 0o600)
      await fails(p.wstat('/tmp/bobs', { uid: 'alice' }), 'permission denied')
      await fails(p.wstat('/tmp/bobs', { gid: 'glenda' }), 'permission denied')
      await p.wstat('/tmp/bobs', { gid: 'alice' })
      assert.equal((await p.stat('/tmp/bobs')).gid, 'alice')
    }, 'bob')
    // root may chown to anyone
    await asProc(sys, async (p) => {
      await p.wstat('/tmp/bobs', { uid: 'glenda' })
      assert.equal((await p.stat('/tmp/bobs')).uid, 'glenda')
    })
  })
})

test('permissions: a file created by a user is owned by that user', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await inChild(p, async (c) => {
        await c.writeFile('/tmp/byalice', 'x')
        await c.mkdir('/tmp/alicedir')
      }, { user: 'alice' })
      assert.equal((await p.stat('/tmp/byalice')).uid, 'alice')
      assert.equal((await p.stat('/tmp/byalice')).muid, 'alice')
      assert.equal((await p.stat('/tmp/alicedir')).uid, 'alice')
      assert.equal((await p.stat('/home/glenda')).uid, 'glenda')
    })
  })
})

test('memfs: walks stay right after directories are removed, renamed, replaced or locked', async () => {
  const fs = new Memfs({ owner: 'root', mode: 0o777 })
  const mkdir = (path: string, mode = 0o777): Promise<void> => fs.create(path, DMDIR | mode, OREAD, root).then((h) => h.close())
  const uid = async (path: string, cred = root): Promise<string> => (await fs.stat(path, cred)).uid
  await mkdir('/a')
  await mkdir('/a/b')
  await put(fs, '/a/b/f', 'one', glenda)
  assert.equal(await uid('/a/b/f'), 'glenda')
  assert.equal(fs.statNow('/a/b/missing', root), undefined)
  // removed and made again: the new directory is the one walked
  await fs.remove('/a/b/f', root)
  await fs.remove('/a/b', root)
  assert.equal(fs.statNow('/a/b/f', root), undefined)
  await fails(fs.stat('/a/b/f', root), 'file does not exist')
  await mkdir('/a/b')
  await put(fs, '/a/b/f', 'two')
  assert.equal(await get(fs, '/a/b/f'), 'two')
  // renamed: the old path is gone, the new one reaches the same file, a new directory takes the old name
  await fs.wstat('/a/b', { name: 'c' }, root)
  await fails(fs.stat('/a/b/f', root), 'file does not exist')
  assert.equal(await get(fs, '/a/c/f'), 'two')
  await mkdir('/a/b')
  assert.equal(fs.statNow('/a/b/f', root), undefined)
  // a directory's search permission taken away after a walk through it counts at once
  assert.equal(await uid('/a/c/f', glenda), 'root')
  await fs.wstat('/a', { mode: DMDIR | 0o700 }, root)
  await fails(fs.stat('/a/c/f', glenda), 'permission denied')
  assert.equal(fs.statNow('/a/c/f', glenda), undefined)
  assert.equal(await uid('/a/c/f'), 'root')
})

test('memfs: every change shows in the next stat, never in one taken before', async () => {
  const fs = new Memfs({ owner: 'root', mode: 0o777 })
  await fs.create('/d', DMDIR | 0o777, OREAD, root).then((h) => h.close())
  await put(fs, '/d/f', 'abc', glenda)
  const st = (path = '/d/f'): Promise<import('../../src/kernel/types.ts').Dir> => fs.stat(path, root)
  const before = await st()
  const dirBefore = await st('/d')
  const h = await fs.open('/d/f', ORDWR, root)
  await h.write(3, enc.encode('defg'))
  await h.close()
  const written = await st()
  assert.deepEqual([before.length, before.muid, written.length, written.muid, written.qid.version], [3, 'glenda', 7, 'root', before.qid.version + 1])
  await fs.wstat('/d/f', { mode: 0o600, uid: 'alice', gid: 'alice', mtime: 5, atime: 6 }, root)
  const changed = await st()
  assert.deepEqual([changed.mode, changed.uid, changed.gid, changed.mtime, changed.atime], [0o600, 'alice', 'alice', 5, 6])
  await fs.wstat('/d/f', { length: 1 }, root)
  assert.equal((await st()).length, 1)
  await fs.open('/d/f', OWRITE | OTRUNC, root).then((t) => t.close())
  assert.equal((await st()).length, 0)
  await fs.wstat('/d/f', { name: 'g' }, root)
  assert.equal((await st('/d/g')).name, 'g')
  // the directory's own stat moves on when a file is made in it
  await put(fs, '/d/h', '')
  assert.ok((await st('/d')).qid.version > dirBefore.qid.version)
  assert.deepEqual((await fs.readdir('/d', root)).map((e) => e.name).sort(), ['g', 'h'])
  assert.equal(before.length, 3)
})

test('memfs: every change shows in the next listing, of the directory and of every one that names the file', async () => {
  const fs = new Memfs({ owner: 'root', mode: 0o777 })
  await fs.create('/d', DMDIR | 0o777, OREAD, root).then((h) => h.close())
  await fs.create('/e', DMDIR | 0o777, OREAD, root).then((h) => h.close())
  await put(fs, '/d/f', 'abc')
  const listed = async (dir: string): Promise<string[]> => {
    const entries = await fs.readdir(dir, root)
    // the two ways of listing agree, and a caller may change what it was given
    assert.deepEqual(fs.readdirNow(dir, root), entries)
    const shown = entries.map((e) => `${e.name}:${e.length}:${(e.mode & 0o777).toString(8)}:${e.uid}:${e.nlink ?? 1}`)
    entries.length = 0
    return shown
  }
  assert.deepEqual(await listed('/d'), ['f:3:644:root:1'])
  const h = await fs.open('/d/f', ORDWR, root)
  await h.write(3, enc.encode('de'))
  await h.close()
  assert.deepEqual(await listed('/d'), ['f:5:644:root:1'], 'a write')
  await fs.wstat('/d/f', { mode: 0o600, uid: 'glenda' }, root)
  assert.deepEqual(await listed('/d'), ['f:5:600:glenda:1'], 'a wstat')
  await fs.link('/d/f', '/e/g', root)
  assert.deepEqual([await listed('/d'), await listed('/e')], [['f:5:600:glenda:2'], ['g:5:600:glenda:2']], 'a hard link')
  await fs.wstat('/e/g', { length: 1 }, root)
  assert.deepEqual([await listed('/d'), await listed('/e')], [['f:1:600:glenda:2'], ['g:1:600:glenda:2']], 'a change by the other name')
  await fs.remove('/d/f', root)
  assert.deepEqual([await listed('/d'), await listed('/e')], [[], ['g:1:600:glenda:1']], 'the first name removed')
  await fs.wstat('/e/g', { name: 'h' }, root)
  await put(fs, '/e/i', '')
  fs.seedFile('/e/j', enc.encode('xy'), 0o644, 'root')
  fs.seedDir('/e/k', 0o755, 'root')
  assert.deepEqual((await listed('/e')).sort(), ['h:1:600:glenda:1', 'i:0:644:root:1', 'j:2:644:root:1', 'k:0:755:root:1'], 'renamed, created, seeded')
})
