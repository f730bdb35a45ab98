/**
 * Finding the lines that contain a fixed string of two or more bytes, by skipping: a Horspool
 * search looks at one byte in every few (as many as the pattern is long, where the byte is not
 * in it), and only a match costs the native searches for its line's two newlines. For grep
 * without -v, where a byte-by-byte automaton touched every byte of the input.
 *
 * Each step of a Horspool search waits for the last one (the next byte to look at depends on the
 * byte just read), so one search leaves the processor idle between loads. A block of input is
 * searched by two searches at once, one in each half (`collect`), which measured 1.4 to 1.7 times
 * faster; the matches they find are then taken in order, the first of each line.
 */
import type { ByteOutput } from './textio.ts'
import type { Holding } from './holding.ts'

const NEWLINE = 10
/** The input is searched this many bytes of match starts at a time; each half by one search. */
const BLOCK = 1 << 14

/** What the search does with the lines it finds. */
export interface SkipOptions {
  /** Print them (after the file's prefix and, with `number`, the line number). */
  print: boolean
  number: boolean
  /** Stop after this many. */
  max: number
}

export class SkipScan {
  selected = 0
  /** Once no more lines are wanted: where in the last read the last line used ends. */
  usedTo = 0
  private readonly skip = new Int32Array(256)
  private lineno = 0
  /** The current line's bytes from earlier reads. */
  private carry = new Uint8Array(256)
  private carried = 0
  /** Where the newlines are counted up to in the current read (for -n). */
  private counted = 0
  /** Match starts of the block being searched: the first half's from 0, the second half's from BLOCK / 2. */
  private readonly hits = new Int32Array(BLOCK)

  /** What goes before each printed line of the current file. */
  private prefix = ''
  /** Set by mute: the current file's lines are no longer printed, and the next one selected is the last. */
  private muted = false

  constructor(
    private readonly pattern: Uint8Array,
    private readonly o: SkipOptions,
    readonly out: ByteOutput,
    /** What the carried line's buffer holds: an endless line ends in ELIMIT. */
    private readonly held: Holding,
  ) {
    const m = pattern.length
    this.skip.fill(m)
    for (let i = 0; i < m - 1; i++) this.skip[pattern[i]!] = m - 1 - i
  }

  /** Starts on another file (one scanner serves them all: grep -r searches thousands). */
  reset(prefix: string): this {
    this.prefix = prefix
    this.selected = this.lineno = this.carried = 0
    this.muted = false
    return this
  }

  /** From the next read on, prints nothing and stops at the next line selected. */
  mute(): void {
    this.muted = true
  }

  /** Searches one read; false once no more lines are wanted. */
  feed(chunk: Uint8Array): boolean {
    const first = chunk.indexOf(NEWLINE)
    if (first < 0) {
      this.keep(chunk, 0, chunk.length)
      return true
    }
    let from = 0
    if (this.carried > 0) {
      // the line that began in an earlier read
      this.keep(chunk, 0, first + 1)
      this.lineno++
      if (this.find(this.carry, 0, this.carried) >= 0 && !this.take(this.carry, 0, this.carried)) {
        this.usedTo = first + 1
        return false
      }
      this.carried = 0
      from = first + 1
    }
    const last = chunk.lastIndexOf(NEWLINE)
    this.counted = from
    if (!this.lines(chunk, from, last + 1)) return false
    if (this.o.number) this.lineno += countNewlines(chunk, this.counted, last + 1)
    if (last + 1 < chunk.length) this.keep(chunk, last + 1, chunk.length)
    return true
  }

  /** At the end of input: the last line, if it had no newline (printed with one). */
  end(): void {
    if (this.carried === 0) return
    this.lineno++
    if (this.find(this.carry, 0, this.carried) < 0) return
    this.keep(new Uint8Array([NEWLINE]), 0, 1)
    this.take(this.carry, 0, this.carried)
  }

  /** The whole lines of chunk[from, end); false once no more are wanted. */
  private lines(chunk: Uint8Array, from: number, end: number): boolean {
    const hits = this.hits
    let at = from
    for (let block = from; block < end; block += BLOCK) {
      const found = this.collect(chunk, block, Math.min(end, block + BLOCK), end)
      for (let h = 0; h < found; h++) {
        const hit = hits[h]!
        // a later match on a line already taken
        if (hit < at) continue
        const stop = chunk.indexOf(NEWLINE, hit) + 1
        if (this.o.number) {
          this.lineno += countNewlines(chunk, this.counted, hit) + 1
          this.counted = stop
        }
        if (!this.take(chunk, this.o.print ? chunk.lastIndexOf(NEWLINE, hit) + 1 : hit, stop)) {
          this.usedTo = stop
          return false
        }
        at = stop
      }
    }
    return true
  }

  /**
   * Every match starting in src[from, stop) and ending by `end`, in order, into `hits`; returns
   * how many. Two Horspool searches in one loop, one for each half of [from, stop).
   */
  private collect(src: Uint8Array, from: number, stop: number, end: number): number {
    const { pattern, skip, hits } = this
    const m = pattern.length
    const lastByte = pattern[m - 1]!
    const half = BLOCK >> 1
    const mid = from + ((stop - from) >> 1)
    // a and b are where each search's window ends; ea and eb where its half's matches end
    const ea = Math.min(mid + m - 1, end)
    const eb = Math.min(stop + m - 1, end)
    let a = from + m - 1
    let b = mid + m - 1
    let na = 0
    let nb = half
    while (a < ea && b < eb) {
      const x = src[a]!
      const y = src[b]!
      if (x === lastByte && endsAt(src, a, pattern)) hits[na++] = a - m + 1
      if (y === lastByte && endsAt(src, b, pattern)) hits[nb++] = b - m + 1
      a += skip[x]!
      b += skip[y]!
    }
    for (; a < ea; ) {
      const x = src[a]!
      if (x === lastByte && endsAt(src, a, pattern)) hits[na++] = a - m + 1
      a += skip[x]!
    }
    for (; b < eb; ) {
      const y = src[b]!
      if (y === lastByte && endsAt(src, b, pattern)) hits[nb++] = b - m + 1
      b += skip[y]!
    }
    hits.copyWithin(na, half, nb)
    return na + nb - half
  }

  /** Where the pattern first starts in src[from, end), or -1. */
  private find(src: Uint8Array, from: number, end: number): number {
    const { pattern, skip } = this
    const m = pattern.length
    const lastByte = pattern[m - 1]!
    for (let i = from + m - 1; i < end; ) {
      const b = src[i]!
      if (b === lastByte && endsAt(src, i, pattern)) return i - m + 1
      i += skip[b]!
    }
    return -1
  }

  /** A selected line src[start, stop) (its newline included); false once no more are wanted. */
  private take(src: Uint8Array, start: number, stop: number): boolean {
    if (this.muted) {
      this.selected++
      return false
    }
    if (this.o.print) {
      if (this.prefix !== '') this.out.push(this.prefix)
      if (this.o.number) this.out.push(`${this.lineno}:`)
      this.out.bytes(src, start, stop)
    }
    this.selected++
    return this.selected < this.o.max
  }

  private keep(chunk: Uint8Array, from: number, end: number): void {
    const n = end - from
    if (this.carried + n > this.carry.length) {
      const bigger = new Uint8Array(Math.max(2 * this.carry.length, this.carried + n))
      this.held.set(bigger.length)
      bigger.set(this.carry.subarray(0, this.carried))
      this.carry = bigger
    }
    this.carry.set(chunk.subarray(from, end), this.carried)
    this.carried += n
  }
}

/** Whether the pattern ends at src[i] (its last byte known to be there). */
function endsAt(src: Uint8Array, i: number, pattern: Uint8Array): boolean {
  let k = pattern.length - 2
  const start = i - k - 1
  while (k >= 0 && src[start + k] === pattern[k]) k--
  return k < 0
}

function countNewlines(src: Uint8Array, from: number, end: number): number {
  let n = 0
  for (let i = from; i < end; i++) if (src[i] === NEWLINE) n++
  return n
}
