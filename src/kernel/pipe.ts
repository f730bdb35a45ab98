/**
 * Pipes: a bounded buffer between a write end and a read end. A writer waits while the buffer
 * is over its capacity (backpressure); a reader waits while it is empty. Chunks are passed by
 * reference. Writing with no reader left fails with `write on closed pipe`, which the kernel
 * turns into SIGPIPE.
 *
 * A pipe may lend its writer blocks to fill and take them back from its reader (`lending.ts`,
 * loaded with the commands that ask for blocks, so that a page's first screen carries none of it).
 */
import { NineError } from './errors.ts'
import type { Handle } from './types.ts'

const EMPTY = new Uint8Array(0)
export const PIPE_CAPACITY = 256 * 1024

export interface Lender {
  /** A block of at least `least` bytes for `pipe`'s writer to fill and write there once. */
  lend(pipe: Pipe, least: number): Uint8Array
  /** Copies `chunk` into `into` and takes its block back if `pipe` lent it and it fits; whether it did. */
  takeBack(pipe: Pipe, chunk: Uint8Array, into: Uint8Array): boolean
}

let lender: Lender | undefined

export function installLender(installed: Lender): void {
  lender = installed
}

interface Waiter {
  resolve(): void
  reject(e: unknown): void
}

interface ReadWaiter extends Waiter {
  readonly signal: AbortSignal | undefined
}

export class Pipe {
  private chunks: Uint8Array[] = []
  private head = 0
  private buffered = 0
  /** Each end is one Handle; descriptors sharing it are counted by the fd layer. */
  private readOpen = true
  private writeOpen = true
  /** Readers waiting for input: a write or the write end's close wakes them all, to look again. */
  private readWaiters: ReadWaiter[] = []
  private writeWaiters: Waiter[] = []
  /**
   * The signals of readers that have waited, each listened to from its reader's first wait until it
   * fires or the read end closes: a reader that waits once a chunk adds no listener each time.
   */
  private readSignals: AbortSignal[] = []

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
    writeNow: (_offset, data) => this.writeNow(data),
    buffer: (least) => lender?.lend(this, least) ?? new Uint8Array(least),
    close: () => this.closeWrite(),
  }

  async read(count: number, signal?: AbortSignal, into?: Uint8Array): Promise<Uint8Array> {
    while (this.buffered === 0) {
      if (!this.writeOpen) return EMPTY
      await this.waitToRead(signal)
    }
    const first = this.chunks[this.head]!
    let out: Uint8Array
    if (into !== undefined && first.length <= count && lender?.takeBack(this, first, into) === true) {
      out = into.subarray(0, first.length)
      this.dropFirst()
    } else if (first.length <= count) {
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

  async write(data: Uint8Array, signal?: AbortSignal): Promise<number> {
    this.put(data)
    while (this.buffered > PIPE_CAPACITY) {
      await this.waitToWrite(signal)
      if (!this.readOpen) throw new NineError('EPIPE')
    }
    return data.length
  }

  /** A write that fits in the pipe, done at once; undefined where it would wait for room (write waits). */
  private writeNow(data: Uint8Array): number | undefined {
    if (this.readOpen && this.buffered + data.length > PIPE_CAPACITY) return undefined
    this.put(data)
    return data.length
  }

  /** Queues `data` for the reader and wakes it. */
  private put(data: Uint8Array): void {
    if (!this.readOpen) throw new NineError('EPIPE')
    if (data.length === 0) return
    this.chunks.push(data)
    this.buffered += data.length
    this.wakeReaders()
  }

  private wakeReaders(): void {
    const ws = this.readWaiters
    if (ws.length === 0) return
    this.readWaiters = []
    for (const w of ws) w.resolve()
  }

  // Several readers wait side by side (two processes reading one pipe): none wakes another, which
  // would have them wake each other for ever without the host getting a turn.
  private waitToRead(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new NineError('EEXITED'))
    if (signal !== undefined && !this.readSignals.includes(signal)) {
      this.readSignals.push(signal)
      signal.addEventListener('abort', this.readAborted, { once: true })
    }
    return new Promise<void>((resolve, reject) => this.readWaiters.push({ resolve, reject, signal }))
  }

  private readonly readAborted = (event: Event): void => {
    const fired = event.target
    this.readSignals = this.readSignals.filter((s) => s !== fired)
    const ended = this.readWaiters.filter((w) => w.signal === fired)
    this.readWaiters = this.readWaiters.filter((w) => w.signal !== fired)
    for (const w of ended) w.reject(new NineError('EEXITED'))
  }

  private waitToWrite(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new NineError('EEXITED'))
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.writeWaiters = this.writeWaiters.filter((w) => w !== waiter)
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
      this.writeWaiters.push(waiter)
    })
  }

  private wakeWriters(): void {
    if (this.writeWaiters.length === 0) return
    const ws = this.writeWaiters
    this.writeWaiters = []
    for (const w of ws) w.resolve()
  }

  private closeRead(): void {
    for (const s of this.readSignals) s.removeEventListener('abort', this.readAborted)
    this.readSignals = []
    this.readOpen = false
    this.chunks = []
    this.head = 0
    this.buffered = 0
    this.wakeWriters()
  }

  private closeWrite(): void {
    this.writeOpen = false
    this.wakeReaders()
  }
}
