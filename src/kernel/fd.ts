/**
 * Descriptors. An OpenFile is one open of a file (its handle and offset), shared by every
 * descriptor that dup or fork made from it; the handle closes when the last one goes.
 */
import { NineError } from './errors.ts'
import type { Chan } from './namespace.ts'
import { ORDWR, OWRITE, type Handle } from './types.ts'

/** A handle that is a terminal: the console device marks its handles with this. */
export interface TtyHandle extends Handle {
  readonly tty: true
}

export class OpenFile {
  refs = 1
  offset = 0

  constructor(
    readonly handle: Handle,
    readonly mode: number,
    /** The name it was opened by, for /proc/<pid>/fd. */
    readonly name: string,
    /** The file itself, for seeks from its end and names opened in it (openat); absent for pipes. */
    readonly chan?: Chan,
    /** Opened as a union directory: a name in it is looked up in every member, by its path. */
    readonly union = false,
  ) {}

  async read(count: number, signal: AbortSignal, into?: Uint8Array): Promise<Uint8Array> {
    if ((this.mode & 3) === OWRITE) throw new NineError('EBADUSE', this.name)
    const data = await this.handle.read(this.offset, count, signal, into)
    this.offset += data.length
    return data
  }

  /** Reads at once where the handle can (`Handle.readNow`); undefined where it cannot. */
  readNow(count: number, into?: Uint8Array): Uint8Array | undefined {
    const handle = this.handle
    if (handle.readNow === undefined) return undefined
    if ((this.mode & 3) === OWRITE) throw new NineError('EBADUSE', this.name)
    const data = handle.readNow(this.offset, count, into)
    this.offset += data.length
    return data
  }

  async write(data: Uint8Array, signal: AbortSignal): Promise<number> {
    // The open checked permission for its mode only: a descriptor opened to read cannot write.
    if ((this.mode & 3) !== OWRITE && (this.mode & 3) !== ORDWR) throw new NineError('EBADUSE', this.name)
    const n = await this.handle.write(this.offset, data, signal)
    this.offset += n
    return n
  }

  /** Writes at once where the handle can (`Handle.writeNow`); undefined where it cannot. */
  writeNow(data: Uint8Array): number | undefined {
    const handle = this.handle
    if (handle.writeNow === undefined) return undefined
    if ((this.mode & 3) !== OWRITE && (this.mode & 3) !== ORDWR) throw new NineError('EBADUSE', this.name)
    const n = handle.writeNow(this.offset, data)
    if (n !== undefined) this.offset += n
    return n
  }

  get isTTY(): boolean {
    return (this.handle as Partial<TtyHandle>).tty === true
  }

  /** Drops one reference; the last closes the handle (a promise only if its close waits). */
  release(): void | Promise<void> {
    if (--this.refs === 0) return this.handle.close()
  }
}

export class FdTable {
  private files: (OpenFile | undefined)[]
  /** Descriptor numbers stay below this: the process's `fds` limit. */
  max = MAX_FDS

  constructor(files: (OpenFile | undefined)[] = []) {
    this.files = files
  }

  /**
   * A table sharing `picks` (distinct descriptors, each file counted once more here). The array is
   * sized at once: grown a descriptor at a time it would keep room for 17, per process.
   */
  static of(picks: readonly (readonly [fd: number, file: OpenFile])[]): FdTable {
    let size = 0
    for (const [fd] of picks) size = Math.max(size, checkFd(fd) + 1)
    const files = new Array<OpenFile | undefined>(size)
    for (const [fd, file] of picks) {
      file.refs++
      files[fd] = file
    }
    return new FdTable(files)
  }

  /** A table sharing `files` as descriptors 0, 1, 2, … (each file counted once more here). */
  static numbering(files: readonly OpenFile[]): FdTable {
    if (files.length > 0) checkFd(files.length - 1)
    for (const f of files) f.refs++
    return new FdTable(files.slice())
  }

  /** A copy sharing the same OpenFiles (RFFDG). */
  copy(): FdTable {
    for (const f of this.files) if (f) f.refs++
    const table = new FdTable(this.files.slice())
    table.max = this.max
    return table
  }

  get(fd: number): OpenFile {
    const f = this.files[fd]
    if (f === undefined) throw new NineError('EBADF', String(fd))
    return f
  }

  has(fd: number): boolean {
    return this.files[fd] !== undefined
  }

  /** Installs `file` at the lowest free descriptor. */
  add(file: OpenFile): number {
    let fd = 0
    while (this.files[fd] !== undefined) fd++
    if (fd >= this.max) throw new NineError('ENOFD', file.name)
    this.files[fd] = file
    return fd
  }

  /** Installs `file` (already counted) at `fd`, releasing what was there. */
  async set(fd: number, file: OpenFile): Promise<void> {
    if (checkFd(fd) >= this.max) throw new NineError('EBADF', String(fd))
    const old = this.files[fd]
    this.files[fd] = file
    if (old) await old.release()
  }

  /** Closes a descriptor (a promise only if its handle's close waits). */
  close(fd: number): void | Promise<void> {
    const f = this.get(fd)
    this.files[fd] = undefined
    return f.release()
  }

  /** Closes every descriptor, one after another; a failed close is closed all the same. */
  closeAll(): Promise<void> {
    const files = this.files
    this.files = []
    return releaseFrom(files, 0)
  }

  /** Descriptor numbers in use, with their files (for /proc/<pid>/fd). */
  entries(): [number, OpenFile][] {
    const out: [number, OpenFile][] = []
    this.files.forEach((f, i) => f && out.push([i, f]))
    return out
  }
}

/** A promise already resolved, for calls that had nothing to wait for. */
export const DONE: Promise<void> = Promise.resolve()

/** Releases files[i…] in order, waiting only for the closes that wait. */
function releaseFrom(files: readonly (OpenFile | undefined)[], i: number): Promise<void> {
  for (; i < files.length; i++) {
    let closing: void | Promise<void>
    try {
      closing = files[i]?.release()
    } catch {
      continue
    }
    if (closing !== undefined) {
      const next = (): Promise<void> => releaseFrom(files, i + 1)
      return closing.then(next, next)
    }
  }
  return DONE
}

/** Descriptor numbers any table may hold: 0 to 1023. */
const MAX_FDS = 1024

function checkFd(fd: number): number {
  if (!Number.isInteger(fd) || fd < 0 || fd >= MAX_FDS) throw new NineError('EBADF', String(fd))
  return fd
}
