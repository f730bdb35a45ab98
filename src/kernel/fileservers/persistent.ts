/**
 * A persistent root: a root filesystem kept in a RootStorage (a host directory, a browser's
 * Origin Private File System or IndexedDB), so a second boot finds homes, /etc, installed
 * packages and users as the first left them.
 *
 * The files live in memory (a memfs, so the system runs as fast as with an ephemeral root) and
 * every change is written through to the storage as it happens: the tree (each directory, each
 * file's bytes), and ninefold's owners, groups, modes and times by path, as a snapshot and a
 * journal of the changes since it, one JSON line each.
 * Crash safety (kill -9, a reload of the page, at any moment): a file's bytes are replaced whole
 * when the file is closed, and a journal line is made durable before the change it describes,
 * so a closed file is whole after a crash and an open one is as it was at its last close. A torn
 * journal line is ignored. Boot folds the journal into a new snapshot, and so does a journal
 * grown long. Writes reach the storage one at a time, in the order the changes were made.
 */
import { NineError } from '../errors.ts'
import { cleanname, dirname } from '../path.ts'
import { SUPERUSER } from '../perm.ts'
import type { RootStorage, StoredRoot } from '../rootstorage.ts'
import type { Seedable } from '../seed.ts'
import { DMDIR, DMSTICKY, OREAD, ORCLOSE, ORDWR, OTRUNC, OWRITE, PERM_MASK, type Cred, type Dir, type DirChanges, type Fileserver, type Handle } from '../types.ts'
import { Memfs } from './memfs.ts'

const ROOT: Cred = { uid: SUPERUSER, gid: SUPERUSER, groups: [SUPERUSER] }

/** Journal lines after which the journal is folded into a new snapshot. */
const JOURNAL_LIMIT = 2000

/** What ninefold knows of a file that a storage does not keep for it. */
interface Meta {
  mode: number
  uid: string
  gid: string
  mtime: number
}

type JournalLine = { op: 'set'; path: string; meta: Meta } | { op: 'rm'; path: string } | { op: 'mv'; from: string; to: string }

export class PersistentRoot implements Fileserver, Seedable {
  readonly kind = 'persistfs'
  private readonly mem = new Memfs({ owner: SUPERUSER, mode: 0o755 })
  /** ninefold's metadata as the storage has it (the snapshot with the journal applied). */
  private readonly meta = new Map<string, Meta>()
  private journalLines = 0
  private loaded = false
  private closed = false
  /** The storage's writes, one after another. */
  private queue: Promise<unknown>
  private readonly ready: Promise<void>

  /** Opens the root kept in `storage`, loading what an earlier boot left; every call waits for the load. */
  constructor(private readonly storage: RootStorage) {
    this.ready = storage.load().then(
      (stored) => this.load(stored),
      (e: unknown) => {
        throw new NineError('EIO', '/', `the stored root cannot be read: ${e instanceof Error ? e.message : String(e)}`)
      },
    )
    this.queue = this.ready
    // a load that fails is reported by every call; unhandled here it would take the host down
    this.ready.catch(() => {})
  }

  // -------------------------------------------------------------------------------------------
  // Loading

  private async load(stored: StoredRoot): Promise<void> {
    try {
      const snapshot: unknown = stored.snapshot === '' ? {} : JSON.parse(stored.snapshot)
      if (typeof snapshot === 'object' && snapshot !== null) for (const [path, m] of Object.entries(snapshot)) if (isMeta(m) && isPath(path)) this.meta.set(path, m)
    } catch {
      // unreadable: the tree is still loaded, with default owners
    }
    for (const text of stored.journal) {
      let line: unknown
      try {
        line = JSON.parse(text)
      } catch {
        continue // the torn last line of a crash
      }
      if (isJournalLine(line)) this.apply(line)
    }
    for (const { path, data } of stored.entries) {
      // a storage's names are not trusted: each must be a new name in a directory already loaded
      if (!isPath(path) || path === '/' || this.mem.statNow(path, ROOT) !== undefined || !((this.mem.statNow(dirname(path), ROOT)?.mode ?? 0) & DMDIR)) continue
      const m = this.meta.get(path)
      if (data === undefined) this.mem.seedDir(path, m?.mode ?? 0o755, m?.uid ?? SUPERUSER)
      else this.mem.seedFile(path, data, m?.mode ?? 0o644, m?.uid ?? SUPERUSER)
      if (m !== undefined) this.restore(path, { gid: m.gid, mtime: m.mtime })
    }
    const top = this.meta.get('/')
    if (top !== undefined) this.restore('/', { mode: DMDIR | top.mode, uid: top.uid, gid: top.gid })
    // The new snapshot describes the tree as loaded: what the storage lost is forgotten.
    this.meta.clear()
    await this.describe('/')
    await this.storage.writeSnapshot(this.snapshotText())
    this.loaded = true
  }

  private async describe(path: string): Promise<void> {
    this.meta.set(path, this.metaOf(path)!)
    if (!(this.mem.statNow(path, ROOT)!.mode & DMDIR)) return
    for (const d of await this.mem.readdir(path, ROOT)) await this.describe(path === '/' ? `/${d.name}` : `${path}/${d.name}`)
  }

  /** Sets what seeding cannot (memfs's wstat as root answers at once; a refusal keeps the default). */
  private restore(path: string, changes: DirChanges): void {
    this.mem.wstat(path, changes, ROOT).catch(() => {})
  }

  private snapshotText(): string {
    return JSON.stringify(Object.fromEntries(this.meta))
  }

  private apply(line: JournalLine): void {
    if (line.op === 'set') this.meta.set(line.path, line.meta)
    else if (line.op === 'rm') {
      // (a Map may lose entries while it is walked)
      for (const p of this.meta.keys()) if (within(p, line.path)) this.meta.delete(p)
    } else {
      const moved: [string, Meta][] = []
      for (const [p, m] of this.meta) if (within(p, line.from)) moved.push([line.to + p.slice(line.from.length), m])
      for (const p of this.meta.keys()) if (within(p, line.from)) this.meta.delete(p)
      for (const [p, m] of moved) this.meta.set(p, m)
    }
  }

  // -------------------------------------------------------------------------------------------
  // Writing through

  private metaOf(path: string): Meta | undefined {
    const d = this.mem.statNow(path, ROOT)
    return d && { mode: d.mode & (PERM_MASK | DMSTICKY | 0x60000000), uid: d.uid, gid: d.gid, mtime: d.mtime }
  }

  /** Runs `write` on the storage after every write queued before it; resolves when it is done. */
  private enqueue(path: string, write: () => Promise<void>): Promise<void> {
    if (this.closed) return Promise.reject(new NineError('ESHUTDOWN', path))
    const done = this.queue.then(write)
    this.queue = done.catch(() => {})
    return done
  }

  /** Journals a change (durable before the change it describes), folding a long journal into a snapshot. */
  private async log(line: JournalLine): Promise<void> {
    this.apply(line)
    if (++this.journalLines < JOURNAL_LIMIT) return this.storage.appendJournal(JSON.stringify(line))
    this.journalLines = 0
    return this.storage.writeSnapshot(this.snapshotText())
  }

  /** Makes the storage match the memory tree at `path`: its metadata first, then its data (taken now). */
  private async sync(path: string): Promise<void> {
    const d = this.mem.statNow(path, ROOT)
    if (d === undefined) return this.removed(path)
    const meta = this.metaOf(path)!
    let data: Uint8Array | undefined
    if (!(d.mode & DMDIR)) {
      const h = await this.mem.open(path, OREAD, ROOT)
      try {
        data = await h.read(0, d.length)
      } finally {
        await h.close()
      }
    }
    return this.enqueue(path, async () => {
      await this.log({ op: 'set', path, meta })
      if (data !== undefined) await this.storage.writeFile(path, data)
      else if (path !== '/') await this.storage.makeDir(path)
    })
  }

  private removed(path: string): Promise<void> {
    return this.enqueue(path, async () => {
      await this.log({ op: 'rm', path })
      await this.storage.remove(path)
    })
  }

  /** Runs a change, then writes it through; a storage failure is reported as an i/o error on the path. */
  private async through<T>(path: string, change: () => Promise<T>, after: () => Promise<void>): Promise<T> {
    await this.ready
    const result = await change()
    try {
      await after()
    } catch (e) {
      if (e instanceof NineError) throw e
      throw new NineError('EIO', path)
    }
    return result
  }

  /** A handle whose close writes the file through (ORCLOSE removals included). */
  private persisting(path: string, h: Handle): Handle {
    return {
      read: (offset, count, signal) => h.read(offset, count, signal),
      write: (offset, data, signal) => h.write(offset, data, signal),
      close: async () => {
        await h.close()
        await this.through(path, async () => undefined, () => this.sync(path))
      },
    }
  }

  // -------------------------------------------------------------------------------------------
  // Fileserver

  async stat(path: string, cred: Cred): Promise<Dir> {
    await this.ready
    return this.mem.stat(path, cred)
  }

  statNow(path: string, cred: Cred): Dir | undefined {
    return this.loaded ? this.mem.statNow(path, cred) : undefined
  }

  statInNow(dir: string, name: string, cred: Cred): Dir | undefined {
    return this.loaded ? this.mem.statInNow(dir, name, cred) : undefined
  }

  async readdir(path: string, cred: Cred): Promise<Dir[]> {
    await this.ready
    return this.mem.readdir(path, cred)
  }

  readdirNow(path: string, cred: Cred): Dir[] | undefined {
    return this.loaded ? this.mem.readdirNow(path, cred) : undefined
  }

  readNow(path: string, max: number, cred: Cred, into?: Uint8Array): Uint8Array | undefined {
    return this.loaded ? this.mem.readNow(path, max, cred, into) : undefined
  }

  async open(path: string, mode: number, cred: Cred): Promise<Handle> {
    await this.ready
    const h = await this.mem.open(path, mode, cred)
    const rw = mode & 3
    const changes = rw === OWRITE || rw === ORDWR || (mode & (OTRUNC | ORCLOSE)) !== 0
    return changes ? this.persisting(path, h) : h
  }

  async create(path: string, perm: number, mode: number, cred: Cred): Promise<Handle> {
    await this.ready
    const existed = this.mem.statNow(path, ROOT) !== undefined
    const h = await this.mem.create(path, perm, mode, cred)
    // A new name is made in the storage at once; a file that was there (truncated by the create)
    // keeps its old bytes there until the new ones are closed.
    if (!existed) await this.through(path, async () => undefined, () => this.sync(path))
    return perm & DMDIR ? h : this.persisting(path, h)
  }

  remove(path: string, cred: Cred): Promise<void> {
    return this.through(path, () => this.mem.remove(path, cred), () => this.removed(path))
  }

  wstat(path: string, changes: DirChanges, cred: Cred): Promise<void> {
    const renamed = changes.name !== undefined && changes.name !== path.slice(path.lastIndexOf('/') + 1)
    const to = renamed ? `${dirname(path) === '/' ? '' : dirname(path)}/${changes.name}` : path
    return this.through(
      path,
      () => this.mem.wstat(path, changes, cred),
      async () => {
        if (renamed)
          await this.enqueue(path, async () => {
            await this.log({ op: 'mv', from: path, to })
            await this.storage.rename(path, to)
          })
        await this.sync(to)
      },
    )
  }

  async seedDir(path: string, mode: number, owner: string): Promise<void> {
    await this.ready
    if (this.mem.statNow(path, ROOT) !== undefined) return
    const made: string[] = []
    for (let p = path; p !== '/' && this.mem.statNow(p, ROOT) === undefined; p = dirname(p)) made.unshift(p)
    this.mem.seedDir(path, mode, owner)
    for (const p of made) await this.sync(p)
  }

  async seedFile(path: string, data: Uint8Array, mode: number, owner: string): Promise<void> {
    await this.ready
    if (this.mem.statNow(path, ROOT) !== undefined) return
    await this.seedDir(dirname(path), 0o755, SUPERUSER)
    this.mem.seedFile(path, data, mode, owner)
    await this.sync(path)
  }

  async shutdown(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.queue
    await this.ready.catch(() => {})
    await this.storage.close()
  }
}

function isMeta(m: unknown): m is Meta {
  const o = m as Partial<Meta> | null
  return typeof o === 'object' && o !== null && typeof o.mode === 'number' && typeof o.uid === 'string' && typeof o.gid === 'string' && typeof o.mtime === 'number'
}

function isPath(p: unknown): p is string {
  return typeof p === 'string' && p.startsWith('/') && cleanname(p) === p
}

function isJournalLine(l: unknown): l is JournalLine {
  const o = l as Record<string, unknown> | null
  if (typeof o !== 'object' || o === null) return false
  if (o.op === 'set') return isPath(o.path) && isMeta(o.meta)
  if (o.op === 'rm') return isPath(o.path)
  return o.op === 'mv' && isPath(o.from) && isPath(o.to)
}

function within(path: string, top: string): boolean {
  return path === top || path.startsWith(top === '/' ? '/' : `${top}/`)
}
