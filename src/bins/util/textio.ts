/**
 * Fast line I/O for the text filters (grep, sed, sort, uniq, cut, tr...): input arrives as
 * batches of whole lines (one batch per read), output gathers in a synchronous buffer that is
 * written out in large pieces. A filter then awaits once per read, never once per line.
 */
import { concatBytes } from '../../kernel/bytes.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { giveBack } from './files.ts'
import { Holding } from './holding.ts'
// pipes lend the blocks writeBuffer gives, and take them back
import '../../kernel/lending.ts'

const encoder = new TextEncoder()
/**
 * Shorter ranges are copied byte by byte: `set` of a subarray costs an allocation and a call,
 * which measured 5 to 7 times slower for 4 to 8 bytes, even at 16 and slower only from 32.
 */
const SHORT_COPY = 24

/** The lines of a descriptor (or records ending in another one-character separator), a batch per read. Iterate once. */
export class LineBatches implements AsyncIterable<string[]> {
  /** True once iteration has ended, if the last line had no newline. */
  unterminated = false
  /** For giveBack: the read that ended the last batch, the batch's length, and how many bytes of its first line came before that read. */
  private lastRead: Uint8Array = new Uint8Array(0)
  private batchLength = 0
  private before = 0
  /** Bytes read since the last separator. */
  private carried = 0

  /** Under watchNul: whether the first read had a NUL byte (set before the batch with its lines). */
  sawNul = false

  constructor(
    private readonly proc: ProcContext,
    private readonly fd: number,
    private readonly separator = '\n',
    private watchNul = false,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<string[]> {
    const dec = new TextDecoder()
    const line = new Holding(this.proc)
    let pending = ''
    try {
      for (;;) {
        const chunk = await this.proc.read(this.fd, 65536)
        if (chunk.length === 0) break
        if (this.watchNul) {
          this.sawNul = chunk.includes(0)
          this.watchNul = false
        }
        // only the new text is searched: a long line is not searched again at every read
        const read = dec.decode(chunk, { stream: true })
        const last = read.lastIndexOf(this.separator)
        if (last < 0) {
          pending += read
          line.set(pending.length)
          this.carried += chunk.length
          continue
        }
        const text = pending + read.slice(0, last)
        pending = read.slice(last + 1)
        line.set(pending.length)
        const batch = text.split(this.separator)
        this.ended(chunk, batch.length, chunk.length - 1 - chunk.lastIndexOf(this.separator.charCodeAt(0)))
        yield batch
      }
      pending += dec.decode()
      if (pending !== '') {
        this.unterminated = true
        this.ended(new Uint8Array(0), 1, 0)
        yield [pending]
      }
    } finally {
      line.set(0)
    }
  }

  private ended(read: Uint8Array, batchLength: number, carried: number): void {
    this.lastRead = read
    this.batchLength = batchLength
    this.before = this.carried
    this.carried = carried
  }

  /**
   * Gives back to the descriptor (see giveBack) the bytes of the last `unused` lines of the last
   * batch and everything read after them: for a command that stops early (sed's q, grep -m).
   * Only for a one-byte separator, whose byte is never part of a longer character.
   */
  async giveBack(unused: number): Promise<void> {
    const sep = this.separator.charCodeAt(0)
    if (unused <= 0 && this.carried === 0) return
    if (this.separator.length !== 1 || sep > 0x7f) return
    const read = this.lastRead
    // the used lines end at the separator before the unused ones; none used: at the batch's start
    let usedEnd = -this.before
    if (unused < this.batchLength) {
      let at = read.length
      for (let k = 0; k <= unused; k++) at = read.lastIndexOf(sep, at - 1)
      usedEnd = at + 1
    }
    await giveBack(this.proc, this.fd, read.length - usedEnd)
  }
}

/**
 * The lines of a descriptor one at a time, read a batch at a time: for commands that walk
 * several inputs side by side (paste, comm) as they arrive, never holding a whole input.
 */
export class LineCursor {
  private readonly batches: AsyncIterator<string[]>
  private batch: readonly string[] = []
  private at = 0

  constructor(proc: ProcContext, fd: number) {
    this.batches = new LineBatches(proc, fd)[Symbol.asyncIterator]()
  }

  /** The next line without its newline, or undefined at the end. */
  async next(): Promise<string | undefined> {
    while (this.at >= this.batch.length) {
      const r = await this.batches.next()
      if (r.done === true) return undefined
      this.batch = r.value
      this.at = 0
    }
    return this.batch[this.at++]
  }
}

/**
 * How much output a writer gathers before it writes: `usual`, unless stdbuf asked for line
 * buffering or none on this descriptor (GNU's `_STDBUF_O` and `_STDBUF_E`, `L` or `0`), then
 * nothing is held past the line or the read it came from.
 */
export function bufferLimit(proc: Pick<ProcContext, 'env'>, fd: number, usual: number): number {
  const mode = fd === 1 ? proc.env['_STDBUF_O'] : fd === 2 ? proc.env['_STDBUF_E'] : undefined
  if (mode === undefined) return usual
  return mode === 'L' || mode === '0' ? 1 : usual
}

/** Output gathered in memory; `full` says when to await flush(). Strings are UTF-8 encoded on write. */
export class OutputBuffer {
  private parts: string[] = []
  private size = 0
  private readonly limit: number

  constructor(
    private readonly proc: ProcContext,
    private readonly fd = 1,
    limit = 65536,
  ) {
    this.limit = bufferLimit(proc, fd, limit)
  }

  push(s: string): void {
    this.parts.push(s)
    this.size += s.length
  }

  get full(): boolean {
    return this.size >= this.limit
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('')
    this.parts = []
    this.size = 0
    await this.proc.write(this.fd, text)
  }
}

/**
 * Output gathered as bytes, for a filter that passes ranges of its input through without
 * decoding them (grep's fixed-string path); text pushed in between is UTF-8 encoded at once.
 * `full` and flush() work as OutputBuffer's.
 */
export class ByteOutput {
  private block: Uint8Array
  private size = 0
  /** Blocks filled before the last flush, in order. */
  private filled: Uint8Array[] = []
  private filledBytes = 0
  private readonly limit: number

  constructor(
    private readonly proc: ProcContext,
    private readonly fd = 1,
    limit = 65536,
  ) {
    this.limit = bufferLimit(proc, fd, limit)
    this.block = this.newBlock()
  }

  /** Appends src[start, end). */
  bytes(src: Uint8Array, start: number, end: number): void {
    const n = end - start
    if (n <= 0) return
    this.reserve(n)
    const block = this.block
    if (n < SHORT_COPY) {
      let at = this.size
      for (let i = start; i < end; i++) block[at++] = src[i]!
    } else block.set(src.subarray(start, end), this.size)
    this.size += n
  }

  push(s: string): void {
    this.reserve(s.length * 3)
    this.size += encoder.encodeInto(s, this.block.subarray(this.size)).written
  }

  get full(): boolean {
    return this.filledBytes + this.size >= this.limit
  }

  async flush(): Promise<void> {
    if (this.size > 0) {
      this.filled.push(this.block.subarray(0, this.size))
      // the written bytes now belong to the reader, or to the pipe that lent the block
      this.block = this.newBlock()
      this.size = 0
    }
    const filled = this.filled
    if (filled.length === 0) return
    this.filled = []
    this.filledBytes = 0
    // block by block, not joined: a pipe takes back each block it lent once it is read
    for (let i = 0; i < filled.length; i++) await this.proc.write(this.fd, filled[i]!)
  }

  private reserve(n: number): void {
    if (this.size + n <= this.block.length) return
    if (this.size > 0) {
      this.filled.push(this.block.subarray(0, this.size))
      this.filledBytes += this.size
    }
    this.block = this.newBlock(n)
    this.size = 0
  }

  /** Twice the limit (a writer that flushes once full, after each read, rarely fills one), or `least`. */
  private newBlock(least = 0): Uint8Array {
    return this.proc.writeBuffer(this.fd, Math.max(least, 2 * this.limit, MIN_BLOCK))
  }
}

const NEWLINE = 10
/** The smallest block ByteOutput asks for, however little it holds before writing. */
const MIN_BLOCK = 4096

/**
 * The input of a descriptor as blocks of whole lines, never decoded: `each(buf, start, end)`
 * gets buf[start, end), which ends in a newline, and writes to `out` (flushed once full). A line split across reads comes whole in a
 * block of its own; a last line without a newline gets one.
 */
export async function forEachLineBlock(proc: ProcContext, fd: number, out: ByteOutput, each: (buf: Uint8Array, start: number, end: number) => void, readSize = 1 << 20): Promise<void> {
  // the start of a line that goes on in a later read, in pieces (joined once, when it ends)
  let carry: Uint8Array[] = []
  let carried = 0
  const line = new Holding(proc)
  for (;;) {
    const chunk = await proc.read(fd, readSize)
    if (chunk.length === 0) break
    const first = chunk.indexOf(NEWLINE)
    if (first < 0) {
      carry.push(chunk)
      line.set((carried += chunk.length))
      continue
    }
    let from = 0
    if (carry.length > 0) {
      carry.push(chunk.subarray(0, first + 1))
      const line = concatBytes(carry)
      each(line, 0, line.length)
      from = first + 1
    }
    const last = chunk.lastIndexOf(NEWLINE)
    if (last >= from) each(chunk, from, last + 1)
    carry = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : []
    line.set((carried = chunk.length - last - 1))
    if (out.full) await out.flush()
  }
  line.set(0)
  if (carry.length > 0) {
    carry.push(new Uint8Array([NEWLINE]))
    const line = concatBytes(carry)
    each(line, 0, line.length)
  }
}
