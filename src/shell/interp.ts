/**
 * The interpreter: walks the syntax tree. Builtins and functions run inside the shell; other
 * commands, pipeline elements, subshells, command substitutions and background jobs are real
 * processes, started by processes.ts. The shell's descriptors are a map to the process's real
 * ones (redirect.ts), so a redirected builtin, function or loop never disturbs the shell's own.
 */
import { isNineError, reasonOf } from '../kernel/errors.ts'
import { DEFAULT_PATH, type ProcContext } from '../kernel/types.ts'
import type { AndOr, ArithFor, Assign, Command, For, FunctionDef, If, List, Pipeline, Placed, Redir, SimpleCommand, Word } from './ast.ts'
import type { Builtin, Found, ShellHost, Status } from './builtins/builtin.ts'
import { BUILTINS } from './builtins/index.ts'
import { ArithError, BreakSignal, ContinueSignal, ExitSignal, InterruptSignal, ShellError, ShellSyntaxError } from './errors.ts'
import { Expander, type ExpandHost } from './expand.ts'
import type { Job, JobTable } from './jobs.ts'
import { asAssignment, Parser } from './parser.ts'
import { ScriptReader } from './script.ts'
import { Processes, type ProcessHost } from './processes.ts'
import * as ondemand from './ondemand.ts'
import type { Hooks } from './hooks.ts'
import { FirstUse } from '../bins/lazy.ts'
import { applyRedirs, RedirError, type Fds } from './redirect.ts'
import { appended, type ShellState, type Var } from './state.ts'
import { traceQuote } from './quote.ts'
import { Traps } from './traps.ts'

const NO_WORDS: string[] = []

function hasProcSub(words: readonly Word[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w.literal !== undefined) continue
    for (let j = 0; j < w.parts.length; j++) if (w.parts[j]!.type === 'procsub') return true
  }
  return false
}

/** `[[ ]]` (cond.ts), loaded the first time a script uses it. */
const conditions = new FirstUse(() => import('./cond.ts'))
/** bash's `select` (select.ts), loaded the first time a script uses it. */
const selectMenu = new FirstUse(() => import('./select.ts'))
/** set -x's lines (xtrace.ts), loaded the first time a script traces. */
const tracing = new FirstUse(() => import('./xtrace.ts'))
/** Array assignments (arrays.ts), loaded with the first one. */
const arrays = new FirstUse(() => import('./arrays.ts'))
/** bash's words for syntax errors (bashsyntax.ts), loaded with the first one. */
const bashSyntaxWords = new FirstUse(() => import('./bashsyntax.ts'))
/** bash's `coproc` (coproc.ts), loaded the first time a script starts one. */
const coprocesses = new FirstUse(() => import('./coproc.ts'))
/** What `time` prints (timereport.ts), loaded the first time a script times something. */
const timeReports = new FirstUse(() => import('./timereport.ts'))

function cloneVar(v: Var | undefined): Var | undefined {
  return v === undefined ? undefined : v.items === undefined ? { ...v } : { ...v, items: new Map(v.items) }
}

/** Runaway recursion ends with an error instead of eating all memory. */
const MAX_DEPTH = 1000
/**
 * Words mostly expand at once, so a function call can run its body without waiting: every this
 * many levels a call waits one microtask, and deep recursion never piles up on the JS stack.
 */
const STACK_BREAK = 32

/** Function calls between checks of the time slice (a call that finishes at once never reaches the kernel). */
const YIELD_CALLS = 128
/** Commands of a long text (eval, `.`, `sh -c`) run between two offers of a turn: a text of builtins makes no call that would give one. */
const YIELD_COMMANDS = 256

/** A command of a text, and where it ends in the text. */
interface ParsedCommand {
  list: List
  end: number
}

/**
 * A syntax error in dash's words: `Syntax error: "fi" unexpected`, `Syntax error: end of file
 * unexpected (expecting "then")` (dash names only a token it expected).
 */
function dashSyntax(message: string): string {
  const m = /^syntax error: unexpected (.+?)(?: \(expected ("[^"]*")\))?(?: \(expected [^)]*\))?$/.exec(message)
  if (m === null) return message.replace(/^syntax error: (.)/, (_, c: string) => `Syntax error: ${c.toUpperCase()}`)
  return `Syntax error: ${m[1]} unexpected${m[2] === undefined ? '' : ` (expecting ${m[2]})`}`
}

/** A text's commands from its start up to its end, or up to the syntax error that stopped them. */
interface ParsedText {
  commands: ParsedCommand[]
  error: ShellSyntaxError | undefined
  /** What bash warns of as it parses; only the last command can hold it (a here-document ended by the end of the text). */
  warnings: string[]
}

const parseCache = new Map<string, ParsedText>()

/** Texts at most this long are kept parsed: `sh -c` lines, eval, traps; not whole script files. */
const CACHED_TEXT = 4096

/**
 * Parses a text once (`sh -c`, eval, traps, `.`), then reuses the tree, which nothing changes.
 * Only for a shell without aliases: with them, what a text means depends on the aliases of the
 * moment.
 */
function parseCached(text: string): ParsedText {
  let parsed = parseCache.get(text)
  if (parsed === undefined) {
    const warnings: string[] = []
    parsed = { commands: [], error: undefined, warnings }
    const parser = new Parser(text, 0, { final: true, baseLine: 1, warn: (w) => warnings.push(w) })
    try {
      for (let list = parser.next(); list !== null; list = parser.next()) parsed.commands.push({ list, end: parser.resumeAt })
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e
      parsed.error = e
    }
    if (text.length > CACHED_TEXT) return parsed
    if (parseCache.size > 500) parseCache.clear()
    parseCache.set(text, parsed)
  }
  return parsed
}

/** Compound commands whose own commands run in this shell: a failure among them met the ERR trap there. */
const RUN_IN_PLACE = new Set<Command['type']>(['group', 'if', 'loop', 'for', 'case', 'select', 'arithfor'])

export class Shell implements ExpandHost, ShellHost, ProcessHost {
  readonly expander: Expander
  readonly processes: Processes
  parentJobs: JobTable | undefined
  readonly traps: Traps
  /** The current descriptor map; redirections swap it for the duration of a command. */
  io: Fds
  /** shopt's options that are remembered but change nothing. */
  shoptExtra: Set<string> | undefined
  /** The status of the last command substitution (an assignment-only command's status). */
  private substitutionStatus = 0
  /** Under set -x: the assignments of the command being run, as the trace shows them. */
  private assignTraces: string[] = []
  /**
   * Set by `return`: the status it returns while the walk unwinds to its function or sourced
   * file, which takes it. Every walk over several commands stops when it is set; unwinding this
   * way, not by an exception, costs no rejected promise per async frame on the way.
   */
  returning: number | undefined
  /** Function calls made, for giving the host a turn every YIELD_CALLS. */
  private calls = 0
  /** How many trap actions are running (nested when a trap's commands are interrupted by another). */
  private trapping = 0
  /** The loop depths of the functions' callers, innermost last. */
  private readonly callerLoops: number[] = []
  /** The simple command whose DEBUG trap has just run (it runs next, untrapped). */
  private debugged: SimpleCommand | undefined

  constructor(
    readonly proc: ProcContext,
    readonly state: ShellState,
    /** The shell's own descriptors. */
    readonly fds: Fds,
  ) {
    this.io = fds
    state.maxString = proc.limits?.stringLength ?? Infinity
    state.holdAgainst(proc)
    this.expander = new Expander(this)
    this.traps = new Traps(proc, state)
    this.processes = new Processes(this)
    state.integers = this
  }

  /** A `declare -i` variable's value: only declare's -i makes one, and it loads the arithmetic first. */
  integerValue(text: string): string {
    return String(ondemand.arithmetic.now().evaluate(text, this.expander.arithVars()))
  }

  // ---- output

  async write(fd: number, text: string): Promise<void> {
    const real = this.io.get(fd)
    if (real === undefined) throw new ShellError(`${fd}: bad file descriptor`, 1)
    await this.proc.write(real, text)
  }

  /**
   * An error message on the current stderr (never throws), placed as each shell does: dash's
   * `NAME: N: ` and bash's `NAME: line N: ` (a syntax error comes as `line N: …` already); an
   * interactive shell gives only its name.
   */
  async error(message: string): Promise<void> {
    const s = this.state
    let place: string
    if (s.options.interactive) place = s.bash ? 'bash' : 'sh'
    else if (s.bash) place = /^(eval: |-c: )?line /.test(message) ? s.name : `${s.name}: line ${s.shownLine}`
    else {
      const syntax = /^line (\d+): /.exec(message)
      if (syntax !== null) message = dashSyntax(message.slice(syntax[0].length))
      place = `${s.name}: ${syntax?.[1] ?? s.lineno}`
    }
    await this.write(2, `${place}: ${message}\n`).catch(() => {})
  }

  // ---- running text

  /** Runs a text (eval, `.`, traps); for a syntax error in it, see textSyntaxError. */
  async runText(text: string): Promise<number> {
    const state = this.state
    // a long text is parsed a command at a time as it runs: whole, 3 million commands took 3.4 GB
    if (state.hasAliases || text.length > CACHED_TEXT) return this.runTextFrom(text, 0, 0)
    const { commands, error } = parseCached(text)
    if (error !== undefined) return this.textSyntaxError(error)
    let status = 0
    // indexed: an entries() iterator makes an array a command
    for (let i = 0; i < commands.length; i++) {
      const c = commands[i]!
      status = await this.execList(c.list)
      if (this.returning !== undefined) break
      // an alias defined now applies to the commands after this one, parsed anew
      if (state.hasAliases && i + 1 < commands.length) return this.runTextFrom(text, c.end, status)
    }
    return status
  }

  /** Runs a text from `start` a command at a time, each parsed with the aliases of the moment, as dash's eval and `.` do. */
  private async runTextFrom(text: string, start: number, status: number): Promise<number> {
    const reader = this.scriptReader(text, start, 1)
    for (let n = 1; ; n++) {
      if (n % YIELD_COMMANDS === 0) await this.turn()
      let list: List | null
      try {
        list = reader.next()
      } catch (e) {
        if (e instanceof ShellSyntaxError) return this.textSyntaxError(e)
        throw e
      }
      if (list === null) return status
      status = await this.execList(list)
      if (this.returning !== undefined) return status
    }
  }

  /**
   * Runs a script command by command, as `sh -c` and `sh FILE` do. Errors end a non-interactive
   * shell; control-flow signals (exit, return) propagate to the caller.
   */
  runScript(text: string, baseLine = 1): Status {
    const state = this.state
    if (baseLine !== 1 || state.hasAliases || text.length > CACHED_TEXT) return this.runScriptFrom(text, 0, baseLine, 0)
    const parsed = parseCached(text)
    const commands = parsed.commands
    let status = 0
    // at once while each command ends at once; from the first that waits (or a `return`, or an alias defined), in scriptAfter
    for (let i = 0; i < commands.length; i++) {
      if (i === commands.length - 1 && parsed.warnings.length > 0 && state.bash) return this.warnedLast(text, parsed, i)
      const ran = this.runTopLevel(commands[i]!.list)
      if (typeof ran !== 'number' || this.returning !== undefined || state.hasAliases) return this.scriptAfter(text, parsed, i, ran)
      status = ran
    }
    return parsed.error === undefined ? status : this.syntaxError(parsed.error)
  }

  /** runScript's last command after the warnings its parse gave, printed just before it runs, as bash does. */
  private async warnedLast(text: string, parsed: ParsedText, i: number): Promise<number> {
    for (const w of parsed.warnings) await this.error(w)
    return this.scriptAfter(text, parsed, i, this.runTopLevel(parsed.commands[i]!.list))
  }

  /** The rest of runScript once command `i` (its status `ran`) has been started. */
  private async scriptAfter(text: string, parsed: ParsedText, i: number, ran: Status): Promise<number> {
    const { commands, error } = parsed
    let status = await ran
    for (;;) {
      if (this.returning !== undefined) return status
      const c = commands[i]!
      // an alias defined now applies to the commands after this one, parsed anew
      if (this.state.hasAliases && i + 1 < commands.length) return this.runScriptFrom(text, c.end, 1, status)
      if (++i >= commands.length) break
      if (i === commands.length - 1 && this.state.bash) for (const w of parsed.warnings) await this.error(w)
      status = await this.runTopLevel(commands[i]!.list)
    }
    return error === undefined ? status : this.syntaxError(error)
  }

  /** Runs a script from `start` a command at a time, each parsed with the aliases of the moment. */
  private async runScriptFrom(text: string, start: number, baseLine: number, status: number): Promise<number> {
    const reader = this.scriptReader(text, start, baseLine)
    for (let n = 1; ; n++) {
      if (n % YIELD_COMMANDS === 0) await this.turn()
      let list: List | null
      try {
        list = reader.next()
      } catch (e) {
        if (!(e instanceof ShellSyntaxError)) throw e
        return this.syntaxError(e)
      }
      if (this.state.bash) for (const w of reader.takeWarnings()) await this.error(w)
      if (list === null) return status
      status = await this.runTopLevel(list)
      if (this.returning !== undefined) return status
    }
  }

  /**
   * A syntax error in an eval'd or sourced text: in sh a ShellError, which ends a shell that is
   * not interactive (eval and `.` are special builtins, as in dash); bash reports it and the
   * command fails with 2, and the script goes on.
   */
  private async textSyntaxError(e: ShellSyntaxError): Promise<number> {
    if (!this.state.bash) throw new ShellError(e.message, 2)
    await this.reportSyntaxError(e)
    return 2
  }

  /** A syntax error in the shell's words (bash's: bashsyntax.ts). */
  async reportSyntaxError(e: ShellSyntaxError): Promise<void> {
    if (!this.state.bash) return this.error(e.message)
    for (const message of (await bashSyntaxWords.get()).bashSyntax(e, this.state)) await this.error(message)
  }

  /** A script's syntax error: reported, status 2, and the end of a shell that is not interactive. */
  private async syntaxError(e: ShellSyntaxError): Promise<number> {
    await this.reportSyntaxError(e)
    this.state.status = 2
    if (!this.state.options.interactive) throw new ExitSignal(2)
    return 2
  }

  private scriptReader(text: string, start: number, baseLine: number): ScriptReader {
    const state = this.state
    return new ScriptReader(text, start, baseLine, state.aliasText, () => state.hasAliases)
  }

  /**
   * One complete command at top level: a ShellError prints and (non-interactively) exits. Its
   * status at once where the command ended at once.
   */
  runTopLevel(list: List): Status {
    let ran: Status
    try {
      ran = this.execList(list)
    } catch (e) {
      ran = Promise.reject(e)
    }
    return typeof ran === 'number' && this.returning === undefined ? ran : this.topLevelWaiting(ran)
  }

  private async topLevelWaiting(ran: Status): Promise<number> {
    try {
      const status = await ran
      // at a prompt, `return` outside a function ends only its command line
      if (this.returning !== undefined && this.state.options.interactive) this.returning = undefined
      return status
    } catch (e) {
      if (e instanceof ShellError) {
        if (!e.reported) await this.error(e.message)
        const status = this.errorStatus(e)
        this.state.status = status
        if (!this.state.options.interactive && e.fatal && !this.bashGoesOn(e)) throw new ExitSignal(status)
        return status
      }
      if (e instanceof BreakSignal || e instanceof ContinueSignal) return this.state.status
      throw e
    }
  }

  /** Turns what ended a shell (exit, return, errors) into its status, then runs the EXIT trap. */
  finish(run: () => Status): Status {
    let ran: Status
    try {
      ran = run()
    } catch (e) {
      ran = Promise.reject(e)
    }
    // at once where the run ended at once and there is neither a `return` to take nor an EXIT trap
    return typeof ran === 'number' && this.returning === undefined && this.state.trapAction('EXIT') === undefined ? ran : this.finishing(ran)
  }

  private async finishing(ran: Status): Promise<number> {
    let status: number
    try {
      status = await ran
    } catch (e) {
      status = await this.statusOf(e)
    }
    // `return` outside a function ends the shell, as in dash
    if (this.returning !== undefined) status = this.takeReturn()
    const action = this.state.trapAction('EXIT')
    if (action !== undefined && action !== '') {
      this.state.traps.delete('EXIT')
      this.state.status = status
      try {
        await this.runTrap(action)
      } catch (e) {
        if (e instanceof ExitSignal) status = e.status
        else await this.statusOf(e)
      }
    }
    return status
  }

  private async statusOf(e: unknown): Promise<number> {
    if (e instanceof ExitSignal) return e.status
    if (e instanceof BreakSignal || e instanceof ContinueSignal) return this.state.status
    if (e instanceof ShellError) {
      if (!e.reported) await this.error(e.message)
      return this.errorStatus(e)
    }
    if (isNineError(e, 'EEXITED')) throw e
    await this.error(reasonOf(e))
    return 2
  }

  /** bash abandons the command line at an arithmetic error and goes on, with status 1. */
  private bashGoesOn(e: ShellError): boolean {
    return this.state.bash && e instanceof ArithError
  }

  private errorStatus(e: ShellError): number {
    return this.bashGoesOn(e) ? 1 : e.status
  }

  /**
   * bash's arithmetic commands ((( )), let, [[ -eq ]]) fail with status 1 at an error in their
   * expression, where an expansion's error abandons the command line.
   */
  async arithmeticCommand(evaluate: () => Promise<number>): Promise<number> {
    try {
      return await evaluate()
    } catch (e) {
      if (!(e instanceof ArithError) || !this.state.bash) throw e
      await this.error(e.message)
      return 1
    }
  }

  // ---- lists

  /**
   * Runs a list without a promise while its commands finish at once (builtins, tests,
   * assignments, functions of those); from the first that waits, or a trap to run, it goes on
   * in `listWaiting`.
   */
  execList(list: List): Status {
    let status = this.state.status
    const items = list.items
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!
      const run = item.async ? this.background(item.command) : this.execAndOr(item.command)
      if (typeof run !== 'number' || this.traps.pending.length > 0) return this.listWaiting(list, i, run)
      status = run
      if (this.returning !== undefined) break
    }
    return status
  }

  /** The rest of a list after item `i`, whose run is `run`. */
  private async listWaiting(list: List, i: number, run: Status): Promise<number> {
    let status = await run
    for (;;) {
      if (this.traps.pending.length > 0) await this.runTraps()
      if (this.returning !== undefined || ++i >= list.items.length) return status
      const item = list.items[i]!
      status = await (item.async ? this.background(item.command) : this.execAndOr(item.command))
    }
  }

  private async background(cmd: AndOr): Promise<number> {
    await this.processes.background(cmd)
    return (this.state.status = 0)
  }

  /** A subshell, `(( ))` or `[[ ]]` fails as a whole: errors and the ERR trap name its line and text. */
  private placeCompound(cmd: Placed): void {
    if (cmd.line !== undefined) this.state.lineno = cmd.line
    if (cmd.text !== undefined && this.trapping === 0) this.state.command = cmd.text
  }

  /** `run`, after bash's DEBUG trap where one is set (and no trap is running). */
  private afterDebugTrap(run: () => Status): Status {
    const action = this.state.debugTrap
    return action === undefined || this.trapping > 0 ? run() : ondemand.hooks.now().debugHook(this, action, run)
  }

  /** bash's RETURN trap (hooks.ts, loaded when the trap was set). */
  returnHook(action: string, status: number): Promise<number> {
    return ondemand.hooks.now().returnHook(this, action, status)
  }

  /** A trap's action; $BASH_COMMAND keeps naming the command it interrupted meanwhile. */
  async runTrap(action: string): Promise<number> {
    this.trapping++
    try {
      return await this.runText(action)
    } finally {
      this.trapping--
    }
  }

  async runTraps(): Promise<void> {
    const state = this.state
    while (this.traps.pending.length > 0) {
      // a trap may signal its own shell again (`trap 'kill -INT $$' INT`), for ever as in dash
      await this.proc.yield()
      const sig = this.traps.pending.shift()!
      const action = state.trapAction(sig)
      if (action === undefined || action === '') continue
      const saved = state.status
      await this.runTrap(action)
      if (this.returning !== undefined) return
      state.status = saved
    }
  }

  execAndOr(ao: AndOr): Status {
    this.processes.jobText = ao.text
    return ao.rest.length === 0 ? this.execPipeline(ao.first, true) : this.execChain(ao)
  }

  /** `a && b || c`: only the last pipeline run may trigger errexit. */
  private async execChain(ao: AndOr): Promise<number> {
    const state = this.state
    state.errexitSuppressed++
    let status: number
    try {
      status = await this.execPipeline(ao.first, false)
      for (let i = 0; i < ao.rest.length; i++) {
        if (this.returning !== undefined) break
        const r = ao.rest[i]!
        if ((r.op === '&&') !== (status === 0)) continue
        const last = i === ao.rest.length - 1
        if (last) state.errexitSuppressed--
        try {
          status = await this.execPipeline(r.pipeline, last)
        } finally {
          if (last) state.errexitSuppressed++
        }
      }
    } finally {
      state.errexitSuppressed--
    }
    return status
  }

  private execPipeline(p: Pipeline, checkErrexit: boolean): Status {
    if (p.negate || p.timed || p.commands.length !== 1) return this.execPipelineWaiting(p, checkErrexit)
    const cmd = p.commands[0]!
    const run = this.execCommand(cmd)
    return typeof run === 'number' ? this.endCommand(run, checkErrexit, cmd) : this.commandWaiting(run, checkErrexit, cmd)
  }

  private async commandWaiting(run: Promise<number>, checkErrexit: boolean, cmd: Command): Promise<number> {
    return this.endCommand(await run, checkErrexit, cmd)
  }

  /** A pipeline of one command, as `execPipelineWaiting` ends it. */
  private endCommand(status: number, checkErrexit: boolean, cmd: Command): Status {
    if (this.returning !== undefined) return status
    const state = this.state
    state.pipeStatus = undefined
    state.status = status
    if (checkErrexit && status !== 0 && state.errexitSuppressed === 0) return this.failed(status, cmd)
    return status
  }

  /**
   * A pipeline failed where set -e would end the shell: bash's ERR trap runs first (not inside a
   * function without set -E, not while it runs, and not again for a compound command whose own
   * commands ran here and were trapped), then set -e ends the shell.
   */
  private failed(status: number, cmd: Command | undefined): Status {
    const state = this.state
    const action = state.trapAction('ERR')
    if (action && state.trappedLine === undefined && !(cmd && RUN_IN_PLACE.has(cmd.type)) && (state.functionDepth === 0 || state.options.errtrace)) return this.errTrap(action, status)
    if (state.options.errexit) throw new ExitSignal(status)
    return status
  }

  private async errTrap(action: string, status: number): Promise<number> {
    // (set while it runs: no ERR trap within it)
    this.state.trappedLine = this.state.lineno
    try {
      await this.runTrap(action)
    } finally {
      this.state.trappedLine = undefined
    }
    this.state.status = status
    if (this.state.options.errexit) throw new ExitSignal(status)
    return status
  }

  /** `time`'s report on standard error, in TIMEFORMAT's form. */
  private async reportTime(posix: boolean, realMs: number): Promise<void> {
    const report = (await timeReports.get()).timeReport(this.state.get('TIMEFORMAT'), posix, realMs)
    if (report instanceof Error) await this.error(`TIMEFORMAT: ${report.message}`)
    else await this.write(2, report).catch(() => {})
  }

  private async execPipelineWaiting(p: Pipeline, checkErrexit: boolean): Promise<number> {
    const state = this.state
    if (p.negate) state.errexitSuppressed++
    const started = p.timed ? performance.now() : 0
    let status: number
    try {
      if (p.commands.length === 1) {
        status = await this.execCommand(p.commands[0]!)
        if (this.returning !== undefined) return status
        state.pipeStatus = undefined
      } else if (state.options.lastpipe && !state.options.interactive) status = await this.processes.lastInShell(p.commands, async (cmd) => this.execCommand(cmd))
      else status = await this.processes.foreground(await this.processes.startPipeline(p.commands, this.processes.jobPgid()))
    } finally {
      if (p.negate) state.errexitSuppressed--
    }
    if (p.timed) await this.reportTime(p.timed === 'posix', performance.now() - started)
    if (p.negate) status = status === 0 ? 1 : 0
    state.status = status
    if (checkErrexit && status !== 0 && !p.negate && state.errexitSuppressed === 0) return this.failed(status, p.commands.length === 1 ? p.commands[0] : undefined)
    return status
  }

  // ---- commands

  execCommand(cmd: Command): Status {
    // the common commands first, in a function that makes no closure (V8 would allocate their context on every call)
    if (cmd.type === 'simple') return this.simple(cmd)
    if (cmd.type === 'if' && cmd.redirs.length === 0) return this.ifFrom(cmd, 0)
    if (cmd.type === 'group' && cmd.redirs.length === 0) return this.execList(cmd.body)
    return this.compound(cmd)
  }

  private compound(cmd: Command): Status {
    switch (cmd.type) {
      case 'simple':
        return this.simple(cmd)
      case 'function':
        // POSIX: a special builtin cannot be replaced by a function (bash allows it)
        if (!this.state.bash && BUILTINS.get(cmd.name)?.special) throw new ShellError(`${cmd.name}: cannot redefine a special builtin`, 2)
        this.state.functions.set(cmd.name, cmd)
        this.state.chargeFunction(cmd)
        this.state.functionsChanged()
        this.state.functionSources.set(cmd.name, this.state.sourceStack[0] ?? 'environment')
        return 0
      case 'group':
        return this.redirected(cmd.redirs, () => this.execList(cmd.body))
      case 'subshell':
        this.placeCompound(cmd)
        return this.redirected(cmd.redirs, async () => {
          const processes = this.processes
          return processes.foreground([await processes.spawnShell(this.io, (sh) => sh.execList(cmd.body), processes.jobPgid())])
        })
      case 'if':
        return this.redirected(cmd.redirs, () => this.ifFrom(cmd, 0))
      case 'loop':
        return this.redirected(cmd.redirs, () => this.loop(cmd.cond, cmd.body, cmd.until))
      case 'for':
        return this.redirected(cmd.redirs, async () => {
          const values = cmd.words ? await this.expander.fields(cmd.words) : this.state.positional.slice()
          return this.loop(undefined, cmd.body, false, values, undefined, cmd)
        })
      case 'case':
        return this.redirected(cmd.redirs, async () => {
          const subject = await this.expander.word(cmd.word)
          let status = 0
          let fallThrough = false
          for (const item of cmd.items) {
            if (!fallThrough && !(await this.caseMatches(item.patterns, subject))) continue
            status = await this.execList(item.body)
            if (item.then === undefined || this.returning !== undefined) return status
            fallThrough = item.then === ';&'
          }
          return status
        })
      case 'arithcmd':
        this.placeCompound(cmd)
        return this.afterDebugTrap(() => this.redirected(cmd.redirs, () => this.arithmeticCommand(async () => ((await this.expander.arithmetic(cmd.expr, this.arithTrace())) === 0 ? 1 : 0))))
      case 'cond':
        this.placeCompound(cmd)
        return this.afterDebugTrap(() => this.redirected(cmd.redirs, () => this.arithmeticCommand(async () => ((await (await conditions.get()).evalCond(this, cmd.expr)) ? 0 : 1))))
      case 'select':
        return this.redirected(cmd.redirs, async () => (await selectMenu.get()).select(this, cmd))
      case 'coproc':
        return (async () => (await coprocesses.get()).coproc(this, cmd))()
      case 'arithfor':
        return this.redirected(cmd.redirs, async () => {
          await this.expander.arithmetic(cmd.init, this.arithTrace())
          return this.loop(undefined, cmd.body, false, undefined, cmd)
        })
    }
  }

  /** An `if` from its clause `i`: at once while its conditions and body finish at once. */
  private ifFrom(cmd: If, i: number): Status {
    const clause = cmd.clauses[i]
    if (clause === undefined) return cmd.elseBody ? this.execList(cmd.elseBody) : 0
    const tested = this.condition(clause.cond)
    return typeof tested === 'number' ? this.ifTested(cmd, i, tested) : this.ifWaiting(cmd, i, tested)
  }

  private async ifWaiting(cmd: If, i: number, tested: Promise<number>): Promise<number> {
    return await this.ifTested(cmd, i, await tested)
  }

  private ifTested(cmd: If, i: number, status: number): Status {
    if (this.returning !== undefined) return status
    return status === 0 ? this.execList(cmd.clauses[i]!.body) : this.ifFrom(cmd, i + 1)
  }

  private async caseMatches(patterns: readonly Word[], subject: string): Promise<boolean> {
    const { extglob, nocasematch } = this.state.options
    const loaded = ondemand.patterns.get()
    const { matchPattern } = loaded instanceof Promise ? await loaded : loaded
    for (const p of patterns) if (matchPattern(await this.expander.pattern(p), subject, extglob, nocasematch)) return true
    return false
  }

  private condition(list: List): Status {
    const state = this.state
    state.errexitSuppressed++
    let run: Status
    try {
      run = this.execList(list)
    } catch (e) {
      state.errexitSuppressed--
      throw e
    }
    if (typeof run !== 'number') return this.conditionWaiting(run)
    state.errexitSuppressed--
    return run
  }

  private async conditionWaiting(run: Promise<number>): Promise<number> {
    try {
      return await run
    } finally {
      this.state.errexitSuppressed--
    }
  }

  /** while/until (with `cond`), for (with `name`, `values` and the `header` set -x shows) and for (( )) (with `arith`, its init done). */
  private async loop(cond: List | undefined, body: List, until: boolean, values?: string[], arith?: ArithFor, pass?: For): Promise<number> {
    const state = this.state
    let status = 0
    state.loopDepth++
    try {
      for (let i = 0; ; i++) {
        // A loop of builtins makes no system call that would let the host run (Ctrl-C, input).
        // (inline, not turn(): one promise an iteration, not two)
        await this.proc.yield()
        if (this.traps.interrupted) throw new InterruptSignal()
        if (arith) {
          if (i > 0) await this.expander.arithmetic(arith.step, this.arithTrace())
          if ((await this.expander.arithmetic(arith.cond, this.arithTrace())) === 0) break
        } else if (cond) {
          // break and continue in the condition act on this loop
          let passed: boolean
          try {
            const tested = await this.condition(cond)
            if (this.returning !== undefined) return tested
            passed = (tested === 0) !== until
          } catch (e) {
            if (!(e instanceof BreakSignal || e instanceof ContinueSignal)) throw e
            if (--e.levels > 0) throw e
            if (e instanceof BreakSignal) break
            continue
          }
          if (!passed) break
        } else {
          if (i >= values!.length) break
          if (state.options.xtrace && state.bash) await this.traceLine(pass!.header)
          if (state.debugTrap !== undefined && this.trapping === 0) {
            state.command = pass!.header
            state.lineno = pass!.line
            await ondemand.hooks.now().debugHook(this, state.debugTrap, () => 0)
          }
          state.set(pass!.name, values![i]!)
        }
        try {
          status = await this.execList(body)
          if (this.returning !== undefined) return status
        } catch (e) {
          if (!(e instanceof BreakSignal || e instanceof ContinueSignal)) throw e
          if (--e.levels > 0) throw e
          // break and continue were the last commands run: their status, 0, is the loop's
          status = 0
          if (e instanceof BreakSignal) break
        }
      }
    } finally {
      state.loopDepth--
    }
    return status
  }

  /** Runs `fn` with the redirections applied to the shell's descriptor map; a failure is status 2, 1 in bash (`fatal`: an error, as for sh's special builtins). */
  redirected(redirs: readonly Redir[], fn: () => Status, fatal = false): Status {
    return redirs.length === 0 ? fn() : this.redirecting(redirs, fn, fatal)
  }

  private async redirecting(redirs: readonly Redir[], fn: () => Status, fatal: boolean): Promise<number> {
    let applied
    const mark = this.processes.openSubstitutions
    try {
      applied = await applyRedirs(this.proc, this.expander, redirs, this.io, this.state)
    } catch (e) {
      if (!(e instanceof RedirError)) throw e
      this.state.lineno = e.line
      // bash has no special builtins outside POSIX mode, and fails a redirection with 1
      if (fatal && !this.state.bash) throw new ShellError(e.message, 2)
      await this.error(e.message)
      return this.state.bash ? 1 : 2
    } finally {
      // `< <(cmd)` opened the pipe through /dev/fd: the substitution's own descriptor can go
      if (this.processes.openSubstitutions > mark) await this.processes.closeProcSubs(mark)
    }
    const saved = this.io
    this.io = applied.fds
    try {
      return await fn()
    } catch (e) {
      // the error goes where the redirections send standard error, as in dash and bash
      if (e instanceof ShellError && !e.reported) {
        await this.error(e.message)
        e.reported = true
      }
      throw e
    } finally {
      this.io = saved
      await applied.release()
    }
  }

  /**
   * `exec` without a command: the redirections stay, on the shell's own descriptors. A process
   * substitution's own descriptor is closed once its pipe is on the wanted one (as bash), so
   * `exec > >(cmd)` then `exec >&3` leaves cmd its end of input.
   */
  async redirectShell(redirs: readonly Redir[]): Promise<number> {
    const mark = this.processes.openSubstitutions
    try {
      return await this.redirectEach(redirs)
    } finally {
      if (this.processes.openSubstitutions > mark) await this.processes.closeProcSubs(mark)
    }
  }

  private async redirectEach(redirs: readonly Redir[]): Promise<number> {
    for (const r of redirs) {
      let applied
      try {
        applied = await applyRedirs(this.proc, this.expander, [r], this.io, this.state)
      } catch (e) {
        if (!(e instanceof RedirError)) throw e
        this.state.lineno = e.line
        if (!this.state.bash) throw new ShellError(e.message, 2)
        await this.error(e.message)
        return 1
      }
      let duplicated = false
      let kept = false
      for (const fd of applied.affected) {
        const real = applied.fds.get(fd)
        if (this.io !== this.fds) {
          // inside a redirected command: change that command's map only
          if (real === undefined) this.io.delete(fd)
          else this.io.set(fd, real)
        } else if (real === undefined) {
          if (this.fds.has(fd)) await this.proc.close(fd).catch(() => {})
          this.fds.delete(fd)
        } else {
          // a file opened straight onto the wanted number stays open (no release)
          if (real !== fd) {
            await this.proc.dup(real, fd)
            duplicated = true
          } else kept = true
          this.fds.set(fd, fd)
        }
      }
      if (duplicated && !kept) void applied.release()
    }
    return 0
  }

  private simple(cmd: SimpleCommand): Status {
    const mark = this.processes.openSubstitutions
    return mark === 0 && !hasProcSub(cmd.words) ? this.simpleCommand(cmd) : this.simpleClosing(cmd, mark)
  }

  /** A simple command that closes the process substitutions opened for it (since `mark`). */
  private async simpleClosing(cmd: SimpleCommand, mark: number): Promise<number> {
    try {
      return await this.simpleCommand(cmd)
    } finally {
      await this.processes.closeProcSubs(mark)
    }
  }

  /**
   * A simple command, without a promise where its words expand at once and what it runs (a
   * builtin, a function of those) finishes at once; `simpleWaiting` takes the rest.
   */
  private simpleCommand(cmd: SimpleCommand): Status {
    const state = this.state
    this.substitutionStatus = 0
    state.lineno = cmd.line
    if (this.trapping === 0) {
      state.command = cmd.text
      if (state.debugTrap !== undefined) {
        // the DEBUG trap first, then the command (marked, so that it is not trapped again)
        if (this.debugged !== cmd) return ondemand.hooks.now().debugHook(this, state.debugTrap, () => ((this.debugged = cmd), this.simpleCommand(cmd)))
        this.debugged = undefined
      }
    }
    const first = cmd.words[0]?.literal
    if (first !== undefined && BUILTINS.get(first)?.declaration === true && state.functionNamed(first) === undefined) return this.declaring(cmd)
    const fields = cmd.words.length === 0 ? NO_WORDS : this.expander.fields(cmd.words)
    if (!Array.isArray(fields)) return this.wordsWaiting(cmd, fields)
    if (cmd.assigns.length > 0 && fields.length === 0) return this.assignOnly(cmd, 0)
    if (cmd.assigns.length > 0 || state.options.xtrace) return this.simpleWaiting(cmd, fields, undefined)
    return this.runArgv(cmd, fields, undefined, undefined)
  }

  /** A command of assignments only, from its assignment `i`: each is visible to the next (bash's a[i]=, +=, a=(…) too). */
  private assignOnly(cmd: SimpleCommand, i: number): Status {
    const assigns = cmd.assigns
    // what a failed assignment left
    if (i === 0 && this.assignTraces.length > 0) this.assignTraces = []
    for (; i < assigns.length; i++) {
      let wait: Promise<void> | undefined
      try {
        wait = this.assign(assigns[i]!, this.state.options.xtrace)
      } catch (e) {
        throw this.assignFailure(e)
      }
      if (wait !== undefined) return this.assignWaiting(cmd, i, wait)
    }
    if (this.state.options.xtrace || cmd.redirs.length > 0) return this.assigned(cmd)
    return this.substitutionStatus
  }

  private async assignWaiting(cmd: SimpleCommand, i: number, wait: Promise<void>): Promise<number> {
    try {
      await wait
    } catch (e) {
      throw this.assignFailure(e)
    }
    return await this.assignOnly(cmd, i + 1)
  }

  /** bash abandons the command line after assigning to a read-only variable; dash (and POSIX) end the script. */
  private assignFailure(e: unknown): unknown {
    if (!(e instanceof ShellError && this.state.bash)) return e
    const tamed = new ShellError(e.message, 1, false)
    tamed.reported = e.reported
    return tamed
  }

  private async assigned(cmd: SimpleCommand): Promise<number> {
    if (this.assignTraces.length > 0) {
      const lines = this.assignTraces
      this.assignTraces = []
      for (const line of lines) await this.traceLine(line)
    }
    const status = this.substitutionStatus
    return await this.redirected(cmd.redirs, () => status)
  }

  private async wordsWaiting(cmd: SimpleCommand, fields: Promise<string[]>): Promise<number> {
    return await this.simpleWaiting(cmd, await fields, undefined)
  }

  private async declaring(cmd: SimpleCommand): Promise<number> {
    const [argv, declared] = await this.declarationArgs(cmd.words)
    return await this.simpleWaiting(cmd, argv, declared)
  }

  private async simpleWaiting(cmd: SimpleCommand, argv: string[], declared: (Assign | undefined)[] | undefined): Promise<number> {
    const state = this.state
    if (cmd.assigns.length > 0 && argv.length === 0) return await this.assignOnly(cmd, 0)
    const assigns = cmd.assigns.length === 0 ? undefined : await this.assignValues(cmd.assigns)
    if (state.options.xtrace) await this.trace(assigns, argv)
    return await this.runArgv(cmd, argv, assigns, declared)
  }

  /** Runs a simple command's expanded words with its prefix assignments' values. */
  private runArgv(cmd: SimpleCommand, argv: string[], assigns: [string, string][] | undefined, declared: (Assign | undefined)[] | undefined): Status {
    const state = this.state
    if (argv.length === 0) {
      const status = this.substitutionStatus
      return cmd.redirs.length === 0 ? status : this.redirected(cmd.redirs, async () => status)
    }
    const name = argv[0]!
    const fn = state.functionNamed(name)
    const builtin = fn === undefined ? BUILTINS.get(name) : undefined
    if (fn === undefined && builtin === undefined) return this.program(cmd, argv, assigns)
    if (name === 'exec' && argv.length === 1 && builtin !== undefined) {
      if (assigns) for (const [n, v] of assigns) state.set(n, v)
      return this.redirectShell(cmd.redirs)
    }
    if (!assigns && cmd.redirs.length === 0) return fn ? this.callFunction(fn, argv) : builtin!.run(this, argv, declared)
    return this.runWith(cmd, argv, assigns, declared, fn, builtin)
  }

  /** A command that is neither a builtin nor a function (apart, as its closure captures argv). */
  private program(cmd: SimpleCommand, argv: string[], assigns: [string, string][] | undefined): Status {
    const state = this.state
    const env = assigns ? { ...state.env(), ...Object.fromEntries(assigns) } : state.env()
    return this.redirected(cmd.redirs, () => this.external(argv, env))
  }

  /** A builtin or function with redirections or prefix assignments. */
  private runWith(cmd: SimpleCommand, argv: string[], assigns: [string, string][] | undefined, declared: (Assign | undefined)[] | undefined, fn: FunctionDef | undefined, builtin: Builtin | undefined): Status {
    const state = this.state
    const name = argv[0]!
    const run = (): Status => this.redirected(cmd.redirs, () => (fn ? this.callFunction(fn, argv) : builtin!.run(this, argv, declared)), builtin?.special)
    if (!assigns) return run()
    if (builtin?.special) {
      // they stay in the shell; `exec`'s go to the command it runs
      for (const [n, v] of assigns) {
        if (name === 'exec') state.export(n, v)
        else state.set(n, v)
      }
      return run()
    }
    return this.withTemporary(assigns, run)
  }

  /**
   * Prefix assignments' values; each is visible to the ones after it while they expand
   * (`A=1 B=$A cmd`), then the variables are put back.
   */
  async assignValues(assigns: Assign[]): Promise<[string, string][]> {
    const out: [string, string][] = []
    const state = this.state
    if (assigns.length === 1) {
      out.push([assigns[0]!.name, await this.expander.word(assigns[0]!.value)])
      return out
    }
    const saved = assigns.map((a) => [a.name, cloneVar(state.vars.get(a.name))] as const)
    try {
      for (const a of assigns) {
        const v = await this.expander.word(a.value)
        out.push([a.name, v])
        state.vars.set(a.name, { value: v, exported: false, readonly: false })
      }
    } finally {
      for (const [n, old] of saved.reverse()) state.restore(n, old)
    }
    return out
  }

  /** The words of a declaration builtin: operands written as assignments stay whole (no splitting). */
  private async declarationArgs(words: readonly Word[]): Promise<[string[], (Assign | undefined)[]]> {
    const argv: string[] = []
    const assigns: (Assign | undefined)[] = []
    for (const w of words) {
      const a = argv.length > 0 ? asAssignment(w) : undefined
      if (a !== undefined) {
        assigns[argv.length] = a
        argv.push(a.name)
      } else argv.push(...(await this.expander.fields([w])))
    }
    return [argv, assigns]
  }

  /**
   * Performs an assignment: `x=v`, `x+=v`, `a[i]=v`, `a=(…)`, `a+=(…)`. A scalar whose value
   * waits for nothing is assigned at once (undefined); anything else returns its promise.
   */
  assign(a: Assign, traced = false): Promise<void> | undefined {
    if (a.array !== undefined || a.index !== undefined) return this.assignElements(a, traced)
    const value = this.expander.word(a.value)
    if (typeof value !== 'string') return value.then((v) => this.assignScalar(a, v, traced))
    this.assignScalar(a, value, traced)
    return undefined
  }

  /** `traced`: the assignment is kept for set -x's line (a builtin's are shown in its own line). */
  private assignScalar(a: Assign, value: string, traced: boolean): void {
    const state = this.state
    state.set(a.name, a.append ? appended(state.vars.get(a.name), state.get(a.name), value, state) : value)
    if (traced) this.assignTraces.push(`${a.name}${a.append ? '+=' : '='}${traceQuote(value)}`)
  }

  /** Assignments to arrays and their elements. */
  /** An array's assignment, `a=(…)` or `a[i]=v` (arrays.ts); with `traced`, set -x's line for it kept. */
  private async assignElements(a: Assign, traced: boolean): Promise<void> {
    const shown = await (await arrays.get()).assignElements(this.state, this.expander, a)
    if (traced) this.assignTraces.push(shown)
  }

  /** Prefix assignments for a regular builtin or function: exported for its duration, then restored. */
  private async withTemporary(assigns: [string, string][], run: () => Status): Promise<number> {
    const state = this.state
    const saved = assigns.map(([n]) => {
      const v = state.vars.get(n)
      return [n, v && { ...v }] as const
    })
    for (const [n, v] of assigns) state.export(n, v)
    try {
      return await run()
    } finally {
      for (const [n, old] of saved) state.restore(n, old)
    }
  }

  async trace(assigns: [string, string][] | undefined, argv: readonly string[]): Promise<void> {
    const words = [...(assigns ?? []).map(([n, v]) => `${n}=${traceQuote(v)}`), ...argv.map(traceQuote)]
    if (words.length > 0) await this.traceLine(words.join(' '))
  }

  /** Under set -x: what shows an arithmetic command's expression, as `(( expr ))`. */
  private arithTrace(): ((text: string) => Promise<void>) | undefined {
    return this.state.options.xtrace ? (text) => this.traceLine(`(( ${text} ))`) : undefined
  }

  /** A line of set -x (xtrace.ts). */
  async traceLine(text: string): Promise<void> {
    await (await tracing.get()).traceLine(this, text)
  }

  /**
   * Runs `fn` one level deeper (a function, `eval`, `.`, a command substitution), within the
   * process's depth limit: unbounded recursion is an error, not a host out of memory.
   */
  async nested<T>(what: string, fn: () => Promise<T>): Promise<T> {
    this.enter(what)
    try {
      if (this.state.nesting % STACK_BREAK === 0) await undefined
      return await fn()
    } finally {
      this.state.nesting--
    }
  }

  /** One level deeper (the caller goes back up with `state.nesting--`), or an error past the limit. */
  private enter(what: string): void {
    const state = this.state
    const max = this.proc.limits?.depth ?? MAX_DEPTH
    if (state.nesting >= max) throw new ShellError(`${what}: nested too deeply (${max})`, 2)
    state.nesting++
  }

  /**
   * Calls a function: at once when its body finishes at once. Every STACK_BREAK levels the
   * call waits a microtask (so deep recursion ends with the depth limit, not a host stack
   * overflow), and every YIELD_CALLS calls it gives the host a turn when the time slice is
   * up (a recursive function of builtins never reaches a loop's yield).
   */
  callFunction(fn: FunctionDef, argv: readonly string[]): Status {
    const state = this.state
    const saved = state.positional
    this.enter(argv[0]!)
    state.positional = argv.slice(1)
    state.functionDepth++
    // break and continue in a function do not reach the loops of its callers (as in dash and bash)
    this.callerLoops.push(state.loopDepth)
    state.loopDepth = 0
    state.localFrames.push(undefined)
    state.callStack.unshift(fn.name)
    state.sourceStack.unshift(state.functionSources.get(fn.name) ?? 'environment')
    state.callLines.unshift(state.lineno)
    const hidden = state.debugTrap !== undefined || state.returnTrap !== undefined ? ondemand.hooks.now().hideHooks(this) : undefined
    let run: Status
    try {
      run = state.nesting % STACK_BREAK === 0 || ++this.calls % YIELD_CALLS === 0 ? this.bodyWaiting(fn) : this.execCommand(fn.body)
    } catch (e) {
      this.leaveFunction(saved)
      if (hidden) ondemand.hooks.now().restoreHooks(this, hidden)
      throw e
    }
    return typeof run === 'number' && hidden === undefined && state.returnTrap === undefined ? this.returned(run, saved) : this.functionWaiting(run, saved, hidden)
  }

  private async functionWaiting(run: Status, saved: string[], hidden?: Hooks): Promise<number> {
    let status: number
    try {
      status = await run
      if (this.state.returnTrap !== undefined) {
        if (this.returning !== undefined) status = this.takeReturn()
        status = await this.returnHook(this.state.returnTrap, status)
      }
    } catch (e) {
      this.leaveFunction(saved)
      if (hidden) ondemand.hooks.now().restoreHooks(this, hidden)
      throw e
    }
    const result = this.returned(status, saved)
    if (hidden) ondemand.hooks.now().restoreHooks(this, hidden)
    return result
  }

  private async bodyWaiting(fn: FunctionDef): Promise<number> {
    await this.turn()
    return await this.execCommand(fn.body)
  }

  /** Gives the host a turn if the time slice is up; Ctrl-C ends the work here. */
  private async turn(): Promise<void> {
    await this.proc.yield()
    if (this.traps.interrupted) throw new InterruptSignal()
  }

  /** A function's status as its caller sees it, its frame gone. */
  private returned(status: number, saved: string[]): number {
    this.leaveFunction(saved)
    return this.returning === undefined ? status : this.takeReturn()
  }

  private leaveFunction(saved: string[]): void {
    const state = this.state
    state.nesting--
    state.positional = saved
    state.functionDepth--
    state.loopDepth = this.callerLoops.pop()!
    state.callStack.shift()
    state.sourceStack.shift()
    // back at the call's line: an ERR trap for the call says it, as bash's does
    state.lineno = state.callLines.shift()!
    state.popLocals()
  }

  /** The status a `return` unwound with; the walk goes on. */
  takeReturn(): number {
    const status = this.returning!
    this.returning = undefined
    return status
  }

  /** Runs a command by its expanded words (command, exec): function, builtin or program. */
  async invoke(argv: readonly string[], functions = true): Promise<number> {
    const fn = functions ? this.state.functionNamed(argv[0]!) : undefined
    if (fn) return this.callFunction(fn, argv)
    const builtin = BUILTINS.get(argv[0]!)
    if (builtin) return builtin.run(this, argv)
    return this.external(argv, this.state.env())
  }

  // ---- processes (processes.ts)

  /** A shell for a child process: a copy of this one's state, on the child's descriptors `keys`. */
  childShell(cp: ProcContext, keys: number[]): Shell {
    const sh = new Shell(cp, this.state.copy(), new Map(keys.map((k) => [k, k])))
    sh.traps.inherit()
    return sh
  }

  consoleForeground(pgid: number): Promise<void> {
    return this.processes.consoleForeground(pgid)
  }

  jobTable(): Promise<JobTable> {
    return this.processes.jobTable()
  }

  foregroundJob(job: Job): Promise<number | 'stopped'> {
    return this.processes.foregroundJob(job)
  }

  /** Starts a command that is not a builtin or function, and waits for it. */
  private async external(argv: readonly string[], env: Record<string, string>): Promise<number> {
    const processes = this.processes
    return processes.foreground([await processes.spawnCommand(argv, env, this.io, processes.jobPgid())])
  }

  // ---- expansion host

  async commandSubstitution(body: List): Promise<string> {
    const [text, status] = await this.processes.substitute(body)
    this.substitutionStatus = this.state.status = status
    return text
  }

  processSubstitution(body: List, output: boolean): Promise<string> {
    return this.processes.processSubstitution(body, output)
  }

  async home(user: string): Promise<string | undefined> {
    try {
      const users = new TextDecoder().decode(await this.proc.readFile('/adm/users'))
      for (const line of users.split('\n')) {
        const [name, home] = line.split(':')
        if (name === user) return home
      }
    } catch {
      // no user database: leave ~user as it is
    }
    return undefined
  }

  // ---- command lookup (type, command -v)

  builtin(name: string): Builtin | undefined {
    return BUILTINS.get(name)
  }

  builtinNames(): string[] {
    return [...BUILTINS.keys()]
  }

  async lookup(name: string, functions = true): Promise<Found | undefined> {
    if (functions && this.state.functionNamed(name) !== undefined) return { kind: 'function' }
    const builtin = BUILTINS.get(name)
    if (builtin) return { kind: 'builtin', special: builtin.special === true }
    const found = await this.proc.which(name, this.state.get('PATH') ?? DEFAULT_PATH).catch(() => undefined)
    return found === undefined ? undefined : { kind: 'file', path: found }
  }
}
