/**
 * The console when no person is typing: /dev/cons reads the host's standard input as it arrives
 * and writes to the host's standard output. A script piped into ninefold can be handed over a
 * line at a time, as a terminal would, so commands in the script that read standard input get
 * the lines after their own instead of what the shell would have read ahead.
 */
import type { Readable } from 'node:stream'
import { NineError } from '../kernel/errors.ts'
import type { Console } from '../kernel/fileservers/devfs.ts'
import type { HostOutput } from './output.ts'

const EMPTY: Uint8Array = new Uint8Array(0)
const NL = 10

export class StreamConsole implements Console {
  readonly interactive = false
  foreground = 0
  /** Input taken from the host stream but not yet read. */
  private pending = EMPTY

  constructor(
    private readonly input: Readable,
    private readonly output: HostOutput,
    private readonly lineAtATime: boolean,
  ) {}

  async read(count: number, signal?: AbortSignal): Promise<Uint8Array> {
    while (this.pending.length === 0) {
      const chunk = await this.next(signal)
      if (chunk === null) return EMPTY
      // another reader may have left input behind while this one waited
      this.pending = this.pending.length === 0 ? chunk : concat(this.pending, chunk)
    }
    let n = Math.min(count, this.pending.length)
    if (this.lineAtATime) {
      const nl = this.pending.subarray(0, n).indexOf(NL)
      if (nl >= 0) n = nl + 1
    }
    const out = this.pending.subarray(0, n)
    this.pending = this.pending.subarray(n)
    return out
  }

  write(data: Uint8Array): void | Promise<void> {
    return this.output.write(data)
  }

  /** The next chunk of host input; null at its end. */
  private next(signal: AbortSignal | undefined): Promise<Uint8Array | null> {
    const input = this.input
    const now = this.take()
    if (now !== null) return Promise.resolve(now)
    if (input.readableEnded || input.destroyed) return Promise.resolve(null)
    if (signal?.aborted) return Promise.reject(new NineError('EEXITED'))
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        input.off('readable', onReadable)
        input.off('end', onEnd)
        input.off('error', onEnd)
        input.off('close', onEnd)
        signal?.removeEventListener('abort', onAbort)
      }
      const onReadable = (): void => {
        const chunk = this.take()
        if (chunk === null) return
        settle()
        resolve(chunk)
      }
      // an input error (a closed descriptor) reads as the end of input
      const onEnd = (): void => {
        settle()
        resolve(null)
      }
      const onAbort = (): void => {
        settle()
        reject(new NineError('EEXITED'))
      }
      input.on('readable', onReadable)
      input.on('end', onEnd)
      input.on('error', onEnd)
      input.on('close', onEnd)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** What the host stream has buffered, as a plain Uint8Array view (no copy). */
  private take(): Uint8Array | null {
    const chunk: unknown = this.input.read()
    if (chunk === null) return null
    if (typeof chunk === 'string') return new TextEncoder().encode(chunk)
    const bytes = chunk as Uint8Array
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}
