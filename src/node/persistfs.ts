/**
 * persistfs: the persistent root (src/kernel/fileservers/persistent.ts) kept in a host directory:
 *   DIR/data/...   the tree: each file's bytes, each directory
 *   DIR/meta.json  ninefold's owners, groups, modes and times, by path (the host's owners are
 *                  the host user's, not ninefold's)
 *   DIR/meta.log   the changes to meta.json since it was written, one JSON line each
 *   DIR/lock       the pid of the process that has the root open (rootlock.ts)
 * A file's bytes are written to DIR/tmp, flushed and renamed over the old ones (the directory
 * flushed too); a journal line is flushed before its promise resolves.
 */
import * as fs from 'node:fs'
import { join } from 'node:path'
import { PersistentRoot } from '../kernel/fileservers/persistent.ts'
import { dirname } from '../kernel/path.ts'
import type { RootStorage, StoredEntry, StoredRoot } from '../kernel/rootstorage.ts'
import { lockRoot } from './rootlock.ts'

/** The persistent root kept in host directory `dir` (made if needed; what an earlier boot left is loaded). */
export class Persistfs extends PersistentRoot {
  constructor(dir: string) {
    super(new HostRootStorage(dir))
  }
}

class HostRootStorage implements RootStorage {
  private readonly data: string
  private readonly temp: string
  private journal: number | undefined
  private tempSeq = 0

  /** Lets go of DIR/lock (one process at a time on a root); undefined once let go. */
  private unlock: (() => void) | undefined

  /** Makes the directories and takes the lock at once, so a directory that cannot be used (or is in use) is reported by `new`. */
  constructor(private readonly dir: string) {
    this.data = join(dir, 'data')
    this.temp = join(dir, 'tmp')
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    this.unlock = lockRoot(dir)
    try {
      for (const d of [this.data, this.temp]) fs.mkdirSync(d, { recursive: true, mode: 0o700 })
      for (const leftover of fs.readdirSync(this.temp)) fs.rmSync(join(this.temp, leftover), { force: true, recursive: true })
    } catch (e) {
      this.unlock()
      throw e
    }
  }

  async load(): Promise<StoredRoot> {
    const entries: StoredEntry[] = []
    this.walk('/', entries)
    return { entries, snapshot: readText(join(this.dir, 'meta.json')), journal: readText(join(this.dir, 'meta.log')).split('\n') }
  }

  /** Only directories and regular files are taken. */
  private walk(path: string, entries: StoredEntry[]): void {
    const host = this.hostPath(path)
    for (const name of fs.readdirSync(host)) {
      const child = path === '/' ? `/${name}` : `${path}/${name}`
      const st = fs.lstatSync(join(host, name))
      if (st.isDirectory()) {
        entries.push({ path: child })
        this.walk(child, entries)
      } else if (st.isFile()) entries.push({ path: child, data: fs.readFileSync(join(host, name)) })
    }
  }

  async writeSnapshot(text: string): Promise<void> {
    this.writeAtomic(join(this.dir, 'meta.json'), new TextEncoder().encode(text))
    if (this.journal !== undefined) fs.closeSync(this.journal)
    this.journal = fs.openSync(join(this.dir, 'meta.log'), 'w')
    fs.fsyncSync(this.journal)
  }

  async appendJournal(line: string): Promise<void> {
    this.journal ??= fs.openSync(join(this.dir, 'meta.log'), 'a')
    fs.writeSync(this.journal, `${line}\n`)
    fs.fsyncSync(this.journal)
  }

  async writeFile(path: string, data: Uint8Array): Promise<void> {
    this.writeAtomic(this.hostPath(path), data)
  }

  async makeDir(path: string): Promise<void> {
    fs.mkdirSync(this.hostPath(path), { recursive: true, mode: 0o700 })
    syncDir(dirname(this.hostPath(path)))
  }

  async remove(path: string): Promise<void> {
    fs.rmSync(this.hostPath(path), { force: true, recursive: true })
    syncDir(dirname(this.hostPath(path)))
  }

  async rename(from: string, to: string): Promise<void> {
    fs.renameSync(this.hostPath(from), this.hostPath(to))
    syncDir(dirname(this.hostPath(to)))
  }

  async close(): Promise<void> {
    if (this.journal !== undefined) fs.closeSync(this.journal)
    this.journal = undefined
    this.unlock?.()
    this.unlock = undefined
  }

  private hostPath(path: string): string {
    return path === '/' ? this.data : join(this.data, path)
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
}

function readText(path: string): string {
  try {
    return fs.readFileSync(path, 'utf8')
  } catch {
    return '' // none yet
  }
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
