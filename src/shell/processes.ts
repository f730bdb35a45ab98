/**
 * The shell's processes: commands that are not builtins or functions, pipelines, subshells,
 * command and process substitutions and background jobs are real processes (proc.spawn, with
 * options.bin and a copy of the state for shell code). The tree walker (interp.ts) asks for them
 * here; this side knows of the walker only what a child shell runs and what starting a command
 * needs (ProcessHost).
 */
import { concatBytes, decodeBytes } from '../kernel/bytes.ts'
import { isNineError, reasonOf } from '../kernel/errors.ts'
import { OREAD, OWRITE, SIGNALS, type ChildProcess, type ProcContext } from '../kernel/types.ts'
import type { AndOr, Assign, Command, List, Redir, Word, WordPart } from './ast.ts'
import { BUILTINS } from './builtins/index.ts'
import { ShellError } from './errors.ts'
import type { Expander } from './expand.ts'
import type { Status } from './builtins/builtin.ts'
import type { Job, JobTable } from './jobs.ts'
import { FirstUse } from '../bins/lazy.ts'
import { fdRecord, type Fds } from './redirect.ts'
import type { ShellState } from './state.ts'
import type { Traps } from './traps.ts'

/** Job control's table (jobs.ts), loaded when a shell first makes or asks for a job. */
const jobModule = new FirstUse(() => import('./jobs.ts'))

/** Where the interactive shell keeps /dev/consctl, out of the way of user descriptors. */
const CONSCTL_FD = 99
/** Process substitutions take descriptors down from here, as bash's /dev/fd/63. */
const PROCSUB_FD = 63

/** A finished "child" for commands that could not start: they only have a status. */
const failed = (status: number): ChildProcess => ({ pid: 0, wait: async () => status })

/** Words whose expansion has no side effect, so a pipeline element can be expanded by the parent. */
function pure(w: Word): boolean {
  return w.literal !== undefined || w.parts.every(purePart)
}
function purePart(p: WordPart): boolean {
  if (p.type === 'cmdsub' || p.type === 'arith' || p.type === 'procsub') return false
  if (p.type === 'dquote') return p.parts.every(purePart)
  if (p.type === 'param') return p.op === undefined || ((p.op === '-' || p.op === '+') && pure(p.word!)) || p.op.startsWith('#') || p.op.startsWith('%')
  return true
}

/** What a child shell runs: shell code, in a process of its own. */
export interface ChildShell {
  readonly state: ShellState
  execList(list: List): Status
  execCommand(cmd: Command): Status
  execAndOr(ao: AndOr): Status
  redirected(redirs: readonly Redir[], fn: () => Status): Status
  /** Runs, turns what ended it into a status, then runs the EXIT trap. */
  finish(run: () => Status): Status
  /** The parent's jobs, which `jobs` lists in a pipeline or $(…) (as bash does) while the child has none. */
  parentJobs: JobTable | undefined
}

/**
 * How a child shell runs one command. A subshell's body runs in the child itself, not in a
 * second process, so `( trap … TERM; … ) &` is the process $! names, as in bash.
 */
function inChild(cmd: Command): (sh: ChildShell) => Status {
  if (cmd.type !== 'subshell') return (sh) => sh.execCommand(cmd)
  const { redirs, body } = cmd
  return (sh) => sh.redirected(redirs, () => sh.execList(body))
}

/** What starting processes needs of the tree walker. */
export interface ProcessHost {
  readonly proc: ProcContext
  readonly state: ShellState
  /** A child shell's view of its parent's jobs (ChildShell.parentJobs). */
  readonly parentJobs: JobTable | undefined
  readonly expander: Expander
  readonly traps: Traps
  /** The shell's own descriptors. */
  readonly fds: Fds
  /** The current descriptor map; a pipeline element swaps it while its redirections apply. */
  io: Fds
  write(fd: number, text: string): Promise<void>
  error(message: string): Promise<void>
  /** Prefix assignments' values (`X=1 cmd`). */
  assignValues(assigns: Assign[]): Promise<[string, string][]>
  /** `set -x`'s line for a command. */
  trace(assigns: [string, string][] | undefined, argv: readonly string[]): Promise<void>
  redirected(redirs: readonly Redir[], fn: () => Status): Status
  nested<T>(what: string, fn: () => Promise<T>): Promise<T>
  /** A shell for a child process: a copy of this one's state, on the child's descriptors `keys`. */
  childShell(cp: ProcContext, keys: number[]): ChildShell
}

export class Processes {
  /** The job table: undefined until the first job (or job-control builtin) loads jobs.ts. */
  jobs: JobTable | undefined

  async jobTable(): Promise<JobTable> {
    const { JobTable } = await jobModule.get()
    return (this.jobs ??= new JobTable())
  }
  /** The descriptors of <(…) and >(…) open for the command being run. */
  private readonly procSubs: number[] = []
  private consctl: number | null | undefined
  /** The text of the command running in the foreground: a job's name if it stops. */
  jobText = ''

  constructor(private readonly host: ProcessHost) {}

  /** How many process substitutions are open (a mark for closeProcSubs). */
  get openSubstitutions(): number {
    return this.procSubs.length
  }

  /** The process group for a job: interactive shells give each foreground job its own. */
  jobPgid(): 'new' | undefined {
    return this.host.state.options.interactive ? 'new' : undefined
  }

  /** Starts a command that is not a builtin or function. Not found: 127; cannot run: 126. */
  async spawnCommand(argv: readonly string[], env: Record<string, string>, fds: Fds, pgid: number | 'new' | undefined): Promise<ChildProcess> {
    const ignoring = this.host.state.ignoredSignals()
    const options = { fds: fdRecord(fds), env, cwd: this.host.proc.cwd, ...(pgid === undefined ? {} : { pgid }), ...(ignoring === undefined ? {} : { ignoring }) }
    try {
      return await this.host.proc.spawn(argv, options)
    } catch (e) {
      if (isNineError(e, 'EEXITED')) throw e
      // an executable file without #! is a shell script (POSIX: the shell runs it as one)
      if (isNineError(e, 'ENOEXEC') && argv[0]!.includes('/')) return this.spawnCommand([this.host.state.bash ? 'bash' : 'sh', ...argv], env, fds, pgid)
      const missing = isNineError(e, 'ENOENT')
      // dash says `not found` of any name; bash `command not found` of a name it looked up, the reason of a path
      const bash = this.host.state.bash
      await this.host.error(`${argv[0]}: ${missing && !(bash && argv[0]!.includes('/')) ? (bash ? 'command not found' : 'not found') : reasonOf(e)}`)
      return failed(missing ? 127 : 126)
    }
  }

  /** Runs shell code in a child process with a copy of this shell's state (`seesJobs`: and in bash, not dash, a view of its jobs). */
  spawnShell(fds: Fds, run: (sh: ChildShell) => Status, pgid?: number | 'new', seesJobs = false): Promise<ChildProcess> {
    const host = this.host
    const keys = [...fds.keys()]
    return host.proc.spawn([host.state.name], {
      bin: async (cp) => {
        const sh = host.childShell(cp, keys)
        // a child of a child that has no jobs of its own sees the same jobs as it
        if (seesJobs && host.state.bash) sh.parentJobs = this.jobs === undefined || this.jobs.list().length === 0 ? (host.parentJobs ?? this.jobs) : this.jobs
        return sh.finish(() => run(sh))
      },
      fds: fdRecord(fds),
      env: host.state.env(),
      cwd: host.proc.cwd,
      ...(pgid === undefined ? {} : { pgid }),
    })
  }

  /**
   * Waits for a foreground job. An interactive shell hands it the console's Ctrl-C and Ctrl-Z
   * meanwhile; a job stopped by Ctrl-Z joins the job table and the shell goes on.
   */
  async foreground(children: ChildProcess[]): Promise<number> {
    const state = this.host.state
    const pgid = children.find((c) => c.pid > 0)?.pid
    let statuses: number[]
    if (state.options.interactive && pgid !== undefined) {
      const { Job } = await jobModule.get()
      const job = new Job(pgid, children.map((c) => c.pid), this.jobText, children)
      if ((await this.foregroundJob(job)) === 'stopped') return 128 + SIGNALS.SIGTSTP
      statuses = job.statuses
      // A job ended by Ctrl-C ends the loop running it too, as in other shells.
      if (statuses.includes(128 + SIGNALS.SIGINT)) this.host.traps.interrupted = true
    } else statuses = await Promise.all(children.map((c) => c.wait()))
    if (statuses.length > 1) {
      state.pipeStatus = statuses
      // pipefail: the last command that failed decides
      if (state.options.pipefail) return statuses.findLast((s) => s !== 0) ?? 0
    }
    return statuses[statuses.length - 1]!
  }

  /**
   * Waits for a job in the foreground: an interactive shell gives it the console (its Ctrl-C and
   * Ctrl-Z) meanwhile. A job that stops is put in the table and announced, and the shell goes on
   * (status 128 + SIGTSTP, as bash); one that ends leaves the table.
   */
  async foregroundJob(job: Job): Promise<number | 'stopped'> {
    const interactive = this.host.state.options.interactive
    if (interactive) await this.consoleForeground(job.pgid)
    try {
      const r = await job.settled()
      const table = await this.jobTable()
      if (r === 'stopped') {
        if (table.has(job)) table.touch(job)
        else table.adopt(job)
        await this.host.write(2, table.describe(job) + '\n').catch(() => {})
      } else table.remove(job)
      return r
    } finally {
      // The shell takes Ctrl-C back: it interrupts the shell's own loops, not the shell.
      if (interactive) await this.consoleForeground(this.host.proc.pgid)
    }
  }

  /** Writes `fg PGID` to /dev/consctl (opened once; ignored where there is none). */
  async consoleForeground(pgid: number): Promise<void> {
    const proc = this.host.proc
    if (this.consctl === undefined) {
      try {
        const fd = await proc.open('/dev/consctl', OWRITE)
        this.consctl = await proc.dup(fd, CONSCTL_FD)
        await proc.close(fd)
      } catch {
        this.consctl = null
      }
    }
    if (this.consctl !== null) await proc.write(this.consctl, `fg ${pgid}\n`).catch(() => {})
  }

  /** Starts every element of a pipeline, connected by pipes; `pgid` 'new' puts them in a new group. */
  async startPipeline(commands: Command[], pgid: 'new' | undefined): Promise<ChildProcess[]> {
    return (await this.startChain(commands, pgid, false)).children
  }

  /** The pipeline's commands, each reading the one before; with `piped`, the last one's output is a pipe too, whose read end comes back. */
  async startChain(commands: Command[], pgid: 'new' | undefined, piped: boolean): Promise<{ children: ChildProcess[]; output: number | undefined }> {
    const proc = this.host.proc
    const children: ChildProcess[] = []
    let group: number | 'new' | undefined = pgid
    let input: number | undefined
    for (let i = 0; i < commands.length; i++) {
      const last = i === commands.length - 1 && !piped
      const [rd, wr] = last ? [undefined, undefined] : proc.pipe()
      const fds = new Map(this.host.io)
      if (input !== undefined) fds.set(0, input)
      if (wr !== undefined) fds.set(1, wr)
      let child: ChildProcess
      try {
        child = await this.startElement(commands[i]!, fds, group)
      } finally {
        if (input !== undefined) await proc.close(input).catch(() => {})
        if (wr !== undefined) await proc.close(wr).catch(() => {})
      }
      if (group === 'new' && child.pid > 0) group = child.pid
      children.push(child)
      input = rd
    }
    return { children, output: input }
  }

  /**
   * bash's lastpipe: the commands but the last run as children, the last in this shell reading
   * their pipe, so what it sets stays (`… | read x`). The status is the pipeline's, as foreground's.
   */
  async lastInShell(commands: Command[], runLast: (cmd: Command) => Promise<number>): Promise<number> {
    const host = this.host
    const { children, output } = await this.startChain(commands.slice(0, -1), this.jobPgid(), true)
    const saved = host.io
    host.io = new Map(saved).set(0, output!)
    let last: number
    try {
      last = await runLast(commands[commands.length - 1]!)
    } finally {
      host.io = saved
      await host.proc.close(output!).catch(() => {})
    }
    const statuses = [...(await Promise.all(children.map((c) => c.wait()))), last]
    host.state.pipeStatus = statuses
    return host.state.options.pipefail ? (statuses.findLast((s) => s !== 0) ?? 0) : last
  }

  /** A pipeline element: a plain external command starts directly, anything else in a child shell. */
  async startElement(cmd: Command, fds: Fds, pgid: number | 'new' | undefined): Promise<ChildProcess> {
    const host = this.host
    if (cmd.type === 'simple' && cmd.assigns.every((a) => pure(a.value)) && cmd.words.every(pure) && cmd.redirs.every((r) => !r.heredoc && pure(r.target))) {
      // where its errors are placed
      host.state.lineno = cmd.line
      const argv = await host.expander.fields(cmd.words)
      const name = argv[0]
      if (name !== undefined && host.state.functionNamed(name) === undefined && !BUILTINS.has(name)) {
        // prefix assignments (`X=1 cmd`) go into the command's environment only
        const assigns = cmd.assigns.length === 0 ? undefined : await host.assignValues(cmd.assigns)
        const env = assigns ? { ...host.state.env(), ...Object.fromEntries(assigns) } : host.state.env()
        if (host.state.options.xtrace) await host.trace(assigns, argv)
        const saved = host.io
        host.io = fds
        try {
          let child: ChildProcess | undefined
          const status = await host.redirected(cmd.redirs, async () => {
            child = await this.spawnCommand(argv, env, host.io, pgid)
            return 0
          })
          return child ?? failed(status)
        } finally {
          host.io = saved
        }
      }
    }
    return this.spawnShell(fds, inChild(cmd), pgid, true)
  }

  /** `cmd &`: a job in its own process group; $! is its last process. */
  async background(ao: AndOr): Promise<void> {
    const host = this.host
    const state = host.state
    const saved = host.io
    let devnull: number | undefined
    if (!state.options.interactive) {
      // without job control, a background job's input is /dev/null (XCU 2.9.3)
      devnull = await host.proc.open('/dev/null', OREAD).catch(() => undefined)
      if (devnull !== undefined) {
        host.io = new Map(saved)
        host.io.set(0, devnull)
      }
    }
    let children: ChildProcess[]
    try {
      const single = ao.rest.length === 0 && !ao.first.negate ? ao.first.commands : undefined
      if (single && single.length > 1) children = await this.startPipeline(single, 'new')
      else if (single) children = [await this.startElement(single[0]!, host.io, 'new')]
      else children = [await this.spawnShell(host.io, (sh) => sh.execAndOr(ao), 'new')]
    } finally {
      host.io = saved
      if (devnull !== undefined) await host.proc.close(devnull).catch(() => {})
    }
    const started = children.filter((c) => c.pid > 0)
    const last = children[children.length - 1]!
    const job = (await this.jobTable()).add(children, started[0]?.pid ?? 0, ao.text)
    state.lastBackground = last.pid > 0 ? last.pid : undefined
    if (state.options.interactive) await host.write(2, `[${job.id}] ${last.pid}\n`).catch(() => {})
  }

  /** `$(…)`: the list's output and its exit status. */
  async substitute(body: List): Promise<[string, number]> {
    const host = this.host
    const input = host.state.bash ? onlyInput(body) : undefined
    if (input !== undefined) return this.fileContents(input)
    const proc = host.proc
    const [rd, wr] = proc.pipe()
    const fds = new Map(host.io)
    fds.set(1, wr)
    let child: ChildProcess
    try {
      child = await host.nested('$(...)', () => this.spawnShell(fds, substitutionBody(body), undefined, true))
    } catch (e) {
      await proc.close(rd).catch(() => {})
      throw e
    } finally {
      await proc.close(wr).catch(() => {})
    }
    const chunks: Uint8Array[] = []
    let size = 0
    const max = host.state.maxString
    try {
      for (;;) {
        const chunk = await proc.read(rd)
        if (chunk.length === 0) break
        chunks.push(chunk)
        size += chunk.length
        // past the limit the pipe is closed: the writer gets SIGPIPE, nothing more is kept
        if (size > max) throw new ShellError(`$(...): output longer than the limit (${max})`, 2)
      }
    } finally {
      await proc.close(rd).catch(() => {})
    }
    const status = await child.wait()
    // bytes that are not UTF-8 stay the bytes they were (kernel/bytes.ts)
    return [decodeBytes(concatBytes(chunks)), status]
  }

  /** bash's `$(< file)`: the file, read by the shell itself; status 1 if it cannot be read. */
  private async fileContents(input: Redir): Promise<[string, number]> {
    const host = this.host
    const path = await host.expander.word(input.target)
    try {
      const bytes = await host.proc.readFile(path)
      if (bytes.length > host.state.maxString) throw new ShellError(`${path}: longer than the limit (${host.state.maxString})`, 2)
      return [decodeBytes(bytes), 0]
    } catch (e) {
      if (!isNineError(e)) throw e
      await host.error(`${path}: ${reasonOf(e)}`)
      return ['', 1]
    }
  }

  /** <(…) and >(…): starts the list on a pipe and returns the /dev/fd path of the shell's end. */
  async processSubstitution(body: List, output: boolean): Promise<string> {
    const host = this.host
    const proc = host.proc
    const [rd, wr] = proc.pipe()
    const fds = new Map(host.io)
    fds.set(output ? 0 : 1, output ? rd : wr)
    try {
      await this.spawnShell(fds, (sh) => sh.execList(body))
    } finally {
      await proc.close(output ? rd : wr).catch(() => {})
    }
    // the shell's end, where the command's /dev/fd/N finds it; closed when the command is done
    const mine = output ? wr : rd
    const fd = await proc.dup(mine, PROCSUB_FD - this.procSubs.length)
    if (fd !== mine) await proc.close(mine).catch(() => {})
    this.procSubs.push(fd)
    host.io.set(fd, fd)
    return `/dev/fd/${fd}`
  }

  /** Closes the process substitutions' descriptors opened since `mark`. */
  async closeProcSubs(mark: number): Promise<void> {
    const host = this.host
    while (this.procSubs.length > mark) {
      const fd = this.procSubs.pop()!
      host.io.delete(fd)
      host.fds.delete(fd)
      await host.proc.close(fd).catch(() => {})
    }
  }
}

/** The `< file` of a substitution that holds nothing else (`$(< file)`). */
function onlyInput(body: List): Redir | undefined {
  const item = body.items.length === 1 ? body.items[0]! : undefined
  const pipeline = item && !item.async && item.command.rest.length === 0 ? item.command.first : undefined
  const cmd = pipeline && !pipeline.negate && pipeline.commands.length === 1 ? pipeline.commands[0]! : undefined
  if (cmd?.type !== 'simple' || cmd.words.length > 0 || cmd.assigns.length > 0 || cmd.redirs.length !== 1) return undefined
  const r = cmd.redirs[0]!
  return r.op === '<' && r.fd === 0 ? r : undefined
}

/** What a `$(…)` child runs, one substitution deeper: bash turns set -e off there, unless shopt inherit_errexit. */
function substitutionBody(body: List): (sh: ChildShell) => Status {
  return (sh) => {
    sh.state.substitutions++
    if (sh.state.bash && !sh.state.options.inheritErrexit) sh.state.options.errexit = false
    return sh.execList(body)
  }
}
