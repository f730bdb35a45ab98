/**
 * memfs: a RAM filesystem (Plan 9's ramfs). Files, directories, modes, owners and times, with
 * Unix-style permission checks (root may do anything). File data grows by doubling, so a file
 * written in many small appends costs linear time and memory.
 */
import { directoryHandle } from '../dirhandle.ts'
import type { Fifo } from '../fifo.ts'
import type { Seedable } from '../seed.ts'
import { NineError } from '../errors.ts'
import { validName } from '../path.ts'
import { can, checkName, SUPERUSER, type Access } from '../perm.ts'
import { DMDIR, DMNAMEDPIPE, DMSTICKY, fileChanges, OAPPEND, ORCLOSE, OTRUNC, PERM_MASK, QTDIR, type Cred, type Dir, type DirChanges, type Fileserver, type Handle } from '../types.ts'

const now = (): number => Math.floor(Date.now() / 1000)

/** Named pipes' code, loaded when the first one is made or opened (a browser fetches it then). */
let fifoCode: Promise<typeof import('../fifo.ts')> | undefined
const fifos = (): Promise<typeof import('../fifo.ts')> => (fifoCode ??= import('../fifo.ts'))

/** What a file or directory counts against its owner's quota besides its data: names cost memory too. */
const NODE_BYTES = 256

/** How many directories' chains a memfs keeps (see Memfs.dirs); past that it starts again. */
const DIR_CHAINS = 256

class Node {
  data: Uint8Array = EMPTY
  size = 0
  /** Bytes charged to the owner's quota for this node (NODE_BYTES plus its size, once charged). */
  charged = 0
  version = 0
  atime: number
  mtime: number
  readonly children: Map<string, Node> | undefined
  /** A named pipe's meeting point (mkfifo), made by its first open. */
  fifo: Fifo | undefined
  /**
   * The stat, made once per change and frozen: a listing of a big directory then allocates no
   * Dir (a fresh Dir per entry per listing, kept alive while ls sorts them, got the allocation
   * site pretenured by V8 and made every listing after it several times slower). Every change to
   * a field a Dir shows clears it.
   */
  dir: Dir | undefined
  /**
   * A directory's listing, made once per change: a walk lists the same directories run after
   * run, and copying a list is cheaper than asking each child for its stat. Only copies leave
   * (not frozen: slice copies a frozen array element by element). Cleared when a child is added,
   * removed or renamed here, or a child's stat changes.
   */
  private listed: Dir[] | undefined = undefined
  /** A hard-linked file's other names: (directory, name) besides parent and name. */
  aliases: [Node, string][] | undefined
  constructor(
    public name: string,
    readonly qidPath: number,
    public mode: number,
    public uid: string,
    public gid: string,
    public muid: string,
    public parent: Node | undefined,
  ) {
    this.atime = this.mtime = now()
    this.children = mode & DMDIR ? new Map() : undefined
  }

  stat(): Dir {
    return (this.dir ??= Object.freeze({
      name: this.name,
      qid: Object.freeze({ type: this.children ? QTDIR : 0, version: this.version, path: this.qidPath }),
      mode: this.mode >>> 0,
      length: this.children ? 0 : this.size,
      atime: this.atime,
      mtime: this.mtime,
      uid: this.uid,
      gid: this.gid,
      muid: this.muid,
      ...(this.aliases === undefined || this.aliases.length === 0 ? {} : { nlink: 1 + this.aliases.length }),
    }))
  }

  /** The stat under the name it was reached by (a hard link's other name). */
  statAs(name: string): Dir {
    const dir = this.stat()
    return dir.name === name ? dir : { ...dir, name }
  }

  /** The entries under their names here, a fresh array (a caller may change it; the Dirs are frozen). */
  listing(): Dir[] {
    return (this.listed ??= listing(this.children!)).slice()
  }

  /** After a change to a field a Dir shows: the stat and every listing that shows it are made again. */
  restat(): void {
    fileChanges.count++
    this.dir = undefined
    if (this.parent !== undefined) this.parent.listed = undefined
    if (this.aliases !== undefined) for (const [dir] of this.aliases) dir.listed = undefined
  }

  setChild(name: string, node: Node): void {
    fileChanges.count++
    this.children!.set(name, node)
    this.listed = undefined
  }

  deleteChild(name: string): void {
    fileChanges.count++
    this.children!.delete(name)
    this.listed = undefined
  }

  truncate(length: number): void {
    if (length > this.data.length) this.reserve(length)
    else if (length < this.size) this.data.fill(0, length, this.size)
    this.size = length
    this.restat()
  }

  reserve(capacity: number): void {
    if (capacity <= this.data.length) return
    const grown = new Uint8Array(Math.max(capacity, this.data.length * 2, 64))
    grown.set(this.data.subarray(0, this.size))
    this.data = grown
  }

  touch(uid: string): void {
    this.mtime = now()
    this.version++
    this.muid = uid
    this.restat()
  }
}

const EMPTY = new Uint8Array(0)

export interface MemfsOptions {
  /** Owner of the root directory. */
  owner?: string
  group?: string
  /** Mode of the root directory (default 0o777: anyone may create at the top). */
  mode?: number
  /** Bytes each user may keep here (the files they own); without it, no limit. */
  quota?: StoreQuota
}

/**
 * Bytes stored per user. The data is off the JavaScript heap (typed arrays), so a heap limit
 * would not bound it: this does. `charge` refuses (EQUOTA) before anything changes.
 */
export interface StoreQuota {
  /** Takes `bytes` more for `owner` (negative gives back), the change made by `cred`. */
  charge(owner: string, bytes: number, cred: Cred): void
}

export class Memfs implements Fileserver, Seedable {
  readonly kind = 'memfs'
  readonly countsChanges = true
  private nextQid = 1
  private readonly root: Node
  private readonly quota: StoreQuota | undefined
  /**
   * Directories by path, each with the directories on the way to it: a stat takes the directory
   * of its last element from here instead of walking from the root. Only removing or renaming a
   * directory can change what a path names (a new name names nothing cached), and those clear it.
   */
  private readonly dirs = new Map<string, readonly Node[]>()

  constructor(options: MemfsOptions = {}) {
    this.quota = options.quota
    this.root = new Node('/', 0, DMDIR | (options.mode ?? 0o777), options.owner ?? 'root', options.group ?? options.owner ?? 'root', options.owner ?? 'root', undefined)
  }

  /** Finds a node, or the reason it cannot: every directory passed through needs search (x) permission. */
  private resolve(path: string, cred: Cred): Node | 'ENOTDIR' | 'EPERM' | 'ENOENT' {
    let node = this.root
    if (path === '/') return node
    const n = path.length
    // The superuser may search every directory: asked once, not once a directory.
    const searchAll = cred.uid === SUPERUSER
    let start = 1
    for (;;) {
      let end = path.indexOf('/', start)
      if (end < 0) end = n
      const children = node.children
      if (children === undefined) return 'ENOTDIR'
      if (!searchAll && !can(node, cred, 'x')) return 'EPERM'
      const next = children.get(path.slice(start, end))
      if (next === undefined) return 'ENOENT'
      if (end === n) return next
      node = next
      start = end + 1
    }
  }

  private lookup(path: string, cred: Cred): Node {
    const found = this.resolve(path, cred)
    if (typeof found === 'string') throw new NineError(found, path)
    return found
  }

  private split(path: string, cred: Cred): [Node, string] {
    const slash = path.lastIndexOf('/')
    const parent = this.lookup(slash === 0 ? '/' : path.slice(0, slash), cred)
    if (parent.children === undefined) throw new NineError('ENOTDIR', path)
    return [parent, path.slice(slash + 1)]
  }

  private check(node: Node, cred: Cred, need: Access, path: string): void {
    if (!can(node, cred, need)) throw new NineError('EPERM', path)
  }

  /** In a sticky directory, only the file's owner, the directory's owner or root removes or renames it. */
  private checkSticky(node: Node, dir: Node, cred: Cred, path: string): void {
    if (dir.mode & DMSTICKY && cred.uid !== SUPERUSER && cred.uid !== node.uid && cred.uid !== dir.uid) throw new NineError('EPERM', path)
  }

  async stat(path: string, cred: Cred): Promise<Dir> {
    const node = this.lookup(path, cred)
    return node.aliases === undefined ? node.stat() : node.statAs(lastName(path))
  }

  /** stat at once; undefined where stat would throw (union walks probe with it, system calls stat with it). */
  statNow(path: string, cred: Cred): Dir | undefined {
    if (path === '/') return this.root.stat()
    const slash = path.lastIndexOf('/')
    return this.statInNow(slash === 0 ? '/' : path.slice(0, slash), path.slice(slash + 1), cred)
  }

  /** statNow of `name` in the directory `dir`, which comes from `dirs`; search permission is checked on its chain each time. */
  statInNow(dir: string, name: string, cred: Cred): Dir | undefined {
    const chain = this.dirChain(dir)
    if (chain === undefined) return undefined
    if (cred.uid !== SUPERUSER) for (let i = 0; i < chain.length; i++) if (!can(chain[i]!, cred, 'x')) return undefined
    const found = chain[chain.length - 1]!.children!.get(name)
    if (found === undefined) return undefined
    return found.aliases === undefined ? found.stat() : found.statAs(name)
  }

  /** The directories from the root to the directory at `path` (root first), or undefined where there is none. */
  private dirChain(path: string): readonly Node[] | undefined {
    const known = this.dirs.get(path)
    if (known !== undefined) return known
    const chain = [this.root]
    let node = this.root
    for (let start = 1; start < path.length; ) {
      let end = path.indexOf('/', start)
      if (end < 0) end = path.length
      const next = node.children!.get(path.slice(start, end))
      if (next === undefined || next.children === undefined) return undefined
      chain.push(next)
      node = next
      start = end + 1
    }
    if (this.dirs.size >= DIR_CHAINS) this.dirs.clear()
    this.dirs.set(path, chain)
    return chain
  }

  async readdir(path: string, cred: Cred): Promise<Dir[]> {
    const node = this.lookup(path, cred)
    if (node.children === undefined) throw new NineError('ENOTDIR', path)
    this.check(node, cred, 'r', path)
    return node.listing()
  }

  /** readdir at once; undefined where readdir would throw. */
  readdirNow(path: string, cred: Cred): Dir[] | undefined {
    const node = this.resolve(path, cred)
    if (typeof node === 'string' || node.children === undefined || !can(node, cred, 'r')) return undefined
    return node.listing()
  }

  /** A plain file of at most `max` bytes read whole at once; undefined where open would throw, and for a larger file or a named pipe. */
  readNow(path: string, max: number, cred: Cred, into?: Uint8Array): Uint8Array | undefined {
    const node = this.resolve(path, cred)
    if (typeof node === 'string' || node.children !== undefined || (node.mode & DMNAMEDPIPE) !== 0 || node.size > max || !can(node, cred, 'r')) return undefined
    return copyOut(node, 0, node.size, into)
  }

  async open(path: string, mode: number, cred: Cred): Promise<Handle> {
    const node = this.lookup(path, cred)
    const rw = mode & 3
    if (node.children !== undefined) {
      if (rw !== 0 || mode & OTRUNC) throw new NineError('EISDIR', path)
      this.check(node, cred, 'r', path)
      return directoryHandle(path)
    }
    if (rw === 0 || rw === 2) this.check(node, cred, 'r', path)
    if (rw === 1 || rw === 2 || mode & OTRUNC) this.check(node, cred, 'w', path)
    if (rw === 3) this.check(node, cred, 'x', path)
    if (node.mode & DMNAMEDPIPE) {
      const { Fifo } = await fifos()
      return (node.fifo ??= new Fifo()).open(mode)
    }
    if (mode & OTRUNC && node.size > 0) {
      resize(this.quota, node, 0, cred)
      node.touch(cred.uid)
    }
    return new FileHandle(this.quota, node, cred, (mode & OAPPEND) !== 0, mode & ORCLOSE ? () => this.unlink(node.parent!, node.name, node) : undefined)
  }

  async create(path: string, perm: number, mode: number, cred: Cred): Promise<Handle> {
    const [parent, name] = this.split(path, cred)
    checkName(name, path)
    const existing = parent.children!.get(name)
    if (existing !== undefined) {
      if (existing.children !== undefined || perm & DMDIR || mode & 0x1000) throw new NineError('EEXIST', path)
      // to append is to keep what is there: two `>>` racing to create a file lose no line
      return this.open(path, (mode & (3 | OAPPEND)) | (mode & OAPPEND ? 0 : OTRUNC), cred)
    }
    this.check(parent, cred, 'w', path)
    // Plan 9: the new file's permissions are limited by the directory's (create(5)).
    const bits = perm & DMDIR ? perm & (~0o777 | (parent.mode & 0o777)) : perm & (~0o666 | (parent.mode & 0o666))
    const node = new Node(name, this.nextQid++, bits, cred.uid, parent.gid, cred.uid, parent)
    charge(this.quota, node, NODE_BYTES, cred)
    parent.setChild(name, node)
    parent.touch(cred.uid)
    if (node.children !== undefined) return directoryHandle(path)
    // making a named pipe opens neither end of it
    if (node.mode & DMNAMEDPIPE) return (await fifos()).unopenedHandle()
    return new FileHandle(this.quota, node, cred, (mode & OAPPEND) !== 0, mode & ORCLOSE ? () => this.unlink(parent, name, node) : undefined)
  }

  async remove(path: string, cred: Cred): Promise<void> {
    if (path === '/') throw new NineError('EPERM', path)
    const node = this.lookup(path, cred)
    const [dir, name] = this.split(path, cred)
    this.check(dir, cred, 'w', path)
    this.checkSticky(node, dir, cred, path)
    if (node.children !== undefined && node.children.size > 0) throw new NineError('ENOTEMPTY', path)
    this.unlink(dir, name, node)
  }

  /** Removes one name of a file; with its last name gone, the file leaves the tree. */
  private unlink(dir: Node, name: string, node: Node): void {
    if (dir.children?.get(name) !== node) return
    dir.deleteChild(name)
    if (node.children !== undefined) this.dirs.clear()
    dir.touch(node.muid)
    if (this.forgetName(node, dir, name)) return
    // gone from the tree: its bytes are freed once the last open handle goes, given back now
    if (node.charged !== 0) this.quota?.charge(node.uid, -node.charged, { uid: node.uid, gid: node.gid, groups: [] })
    node.charged = 0
  }

  /**
   * A hard link (ln): the file at `path` gets the name `newPath` too. Directories have one name
   * only, as in Unix, so the tree stays a tree.
   */
  async link(path: string, newPath: string, cred: Cred): Promise<void> {
    const node = this.lookup(path, cred)
    if (node.children !== undefined) throw new NineError('EPERM', path, 'hard link to a directory')
    const [dir, name] = this.split(newPath, cred)
    checkName(name, newPath)
    if (dir.children!.has(name)) throw new NineError('EEXIST', newPath)
    this.check(dir, cred, 'w', newPath)
    dir.setChild(name, node)
    dir.touch(cred.uid)
    ;(node.aliases ??= []).push([dir, name])
    node.restat()
  }

  /** Drops (dir, name) from a linked file's names; whether the file has a name left. */
  private forgetName(node: Node, dir: Node, name: string): boolean {
    const aliases = node.aliases
    if (aliases === undefined || aliases.length === 0) return false
    node.restat()
    if (dir === node.parent && name === node.name) {
      ;[node.parent, node.name] = aliases.pop()!
      return true
    }
    const at = aliases.findIndex(([d, n]) => d === dir && n === name)
    if (at >= 0) aliases.splice(at, 1)
    return true
  }

  /** Renames one name of a file (its first, or one of a hard link's others). */
  private renameEntry(node: Node, dir: Node, from: string, to: string): void {
    dir.deleteChild(from)
    dir.setChild(to, node)
    if (node.children !== undefined) this.dirs.clear()
    if (dir === node.parent && from === node.name) node.name = to
    else {
      const alias = node.aliases?.find(([d, n]) => d === dir && n === from)
      if (alias !== undefined) alias[1] = to
    }
  }

  async wstat(path: string, changes: DirChanges, cred: Cred): Promise<void> {
    const node = this.lookup(path, cred)
    const isRoot = cred.uid === 'root'
    const isOwner = isRoot || cred.uid === node.uid
    const oldName = path === '/' ? '/' : lastName(path)
    const renaming = changes.name !== undefined && changes.name !== oldName
    const dir = renaming && path !== '/' ? this.split(path, cred)[0] : undefined
    // Check everything before changing anything, so a refused wstat changes nothing.
    if (renaming) {
      if (dir === undefined) throw new NineError('EPERM', path)
      const v = validName(changes.name!)
      if (v !== 'ok') throw new NineError(v, changes.name)
      this.check(dir, cred, 'w', path)
      this.checkSticky(node, dir, cred, path)
      if (dir.children!.has(changes.name!)) throw new NineError('EEXIST', changes.name)
    }
    if (changes.mode !== undefined) {
      if (!isOwner) throw new NineError('EPERM', path)
      if ((changes.mode & DMDIR) !== (node.mode & DMDIR)) throw new NineError('EPERM', path)
    }
    if (changes.length !== undefined) {
      if (node.children !== undefined) {
        if (changes.length !== 0) throw new NineError('EISDIR', path)
      } else if (!can(node, cred, 'w')) throw new NineError('EPERM', path)
      if (changes.length < 0 || !Number.isSafeInteger(changes.length)) throw new NineError('EINVAL', path)
    }
    if ((changes.mtime !== undefined || changes.atime !== undefined) && !isOwner && !can(node, cred, 'w')) throw new NineError('EPERM', path)
    if (changes.uid !== undefined && changes.uid !== node.uid && !isRoot) throw new NineError('EPERM', path)
    if (changes.gid !== undefined && changes.gid !== node.gid && !(isRoot || (cred.uid === node.uid && cred.groups.includes(changes.gid)))) throw new NineError('EPERM', path)

    if (changes.length !== undefined && node.children === undefined) charge(this.quota, node, NODE_BYTES + changes.length, cred)
    if (changes.uid !== undefined && changes.uid !== node.uid && node.charged !== 0 && this.quota) {
      // the new owner takes the bytes over (root's decision: not refused)
      this.quota.charge(node.uid, -node.charged, cred)
      this.quota.charge(changes.uid, node.charged, { uid: changes.uid, gid: node.gid, groups: [] })
    }
    if (renaming) this.renameEntry(node, dir!, oldName, changes.name!)
    if (changes.mode !== undefined) {
      // the sticky bit means something on directories only
      const keep = PERM_MASK | 0x60000000 | (node.children !== undefined ? DMSTICKY : 0)
      node.mode = (node.mode & ~PERM_MASK & ~0x60000000 & ~DMSTICKY) | (changes.mode & keep)
    }
    if (changes.length !== undefined && node.children === undefined) {
      node.truncate(changes.length)
      node.touch(cred.uid)
    }
    if (changes.mtime !== undefined) node.mtime = changes.mtime
    if (changes.atime !== undefined) node.atime = changes.atime
    if (changes.uid !== undefined) node.uid = changes.uid
    if (changes.gid !== undefined) node.gid = changes.gid
    node.restat()
  }

  /** Seeding (seed.ts) without a system call: `path` with `mode` and `owner` unless it exists; missing parents 0755. */
  seedDir(path: string, mode: number, owner: string): void {
    const names = path.split('/').filter(Boolean)
    const name = names.pop()
    if (name === undefined) return
    const parent = this.makeDirs(path, names)
    const existing = parent.children!.get(name)
    if (existing !== undefined) {
      if (existing.children === undefined) throw new NineError('ENOTDIR', path)
      return
    }
    parent.setChild(name, new Node(name, this.nextQid++, DMDIR | (mode & (PERM_MASK | DMSTICKY)), owner, owner, owner, parent))
  }

  /** Seeding (seed.ts) without a system call: file `path` holding `data` unless it exists; missing parents 0755. */
  seedFile(path: string, data: Uint8Array, mode: number, owner: string): void {
    const names = path.split('/').filter(Boolean)
    const name = names.pop()
    if (name === undefined) throw new NineError('EISDIR', path)
    const parent = this.makeDirs(path, names)
    if (parent.children!.has(name)) return
    const file = new Node(name, this.nextQid++, mode & PERM_MASK, owner, owner, owner, parent)
    parent.setChild(name, file)
    file.reserve(data.length)
    file.data.set(data)
    file.size = data.length
  }

  /** The directory the names lead to from the root, made (0755, the root's owner) where missing. */
  private makeDirs(path: string, names: string[]): Node {
    let node = this.root
    for (const name of names) {
      if (node.children === undefined) throw new NineError('ENOTDIR', path)
      let next = node.children.get(name)
      if (next === undefined) {
        next = new Node(name, this.nextQid++, DMDIR | 0o755, this.root.uid, this.root.gid, this.root.uid, node)
        node.setChild(name, next)
      }
      node = next
    }
    if (node.children === undefined) throw new NineError('ENOTDIR', path)
    return node
  }

}

const lastName = (path: string): string => path.slice(path.lastIndexOf('/') + 1)

/** A directory's entries, each under the name it has there (a hard link's other name). */
function listing(children: Map<string, Node>): Dir[] {
  const out: Dir[] = new Array(children.size)
  let i = 0
  // (forEach, not for-of with destructuring: the iterator protocol is slow before the JIT has run, and a walk's first runs are)
  children.forEach((child, name) => {
    out[i++] = child.aliases === undefined ? child.stat() : child.statAs(name)
  })
  return out
}

/**
 * A file's bytes [start, end), copied: the caller may keep them while the file changes (or
 * change them). Into `into` where it is long enough.
 */
function copyOut(node: Node, start: number, end: number, into: Uint8Array | undefined): Uint8Array {
  if (into === undefined || into.length < end - start) return node.data.slice(start, end)
  into.set(node.data.subarray(start, end))
  return into.subarray(0, end - start)
}

/** Sets a file's size, charging its owner's quota for the difference first: a refused change leaves the file as it was. */
function resize(quota: StoreQuota | undefined, node: Node, size: number, cred: Cred): void {
  charge(quota, node, NODE_BYTES + size, cred)
  node.truncate(size)
}

/** Makes `bytes` what `node` counts against its owner's quota (throws, changing nothing, past it). */
function charge(quota: StoreQuota | undefined, node: Node, bytes: number, cred: Cred): void {
  if (quota === undefined || bytes === node.charged) return
  quota.charge(node.uid, bytes - node.charged, cred)
  node.charged = bytes
}

class FileHandle implements Handle {
  constructor(
    private readonly quota: StoreQuota | undefined,
    private readonly node: Node,
    private readonly cred: Cred,
    /** Opened with OAPPEND: every write goes at the end, whatever its offset. */
    private readonly append: boolean,
    private readonly onClose: (() => void) | undefined,
  ) {}

  async read(offset: number, count: number, _signal?: AbortSignal, into?: Uint8Array): Promise<Uint8Array> {
    return this.readNow(offset, count, into)
  }

  readNow(offset: number, count: number, into?: Uint8Array): Uint8Array {
    const node = this.node
    if (offset >= node.size) return EMPTY
    return copyOut(node, offset, Math.min(node.size, offset + count), into)
  }

  async write(offset: number, data: Uint8Array): Promise<number> {
    return this.writeNow(offset, data)
  }

  writeNow(offset: number, data: Uint8Array): number {
    const node = this.node
    if (this.append) offset = node.size
    const end = offset + data.length
    if (end > node.size) resize(this.quota, node, end, this.cred)
    node.data.set(data, offset)
    node.touch(this.cred.uid)
    return data.length
  }

  close(): void {
    this.onClose?.()
  }
}


