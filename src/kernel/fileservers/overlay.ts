/**
 * overlay: copy-on-write over any fileserver. Reads come from the lower fileserver until a file
 * changes; a change first copies the file (and the directories above it) into an in-memory upper
 * layer, and a removal hides the lower file (a whiteout). The lower fileserver is only ever read,
 * so a host directory served this way never changes; `changes()` lists what the session did.
 */
import { NineError, unlessAbsent } from '../errors.ts'
import { dirname } from '../path.ts'
import { can, SUPERUSER } from '../perm.ts'
import { DMDIR, OAPPEND, OEXCL, OREAD, ORCLOSE, OTRUNC, OWRITE, PERM_MASK, type Cred, type Dir, type DirChanges, type Fileserver, type Handle } from '../types.ts'
import { readHandle } from '../readhandle.ts'
import { Memfs } from './memfs.ts'

const ROOT: Cred = { uid: SUPERUSER, gid: SUPERUSER, groups: [SUPERUSER] }

/** Upper files' qid paths are moved above the lower's (hostfs's stay below 2^52) so the two never collide. */
const UPPER_QID = 2 ** 52

export interface Change {
  path: string
  change: 'added' | 'modified' | 'removed'
  /** For added and modified files: what it holds now. */
  dir?: Dir
}

export class Overlay implements Fileserver {
  readonly kind: string
  private readonly upper = new Memfs({ owner: SUPERUSER, mode: 0o755 })
  /** Paths whose lower file (and everything below it) is hidden: removed, or replaced as a whole. */
  private readonly hidden = new Set<string>()
  private upperRootReady = false

  /** stat at once, offered only when the lower layer can answer at once too. */
  readonly statNow?: (path: string, cred: Cred) => Dir | undefined

  constructor(private readonly lower: Fileserver) {
    this.kind = `${lower.kind}+cow`
    const lowerNow = lower.statNow?.bind(lower)
    if (lowerNow !== undefined) {
      this.statNow = (path, cred) => {
        if (this.inUpper(path)) {
          const d = this.upper.statNow(path, cred)
          return d === undefined ? undefined : Overlay.upperView(d)
        }
        return this.isHidden(path) ? undefined : lowerNow(path, cred)
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Where a path is

  private inUpper(path: string): Dir | undefined {
    // the upper layer's own top stands in for the lower one's only once copied up (owner, mode)
    if (path === '/' && !this.upperRootReady) return undefined
    return this.upper.statNow(path, ROOT)
  }

  /** Whether the lower file at path is hidden by a whiteout on it or on a directory above it. */
  private isHidden(path: string): boolean {
    if (this.hidden.size === 0) return false
    for (let p = path; ; p = dirname(p)) {
      if (this.hidden.has(p)) return true
      if (p === '/') return false
    }
  }

  private async lowerDir(path: string, cred: Cred): Promise<Dir | undefined> {
    if (this.isHidden(path)) return undefined
    try {
      return await this.lower.stat(path, cred)
    } catch (e) {
      if (e instanceof NineError && e.code === 'ENOENT') return undefined
      throw e
    }
  }

  private static upperView(d: Dir): Dir {
    return { ...d, qid: { ...d.qid, path: d.qid.path + UPPER_QID } }
  }

  // -------------------------------------------------------------------------------------------
  // Fileserver

  async stat(path: string, cred: Cred): Promise<Dir> {
    if (this.inUpper(path)) return Overlay.upperView(await this.upper.stat(path, cred))
    if (this.isHidden(path)) throw new NineError('ENOENT', path)
    return this.lower.stat(path, cred)
  }

  walk(path: string, cred: Cred): Promise<Dir | undefined> {
    return unlessAbsent(this.stat(path, cred))
  }

  async readdir(path: string, cred: Cred): Promise<Dir[]> {
    const up = this.inUpper(path)
    const merged = new Map<string, Dir>()
    // A directory that replaced a removed one (a whiteout on itself) shows nothing from below.
    if (!up && this.isHidden(path)) throw new NineError('ENOENT', path)
    if (!this.isHidden(path)) {
      try {
        for (const d of await this.lower.readdir(path, cred)) merged.set(d.name, d)
      } catch (e) {
        // A directory made in this session has nothing below it.
        if (!up || !(e instanceof NineError && (e.code === 'ENOENT' || e.code === 'ENOTDIR'))) throw e
      }
    }
    if (up) for (const d of await this.upper.readdir(path, cred)) merged.set(d.name, Overlay.upperView(d))
    const prefix = path === '/' ? '/' : `${path}/`
    const out: Dir[] = []
    for (const [name, d] of merged) if (!this.hidden.has(prefix + name) || this.inUpper(prefix + name)) out.push(d)
    return out
  }

  async open(path: string, mode: number, cred: Cred): Promise<Handle> {
    const rw = mode & 3
    const writing = rw === 1 || rw === 2 || (mode & OTRUNC) !== 0 || (mode & ORCLOSE) !== 0
    if (!writing) return this.inUpper(path) ? this.upper.open(path, mode, cred) : this.isHidden(path) ? Promise.reject(new NineError('ENOENT', path)) : this.lower.open(path, mode, cred)
    const d = await this.stat(path, cred)
    if (d.mode & DMDIR) throw new NineError('EISDIR', path)
    if (!can(d, cred, 'w')) throw new NineError('EPERM', path)
    await this.copyUp(path)
    const h = await this.upper.open(path, mode & ~ORCLOSE, cred)
    if (!(mode & ORCLOSE)) return h
    return {
      read: (offset, count, signal) => h.read(offset, count, signal),
      write: (offset, data, signal) => h.write(offset, data, signal),
      close: async () => {
        await h.close()
        await this.remove(path, ROOT).catch(() => {})
      },
    }
  }

  async create(path: string, perm: number, mode: number, cred: Cred): Promise<Handle> {
    const parentPath = dirname(path)
    const parent = await this.stat(parentPath, cred)
    if (!(parent.mode & DMDIR)) throw new NineError('ENOTDIR', path)
    const existing = await this.walk(path, cred)
    if (existing !== undefined) {
      if (existing.mode & DMDIR || perm & DMDIR || mode & OEXCL) throw new NineError('EEXIST', path)
      return this.open(path, (mode & (3 | ORCLOSE | OAPPEND)) | OTRUNC, cred)
    }
    if (!can(parent, cred, 'w')) throw new NineError('EPERM', path)
    await this.copyUp(parentPath)
    return this.upper.create(path, perm, mode, cred)
  }

  async remove(path: string, cred: Cred): Promise<void> {
    if (path === '/') throw new NineError('EPERM', path)
    const d = await this.stat(path, cred)
    const parent = await this.stat(dirname(path), cred)
    if (!can(parent, cred, 'w')) throw new NineError('EPERM', path)
    if (d.mode & DMDIR && (await this.readdir(path, ROOT)).length > 0) throw new NineError('ENOTEMPTY', path)
    const below = await this.lowerDir(path, ROOT)
    if (this.inUpper(path)) await this.upper.remove(path, ROOT)
    if (below !== undefined) this.hidden.add(path)
  }

  async wstat(path: string, changes: DirChanges, cred: Cred): Promise<void> {
    const d = await this.stat(path, cred)
    const rename = changes.name !== undefined && changes.name !== d.name
    if (rename) {
      if (path === '/') throw new NineError('EPERM', path)
      const target = `${dirname(path) === '/' ? '' : dirname(path)}/${changes.name}`
      if ((await this.walk(target, ROOT)) !== undefined) throw new NineError('EEXIST', changes.name!)
      if (!can(await this.stat(dirname(path), cred), cred, 'w')) throw new NineError('EPERM', path)
      // A directory moves with everything in it: all of it comes up first.
      await this.copyUpTree(path)
      const below = await this.lowerDir(path, ROOT)
      await this.upper.wstat(path, changes, cred)
      if (below !== undefined) this.hidden.add(path)
      // What the lower layer has at the new name stays hidden under what moved there.
      if ((await this.lowerDir(target, ROOT)) !== undefined || this.hidden.has(target)) this.hidden.add(target)
      return
    }
    await this.copyUp(path)
    await this.upper.wstat(path, changes, cred)
  }

  async shutdown(): Promise<void> {
    await this.lower.shutdown?.()
  }

  // -------------------------------------------------------------------------------------------
  // Copying up

  /** Brings `path` (and the directories above it) into the upper layer with its data, owner and mode. */
  private async copyUp(path: string): Promise<void> {
    if (path === '/') {
      if (this.upperRootReady) return
      const top = await this.lower.stat('/', ROOT)
      await this.upper.wstat('/', { mode: top.mode, uid: top.uid, gid: top.gid }, ROOT)
      this.upperRootReady = true
      return
    }
    if (this.inUpper(path)) return
    await this.copyUp(dirname(path))
    const d = await this.lower.stat(path, ROOT)
    if (d.mode & DMDIR) await (await this.upper.create(path, DMDIR | (d.mode & PERM_MASK), OREAD, ROOT)).close()
    else {
      const data = await readHandle(await this.lower.open(path, OREAD, ROOT))
      const h = await this.upper.create(path, d.mode & PERM_MASK, OWRITE, ROOT)
      try {
        if (data.length > 0) await h.write(0, data)
      } finally {
        await h.close()
      }
    }
    await this.upper.wstat(path, { mode: d.mode, uid: d.uid, gid: d.gid, mtime: d.mtime }, ROOT)
  }

  private async copyUpTree(path: string): Promise<void> {
    await this.copyUp(path)
    const d = await this.stat(path, ROOT)
    if (!(d.mode & DMDIR)) return
    for (const child of await this.readdir(path, ROOT)) await this.copyUpTree(`${path === '/' ? '' : path}/${child.name}`)
  }

  // -------------------------------------------------------------------------------------------
  // What changed

  /** Every file and directory the session added, changed or removed, in path order. */
  async changes(): Promise<Change[]> {
    const out: Change[] = []
    const visit = async (path: string): Promise<void> => {
      for (const d of await this.upper.readdir(path, ROOT)) {
        const child = `${path === '/' ? '' : path}/${d.name}`
        const below = await this.lowerDir(child, ROOT)
        const view = Overlay.upperView(d)
        if (below === undefined) out.push({ path: child, change: 'added', dir: view })
        else if ((below.mode & DMDIR) !== (d.mode & DMDIR) || (below.mode & PERM_MASK) !== (d.mode & PERM_MASK) || (!(d.mode & DMDIR) && !(await this.sameData(child)))) out.push({ path: child, change: 'modified', dir: view })
        if (d.mode & DMDIR) await visit(child)
      }
    }
    if (this.upperRootReady) await visit('/')
    for (const path of this.hidden) {
      if (this.inUpper(path)) continue
      let d: Dir | undefined
      try {
        d = await this.lower.stat(path, ROOT)
      } catch {
        continue
      }
      if (d !== undefined && !this.isHidden(dirname(path))) out.push({ path, change: 'removed' })
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  }

  /** The upper layer's data of `path` (an added or modified file). */
  async readChanged(path: string): Promise<Uint8Array> {
    return readHandle(await this.upper.open(path, OREAD, ROOT))
  }

  private async sameData(path: string): Promise<boolean> {
    const [a, b] = await Promise.all([this.readChanged(path), readHandle(await this.lower.open(path, OREAD, ROOT))])
    if (a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
    return true
  }
}
