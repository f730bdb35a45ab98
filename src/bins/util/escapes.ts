/**
 * Backslash escapes as echo -e and printf read them (GNU coreutils), into bytes: `\0377` is the
 * byte 0xFF, not the character U+00FF. Text around the escapes is written as UTF-8 (with the
 * bytes it escapes, see kernel/bytes.ts, written back as they were).
 */
import { concatBytes, encodeText } from '../../kernel/bytes.ts'

/** Collects text (UTF-8) and raw bytes into one byte array. */
export class ByteBuilder {
  private chunks: Uint8Array[] = []
  private text = ''
  private raw: number[] = []
  private settled = 0

  str(s: string): void {
    if (this.raw.length > 0) this.settle()
    this.text += s
  }

  byte(b: number): void {
    if (this.text !== '') this.settle()
    this.raw.push(b & 0xff)
  }

  /** About how many bytes are held (characters count as one). */
  get size(): number {
    return this.settled + this.text.length + this.raw.length
  }

  /** Everything collected so far; the builder is empty afterwards. */
  take(): Uint8Array {
    this.settle()
    const chunks = this.chunks
    this.chunks = []
    this.settled = 0
    return concatBytes(chunks)
  }

  private settle(): void {
    if (this.text !== '') {
      const bytes = encodeText(this.text)
      this.chunks.push(bytes)
      this.settled += bytes.length
      this.text = ''
    }
    if (this.raw.length > 0) {
      this.chunks.push(Uint8Array.from(this.raw))
      this.settled += this.raw.length
      this.raw = []
    }
  }
}

/**
 * Which dialect: `echo` (echo -e: `\0NNN` or `\NNN`, a bad `\x` stays as written),
 * `format` (a printf format: `\NNN`, `\0` counts as a digit), `arg` (printf %b: like echo,
 * and a bad `\x` is an error).
 */
export type EscapeDialect = 'echo' | 'format' | 'arg'

export class EscapeError extends Error {}

const SIMPLE: Record<string, number> = { a: 7, b: 8, e: 27, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 }

const isOctal = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7'
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c)

/**
 * Writes `s` with its escapes interpreted into `out`. Returns false when `\c` was met: the
 * caller stops all output there. Throws EscapeError for a `\x` without digits (printf only).
 */
export function writeEscaped(s: string, out: ByteBuilder, dialect: EscapeDialect): boolean {
  let i = 0
  let start = 0
  for (;;) {
    const bs = s.indexOf('\\', i)
    if (bs < 0) break
    if (bs > start) out.str(s.slice(start, bs))
    const c = s[bs + 1]
    i = bs + 2
    if (c === undefined) {
      out.str('\\')
      i = bs + 1
    } else if (c === 'c') {
      return false
    } else if (SIMPLE[c] !== undefined) {
      out.byte(SIMPLE[c]!)
    } else if (c === '"' && dialect !== 'echo') {
      out.str('"')
    } else if (c === 'x') {
      let n = 0
      let len = 0
      while (len < 2 && isHex(s[i])) {
        n = n * 16 + parseInt(s[i]!, 16)
        i++
        len++
      }
      if (len > 0) out.byte(n)
      else if (dialect === 'echo') out.str('\\x')
      else throw new EscapeError('missing hexadecimal number in escape')
    } else if (isOctal(c)) {
      // `\0NNN` in echo and %b; in a format `\0` is the first of up to three digits
      let n = 0
      let len = 0
      i = bs + 1
      if (c === '0' && dialect !== 'format') i++
      while (len < 3 && isOctal(s[i])) {
        n = n * 8 + (s.charCodeAt(i) - 48)
        i++
        len++
      }
      out.byte(n)
    } else if ((c === 'u' || c === 'U') && dialect !== 'echo') {
      const want = c === 'u' ? 4 : 8
      const hex = s.slice(i, i + want)
      if (hex.length !== want || !/^[0-9a-fA-F]+$/.test(hex)) throw new EscapeError('missing hexadecimal number in escape')
      const cp = parseInt(hex, 16)
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new EscapeError(`invalid universal character name \\${c}${hex}`)
      out.str(String.fromCodePoint(cp))
      i += want
    } else {
      out.str('\\' + c)
    }
    start = i
  }
  if (start < s.length) out.str(s.slice(start))
  return true
}
