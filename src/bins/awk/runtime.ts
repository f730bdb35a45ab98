/**
 * What a running awk program calls: the record and its fields (split lazily, only as far as the
 * highest field asked for), the special variables, the built-in functions, and the files and
 * commands it reads and writes.
 */
import { OAPPEND, OTRUNC, OWRITE, isExecCapable, type ChildProcess, type ProcContext } from '../../kernel/types.ts'
import { compileRegex, RegexError, type Regex, type RegexMatch } from '../util/regex.ts'
import { RecordReader, type Separator } from './input.ts'
import { compare, numToStr, sprintf, StrNum, strToNum, toBool, toNum, toStr, type Value } from './values.ts'

/** A run-time error: awk prints `awk: message` and exits 2. */
export class AwkError extends Error {}

/** `exit`: unwinds to the driver, which runs END (unless already there). */
export class ExitSignal {
  constructor(readonly status: number | undefined) {}
}

/** `next` inside a function. */
export const NEXT = { next: true }

export type AwkArray = Map<string, Value>

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

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10

export class Runtime {
  // the special variables (NF lives with the fields)
  NR = 0
  FNR = 0
  FS: Value = ' '
  OFS: Value = ' '
  ORS: Value = '\n'
  RS: Value = '\n'
  SUBSEP: Value = '\x1c'
  CONVFMT: Value = '%.6g'
  OFMT: Value = '%.6g'
  RSTART: Value = 0
  RLENGTH: Value = -1
  FILENAME: Value = ''
  ARGC: Value = 0
  readonly ARGV: AwkArray = new Map()
  readonly ENVIRON: AwkArray = new Map()
  // what the compiled program reaches through rt
  readonly NEXT = NEXT
  readonly ExitSignal = ExitSignal
  readonly StrNum = StrNum
  /** Loop iterations since the last yield to the kernel. */
  ticks = 0

  // the record: text, and its fields split so far (fields[1..split]); nf is -1 until all are split
  private record = ''
  private fields: string[] = ['']
  private split = 0
  private nf = -1
  /** Where splitting stopped in the record. */
  private splitAt = 0
  /** The FS the record is split by, as it was when the record was read. */
  private recordFS = ' '

  private out: string[] = []
  private outSize = 0
  private readonly outputs = new Map<string, OutStream>()
  private readonly inputs = new Map<string, InStream>()
  private readonly regexCache = new Map<string, Regex>()
  private seed = 0
  private randState = 0
  main: MainInput | undefined

  constructor(readonly proc: ProcContext) {
    this.srand(0)
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

  cmp(a: Value, b: Value): number {
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
    this.record = text
    this.split = 0
    this.splitAt = 0
    this.nf = -1
    const fs = this.FS
    this.recordFS = typeof fs === 'string' ? fs : this.str(fs)
  }

  get0(): string {
    return this.record
  }

  /** Field i's text ("" past NF). */
  fieldStr(i: number): string {
    if (i === 0) return this.record
    if (i < 0 || !Number.isFinite(i)) throw new AwkError(`trying to access out of range field ${i}`)
    i = Math.trunc(i)
    if (i > this.split && this.nf < 0) this.splitTo(i)
    return i <= this.split ? this.fields[i]! : ''
  }

  fieldNum(i: number): number {
    return strToNum(this.fieldStr(i))
  }

  field(i: number): Value {
    return new StrNum(this.fieldStr(i))
  }

  getNF(): number {
    if (this.nf < 0) this.splitTo(Infinity)
    return this.nf
  }

  setField(i: number, v: Value): Value {
    i = Math.trunc(i)
    if (i < 0) throw new AwkError(`trying to access out of range field ${i}`)
    const text = this.str(v)
    if (i === 0) {
      this.setRecord(text)
      return v
    }
    const nf = this.getNF()
    for (let j = nf + 1; j < i; j++) this.fields[j] = ''
    this.fields[i] = text
    if (i > nf) this.nf = this.split = i
    this.rebuild()
    return v
  }

  setNF(v: Value): Value {
    const n = Math.trunc(toNum(v))
    if (n < 0) throw new AwkError(`NF set to negative value`)
    const nf = this.getNF()
    for (let j = nf + 1; j <= n; j++) this.fields[j] = ''
    this.nf = this.split = n
    this.rebuild()
    return v
  }

  /** $0 from the fields joined by OFS; the fields stay as they are. */
  private rebuild(): void {
    const ofs = this.str(this.OFS)
    let text = ''
    for (let j = 1; j <= this.nf; j++) text += (j > 1 ? ofs : '') + this.fields[j]!
    this.record = text
    this.fields.length = this.nf + 1
  }

  /** Splits the record up to field `want` (all of them for Infinity). */
  private splitTo(want: number): void {
    const fs = this.recordFS
    const rec = this.record
    if (fs === ' ' || (fs.length === 1 && this.RS !== '')) {
      const fields = this.fields
      let n = this.split
      let i = this.splitAt
      const len = rec.length
      if (fs === ' ') {
        while (n < want) {
          while (i < len && isBlank(rec.charCodeAt(i))) i++
          if (i >= len) break
          const start = i
          while (i < len && !isBlank(rec.charCodeAt(i))) i++
          fields[++n] = rec.slice(start, i)
        }
        if (n < want) this.nf = n
      } else {
        if (len === 0) this.nf = 0
        else {
          while (n < want && i <= len) {
            let end = rec.indexOf(fs, i)
            if (end < 0) end = len
            fields[++n] = rec.slice(i, end)
            i = end + 1
          }
          if (i > len) this.nf = n
        }
      }
      this.split = n
      this.splitAt = i
      return
    }
    const parts = this.splitText(rec, fs, this.RS === '')
    for (let j = 0; j < parts.length; j++) this.fields[j + 1] = parts[j]!
    this.split = this.nf = parts.length
  }

  /** Splits text by a field separator as FS would: " " on blanks, one other character literally, else a regex. */
  splitText(text: string, fs: string, paragraphMode = false): string[] {
    if (fs === ' ') {
      const t = text.trim()
      return t === '' ? [] : t.split(/[ \t\n]+/)
    }
    if (text === '') return []
    // any other single character separates literally, even a regex operator
    const parts = fs.length === 1 ? text.split(fs) : this.splitByRegex(text, this.regex(fs))
    // with RS = "", a newline separates fields too
    return paragraphMode ? parts.flatMap((p) => p.split('\n')) : parts
  }

  // --- regexes

  /** A dynamic regex (a string used as one), compiled once. */
  regex(src: string): Regex {
    let re = this.regexCache.get(src)
    if (!re) {
      try {
        re = compileRegex(src, { extended: true, tabEscape: true })
      } catch (e) {
        if (e instanceof RegexError) throw new AwkError(`regular expression /${src}/: ${e.message}`)
        throw e
      }
      if (this.regexCache.size > 500) this.regexCache.clear()
      this.regexCache.set(src, re)
    }
    return re
  }

  toRegex(v: Value | Regex): Regex {
    return typeof v === 'object' && !(v instanceof StrNum) ? v : this.regex(this.str(v))
  }

  // --- built-in functions

  length(v: Value | AwkArray): number {
    if (v instanceof Map) return v.size
    return [...this.str(v)].length
  }

  substr(sv: Value, mv: Value, nv?: Value): string {
    const chars = [...this.str(sv)]
    const m = roundHalfEven(toNum(mv))
    const n = nv === undefined ? Infinity : roundHalfEven(toNum(nv))
    let start = m
    let end = n === Infinity ? Infinity : m + n
    if (Number.isNaN(start) || Number.isNaN(end)) return ''
    if (start < 1) start = 1
    if (end > chars.length + 1) end = chars.length + 1
    if (end <= start) return ''
    return chars.slice(start - 1, end - 1).join('')
  }

  index(s: Value, t: Value): number {
    const str = this.str(s)
    const at = str.indexOf(this.str(t))
    return at < 0 ? 0 : [...str.slice(0, at)].length + 1
  }

  splitInto(s: Value, arr: AwkArray, fs?: Value | Regex): number {
    arr.clear()
    const text = this.str(s)
    let parts: string[]
    if (fs === undefined) parts = this.splitText(text, this.str(this.FS))
    else if (typeof fs === 'object' && !(fs instanceof StrNum)) parts = text === '' ? [] : this.splitByRegex(text, fs)
    else parts = this.splitText(text, this.str(fs))
    for (let i = 0; i < parts.length; i++) arr.set(String(i + 1), new StrNum(parts[i]!))
    return parts.length
  }

  private splitByRegex(text: string, re: Regex): string[] {
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
      at = from = m.end
    }
    pieces.push(text.slice(at))
    return pieces
  }

  match(s: Value, re: Regex): number {
    const text = this.str(s)
    const m = re.exec(text, 0)
    if (!m) {
      this.RSTART = 0
      this.RLENGTH = -1
      return 0
    }
    this.RSTART = [...text.slice(0, m.start)].length + 1
    this.RLENGTH = [...m.text].length
    return this.RSTART
  }

  /** sub and gsub: the new text and how many replacements, or undefined when none. */
  substitute(re: Regex, replacement: Value, target: string, global: boolean): { text: string; count: number } | undefined {
    const repl = this.str(replacement)
    let out = ''
    let count = 0
    eachMatch(re, target, global ? Infinity : 1, (m, from) => {
      out += target.slice(from, m.start) + expandAmpersand(repl, m.text)
      count++
    }, (rest) => (out += rest))
    return count === 0 ? undefined : { text: out, count }
  }

  gensub(re: Regex, replacement: Value, how: Value, target: Value): string {
    const text = this.str(target)
    const repl = this.str(replacement)
    const h = this.str(how)
    const global = h[0] === 'g' || h[0] === 'G'
    const which = global ? 0 : Math.max(1, Math.trunc(toNum(how)))
    let out = ''
    let n = 0
    eachMatch(re, text, Infinity, (m, from) => {
      n++
      out += text.slice(from, m.start) + (global || n === which ? expandGroups(repl, (g) => m.group(g) ?? '') : m.text)
    }, (rest) => (out += rest))
    return out
  }

  sprintf(args: Value[]): string {
    return sprintf(this.str(args[0]), args.slice(1), this.convfmt())
  }

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
    await this.proc.write(1, text)
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
      const proc = this.execCapable()
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
    const proc = this.execCapable()
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

  private execCapable(): ProcContext & Required<Pick<ProcContext, 'spawn'>> {
    const proc = this.proc
    if (!isExecCapable(proc)) throw new AwkError('not implemented: running commands from this process')
    return proc
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
      const proc = this.execCapable()
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

/**
 * Calls `each` for up to `limit` matches, left to right, with where the text before it starts; an
 * empty match right where the previous one ended does not count (gsub(/x*\/, "-", "abxd") is
 * -a-b-d-). Then `rest` with the text after the last match.
 */
function eachMatch(re: Regex, text: string, limit: number, each: (m: RegexMatch, from: number) => void, rest: (text: string) => void): void {
  let last = 0
  let prevEnd = -1
  for (let from = 0, n = 0; from <= text.length && n < limit; ) {
    const m = re.exec(text, from)
    if (!m) break
    if (m.start === m.end && m.start === prevEnd) {
      from = m.start + 1
      continue
    }
    each(m, last)
    n++
    last = prevEnd = m.end
    from = m.end > m.start ? m.end : m.start + 1
  }
  rest(text.slice(last))
}

function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x
  const r = Math.round(x)
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r
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

/**
 * The main input: the files named in ARGV (read when reached, so that `var=value` operands take
 * effect in order), or standard input when there are none.
 */
export class MainInput {
  private index = 1
  private reader: RecordReader | undefined
  private usedFile = false
  private done = false

  constructor(
    private readonly rt: Runtime,
    /** Assigns a `var=value` operand. */
    private readonly assign: (name: string, value: string) => void,
  ) {}

  /** The next whole record already read, or undefined when more must be read (see fill). */
  take(): string | undefined {
    return this.reader?.take(this.rt.separator())
  }

  /** Reads more, moving to the next file as each ends; false at the end of all input. */
  async fill(): Promise<boolean> {
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
    await this.closeReader()
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
    rt.FNR = 0
    this.reader = new RecordReader(rt.proc, 0)
    return true
  }
}
