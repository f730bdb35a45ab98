/**
 * A process: identity, namespace, descriptors, environment, signal handlers and exit status.
 * JavaScript cannot preempt a running function, so ending a process marks it ended at once
 * (status recorded, descriptors closed, waiters woken, `ended` fired); its code stops at its next
 * system call, which rejects with `process exited`.
 */
import type { FdTable } from './fd.ts'
import type { Limits } from './limits.ts'
import type { Namespace } from './namespace.ts'
import type { Cred, ExitCode, SignalName } from './types.ts'

export type ProcState = 'Running' | 'Stopped' | 'Moribund'

/**
 * The reason an `ended` signal carries. Given, so that abort() does not build a DOMException (and
 * its stack) for every process that did I/O; nothing reads it.
 */
const ENDED = 'process ended'
/** The reason a read gives way to a stop: it is made again once the process is continued. */
export const STOPPED = 'process stopped'

export class Process {
  exited = false
  status: ExitCode = 0
  /** Children not yet reaped; created with the first (most processes never have one). */
  children: Set<Process> | undefined
  /** Set once the namespace is frozen (RFNOMNT); inherited, never cleared. */
  noMount = false
  /** The permission bits its creates leave out (umask); children start with their parent's. */
  umask = 0o022
  /** Started in a clean namespace (a sandbox): sees only its own user's processes; inherited. */
  isolated = false
  handlers: Map<SignalName, Set<(s: SignalName) => void>> | undefined
  /** Signals it ignores (nohup's SIGHUP): never delivered; children start with the same. */
  ignored: ReadonlySet<SignalName> | undefined
  /** What this process and its children may take (inherited; only ever lowered). */
  limits: Readonly<Limits>
  /** Bytes of data it holds (ProcContext.hold), given back to its account when it ends. */
  held = 0
  private controller: AbortController | undefined
  /**
   * Stopped (SIGSTOP, SIGTSTP): the process is held at its next system call until continued.
   * JavaScript cannot suspend a running function, so a stop takes effect where the process next
   * asks the kernel for something, as an end does.
   */
  stopped = false
  /** Aborted when the process stops or ends: what a read waits with (see `interruptible`). */
  private readController: AbortController | undefined
  /** Who waits for the process to be continued (or to end), and who is told of stops and continues. */
  private resumeWaiters: (() => void)[] | undefined
  private stopWatchers: ((stopped: boolean) => void)[] | undefined
  /** Handled signals that arrived while stopped: delivered when continued, as Unix keeps them pending. */
  pendingSignals: SignalName[] | undefined
  private exitWaiters: ((status: ExitCode) => void)[] | undefined
  readonly started = Date.now()
  /** The identity calls run as; it names this process, so devices know who asks. */
  cred: Cred

  constructor(
    readonly pid: number,
    public parent: Process | undefined,
    public pgid: number,
    cred: Cred,
    public cwd: string,
    public env: Record<string, string>,
    public fds: FdTable,
    public ns: Namespace,
    public argv: readonly string[],
    /** The run it belongs to, for good: its processes are counted and ended together. */
    readonly account: Account,
  ) {
    this.limits = account.limits
    this.cred = { uid: cred.uid, gid: cred.gid, groups: cred.groups, pid }
  }

  /** Takes a child: one it spawned, or an orphan (init). */
  adopt(child: Process): void {
    ;(this.children ??= new Set()).add(child)
  }

  /** Runs as another user from now on (su). */
  become(cred: Cred): void {
    this.cred = { uid: cred.uid, gid: cred.gid, groups: cred.groups, pid: this.pid }
  }

  get state(): ProcState {
    return this.exited ? 'Moribund' : this.stopped ? 'Stopped' : 'Running'
  }

  /**
   * Fires when the process ends or stops: a blocking read waits with it, so a stopped process
   * does not take input meant for the foreground (the shell at its prompt) while it is held.
   * Created on first use, renewed after a stop.
   */
  get interruptible(): AbortSignal {
    let c = this.readController
    if (c === undefined || (c.signal.aborted && !this.stopped && !this.exited)) this.readController = c = new AbortController()
    if (this.exited && !c.signal.aborted) c.abort(ENDED)
    return c.signal
  }

  /** Resolves when the process is continued or ends; at once if it is not stopped. */
  continued(): Promise<void> {
    if (!this.stopped || this.exited) return Promise.resolve()
    return new Promise((resolve) => (this.resumeWaiters ??= []).push(resolve))
  }

  /** Tells `fn` of every stop (true) and continue (false) until the process ends. */
  watchStops(fn: (stopped: boolean) => void): void {
    // an array of the exact size (a job's watcher per process: a shell may keep thousands)
    this.stopWatchers = this.stopWatchers ? this.stopWatchers.concat(fn) : [fn]
  }

  /** Stops the process (the kernel decides when); false if it already was stopped or has ended. */
  markStopped(): boolean {
    if (this.stopped || this.exited) return false
    this.stopped = true
    this.readController?.abort(STOPPED)
    if (this.stopWatchers) for (const w of this.stopWatchers) w(true)
    return true
  }

  /** Continues a stopped process: whoever it held at a system call goes on. */
  markContinued(): boolean {
    if (!this.stopped || this.exited) return false
    this.stopped = false
    this.release()
    if (this.stopWatchers) for (const w of this.stopWatchers) w(false)
    return true
  }

  private release(): void {
    const waiters = this.resumeWaiters
    this.resumeWaiters = undefined
    if (waiters) for (const w of waiters) w()
  }

  /** Fires when the process ends. Created on first use: most processes never need it. */
  get ended(): AbortSignal {
    this.controller ??= new AbortController()
    if (this.exited && !this.controller.signal.aborted) this.controller.abort(ENDED)
    return this.controller.signal
  }

  onExit(fn: (status: ExitCode) => void): void {
    const waiters = this.exitWaiters
    if (this.exited) fn(this.status)
    // The first few are copied (concat makes an array of the exact size): a pushed or spread
    // array keeps room for 17 more, in every process.
    else if (waiters === undefined || waiters.length < 4) this.exitWaiters = waiters ? waiters.concat(fn) : [fn]
    else waiters.push(fn)
  }

  /** Forgets a function given to onExit that is no longer wanted (a sleep that finished). */
  offExit(fn: (status: ExitCode) => void): void {
    const waiters = this.exitWaiters
    if (waiters === undefined) return
    const i = waiters.lastIndexOf(fn)
    if (i >= 0) waiters.splice(i, 1)
  }

  /** Marks the process ended; the kernel does the rest (descriptors, children, parent). */
  markExited(status: ExitCode): boolean {
    if (this.exited) return false
    this.exited = true
    this.status = status
    this.handlers = undefined
    this.pendingSignals = undefined
    this.stopWatchers = undefined
    this.controller?.abort(ENDED)
    this.readController?.abort(ENDED)
    this.release()
    const waiters = this.exitWaiters
    this.exitWaiters = undefined
    if (waiters) for (const w of waiters) w(status)
    return true
  }
}

/**
 * The processes started by one run (`System.run`/`exec`, a login) and all they start: a process
 * cannot leave its account, so a run's processes can always be found and ended together,
 * whatever process group they moved to.
 */
export class Account {
  readonly live = new Set<Process>()
  /** Bytes its processes hold (ProcContext.hold), against limits.memoryBytes. */
  held = 0

  constructor(readonly limits: Readonly<Limits>) {}
}
