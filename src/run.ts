/**
 * System.exec's runs: a command with its own account, its output collected, ended by its
 * foreground, an abort or a timeout. Loaded on the first run (a page's terminal makes none
 * before its first prompt).
 */
import { NineError, reasonOf } from './kernel/errors.ts'
import { OpenFile } from './kernel/fd.ts'
import { Pipe } from './kernel/pipe.ts'
import type { Kernel } from './kernel/kernel.ts'
import { concatBytes } from './kernel/bytes.ts'
import { lowered } from './kernel/limits.ts'
import type { Namespace } from './kernel/namespace.ts'
import { bindLetters, rforkLetters } from './kernel/nsflags.ts'
import { resolvePath } from './kernel/path.ts'
import { SUPERUSER } from './kernel/perm.ts'
import { Account, Process } from './kernel/process.ts'
import { OREAD, OWRITE, SIGNALS, type ExitCode, type Handle, type SignalName } from './kernel/types.ts'
import type { Context } from './kernel/context.ts'
import type { Fileserver, RforkFlags } from './kernel/types.ts'
import type { Limits } from './kernel/limits.ts'
import type { SrvFs } from './kernel/fileservers/srv.ts'
import { loginFork } from './kernel/login.ts'

/**
 * One line of a sandbox's namespace, applied with the embedder's authority: sources are found in
 * the system namespace, attached in the child's. `flags` letters: b before, a after, c create,
 * r read-only.
 */
export type NamespaceEntry =
  | { bind: string; at: string; flags?: string }
  | { mount: Fileserver | string; at: string; flags?: string }

export interface RunOptions {
  /** Standard input text or bytes (default: empty). */
  stdin?: string | Uint8Array
  user?: string
  /** Working directory (default: the user's home). */
  cwd?: string
  /** Added to the user's default environment. */
  env?: Record<string, string>
  /** Clone flags: an object, or rc's letters (n copy, N clean, m no mount, e/E, s, f/F). */
  rfork?: RforkFlags | string
  /** How to furnish the child's namespace (usually a clean one) before it runs. */
  namespace?: NamespaceEntry[]
  /**
   * Ends the run (its every process: SIGTERM, then SIGKILL after `graceMs`) when it fires. The
   * signal sent first is the abort reason when that names one (`'SIGINT'`), else SIGTERM.
   */
  signal?: AbortSignal
  /** Ends the run like `signal` after this long; the run then reports 124, as timeout(1) does. */
  timeoutMs?: number
  /** How long an ended run's processes have after SIGTERM before SIGKILL (default 1000 ms). */
  graceMs?: number
  /**
   * Leave the background jobs the run started running once its foreground ends (default: they
   * are ended, like the rest of the run, and RunResult.background counts them).
   */
  keepBackground?: boolean
  /** Lowers the system's limits for this run. */
  limits?: Partial<Limits>
}

export interface RunResult {
  stdout: string
  stderr: string
  exitCode: ExitCode
  /** Background processes still running when the foreground ended (absent if none): ended, or left running with `keepBackground`. */
  background?: number
  /** Set when the run was ended before it finished: by `timeoutMs`, or by `signal`. */
  ended?: 'timeout' | 'aborted'
}

/** What a run needs of its System. */
interface RunSystem {
  readonly kernel: Kernel
  readonly context: Context
  readonly limits: Readonly<Limits>
  readonly srv: SrvFs
  readonly defaultUser: string
  userEnv(user: string): Record<string, string>
}

/** Decodes a run's collected output (stateless: one serves every run of every system). */
const outputDecoder = new TextDecoder()

/**
 * Runs a command (looked up in /bin) without a shell; collects its output. The run is its own
 * account: it ends with its foreground (background jobs are ended too unless `keepBackground`),
 * or when `signal` fires or `timeoutMs` passes, and it is held to the system's limits.
 */
export async function execute(sys: RunSystem, initProc: Process, argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  // One function for the whole run: V8 compiles a function once it has run enough of its own
  // bytecode, so a run's path in one body is compiled sooner than the same path in small pieces.
  const ctx = sys.context
  const user = options.user ?? sys.defaultUser
  const account = new Account(lowered(sys.limits, options.limits))
  const stdin = options.stdin !== undefined && options.stdin.length > 0 ? options.stdin : undefined
  // Output is collected as it is written: no reader, so no pipe and nothing waits for one.
  const out = new Collected(account.limits.outputBytes)
  const err = new Collected(account.limits.outputBytes)
  let inW = -1
  let input: OpenFile
  if (stdin === undefined) input = new OpenFile(NO_INPUT, OREAD, 'pipe')
  else {
    const pipe = new Pipe()
    inW = initProc.fds.add(new OpenFile(pipe.writeEnd, OWRITE, 'pipe'))
    input = new OpenFile(pipe.readEnd, OREAD, 'pipe')
  }
  const files = [input, new OpenFile(out, OWRITE, 'pipe'), new OpenFile(err, OWRITE, 'pipe')]
  let child: Process
  try {
    const rfork = loginFork(typeof options.rfork === 'string' ? rforkLetters(options.rfork) : options.rfork)
    const entries = options.namespace
    const spawnOptions = {
      user,
      cwd: options.cwd ?? (rfork?.cleanNamespace ? '/' : sys.kernel.users.require(user).home),
      env: options.env === undefined ? sys.userEnv(user) : { ...sys.userEnv(user), ...options.env },
      pgid: 'new' as const,
      rfork,
    }
    const setup = entries === undefined ? undefined : (ns: Namespace) => furnish(sys, initProc, ns, entries)
    // found at once (most runs): the child, with no promise to wait on
    const spawned = sys.kernel.spawnNow(initProc, argv, spawnOptions, { account, files, setup })
    child = spawned instanceof Process ? spawned : await spawned
  } catch (e) {
    if (inW >= 0) await ctx.close(inW)
    for (const f of files) await f.release()
    const missing = e instanceof NineError && e.code === 'ENOENT'
    return { stdout: '', stderr: `${argv[0]}: ${missing ? 'not found' : reasonOf(e)}\n`, exitCode: missing ? 127 : 126 }
  }
  // the child holds them now (their closes never wait)
  for (let i = 0; i < files.length; i++) void files[i]!.release()
  const feed = stdin === undefined ? undefined : feedInput(ctx, inW, stdin)
  const ending = new RunEnding(sys.kernel, account, options.graceMs ?? 1000)
  const cancel = ending.watch(options.signal, options.timeoutMs)
  const exitCode = await new Promise<ExitCode>((resolve) => child.onExit(resolve))
  // The run ends with its foreground. What it left in the background is ended, except servers
  // it posted in /srv (services, left for later runs to mount) and, with keepBackground,
  // everything; those it lets go lose the run's output, so that collecting it can end.
  const background = account.live.size
  if (background > 0) {
    const kept = [...account.live].filter((p) => options.keepBackground || sys.srv.serves(p.pid))
    const outputs = new Set([files[1]!, files[2]!])
    for (const p of kept) await detachFrom(p, outputs)
    if (kept.length < background) ending.end('SIGTERM', new Set(kept))
  }
  // Complete once every process holding the output has closed it (each does when it ends, and all end with init).
  if (!out.isClosed || !err.isClosed) await Promise.all([out.closed, err.closed])
  cancel()
  // Output is complete; whoever of an ended run still lives ignored SIGTERM.
  ending.finish()
  if (feed !== undefined) await feed
  const result: RunResult = { stdout: out.text(), stderr: err.text(), exitCode: ending.reason === 'timeout' ? 124 : exitCode }
  if (background > 0) result.background = background
  if (out.cut || err.cut) result.stderr += `${argv[0]}: output limit exceeded (${account.limits.outputBytes} bytes)\n`
  if (ending.reason !== undefined) result.ended = ending.reason
  return result
}

/** Writes a run's standard input into its pipe, then closes it. */
async function feedInput(ctx: Context, fd: number, stdin: string | Uint8Array): Promise<void> {
  try {
    await ctx.write(fd, stdin)
  } catch {
    // the command did not read all of its input
  } finally {
    await ctx.close(fd)
  }
}

const EMPTY = new Uint8Array(0)

/** A run's standard input when it is given none: at its end at once. */
const NO_INPUT: Handle = {
  read: () => Promise.resolve(EMPTY),
  write: () => Promise.reject(new NineError('EBADUSE')),
  close: () => {},
}

/**
 * A run's standard output or error, kept as it is written, up to `max` bytes: past that, as when
 * a pipe's reader has gone, a write fails with `write on closed pipe` (so SIGPIPE) rather than
 * filling the host's memory. Written at once (`writeNow`): nothing ever waits for a reader.
 */
class Collected implements Handle {
  private readonly chunks: Uint8Array[] = []
  private size = 0
  cut = false
  isClosed = false
  private onClose: (() => void) | undefined
  private closing: Promise<void> | undefined

  constructor(private readonly max: number) {}

  read(): Promise<Uint8Array> {
    return Promise.reject(new NineError('EBADUSE'))
  }

  write(offset: number, data: Uint8Array): Promise<number> {
    try {
      return Promise.resolve(this.writeNow(offset, data))
    } catch (e) {
      return Promise.reject(e)
    }
  }

  writeNow(_offset: number, data: Uint8Array): number {
    if (this.cut) throw new NineError('EPIPE')
    if (this.size + data.length > this.max) {
      this.chunks.push(data.subarray(0, this.max - this.size))
      this.size = this.max
      this.cut = true
    } else if (data.length > 0) {
      this.chunks.push(data)
      this.size += data.length
    }
    return data.length
  }

  close(): void {
    this.isClosed = true
    this.onClose?.()
  }

  /** Resolves when the last descriptor on it is closed (made when asked: most runs' output is closed by then). */
  get closed(): Promise<void> {
    if (this.isClosed) return Promise.resolve()
    return (this.closing ??= new Promise<void>((resolve) => (this.onClose = resolve)))
  }

  /** What was written, decoded once, at the end, by the module's one decoder. */
  text(): string {
    const chunks = this.chunks
    if (chunks.length === 0) return ''
    return outputDecoder.decode(chunks.length === 1 ? chunks[0] : concatBytes(chunks))
  }
}

/** Applies sandbox namespace entries to a child's namespace, finding sources in the system's. */
async function furnish(sys: RunSystem, initProc: Process, ns: Namespace, entries: NamespaceEntry[]): Promise<void> {
  const root = sys.kernel.users.cred(SUPERUSER)
  const system = initProc.ns
  for (const e of entries) {
    const flags = bindLetters(e.flags ?? '', 'namespace')
    const at = resolvePath('/', e.at)
    if ('bind' in e) {
      if (e.bind.startsWith('#')) await ns.mount(sys.kernel.attach(e.bind), at, flags, { type: 'bind', path: e.bind }, root)
      else await ns.bind(resolvePath('/', e.bind), at, flags, root, system)
    } else {
      const fs = typeof e.mount === 'string' ? sys.srv.get(e.mount, root) : e.mount
      if (fs === undefined) throw new NineError('ENOENT', `/srv/${String(e.mount)}`)
      await ns.mount(fs, at, flags, { type: 'mount', srv: typeof e.mount === 'string' ? e.mount : fs.kind }, root)
    }
  }
}

/** What stops watching a run that has neither an abort signal nor a timeout. */
const watchingNothing = (): void => {}

/**
 * Ending a run: every process of its account gets a signal, and SIGKILL after the grace period
 * for those still alive. Set off by the embedder's abort signal, a timeout, or the foreground's end.
 */
class RunEnding {
  reason: 'timeout' | 'aborted' | undefined
  private killer: ReturnType<typeof setTimeout> | undefined
  /** Processes the run let go when its foreground ended: a later timeout or abort still ends them. */
  private spared: ReadonlySet<Process> | undefined

  constructor(
    private readonly kernel: Kernel,
    private readonly account: Account,
    private readonly graceMs: number,
  ) {}

  /** Ends the run when `signal` fires or after `timeoutMs`; returns what stops watching. */
  watch(signal: AbortSignal | undefined, timeoutMs: number | undefined): () => void {
    if (signal === undefined && timeoutMs === undefined) return watchingNothing
    const onAbort = (): void => {
      this.reason ??= 'aborted'
      const named = signal?.reason
      this.end(typeof named === 'string' && Object.hasOwn(SIGNALS, named) ? (named as SignalName) : 'SIGTERM')
    }
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort, { once: true })
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            this.reason ??= 'timeout'
            this.end('SIGTERM')
          }, Math.max(0, timeoutMs))
    return () => {
      signal?.removeEventListener('abort', onAbort)
      if (timer !== undefined) clearTimeout(timer)
    }
  }

  /** Signals every process of the run now (but `spare`), and kills the survivors after the grace period. */
  end(signal: SignalName, spare?: ReadonlySet<Process>): void {
    if (spare) this.spared = spare
    this.signalAll(signal)
    if (signal !== 'SIGKILL' && this.killer === undefined && this.account.live.size > 0) this.killer = setTimeout(() => this.signalAll('SIGKILL'), this.graceMs)
  }

  private signalAll(signal: SignalName): void {
    for (const p of [...this.account.live]) if (this.spared === undefined || !this.spared.has(p)) this.kernel.deliver(p, signal)
  }

  /** Stops the grace timer, killing now what is left of an ended run (their output is in). */
  finish(): void {
    if (this.killer === undefined) return
    clearTimeout(this.killer)
    this.signalAll('SIGKILL')
  }
}

/** Closes the descriptors `proc` holds on any of `files` (a run's output pipes it no longer collects). */
async function detachFrom(proc: Process, files: ReadonlySet<OpenFile>): Promise<void> {
  for (const [fd, file] of proc.fds.entries()) if (files.has(file)) await proc.fds.close(fd)
}
