/**
 * A host output stream (stdout, stderr) as the kernel writes to it: writes wait only when the
 * stream pushes back, and once the reader has gone (EPIPE, a closed terminal) every write fails
 * with `write on closed pipe`, so the writing process gets SIGPIPE as on Unix.
 */
import type { Writable } from 'node:stream'
import { NineError } from '../kernel/errors.ts'

export class HostOutput {
  private broken = false

  constructor(private readonly stream: Writable) {
    stream.on('error', () => {
      this.broken = true
    })
  }

  write(data: Uint8Array | string): void | Promise<void> {
    if (this.broken) throw new NineError('EPIPE')
    if (this.stream.write(data)) return
    return this.drained()
  }

  /** Resolves once everything written so far has reached the host (before the process exits). */
  flush(): Promise<void> {
    return this.broken || this.stream.writableLength === 0 ? Promise.resolve() : this.drained()
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done)
        this.stream.off('error', done)
        this.stream.off('close', done)
        resolve()
      }
      this.stream.on('drain', done)
      this.stream.on('error', done)
      this.stream.on('close', done)
    })
  }
}
