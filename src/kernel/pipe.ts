/**
 * Pipes: a bounded buffer between a write end and a read end. A writer waits while the buffer
 * is over its capacity (backpressure); a reader waits while it is empty. Chunks are passed by
 * reference. Writing with no reader left fails with `write on closed pipe`, which the kernel
 * turns into SIGPIPE.
 *
 * Blocks the pipe lends a writer (`writeEnd.buffer`) come back: a reader that lends a buffer of
 * its own (`into`) gets their bytes copied into it, and a block so emptied is lent again to the
 * writer that had it; another writer gets it zeroed, from the pool all pipes share, once this pipe
 * has more than it uses or its writers are gone. A writer that wrote a new block each time (seq,
 * ByteOutput) would take fresh memory for every block until the garbage collector frees the old
 * ones, and the first touch of each page of it is a page fault: about 1,700 of them, 20 ms on a
 * VM, for the 7 MB of `seq 1 1000000`. Chunks of other memory (a file's bytes) still pass by
 * reference.
 */
import { BlockPool } from './blockpool.ts'
import { NineError } from './errors.ts'
import type { Handle } from './types.ts'

const EMPTY = new Uint8Array(0)
export const PIPE_CAPACITY = 256 * 1024
/** Emptied blocks a pipe keeps for its writers (the latest): more than its capacity holds in 64 KB blocks. */
const SPARE_BLOCKS = 8

interface Loan {
  /** Only this pipe takes the block back... */
  pipe: Pipe
  /** ...and lends it again only to this writer. */
  writer: object
}

const loans = new WeakMap<ArrayBufferLike, Loan>()
/** Blocks the pipes of this heap no longer need: enough for a few pipelines' worth. */
const pool = new BlockPool(4 << 20)

interface Waiter {
  resolve(): void
  reject(e: unknown): void
}

export class Pipe {
  private chunks: Uint8Array[] = []
  private head = 0
  private buffered = 0
  /** Each end is one Handle; descriptors sharing it are counted by the fd layer. */
  private readOpen = true
  private writeOpen = true
  private readWaiter: Waiter | undefined
  private writeWaiters: Waiter[] = []
  /** Lent blocks whose bytes were all copied out, for the next `buffer`. */
  private spare: Uint8Array[] = []

  readonly readEnd: Handle = {
    read: (_offset, count, signal, into) => this.read(count, signal, into),
    write: async () => {
      throw new NineError('EBADUSE')
    },
    close: () => this.closeRead(),
  }

  readonly writeEnd: Handle = {
    read: async () => {
      throw new NineError('EBADUSE')
    },
    write: (_offset, data, signal) => this.write(data, signal),
    buffer: (least, writer) => this.buffer(least, writer),
    close: () => this.closeWrite(),
  }

  async read(count: number, signal?: AbortSignal, into?: Uint8Array): Promise<Uint8Array> {
    while (this.buffered === 0) {
      if (!this.writeOpen) return EMPTY
      await this.wait('read', signal)
    }
    const first = this.chunks[this.head]!
    let out: Uint8Array
    if (into !== undefined && into.length > 0 && count > 0 && loans.get(first.buffer)?.pipe === this) out = this.copyOut(into, Math.min(count, into.length))
    else if (first.length <= count) {
      out = first
      this.dropFirst()
    } else {
      out = first.subarray(0, count)
      this.chunks[this.head] = first.subarray(count)
    }
    this.buffered -= out.length
    if (this.buffered <= PIPE_CAPACITY) this.wakeWriters()
    return out
  }

  /**
   * Copies the buffered bytes of lent blocks into `into`, up to `max` of them, and keeps each
   * block so emptied for `buffer`.
   */
  private copyOut(into: Uint8Array, max: number): Uint8Array {
    let n = 0
    while (n < max && this.head < this.chunks.length) {
      const chunk = this.chunks[this.head]!
      if (loans.get(chunk.buffer)?.pipe !== this) break
      if (chunk.length > max - n) {
        into.set(chunk.subarray(0, max - n), n)
        this.chunks[this.head] = chunk.subarray(max - n)
        n = max
        break
      }
      into.set(chunk, n)
      n += chunk.length
      this.dropFirst()
      if (!this.queues(chunk.buffer) && this.spare.push(new Uint8Array(chunk.buffer)) > SPARE_BLOCKS) pool.give(this.spare.shift()!)
    }
    return into.subarray(0, n)
  }

  /** Whether bytes of `memory` are still to be read (a writer that wrote one block twice). */
  private queues(memory: ArrayBufferLike): boolean {
    for (let i = this.head; i < this.chunks.length; i++) if (this.chunks[i]!.buffer === memory) return true
    return false
  }

  private dropFirst(): void {
    this.chunks[this.head++] = EMPTY
    if (this.head === this.chunks.length) {
      this.chunks.length = 0
      this.head = 0
    } else if (this.head > 1024) {
      this.chunks = this.chunks.slice(this.head)
      this.head = 0
    }
  }

  /**
   * A block of at least `least` bytes for `writer` to fill and write here once, and not touch
   * after: one it had before and the reader has emptied when there is one, else one from the pool
   * (zeroed), else a new one.
   */
  buffer(least: number, writer: object): Uint8Array {
    const spare = this.spare
    for (let i = spare.length - 1; i >= 0; i--) {
      const block = spare[i]!
      if (block.length < least || loans.get(block.buffer)!.writer !== writer) continue
      spare[i] = spare[spare.length - 1]!
      spare.pop()
      return block
    }
    const block = pool.take(least) ?? new Uint8Array(least)
    loans.set(block.buffer, { pipe: this, writer })
    return block
  }

  /** Gives the blocks kept for writers to the pool: no writer will ask this pipe for them now. */
  private letSpareGo(): void {
    for (const block of this.spare) pool.give(block)
    this.spare = []
  }

  async write(data: Uint8Array, signal?: AbortSignal): Promise<number> {
    if (!this.readOpen) throw new NineError('EPIPE')
    if (data.length === 0) return 0
    this.chunks.push(data)
    this.buffered += data.length
    const r = this.readWaiter
    if (r !== undefined) {
      this.readWaiter = undefined
      r.resolve()
    }
    while (this.buffered > PIPE_CAPACITY) {
      await this.wait('write', signal)
      if (!this.readOpen) throw new NineError('EPIPE')
    }
    return data.length
  }

  private wait(kind: 'read' | 'write', signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new NineError('EEXITED'))
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        if (kind === 'read') {
          if (this.readWaiter === waiter) this.readWaiter = undefined
        } else this.writeWaiters = this.writeWaiters.filter((w) => w !== waiter)
        reject(new NineError('EEXITED'))
      }
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        reject,
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      if (kind === 'read') {
        // Two readers at once: the earlier one is woken to re-check and wait again.
        this.readWaiter?.resolve()
        this.readWaiter = waiter
      } else this.writeWaiters.push(waiter)
    })
  }

  private wakeWriters(): void {
    if (this.writeWaiters.length === 0) return
    const ws = this.writeWaiters
    this.writeWaiters = []
    for (const w of ws) w.resolve()
  }

  private closeRead(): void {
    this.readOpen = false
    this.chunks = []
    this.letSpareGo()
    this.head = 0
    this.buffered = 0
    this.wakeWriters()
  }

  private closeWrite(): void {
    this.writeOpen = false
    this.letSpareGo()
    const r = this.readWaiter
    this.readWaiter = undefined
    r?.resolve()
  }
}
