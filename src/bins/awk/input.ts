/** Reading records: by RS (a character, paragraph mode for "", or a regex), a read at a time. */
import type { ProcContext } from '../../kernel/types.ts'
import { Holding } from '../util/holding.ts'
import type { Regex } from '../util/regex.ts'

/** How records end: one character, blank lines (RS = ""), or a regex. */
export type Separator = string | Regex

export class RecordReader {
  private buf = ''
  private at = 0
  private eof = false
  private readonly decoder = new TextDecoder()
  /**
   * The start of a record that a one-character RS has not yet ended, as read, in pieces: a long
   * record is searched a read at a time and joined once, where joining each read to the rest and
   * searching it all again took time growing with the square of its length.
   */
  private partial: string[] = []
  private partialLength = 0
  /** Set when a one-character RS was not found in what is read: the next read starts a piece. */
  private inRecord = false
  /** What is read and not yet taken (a record without its end grows it). */
  private readonly unread: Holding

  constructor(
    private readonly proc: ProcContext,
    readonly fd: number,
  ) {
    this.unread = new Holding(proc)
  }

  /** Reads more; false at the end of input. */
  async fill(): Promise<boolean> {
    if (this.eof) return false
    const chunk = await this.proc.read(this.fd, 65536)
    let rest = this.at < this.buf.length ? this.buf.slice(this.at) : ''
    this.at = 0
    if (this.inRecord && rest !== '') {
      this.partial.push(rest)
      this.partialLength += rest.length
      rest = ''
    }
    this.inRecord = false
    if (chunk.length === 0) {
      this.eof = true
      this.unread.set(0)
      this.buf = rest + this.decoder.decode()
      return this.buf.length > 0 || this.partialLength > 0
    }
    this.buf = rest + this.decoder.decode(chunk, { stream: true })
    this.unread.set(this.partialLength + this.buf.length)
    return true
  }

  /** The record's pieces from earlier reads joined to `tail`. */
  private joined(tail: string): string {
    if (this.partialLength === 0) return tail
    const record = this.partial.join('') + tail
    this.partial = []
    this.partialLength = 0
    return record
  }

  /** Pieces kept for a one-character RS go back into buf before any other kind of search. */
  private unpiece(): void {
    if (this.partialLength === 0) return
    this.buf = this.joined(this.buf.slice(this.at))
    this.at = 0
  }

  /** The next whole record already read, or undefined when more must be read first (or input ended). */
  take(rs: Separator): string | undefined {
    if (typeof rs !== 'string' || rs === '') this.unpiece()
    const { buf, at } = this
    if (typeof rs === 'string') {
      if (rs === '') return this.paragraph()
      const end = buf.indexOf(rs, at)
      if (end >= 0) {
        this.at = end + 1
        return this.joined(buf.slice(at, end))
      }
      this.inRecord = true
      if (this.eof && (at < buf.length || this.partialLength > 0)) {
        this.at = buf.length
        return this.joined(buf.slice(at))
      }
      return undefined
    } else {
      const m = rs.exec(buf, at)
      // a match that reaches the end of what was read might go on in the next read
      if (m && m.end > m.start && (m.end < buf.length || this.eof)) {
        this.at = m.end
        return buf.slice(at, m.start)
      }
    }
    if (this.eof && at < buf.length) {
      this.at = buf.length
      return buf.slice(at)
    }
    return undefined
  }

  /** The next record, reading as needed; undefined at the end. */
  async next(rs: () => Separator): Promise<string | undefined> {
    for (;;) {
      const r = this.take(rs())
      if (r !== undefined) return r
      if (!(await this.fill())) return undefined
    }
  }

  /** RS = "": records are separated by blank lines; leading newlines are skipped. */
  private paragraph(): string | undefined {
    const { buf } = this
    let at = this.at
    while (buf[at] === '\n') at++
    this.at = at
    const m = /\n\n+/g
    m.lastIndex = at
    const found = m.exec(buf)
    if (found && (found.index + found[0].length < buf.length || this.eof)) {
      this.at = found.index + found[0].length
      return buf.slice(at, found.index)
    }
    if (this.eof && at < buf.length) {
      this.at = buf.length
      const rec = buf.slice(at).replace(/\n+$/, '')
      return rec
    }
    return undefined
  }
}
