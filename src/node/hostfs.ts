/**
 * hostfs: a host directory served as a fileserver, read-only or read-write (copy-on-write is an
 * overlay over the read-only form, see hostDir).
 *
 * Confinement does not trust a checked path to stay checked: a name is never resolved by the
 * host from the top. On Linux each component is opened from the directory descriptor of the one
 * before it (`/proc/PID/fd/N/name`, O_DIRECTORY|O_NOFOLLOW), so a symbolic link swapped in by a
 * racing host process is met as a link (refused by O_NOFOLLOW) and never followed. Links are
 * resolved here, lexically, from the root of the served directory, and one that leads out of it
 * is refused. Elsewhere the directory is checked with realpath before each use (a race between
 * the check and the use remains; docs/host-files.md). Files are opened with O_NOFOLLOW|O_NONBLOCK,
 * and only regular files and directories are served: FIFOs, sockets and devices are invisible
 * and refused. A write through a file with more than one hard link is refused (the other name
 * may be outside). Errors name the path inside the served tree, never the host's.
 */
import * as fs from 'node:fs'
import { NineError, type ErrorCode, unlessAbsent } from '../kernel/errors.ts'
import { directoryHandle } from '../kernel/dirhandle.ts'
import { DirFds } from './dirfds.ts'
import { Overlay } from '../kernel/fileservers/overlay.ts'
import { can, checkName, SUPERUSER, type Access } from '../kernel/perm.ts'
import { DEFAULT_USER } from '../presets/std.ts'
import { DMDIR, OAPPEND, OEXCL, OREAD, ORCLOSE, OTRUNC, PERM_MASK, QTDIR, type Cred, type Dir, type DirChanges, type Fileserver, type Handle, type Qid } from '../kernel/types.ts'

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK, O_APPEND } = fs.constants

/** Symbolic links followed in one lookup before giving up (Linux's limit). */
const MAX_LINKS = 40

/**
 * Counts the changes made through any hostfs of this process (writes, creations, removals,
 * wstats). What a handle learned from the host (a directory's mode, where a file ended) is
 * reused only while this has not moved: a change made in ninefold is seen at once.
 */
let generation = 0

export interface HostfsOptions {
  /** Serve read-write (default: read-only). */
  writable?: boolean
  /** Who the files appear to belong to (owner and group): the mounting user. */
  owner: string
}

/**
 * Where a name is: a host directory to reach it through (a descriptor's /proc path, or a checked
 * real path) and the name in it. A descriptor stays open until the next lookup at least.
 */
interface Place {
  readonly dir: string
  readonly name: string
  /** The name's lstat, when the lookup already made it. */
  readonly st?: fs.Stats
}

export class Hostfs implements Fileserver {
  readonly kind = 'hostfs'
  private readonly writable: boolean
  /** Who every file appears to belong to. */
  readonly owner: string
  /** The real host path of the served directory; never shown to anyone. */
  private readonly top: string
  /** The served directory's descriptor (Linux), the start of every lookup. */
  private rootFd: number | undefined
  private readonly viaFds: boolean
  /**
   * This process's descriptors in /proc (`/proc/PID/fd`): `/proc/self` is itself a link the host
   * resolves on every lookup (about 0.8 of the 10 µs a small file's open, fstat, read and close
   * took on the benchmark machine). The pid is the one /proc/self names, so it is this process in
   * whatever pid namespace /proc shows.
   */
  private readonly fdDir: string = ''
  /** The directories below the root, kept open between lookups (Linux). */
  private readonly dirs = new DirFds()

  /** Throws (without the host path) when `hostPath` is not a directory this process can read. */
  constructor(hostPath: string, options: HostfsOptions) {
    this.writable = options.writable ?? false
    this.owner = options.owner
    try {
      this.top = fs.realpathSync(hostPath)
      this.viaFds = process.platform === 'linux' && fs.existsSync('/proc/self/fd')
      if (this.viaFds) {
        this.fdDir = `/proc/${fs.readlinkSync('/proc/self')}/fd`
        this.rootFd = fs.openSync(this.top, O_RDONLY | O_DIRECTORY)
      }
      else if (!fs.statSync(this.top).isDirectory()) throw new NineError('ENOTDIR', '/')
    } catch (e) {
      throw hostError(e, '/')
    }
  }

  // -------------------------------------------------------------------------------------------
  // Lookup

  /**
   * The place of `path`'s last name, every directory before it reached without following a link
   * the host resolves. With `follow`, a link in last place is resolved too (stat and open
   * follow links; remove and rename act on the link itself).
   */
  private locate(path: string, cred: Cred, follow: boolean): Place {
    let names = splitNames(path)
    for (let links = 0; ; ) {
      const step = this.viaFds ? this.walkFds(names, cred, follow) : this.walkChecked(names, cred, follow)
      if (!('link' in step)) return step
      if (++links > MAX_LINKS) throw new NineError('EPERM', path)
      names = this.retarget(step.before, step.link, step.after, path)
    }
  }

  /** Names leading through `link` (found after `before`, followed by `after`), from the top; a link out of the tree is refused. */
  private retarget(before: string[], link: string, after: string[], path: string): string[] {
    let start: string[]
    if (link.startsWith('/')) {
      if (link !== this.top && !link.startsWith(`${this.top}/`)) throw new NineError('EPERM', path)
      start = []
      link = link.slice(this.top.length)
    } else start = before
    const out = [...start]
    for (const name of [...link.split('/'), ...after]) {
      if (name === '' || name === '.') continue
      if (name === '..') {
        if (out.pop() === undefined) throw new NineError('EPERM', path)
      } else out.push(name)
    }
    return out
  }

  private walkFds(names: string[], cred: Cred, follow: boolean): Place | { before: string[]; link: string; after: string[] } {
    let fd = this.rootFd!
    // the directory `fd` is, as last seen (for search permission); the root is stat'ed afresh
    let seen: fs.Stats | undefined
    let key = ''
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!
      const dir = `${this.fdDir}/${fd}`
      if (cred.uid !== SUPERUSER) this.mustSearch(seen ?? fs.fstatSync(fd), cred)
      const last = i === names.length - 1
      if (last && !follow) return place(dir, name)
      if (last) {
        const st = lstatOrUndefined(`${dir}/${name}`)
        if (st === undefined || !st.isSymbolicLink()) return place(dir, name, st)
        return { before: names.slice(0, i), link: fs.readlinkSync(`${dir}/${name}`), after: [] }
      }
      key = key === '' ? name : `${key}/${name}`
      const next = this.dirs.reach(key, dir, name)
      if ('link' in next) return { before: names.slice(0, i), link: next.link, after: names.slice(i + 1) }
      fd = next.fd
      seen = next.st
    }
    return place(`${this.fdDir}/${fd}`, '')
  }

  /** The fallback without descriptor paths: each directory's realpath must stay in the tree (racy, see the top). */
  private walkChecked(names: string[], cred: Cred, follow: boolean): Place | { before: string[]; link: string; after: string[] } {
    let dir = this.top
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!
      const last = i === names.length - 1
      if (cred.uid !== SUPERUSER) this.mustSearch(fs.statSync(dir), cred)
      const st = lstatOrUndefined(`${dir}/${name}`)
      if (st?.isSymbolicLink() && (!last || follow)) return { before: names.slice(0, i), link: fs.readlinkSync(`${dir}/${name}`), after: names.slice(i + 1) }
      if (last) return place(dir, name)
      const real = fs.realpathSync(`${dir}/${name}`)
      if (real !== this.top && !real.startsWith(`${this.top}/`)) throw Object.assign(new Error('outside'), { code: 'EACCES' })
      dir = real
    }
    return place(dir, '')
  }

  /** Every directory a walk passes needs search (x) permission, as in memfs; root may search anything. */
  private mustSearch(dir: fs.Stats, cred: Cred): void {
    if (!can({ uid: this.owner, gid: this.owner, mode: dir.mode & PERM_MASK }, cred, 'x')) throw Object.assign(new Error('search'), { code: 'EACCES' })
  }

  /** Runs `use` on the place of `path` as `cred` sees it, turning host failures into Plan 9 errors about `path`. */
  private at<T>(path: string, cred: Cred, follow: boolean, use: (host: string, p: Place) => T): T {
    try {
      const p = this.locate(path, cred, follow)
      return use(p.name === '' ? p.dir : `${p.dir}/${p.name}`, p)
    } catch (e) {
      throw hostError(e, path)
    }
  }

  // -------------------------------------------------------------------------------------------
  // Fileserver

  async stat(path: string, cred: Cred): Promise<Dir> {
    return this.statSync(path, cred)
  }

  /** Every host call here is synchronous, so stat can answer at once (the namespace then makes no promise a step). */
  statNow(path: string, cred: Cred): Dir | undefined {
    try {
      return this.statSync(path, cred)
    } catch {
      return undefined
    }
  }

  private statSync(path: string, cred: Cred): Dir {
    return this.at(path, cred, true, (host, p) => this.dirOf(servable(entryStat(host, p), path), baseName(path)))
  }

  walk(path: string, cred: Cred): Promise<Dir | undefined> {
    return unlessAbsent(this.stat(path, cred))
  }

  async readdir(path: string, cred: Cred): Promise<Dir[]> {
    const prefix = path === '/' ? '/' : `${path}/`
    const list = (host: string, p: Place): Listing => this.list(host, p, path, prefix, cred)
    // With descriptors the directory is opened O_NOFOLLOW with no lstat before; where that finds
    // no directory (a link, a file) the name is looked up again, a link followed as a stat follows it.
    const first = this.viaFds ? this.at(path, cred, false, (host, p) => unlessNotDirectory(() => list(host, p))) : undefined
    const { out, links } = first ?? this.at(path, cred, true, list)
    // Links are listed as what they lead to; links out of the tree, and what is not a file or a directory, are not listed.
    for (const name of links) {
      try {
        out.push(await this.stat(prefix + name, cred))
      } catch {
        // not servable
      }
    }
    return out
  }

  /** The entries of the directory a place names (its links apart, by name), read through the directory's own descriptor. */
  private list(host: string, p: Place, path: string, prefix: string, cred: Cred): Listing {
    // Listed through the directory's own descriptor: its name may be swapped for a link meanwhile.
    const fd = this.viaFds && p.name !== '' ? fs.openSync(host, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK) : undefined
    try {
      const dir = fd === undefined ? host : `${this.fdDir}/${fd}`
      const st = servable(fd === undefined ? entryStat(host, p) : fs.fstatSync(fd), path)
      if (!st.isDirectory()) throw new NineError('ENOTDIR', path)
      this.check(st, cred, 'r', path)
      const out: Dir[] = []
      const links: string[] = []
      // The listing's types (Node asks lstat itself where the filesystem gives none): no stat per entry.
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const name = entry.name
        const isDir = entry.isDirectory()
        if (isDir || entry.isFile()) out.push(new ListedDir(this, prefix, name, isDir, cred))
        else if (entry.isSymbolicLink()) links.push(name)
      }
      return { out, links }
    } finally {
      if (fd !== undefined) fs.closeSync(fd)
    }
  }

  async open(path: string, mode: number, cred: Cred): Promise<Handle> {
    return this.at(path, cred, true, (host, p) => this.openPlace(host, p, path, mode, cred))
  }

  /**
   * Opens a name in a directory this server opened, from the directory's descriptor (openat):
   * no lookup from the top, so no directory on the way is looked up again. A link there is
   * followed as `open` follows one, from the top.
   */
  async openAt(dir: Handle, path: string, mode: number, cred: Cred): Promise<Handle> {
    const name = baseName(path)
    const parent = this.heldDir(dir, name)
    if (parent === undefined) return this.open(path, mode, cred)
    const host = `${parent}/${name}`
    try {
      if (cred.uid !== SUPERUSER) this.mustSearch((dir as HostDirHandle).stat(), cred)
      if (mode === OREAD) {
        const file = this.openPlain(host, path, cred)
        if (file !== undefined) return new HostHandle(file.fd, file.st.size, path, false, undefined)
      }
      const st = lstatOrUndefined(host)
      if (st?.isSymbolicLink()) return await this.open(path, mode, cred)
      return this.openPlace(host, place(parent, name, st), path, mode, cred)
    } catch (e) {
      throw hostError(e, path)
    }
  }

  /**
   * A small plain file named in an open directory, read whole at once: open, fstat, one read,
   * close (a recursive grep's every file), into `into` where it has room. Undefined where it is
   * not read so: not a regular file (a link, a directory: openAt resolves those), more than `max`
   * bytes, or grown or shrunk since the fstat.
   */
  readAt(dir: Handle, path: string, max: number, cred: Cred, into?: Uint8Array): Uint8Array | undefined {
    const name = baseName(path)
    const parent = this.heldDir(dir, name)
    if (parent === undefined) return undefined
    try {
      if (cred.uid !== SUPERUSER) this.mustSearch((dir as HostDirHandle).stat(), cred)
      const file = this.openPlain(`${parent}/${name}`, path, cred)
      if (file === undefined) return undefined
      try {
        const size = file.st.size
        if (size > max) return undefined
        // a byte more than fstat gave: a full read means the file grew meanwhile
        const buf = into !== undefined && into.length > size ? into : readBuffer(size + 1)
        if (fs.readSync(file.fd, buf, 0, size + 1, 0) !== size) return undefined
        return buf === into ? into.subarray(0, size) : buf.slice(0, size)
      } finally {
        fs.closeSync(file.fd)
      }
    } catch (e) {
      throw hostError(e, path)
    }
  }

  /** The /proc path of `dir`'s descriptor, where `name` is looked up from it; undefined for a handle this server did not open with one. */
  private heldDir(dir: Handle, name: string): string | undefined {
    if (!(dir instanceof HostDirHandle) || dir.server !== this || dir.fd === undefined || name.includes('\0')) return undefined
    return dir.procPath
  }

  /**
   * A plain file opened to read in one step: opened first (O_NOFOLLOW|O_NONBLOCK: a link is
   * refused, a FIFO does not wait, nothing is read) and judged by what was opened, so no lstat is
   * needed before; a FIFO, socket or device is closed unread and refused. Undefined where it is
   * not a regular file (a link, a directory): openAt then goes the way `open` does.
   */
  private openPlain(host: string, path: string, cred: Cred): { fd: number; st: fs.Stats } | undefined {
    let fd: number
    try {
      fd = fs.openSync(host, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOOP') return undefined
      throw e
    }
    try {
      const st = fs.fstatSync(fd)
      if (st.isFile()) {
        this.check(st, cred, 'r', path)
        return { fd, st }
      }
      if (!st.isDirectory()) throw new NineError('EPERM', path)
    } catch (e) {
      fs.closeSync(fd)
      throw e
    }
    fs.closeSync(fd)
    return undefined
  }

  /** Opens what `p` names (`host`), checked as `cred` may, the name the caller knows it by being `path`. */
  private openPlace(host: string, p: Place, path: string, mode: number, cred: Cred): Handle {
    const rw = mode & 3
    const writing = rw === 1 || rw === 2 || (mode & OTRUNC) !== 0
    if (writing || mode & ORCLOSE) this.mustWrite(path)
    const before = servable(entryStat(host, p), path)
    if (before.isDirectory()) {
      if (writing) throw new NineError('EISDIR', path)
      this.check(before, cred, 'r', path)
      return this.viaFds ? this.openDir(host, p, before, path) : directoryHandle(path)
    }
    if (rw === 0 || rw === 2) this.check(before, cred, 'r', path)
    if (writing) this.check(before, cred, 'w', path)
    if (rw === 3) this.check(before, cred, 'x', path)
    const fd = fs.openSync(host, (rw === 0 || rw === 3 ? O_RDONLY : rw === 1 ? O_WRONLY : O_RDWR) | (mode & OAPPEND ? O_APPEND : 0) | O_NOFOLLOW | O_NONBLOCK)
    try {
      const st = fs.fstatSync(fd)
      // What was opened must be what was checked: a regular file, not swapped meanwhile.
      if (!st.isFile() || st.ino !== before.ino || st.dev !== before.dev) throw new NineError('EPERM', path)
      if (writing && st.nlink > 1) throw new NineError('EPERM', path)
      if (mode & OTRUNC) fs.ftruncateSync(fd, 0)
    } catch (e) {
      fs.closeSync(fd)
      throw e
    }
    return new HostHandle(fd, mode & OTRUNC ? 0 : before.size, path, (mode & OAPPEND) !== 0, mode & ORCLOSE ? () => this.remove(path, cred).catch(() => {}) : undefined)
  }

  /** An open directory holding its host descriptor, which names opened in it start from (openAt). */
  private openDir(host: string, p: Place, before: fs.Stats, path: string): Handle {
    // the served directory itself is reached through its descriptor's link, which is followed
    const fd = fs.openSync(host, O_RDONLY | O_DIRECTORY | O_NONBLOCK | (p.name === '' ? 0 : O_NOFOLLOW))
    let st: fs.Stats
    try {
      st = fs.fstatSync(fd)
      if (st.ino !== before.ino || st.dev !== before.dev) throw new NineError('EPERM', path)
    } catch (e) {
      fs.closeSync(fd)
      throw e
    }
    return new HostDirHandle(this, fd, `${this.fdDir}/${fd}`, st, path)
  }

  async create(path: string, perm: number, mode: number, cred: Cred): Promise<Handle> {
    this.mustWrite(path)
    generation++
    const slash = path.lastIndexOf('/')
    const parentPath = slash === 0 ? '/' : path.slice(0, slash)
    const name = path.slice(slash + 1)
    checkName(name, path)
    const parent = await this.stat(parentPath, cred)
    if (!(parent.mode & DMDIR)) throw new NineError('ENOTDIR', path)
    if (!can(parent, cred, 'w')) throw new NineError('EPERM', path)
    const made = this.at(path, cred, false, (host) => {
      if (perm & DMDIR) {
        fs.mkdirSync(host, perm & parent.mode & PERM_MASK)
        return 'dir' as const
      }
      const rw = mode & 3
      try {
        const fd = fs.openSync(host, (rw === 0 ? O_RDONLY : rw === 1 ? O_WRONLY : O_RDWR) | (mode & OAPPEND ? O_APPEND : 0) | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK, perm & (parent.mode | ~0o666) & PERM_MASK)
        return new HostHandle(fd, 0, path, (mode & OAPPEND) !== 0, mode & ORCLOSE ? () => this.remove(path, cred).catch(() => {}) : undefined)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
        return 'exists' as const
      }
    })
    if (made === 'dir') return directoryHandle(path)
    if (made !== 'exists') return made
    // Plan 9's create truncates a file that is there (unless OEXCL), except to append (O_CREAT|
    // O_APPEND: two `>>` racing to create a file lose no line); a directory is never replaced.
    const existing = await this.stat(path, cred)
    if (existing.mode & DMDIR || mode & OEXCL) throw new NineError('EEXIST', path)
    return this.open(path, (mode & (3 | ORCLOSE | OAPPEND)) | (mode & OAPPEND ? 0 : OTRUNC), cred)
  }

  async remove(path: string, cred: Cred): Promise<void> {
    this.mustWrite(path)
    generation++
    if (path === '/') throw new NineError('EPERM', path)
    const slash = path.lastIndexOf('/')
    const parent = await this.stat(slash === 0 ? '/' : path.slice(0, slash), cred)
    if (!can(parent, cred, 'w')) throw new NineError('EPERM', path)
    this.at(path, cred, false, (host) => {
      const st = fs.lstatSync(host)
      if (st.isDirectory()) fs.rmdirSync(host)
      else fs.unlinkSync(host)
    })
  }

  async wstat(path: string, changes: DirChanges, cred: Cred): Promise<void> {
    this.mustWrite(path)
    generation++
    const d = await this.stat(path, cred)
    const isOwner = cred.uid === 'root' || cred.uid === d.uid
    // Check everything before changing anything, as memfs does.
    if (changes.uid !== undefined && changes.uid !== d.uid) throw new NineError('EPERM', path)
    if (changes.gid !== undefined && changes.gid !== d.gid) throw new NineError('EPERM', path)
    if (changes.mode !== undefined && (!isOwner || (changes.mode & DMDIR) !== (d.mode & DMDIR))) throw new NineError('EPERM', path)
    if (changes.length !== undefined && (d.mode & DMDIR ? changes.length !== 0 : !can(d, cred, 'w'))) throw new NineError('EPERM', path)
    if ((changes.mtime !== undefined || changes.atime !== undefined) && !isOwner && !can(d, cred, 'w')) throw new NineError('EPERM', path)
    const rename = changes.name !== undefined && changes.name !== d.name
    if (rename) {
      if (path === '/') throw new NineError('EPERM', path)
      checkName(changes.name!, changes.name!)
      const slash = path.lastIndexOf('/')
      if (!can(await this.stat(slash === 0 ? '/' : path.slice(0, slash), cred), cred, 'w')) throw new NineError('EPERM', path)
    }
    const fileChange = changes.mode !== undefined || (changes.length !== undefined && !(d.mode & DMDIR)) || changes.mtime !== undefined || changes.atime !== undefined
    if (fileChange) {
      this.at(path, cred, true, (host) => {
        const fd = fs.openSync(host, (d.mode & DMDIR ? O_RDONLY | O_DIRECTORY : changes.length !== undefined ? O_WRONLY : O_RDONLY) | O_NOFOLLOW | O_NONBLOCK)
        try {
          const st = fs.fstatSync(fd)
          if (!st.isFile() && !st.isDirectory()) throw new NineError('EPERM', path)
          // Another name of the same file may be outside: its data and mode are not ours to change.
          if (st.isFile() && st.nlink > 1) throw new NineError('EPERM', path)
          if (changes.length !== undefined && st.isFile()) fs.ftruncateSync(fd, changes.length)
          if (changes.mode !== undefined) fs.fchmodSync(fd, changes.mode & PERM_MASK)
          if (changes.mtime !== undefined || changes.atime !== undefined) fs.futimesSync(fd, changes.atime ?? st.atimeMs / 1000, changes.mtime ?? st.mtimeMs / 1000)
        } finally {
          fs.closeSync(fd)
        }
      })
    }
    if (rename) {
      this.at(path, cred, false, (host, p) => {
        const target = `${p.dir}/${changes.name}`
        if (lstatOrUndefined(target) !== undefined) throw new NineError('EEXIST', changes.name!)
        fs.renameSync(host, target)
      })
    }
  }

  async shutdown(): Promise<void> {
    this.dirs.closeAll()
    if (this.rootFd !== undefined) fs.closeSync(this.rootFd)
    this.rootFd = undefined
  }

  // -------------------------------------------------------------------------------------------

  private mustWrite(path: string): void {
    if (!this.writable) throw new NineError('EPERM', path)
  }

  private check(st: fs.Stats, cred: Cred, need: Access, path: string): void {
    if (!can({ uid: this.owner, gid: this.owner, mode: st.mode & PERM_MASK }, cred, need)) throw new NineError('EPERM', path)
  }

  private dirOf(st: fs.Stats, name: string): Dir {
    const isDir = st.isDirectory()
    return {
      name,
      qid: { type: isDir ? QTDIR : 0, version: Math.floor(st.mtimeMs) % 0x7fffffff, path: qidPath(st.dev, st.ino) },
      mode: ((isDir ? DMDIR : 0) | (st.mode & PERM_MASK)) >>> 0,
      length: isDir ? 0 : st.size,
      atime: Math.floor(st.atimeMs / 1000),
      mtime: Math.floor(st.mtimeMs / 1000),
      uid: this.owner,
      gid: this.owner,
      muid: this.owner,
    }
  }
}

/**
 * A listed entry: its name and kind from the listing, the other fields from a stat made when one
 * is first read, through the same confined walk as any stat (find -name and grep -r read only the
 * name and the qid's type). Where that stat fails, or finds another kind of file, the entry shows
 * the kind listed and nothing else.
 */
class ListedDir implements Dir {
  readonly qid: ListedQid
  readonly uid: string
  readonly gid: string
  readonly muid: string
  private known: Dir | undefined = undefined

  constructor(
    private readonly server: Hostfs,
    /** The directory's path, with its slash: the entry's path is made only for its stat. */
    private readonly prefix: string,
    readonly name: string,
    isDir: boolean,
    private readonly cred: Cred,
  ) {
    this.qid = new ListedQid(this, isDir ? QTDIR : 0)
    this.uid = this.gid = this.muid = server.owner
  }

  /** The entry's stat, made on first use. */
  get full(): Dir {
    if (this.known !== undefined) return this.known
    const st = this.server.statNow(this.prefix + this.name, this.cred)
    const isDir = (this.qid.type & QTDIR) !== 0
    const owner = this.uid
    this.known = st !== undefined && ((st.mode & DMDIR) !== 0) === isDir ? st : { name: this.name, qid: { type: this.qid.type, version: 0, path: 0 }, mode: isDir ? DMDIR : 0, length: 0, atime: 0, mtime: 0, uid: owner, gid: owner, muid: owner }
    return this.known
  }
  get mode(): number {
    return this.full.mode
  }
  get length(): number {
    return this.full.length
  }
  get atime(): number {
    return this.full.atime
  }
  get mtime(): number {
    return this.full.mtime
  }
}

class ListedQid implements Qid {
  constructor(
    private readonly entry: ListedDir,
    readonly type: number,
  ) {}
  get version(): number {
    return this.entry.full.qid.version
  }
  get path(): number {
    return this.entry.full.qid.path
  }
}

/** A directory open on the host: reading or writing it is refused (directories are listed with readdir); its descriptor is where openAt starts. */
class HostDirHandle implements Handle {
  private seenAt = generation

  constructor(
    readonly server: Hostfs,
    public fd: number | undefined,
    /** The descriptor's /proc path, where names in the directory are opened from (made once: grep -r opens every file from it). */
    readonly procPath: string,
    /** The directory's fstat, taken again once anything changed through hostfs. */
    private seen: fs.Stats,
    private readonly path: string,
  ) {}

  /**
   * The directory's stat for the search permission of a name opened in it: the one taken at open
   * until a change is made through hostfs (grep -r opens every file of a directory from one
   * handle). A host process's chmod meanwhile is seen from the next open of the directory.
   */
  stat(): fs.Stats {
    if (this.seenAt !== generation) {
      this.seen = fs.fstatSync(this.fd!)
      this.seenAt = generation
    }
    return this.seen
  }

  read(): Promise<Uint8Array> {
    return Promise.reject(new NineError('EISDIR', this.path))
  }

  write(): Promise<number> {
    return Promise.reject(new NineError('EISDIR', this.path))
  }

  close(): void {
    if (this.fd === undefined) return
    fs.closeSync(this.fd)
    this.fd = undefined
  }
}

const probe = new Uint8Array(4096)
const EMPTY = new Uint8Array(0)

/**
 * Where readAt reads a file before copying out its bytes: one buffer of the module's, grown as
 * needed. A small array made per file (one of a few dozen bytes lives in V8's heap) has to be
 * moved out of the heap when the host reads into it, which cost more than the copy.
 */
let whole = new Uint8Array(0)

function readBuffer(size: number): Uint8Array {
  if (whole.length < size) whole = new Uint8Array(Math.max(size, 64 * 1024 + 1))
  return whole
}

class HostHandle implements Handle {
  private fd: number | undefined
  /** Where a short read found the file's end, and `generation` then; -1 when no read did. */
  private endAt = -1
  private endSeenAt = 0

  constructor(
    fd: number,
    /** The file's length when opened (it may grow: reads past it still look). */
    private readonly size: number,
    private readonly path: string,
    /** Opened with O_APPEND: the host puts every write at the end, in one step. */
    private readonly append: boolean,
    private readonly onClose: (() => Promise<void>) | undefined,
  ) {
    this.fd = fd
  }

  async read(offset: number, count: number): Promise<Uint8Array> {
    // Sized by what the file holds: a reader asking for a megabyte of a 40-byte file gets 40 bytes' worth of buffer.
    const left = this.size - offset
    try {
      // The read just before ended short at this offset, and nothing changed through hostfs since: the
      // end it found is the answer (a reader reads until it gets nothing, grep -r from every file).
      // Only once: a reader asking again looks again.
      if (offset === this.endAt && this.endSeenAt === generation) {
        this.endAt = -1
        this.live()
        return EMPTY
      }
      this.endAt = -1
      // At the end it was opened with, a read looks whether the file grew, into a buffer of the module's: most find nothing.
      if (left <= 0) {
        const n = fs.readSync(this.live(), probe, 0, Math.max(0, Math.min(count, probe.length)), offset)
        return n === 0 ? EMPTY : probe.slice(0, n)
      }
      // a byte more than the file had: a read that comes back short has found its end
      const buf = new Uint8Array(Math.max(0, Math.min(count, 1 << 20, left + 1)))
      const n = fs.readSync(this.live(), buf, 0, buf.length, offset)
      if (n === buf.length) return buf
      // (short before the length fstat gave is no end: a filesystem may read less)
      if (n >= left) this.endSeen(offset + n)
      return buf.subarray(0, n)
    } catch (e) {
      throw hostError(e, this.path)
    }
  }

  async write(offset: number, data: Uint8Array): Promise<number> {
    generation++
    try {
      let done = 0
      // null: the file's own position, which O_APPEND moves to the end before each write
      while (done < data.length) done += fs.writeSync(this.live(), data, done, data.length - done, this.append ? null : offset + done)
      return done
    } catch (e) {
      throw hostError(e, this.path)
    }
  }

  async close(): Promise<void> {
    if (this.fd === undefined) return
    const fd = this.fd
    this.fd = undefined
    try {
      fs.closeSync(fd)
    } catch {
      // already gone
    }
    await this.onClose?.()
  }

  private endSeen(at: number): void {
    this.endAt = at
    this.endSeenAt = generation
  }

  private live(): number {
    if (this.fd === undefined) throw new NineError('EBADF', this.path)
    return this.fd
  }
}

/** A directory's entries: files and directories, and the names of its links (listed as what they lead to). */
interface Listing {
  out: Dir[]
  links: string[]
}

/**
 * What `use` gives, or undefined where what it opened O_DIRECTORY|O_NOFOLLOW was not a directory:
 * a symbolic link (ELOOP, or ENOTDIR as Linux answers with O_DIRECTORY) or anything else.
 */
function unlessNotDirectory<T>(use: () => T): T | undefined {
  try {
    return use()
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ELOOP' || code === 'ENOTDIR') return undefined
    throw e
  }
}

function place(dir: string, name: string, st?: fs.Stats): Place {
  return st === undefined ? { dir, name } : { dir, name, st }
}

function splitNames(path: string): string[] {
  const names = path.split('/').filter((n) => n !== '' && n !== '.')
  // The namespace hands over clean paths; anything else is refused rather than interpreted.
  for (const n of names) if (n === '..' || n.includes('\0')) throw new NineError('EPERM', path)
  return names
}

/** The stat of what a place names, not following a link there; the served directory itself is reached through its descriptor's link, which is followed. */
function entryStat(host: string, p: Place): fs.Stats {
  return p.st ?? (p.name === '' ? fs.statSync(host) : fs.lstatSync(host))
}

function lstatOrUndefined(host: string): fs.Stats | undefined {
  return fs.lstatSync(host, { throwIfNoEntry: false })
}

/** Only regular files and directories are served; FIFOs, sockets, devices (and links, met here only if swapped in) are not. */
function servable(st: fs.Stats, path: string): fs.Stats {
  if (!st.isFile() && !st.isDirectory()) throw new NineError('EPERM', path)
  return st
}

function baseName(path: string): string {
  return path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1)
}

/** A qid path from the host's device and inode, unique within a mount of one host tree. */
function qidPath(dev: number, ino: number): number {
  return (dev % 0x1000) * 2 ** 40 + (ino % 2 ** 40)
}

const HOST_ERRORS: Record<string, ErrorCode> = {
  ENOENT: 'ENOENT',
  ENOTDIR: 'ENOTDIR',
  EISDIR: 'EISDIR',
  EEXIST: 'EEXIST',
  ENOTEMPTY: 'ENOTEMPTY',
  EACCES: 'EPERM',
  EPERM: 'EPERM',
  ELOOP: 'EPERM',
  EROFS: 'EPERM',
  ENXIO: 'EPERM',
  ENAMETOOLONG: 'ENAMETOOLONG',
}

/** A host failure as a Plan 9 error about the served path; the host's message (which names host paths) is dropped. */
function hostError(e: unknown, path: string): NineError {
  if (e instanceof NineError) return e
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  return new NineError((code !== undefined && HOST_ERRORS[code]) || 'EIO', path)
}

export type HostDirMode = 'ro' | 'rw' | 'cow'

/**
 * A host directory to mount: read-only (the default), read-write, or copy-on-write (changes
 * stay in memory, the host directory never changes). Its files appear owned by `owner` (default:
 * the standard system's default user, who works on them).
 */
export function hostDir(path: string, options: { mode: 'cow'; owner?: string }): Overlay
export function hostDir(path: string, options?: { mode?: HostDirMode; owner?: string }): Fileserver
export function hostDir(path: string, options: { mode?: HostDirMode; owner?: string } = {}): Fileserver {
  const mode = options.mode ?? 'ro'
  const served = new Hostfs(path, { writable: mode === 'rw', owner: options.owner ?? DEFAULT_USER })
  return mode === 'cow' ? new Overlay(served) : served
}
