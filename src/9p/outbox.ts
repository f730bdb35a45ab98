/**
 * A connection's outgoing messages. Each is encoded straight after the previous one into a
 * shared buffer, and what has gathered goes to the transport in one write once the promise
 * reactions queued so far have run: a batch of requests or replies costs one write, and no
 * buffer of its own per message. Long data (an Rread, Twrite or Rreaddir of 4 KiB or more) goes
 * to the transport apart from its header, uncopied; its sender may ask to be told when the
 * transport is done with it (a buffer to use again).
 *
 * Bytes handed to the transport are never written again (the transport may keep them until
 * sent): a buffer that fills is left to them, and encoding goes on in a new one.
 */
import { encodeInto, Writer, type Dialect, type Msg } from './codec.ts'
import type { Transport } from './transport.ts'

/** The size of each shared buffer. */
const POOL = 64 * 1024
/** A buffer with less room than this left is replaced before a message is encoded in it. */
const ROOM = 4096
/** Data at least this long goes to the transport apart from its header, not copied into the buffer. */
const APART = 4096

export class Outbox {
  dialect: Dialect = '9P2000'
  private w = new Writer(POOL)
  /** Where the bytes not yet handed to the transport begin in `w`. */
  private start = 0
  /** What is ready to go, in order: parts of `w` and long data. */
  private readonly parts: Uint8Array[] = []
  /** Each part's `sent` callback (long data whose sender asked), by index in `parts`. */
  private readonly sents: ((() => void) | undefined)[] = []
  private scheduled = false
  private readonly flushed = (): void => this.flush()

  constructor(private readonly transport: Transport) {}

  /**
   * Queues a message; a RangeError (a message built wrongly, see `encode`) queues nothing.
   * `sent` is called once its data is no longer needed: at once when the data was copied into
   * the buffer, else when the transport says so (perhaps never).
   */
  send(msg: Msg, sent?: () => void): void {
    if (this.w.buf.length - this.w.pos < ROOM) {
      this.cut()
      this.w = new Writer(POOL)
      this.start = 0
    }
    const apart = encodeInto(this.w, msg, this.dialect, APART)
    if (apart !== undefined) {
      this.cut()
      this.parts.push(apart)
      this.sents.push(sent)
    } else sent?.()
    if (!this.scheduled) {
      this.scheduled = true
      queueMicrotask(this.flushed)
    }
  }

  /** Hands everything queued to the transport now. */
  flush(): void {
    this.scheduled = false
    this.cut()
    for (let i = 0; i < this.parts.length; i++) this.transport.write(this.parts[i]!, this.sents[i])
    this.parts.length = 0
    this.sents.length = 0
  }

  /** Ends the current part of `w` where encoding has got to. */
  private cut(): void {
    if (this.w.pos === this.start) return
    this.parts.push(this.w.buf.subarray(this.start, this.w.pos))
    this.sents.push(undefined)
    this.start = this.w.pos
  }
}
