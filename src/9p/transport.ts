/**
 * A byte transport: what 9P runs over. TCP, Unix sockets and WebSockets (src/node, src/web)
 * and the in-process pipe below all look like this, so the server and the client never know
 * which one they have.
 */
export interface Transport {
  /**
   * Starts delivery: `data` gets every chunk in order, to keep (the transport does not reuse
   * it); `closed` is called once, when either side hangs up.
   *
   * A receiver that gives `wanted` lets the transport read straight into memory: before each read
   * the transport may ask where the next bytes are wanted, read into that, and deliver a view of
   * it; where nothing is wanted it may read into a buffer of its own that it lends (`lent`: the
   * chunk is valid only during the call, and what is kept of it must be copied).
   */
  start(data: (chunk: Uint8Array, lent?: boolean) => void, closed: () => void, wanted?: () => Uint8Array | undefined): void
  /**
   * Sends bytes; the transport may keep `bytes` until sent (do not change them). Ignored once
   * closed. `sent`, if given, is called once the transport is done with `bytes` (they may be
   * changed then) if `tellsSent`; other transports (the pipe below hands them to the peer to keep)
   * never call it.
   */
  write(bytes: Uint8Array, sent?: () => void): void
  /** `write` calls `sent` once done with the bytes (unless the connection fails first). */
  readonly tellsSent?: boolean
  /** Hangs up; the peer's `closed` follows. */
  close(): void
}

/**
 * Two connected in-process transports (two systems in one heap, tests). Chunks are delivered
 * asynchronously, in order, so neither side re-enters the other's handler.
 */
export function pipeTransports(): [Transport, Transport] {
  const a = new PipeEnd()
  const b = new PipeEnd()
  a.peer = b
  b.peer = a
  return [a, b]
}

class PipeEnd implements Transport {
  peer!: PipeEnd
  private onData: ((chunk: Uint8Array) => void) | undefined
  private onClosed: (() => void) | undefined
  private queue: Uint8Array[] = []
  private closed = false
  private scheduled = false

  start(data: (chunk: Uint8Array) => void, closed: () => void): void {
    this.onData = data
    this.onClosed = closed
    this.schedule()
  }

  write(bytes: Uint8Array): void {
    if (this.closed) return
    this.peer.queue.push(bytes)
    this.peer.schedule()
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.schedule()
    this.peer.close()
  }

  private schedule(): void {
    if (this.scheduled || this.onData === undefined) return
    this.scheduled = true
    queueMicrotask(() => this.deliver())
  }

  private deliver(): void {
    this.scheduled = false
    const queue = this.queue
    this.queue = []
    for (const chunk of queue) this.onData!(chunk)
    if (this.closed && this.onClosed !== undefined) {
      const closed = this.onClosed
      this.onClosed = undefined
      this.onData = () => {}
      closed()
    }
  }
}
