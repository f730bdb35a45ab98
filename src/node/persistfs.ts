/**
 * persistfs: a root filesystem kept in a host directory, so a second boot finds homes, /etc,
 * installed packages and users as the first left them.
 *
 * The files live in memory (a memfs, so the system runs as fast as with an ephemeral root) and
 * every change is written through to the host as it happens:
 *   DIR/data/...   the tree: each file's bytes, each directory
 *   DIR/meta.json  ninefold's owners, groups, modes and times, by path (the host's owners are
 *                  the host user's, not ninefold's)
 *   DIR/meta.log   the changes to meta.json since it was written, one JSON line each
 *   DIR/lock       the pid of the process that has the root open (rootlock.ts)
 * Crash safety (kill -9 at any moment): a file's bytes are written to DIR/tmp, flushed and renamed
 * over the old ones when the file is closed, and a metadata line is flushed before the data it
 * describes, so a closed file is whole after a crash and an open one is as it was at its last
 * close. A torn last journal line is ignored. Boot folds the journal into meta.json (written the
 * same way) and starts a new one.
 */
import * as fs from 'node:fs'
import { join } from 'node:path'
import { NineError } from '../kernel/errors.ts'
import { Memfs } from '../kernel/fileservers/memfs.ts'
import { dirname } from '../kernel/path.ts'
import { SUPERUSER } from '../kernel/perm.ts'
import type { Seedable } from '../kernel/seed.ts'
import { lockRoot } from './rootlock.ts'
import { DMDIR, DMSTICKY, OREAD, ORCLOSE, ORDWR, OTRUNC, OWRITE, PERM_MASK, type Cred, type Dir, type DirChanges, type Fileserver, type Handle } from '../kernel/types.ts'

const ROOT: Cred = { uid: SUPERUSER, gid: SUPERUSER, groups: [SUPERUSER] }

/** What ninefold knows of a file that the host does not keep for it. */
interface Meta {
  mode: number
  uid: string
  gid: string
  mtime: number
}

type JournalLine = { op: 'set'; path: string; meta: Meta } | { op: 'rm'; path: string } | { op: 'mv'; from: string; to: string }

export class Persistfs implements Fileserver, Seedable {
  readonly kind = 'persistfs'
  private readonly mem = new Memfs({ owner: SUPERUSER, mode: 0o755 })
  private readonly data: string
  private readonly temp: string
  private journal: number | undefined
  private tempSeq = 0
  /** Lets go of DIR/lock (one process at a time on a root). */
  private readonly unlock: () => void

  /** Opens (making it if needed) the root kept in `dir`, loading what an earlier boot left. */
  constructor(private readonly dir: string) {
    this.data = join(dir, 'data')
    this.temp = join(dir, 'tmp')
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    this.unlock = lockRoot(dir)
    try {
      for (const d of [this.data, this.temp]) fs.mkdirSync(d, { recursive: true, mode: 0o700 })
      for (const leftover of fs.readdirSync(this.temp)) fs.rmSync(join(this.temp, leftover), { force: true, recursive: true })
      const meta = this.readMeta()
      this.load('/', meta)
      // Fold the journal into a fresh meta.json, then start an empty journal.
      this.writeAtomic(join(dir, 'meta.json'), new TextEncoder().encode(JSON.stringify(Object.fromEntries(meta))))
      this.journal = fs.openSync(join(dir, 'meta.log'), 'w')
      fs.fsyncSync(this.journal)
    } catch (e) {
      this.unlock()
      throw e
    }
  }

  // -------------------------------------------------------------------------------------------
  // Loading

  private readMeta(): Map<string, Meta> {
    const meta = new Map<string, Meta>()
    try {
      const snapshot = JSON.parse(fs.readFileSync(join(this.dir, 'meta.json'), 'utf8')) as Record<string, Meta>
      for (const [path, m] of Object.entries(snapshot)) if (isMeta(m)) meta.set(path, m)
    } catch {
      // none yet (or unreadable: the tree is still loaded, with default owners)
    }
    let log = ''
    try {
      log = fs.readFileSync(join(this.dir, 'meta.log'), 'utf8')
    } catch {
      // none yet
    }
    for (const text of log.split('\n')) {
      let line: JournalLine
      try {
        line = JSON.parse(text) as JournalLine
      } catch {
        continue // the torn last line of a crash
      }
      if (line.op === 'set' && isMeta(line.meta)) meta.set(line.path, line.meta)
      else if (line.op === 'rm') {
        for (const p of [...meta.keys()]) if (within(p, line.path)) meta.delete(p)
      } else if (line.op === 'mv') {
        for (const [p, m] of [...meta]) {
          if (!within(p, line.from)) continue
          meta.delete(p)
          meta.set(line.to + p.slice(line.from.length), m)
        }
      }
    }
    return meta
  }

  /** Builds the memory tree from the host tree below `path`; only directories and regular files are taken. */
  private load(path: string, meta: Map<string, Meta>): void {
    const host = this.hostPath(path)
    for (const name of fs.readdirSync(host)) {
      const child = path === '/' ? `/${name}` : `${path}/${name}`
      const st = fs.lstatSync(join(host, name))
      const m = meta.get(child)
      if (st.isDirectory()) {
        this.mem.seedDir(child, m?.mode ?? 0o755, m?.uid ?? SUPERUSER)
        this.load(child, meta)
      } else if (st.isFile()) this.mem.seedFile(child, fs.readFileSync(join(host, name)), m?.mode ?? 0o644, m?.uid ?? SUPERUSER)
      else continue
      if (m !== undefined) this.restore(child, { gid: m.gid, mtime: m.mtime })
      else meta.set(child, this.metaOf(child))
    }
    if (path === '/') {
      const m = meta.get('/')
      if (m !== undefined) this.restore('/', { mode: DMDIR | m.mode, uid: m.uid, gid: m.gid })
      else meta.set('/', this.metaOf('/'))
    }
  }

  /** Sets what seeding cannot (memfs's wstat as root answers at once; a refusal keeps the default). */
  private restore(path: string, changes: DirChanges): void {
    this.mem.wstat(path, changes, ROOT).catch(() => {})
  }

  // -------------------------------------------------------------------------------------------
  // Writing through

  private hostPath(path: string): string {
    return path === '/' ? this.data : join(this.data, path)
  }

  private metaOf(path: string): Meta {
    const d = this.mem.statNow(path, ROOT)!
    return { mode: d.mode & (PERM_MASK | DMSTICKY | 0x60000000), uid: d.uid, gid: d.gid, mtime: d.mtime }
  }

  private log(line: JournalLine): void {
    if (this.journal === undefined) throw new NineError('ESHUTDOWN', 'path' in line ? line.path : line.from)
    fs.writeSync(this.journal, `${JSON.stringify(line)}\n`)
    fs.fsyncSync(this.journal)
  }

  /** Writes `data` to `target` so that a crash leaves either the old bytes or the new ones. */
  private writeAtomic(target: string, data: Uint8Array): void {
    const temp = join(this.temp, `${process.pid}.${this.tempSeq++}`)
    const fd = fs.openSync(temp, 'w', 0o600)
    try {
      let done = 0
      while (done < data.length) done += fs.writeSync(fd, data, done, data.length - done)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(temp, target)
    syncDir(dirname(target))
  }

  /** Makes the host match the memory tree at `path`: its metadata first, then its data. */
  private async sync(path: string): Promise<void> {
    const d = this.mem.statNow(path, ROOT)
    if (d === undefined) return this.removed(path)
    this.log({ op: 'set', path, meta: this.metaOf(path) })
    const host = this.hostPath(path)
    if (d.mode & DMDIR) {
      if (path !== '/') fs.mkdirSync(host, { recursive: true, mode: 0o700 })
      syncDir(dirname(host))
      return
    }
    const h = await this.mem.open(path, OREAD, ROOT)
    try {
      this.writeAtomic(host, await h.read(0, d.length))
    } finally {
      await h.close()
    }
  }

  private removed(path: string): void {
    this.log({ op: 'rm', path })
    fs.rmSync(this.hostPath(path), { force: true, recursive: true })
    syncDir(dirname(this.hostPath(path)))
  }

  /** Runs a change, then writes it through; a host failure is reported as an i/o error on the path. */
  private async through<T>(path: string, change: () => Promise<T>, after: () => Promise<void> | void): Promise<T> {
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

  stat(path: string, cred: Cred): Promise<Dir> {
    return this.mem.stat(path, cred)
  }

  statNow(path: string, cred: Cred): Dir | undefined {
    return this.mem.statNow(path, cred)
  }

  readdir(path: string, cred: Cred): Promise<Dir[]> {
    return this.mem.readdir(path, cred)
  }

  async open(path: string, mode: number, cred: Cred): Promise<Handle> {
    const h = await this.mem.open(path, mode, cred)
    const rw = mode & 3
    const changes = rw === OWRITE || rw === ORDWR || (mode & (OTRUNC | ORCLOSE)) !== 0
    return changes ? this.persisting(path, h) : h
  }

  async create(path: string, perm: number, mode: number, cred: Cred): Promise<Handle> {
    const existed = this.mem.statNow(path, ROOT) !== undefined
    const h = await this.mem.create(path, perm, mode, cred)
    // A new name is made on the host at once; a file that was there (truncated by the create)
    // keeps its old bytes on the host until the new ones are closed.
    if (!existed) await this.through(path, async () => undefined, () => this.sync(path))
    return perm & DMDIR ? h : this.persisting(path, h)
  }

  remove(path: string, cred: Cred): Promise<void> {
    return this.through(path, () => this.mem.remove(path, cred), () => this.removed(path))
  }

  wstat(path: string, changes: DirChanges, cred: Cred): Promise<void> {
    const renamed = changes.name !== undefined && changes.name !== path.slice(path.lastIndexOf('/') + 1)
    const to = renamed ? `${path === '/' ? '' : dirname(path) === '/' ? '' : dirname(path)}/${changes.name}` : path
    return this.through(
      path,
      () => this.mem.wstat(path, changes, cred),
      async () => {
        if (renamed) {
          this.log({ op: 'mv', from: path, to })
          fs.renameSync(this.hostPath(path), this.hostPath(to))
          syncDir(dirname(this.hostPath(to)))
        }
        await this.sync(to)
      },
    )
  }

  async seedDir(path: string, mode: number, owner: string): Promise<void> {
    if (this.mem.statNow(path, ROOT) !== undefined) return
    const made: string[] = []
    for (let p = path; p !== '/' && this.mem.statNow(p, ROOT) === undefined; p = dirname(p)) made.unshift(p)
    this.mem.seedDir(path, mode, owner)
    for (const p of made) await this.sync(p)
  }

  async seedFile(path: string, data: Uint8Array, mode: number, owner: string): Promise<void> {
    if (this.mem.statNow(path, ROOT) !== undefined) return
    await this.seedDir(dirname(path), 0o755, SUPERUSER)
    this.mem.seedFile(path, data, mode, owner)
    await this.sync(path)
  }

  async shutdown(): Promise<void> {
    if (this.journal === undefined) return
    fs.closeSync(this.journal)
    this.journal = undefined
    this.unlock()
  }
}

function isMeta(m: unknown): m is Meta {
  const o = m as Partial<Meta> | null
  return typeof o === 'object' && o !== null && typeof o.mode === 'number' && typeof o.uid === 'string' && typeof o.gid === 'string' && typeof o.mtime === 'number'
}

function within(path: string, top: string): boolean {
  return path === top || path.startsWith(top === '/' ? '/' : `${top}/`)
}

/** Flushes a directory's entries (a rename or a new name in it) to the disk. */
function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}
