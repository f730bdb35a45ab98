/**
 * What a running awk program calls: the record and its fields (split lazily, only as far as the
 * highest field asked for), the special variables, the built-in functions, and the files and
 * commands it reads and writes.
 */
import { lowerEach, upperEach } from '../util/casemap.ts'
import { OAPPEND, OTRUNC, OWRITE, type ChildProcess, type ProcContext } from '../../kernel/types.ts'
import { compileRegex, RegexError, type Regex, type RegexMatch } from '../util/regex.ts'
import { LONG_TEXT, Substitution } from '../util/matchwalk.ts'
import { TextBuilder } from '../util/textbuilder.ts'
import { bufferLimit } from '../util/textio.ts'
import { TICKS_BETWEEN_TURNS } from './codegen.ts'
import { RecordReader, type Separator } from './input.ts'
import { AwkRecord } from './record.ts'
import { compare, numToStr, sprintf, StrNum, toBool, toNum, toStr, type Value } from './values.ts'

/** A run-time error: awk prints `awk: message` and exits 2. */
export class AwkError extends Error {}

/** `exit`: unwinds to the driver, which runs END (unless already there). */
export class ExitSignal {
  constructor(readonly status: number | undefined) {}
}

/** `next` inside a function. */
export const NEXT = { next: true }

export type AwkArray = Map<string, Value>

/** What an array's entry costs the host besides its key's and value's characters (a guess at V8's). */
const ENTRY_BYTES = 128
/** Held bytes are told to the kernel in steps this large, not at every assignment. */
const HOLD_STEP = 1 << 20
/** A string built by concatenation is looked at from 2^20 characters, and flattened each time it grows by as much. */
const LONG_STRING_BITS = 20

/** What sub and gsub made: the new text, and how many matches were replaced. */
interface Substituted {
  text: string
  count: number
}

function charsOf(v: Value): number {
  return typeof v === 'string' ? v.length : v instanceof StrNum ? v.s.length : 0
}

/**
 * A global array: what its entries hold is counted against the process's memory limit
 * (ProcContext.hold), so `{ a[NR] = $0 }` over an endless input ends in an error, not in a host
 * out of memory. A function's local arrays are ones too, released when the call returns.
 */
export class HeldArray extends Map<string, Value> {
  private bytes = 0
  /** Whether it has held anything but numbers: until then a new key is all there is to count. */
  private text = false

  constructor(private readonly rt: Runtime) {
    super()
  }

  override set(key: string, value: Value): this {
    if (!this.text) {
      if (typeof value === 'number') {
        // (counting arrays, `a[$1]++`: no lookup more than the Map's own)
        const size = this.size
        super.set(key, value)
        if (this.size !== size) this.count(key.length + ENTRY_BYTES)
        return this
      }
      this.text = true
    }
    const old = super.get(key)
    const bytes = (old === undefined && !super.has(key) ? key.length + ENTRY_BYTES : -charsOf(old)) + charsOf(value)
    // (a count's increment changes nothing)
    if (bytes !== 0) this.count(bytes)
    return super.set(key, value)
  }

  override delete(key: string): boolean {
    if (!super.has(key)) return false
    this.count(-(key.length + ENTRY_BYTES + charsOf(super.get(key))))
    return super.delete(key)
  }

  override clear(): void {
    this.release()
    super.clear()
  }

  /** Gives back what it holds: a function's local array, when the call returns. */
  release(): void {
    this.count(-this.bytes)
  }

  private count(bytes: number): void {
    this.bytes += bytes
    this.rt.hold(bytes)
  }
}

interface OutStream {
  fd: number
  parts: string[]
  size: number
  child?: ChildProcess
}

interface InStream {
  reader: RecordReader
  child?: ChildProcess
}

const OUT_LIMIT = 65536

/** A field number as an index: truncated, and an error when negative. */
function fieldIndex(i: number): number {
  if (i >= 0 && i < 2 ** 31) return i | 0
  throw new AwkError(`attempt to access field ${Math.trunc(i)}`)
}

export class Runtime {
  // the special variables (NF lives with the fields)
  NR = 0
  FNR = 0
  OFS: Value = ' '
  ORS: Value = '\n'
  RS: Value = '\n'
  SUBSEP: Value = '\x1c'
  CONVFMT: Value = '%.6g'
  OFMT: Value = '%.6g'
  RSTART: Value = 0
  RLENGTH: Value = -1
  FILENAME: Value = ''
  /** gawk's IGNORECASE; it matters only where the program or its command line names it (caseAware). */
  IGNORECASE: Value = 0
  caseAware = false

  /** IGNORECASE is on: regexes match, and strings compare, letters in either case. */
  get ignoringCase(): boolean {
    return this.caseAware && toBool(this.IGNORECASE)
  }
  /**
   * FS says what separates fields; gawk's FPAT, what a field is; gawk's FIELDWIDTHS, how wide
   * each is. Whichever was set last splits the records read after.
   */
  private fieldSeparator: Value = ' '
  private fieldPattern: Value = '[^[:space:]]+'
  private fieldWidths: Value = ''
  private byContent = false
  private byWidths = false
  get FS(): Value {
    return this.fieldSeparator
  }
  set FS(v: Value) {
    this.fieldSeparator = v
    this.byContent = this.byWidths = false
  }
  get FPAT(): Value {
    return this.fieldPattern
  }
  set FPAT(v: Value) {
    this.fieldPattern = v
    this.byContent = true
    this.byWidths = false
  }
  get FIELDWIDTHS(): Value {
    return this.fieldWidths
  }
  set FIELDWIDTHS(v: Value) {
    this.fieldWidths = v
    // (the record's splitter is told by a NUL before the widths, which no FPAT starts with)
    this.byContent = this.byWidths = true
  }
  ARGC: Value = 0
  readonly ARGV: AwkArray = new Map()
  readonly ENVIRON: AwkArray = new Map()
  /** gawk's: only "sorted_in" means anything (the order of `for (k in a)`). */
  readonly PROCINFO: AwkArray = new Map()
  // what the compiled program reaches through rt
  readonly NEXT = NEXT
  readonly ExitSignal = ExitSignal
  readonly StrNum = StrNum
  /** Loop iterations since the last yield to the kernel (the compiled program yields past TICKS_BETWEEN_TURNS). */
  ticks = 0

  // one of each serves every call in turn: a call never begins while another walks
  private readonly substitution = new AwkSubstitution(this)
  private readonly gensubs = new Gensub(this)
  private readonly record = new AwkRecord((text, fs, paragraphMode, byContent) => (!byContent ? this.splitText(text, fs, paragraphMode) : fs[0] === '\0' ? splitByWidths(text, fs.slice(1)) : this.splitByContent(text, fs)))

  private out: string[] = []
  private outSize = 0
  private captured: string[] | undefined
  private readonly outputs = new Map<string, OutStream>()
  private readonly inputs = new Map<string, InStream>()
  private readonly regexCache = new Map<string, Regex>()
  private seed = 0
  private randState = 0
  /** Bytes the arrays hold that the kernel has not been told of yet (HOLD_STEP at a time). */
  private unheld = 0
  main: MainInput | undefined

  /** stdbuf asked for standard output a line (or a read) at a time. */
  readonly lineBuffered: boolean

  constructor(readonly proc: ProcContext) {
    this.srand(0)
    this.lineBuffered = bufferLimit(proc, 1, OUT_LIMIT) < OUT_LIMIT
  }

  /** A new global array. */
  array(): HeldArray {
    return new HeldArray(this)
  }

  /**
   * `a b`. V8 keeps each concatenation as a node over both strings until something reads the
   * result, 32 bytes for each appended piece: `{ s = s $0 }` held the host's memory at 30 times
   * its text, to 2.5 GB in 20 s. A long result is flattened (by searching it) each time it
   * grows past another 2^LONG_STRING_BITS characters, and no string grows past the process's
   * string limit.
   */
  cat(a: string, b: string): string {
    const s = a + b
    if (s.length >>> LONG_STRING_BITS !== a.length >>> LONG_STRING_BITS) this.longString(s)
    return s
  }

  private longString(s: string): void {
    this.within(s.length)
    this.flattened = s.indexOf('\0')
    this.worked(s.length)
  }

  /**
   * After an operation that made a text of `length` characters: a long one (LONG_TEXT) took the
   * processor a while, so the next loop iteration or record offers the host its turn rather than
   * thousands of them later.
   */
  private worked(length: number): void {
    if (length >= LONG_TEXT) this.ticks = TICKS_BETWEEN_TURNS
  }

  /** Fails when a string of `length` would be longer than the process's string limit. */
  within(length: number): void {
    const limit = this.proc.limits?.stringLength ?? Infinity
    if (length > limit) throw new AwkError(`string longer than the limit (${limit})`)
  }

  /** What the last flattening search found (kept, so that the compiler cannot drop it as unused). */
  flattened = 0

  /** Counts bytes the arrays hold (negative: give back), telling the kernel a step at a time. */
  hold(bytes: number): void {
    const unheld = (this.unheld += bytes)
    if (unheld < HOLD_STEP && unheld > -HOLD_STEP) return
    this.unheld = 0
    this.proc.hold(unheld)
  }

  // --- conversions with the current CONVFMT

  str(v: Value): string {
    return typeof v === 'string' ? v : toStr(v, this.convfmt())
  }

  /** For print: numbers by OFMT. */
  ostr(v: Value): string {
    return typeof v === 'number' ? numToStr(v, this.CONVFMT === this.OFMT ? this.convfmt() : toStr(this.OFMT, '%.6g')) : this.str(v)
  }

  num(v: Value): number {
    return toNum(v)
  }

  bool(v: Value): boolean {
    return toBool(v)
  }

  /** Two strings compared, as IGNORECASE says. */
  strcmp(a: string, b: string): number {
    if (this.ignoringCase) {
      a = lowerEach(a)
      b = lowerEach(b)
    }
    return a < b ? -1 : a > b ? 1 : 0
  }

  cmp(a: Value, b: Value): number {
    if (this.ignoringCase) return compare(folded(a), folded(b), this.convfmt())
    return compare(a, b, this.convfmt())
  }

  private convfmt(): string {
    const c = this.CONVFMT
    return typeof c === 'string' ? c : toStr(c, '%.6g')
  }

  /** An array subscript: integers as integers, other numbers by CONVFMT. */
  key(v: Value): string {
    if (typeof v === 'number' && Number.isInteger(v)) return String(v)
    return this.str(v)
  }

  keys(subs: Value[]): string {
    return subs.map((s) => this.key(s)).join(this.str(this.SUBSEP))
  }

  /** An element's value; referring to a missing element creates it, as awk does. */
  aget(arr: AwkArray, key: string): Value {
    const v = arr.get(key)
    if (v === undefined && !arr.has(key)) arr.set(key, undefined)
    return v
  }

  div(a: number, b: number): number {
    if (b === 0) throw new AwkError('division by zero attempted')
    return a / b
  }

  mod(a: number, b: number): number {
    if (b === 0) throw new AwkError('division by zero attempted in `%\'')
    return a % b
  }

  // --- the record and its fields

  setRecord(text: string): void {
    if (this.byContent) return this.record.set(text, this.byWidths ? '\0' + this.str(this.fieldWidths) : this.str(this.fieldPattern), false, true)
    const fs = this.fieldSeparator
    this.record.set(text, typeof fs === 'string' ? fs : this.str(fs), this.RS === '')
  }

  get0(): string {
    return this.record.text
  }

  /** Field i's text ("" past NF). */
  fieldStr(i: number): string {
    return this.record.str(fieldIndex(i))
  }

  fieldNum(i: number): number {
    return this.record.num(fieldIndex(i))
  }

  field(i: number): Value {
    return new StrNum(this.record.str(fieldIndex(i)))
  }

  getNF(): number {
    return this.record.count()
  }

  setField(i: number, v: Value): Value {
    const n = fieldIndex(i)
    if (n === 0) this.setRecord(this.str(v))
    else this.record.assign(n, this.str(v), this.str(this.OFS))
    return v
  }

  setNF(v: Value): Value {
    const n = Math.trunc(toNum(v))
    if (n < 0) throw new AwkError(`NF set to negative value`)
    this.record.setCount(n, this.str(this.OFS))
    return v
  }

  /** Splits text by a field separator as FS would: " " on blanks, one other character literally, else a regex. */
  splitText(text: string, fs: string, paragraphMode = false): string[] {
    if (fs === ' ') {
      const t = text.trim()
      return t === '' ? [] : t.split(/[ \t\n]+/)
    }
    if (text === '') return []
    // "" splits into characters (gawk); any other single character separates literally, even a regex operator
    if (fs === '') return [...text]
    const parts = fs.length === 1 ? text.split(fs) : this.splitByRegex(text, this.regex(fs))
    // with RS = "", a newline separates fields too
    return paragraphMode ? parts.flatMap((p) => p.split('\n')) : parts
  }

  /**
   * FPAT's fields: each match of `fpat` in turn. An empty match is a field too (an empty one
   * between two separators), except right after a field: there it is only the gap to the next.
   * An empty record has none.
   */
  private splitByContent(text: string, fpat: string): string[] {
    const re = this.regex(fpat)
    const fields: string[] = []
    if (text === '') return fields
    let afterField = -1
    for (let at = 0; at <= text.length; ) {
      const m = re.exec(text, at)
      if (m === undefined) break
      if (m.end > m.start) {
        fields.push(m.text)
        at = afterField = m.end
      } else {
        if (m.start !== afterField) fields.push('')
        at = m.start + 1
      }
    }
    return fields
  }

  // --- regexes

  /** A dynamic regex (a string used as one), compiled once. */
  regex(src: string): Regex {
    let re = this.regexCache.get(src)
    if (!re) {
      try {
        re = compileRegex(src, { extended: true, tabEscape: true })
        if (this.caseAware) re = new CaseRegex(this, re, src)
      } catch (e) {
        if (e instanceof RegexError) throw new AwkError(`regular expression /${src}/: ${e.message}`)
        throw e
      }
      if (this.regexCache.size > 500) this.regexCache.clear()
      this.regexCache.set(src, re)
    }
    return re
  }

  // --- built-in functions

  length(v: Value | AwkArray): number {
    if (v instanceof Map) return v.size
    return [...this.str(v)].length
  }

  substr(sv: Value, mv: Value, nv?: Value): string {
    // as gawk 5: both truncated, and a start before 1 is 1 (the length is not shortened)
    const chars = [...this.str(sv)]
    const start = Math.max(1, Math.trunc(toNum(mv)))
    const n = nv === undefined ? Infinity : Math.trunc(toNum(nv))
    if (Number.isNaN(start) || Number.isNaN(n) || n <= 0) return ''
    return chars.slice(start - 1, n === Infinity ? undefined : start - 1 + n).join('')
  }

  index(s: Value, t: Value): number {
    const fold = this.ignoringCase
    const str = fold ? lowerEach(this.str(s)) : this.str(s)
    const at = str.indexOf(fold ? lowerEach(this.str(t)) : this.str(t))
    return at < 0 ? 0 : [...str.slice(0, at)].length + 1
  }

  splitInto(s: Value, arr: AwkArray, fs?: Value | Regex, seps?: AwkArray): number {
    arr.clear()
    const text = this.str(s)
    if (seps !== undefined) return this.splitWithSeparators(text, arr, fs === undefined ? this.str(this.FS) : typeof fs === 'object' && !(fs instanceof StrNum) ? fs : this.str(fs), seps)
    let parts: string[]
    if (fs === undefined) parts = this.splitText(text, this.str(this.FS))
    else if (typeof fs === 'object' && !(fs instanceof StrNum)) parts = text === '' ? [] : this.splitByRegex(text, fs)
    else parts = this.splitText(text, this.str(fs))
    for (let i = 0; i < parts.length; i++) arr.set(String(i + 1), new StrNum(parts[i]!))
    return parts.length
  }

  /**
   * gawk's patsplit(s, a [, fpat [, seps]]): a[i] the i-th match of fpat (FPAT's by default), as
   * FPAT splits a record; seps[0] the text before the first, seps[i] the text after a[i].
   */
  patsplitInto(s: Value, arr: AwkArray, fpat?: Value | Regex, seps?: AwkArray): number {
    arr.clear()
    seps?.clear()
    const text = this.str(s)
    const re = fpat === undefined ? this.regex(this.str(this.FPAT)) : typeof fpat === 'object' && !(fpat instanceof StrNum) ? fpat : this.regex(this.str(fpat))
    let n = 0
    let last = 0
    for (let at = 0; at <= text.length; ) {
      const m = re.exec(text, at)
      if (m === undefined) break
      if (m.end === m.start) {
        at = m.start + 1
        continue
      }
      seps?.set(String(n), new StrNum(text.slice(last, m.start)))
      arr.set(String(++n), new StrNum(m.text))
      at = last = m.end
    }
    if (seps && last < text.length) seps.set(String(n), new StrNum(text.slice(last)))
    return n
  }

  /**
   * gawk's split(s, a, fs, seps): seps[i] is what separated a[i] from a[i+1]; with fs " ", seps[0]
   * and seps[n] are the blanks before the first field and after the last, where there are any.
   */
  private splitWithSeparators(text: string, arr: AwkArray, fs: string | Regex, seps: AwkArray): number {
    seps.clear()
    if (text === '') return 0
    const blanks = fs === ' '
    const re = typeof fs !== 'string' ? fs : blanks ? this.regex('[ \t\n]+') : fs.length > 1 ? this.regex(fs) : undefined
    const pieces: string[] = []
    const between: string[] = []
    if (re === undefined) {
      // one character, or "" (each character a field, nothing between)
      pieces.push(...(fs === '' ? [...text] : text.split(fs as string)))
      for (let i = 1; i < pieces.length; i++) between.push(fs as string)
    } else pieces.push(...this.splitByRegex(text, re, between))
    let first = 0
    let last = pieces.length - 1
    if (blanks) {
      // the blanks around the fields are seps[0] and seps[n], not empty fields
      if (pieces[0] === '') seps.set('0', new StrNum(between[first++]!))
      if (last >= first && pieces[last] === '' && last > 0) last--
    }
    let n = 0
    for (let i = first; i <= last; i++) {
      arr.set(String(++n), new StrNum(pieces[i]!))
      if (i < pieces.length - 1) seps.set(String(n), new StrNum(between[i]!))
    }
    return n
  }

  /** The pieces between the regex's non-empty matches; the matches into `between`, where given. */
  private splitByRegex(text: string, re: Regex, between?: string[]): string[] {
    const pieces: string[] = []
    let at = 0
    for (let from = 0; from <= text.length; ) {
      const m = re.exec(text, from)
      if (!m) break
      if (m.end === m.start) {
        from = m.start + 1
        continue
      }
      pieces.push(text.slice(at, m.start))
      between?.push(text.slice(m.start, m.end))
      at = from = m.end
    }
    pieces.push(text.slice(at))
    return pieces
  }

  /**
   * match(s, re[, groups]): RSTART and RLENGTH in characters. gawk's `groups` gets [n] the text of
   * group n (0 the whole match) and [n, "start"], [n, "length"], for the groups that took part.
   */
  match(s: Value, re: Regex, groups?: AwkArray): number {
    const text = this.str(s)
    const m = re.exec(text, 0)
    groups?.clear()
    if (!m) {
      this.RSTART = 0
      this.RLENGTH = -1
      return 0
    }
    this.RSTART = charCount(text, 0, m.start) + 1
    this.RLENGTH = charCount(text, m.start, m.end)
    if (groups !== undefined) {
      const sep = this.str(this.SUBSEP)
      for (let n = 0; n <= re.groups; n++) {
        const start = m.startOf(n)
        if (start < 0) continue
        const end = m.endOf(n)
        groups.set(String(n), new StrNum(text.slice(start, end)))
        groups.set(`${n}${sep}start`, charCount(text, 0, start) + 1)
        groups.set(`${n}${sep}length`, charCount(text, start, end))
      }
    }
    return this.RSTART
  }

  /**
   * sub and gsub: the new text and how many replacements, or undefined when none. A promise
   * where a long text is walked with turns for the host (Substitution): the compiled code awaits
   * it, so a function that substitutes is async.
   */
  substitute(re: Regex, replacement: Value, target: string, global: boolean): Substituted | undefined | Promise<Substituted | undefined> {
    const s = this.substitution
    s.start(re, target, this.str(replacement), global)
    const walked = s.walk(this.proc)
    return walked === undefined ? this.substituted() : walked.then(() => this.substituted())
  }

  private substituted(): Substituted | undefined {
    const count = this.substitution.count
    const text = this.substitution.result()
    if (text === undefined) return undefined
    this.worked(text.length)
    return { text, count }
  }

  /** gensub, a promise as substitute's. */
  gensub(re: Regex, replacement: Value, how: Value, target: Value): string | Promise<string> {
    const h = this.str(how)
    const global = h[0] === 'g' || h[0] === 'G'
    const text = this.str(target)
    const s = this.gensubs
    s.start(re, text, this.str(replacement), global ? 0 : Math.max(1, Math.trunc(toNum(how))))
    const walked = s.walk(this.proc)
    return walked === undefined ? this.generated(text) : walked.then(() => this.generated(text))
  }

  private generated(text: string): string {
    const made = this.gensubs.result() ?? text
    this.worked(made.length)
    return made
  }

  sprintf(args: Value[]): string {
    const s = sprintf(this.str(args[0]), args.slice(1), this.convfmt())
    this.worked(s.length)
    return s
  }

  /** toupper and tolower: a character at a time, as gawk's (ß stays ß). */
  readonly upper = upperEach
  readonly lower = lowerEach

  rand(): number {
    // a 48-bit linear congruential generator (drand48's constants), deterministic per seed
    this.randState = (this.randState * 0x5deece66d + 0xb) % 2 ** 48
    return this.randState / 2 ** 48
  }

  srand(seed?: Value): number {
    const prev = this.seed
    this.seed = seed === undefined ? Math.floor(Date.now() / 1000) : toNum(seed)
    this.randState = (Math.trunc(this.seed) * 65536 + 0x330e) % 2 ** 48
    if (this.randState < 0) this.randState += 2 ** 48
    return prev
  }

  // --- output

  /** Writes to standard output (buffered). */
  write(text: string): void {
    this.out.push(text)
    this.outSize += text.length
  }

  get outputFull(): boolean {
    return this.outSize >= OUT_LIMIT
  }

  async flushStdout(): Promise<void> {
    if (this.out.length === 0) return
    const text = this.out.join('')
    this.out = []
    this.outSize = 0
    if (this.captured !== undefined) this.captured.push(text)
    else await this.proc.write(1, text)
  }

  /** Standard output kept from here on, not written (gawk's -i inplace, a file at a time). */
  async capture(): Promise<void> {
    await this.flushStdout()
    this.captured = []
  }

  /** What standard output received since capture(), which ends. */
  async captureEnd(): Promise<string> {
    await this.flushStdout()
    const text = (this.captured ?? []).join('')
    this.captured = undefined
    return text
  }

  /** Every loop iteration and record: now and then flush and let the kernel run others (or end this process). */
  async tick(): Promise<void> {
    this.ticks = 0
    if (this.outputFull) await this.flushStdout()
    await this.proc.yield()
  }

  async writeTo(op: '>' | '>>' | '|', dest: string, text: string): Promise<void> {
    let stream = this.outputs.get(dest)
    if (!stream) {
      stream = await this.openOutput(op, dest)
      this.outputs.set(dest, stream)
    }
    if (stream.fd === 1) return this.write(text)
    stream.parts.push(text)
    stream.size += text.length
    if (stream.size >= OUT_LIMIT) await this.flushStream(stream)
  }

  private async openOutput(op: '>' | '>>' | '|', dest: string): Promise<OutStream> {
    if (op === '|') {
      const proc = this.proc
      await this.flushStdout()
      const [r, w] = proc.pipe()
      const child = await proc.spawn(['sh', '-c', dest], { fds: { 0: r, 1: 1, 2: 2 } })
      await proc.close(r)
      return { fd: w, parts: [], size: 0, child }
    }
    if (dest === '/dev/stdout' || dest === '-') return { fd: 1, parts: [], size: 0 }
    if (dest === '/dev/stderr') return { fd: 2, parts: [], size: 0 }
    try {
      const fd = op === '>>' ? await this.proc.open(dest, OWRITE | OAPPEND).catch(() => this.proc.create(dest, 0o666, OWRITE | OAPPEND)) : await this.proc.create(dest, 0o666, OWRITE | OTRUNC)
      return { fd, parts: [], size: 0 }
    } catch (e) {
      throw new AwkError(`can't redirect to \`${dest}' (${e instanceof Error ? e.message : String(e)})`)
    }
  }

  private async flushStream(stream: OutStream): Promise<void> {
    if (stream.parts.length === 0) return
    const text = stream.parts.join('')
    stream.parts = []
    stream.size = 0
    if (stream.fd === 2) await this.flushStdout()
    await this.proc.write(stream.fd, text)
  }

  async fflush(name?: Value): Promise<number> {
    await this.flushStdout()
    if (name === undefined) {
      for (const s of this.outputs.values()) await this.flushStream(s)
      return 0
    }
    const s = this.outputs.get(this.str(name))
    if (!s) return -1
    await this.flushStream(s)
    return 0
  }

  async close(nameV: Value): Promise<number> {
    const name = this.str(nameV)
    let status = -1
    const out = this.outputs.get(name)
    if (out) {
      this.outputs.delete(name)
      status = await this.closeOutput(out)
    }
    const inp = this.inputs.get(name)
    if (inp) {
      this.inputs.delete(name)
      if (inp.reader.fd !== 0) await this.proc.close(inp.reader.fd).catch(() => {})
      status = inp.child ? await inp.child.wait() : 0
    }
    return status
  }

  private async closeOutput(s: OutStream): Promise<number> {
    await this.flushStream(s)
    if (s.fd > 2) await this.proc.close(s.fd).catch(() => {})
    return s.child ? await s.child.wait() : 0
  }

  async system(cmd: Value): Promise<number> {
    const proc = this.proc
    await this.fflush()
    const child = await proc.spawn(['sh', '-c', this.str(cmd)])
    return child.wait()
  }

  /** At exit: everything flushed and closed, pipes waited for. */
  async closeAll(): Promise<void> {
    await this.flushStdout()
    for (const [name, s] of [...this.outputs]) {
      this.outputs.delete(name)
      await this.closeOutput(s)
    }
    for (const name of [...this.inputs.keys()]) await this.close(name)
  }

  // --- input

  separator(): Separator {
    const rs = this.RS
    const s = typeof rs === 'string' ? rs : this.str(rs)
    return s.length <= 1 ? s : this.regex(s)
  }

  /** getline < file and cmd | getline: 1 and the line in `line`, 0 at the end, -1 on error. */
  line = ''

  async getlineFrom(kind: 'file' | 'cmd', sourceV: Value): Promise<number> {
    const source = this.str(sourceV)
    let stream = this.inputs.get(source)
    if (!stream) {
      try {
        stream = await this.openInput(kind, source)
      } catch {
        return -1
      }
      this.inputs.set(source, stream)
    }
    const rec = await stream.reader.next(() => this.separator())
    if (rec === undefined) return 0
    this.line = rec
    return 1
  }

  private async openInput(kind: 'file' | 'cmd', source: string): Promise<InStream> {
    if (kind === 'cmd') {
      const proc = this.proc
      await this.fflush()
      const [r, w] = proc.pipe()
      const child = await proc.spawn(['sh', '-c', source], { fds: { 0: 0, 1: w, 2: 2 } })
      await proc.close(w)
      return { reader: new RecordReader(this.proc, r), child }
    }
    const fd = source === '-' || source === '/dev/stdin' ? 0 : await this.proc.open(source)
    return { reader: new RecordReader(this.proc, fd) }
  }

  /** Plain getline: the next record of the main input (NR and FNR count it). */
  async getlineMain(): Promise<number> {
    if (!this.main) return 0
    const rec = await this.main.next()
    if (rec === undefined) return 0
    this.line = rec
    this.NR++
    this.FNR++
    return 1
  }
}

/** How many characters (code points) text[from, to) holds. */
function charCount(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    // the second half of a surrogate pair is not counted again
    if (c < 0xdc00 || c > 0xdfff) n++
  }
  return n
}

/** sub and gsub: each match taken becomes the replacement with `&` the match. */
class AwkSubstitution extends Substitution {
  count = 0
  private repl = ''
  private global = false

  constructor(private readonly rt: Runtime) {
    super()
  }

  start(re: Regex, target: string, repl: string, global: boolean): void {
    this.begin(re, target)
    this.repl = repl
    this.global = global
    this.count = 0
  }

  protected take(m: RegexMatch, out: TextBuilder): boolean {
    out.add(expandAmpersand(this.repl, m.text))
    this.rt.within(out.length)
    this.count++
    return this.global
  }
}

/** gensub: the `which`th match (every match for 0) becomes the replacement with `\N` its groups. */
class Gensub extends Substitution {
  private n = 0
  private repl = ''
  private which = 0

  constructor(private readonly rt: Runtime) {
    super()
  }

  start(re: Regex, text: string, repl: string, which: number): void {
    this.begin(re, text)
    this.repl = repl
    this.which = which
    this.n = 0
  }

  protected take(m: RegexMatch, out: TextBuilder): boolean {
    this.n++
    out.add(this.which === 0 || this.n === this.which ? expandGroups(this.repl, (g) => m.group(g) ?? '') : m.text)
    this.rt.within(out.length)
    return true
  }
}

/** sub/gsub's replacement: & is the match, \& a literal &, \\ a backslash. */
function expandAmpersand(repl: string, matched: string): string {
  if (!repl.includes('&') && !repl.includes('\\')) return repl
  let out = ''
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i]!
    if (c === '\\' && repl[i + 1] === '&') {
      out += '&'
      i++
    } else if (c === '\\' && repl[i + 1] === '\\' && repl[i + 2] === '&') {
      out += '\\' + matched
      i += 2
    } else if (c === '&') out += matched
    else out += c
  }
  return out
}

/** gensub's replacement: \0 and & the match, \1-\9 the groups, \& a literal &. */
function expandGroups(repl: string, group: (n: number) => string): string {
  let out = ''
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i]!
    const d = repl[i + 1]
    if (c === '\\' && d !== undefined && d >= '0' && d <= '9') {
      out += group(Number(d))
      i++
    } else if (c === '\\' && d === '&') {
      out += '&'
      i++
    } else if (c === '\\' && d === '\\') {
      out += '\\'
      i++
    } else if (c === '&') out += group(0)
    else out += c
  }
  return out
}

/** What runs as each input of the main input starts and ends. */
export interface FileActions {
  start(): Promise<void>
  end(): Promise<void>
  /** Instead of end, for an input BEGINFILE skipped (with nextfile). */
  skipped(): Promise<void>
}

/**
 * The main input: the files named in ARGV (read when reached, so that `var=value` operands take
 * effect in order), or standard input when there are none.
 */
export class MainInput {
  private index = 1
  private reader: RecordReader | undefined
  private usedFile = false
  private done = false
  /** A file has started (its BEGINFILE ran) and its ENDFILE has not yet. */
  private inFile = false

  constructor(
    private readonly rt: Runtime,
    /** Assigns a `var=value` operand. */
    private readonly assign: (name: string, value: string) => void,
    /** gawk's BEGINFILE and ENDFILE: run as each input starts and ends. */
    private readonly files?: FileActions,
  ) {}

  /** The next whole record already read, or undefined when more must be read (see fill). */
  take(): string | undefined {
    return this.reader?.take(this.rt.separator())
  }

  /** Reads more, moving to the next file as each ends; false at the end of all input. */
  async fill(): Promise<boolean> {
    // under stdbuf -oL or -o0, what the records read so far made goes out before waiting for more
    if (this.rt.lineBuffered) await this.rt.flushStdout()
    for (;;) {
      if (this.done) return false
      if (this.reader && (await this.reader.fill())) return true
      if (!(await this.open())) {
        this.done = true
        return false
      }
    }
  }

  async next(): Promise<string | undefined> {
    for (;;) {
      const r = this.take()
      if (r !== undefined) return r
      if (!(await this.fill())) return undefined
    }
  }

  /** nextfile: the rest of this file is skipped. */
  async skipFile(): Promise<void> {
    await this.closeReader()
  }

  private async closeReader(): Promise<void> {
    if (this.reader && this.reader.fd !== 0) await this.rt.proc.close(this.reader.fd).catch(() => {})
    this.reader = undefined
  }

  /** Opens the next operand; false when none is left. */
  private async open(): Promise<boolean> {
    if (this.inFile) {
      this.inFile = false
      await this.files?.end()
    }
    await this.closeReader()
    if (!(await this.openNext())) return false
    if (this.files !== undefined) {
      this.inFile = true
      await this.files.start()
      // nextfile in BEGINFILE: this one is skipped
      if (this.reader === undefined) {
        this.inFile = false
        await this.files.skipped()
        return this.open()
      }
    }
    return true
  }

  private async openNext(): Promise<boolean> {
    const rt = this.rt
    for (; this.index < toNum(rt.ARGC); ) {
      const arg = rt.ARGV.get(String(this.index++))
      if (arg === undefined) continue
      const name = rt.str(arg)
      if (name === '') continue
      const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(name)
      if (assignment) {
        this.assign(assignment[1]!, assignment[2]!)
        continue
      }
      this.usedFile = true
      rt.FILENAME = name
      rt.FNR = 0
      if (name === '-' || name === '/dev/stdin') this.reader = new RecordReader(rt.proc, 0)
      else {
        try {
          this.reader = new RecordReader(rt.proc, await rt.proc.open(name))
        } catch (e) {
          throw new AwkError(`cannot open "${name}" (${e instanceof Error ? e.message : String(e)})`)
        }
      }
      return true
    }
    if (this.usedFile) return false
    this.usedFile = true
    // standard input, no file named: gawk's and mawk's FILENAME is then "-"
    rt.FILENAME = '-'
    rt.FNR = 0
    this.reader = new RecordReader(rt.proc, 0)
    return true
  }
}

/** A value with its letters in lower case, for IGNORECASE's comparisons (numbers as they are). */
function folded(v: Value): Value {
  if (typeof v === 'string') return lowerEach(v)
  return v instanceof StrNum && !v.numeric ? new StrNum(lowerEach(v.s)) : v
}

/** A regex of a program that names IGNORECASE: matched as written, or ignoring case while IGNORECASE is on. */
class CaseRegex implements Regex {
  private folding: Regex | undefined

  constructor(
    private readonly rt: Runtime,
    private readonly exact: Regex,
    private readonly src: string,
  ) {}

  get groups(): number {
    return this.exact.groups
  }

  private get current(): Regex {
    if (!this.rt.ignoringCase) return this.exact
    return (this.folding ??= compileRegex(this.src, { extended: true, tabEscape: true }, { ignoreCase: true }))
  }

  test(s: string): boolean {
    return this.current.test(s)
  }

  exec(s: string, from?: number): RegexMatch | undefined {
    return this.current.exec(s, from)
  }
}

/**
 * gawk's FIELDWIDTHS: blank-separated widths, each maybe after `SKIP:` (characters left out
 * before the field), the last maybe `*` (the rest); there are fields while the record goes on.
 */
function splitByWidths(text: string, spec: string): string[] {
  const fields: string[] = []
  let at = 0
  for (const item of spec.trim().split(/\s+/)) {
    const m = /^(?:(\d+):)?(\d+|\*)$/.exec(item)
    if (!m) throw new AwkError(`invalid FIELDWIDTHS value, for field ${fields.length + 1}, near \`${item}'`)
    // a field starts where the record has not ended yet, whatever its skip leaves it
    if (at >= text.length) break
    at += Number(m[1] ?? 0)
    const end = m[2] === '*' ? Math.max(at, text.length) : at + Number(m[2])
    fields.push(text.slice(at, end))
    at = end
  }
  return fields
}
