/**
 * The persistent root over a storage held in a test's memory (the browser's storages keep the
 * same contract): what it writes and in which order, a second load seeing the first's changes,
 * hostile stored contents, and a storage that fails.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PersistentRoot } from '../../src/kernel/fileservers/persistent.ts'
import type { RootStorage, StoredRoot } from '../../src/kernel/rootstorage.ts'
import { DMDIR, OREAD, OWRITE, type Cred } from '../../src/kernel/types.ts'

const root: Cred = { uid: 'root', gid: 'root', groups: ['root'] }
const glenda: Cred = { uid: 'glenda', gid: 'glenda', groups: ['glenda'] }
const enc = new TextEncoder()
const dec = new TextDecoder()

/** A storage in memory; `calls` records what was asked of it, in order. */
class MemoryStorage implements RootStorage {
  tree = new Map<string, Uint8Array | 'dir'>()
  snapshot = ''
  journal: string[] = []
  calls: string[] = []
  failWrites = false

  async load(): Promise<StoredRoot> {
    const entries = [...this.tree.keys()].sort().map((path) => {
      const v = this.tree.get(path)!
      return v === 'dir' ? { path } : { path, data: v }
    })
    return { entries, snapshot: this.snapshot, journal: [...this.journal] }
  }
  async writeSnapshot(text: string): Promise<void> {
    this.calls.push('snapshot')
    this.snapshot = text
    this.journal = []
  }
  async appendJournal(line: string): Promise<void> {
    this.calls.push(`journal ${JSON.parse(line).op}`)
    this.journal.push(line)
  }
  async writeFile(path: string, data: Uint8Array): Promise<void> {
    if (this.failWrites) throw new Error('disk full')
    this.calls.push(`write ${path}`)
    this.tree.set(path, data.slice())
  }
  async makeDir(path: string): Promise<void> {
    this.calls.push(`mkdir ${path}`)
    this.tree.set(path, 'dir')
  }
  async remove(path: string): Promise<void> {
    this.calls.push(`remove ${path}`)
    for (const p of [...this.tree.keys()]) if (p === path || p.startsWith(`${path}/`)) this.tree.delete(p)
  }
  async rename(from: string, to: string): Promise<void> {
    this.calls.push(`rename ${from} ${to}`)
    for (const [p, v] of [...this.tree]) {
      if (p !== from && !p.startsWith(`${from}/`)) continue
      this.tree.delete(p)
      this.tree.set(to + p.slice(from.length), v)
    }
  }
  async close(): Promise<void> {}
}

async function write(fs: PersistentRoot, path: string, text: string, cred = root, perm = 0o644): Promise<void> {
  const h = await fs.create(path, perm, OWRITE, cred)
  await h.write(0, enc.encode(text))
  await h.close()
}

async function read(fs: PersistentRoot, path: string): Promise<string> {
  const h = await fs.open(path, OREAD, root)
  try {
    return dec.decode(await h.read(0, (await fs.stat(path, root)).length))
  } finally {
    await h.close()
  }
}

test('a second load finds files, directories, owners, modes and renames as the first left them', async () => {
  const storage = new MemoryStorage()
  const first = new PersistentRoot(storage)
  await (await first.create('/home', DMDIR | 0o777, OREAD, root)).close()
  await first.wstat('/home', { mode: DMDIR | 0o777 }, root)
  await (await first.create('/home/d', DMDIR | 0o755, OREAD, glenda)).close()
  await write(first, '/home/d/f', 'kept\n', glenda, 0o600)
  await first.wstat('/home/d', { name: 'e' }, root)
  await write(first, '/gone', 'x')
  await first.remove('/gone', root)
  await first.shutdown()

  const second = new PersistentRoot(storage)
  assert.equal(await read(second, '/home/e/f'), 'kept\n')
  const f = await second.stat('/home/e/f', root)
  assert.equal(f.uid, 'glenda')
  assert.equal(f.mode & 0o777, 0o600)
  assert.equal((await second.stat('/home/e', root)).uid, 'glenda')
  await assert.rejects(second.stat('/home/d', root), /file does not exist/)
  await assert.rejects(second.stat('/gone', root), /file does not exist/)
})

test('each change is journalled before the storage changes, in the order the changes were made', async () => {
  const storage = new MemoryStorage()
  const fs = new PersistentRoot(storage)
  await (await fs.create('/d', DMDIR | 0o755, OREAD, root)).close()
  await write(fs, '/d/f', 'one')
  await fs.wstat('/d', { name: 'e' }, root)
  await fs.remove('/e/f', root)
  assert.deepEqual(storage.calls, [
    'snapshot', // the load folds the journal
    'journal set', 'mkdir /d',
    'journal set', 'write /d/f', // the name is made at create
    'journal set', 'write /d/f', // the bytes at close
    'journal mv', 'rename /d /e', 'journal set', 'mkdir /e',
    'journal rm', 'remove /e/f',
  ])
})

test('a long journal is folded into a snapshot, and the next load reads it', async () => {
  const storage = new MemoryStorage()
  const fs = new PersistentRoot(storage)
  for (let i = 0; i < 2100; i++) await write(fs, '/f', `version ${i}`)
  assert.ok(storage.calls.filter((c) => c === 'snapshot').length >= 2, 'a snapshot was written after the load')
  assert.ok(storage.journal.length < 2000)
  await fs.wstat('/f', { mode: 0o640 }, root)
  const again = new PersistentRoot(storage)
  assert.equal(await read(again, '/f'), 'version 2099')
  assert.equal((await again.stat('/f', root)).mode & 0o777, 0o640)
})

test('hostile stored contents: bad names, orphans, a file under a file, garbage metadata are skipped; the rest loads', async () => {
  const storage = new MemoryStorage()
  storage.tree.set('/ok', enc.encode('fine'))
  storage.tree.set('/d', 'dir')
  storage.tree.set('/d/inner', enc.encode('inner'))
  storage.tree.set('/ok/under-a-file', enc.encode('x'))
  storage.tree.set('/missing/parent', enc.encode('x'))
  storage.tree.set('relative', enc.encode('x'))
  storage.tree.set('/d/../escape', enc.encode('x'))
  storage.tree.set('/d//double', enc.encode('x'))
  storage.snapshot = '{"/ok": {"mode": 384, "uid": "glenda", "gid": "glenda", "mtime": 1}, "/d": {"mode": "rwx"}, "../x": {"mode": 0, "uid": "a", "gid": "a", "mtime": 0}}'
  storage.journal = ['{"op":"set","path":"/d/inner","meta":{"mode":420,"uid":"glenda","gid":"glenda","mtime":2}}', '{"op":"mv","from":"/x","to":7}', 'null', '[]', '{"op":"rm"', '']
  const fs = new PersistentRoot(storage)
  assert.equal(await read(fs, '/ok'), 'fine')
  assert.equal((await fs.stat('/ok', root)).uid, 'glenda')
  assert.equal((await fs.stat('/ok', root)).mode & 0o777, 0o600)
  assert.equal((await fs.stat('/d', root)).uid, 'root')
  assert.equal((await fs.stat('/d/inner', root)).uid, 'glenda')
  assert.deepEqual((await fs.readdir('/', root)).map((d) => d.name).sort(), ['d', 'ok'])
  assert.deepEqual((await fs.readdir('/d', root)).map((d) => d.name), ['inner'])
  // the snapshot written at load describes only what was loaded
  assert.deepEqual(Object.keys(JSON.parse(storage.snapshot)).sort(), ['/', '/d', '/d/inner', '/ok'])
})

test('a storage that fails: the change is reported as an i/o error; one that cannot be read: every call says so', async () => {
  const storage = new MemoryStorage()
  const fs = new PersistentRoot(storage)
  storage.failWrites = true
  const h = await fs.create('/f', 0o644, OWRITE, root).catch((e: Error) => e)
  assert.ok(h instanceof Error && /i\/o error/.test(h.message), String(h))
  storage.failWrites = false
  await write(fs, '/g', 'after the failure')
  assert.equal(await read(fs, '/g'), 'after the failure')

  class Unreadable extends MemoryStorage {
    override load(): Promise<StoredRoot> {
      return Promise.reject(new Error('quota exceeded'))
    }
  }
  const broken = new PersistentRoot(new Unreadable())
  assert.equal(broken.statNow('/', root), undefined)
  await assert.rejects(broken.stat('/', root), /i\/o error.*the stored root cannot be read: quota exceeded/)
  await assert.rejects(broken.create('/x', 0o644, OWRITE, root), /i\/o error/)
})
