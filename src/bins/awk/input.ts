/** Reading records: by RS (a character, paragraph mode for "", or a regex), a read at a time. */
import type { ProcContext } from '../../kernel/types.ts'
import type { Regex } from '../util/regex.ts'

/** How records end: one character, blank lines (RS = ""), or a regex. */
export type Separator = string | Regex

export class RecordReader {
  private buf = ''
  private at = 0
  private eof = false
  private readonly decoder = new TextDecoder()

  constructor(
    private readonly proc: ProcContext,
    readonly fd: number,
  ) {}

  /** Reads more; false at the end of input. */
  async fill(): Promise<boolean> {
    if (this.eof) return false
    const chunk = await this.proc.read(this.fd, 65536)
    const rest = this.at < this.buf.length ? this.buf.slice(this.at) : ''
    this.at = 0
    if (chunk.length === 0) {
      this.eof = true
      this.buf = rest + this.decoder.decode()
      return this.buf.length > 0
    }
    this.buf = rest + this.decoder.decode(chunk, { stream: true })
    return true
  }

  /** The next whole record already read, or undefined when more must be read first (or input ended). */
  take(rs: Separator): string | undefined {
    const { buf, at } = this
    if (typeof rs === 'string') {
      if (rs === '') return this.paragraph()
      const end = buf.indexOf(rs, at)
      if (end >= 0) {
        this.at = end + 1
        return buf.slice(at, end)
      }
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
