/**
 * What the file commands share: streaming a descriptor in chunks, copying and removing trees,
 * walking a tree, and joining paths the way the user wrote them.
 */
import { isNineError } from '../../kernel/errors.ts'
import { joinName } from '../../kernel/path.ts'
import { DMDIR, OREAD, OWRITE, PERM_MASK, QTDIR, type Dir, type Listing, type ProcContext } from '../../kernel/types.ts'

/** Read size for streaming: large enough to amortise a system call, small enough to stay cheap. */
export const CHUNK = 65536

export const isDir = (d: Dir): boolean => (d.mode & DMDIR) !== 0

/**
 * Whether a Dir is a directory, asked of its qid's type: what the walkers ask of every listed
 * entry, which a listing can answer without a stat of the entry (a host directory's makes none).
 */
export const isDirEntry = (d: Dir): boolean => (d.qid.type & QTDIR) !== 0

/** The allocation unit of Linux's usual filesystem (ext4), in KiB. */
const BLOCK_KIB = 4

/** The space a file takes as ext4 allocates it, so du and find -printf %k agree with GNU's there: its length in whole 4 KiB blocks, a directory one. */
export const usedKiB = (dir: Dir): number => (isDir(dir) ? BLOCK_KIB : Math.ceil(dir.length / (BLOCK_KIB * 1024)) * BLOCK_KIB)

/** `dir/name` as the user wrote `dir`: no doubled slash, no cleaning. */
export function childPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : dir + '/' + name
}

/** The last element of a path as written (`a/b/` → `b`). */
export function lastElement(path: string): string {
  let end = path.length
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--
  if (end === 0) return '/'
  return path.slice(path.lastIndexOf('/', end - 1) + 1, end)
}

/** Reads `fd` to its end, handing each chunk to `each` as it arrives. */
export async function pump(proc: ProcContext, fd: number, each: (chunk: Uint8Array) => unknown): Promise<void> {
  for (;;) {
    const chunk = await proc.read(fd, CHUNK)
    if (chunk.length === 0) return
    await each(chunk)
  }
}

/**
 * POSIX's rule for a command that stops before the end of a seekable input: it leaves the
 * offset just past the last byte it used, so the next command sharing the descriptor reads on
 * from there (`(head -n 1; sort) < file`). `unread` bytes of what was read go back; a stream
 * cannot take them back, and keeps its offset as on Unix.
 */
export async function giveBack(proc: ProcContext, fd: number, unread: number): Promise<void> {
  if (unread <= 0) return
  try {
    await proc.seek(fd, -unread, 1)
  } catch {
    // a pipe or console: what was read is gone
  }
}

/** The buffer lent to a stream's reads: a pipe copies the blocks it lent its writer into it. */
const STREAM_BUFFER = 128 * 1024

/**
 * Reads of a large input in large pieces (a read is an await and a kernel call; the loops of
 * tr, grep and wc are cheap per byte), without a new array a read: a buffer of `size` is lent to
 * the reads once one fills it, or a smaller one from the second read with data on (a stream: a
 * pipe copies the blocks it lent its writer into it, and lends them again; only the part of a
 * buffer that is written to costs memory, so it is not larger than a pipe's usual block).
 */
export class BlockReader {
  private buffer: Uint8Array | undefined
  private hadData = false

  constructor(
    private readonly proc: ProcContext,
    private readonly fd: number,
    private readonly size = 1 << 20,
  ) {}

  /** The next read, empty at the end; it may be the lent buffer, so it is valid until the next call. */
  async next(): Promise<Uint8Array> {
    const chunk = await this.proc.read(this.fd, this.size, this.buffer)
    if (this.buffer === undefined) {
      if (chunk.length === this.size) this.buffer = new Uint8Array(this.size)
      else if (this.hadData && chunk.length > 0) this.buffer = new Uint8Array(Math.min(this.size, STREAM_BUFFER))
      this.hadData = chunk.length > 0
    }
    return chunk
  }
}

/** Stats a path, or undefined when it does not exist (other errors are thrown). */
export async function statOrUndefined(proc: ProcContext, path: string): Promise<Dir | undefined> {
  try {
    return await proc.stat(path)
  } catch (e) {
    if (isNineError(e, 'ENOENT')) return undefined
    throw e
  }
}

/** Copies a file's bytes into `dst`, created with `perm` or truncated if it exists. */
export async function copyFile(proc: ProcContext, src: string, dst: string, perm: number): Promise<void> {
  const from = await proc.open(src, OREAD)
  try {
    const to = await proc.create(dst, perm & PERM_MASK, OWRITE)
    try {
      await pump(proc, from, (chunk) => proc.write(to, chunk))
    } finally {
      await proc.close(to).catch(() => {})
    }
  } finally {
    await proc.close(from).catch(() => {})
  }
}

/** Reports a failure about one path; the walkers go on after it. */
export type Report = (path: string, err: unknown) => Promise<void>

export interface CopyOptions {
  /** Keep the mode and times of the source (cp -p, mv). */
  preserve: boolean
  report: Report
  /** Told of each file copied and each directory made (cp -v). */
  copied?: (src: string, dst: string) => Promise<void>
}

/**
 * Copies `src` (whose stat is `dir`) to `dst`, recursively for a directory. An existing
 * directory at `dst` receives the entries. Returns false if anything failed (already reported).
 */
export async function copyTree(proc: ProcContext, src: string, dst: string, dir: Dir, options: CopyOptions): Promise<boolean> {
  try {
    if (!isDir(dir)) {
      await copyFile(proc, src, dst, dir.mode)
      if (options.preserve) await proc.wstat(dst, { mode: dir.mode & ~DMDIR, mtime: dir.mtime, atime: dir.atime })
      await options.copied?.(src, dst)
      return true
    }
    const existing = await statOrUndefined(proc, dst)
    if (existing === undefined) {
      await proc.mkdir(dst, (dir.mode & PERM_MASK) | 0o700)
      await options.copied?.(src, dst)
    } else if (!isDir(existing)) throw new Error('cannot overwrite non-directory with directory')
    let ok = true
    let entries: Dir[]
    try {
      entries = await proc.readdir(src)
    } catch (e) {
      await options.report(src, e)
      return false
    }
    for (const entry of entries) {
      if (!(await copyTree(proc, childPath(src, entry.name), childPath(dst, entry.name), entry, options))) ok = false
    }
    if (existing === undefined && (options.preserve || (dir.mode & 0o700) !== 0o700)) {
      await proc.wstat(dst, options.preserve ? { mode: dir.mode, mtime: dir.mtime, atime: dir.atime } : { mode: dir.mode })
    }
    return ok
  } catch (e) {
    // an unreadable source is named, not the target it was to be copied to
    await options.report(isNineError(e) && e.path !== undefined ? e.path : dst, e)
    return false
  }
}

/** Removes `path` (whose stat is `dir`) and, for a directory, everything under it. */
export async function removeTree(proc: ProcContext, path: string, dir: Dir, report: Report, removed?: (path: string, dir: Dir) => Promise<void>): Promise<boolean> {
  if (isDir(dir)) {
    let entries: Dir[]
    try {
      entries = await proc.readdir(path)
    } catch (e) {
      await report(path, e)
      return false
    }
    let ok = true
    for (const entry of entries) if (!(await removeTree(proc, childPath(path, entry.name), entry, report, removed))) ok = false
    if (!ok) return false
  }
  try {
    await proc.remove(path)
  } catch (e) {
    await report(path, e)
    return false
  }
  await removed?.(path, dir)
  return true
}

/** How walkTree orders a directory and its contents, and how deep it goes below the start. */
export interface WalkOrder {
  contentsFirst: boolean
  maxDepth: number
}

const PARENTS_FIRST: WalkOrder = { contentsFirst: false, maxDepth: Infinity }

/** What a visit answers: false keeps the walk out of a directory (parents first); a promise when it had to wait. */
type Visited = boolean | void | Promise<boolean | void>

/** A directory walkTree is in (or a file it enters): its entries once listed, and the next one to visit. */
interface Frame {
  /** As the user wrote it, and its clean absolute form (listed by that: nothing to clean). */
  path: string
  abs: string
  dir: Dir
  depth: number
  entries: Dir[] | undefined
  /** Where the directory was listed at once, to list its subdirectories from (listEntryNow); and where the parent was. */
  listing: Listing | undefined
  parent: Listing | undefined
  next: number
}

/**
 * Told of each file: its path as the user would write it is `head + tail`. A file below the start
 * comes as its directory's path with the slash and its listed name, so a visitor that does not
 * need the path (find -name that does not match) makes no string; a directory comes whole as `head`.
 */
type Visitor = (head: string, tail: string, dir: Dir, depth: number) => Visited

/**
 * Visits `path` and everything under it in directory order, parents before children (or, with
 * `contentsFirst`, a directory after its contents, so a visit may remove it).
 * Parents first, `visit` returns false to keep out of a directory. Returns false if a directory could not be read.
 * The walk waits only where something must: a directory of an in-memory tree is listed at once
 * (readdirNow), and a visit that does not wait answers at once, so such a tree is walked in one
 * loop without a promise a directory or a file.
 */
export async function walkTree(proc: ProcContext, path: string, dir: Dir, visit: Visitor, report: Report, order: WalkOrder = PARENTS_FIRST): Promise<boolean> {
  let ok = true
  const stack: Frame[] = []
  // the file or directory to enter next, if any; else the walk goes on in the top of the stack
  let entering: Frame | undefined = { path, abs: proc.abs(path), dir, depth: 0, entries: undefined, listing: undefined, parent: undefined, next: 0 }
  for (;;) {
    if (entering !== undefined) {
      const at = entering
      entering = undefined
      if (!order.contentsFirst) {
        const v = visit(at.path, '', at.dir, at.depth)
        if ((v instanceof Promise ? await v : v) === false) continue
      }
      if (isDirEntry(at.dir) && at.depth < order.maxDepth) {
        // from the directory listed before (no walk from the root), else by the path
        at.listing = (at.parent !== undefined ? proc.listEntryNow(at.parent, at.dir.name) : undefined) ?? proc.listNow(at.abs)
        at.entries = at.listing?.entries
        if (at.entries === undefined) {
          try {
            at.entries = await proc.readdir(at.path)
          } catch (e) {
            await report(at.path, e)
            ok = false
          }
        }
      }
      stack.push(at)
    }
    const top = stack[stack.length - 1]
    if (top === undefined) return ok
    if (top.entries !== undefined && top.next < top.entries.length) {
      const stop = visitEntries(top, visit)
      if (stop instanceof Promise) await stop
      else if (stop !== undefined) entering = stop
      continue
    }
    stack.pop()
    if (order.contentsFirst) {
      const v = visit(top.path, '', top.dir, top.depth)
      if (v instanceof Promise) await v
    }
  }
}

/**
 * Visits the files of `top` from its next entry on, up to the first directory (its frame is
 * returned, to be entered) or the first visit that waits (its promise is returned). Synchronous
 * and small, apart from walkTree: V8 replaces a loop's code while it runs only in a function that
 * is not async, and compiles a small function sooner, so a walk's first runs are not all interpreted.
 */
function visitEntries(top: Frame, visit: Visitor): Frame | Promise<Visited> | undefined {
  const entries = top.entries!
  const prefix = top.path.endsWith('/') ? top.path : top.path + '/'
  const depth = top.depth + 1
  while (top.next < entries.length) {
    const entry = entries[top.next++]!
    // isDirEntry, written out: a call an entry is a cost before the JIT has run
    if ((entry.qid.type & QTDIR) !== 0) return { path: prefix + entry.name, abs: joinName(top.abs, entry.name), dir: entry, depth, entries: undefined, listing: undefined, parent: top.listing, next: 0 }
    // a file has no contents: visited here, in either order, without a frame of its own
    const v = visit(prefix, entry.name, entry, depth)
    if (v instanceof Promise) return v
  }
  return undefined
}

/** Makes `path` and any missing directory above it (mkdir -p). */
export async function makeDirs(proc: ProcContext, path: string): Promise<void> {
  let at = ''
  for (const part of path.split('/')) {
    at = at === '' ? (part === '' ? '/' : part) : at.endsWith('/') ? at + part : `${at}/${part}`
    if (part === '' || part === '.') continue
    if ((await statOrUndefined(proc, at)) === undefined) await proc.mkdir(at, 0o777)
  }
}
