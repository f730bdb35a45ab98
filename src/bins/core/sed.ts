/**
 * sed [-nEr] [-s] [-i] [-e script]... [-f file]... [script] [file ...], GNU sed 4 behaviour:
 * commands s (with w FILE) y p P d D n N g G h H x a i c r w q Q = z b t T : { } and !, addresses N, $, /re/,
 * \cREc, ranges a,b and a,+N, 0,/re/. Status: 0, 1 bad script, 2 unreadable input.
 */
import { OWRITE, type ProcContext } from '../../kernel/types.ts'
import { command, decode, fail, failWith, parseArgs, readAll, usage, UsageError } from '../lib.ts'
import { Holding } from '../util/holding.ts'
import { Substitution } from '../util/matchwalk.ts'
import { LineBatches, OutputBuffer } from '../util/textio.ts'
import { TextBuilder } from '../util/textbuilder.ts'
import { isZeroRange, parseScript, SedSyntaxError, writtenFiles, type Address, type Replacement, type SedCommand } from '../util/sedscript.ts'
import type { Regex, RegexMatch } from '../util/regex.ts'

const USAGE = '[-nEr] [-i] [-e script]... [-f script-file]... [script] [file ...]'

/** The input lines of one or more files in turn, with a lookahead so `$` is known. */
class Input {
  private batch: string[] = []
  private at = 0
  private batchUnterminated = false
  private reader: AsyncIterator<string[]> | undefined
  private current: LineBatches | undefined
  private fd = -1
  private next = 0
  failed = false
  /** Whether the line just taken ended with a newline. */
  terminated = true

  constructor(
    private readonly proc: ProcContext,
    private readonly files: readonly string[],
  ) {}

  get buffered(): boolean {
    return this.at < this.batch.length
  }

  take(): string {
    const line = this.batch[this.at++]!
    this.terminated = !(this.batchUnterminated && this.at === this.batch.length)
    return line
  }

  /** Loads the next batch, across files; false at the end of all input. */
  async fill(): Promise<boolean> {
    for (;;) {
      if (this.reader) {
        const r = await this.reader.next()
        if (!r.done) {
          this.batch = r.value
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
      try {
        this.fd = name === '-' ? 0 : await this.proc.open(name)
      } catch (e) {
        await fail(this.proc, 'sed', name, e)
        this.failed = true
        continue
      }
      this.current = new LineBatches(this.proc, this.fd)
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
  constructor(readonly sink: Sink) {}

  line(s: string, newline = true): void {
    if (this.missingNewline) this.sink.push('\n')
    this.sink.push(s)
    if (newline) this.sink.push('\n')
    this.missingNewline = !newline
  }

  /** A file's bytes as they are (r): GNU adds no newline after them. */
  raw(s: string): void {
    if (this.missingNewline) this.sink.push('\n')
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
    else await this.proc.write(this.fds.get(name)!, newline ? line + '\n' : line)
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
    case 'plus':
      return false
  }
}

function selected(c: SedCommand, ps: string, last: boolean, state: State): boolean {
  const a1 = c.a1
  const a2 = c.a2
  let r: boolean
  if (!a1) r = true
  else if (!a2) r = matchOne(a1, ps, last, state)
  else if (c.active) {
    r = true
    if (a2.kind === 'line' || a2.kind === 'plus') {
      if (state.lineno >= c.endLine) {
        c.active = false
        r = state.lineno === c.endLine
      }
    } else if (matchOne(a2, ps, last, state)) c.active = false
  } else if (matchOne(a1, ps, last, state)) {
    r = true
    if (a2.kind === 'line') {
      c.active = a2.n > state.lineno
      c.endLine = a2.n
    } else if (a2.kind === 'plus') {
      c.active = a2.n > 0
      c.endLine = state.lineno + a2.n
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

/** Runs the script over the input; returns when the input ends or q/Q asks. */
async function execute(proc: ProcContext, cmds: SedCommand[], input: Input, out: Emitter, quiet: boolean, state: State, files: SedFiles): Promise<void> {
  let ps = ''
  let reread = true
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
      if (c.name === 'a') out.line(c.text)
      else out.raw(await files.read(c.text))
    }
    appended.length = 0
  }
  // the caller then fills the lookahead; kept out of here so a line costs no await
  const takeLine = (): string => {
    state.lineno++
    return input.take()
  }
  for (;;) {
    if (reread) {
      if (!input.buffered && !(await input.fill())) return
      ps = takeLine()
      if (!input.buffered) await input.fill()
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
        case 'a':
        case 'r':
          appended.push(c)
          break
        case 'w':
          await files.write(c.text, ps, input.terminated, out)
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
          const nl = ps.indexOf('\n')
          autoprint = false
          pc = cmds.length
          if (nl >= 0) {
            ps = ps.slice(nl + 1)
            reread = false
          }
          break
        }
        case 'g':
          ps = state.hold
          break
        case 'G':
          ps += '\n' + state.hold
          spaces.grew(ps, state.hold)
          break
        case 'h':
          state.hold = ps
          break
        case 'H':
          state.hold += '\n' + ps
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
          if (last) {
            // GNU: at the end of input, n and N end the script (the pattern space is still printed)
            stop = true
            pc = cmds.length
            break
          }
          if (c.name === 'n' && !quiet) out.line(ps, input.terminated)
          if (appended.length > 0) await dumpAppended()
          ps = c.name === 'n' ? takeLine() : ps + '\n' + takeLine()
          spaces.grew(ps, state.hold)
          if (!input.buffered) await input.fill()
          break
        case 'p':
          out.line(ps, input.terminated)
          break
        case 'P': {
          const nl = ps.indexOf('\n')
          out.line(nl < 0 ? ps : ps.slice(0, nl))
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
    if (stop) return
  }
}

async function run(proc: ProcContext): Promise<number> {
  let args
  try {
    args = parseArgs(proc.argv, 'nErie:f:', { permute: true })
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
  const state: State = { hold: '', lineno: 0, lastRe: undefined, exit: undefined }
  const files = new SedFiles(proc)
  try {
    await files.open(writtenFiles(cmds))
  } catch (e) {
    await files.close()
    await failWith(proc, 'sed', e, '')
    return 4
  }
  try {
    if (flags['i']) return await inPlace(proc, cmds, operands, quiet, state, files)
    const buffer = new OutputBuffer(proc)
    const input = new Input(proc, operands.length === 0 ? ['-'] : operands)
    try {
      await execute(proc, cmds, input, new Emitter(buffer), quiet, state, files)
    } finally {
      await buffer.flush()
    }
    return state.exit ?? (input.failed ? 2 : 0)
  } catch (e) {
    if (!(e instanceof NoPreviousRegex)) throw e
    await proc.stderr.write(`sed: ${e.message}\n`)
    return 4
  } finally {
    await files.close()
  }
}

/** -i: each file on its own (line numbers and `$` per file), written back in place. */
async function inPlace(proc: ProcContext, cmds: SedCommand[], inputs: string[], quiet: boolean, state: State, files: SedFiles): Promise<number> {
  if (inputs.length === 0) {
    await proc.stderr.write('sed: no input files\n')
    return 1
  }
  let status = 0
  for (const file of inputs) {
    const input = new Input(proc, [file])
    const sink = new TextSink()
    state.lineno = 0
    for (const c of cmds) c.active = isZeroRange(c)
    await execute(proc, cmds, input, new Emitter(sink), quiet, state, files)
    if (input.failed) {
      status = 2
      continue
    }
    try {
      await proc.writeFile(file, sink.text)
    } catch (e) {
      await fail(proc, 'sed', file, e)
      status = 4
    }
    if (state.exit !== undefined) return state.exit
  }
  return status
}

export const sed = command({
  name: 'sed',
  usage: USAGE,
  summary: 'stream editor',
  help: `-n  print only what p and s///p print       -E, -r  extended regexps
-e SCRIPT  add a script (repeatable)           -f FILE  add a script from a file
-i  edit the files in place (each file on its own: line numbers and $ per file)
Commands: s/re/repl/[gpIN][w file] y/abc/xyz/ p P d D n N g G h H x a i c r w q Q = z b t T :label { } !`,
  run,
})
