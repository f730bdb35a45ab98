/**
 * A builder for synthetic fileservers: device trees whose files are functions (the roadmap's
 * "stateless device"). A plain object is a directory; `file({...})` is a file; a function in
 * place of a directory's entries is evaluated on every walk (for trees that change, like /proc).
 *
 * ```ts
 * const fs = synthetic({
 *   status: file({ read: () => `frames ${n}\n` }),
 *   ctl: file({ write: (text) => apply(text) }),
 *   sub: { clock: file({ read: () => new Date().toISOString() + '\n' }) },
 * })
 * ```
 */
import { directoryHandle } from '../dirhandle.ts'
import { NineError } from '../errors.ts'
import { can } from '../perm.ts'
import { DMDIR, OEXCL, QTDIR, QTFILE, type Cred, type Dir, type DirChanges, type Fileserver, type Handle } from '../types.ts'

const FILE: unique symbol = Symbol('synthetic file')
const EMPTY = new Uint8Array(0)
const encoder = new TextEncoder()
const decoder = new TextDecoder()

export interface FileSpec {
  /** The file's contents, computed once per open (a frame captured at open stays that frame). */
  read?: (cred: Cred) => Uint8Array | string | Promise<Uint8Array | string>
  /** Called with each write as text; throw NineError to refuse it. */
  write?: (text: string, cred: Cred) => void | Promise<void>
  /** A whole handle of its own, for files with per-open state or streams. Overrides read/write. */
  open?: (mode: number, cred: Cred) => Handle | Promise<Handle>
  /** Permission bits; default from which of read/write exist. */
  mode?: number
  uid?: string
  gid?: string
  /** Reported length (default 0, as Plan 9 devices report). */
  length?: () => number
}

export interface SyntheticFile extends FileSpec {
  readonly [FILE]: true
}

export type Entries = { [name: string]: Node }
export type Node = SyntheticFile | Entries | DynamicDir
/** A directory whose entries are computed on each walk; it may carry its own owner and mode. */
export interface DynamicDir {
  (cred: Cred): Entries
  mode?: number
  uid?: string
}

export function file(spec: FileSpec): SyntheticFile {
  return { ...spec, [FILE]: true }
}

export function dynamicDir(entries: (cred: Cred) => Entries, options: { mode?: number; uid?: string } = {}): DynamicDir {
  return Object.assign((cred: Cred) => entries(cred), options)
}

function isFile(n: Node): n is SyntheticFile {
  return (n as Partial<SyntheticFile>)[FILE] === true
}

export interface SyntheticOptions {
  kind?: string
  owner?: string
}

/** Builds a fileserver from a tree. */
export function synthetic(tree: Entries | DynamicDir, options: SyntheticOptions = {}): Fileserver {
  return new SyntheticFs(tree, options.kind ?? 'synthetic', options.owner ?? 'root')
}

class SyntheticFs implements Fileserver {
  private readonly born = Math.floor(Date.now() / 1000)

  constructor(
    private readonly tree: Entries | DynamicDir,
    readonly kind: string,
    private readonly owner: string,
  ) {}

  /** The node at `path`, or the reason there is none. */
  private find(path: string, cred: Cred): Node | 'ENOTDIR' | 'ENOENT' {
    let node: Node = this.tree
    if (path === '/') return node
    for (const name of path.slice(1).split('/')) {
      if (isFile(node)) return 'ENOTDIR'
      const entries: Entries = typeof node === 'function' ? node(cred) : node
      const next: Node | undefined = Object.hasOwn(entries, name) ? entries[name] : undefined
      if (next === undefined) return 'ENOENT'
      node = next
    }
    return node
  }

  private nodeAt(path: string, cred: Cred): Node {
    const node = this.find(path, cred)
    if (typeof node === 'string') throw new NineError(node, path)
    return node
  }

  private named(path: string, node: Node): Dir {
    return this.dir(path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1), path, node)
  }

  private dir(name: string, path: string, node: Node): Dir {
    const q = qidPath(path)
    if (isFile(node)) {
      const mode = node.mode ?? (node.open ? 0o666 : (node.read ? 0o444 : 0) | (node.write ? 0o222 : 0))
      const uid = node.uid ?? this.owner
      return devdir(name, q, mode, this.born, uid, node.gid ?? uid, node.length?.() ?? 0)
    }
    const fnDir = typeof node === 'function' ? node : undefined
    return devdir(name, q, DMDIR | (fnDir?.mode ?? 0o555), this.born, fnDir?.uid ?? this.owner)
  }

  async stat(path: string, cred: Cred): Promise<Dir> {
    return this.named(path, this.nodeAt(path, cred))
  }

  statNow(path: string, cred: Cred): Dir | undefined {
    try {
      const node = this.find(path, cred)
      return typeof node === 'string' ? undefined : this.named(path, node)
    } catch {
      // a dynamic directory that failed: stat will throw its error
      return undefined
    }
  }

  async readdir(path: string, cred: Cred): Promise<Dir[]> {
    const node = this.nodeAt(path, cred)
    if (isFile(node)) throw new NineError('ENOTDIR', path)
    if (!can(this.dir('', path, node), cred, 'r')) throw new NineError('EPERM', path)
    const entries = typeof node === 'function' ? node(cred) : node
    const base = path === '/' ? '' : path
    return Object.keys(entries).map((name) => this.dir(name, base + '/' + name, entries[name]!))
  }

  async open(path: string, mode: number, cred: Cred): Promise<Handle> {
    const node = this.nodeAt(path, cred)
    const rw = mode & 3
    const st = this.dir('', path, node)
    if (!isFile(node)) {
      if (rw !== 0) throw new NineError('EISDIR', path)
      return directoryHandle(path)
    }
    if ((rw === 0 || rw === 2) && !can(st, cred, 'r')) throw new NineError('EPERM', path)
    if ((rw === 1 || rw === 2) && !can(st, cred, 'w')) throw new NineError('EPERM', path)
    if (node.open) return node.open(mode, cred)
    let content: Uint8Array = EMPTY
    if (node.read && rw !== 1) {
      const c = await node.read(cred)
      content = typeof c === 'string' ? encoder.encode(c) : c
    }
    const write = node.write
    return contentHandle(content, path, write && ((data) => write(decoder.decode(data), cred)))
  }

  /** Nothing new can be made here, but creating an existing file opens it (`echo x > /proc/n/note`). */
  async create(path: string, perm: number, mode: number, cred: Cred): Promise<Handle> {
    const parent = this.nodeAt(path.slice(0, path.lastIndexOf('/')) || '/', cred)
    if (isFile(parent)) throw new NineError('ENOTDIR', path)
    const entries = typeof parent === 'function' ? parent(cred) : parent
    const name = path.slice(path.lastIndexOf('/') + 1)
    const existing = Object.hasOwn(entries, name) ? entries[name] : undefined
    if (existing === undefined) throw new NineError('EPERM', path)
    if (!isFile(existing) || perm & DMDIR || mode & OEXCL) throw new NineError('EEXIST', path)
    return this.open(path, mode, cred)
  }

  async remove(path: string, cred: Cred): Promise<void> {
    this.nodeAt(path, cred)
    throw new NineError('EPERM', path)
  }

  async wstat(path: string, _changes: DirChanges, cred: Cred): Promise<void> {
    this.nodeAt(path, cred)
    throw new NineError('EPERM', path)
  }
}

/**
 * A device file's stat, as Plan 9's devdir: version 0, one time for access and change, the
 * owner's name as muid; a DMDIR permission makes it a directory.
 */
export function devdir(name: string, qidPath: number, perm: number, time: number, uid: string, gid = uid, length = 0): Dir {
  const isDir = (perm & DMDIR) !== 0
  return { name, qid: { type: isDir ? QTDIR : QTFILE, version: 0, path: qidPath }, mode: perm >>> 0, length, atime: time, mtime: time, uid, gid, muid: uid }
}

/** A handle on contents fixed at open; writes go to `write`, or without one are refused. */
export function contentHandle(content: Uint8Array, path: string, write?: (data: Uint8Array) => void | Promise<void>): Handle {
  return {
    read: async (offset, count) => (offset >= content.length ? EMPTY : content.subarray(offset, offset + count)),
    write: async (_offset, data) => {
      if (!write) throw new NineError('EPERM', path)
      await write(data)
      return data.length
    },
    close() {},
  }
}

/** A stable qid path for a synthetic file: FNV-1a of its path, kept within safe integers. */
function qidPath(path: string): number {
  let h = 0x811c9dc5
  let h2 = 0
  for (let i = 0; i < path.length; i++) {
    h ^= path.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
    h2 = (h2 * 31 + path.charCodeAt(i)) & 0x1fffff
  }
  return h2 * 0x100000000 + h
}
