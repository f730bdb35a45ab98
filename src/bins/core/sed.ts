/**
 * sed [-nErsuz] [-i[SUFFIX]] [-l N] [-e script]... [-f file]... [script] [file ...], GNU sed 4 behaviour:
 * commands s (with w FILE) y p P d D n N g G h H x a i c r R w W q Q = z b t T l F e v : { } and !, addresses N, $, /re/,
 * \cREc, ranges a,b and a,+N, 0,/re/. Status: 0, 1 bad script, 2 unreadable input.
 */
import { encodeText } from '../../kernel/bytes.ts'
import { OWRITE, type ProcContext } from '../../kernel/types.ts'
import { command, decode, fail, failWith, parseArgs, readAll, usage, UsageError } from '../lib.ts'
import { Holding } from '../util/holding.ts'
import { Substitution } from '../util/matchwalk.ts'
import { commandOutput } from '../util/spawn.ts'
import { longOptions } from '../util/longopts.ts'
import { LineBatches, LineCursor, OutputBuffer } from '../util/textio.ts'
import { TextBuilder } from '../util/textbuilder.ts'
import { isZeroRange, parseScript, SedSyntaxError, writtenFiles, type Address, type Replacement, type SedCommand } from '../util/sedscript.ts'
import type { Regex, RegexMatch } from '../util/regex.ts'

const USAGE = '[-nErsuz] [-i[SUFFIX]] [-l N] [-e script]... [-f script-file]... [script] [file ...]'

/** The input lines of one or more files in turn, with a lookahead so `$` is known. */
class Input {
  private batch: string[] = []
  private at = 0
  private batchUnterminated = false
  private reader: AsyncIterator<string[]> | undefined
  private current: LineBatches | undefined
  private fd = -1
  private next = 0
  /** The file of the line taken last, as F prints it (`-` for standard input). */
  name = '-'
  /** The file the batch came from (a lookahead may have read on into the next file). */
  private batchName = '-'
  private opened = '-'
  failed = false
  /** Whether the line just taken ended with a newline. */
  terminated = true

  constructor(
    private readonly proc: ProcContext,
    private readonly files: readonly string[],
    /** What ends a line: a newline, or -z's NUL. */
    private readonly delimiter: string,
  ) {}

  get buffered(): boolean {
    return this.at < this.batch.length
  }

  take(): string {
    this.name = this.batchName
    const line = this.batch[this.at++]!
    this.terminated = !(this.batchUnterminated && this.at === this.batch.length)
    return line
  }

  /** After q: the lines not taken go back to their descriptor (see LineBatches.giveBack). */
  async giveBack(): Promise<void> {
    await this.current?.giveBack(this.batch.length - this.at)
  }

  /** Loads the next batch, across files; false at the end of all input. */
  async fill(): Promise<boolean> {
    for (;;) {
      if (this.reader) {
        const r = await this.reader.next()
        if (!r.done) {
          this.batch = r.value
          this.batchName = this.opened
          this.at = 0
          this.batchUnterminated = this.current!.unterminated
          if (this.batch.length > 0) return true
          continue
        }
        this.reader = undefined
        if (this.fd > 0) await this.proc.close(this.fd).catch(() => {})
      }
      if (this.next >= this.files.length) return false
      const name = this.files[this.next++]!
      this.opened = name
      try {
        this.fd = name === '-' ? 0 : await this.proc.open(name)
      } catch (e) {
        await fail(this.proc, 'sed', name, e)
        this.failed = true
        continue
      }
      this.current = new LineBatches(this.proc, this.fd, this.delimiter)
      this.reader = this.current[Symbol.asyncIterator]()
    }
  }
}

/** Where output goes, remembering a last line that had no newline (as GNU sed keeps it so). */
interface Sink {
  push(s: string): void
  readonly full: boolean
  flush(): Promise<void>
}

class Emitter {
  private missingNewline = false
  constructor(
    readonly sink: Sink,
    /** What ends a line: a newline, or -z's NUL. */
    readonly delimiter: string,
  ) {}

  line(s: string, newline = true): void {
    if (this.missingNewline) this.sink.push(this.delimiter)
    this.sink.push(s)
    if (newline) this.sink.push(this.delimiter)
    this.missingNewline = !newline
  }

  /** A file's bytes as they are (r): GNU adds no newline after them. */
  raw(s: string): void {
    if (this.missingNewline) this.sink.push(this.delimiter)
    this.sink.push(s)
    this.missingNewline = false
  }
}

/** The files r reads and w writes; a w file is emptied once, before the input is read. */
class SedFiles {
  private readonly fds = new Map<string, number>()
  constructor(private readonly proc: ProcContext) {}

  async open(names: Set<string>): Promise<void> {
    for (const name of names) {
      if (name === '/dev/stdout') continue
      this.fds.set(name, name === '/dev/stderr' ? 2 : await this.proc.create(name, 0o666, OWRITE))
    }
  }

  async write(name: string, line: string, newline: boolean, out: Emitter): Promise<void> {
    if (name === '/dev/stdout') out.line(line, newline)
    else await this.proc.write(this.fds.get(name)!, newline ? line + out.delimiter : line)
  }

  /** R's files, a line at a time: where each is read up to (undefined once it cannot be read). */
  private readonly lines = new Map<string, LineCursor | undefined>()

  /** R: the file's next line, or undefined at its end or when it cannot be read (GNU is silent too). */
  async nextLine(name: string): Promise<string | undefined> {
    if (!this.lines.has(name)) {
      const fd = await this.proc.open(name).catch(() => undefined)
      this.lines.set(name, fd === undefined ? undefined : new LineCursor(this.proc, fd))
    }
    return this.lines.get(name)?.next()
  }

  /** r: the file's text, or nothing when it cannot be read (GNU is silent too). */
  async read(name: string): Promise<string> {
    try {
      return decode(await this.proc.readFile(name))
    } catch {
      return ''
    }
  }

  async close(): Promise<void> {
    for (const fd of this.fds.values()) if (fd > 2) await this.proc.close(fd).catch(() => {})
  }
}

/** For -i: the whole output of a file, written back at the end. */
class TextSink implements Sink {
  text = ''
  readonly full = false
  push(s: string): void {
    this.text += s
  }
  async flush(): Promise<void> {}
}

interface State {
  hold: string
  lineno: number
  lastRe: Regex | undefined
  /** Exit status requested by q or Q. */
  exit: number | undefined
  /** Where l wraps its lines (-l N; 70 by default, 0 never). */
  lineLength: number
}

class NoPreviousRegex extends Error {
  constructor() {
    super('no previous regular expression')
  }
}

function pickRegex(re: Regex | undefined, state: State): Regex {
  const chosen = re ?? state.lastRe
  if (!chosen) throw new NoPreviousRegex()
  state.lastRe = chosen
  return chosen
}

function matchOne(a: Address, ps: string, last: boolean, state: State): boolean {
  switch (a.kind) {
    case 'line':
      return state.lineno === a.n
    case 'last':
      return last
    case 're':
      return pickRegex(a.re, state).test(ps)
    case 'step':
      return state.lineno >= a.first && (state.lineno - a.first) % a.step === 0
    case 'plus':
    case 'multiple':
      return false
  }
}

/** The last line of a range that starts at `line` when its end is counted in lines (N, +N, first~step, ~N), as GNU counts them. */
function countedEnd(a2: Address, line: number): number | undefined {
  switch (a2.kind) {
    case 'line':
      return a2.n
    case 'plus':
      return line + a2.n
    case 'multiple':
      return a2.n === 0 ? line : (Math.floor(line / a2.n) + 1) * a2.n
    case 'step': {
      // the first line from this one on that first~step selects
      const from = Math.max(line, a2.first)
      return from + ((a2.step - ((from - a2.first) % a2.step)) % a2.step)
    }
  }
  return undefined
}

function selected(c: SedCommand, ps: string, last: boolean, state: State): boolean {
  const a1 = c.a1
  const a2 = c.a2
  let r: boolean
  if (!a1) r = true
  else if (!a2) r = matchOne(a1, ps, last, state)
  else if (c.active) {
    r = true
    if (a2.kind !== 're' && a2.kind !== 'last') {
      if (state.lineno >= c.endLine) {
        c.active = false
        r = state.lineno === c.endLine
      }
    } else if (matchOne(a2, ps, last, state)) c.active = false
  } else if (matchOne(a1, ps, last, state)) {
    r = true
    const end = countedEnd(a2, state.lineno)
    if (end !== undefined) {
      c.active = end > state.lineno
      c.endLine = end
    } else if (a2.kind === 'last') c.active = !last
    else c.active = true
  } else r = false
  return r !== c.negate
}

function expand(r: Replacement, m: RegexMatch): string {
  let out = ''
  let mode = ''
  let once = ''
  for (const p of r.parts) {
    let s: string
    if ('text' in p) s = p.text
    else if ('group' in p) s = m.group(p.group) ?? ''
    else {
      const cc = p.caseChange
      if (cc === 'u' || cc === 'l') once = cc
      else {
        mode = cc === 'E' ? '' : cc
        once = ''
      }
      continue
    }
    if (mode === 'U') s = s.toUpperCase()
    else if (mode === 'L') s = s.toLowerCase()
    if (once !== '' && s !== '') {
      s = (once === 'u' ? s[0]!.toUpperCase() : s[0]!.toLowerCase()) + s.slice(1)
      once = ''
    }
    out += s
  }
  return out
}

/**
 * s///: the new pattern space, or undefined when nothing was replaced. A promise where a long
 * space is walked with turns for the host (Substitution). One serves a run's every s.
 */
class SedSubstitution extends Substitution {
  private c: SedCommand | undefined
  private count = 0
  private replaced = false

  run(c: SedCommand, ps: string, state: State, proc: ProcContext): string | undefined | Promise<string | undefined> {
    this.begin(pickRegex(c.re, state), ps)
    this.c = c
    this.count = 0
    this.replaced = false
    const walked = this.walk(proc)
    return walked === undefined ? this.result() : walked.then(() => this.result())
  }

  protected take(m: RegexMatch, out: TextBuilder): boolean {
    const c = this.c!
    if (++this.count < c.nth!) {
      out.add(m.text)
      return true
    }
    out.add(expand(c.replacement!, m))
    this.replaced = true
    return c.global === true
  }

  override result(): string | undefined {
    if (this.replaced) return super.result()
    this.end()
    return undefined
  }
}

/** How many branches taken, or cycles begun without reading, between two turns given to the kernel. */
const LOOPS_BETWEEN_TURNS = 256

/** What V8 spends on one `a + b` besides the text: a node over both (a rope), until it is flattened. */
const ROPE_NODE = 32

/**
 * sed's pattern and hold spaces as G, H and N make them grow, counted against the memory limit.
 * V8 keeps each append as a node over both strings, 15 times the text for lines of a character
 * or two, and flattens a string when it is searched: so the spaces are searched once the nodes
 * could outweigh the text, which keeps them within twice their text at a cost of O(1) an append.
 */
class Spaces {
  /** What the last searches found (kept, so that the compiler cannot drop them as unused). */
  searched = 0
  private appends = 0
  private readonly held: Holding

  constructor(proc: ProcContext) {
    this.held = new Holding(proc)
  }

  grew(ps: string, hold: string): void {
    const text = ps.length + hold.length
    if (++this.appends * ROPE_NODE > text) {
      this.searched = ps.indexOf('\0') + hold.indexOf('\0')
      this.appends = 0
    }
    this.held.set(text + this.appends * ROPE_NODE)
  }
}

const ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' }

/**
 * l's view of the pattern space: its UTF-8 bytes, printable ASCII as it is, C's escapes, the
 * rest in octal; `$` at the end, and a line longer than `width` (0: never) broken with `\`
 * before an escape would cross it.
 */
function listed(text: string, width: number): string {
  let out = ''
  let column = 0
  for (const b of encodeText(text)) {
    const shown = ESCAPES[b] ?? (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '\\' + b.toString(8).padStart(3, '0'))
    if (width > 1 && column + shown.length > width - 1) {
      out += '\\\n'
      column = 0
    }
    out += shown
    column += shown.length
  }
  return out + '$\n'
}

/** Runs the script over the input; returns when the input ends or q/Q asks. */
async function execute(proc: ProcContext, cmds: SedCommand[], input: Input, out: Emitter, quiet: boolean, state: State, files: SedFiles): Promise<void> {
  let ps = ''
  let reread = true
  // N, G and H join with it, and D and P look for it: a newline, or -z's NUL
  const nl = out.delimiter
  // A script may loop without reading (`:a; ba`, `G; D`), as it may in GNU sed: it must still
  // let the host and the other processes run, and be ended by a signal or a run's timeout.
  let loops = 0
  const turnDue = (): boolean => ++loops % LOOPS_BETWEEN_TURNS === 0
  // what the pattern and hold spaces hold, where G, H and N make them grow (`:a; N; ba` reads all)
  const spaces = new Spaces(proc)
  const substitution = new SedSubstitution()
  // the a and r commands whose text or file comes out at the end of the cycle
  const appended: SedCommand[] = []
  const dumpAppended = async (): Promise<void> => {
    for (const c of appended) {
      if (c.name === 'a') c.bare ? out.raw('') : out.line(c.text)
      else out.raw(await files.read(c.text))
    }
    appended.length = 0
  }
  // the caller then fills the lookahead; kept out of here so a line costs no await
  const takeLine = (): string => {
    state.lineno++
    return input.take()
  }
  // Only a script with a `$` address reads ahead of the line it works on, to know whether it is
  // the last; others (n and N ask for themselves) pass a line on before the next has come, as
  // GNU's do, which `tail -f | sed -u` needs.
  const readsAhead = cmds.some((c) => c.a1?.kind === 'last' || c.a2?.kind === 'last')
  for (;;) {
    if (reread) {
      if (!input.buffered && !(await input.fill())) return
      ps = takeLine()
      if (readsAhead && !input.buffered) await input.fill()
    } else if (turnDue()) await proc.yield()
    reread = true
    let autoprint = !quiet
    let substituted = false
    let pc = 0
    let stop = false
    while (pc < cmds.length) {
      const c = cmds[pc]!
      const last = !input.buffered
      if (!selected(c, ps, last, state)) {
        pc = c.name === '{' ? c.target : pc + 1
        continue
      }
      pc++
      switch (c.name) {
        case '{':
        case ':':
          break
        case '=':
          out.line(String(state.lineno))
          break
        case 'R': {
          const line = await files.nextLine(c.text)
          if (line !== undefined) appended.push({ ...c, name: 'a', text: line })
          break
        }
        case 'a':
        case 'r':
          appended.push(c)
          break
        case 'w':
          await files.write(c.text, ps, input.terminated, out)
          break
        case 'W': {
          const at = ps.indexOf(nl)
          await files.write(c.text, at < 0 ? ps : ps.slice(0, at), true, out)
          break
        }
        case 'l':
          out.raw(listed(ps, c.text === '' ? state.lineLength : Number(c.text)))
          break
        case 'F':
          out.line(input.name)
          break
        case 'e':
          if (c.text !== '') out.raw(await commandOutput(proc, ['sh', '-c', c.text]))
          else ps = (await commandOutput(proc, ['sh', '-c', ps])).replace(/\n$/, '')
          break
        case 'i':
          out.line(c.text)
          break
        case 'c':
          if (!c.active) out.line(c.text)
          autoprint = false
          pc = cmds.length
          break
        case 'b':
          pc = c.target
          if (turnDue()) await proc.yield()
          break
        case 't':
          if (substituted) {
            pc = c.target
            if (turnDue()) await proc.yield()
          }
          substituted = false
          break
        case 'T':
          if (!substituted) {
            pc = c.target
            if (turnDue()) await proc.yield()
          }
          substituted = false
          break
        case 'd':
          autoprint = false
          pc = cmds.length
          break
        case 'D': {
          const at = ps.indexOf(nl)
          autoprint = false
          pc = cmds.length
          if (at >= 0) {
            ps = ps.slice(at + 1)
            reread = false
          }
          break
        }
        case 'g':
          ps = state.hold
          break
        case 'G':
          ps += nl + state.hold
          spaces.grew(ps, state.hold)
          break
        case 'h':
          state.hold = ps
          break
        case 'H':
          state.hold += nl + ps
          spaces.grew(ps, state.hold)
          break
        case 'x':
          ;[ps, state.hold] = [state.hold, ps]
          break
        case 'z':
          ps = ''
          break
        case 'n':
        case 'N':
          if (!input.buffered) await input.fill()
          if (!input.buffered) {
            // GNU: at the end of input, n and N end the script (the pattern space is still printed)
            stop = true
            pc = cmds.length
            break
          }
          if (c.name === 'n' && !quiet) out.line(ps, input.terminated)
          if (appended.length > 0) await dumpAppended()
          ps = c.name === 'n' ? takeLine() : ps + nl + takeLine()
          spaces.grew(ps, state.hold)
          if (readsAhead && !input.buffered) await input.fill()
          break
        case 'p':
          out.line(ps, input.terminated)
          break
        case 'P': {
          const at = ps.indexOf(nl)
          out.line(at < 0 ? ps : ps.slice(0, at))
          break
        }
        case 'q':
        case 'Q':
          state.exit = c.text === '' ? 0 : Number(c.text)
          if (c.name === 'Q') autoprint = false
          stop = true
          pc = cmds.length
          break
        case 's': {
          let r = substitution.run(c, ps, state, proc)
          if (r instanceof Promise) r = await r
          if (r !== undefined) {
            // a substitution may grow the space too (`:a; s/.*/&&/; ta`)
            if (r.length > ps.length) spaces.grew(r, state.hold)
            ps = r
            substituted = true
            if (c.print) out.line(ps, input.terminated)
            if (c.writeFile !== undefined) await files.write(c.writeFile, ps, input.terminated, out)
          }
          break
        }
        case 'y': {
          const map = c.map!
          const r = new TextBuilder()
          for (const ch of ps) r.add(map.get(ch) ?? ch)
          ps = r.text()
          break
        }
      }
    }
    if (autoprint) out.line(ps, input.terminated)
    if (appended.length > 0) await dumpAppended()
    if (out.sink.full) await out.sink.flush()
    if (stop) return input.giveBack()
  }
}

/** GNU's long options. */
const LONG = {
  quiet: 'n',
  silent: 'n',
  'regexp-extended': 'E',
  separate: 's',
  unbuffered: 'u',
  'null-data': 'z',
  'zero-terminated': 'z',
  'in-place': 'i::',
  expression: 'e:',
  file: 'f:',
  'line-length': 'l:',
  // accepted for scripts that ask for POSIX's sed; GNU's extensions stay on
  posix: '',
}

/**
 * The words parseArgs reads, and -i's suffix, which only ever follows it in the same word
 * (`-i.bak`, `-ni.bak`, `--in-place=.bak`; `-i .bak` is -i and an operand), taken out.
 */
function gnuOptions(argv: readonly string[]): { argv: string[]; suffix: string } {
  const words = longOptions(argv, LONG, 'nErisuze:f:l:').argv
  const out = [words[0]!]
  let suffix = ''
  for (let k = 1; k < words.length; k++) {
    const arg = words[k]!
    if (arg === '--') {
      out.push(...words.slice(k))
      break
    }
    if (arg.length > 1 && arg[0] === '-') {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]
        if (c === 'i') {
          suffix = arg.slice(j + 1)
          out.push(arg.slice(0, j + 1))
          break
        }
        if (c === 'e' || c === 'f' || c === 'l') {
          out.push(arg)
          // the value is the rest of the word, or the next word
          if (j === arg.length - 1 && k + 1 < words.length) out.push(words[++k]!)
          break
        }
        if (j === arg.length - 1) out.push(arg)
      }
      continue
    }
    out.push(arg)
  }
  return { argv: out, suffix }
}

/** Output written as it is made (-u): every line is flushed. */
class Unbuffered implements Sink {
  constructor(private readonly buffer: OutputBuffer) {}
  push(s: string): void {
    this.buffer.push(s)
  }
  get full(): boolean {
    return true
  }
  flush(): Promise<void> {
    return this.buffer.flush()
  }
}

async function run(proc: ProcContext): Promise<number> {
  let args
  let suffix: string
  try {
    const gnu = gnuOptions(proc.argv)
    suffix = gnu.suffix
    args = parseArgs(gnu.argv, 'nErisuze:f:l:', { permute: true })
  } catch (e) {
    if (e instanceof UsageError) return usage(proc, 'sed', USAGE, e.message)
    throw e
  }
  const { flags, values } = args
  let operands = args.operands
  const pieces: string[] = [...(values['e'] ?? [])]
  for (const file of values['f'] ?? []) {
    try {
      const fd = file === '-' ? 0 : await proc.open(file)
      pieces.push(decode(await readAll(proc, fd)).replace(/\n$/, ''))
      if (fd !== 0) await proc.close(fd)
    } catch (e) {
      await fail(proc, 'sed', file, e)
      return 1
    }
  }
  if (pieces.length === 0) {
    if (operands.length === 0) return usage(proc, 'sed', USAGE)
    pieces.push(operands[0]!)
    operands = operands.slice(1)
  }
  let cmds: SedCommand[]
  try {
    cmds = parseScript(pieces.join('\n'), { extended: !!(flags['E'] || flags['r']) })
  } catch (e) {
    if (!(e instanceof SedSyntaxError)) throw e
    await proc.stderr.write(`sed: ${e.message}\n`)
    return e.status
  }
  const quiet = !!flags['n']
  const delimiter = flags['z'] ? '\0' : '\n'
  const lineLength = flags['l'] === undefined ? 70 : Number(flags['l'])
  if (!Number.isInteger(lineLength) || lineLength < 0) return usage(proc, 'sed', USAGE, `invalid line length: '${flags['l']}'`)
  const state: State = { hold: '', lineno: 0, lastRe: undefined, exit: undefined, lineLength }
  const files = new SedFiles(proc)
  try {
    await files.open(writtenFiles(cmds))
  } catch (e) {
    await files.close()
    await failWith(proc, 'sed', e, '')
    return 4
  }
  const buffer = new OutputBuffer(proc)
  const out = new Emitter(flags['u'] ? new Unbuffered(buffer) : buffer, delimiter)
  try {
    const run = { proc, cmds, quiet, state, files, delimiter }
    if (flags['i']) return await inPlace(run, operands, suffix)
    if (flags['s']) return await separately(run, operands, out)
    const input = new Input(proc, operands.length === 0 ? ['-'] : operands, delimiter)
    await execute(proc, cmds, input, out, quiet, state, files)
    return state.exit ?? (input.failed ? 2 : 0)
  } catch (e) {
    if (!(e instanceof NoPreviousRegex)) throw e
    await proc.stderr.write(`sed: ${e.message}\n`)
    return 4
  } finally {
    await buffer.flush()
    await files.close()
  }
}

/** What one sed runs with: its script, flags and state. */
interface SedRun {
  proc: ProcContext
  cmds: SedCommand[]
  quiet: boolean
  state: State
  files: SedFiles
  delimiter: string
}

/** One file of -s or -i: its own line numbers, `$` and ranges. False when it could not be read. */
async function oneFile(run: SedRun, file: string, out: Emitter): Promise<boolean> {
  const input = new Input(run.proc, [file], run.delimiter)
  run.state.lineno = 0
  for (const c of run.cmds) c.active = isZeroRange(c)
  await execute(run.proc, run.cmds, input, out, run.quiet, run.state, run.files)
  return !input.failed
}

/** -s: each file on its own, the output together. */
async function separately(run: SedRun, inputs: string[], out: Emitter): Promise<number> {
  let status = 0
  for (const file of inputs.length === 0 ? ['-'] : inputs) {
    if (!(await oneFile(run, file, out))) status = 2
    if (run.state.exit !== undefined) return run.state.exit
  }
  return status
}

/** Where -i keeps a file's old text: SUFFIX after its name, or SUFFIX with each * its name (in its directory unless SUFFIX names one). */
function backupName(file: string, suffix: string): string {
  if (!suffix.includes('*')) return file + suffix
  const slash = file.lastIndexOf('/')
  const name = suffix.replaceAll('*', file.slice(slash + 1))
  return name.includes('/') || slash < 0 ? name : file.slice(0, slash + 1) + name
}

/** -i: each file on its own, written back in place; with a suffix its old text is kept first. */
async function inPlace(run: SedRun, inputs: string[], suffix: string): Promise<number> {
  const { proc } = run
  if (inputs.length === 0) {
    await proc.stderr.write('sed: no input files\n')
    return 1
  }
  let status = 0
  for (const file of inputs) {
    const sink = new TextSink()
    if (!(await oneFile(run, file, new Emitter(sink, run.delimiter)))) {
      status = 2
      continue
    }
    try {
      if (suffix !== '') await proc.writeFile(backupName(file, suffix), await proc.readFile(file))
      await proc.writeFile(file, sink.text)
    } catch (e) {
      await fail(proc, 'sed', file, e)
      status = 4
    }
    if (run.state.exit !== undefined) return run.state.exit
  }
  return status
}

export const sed = command({
  name: 'sed',
  usage: USAGE,
  summary: 'stream editor',
  help: `-n  print only what p and s///p print       -E, -r  extended regexps
-e SCRIPT  add a script (repeatable)           -f FILE  add a script from a file
-i[SUFFIX]  edit the files in place (each on its own), keeping the old text in FILE+SUFFIX
            (each * in SUFFIX is the file's name)
-s  each file on its own: line numbers, $ and ranges per file   -u  write each line at once
-z  lines end with NUL, not newline      -l N  l's line length (70; 0: never broken)
Commands: s/re/repl/[gpIN][w file] y/abc/xyz/ p P d D n N g G h H x a i c r R w W q Q = z b t T :label { } !
l [N] (the pattern space, escaped)  F (the file's name)  e [command] (its output; alone: the pattern space run)`,
  run,
})
