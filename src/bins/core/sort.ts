/**
 * sort [-bcCdfghmMnrsuV] [-t sep] [-k key]... [-o file] [file ...], as GNU sort with LC_ALL=C:
 * byte order (UTF-16 code units, the same for text below U+D800), keys with per-key options,
 * and a last-resort whole-line comparison unless -s or -u.
 */
import { encodeText } from '../../kernel/bytes.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { command, fail, forEachInput, parseArgs, usage, UsageError, withInputs } from '../lib.ts'
import { longOptions } from '../util/longopts.ts'
import { systemRandom } from '../util/random.ts'
import { versionCompare } from '../util/version.ts'
import { InputFailure } from '../util/inputfailure.ts'
import { slicedSort } from '../util/slicedsort.ts'
import { ByteOutput, LineBatches, OutputBuffer } from '../util/textio.ts'

interface KeyOptions {
  blanks: boolean
  dictionary: boolean
  fold: boolean
  numeric: boolean
  general: boolean
  human: boolean
  month: boolean
  version: boolean
  /** -R: a random order in which equal keys stay together. */
  random: boolean
  reverse: boolean
}

interface Key extends KeyOptions {
  startField: number
  /** 1-based character in the field; 0 is not allowed for the start. */
  startChar: number
  /** 0: to the end of the line. */
  endField: number
  /** 0: to the end of the field. */
  endChar: number
  /** Skip blanks before counting the end character (b on the end position). */
  blanksEnd: boolean
}

const NO_OPTIONS: KeyOptions = { blanks: false, dictionary: false, fold: false, numeric: false, general: false, human: false, month: false, version: false, random: false, reverse: false }

function optionsFrom(letters: string, into: KeyOptions): boolean {
  for (const l of letters) {
    if (l === 'b') into.blanks = true
    else if (l === 'd') into.dictionary = true
    else if (l === 'f') into.fold = true
    else if (l === 'n') into.numeric = true
    else if (l === 'g') into.general = true
    else if (l === 'h') into.human = true
    else if (l === 'M') into.month = true
    else if (l === 'V') into.version = true
    else if (l === 'R') into.random = true
    else if (l === 'r') into.reverse = true
    else return false
  }
  return true
}

/** -k POS1[,POS2], POS = F[.C][OPTS]. */
function parseKey(spec: string, global: KeyOptions): Key {
  const m = /^(\d+)(?:\.(\d+))?([bdfghnrMVR]*)(?:,(\d+)(?:\.(\d+))?([bdfghnrMVR]*))?$/.exec(spec)
  if (!m) throw new UsageError(`invalid key specification: '${spec}'`)
  const startField = Number(m[1])
  const startChar = m[2] === undefined ? 1 : Number(m[2])
  if (startField === 0) throw new UsageError(`invalid number at field start: invalid count at start of '${spec}'`)
  if (startChar === 0) throw new UsageError(`invalid number after '.': invalid count at start of '${m[2]}'`)
  const own: KeyOptions = { ...NO_OPTIONS }
  optionsFrom((m[3] ?? '') + (m[6] ?? ''), own)
  const hasOwn = Object.values(own).some(Boolean)
  const opts = hasOwn ? own : { ...global }
  return {
    ...opts,
    startField,
    startChar,
    endField: m[4] === undefined ? 0 : Number(m[4]),
    endChar: m[5] === undefined ? 0 : Number(m[5]),
    // b on the end position only: skip blanks before the end character
    blanksEnd: hasOwn ? (m[6] ?? '').includes('b') : global.blanks,
  }
}

const isBlank = (c: number): boolean => c === 32 || c === 9

/** Where field `f` (1-based) starts: with -t after the f-1'th separator, else at the blank run before it. */
function fieldStart(line: string, f: number, sep: string | undefined): number {
  let at = 0
  for (let k = 1; k < f; k++) {
    if (sep !== undefined) {
      const next = line.indexOf(sep, at)
      if (next < 0) return line.length
      at = next + 1
    } else {
      while (at < line.length && isBlank(line.charCodeAt(at))) at++
      while (at < line.length && !isBlank(line.charCodeAt(at))) at++
    }
  }
  return at
}

function fieldEnd(line: string, start: number, sep: string | undefined): number {
  if (sep !== undefined) {
    const next = line.indexOf(sep, start)
    return next < 0 ? line.length : next
  }
  let at = start
  while (at < line.length && isBlank(line.charCodeAt(at))) at++
  while (at < line.length && !isBlank(line.charCodeAt(at))) at++
  return at
}

function skipBlanks(line: string, at: number, end: number): number {
  while (at < end && isBlank(line.charCodeAt(at))) at++
  return at
}

function keyText(line: string, key: Key, sep: string | undefined): string {
  let start = fieldStart(line, key.startField, sep)
  if (key.blanks) start = skipBlanks(line, start, line.length)
  start = Math.min(start + key.startChar - 1, line.length)
  let end: number
  if (key.endField === 0) end = line.length
  else {
    const fs = fieldStart(line, key.endField, sep)
    if (key.endChar === 0) end = fieldEnd(line, fs, sep)
    else {
      const base = key.blanksEnd ? skipBlanks(line, fs, line.length) : fs
      end = Math.min(base + key.endChar, line.length)
    }
  }
  return end <= start ? '' : line.slice(start, end)
}

/**
 * -n's scan of the leading number (blanks, optional -, digits, optional .digits): where its
 * digits are, and its value as a double. The value is read by the engine where the digits
 * summed are not exactly rounded (a fraction, more than 15 digits); `long` says whether it had
 * more than 15 digits: up to 15, two numbers of one double are the same number. One scan is
 * reused for every line: it makes no object (a scan, not a pattern: a match and its array a line
 * were a third of the time of `sort -n`).
 */
class NumberScan {
  value = 0
  long = false
  minus = false
  intStart = 0
  intEnd = 0
  /** After the fraction's digits (intEnd where there is no point). */
  end = 0

  scan(s: string): void {
    const n = s.length
    let i = 0
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++
    this.minus = i < n && s.charCodeAt(i) === 45
    if (this.minus) i++
    while (i < n && s.charCodeAt(i) === 48) i++
    const intStart = i
    let value = 0
    for (let c = s.charCodeAt(i) - 48; i < n && c >= 0 && c <= 9; c = s.charCodeAt(++i) - 48) value = value * 10 + c
    const intEnd = i
    if (i < n && s.charCodeAt(i) === 46) {
      i++
      while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++
    }
    const digits = i - intStart - (i > intEnd ? 1 : 0)
    if (digits > 15 || i > intEnd + 1) value = Number(s.slice(intStart, i))
    this.value = this.minus ? -value : value
    this.long = digits > 15
    this.intStart = intStart
    this.intEnd = intEnd
    this.end = i
  }
}

const scanned = new NumberScan()

/** -n's key, compared exactly as its digit strings, with its value as a double for a first look. */
function numericParts(s: string): { neg: boolean; int: string; frac: string; value: number } {
  scanned.scan(s)
  const { intStart, intEnd, end } = scanned
  const int = s.slice(intStart, intEnd)
  let fracEnd = end
  while (fracEnd > intEnd + 1 && s.charCodeAt(fracEnd - 1) === 48) fracEnd--
  const frac = end > intEnd ? s.slice(intEnd + 1, fracEnd) : ''
  const neg = scanned.minus && (int !== '' || frac !== '')
  // -0 is 0
  return { neg, int, frac, value: neg ? scanned.value : Math.abs(scanned.value) }
}

function compareNumeric(x: Numeric, y: Numeric): number {
  if (x.neg !== y.neg) return x.neg ? -1 : 1
  let r = x.int.length - y.int.length || (x.int < y.int ? -1 : x.int > y.int ? 1 : 0) || (x.frac < y.frac ? -1 : x.frac > y.frac ? 1 : 0)
  if (x.neg) r = -r
  return r
}

const HUMAN = 'KMGTPEZYRQ'

function humanValue(s: string): [number, number] {
  const m = /^[ \t]*(-?\d*(?:\.\d*)?)([kKMGTPEZYRQ]?)/.exec(s)!
  const n = Number(m[1]) || 0
  const unit = m[2] === '' ? 0 : HUMAN.indexOf(m[2]!.toUpperCase()) + 1
  return [Math.sign(n) * unit, n]
}

function generalValue(s: string): number {
  const m = /^[ \t]*[+-]?(?:inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/i.exec(s)
  if (!m) return -Infinity - 1 // not a number: sorts before everything, as GNU does
  const v = Number(m[0].trim().replace(/^([+-]?)inf.*$/i, '$1Infinity'))
  return Number.isNaN(v) ? -Infinity - 0.5 : v
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']

/** -M: 1 to 12 for a key starting (after blanks) with a month's abbreviation, in any case; else 0. */
function monthValue(s: string): number {
  return MONTHS.indexOf(s.replace(/^[ \t]+/, '').slice(0, 3).toUpperCase()) + 1
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function transform(s: string, o: KeyOptions): string {
  let t = s
  if (o.dictionary) t = t.replace(/[^A-Za-z0-9 \t]/g, '')
  if (o.fold) t = t.toUpperCase()
  return t
}

type Numeric = ReturnType<typeof numericParts>
type Human = ReturnType<typeof humanValue>
/** A key as it is compared: extracted from its line once, before sorting, never per comparison. */
type Prepared = string | number | Numeric | Human

function prepare(text: string, o: KeyOptions, salt: number): Prepared {
  if (o.random) return randomRank(o.dictionary || o.fold ? transform(text, o) : text, salt)
  if (o.numeric) return numericParts(text)
  if (o.general) return generalValue(text)
  if (o.human) return humanValue(text)
  if (o.month) return monthValue(text)
  return o.dictionary || o.fold ? transform(text, o) : text
}

/** -R: a key's place in this run's random order, the same for equal keys (53 bits of a hash salted for the run). */
function randomRank(text: string, salt: number): number {
  let a = salt ^ 0x9e3779b9
  let b = Math.imul(salt, 0x85ebca6b) ^ 0x27d4eb2f
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
    b ^= b >>> 13
  }
  a ^= a >>> 16
  a = Math.imul(a, 0x85ebca6b)
  a ^= a >>> 13
  b = Math.imul(b ^ (b >>> 15), 0xc2b2ae35)
  b ^= b >>> 16
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff)
}

function compareNumbers(x: number, y: number): number {
  return x < y ? -1 : x > y ? 1 : 0
}

function comparePrepared(a: Prepared, b: Prepared, o: KeyOptions): number {
  let r: number
  if (o.random) r = compareNumbers(a as number, b as number)
  else if (o.numeric) r = compareNumeric(a as Numeric, b as Numeric)
  else if (o.general) r = compareNumbers(a as number, b as number)
  else if (o.human) r = (a as Human)[0] - (b as Human)[0] || compareNumbers((a as Human)[1], (b as Human)[1])
  else if (o.month) r = (a as number) - (b as number)
  else if (o.version) r = Math.sign(versionCompare(a as string, b as string))
  else r = byteCompare(a as string, b as string)
  return o.reverse ? -r : r
}

/** A line with its keys prepared. */
interface Sortable {
  line: string
  keys: Prepared[]
  /**
   * Where the first key is numeric (-n), its value as a double: compared first, the exact parts
   * only on a tie. Rounding keeps order (x < y exactly gives round(x) <= round(y)), so where the
   * doubles differ they order the lines as the exact comparison would.
   */
  first: number
}


/** How lines are ordered: their keys prepared once each, then compared by type. */
class Order {
  private readonly specs: readonly KeyOptions[]
  /** The first key is -n: a comparison looks at the doubles first (a call less for most pairs). */
  private readonly numericFirst: boolean
  /** -R's order for this run. */
  private readonly salt = systemRandom()(2 ** 32)

  constructor(
    private readonly keys: Key[],
    private readonly global: KeyOptions,
    private readonly sep: string | undefined,
    private readonly lastResort: boolean,
  ) {
    this.specs = keys.length === 0 ? [global] : keys
    this.numericFirst = this.specs[0]!.numeric && !this.specs[0]!.random
  }

  /**
   * Whether the whole line in plain byte order is all there is: then the lines sort as strings
   * with the engine's own comparison (code-unit order, the same as byte order below U+D800).
   */
  get plain(): boolean {
    const g = this.global
    return this.keys.length === 0 && !g.blanks && !g.dictionary && !g.fold && !g.numeric && !g.general && !g.human && !g.month && !g.version && !g.random
  }

  get reverse(): boolean {
    return this.global.reverse
  }

  /** Whether the first key is -n (its values are in `first`), and whether it is reversed. */
  get numericKey(): { reverse: boolean } | undefined {
    return this.numericFirst ? { reverse: this.specs[0]!.reverse } : undefined
  }

  /** The first key's value, where it is -n (numericKey), into `scan`, without the line's Sortable. */
  scanFirst(line: string, scan: NumberScan): void {
    scan.scan(this.keys.length === 0 ? line : keyText(line, this.keys[0]!, this.sep))
  }

  /**
   * Where -n is the only key, how lines of exactly equal value order among themselves: by the
   * last resort, or (undefined: -s, -u) as they came; false where other keys decide.
   */
  get numericTies(): ((a: string, b: string) => number) | undefined | false {
    if (this.specs.length > 1) return false
    if (!this.lastResort) return undefined
    return this.global.reverse ? (a, b) => byteCompare(b, a) : byteCompare
  }

  sortable(line: string): Sortable {
    const keys = this.keys.length === 0 ? [prepare(this.global.blanks ? line.replace(/^[ \t]+/, '') : line, this.global, this.salt)] : this.keys.map((key) => prepare(keyText(line, key, this.sep), key, this.salt))
    return { line, keys, first: this.numericFirst ? (keys[0] as Numeric).value : 0 }
  }

  readonly compare = (a: Sortable, b: Sortable): number => {
    const specs = this.specs
    if (a.first !== b.first) return (a.first < b.first) !== specs[0]!.reverse ? -1 : 1
    for (let k = 0; k < specs.length; k++) {
      const r = comparePrepared(a.keys[k]!, b.keys[k]!, specs[k]!)
      if (r !== 0) return r
    }
    if (!this.lastResort) return 0
    const r = byteCompare(a.line, b.line)
    return this.global.reverse ? -r : r
  }
}

/** What a kept line costs the host besides its characters (a guess at V8's string and slot). */
const LINE_BYTES = 32

/** Distinct lines an object counts before a Map takes over (see Tally). */
const OBJECT_MOST = 1 << 16

/**
 * Whole lines in byte order. Equal lines are the same string, so lines are counted as they are
 * read and only the distinct ones are sorted, each then written as often as it came: the sort's
 * string comparisons, and collecting the lines that outlive many collections, were most of the
 * time on logs, which repeat lines. The counts are an object's properties while the lines are
 * few (V8 finds a line among an object's keys in about half the time a Map takes). Past
 * OBJECT_MOST distinct lines (an object's keys go into V8's table of strings, which for two
 * million took three times as long), a Map counts them if lines repeat, and where most lines
 * came once the lines are simply kept and sorted (counting cost more than the sort saved).
 */
class Tally {
  private counts: Record<string, number> = Object.create(null) as Record<string, number>
  private map: Map<string, number> | undefined
  /** Every line, once most of them proved distinct. */
  private all: string[] | undefined
  private distinct = 0
  private lines = 0

  /** Counts a batch's lines; the bytes the lines not seen before now hold. */
  add(batch: string[]): number {
    this.lines += batch.length
    if (this.all !== undefined) return keep(this.all, batch)
    if (this.map !== undefined) return this.addToMap(this.map, batch)
    const counts = this.counts
    let fresh = 0
    let distinct = 0
    for (let i = 0; i < batch.length; i++) {
      const line = batch[i]!
      const n = counts[line]
      if (n === undefined) {
        counts[line] = 1
        distinct++
        fresh += line.length + LINE_BYTES
      } else counts[line] = n + 1
    }
    if ((this.distinct += distinct) > OBJECT_MOST) this.outgrown()
    return fresh
  }

  /** The object holds too many lines: a Map counts them from now on, or, if most came once, they are kept. */
  private outgrown(): void {
    const entries = Object.entries(this.counts)
    this.counts = Object.create(null) as Record<string, number>
    if (this.distinct * 2 < this.lines) {
      this.map = new Map(entries)
      return
    }
    const all: string[] = (this.all = [])
    for (const [line, n] of entries) for (let k = 0; k < n; k++) all.push(line)
  }

  private addToMap(map: Map<string, number>, batch: string[]): number {
    let fresh = 0
    for (let i = 0; i < batch.length; i++) {
      const line = batch[i]!
      const n = map.get(line)
      if (n === undefined) {
        map.set(line, 1)
        fresh += line.length + LINE_BYTES
      } else map.set(line, n + 1)
    }
    return fresh
  }

  /** Writes the lines in order, each as often as it came (once with -u). */
  async write(proc: ProcContext, out: ByteOutput, reverse: boolean, unique: boolean, eol: string): Promise<void> {
    const { counts, map } = this
    if (this.all !== undefined) {
      const all = await slicedSort(proc, this.all)
      if (reverse) all.reverse()
      return writeLines(out, unique ? all.filter((line, i) => i === 0 || line !== all[i - 1]) : all, eol)
    }
    const distinct = await slicedSort(proc, map === undefined ? Object.keys(counts) : [...map.keys()])
    if (reverse) distinct.reverse()
    if (unique || distinct.length === this.lines) return writeLines(out, distinct, eol)
    for (const line of distinct) {
      const bytes = encodeText(line + eol)
      for (let n = map === undefined ? counts[line]! : map.get(line)!; n > 0; n--) {
        out.bytes(bytes, 0, bytes.length)
        if (out.full) await out.flush()
      }
    }
  }
}

/** Adds a batch's lines to `into`; the bytes they now hold. */
function keep(into: string[], batch: string[]): number {
  let bytes = 0
  for (const line of batch) {
    into.push(line)
    bytes += line.length + LINE_BYTES
  }
  return bytes
}

/** The lines in order, by their keys; -u keeps the first of each run of equal ones. */
async function sorted(proc: ProcContext, lines: string[], order: Order, unique: boolean): Promise<string[]> {
  if (order.numericKey !== undefined) return numericSorted(proc, lines, order, unique)
  // the keys of a line are found once, a slice of lines at a time (with a turn between)
  const items = new Array<Sortable>(lines.length)
  for (let i = 0; i < lines.length; i++) {
    items[i] = order.sortable(lines[i]!)
    if (i % TURN_EVERY === TURN_EVERY - 1) await proc.yield()
  }
  // the sort is stable, so equal lines keep their input order (-s)
  return linesOf(proc, await slicedSort(proc, items, order.compare), order, unique)
}

/**
 * A first key of -n: each line's value in a Float64Array, the lines put in order of value by
 * rankOrder (no comparator: a comparator's calls were most of `sort -n`'s time, and a Sortable a
 * line most of the rest, in allocation and collection). Lines of equal value are ordered among
 * themselves by the last resort where they are equal numbers and -n the only key; otherwise they
 * get their Sortables and the full comparison (the exact digits, the other keys, the last resort).
 * Their input order holds where it finds them equal.
 */
async function numericSorted(proc: ProcContext, lines: string[], order: Order, unique: boolean): Promise<string[]> {
  const n = lines.length
  const sign = order.numericKey!.reverse ? -1 : 1
  const values = new Float64Array(n)
  const scan = new NumberScan()
  let exact = true
  for (let i = 0; i < n; i++) {
    order.scanFirst(lines[i]!, scan)
    values[i] = sign * scan.value
    if (scan.long) exact = false
    if (i % TURN_EVERY === TURN_EVERY - 1) await proc.yield()
  }
  // no number too long for a double, and no other key: equal values are equal numbers
  const ties = exact ? order.numericTies : false
  const ranked = await rankOrder(proc, values)
  const out: string[] = []
  let sinceTurn = 0
  for (let start = 0; start < n; ) {
    const value = values[ranked[start]!]!
    let end = start + 1
    while (end < n && values[ranked[end]!] === value) end++
    if (end - start === 1) out.push(lines[ranked[start]!]!)
    else if (ties !== false) {
      const run = Array.from(ranked.subarray(start, end), (i) => lines[i]!)
      if (ties !== undefined) run.sort(ties)
      if (unique) out.push(run[0]!)
      else for (let k = 0; k < run.length; k++) out.push(run[k]!)
    } else {
      const run = Array.from(ranked.subarray(start, end), (i) => order.sortable(lines[i]!)).sort(order.compare)
      for (let k = 0; k < run.length; k++) if (!unique || k === 0 || order.compare(run[k - 1]!, run[k]!) !== 0) out.push(run[k]!.line)
    }
    sinceTurn += end - start
    if (sinceTurn >= TURN_EVERY) {
      sinceTurn = 0
      await proc.yield()
    }
    start = end
  }
  return out
}

/**
 * The indices of `values` in ascending order of value, equal values in index order: a stable
 * radix sort of the indices, 16 bits of the values at a time from the lowest, on the values'
 * bits made to order as unsigned numbers (a negative one's bits all flipped, a positive one's sign
 * bit set). A digit every value shares takes no pass: small integers differ in few bits.
 */
async function rankOrder(proc: ProcContext, values: Float64Array): Promise<Uint32Array> {
  const n = values.length
  const keys = new Uint32Array(2 * n)
  const doubles = new Float64Array(keys.buffer)
  // -0 is 0 to sort -n, and the same value must have the same bits
  for (let i = 0; i < n; i++) doubles[i] = values[i]! + 0
  const high = LITTLE_ENDIAN ? 1 : 0
  for (let i = 0; i < n; i++) {
    const h = keys[2 * i + high]!
    if (h >= 0x80000000) {
      keys[2 * i + high] = ~h
      keys[2 * i + 1 - high] = ~keys[2 * i + 1 - high]!
    } else keys[2 * i + high] = h | 0x80000000
  }
  let order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  let spare = new Uint32Array(n)
  const counts = new Uint32Array(RADIX + 1)
  for (const word of [1 - high, high]) {
    for (const shift of [0, 16]) {
      await proc.yield()
      counts.fill(0)
      for (let i = 0; i < n; i++) counts[((keys[2 * i + word]! >>> shift) & 0xffff) + 1]!++
      // one bucket holds them all: this digit orders nothing
      if (counts[((keys[word]! >>> shift) & 0xffff) + 1] === n) continue
      for (let d = 0; d < RADIX; d++) counts[d + 1]! += counts[d]!
      for (let k = 0; k < n; k++) {
        const i = order[k]!
        spare[counts[(keys[2 * i + word]! >>> shift) & 0xffff]!++] = i
      }
      ;[order, spare] = [spare, order]
    }
  }
  return order
}

const RADIX = 1 << 16
/** Whether a double's high word comes second in memory (every host ninefold runs on, in practice). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/**
 * Lines handled between offers of a turn to the host in sort's passes over all of them (a
 * line's keys took up to 5 µs to find; proc.yield gives the turn only once the slice is used).
 */
const TURN_EVERY = 1 << 10

/** One input of a streamed merge: its lines a batch at a time, and the line it is at. */
class MergeInput {
  private readonly batches: AsyncIterator<string[]>
  private batch: readonly string[] = []
  private at = 0
  /** The line it is at, with its keys; undefined at its end. */
  head: Sortable | undefined

  constructor(
    proc: ProcContext,
    fd: number,
    private readonly name: string,
    private readonly order: Order,
    eol: string,
  ) {
    this.batches = new LineBatches(proc, fd, eol)[Symbol.asyncIterator]()
  }

  /** Moves to the next line: at once within a batch, a promise where the next must be read. */
  advance(): Promise<void> | undefined {
    if (this.at < this.batch.length) {
      this.head = this.order.sortable(this.batch[this.at++]!)
      return undefined
    }
    return this.read()
  }

  private async read(): Promise<void> {
    let r: IteratorResult<string[]>
    try {
      r = await this.batches.next()
    } catch (e) {
      throw new InputFailure(this.name, e)
    }
    if (r.done === true) {
      this.head = undefined
      return
    }
    this.batch = r.value
    this.at = 0
    await this.advance()
  }
}

/**
 * -m: merges inputs taken as sorted already as they are read, a line of each at a time (`yes |
 * sort -m -` runs), the earlier input's line first on a tie. As GNU's, every input is opened
 * before the output: one that cannot be opened stops it before any output. Status 0, or 2.
 */
async function mergeStreams(proc: ProcContext, operands: readonly string[], order: Order, unique: boolean, outName: string | undefined, eol: string): Promise<number> {
  const names = operands.length === 0 ? ['-'] : operands
  return withInputs(proc, 'sort', names, 2, async (fds) => {
    const inputs = fds.map((fd, i) => new MergeInput(proc, fd, names[i]!, order, eol))
    const fd = outName === undefined ? 1 : await proc.create(outName, 0o666, 1)
    const out = new OutputBuffer(proc, fd)
    try {
      await mergeInto(proc, inputs, order, unique, out, eol)
      await out.flush()
      return 0
    } catch (e) {
      if (!(e instanceof InputFailure)) throw e
      await out.flush()
      await fail(proc, 'sort', e.name, e.cause)
      return 2
    } finally {
      if (fd !== 1) await proc.close(fd).catch(() => {})
    }
  })
}

async function mergeInto(proc: ProcContext, inputs: MergeInput[], order: Order, unique: boolean, out: OutputBuffer, eol: string): Promise<void> {
  for (const input of inputs) await input.advance()
  let last: Sortable | undefined
  for (let n = 1; ; n++) {
    let min: MergeInput | undefined
    for (const input of inputs) if (input.head !== undefined && (min === undefined || order.compare(input.head, min.head!) < 0)) min = input
    if (min === undefined) return
    const item = min.head!
    if (!unique || last === undefined || order.compare(last, item) !== 0) {
      out.push(item.line + eol)
      if (out.full) await out.flush()
    }
    last = item
    const reading = min.advance()
    if (reading !== undefined) await reading
    if (n % TURN_EVERY === 0) await proc.yield()
  }
}

/** -m when the output is one of the inputs: every input read whole first, then merged. */
function merged(proc: ProcContext, files: string[][], order: Order, unique: boolean): Promise<string[]> {
  let items: Sortable[] = []
  for (const file of files) {
    const next = file.map((l) => order.sortable(l))
    const both: Sortable[] = []
    let i = 0
    let j = 0
    while (i < items.length && j < next.length) both.push(order.compare(items[i]!, next[j]!) <= 0 ? items[i++]! : next[j++]!)
    items = both.concat(items.slice(i), next.slice(j))
  }
  return linesOf(proc, items, order, unique)
}

/** The lines of items in order; -u keeps the first of each run of equal ones. */
async function linesOf(proc: ProcContext, items: Sortable[], order: Order, unique: boolean): Promise<string[]> {
  const out: string[] = []
  for (let i = 0; i < items.length; i++) {
    if (!unique || i === 0 || order.compare(items[i - 1]!, items[i]!) !== 0) out.push(items[i]!.line)
    if (i % TURN_EVERY === TURN_EVERY - 1) await proc.yield()
  }
  return out
}

/** Lines a piece of output: one string per so many lines instead of one per line. */
const LINES_A_WRITE = 4096

/** Writes lines, each ended by `eol` (a newline, or -z's NUL), many at a time. */
async function writeLines(out: ByteOutput | OutputBuffer, lines: string[], eol: string): Promise<void> {
  for (let i = 0; i < lines.length; i += LINES_A_WRITE) {
    out.push(lines.slice(i, i + LINES_A_WRITE).join(eol) + eol)
    if (out.full) await out.flush()
  }
}

const USAGE = '[-bcCdfghmMnRrsuVz] [-t sep] [-k key]... [-o file] [-S size] [-T dir] [--parallel=n] [file ...]'

/** GNU sort exits 2 on a usage error (as on any trouble), not 1. */
function run(proc: ProcContext): Promise<number> {
  return sortFiles(proc).catch(async (e: unknown) => {
    if (!(e instanceof UsageError)) throw e
    await usage(proc, 'sort', USAGE, e.message)
    return 2
  })
}

/** GNU's long names; --parallel, -S and -T are how GNU's sort spreads its work and spills to disk, which an in-memory sort has no use for. */
const LONG = {
  'ignore-leading-blanks': 'b', 'dictionary-order': 'd', 'ignore-case': 'f', 'general-numeric-sort': 'g', 'human-numeric-sort': 'h',
  'month-sort': 'M', 'numeric-sort': 'n', 'random-sort': 'R', reverse: 'r', 'version-sort': 'V', check: 'c', merge: 'm',
  stable: 's', unique: 'u', 'zero-terminated': 'z', 'field-separator': 't:', key: 'k:', output: 'o:',
  'buffer-size': 'S:', 'temporary-directory': 'T:', parallel: ':',
}
const SHORT = 'bdfghmnrsucCMRVzt:k:o:S:T:'

async function sortFiles(proc: ProcContext): Promise<number> {
  const { argv, longs } = longOptions(proc.argv, LONG, SHORT)
  const { flags, values, operands } = parseArgs(argv, SHORT, { permute: true })
  if (typeof flags['S'] === 'string' && !/^[0-9]+(\.[0-9]+)?[%bKMGTPEZY]?$/i.test(flags['S'])) throw new UsageError(`invalid -S argument '${flags['S']}'`)
  const parallel = longs['parallel']
  if (parallel !== undefined && !(typeof parallel === 'string' && /^[1-9][0-9]*$/.test(parallel))) throw new UsageError(`invalid --parallel argument '${parallel === true ? '' : parallel}'`)
  const global: KeyOptions = { ...NO_OPTIONS }
  for (const l of 'bdfghnrMRV') if (flags[l]) optionsFrom(l, global)
  const check = !!(flags['c'] || flags['C'])
  let sep: string | undefined
  if (typeof flags['t'] === 'string') {
    if ([...flags['t']].length !== 1) throw new UsageError(flags['t'] === '' ? 'empty tab' : `multi-character tab '${flags['t']}'`)
    sep = flags['t']
  }
  const keys = (values['k'] ?? []).map((k) => parseKey(k, global))
  const unique = !!flags['u']
  // -z: lines end in NUL, in and out (`find -print0 | sort -z`)
  const eol = flags['z'] ? '\0' : '\n'
  const order = new Order(keys, global, sep, !unique && !flags['s'])
  const outName = typeof flags['o'] === 'string' ? flags['o'] : undefined
  const merge = !!flags['m'] && !check
  if (merge && (outName === undefined || !operands.includes(outName))) return mergeStreams(proc, operands, order, unique, outName, eol)
  const lines: string[] = []
  const files: string[][] = []
  const tally = order.plain && !check && !merge ? new Tally() : undefined
  const status = await forEachInput(proc, 'sort', operands, async (fd) => {
    const into = merge ? [] : lines
    if (merge) files.push(into)
    for await (const batch of new LineBatches(proc, fd, eol)) {
      proc.hold(tally !== undefined ? tally.add(batch) : keep(into, batch))
    }
  })
  if (check) {
    for (let i = 1; i < lines.length; i++) {
      const r = order.compare(order.sortable(lines[i - 1]!), order.sortable(lines[i]!))
      if (r > 0 || (unique && r === 0)) {
        // -C: only the status says so
        if (flags['C']) return 1
        await proc.stderr.write(`sort: ${operands[0] ?? '-'}:${i + 1}: disorder: ${lines[i]}\n`)
        return 1
      }
    }
    return status === 0 ? 0 : 2
  }
  // GNU opens every input before merging: one it cannot read stops it before any output
  if (merge && status !== 0) return 2
  const fd = outName === undefined ? 1 : await proc.create(outName, 0o666, 1)
  if (tally !== undefined) {
    const out = new ByteOutput(proc, fd)
    await tally.write(proc, out, order.reverse, unique, eol)
    await out.flush()
  } else {
    const result = await (merge ? merged(proc, files, order, unique) : sorted(proc, lines, order, unique))
    const out = new OutputBuffer(proc, fd)
    await writeLines(out, result, eol)
    await out.flush()
  }
  if (fd !== 1) await proc.close(fd)
  return status === 0 ? 0 : 2
}

export const sort = command({
  name: 'sort',
  usage: USAGE,
  summary: 'sort lines of text',
  help: `-n numeric  -g general numeric  -h human sizes (2K, 1G)  -r reverse  -f fold case
-M month names (JAN..DEC)  -V version numbers (v1.2 < v1.10)  -R random (equal keys together)
-m merge files already sorted
-d dictionary order  -b ignore leading blanks  -u unique  -s stable  -c check  -C check quietly
-t SEP field separator  -k F[.C][opts][,F[.C][opts]] sort key (repeatable)  -o FILE output
-z lines end in NUL, not newline`,
  run,
})
