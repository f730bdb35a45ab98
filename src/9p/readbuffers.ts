/**
 * The buffers a server connection lends to file reads: a handle that copies its data out
 * (memfs) copies into one, and the reply's data goes to the transport uncopied; the buffer comes
 * back once the transport has sent it. A fresh buffer of 512 KiB a read cost more than the read:
 * the C library gives freed ones back to the system, and every page of the next is faulted in.
 */

/** Reads shorter than this are not lent a buffer: their data is copied into the outbox anyway. */
export const LEND_FROM = 4096
/** Buffers kept for reuse, at most (two 512 KiB reads of a 1 MiB read in flight, and room). */
const KEEP = 4

export class ReadBuffers {
  private readonly free: Uint8Array[] = []

  /** A buffer of at least `size` bytes: a kept one if it is long enough, else a new one. */
  take(size: number): Uint8Array {
    const kept = this.free.pop()
    return kept !== undefined && kept.length >= size ? kept : new Uint8Array(size)
  }

  /** `buffer` is free again (nothing will read or write it). */
  give(buffer: Uint8Array): void {
    if (this.free.length < KEEP) this.free.push(buffer)
  }
}
