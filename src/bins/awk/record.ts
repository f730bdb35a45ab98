/**
 * The current record and its fields. With FS " " or one character, fields are located lazily, only
 * as far as the highest one asked for, as offsets into the record: `$3` as a number is read in
 * place without a string for it. Once a field is assigned (or FS is a regex) the fields become
 * strings.
 */
import { strToNum } from './values.ts'

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10

/** Splits text by FS when it is neither " " nor one character (a regex), or in paragraph mode; or, `byContent`, into the matches of FPAT (in `fs`). */
export type Splitter = (text: string, fs: string, paragraphMode: boolean, byContent: boolean) => string[]

export class AwkRecord {
  text = ''
  /** The fields as strings ([0] unused), once materialized; else offsets below. */
  private strings: string[] | undefined
  private starts = new Int32Array(32)
  private ends = new Int32Array(32)
  /** Fields located so far (1..located). */
  private located = 0
  /** NF, or -1 until every field is located. */
  private nf = -1
  /** Where locating stopped in the text. */
  private at = 0
  private fs = ' '
  private paragraph = false
  private byContent = false

  constructor(private readonly splitter: Splitter) {}

  /** A new record, split by the FS (or FPAT, `byContent`) in force when it was read. */
  set(text: string, fs: string, paragraphMode: boolean, byContent = false): void {
    this.text = text
    this.strings = undefined
    this.located = 0
    this.nf = -1
    this.at = 0
    this.fs = fs
    this.paragraph = paragraphMode
    this.byContent = byContent
  }

  str(i: number): string {
    if (i === 0) return this.text
    if (this.strings) return i <= this.nf ? this.strings[i]! : ''
    if (i > this.located && this.nf < 0) this.locate(i)
    if (this.strings) return i <= this.nf ? (this.strings as string[])[i]! : ''
    return i <= this.located ? this.text.slice(this.starts[i], this.ends[i]) : ''
  }

  num(i: number): number {
    if (i === 0 || this.strings) return strToNum(this.str(i))
    if (i > this.located && this.nf < 0) this.locate(i)
    if (this.strings) return strToNum(this.str(i))
    if (i > this.located) return 0
    // a plain integer is read in place; anything else through its string
    const text = this.text
    const end = this.ends[i]!
    let at = this.starts[i]!
    const negative = text.charCodeAt(at) === 45
    if (negative) at++
    if (end - at > 0 && end - at < 16) {
      let v = 0
      let j = at
      for (; j < end; j++) {
        const d = text.charCodeAt(j) - 48
        if (d < 0 || d > 9) break
        v = v * 10 + d
      }
      if (j === end) return negative ? -v : v
    }
    return strToNum(text.slice(this.starts[i], end))
  }

  count(): number {
    if (this.nf < 0) this.locate(Infinity)
    return this.nf
  }

  /** $i = text (i >= 1), then $0 is rebuilt with OFS. */
  assign(i: number, text: string, ofs: string): void {
    const fields = this.materialize()
    for (let j = this.nf + 1; j < i; j++) fields[j] = ''
    fields[i] = text
    if (i > this.nf) this.nf = i
    this.rebuild(ofs)
  }

  /** NF = n: fields dropped or added empty, then $0 rebuilt. */
  setCount(n: number, ofs: string): void {
    const fields = this.materialize()
    for (let j = this.nf + 1; j <= n; j++) fields[j] = ''
    this.nf = n
    this.rebuild(ofs)
  }

  private rebuild(ofs: string): void {
    const fields = this.strings!
    fields.length = this.nf + 1
    let text = ''
    for (let j = 1; j <= this.nf; j++) text += (j > 1 ? ofs : '') + fields[j]!
    this.text = text
  }

  /** Every field as a string. */
  private materialize(): string[] {
    if (this.strings) return this.strings
    this.locate(Infinity)
    if (this.strings) return this.strings
    const fields = ['']
    for (let j = 1; j <= this.nf; j++) fields.push(this.text.slice(this.starts[j], this.ends[j]))
    return (this.strings = fields)
  }

  /** Locates fields up to `want` (Infinity: all of them). */
  private locate(want: number): void {
    const { fs, text } = this
    if (this.byContent || !(fs === ' ' || (fs.length === 1 && !this.paragraph))) {
      const parts = this.splitter(text, fs, this.paragraph, this.byContent)
      this.strings = ['', ...parts]
      this.nf = this.located = parts.length
      return
    }
    const len = text.length
    let n = this.located
    let i = this.at
    if (fs === ' ') {
      while (n < want) {
        while (i < len && isBlank(text.charCodeAt(i))) i++
        if (i >= len) break
        const start = i
        while (i < len && !isBlank(text.charCodeAt(i))) i++
        this.put(++n, start, i)
      }
      if (n < want) this.nf = n
    } else if (len === 0) this.nf = 0
    else {
      const sep = fs.charCodeAt(0)
      while (n < want && i <= len) {
        const start = i
        while (i < len && text.charCodeAt(i) !== sep) i++
        this.put(++n, start, i)
        i++
      }
      if (i > len) this.nf = n
    }
    this.located = n
    this.at = i
  }

  private put(n: number, start: number, end: number): void {
    if (n >= this.starts.length) {
      const starts = new Int32Array(2 * n)
      const ends = new Int32Array(2 * n)
      starts.set(this.starts)
      ends.set(this.ends)
      this.starts = starts
      this.ends = ends
    }
    this.starts[n] = start
    this.ends[n] = end
  }
}
