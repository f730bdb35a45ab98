/**
 * The kernel: the process table, spawn/exit/wait/kill, program lookup, and the kernel's
 * devices (attachable by `#` names). Everything a process does goes through its ProcContext
 * (context.ts); this file holds what spans processes.
 */
import { own } from './own.ts'
import { NineError, reasonOf } from './errors.ts'
import { FdTable, type OpenFile } from './fd.ts'
import { Namespace, type Chan } from './namespace.ts'
import { NO_LIMITS, type Limits } from './limits.ts'
import { NsGroups } from './nsgroups.ts'
import { resolvePath } from './path.ts'
import { can, seesProcess, SUPERUSER } from './perm.ts'
import { Account, Process } from './process.ts'
import { DEFAULT_PATH, DMDIR, isExecFileserver, OREAD, SIGNALS, type BinFunction, type Caller, type Cred, type Device, type Dir, type ExitCode, type Fileserver, type Handle, type ProcContext, type ProcInfo, type RforkFlags, type SignalName, type SpawnOptions } from './types.ts'
import type { UserDb } from './users.ts'

/** How `#!` interpreter chains may nest before lookup gives up. */
const MAX_INTERPRETERS = 4

/**
 * How long processes may run on promise continuations alone before the host gets a turn. A
 * process whose I/O never waits (`yes > /dev/null`, a builtin loop) would otherwise starve the
 * event loop: no input, no Ctrl-C, no timers. Measured (CPU time, `cat` of 256 MiB and
 * `seq | grep | wc`): 5 and 10 ms cost the pipelines 15-30%, 20 ms about 3%, against a host
 * timer late by at most a slice.
 */
const SLICE_MS = 20

/**
 * How many calls may ask for the time left before the clock is read again: a stat answered at
 * once takes well under a microsecond, and reading the clock took a tenth of that. So a slice
 * overruns by at most this many calls' time (one long call overruns it anyway).
 */
const CALLS_PER_CLOCK = 16
/** What a program's start waits on: one microtask. */
const STARTED = Promise.resolve()

const NO_CHILDREN: ReadonlySet<Process> = new Set()

/** The /srv registry (`#s`): one for the whole system, reached by every process through its context. */
export interface SrvRegistry {
  /** Posts `fs` as `name`, owned by `cred` (and its process, which hangs it up by ending). */
  post(name: string, fs: Fileserver, cred: Cred, mode?: number): void
  get(name: string, cred: Cred): Fileserver | undefined
  unpost(name: string, cred: Cred): void
  /** How many names user `uid` has posted (the srvPosts limit). */
  postsBy(uid: string): number
  /** Hangs up and removes what process `pid` posted. */
  processEnded(pid: number): void
}

/** A program to run: its function and the argv it gets (an interpreter's, for a `#!` file). */
interface Found {
  fn: BinFunction
  argv: readonly string[]
}

/** What a spawn has settled before anything waits. */
interface Begun {
  flags: RforkFlags
  cred: Cred
  account: Account
  limits: Readonly<Limits>
  /** Undefined when the lookup must wait. */
  found: Found | undefined
}

/** What only the system image gives a spawn (never reachable from a process). */
export interface SystemSpawn {
  /** Shapes the child's namespace before it runs and before a no-mount flag freezes it: how a sandbox is built. */
  setup?: (ns: Namespace) => Promise<void>
  /** Starts a new run: the child and all it starts belong to this account, under its limits. */
  account?: Account
  /** The child's descriptors 0, 1, 2…: these open files (shared, as a fork shares them), none of the parent's. */
  files?: readonly OpenFile[]
}

export interface KernelOptions {
  users: UserDb
  srv: SrvRegistry
  /** Builds the ProcContext for a process (the system image adds package management). */
  makeContext: (kernel: Kernel, proc: Process) => ProcContext
}

export class Kernel {
  readonly procs = new Map<number, Process>()
  /** Kernel devices by attach name ('#c'), in the order of the device table. */
  readonly devices = new Map<string, Device>()
  readonly users: UserDb
  readonly srv: SrvRegistry
  readonly nsgroups = new NsGroups()
  private readonly makeContext: KernelOptions['makeContext']
  private nextPid = 1
  private initProc: Process | undefined
  private sliceStart = performance.now()
  /** Calls left before sliceLeft reads the clock again (0 once the slice is found used up). */
  private unclocked = 0
  /** Live processes per user, for the `processes` limit. */
  private readonly perUser = new Map<string, number>()
  /** The system's own processes: init, and what it starts outside any run. */
  readonly systemAccount = new Account(NO_LIMITS)
  /**
   * The session (a login's account) the console belongs to, as a terminal belongs to a Unix
   * session: only its processes and the system's open /dev/cons and /dev/consctl. Undefined
   * while no one is logged in on the console: then the host that supplied it decides.
   */
  consoleSession: Account | undefined

  constructor(options: KernelOptions) {
    this.users = options.users
    this.srv = options.srv
    this.makeContext = options.makeContext
  }

  /**
   * A pause when the current time slice is used up: resolves after the host has had a turn.
   * Undefined (no allocation) while there is time left, which is nearly always. `clocked` reads
   * the clock now: a caller that has just computed for a while (a loop's turn, after one
   * operation on a long string) must not be let go on by the calls counted as cheap.
   */
  preempt(clocked = false): Promise<void> | undefined {
    if (clocked) this.unclocked = 0
    if (this.sliceLeft()) return undefined
    return macrotask().then(() => {
      this.sliceStart = performance.now()
    })
  }

  /** Whether the current time slice has time left: a call answered at once (readdirNow) may go on without a turn for the host. */
  sliceLeft(): boolean {
    if (this.unclocked > 0) {
      this.unclocked--
      return true
    }
    const left = performance.now() - this.sliceStart < SLICE_MS
    this.unclocked = left ? CALLS_PER_CLOCK - 1 : 0
    return left
  }

  /** Whether a live process of another user shares `proc`'s namespace (only a namespace group does that). */
  sharedWithOthers(proc: Process): boolean {
    for (const q of this.procs.values()) if (!q.exited && q.ns === proc.ns && q.cred.uid !== proc.cred.uid) return true
    return false
  }

  /** Installs the kernel's devices (boot does, from the device table). */
  addDevices(devices: readonly Device[]): void {
    for (const d of devices) this.devices.set(`#${d.letter}`, d)
  }

  /** The fileserver a device name (`#c`) attaches. */
  attach(name: string): Fileserver {
    const device = this.devices.get(name)
    if (device === undefined) throw new NineError('ENOENT', name)
    return device.fs
  }

  /** The kernel's minimal root `#/`: empty mount-point directories. */
  get rootdev(): Fileserver {
    return this.attach('#/')
  }

  /** A clean namespace (RFCNAMEG): the minimal root, with the devices the table gives it (the console on /dev). */
  async cleanNamespace(cred: Cred): Promise<Namespace> {
    const ns = new Namespace({ fs: this.rootdev, path: '/' })
    for (const [name, d] of this.devices) if (d.clean) await ns.mount(d.fs, d.clean.at, d.clean.flags ?? {}, { type: 'bind', path: name }, cred)
    return ns
  }

  /** Creates pid 1, running `bin` as root in `ns`. */
  startInit(ns: Namespace, bin: BinFunction, env: Record<string, string>): Process {
    if (this.initProc) throw new NineError('EEXIST', 'init')
    const proc = new Process(this.nextPid++, undefined, 1, this.users.cred(SUPERUSER), '/', env, new FdTable(), ns, ['init'], this.systemAccount)
    this.initProc = proc
    this.register(proc)
    this.run(proc, bin)
    return proc
  }

  get init(): Process {
    if (!this.initProc) throw new NineError('ESRCH', '1')
    return this.initProc
  }

  /**
   * Starts a child of `parent`. argv[0] is looked up unless `options.bin` is given; `system` is
   * for the system image only.
   */
  spawn(parent: Process, argv: readonly string[], options: SpawnOptions = {}, system: SystemSpawn = {}): Promise<Process> {
    try {
      const child = this.spawnNow(parent, argv, options, system)
      return child instanceof Process ? Promise.resolve(child) : child
    } catch (e) {
      return Promise.reject(e)
    }
  }

  /**
   * spawn, with the child at once where nothing waits (the program found without a promise, no
   * clean namespace to make, nothing to set up): no promise for the caller to wait on. What spawn
   * rejects with before anything waits is thrown.
   */
  spawnNow(parent: Process, argv: readonly string[], options: SpawnOptions = {}, system: SystemSpawn = {}): Process | Promise<Process> {
    const begun = this.begin(parent, argv, options, system)
    if (begun.found === undefined || begun.flags.cleanNamespace || system.setup !== undefined) return this.spawnWaiting(parent, begun, argv, options, system)
    const fds = this.childFds(parent, begun.flags, options, system)
    return this.start(parent, begun, begun.found, fds, this.nextPid++, this.namespaceOf(parent, begun.flags, begun.cred), options)
  }

  /** A spawn's checks that come before anything waits, and the program when it is found at once. */
  private begin(parent: Process, argv: readonly string[], options: SpawnOptions, system: SystemSpawn): Begun {
    if (argv.length === 0 && !options.bin) throw new NineError('EINVAL', 'spawn', 'empty argv')
    const flags = options.rfork ?? {}
    checkRfork(flags)
    let cred = parent.cred
    if (options.user !== undefined && options.user !== cred.uid) {
      if (cred.uid !== SUPERUSER) throw new NineError('EPERM', options.user)
      cred = this.users.sharedCred(options.user)
    }
    const account = system.account ?? parent.account
    const limits = system.account ? account.limits : parent.limits
    checkArgv(argv, limits.argvBytes)
    const found = options.bin !== undefined ? { fn: options.bin, argv } : this.lookupNow(parent, argv, options.env ?? parent.env)
    return { flags, cred, account, limits, found }
  }

  /** spawn where the program's lookup, the clean namespace or the setup waits. */
  private async spawnWaiting(parent: Process, begun: Begun, argv: readonly string[], options: SpawnOptions, system: SystemSpawn): Promise<Process> {
    const found = begun.found ?? (await this.lookup(parent, argv, options.env ?? parent.env))
    const flags = begun.flags
    const fds = this.childFds(parent, flags, options, system)
    const pid = this.nextPid++
    const ns = flags.cleanNamespace ? await this.cleanNamespace(begun.cred) : this.namespaceOf(parent, flags, begun.cred)
    if (system.setup) await system.setup(ns)
    return this.start(parent, begun, found, fds, pid, ns, options)
  }

  private childFds(parent: Process, flags: RforkFlags, options: SpawnOptions, system: SystemSpawn): FdTable {
    return flags.cleanFds ? new FdTable() : system.files ? FdTable.numbering(system.files) : options.fds ? this.pickFds(parent, options.fds) : parent.fds.copy()
  }

  /** Makes the process and starts its program, unless its parent ended meanwhile or a limit is reached. */
  private start(parent: Process, begun: Begun, found: Found, fds: FdTable, pid: number, ns: Namespace, options: SpawnOptions): Process {
    const { flags, cred, account, limits } = begun
    // A process that ended while this spawn waited starts nothing (a fork bomb being ended).
    if (parent.exited) {
      void fds.closeAll()
      throw new NineError('EEXITED')
    }
    const args = found.argv
    if ((this.perUser.get(cred.uid) ?? 0) >= limits.processes || account.live.size >= account.limits.processes) {
      void fds.closeAll()
      throw new NineError('ENOPROC', args[0])
    }
    fds.max = Math.min(fds.max, limits.fds)
    const pgid = flags.newSignalGroup || options.pgid === 'new' ? pid : typeof options.pgid === 'number' ? options.pgid : parent.pgid
    const env = flags.cleanEnv ? {} : { ...(options.env ?? parent.env) }
    const cwd = options.cwd !== undefined ? resolvePath(parent.cwd, options.cwd) : parent.cwd
    // A clean namespace starts at / unless told where: the parent's cwd may not exist there.
    // argv is copied: the caller's array may change later, or have room to spare (built by push).
    const child = new Process(pid, parent, pgid, cred, flags.cleanNamespace && options.cwd === undefined ? '/' : cwd, env, fds, ns, args.slice(), account)
    child.limits = limits
    child.noMount = parent.noMount || flags.noMount === true
    child.umask = parent.umask
    child.isolated = parent.isolated || flags.cleanNamespace === true
    child.ignored = options.ignoring === undefined ? parent.ignored : new Set([...(parent.ignored ?? []), ...options.ignoring.filter((s) => s !== 'SIGKILL' && s !== 'SIGSTOP')])
    parent.adopt(child)
    this.register(child)
    this.run(child, found.fn)
    return child
  }

  private register(proc: Process): void {
    this.procs.set(proc.pid, proc)
    proc.account.live.add(proc)
    this.perUser.set(proc.cred.uid, (this.perUser.get(proc.cred.uid) ?? 0) + 1)
  }

  /** Live processes `uid` has now. */
  processesOf(uid: string): number {
    return this.perUser.get(uid) ?? 0
  }

  /** A child's namespace, when it is not a clean one: its parent's, or a copy of it. */
  private namespaceOf(parent: Process, flags: RforkFlags, cred: Cred): Namespace {
    // A frozen namespace is always a private copy, so the restriction never reaches the parent;
    // a namespace is shared only by one user's processes, so no user's bind reaches another's.
    if (flags.copyNamespace || flags.noMount || cred.uid !== parent.cred.uid) return parent.ns.copy()
    return parent.ns
  }

  /** The child's descriptors: `map` gives, for each, the parent's descriptor it shares. */
  private pickFds(parent: Process, map: Record<number, number>): FdTable {
    return FdTable.of(Object.entries(map).map(([childFd, parentFd]) => [Number(childFd), parent.fds.get(parentFd)] as const))
  }

  /** Applies rfork flags to a running process (the rfork builtin without a command). */
  async rfork(proc: Process, flags: RforkFlags): Promise<void> {
    checkRfork(flags)
    if (flags.cleanNamespace) {
      proc.ns = await this.cleanNamespace(proc.cred)
      proc.cwd = '/'
      proc.isolated = true
    } else if (flags.copyNamespace || (flags.noMount && !proc.noMount)) proc.ns = proc.ns.copy()
    if (flags.noMount) proc.noMount = true
    if (flags.cleanEnv) proc.env = {}
    else if (flags.copyEnv) proc.env = { ...proc.env }
    if (flags.newSignalGroup) proc.pgid = proc.pid
    if (flags.cleanFds) {
      await proc.fds.closeAll()
      proc.fds = new FdTable()
    } else if (flags.copyFds) {
      const old = proc.fds
      proc.fds = old.copy()
      await old.closeAll()
    }
  }

  /**
   * Finds the program argv[0] names: a path, or a name searched in $PATH (default /bin), through
   * the caller's namespace. A file starting with `#!` runs through its interpreter.
   */
  async lookup(proc: Process, argv: readonly string[], env: Record<string, string>, depth = 0): Promise<{ fn: BinFunction; argv: readonly string[]; path: string }> {
    const name = argv[0]!
    const path = await this.which(proc, name, env.PATH)
    if (path === undefined) throw await this.notRunnable(proc, name)
    const { chan } = proc.ns.resolveNow(path, proc.cred) ?? (await proc.ns.resolve(path, proc.cred))
    if (isExecFileserver(chan.fs)) {
      const fn = chan.fs.binAt(chan.path)
      if (fn) return { fn, argv, path }
    }
    const header = await readHeader(chan, proc.cred)
    if (!header.startsWith('#!') || depth >= MAX_INTERPRETERS) throw new NineError('ENOEXEC', path)
    const words = header.slice(2).trim().split(/\s+/).filter(Boolean)
    if (words.length === 0) throw new NineError('ENOEXEC', path)
    return this.lookup(proc, [...words, path, ...argv.slice(1)], env, depth + 1)
  }

  /** Why a name does not run: a path to a file or directory that exists is refused, anything else is missing. */
  private async notRunnable(proc: Process, name: string): Promise<NineError> {
    if (name.includes('/')) {
      const dir = await proc.ns.stat(resolvePath(proc.cwd, name), proc.cred).catch(() => undefined)
      if (dir !== undefined) return new NineError(dir.mode & DMDIR ? 'EISDIR' : 'EPERM', name)
    }
    return new NineError('ENOENT', name)
  }

  /** The path a command name runs from, if any: an executable file that is not a directory, searched along `path` (a $PATH value). */
  async which(proc: Process, name: string, path = DEFAULT_PATH): Promise<string | undefined> {
    for (const candidate of candidates(proc, name, path)) {
      try {
        if (runnable(proc.ns.statNow(candidate, proc.cred) ?? (await proc.ns.statWaiting(candidate, proc.cred)), proc.cred)) return candidate
      } catch {
        // not here
      }
    }
    return undefined
  }

  /**
   * lookup without a promise, where the program is found at once (each place searched up to it
   * answers at once) and is a function of its fileserver; undefined otherwise (then use lookup).
   */
  private lookupNow(proc: Process, argv: readonly string[], env: Record<string, string>): { fn: BinFunction; argv: readonly string[] } | undefined {
    let chan: Chan | undefined
    for (const candidate of candidates(proc, argv[0]!, env.PATH)) {
      const found = proc.ns.statChanNow(candidate, proc.cred)
      if (found === undefined) return undefined
      if (runnable(found.dir, proc.cred)) {
        chan = found.chan
        break
      }
    }
    const fn = chan !== undefined && isExecFileserver(chan.fs) ? chan.fs.binAt(chan.path) : undefined
    return fn === undefined ? undefined : { fn, argv }
  }

  /**
   * Starts the program on a microtask (spawn returns first) and watches its own promise: no
   * promise layer in between, as every waiting process holds this chain for as long as it runs.
   * A program that ends at once (its status returned, not a promise) exits in that microtask.
   * The microtask is a resolved promise's reaction: the host's queueMicrotask may cost more
   * (Node makes an async resource for each).
   */
  private run(proc: Process, fn: BinFunction): void {
    const ctx = this.makeContext(this, proc)
    void STARTED.then(() => {
      let result: ExitCode | Promise<ExitCode>
      try {
        result = fn(ctx)
      } catch (err) {
        result = Promise.reject(err)
      }
      if (typeof result === 'number') this.ended(proc, result)
      else
        Promise.resolve(result).then(
          (code) => this.ended(proc, code),
          async (err) => {
            if (proc.exited) return
            // a NineError's message names its path too: `cmd: path: reason`
            await ctx.stderr.write(`${proc.argv[0] ?? '?'}: ${err instanceof NineError ? err.message : reasonOf(err)}\n`).catch(() => {})
            this.exit(proc, 1)
          },
        )
    })
  }

  /** A program returned `code`: the process exits with it (a stopped one once continued). */
  private ended(proc: Process, code: ExitCode): void {
    const status = typeof code === 'number' && code >= 0 ? code & 255 : 0
    // a stopped process is held even at its end, and ends once continued
    if (proc.stopped) void proc.continued().then(() => this.exit(proc, status))
    else this.exit(proc, status)
  }

  /** Ends a process: status kept for its parent, descriptors closed, children to init. */
  exit(proc: Process, status: ExitCode): void {
    if (!proc.markExited(status)) return
    proc.account.live.delete(proc)
    proc.account.held -= proc.held
    const left = (this.perUser.get(proc.cred.uid) ?? 1) - 1
    if (left > 0) this.perUser.set(proc.cred.uid, left)
    else this.perUser.delete(proc.cred.uid)
    void proc.fds.closeAll()
    this.srv.processEnded(proc.pid)
    const init = this.initProc
    for (const child of proc.children ?? NO_CHILDREN) {
      if (init === undefined || init === proc) {
        this.procs.delete(child.pid)
        continue
      }
      child.parent = init
      if (child.exited) this.procs.delete(child.pid)
      else init.adopt(child)
    }
    proc.children = undefined
    // init reaps its children at once (orphans and the system's own spawns)
    const parent = proc.parent
    if (parent === undefined || parent === init || parent.exited) this.reap(proc)
  }

  reap(proc: Process): void {
    this.procs.delete(proc.pid)
    proc.parent?.children?.delete(proc)
  }

  /** Waits for a child (a given one, or any) to end, reaps it and returns its status. */
  async wait(proc: Process, pid?: number): Promise<{ pid: number; status: ExitCode }> {
    for (;;) {
      let child: Process | undefined
      const children = proc.children ?? NO_CHILDREN
      if (pid !== undefined) {
        for (const c of children) if (c.pid === pid) child = c
        if (child === undefined) throw new NineError('ECHILD', String(pid))
      } else {
        if (children.size === 0) throw new NineError('ECHILD')
        for (const c of children) if (c.exited) child = c
        child ??= await new Promise<Process>((resolve) => {
          for (const c of children) c.onExit(() => resolve(c))
        })
      }
      const status = await new Promise<ExitCode>((resolve) => child!.onExit(resolve))
      // A concurrent wait may have reaped it meanwhile: each child is reported once.
      if (!proc.children?.has(child)) continue
      this.reap(child)
      return { pid: child.pid, status }
    }
  }

  /**
   * Sends a signal from `sender` to a process, or to a process group when pid < 0. Signal 0 is
   * POSIX's null signal: nothing is sent, only the checks are made (`kill -0 pid`).
   */
  kill(sender: Process | undefined, pid: number, signal: SignalName | 0): void {
    if (signal === 0) {
      this.signalTargets(sender, pid)
      return
    }
    if (own(SIGNALS, signal) === undefined) throw new NineError('EINVAL', signal)
    const targets = this.signalTargets(sender, pid)
    if (targets.some((t) => t === this.initProc) && signal === 'SIGKILL') throw new NineError('EPERM', String(pid))
    for (const t of targets) this.deliver(t, signal)
  }

  /** The live processes `pid` names (a group when pid < 0), if `sender` may signal every one. */
  signalTargets(sender: Process | undefined, pid: number): Process[] {
    // To a sandboxed sender, processes it cannot see do not exist.
    const live = (p: Process | undefined): p is Process => p !== undefined && !p.exited && (sender === undefined || seesProcess(sender, p.cred.uid))
    const targets = pid < 0 ? [...this.procs.values()].filter((p) => p.pgid === -pid && live(p)) : [this.procs.get(pid)].filter(live)
    if (targets.length === 0) throw new NineError('ESRCH', String(pid))
    if (sender && sender.cred.uid !== SUPERUSER && targets.some((t) => t.cred.uid !== sender.cred.uid)) throw new NineError('EPERM', String(pid))
    return targets
  }

  /**
   * Delivers a signal: an ignored one is dropped; a registered handler runs; otherwise the default
   * action ends the process, or stops it (SIGSTOP, SIGTSTP). SIGCONT continues a stopped process,
   * handled or not. A handled signal that arrives while the process is stopped waits until it is
   * continued.
   */
  deliver(proc: Process, signal: SignalName): void {
    // (SIGCONT continues a stopped process even where it is ignored)
    if (proc.exited || (signal !== 'SIGCONT' && proc.ignored?.has(signal) === true)) return
    if (signal === 'SIGCONT' && proc.markContinued()) {
      const pending = proc.pendingSignals
      proc.pendingSignals = undefined
      if (pending) for (const s of pending) this.deliver(proc, s)
    }
    const handlers = signal === 'SIGKILL' || signal === 'SIGSTOP' ? undefined : proc.handlers?.get(signal)
    if (handlers && handlers.size > 0) {
      if (proc.stopped && signal !== 'SIGCONT') {
        ;(proc.pendingSignals ??= []).push(signal)
        return
      }
      for (const h of handlers)
        queueMicrotask(() => {
          try {
            h(signal)
          } catch {
            // a faulty handler ends only itself
          }
        })
      return
    }
    // init, like Unix's, never takes a default action: a SIGPIPE from feeding a command that
    // did not read its input must not end the system
    if (signal === 'SIGCHLD' || signal === 'SIGCONT' || proc === this.initProc) return
    if (signal === 'SIGSTOP' || signal === 'SIGTSTP') proc.markStopped()
    else this.exit(proc, 128 + SIGNALS[signal])
  }

  /** The calling process's descriptors, for /dev/fd (devfs). */
  caller(cred: Cred): Caller {
    const p = cred.pid === undefined ? undefined : this.procs.get(cred.pid)
    if (p === undefined) throw new NineError('EPERM', '/dev/fd')
    return {
      fds: () => p.fds.entries().map(([fd]) => fd),
      holdsConsole: () => this.consoleSession === undefined || p.account === this.consoleSession || p.account === this.systemAccount,
      checkSignalGroup: (pgid) => {
        if (p.cred.uid === SUPERUSER) return
        for (const q of this.procs.values()) if (q.pgid === pgid && !q.exited && q.cred.uid !== p.cred.uid) throw new NineError('EPERM', String(pgid))
      },
      dupHandle: (fd) => {
        const f = p.fds.get(fd)
        f.refs++
        const handle: Handle & { tty?: true } = {
          read: (_o, count, signal) => f.read(count, signal ?? p.ended),
          write: (_o, data, signal) => f.write(data, signal ?? p.ended),
          close: () => f.release(),
        }
        if (f.isTTY) handle.tty = true
        return handle
      },
    }
  }

  info(proc: Process): ProcInfo {
    return { pid: proc.pid, ppid: proc.parent?.pid ?? 0, pgid: proc.pgid, user: proc.cred.uid, state: proc.state, argv: proc.argv, started: proc.started }
  }

  /** Ends every process (shutdown). */
  shutdown(): void {
    for (const p of [...this.procs.values()].reverse()) this.exit(p, 128 + SIGNALS.SIGKILL)
  }
}

/** Who waits for the next turn: every caller until it comes shares it. */
let turnWaiters: (() => void)[] = []

function takeTurn(): void {
  const waiters = turnWaiters
  turnWaiters = []
  for (const w of waiters) w()
}

/**
 * How to wait for one whole turn of the host's event loop, chosen once. Node's `setImmediate`
 * runs after timers and I/O have had theirs; a MessagePort there is not enough, as Node delivers
 * up to ~1,000 queued port messages before it returns to the loop (measured: host timers 11 s
 * late). In a browser `scheduler.postTask` (user-visible priority) lets input and rendering
 * through, and a MessageChannel message where that is missing. `setTimeout(0)` is the fallback.
 */
const schedule: (fn: () => void) => void = (() => {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown; scheduler?: { postTask?: (fn: () => void, options: { priority: string }) => Promise<unknown> } }
  if (typeof g.setImmediate === 'function') {
    const setImmediate = g.setImmediate
    return (fn) => void setImmediate(fn)
  }
  const postTask = g.scheduler?.postTask
  if (typeof postTask === 'function') return (fn) => void postTask.call(g.scheduler, fn, { priority: 'user-visible' })
  if (typeof MessageChannel === 'function') {
    let channel: MessageChannel | undefined
    return (fn) => {
      channel ??= new MessageChannel()
      const port = channel.port1
      // removed after each message, so the channel does not keep the host alive in between
      port.onmessage = () => {
        port.onmessage = null
        fn()
      }
      channel.port2.postMessage(null)
    }
  }
  return (fn) => void setTimeout(fn, 0)
})()

/** One turn of the host's event loop, shared by every process whose slice ran out meanwhile. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    turnWaiters.push(resolve)
    if (turnWaiters.length === 1) schedule(takeTurn)
  })
}

/** The paths a command name may run from, in order: a path as it is, or the name in each directory of `path` (a $PATH value). */
function candidates(proc: Process, name: string, path = DEFAULT_PATH): string[] {
  if (name === '') return []
  if (name.includes('/')) return [resolvePath(proc.cwd, name)]
  const found: string[] = []
  for (let start = 0; start <= path.length; ) {
    const colon = path.indexOf(':', start)
    const end = colon < 0 ? path.length : colon
    found.push(resolvePath(proc.cwd, (end > start ? path.slice(start, end) : '.') + '/' + name))
    start = end + 1
  }
  return found
}

/** An executable file that is not a directory: even the superuser runs only files that have an execute bit. */
function runnable(dir: Dir, cred: Cred): boolean {
  return (dir.mode & DMDIR) === 0 && (dir.mode & 0o111) !== 0 && can(dir, cred, 'x')
}

/** Refuses an argv larger than `max` bytes (counted as UTF-16 units: cheap, and never fewer than bytes of ASCII). */
function checkArgv(argv: readonly string[], max: number): void {
  if (max === Infinity) return
  let size = 0
  for (const a of argv) size += a.length + 1
  if (size > max) throw new NineError('ELIMIT', argv[0], 'argument list too long')
}

function checkRfork(f: RforkFlags): void {
  if ((f.copyNamespace && f.cleanNamespace) || (f.copyEnv && f.cleanEnv) || (f.copyFds && f.cleanFds)) throw new NineError('EINVAL', 'rfork')
}

/** The first bytes of a file, to find a `#!` line. */
async function readHeader(chan: Chan, cred: Cred): Promise<string> {
  const h = await chan.fs.open(chan.path, OREAD, cred)
  try {
    const bytes = await h.read(0, 256)
    const text = new TextDecoder().decode(bytes)
    const nl = text.indexOf('\n')
    return nl < 0 ? text : text.slice(0, nl)
  } finally {
    await h.close()
  }
}
