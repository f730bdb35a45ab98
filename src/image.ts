/**
 * The system image: builds a running system from presets and Extensions. It creates the root
 * filesystem, the kernel's devices and the standard namespace, registers commands, starts init,
 * and gives embedders `run`, `exec`, `login` and file access.
 */
import type { Network } from './9p/dial.ts'
import { Context } from './kernel/context.ts'
import { BinRegistry } from './kernel/fileservers/binfs.ts'
import { nullConsole, type Console } from './kernel/fileservers/devfs.ts'
import { makeDevices } from './kernel/fileservers/devtab.ts'
import { OpenFile } from './kernel/fd.ts'
import { NineError } from './kernel/errors.ts'
import { Memfs } from './kernel/fileservers/memfs.ts'
import { Kernel } from './kernel/kernel.ts'
import { readHandle } from './kernel/readhandle.ts'
import { seederOf, type Seedable } from './kernel/seed.ts'
import { Namespace, type MemberSource } from './kernel/namespace.ts'
import { loginFork } from './kernel/login.ts'
import { dirname, resolvePath } from './kernel/path.ts'
import { administers, SUPERUSER } from './kernel/perm.ts'
import { Account, type Process } from './kernel/process.ts'
import { SrvFs } from './kernel/fileservers/srv.ts'
import { DMDIR, OREAD, ORDWR, OWRITE, type BindFlags, type Cred, type ExitCode, type Fileserver, type Handle, type ProcContext } from './kernel/types.ts'
import type { Extension, Packages, PackagesCapable } from './extension.ts'
import type { HostWorkers } from './hostworker.ts'
import { webAccess, type HostFetch, type WebAccess } from './webaccess.ts'
import { INSTALLED_RECORD, PackageManager } from './pkg/manager.ts'
import { UserDb, type User } from './kernel/users.ts'
import { DEFAULT_LIMITS, lowered, type Limits } from './kernel/limits.ts'
import { StoreLedger } from './kernel/quota.ts'
import type { SignalName } from './kernel/types.ts'
import { init } from './runtime/init/init.ts'
import { Services } from './runtime/init/services.ts'
import { logfs, svcfs } from './runtime/init/svcfs.ts'
import type { RunOptions, RunResult } from './run.ts'
import { FirstUse } from './bins/lazy.ts'

/** System.exec's code (run.ts), loaded on the first run. */
const runModule = new FirstUse(() => import('./run.ts'))

/** A preset is an Extension that may also shape the tree and the users. */
export interface Preset extends Extension {
  /** Directories of the root filesystem (path → mode), owned by root, made at boot before anything is mounted. */
  dirs?: Record<string, number>
  users?: User[]
  /** Who `run`, `exec` and `login` run as when no user is named. */
  defaultUser?: string
}

export interface BootOptions {
  presets?: Preset[]
  /** The host terminal behind /dev/cons (default: none, reads end at once). */
  console?: Console
  /** Loads a host ES module for `pkg install PATH` (the Node CLI passes `import`). */
  loadModule?: (path: string) => Promise<unknown>
  /** Lowers the default limits every run and login is held to (see kernel/limits.ts, README "Limits"). */
  limits?: Partial<Limits>
  /** How processes reach other machines (9P's dial and listen); the Node CLI passes the host's sockets. */
  network?: Network
  /**
   * The origins (`https://example.org`, `http://127.0.0.1:8080`, or `*` for all) whose URLs
   * `curl` and `wget` may fetch. Default: none, every request is denied.
   */
  allowNet?: string[]
  /** The fetch behind curl and wget (default: the host's global fetch). */
  fetch?: HostFetch
  /**
   * Starts host threads for jq's WebAssembly, which runs without giving the host a turn: in a
   * worker a filter that never ends holds only that worker, and ending its process ends it
   * (`nodeWorkers` from ninefold/node; the web page passes its own). Default: jq runs in the
   * host's own thread.
   */
  workers?: HostWorkers
  /**
   * The root filesystem (default: a fresh memfs). Boot seeds it with what is absent (mount
   * points, the presets' directories and files, the homes) and never rewrites what it holds, so a
   * root kept from an earlier boot comes back as it was left.
   */
  root?: Fileserver
  /** Fileservers mounted in the system namespace at boot (path → fileserver); missing mount points are made. */
  mounts?: Record<string, Fileserver>
  /** Files written at boot (path → contents, or contents with an owner and mode); see System.writeFile for who owns them. */
  files?: Record<string, string | Uint8Array | PreloadedFile>
}

/** A file handed to the system with its owner (default: see System.writeFile) and mode (default 0644). */
export interface PreloadedFile {
  data: string | Uint8Array
  owner?: string
  mode?: number
}

export type { NamespaceEntry, RunOptions, RunResult } from './run.ts'

export async function boot(options: BootOptions = {}): Promise<System> {
  const presets = options.presets ?? []
  const users = new UserDb()
  for (const p of presets) for (const u of p.users ?? []) if (!users.get(u.name)) users.add({ ...u, groups: [...u.groups] })
  if (!users.get(SUPERUSER)) users.add({ name: SUPERUSER, home: '/root', groups: [], shell: '/bin/sh' })
  const root = users.cred(SUPERUSER)

  const registry = new BinRegistry()
  const console = options.console ?? nullConsole()
  const srv = new SrvFs()
  // a tenant in a sandbox (a clean namespace) sees only its own user's posts, unless it administers the system
  srv.confined = (cred) => {
    const p = cred.pid === undefined ? undefined : kernel.procs.get(cred.pid)
    return p !== undefined && p.isolated && !administers(cred, false)
  }
  const packages = new PackageManager(() => sys, options.loadModule)
  const host: HostFacilities = {
    network: options.network,
    web: webAccess(options.allowNet ?? [], options.fetch ?? globalThis.fetch?.bind(globalThis)),
    workers: options.workers,
  }
  const kernel: Kernel = new Kernel({ users, srv, makeContext: (k, p) => new SystemContext(k, p, packages, host) })
  kernel.addDevices(makeDevices({ kernel, console, users, bins: registry, srv }))

  const limits = lowered(DEFAULT_LIMITS, options.limits)
  // A user's stored bytes are bounded by the system's limit and by the writing process's own.
  const store = new StoreLedger((owner, cred) => (owner === SUPERUSER ? Infinity : Math.min(limits.storeBytes, (cred.pid === undefined ? undefined : kernel.procs.get(cred.pid))?.limits.storeBytes ?? Infinity)))
  const rootfs = options.root ?? new Memfs({ owner: SUPERUSER, mode: 0o755, quota: store })
  if (options.root !== undefined) await restoreUsers(rootfs, users, root)
  const seeder = seederOf(rootfs)
  await seedRoot(seeder, presets, users)
  srv.post('boot', rootfs, root)
  const ns = await standardNamespace(kernel, rootfs, root)
  const initProc = kernel.startInit(ns, init, { PATH: '/bin', HOME: '/root', USER: SUPERUSER })
  const sys: System = new System(kernel, registry, console, initProc, presets.findLast((p) => p.defaultUser)?.defaultUser ?? SUPERUSER, srv, packages, limits, store, host)
  const supervisor = new Services({
    kernel,
    init: () => initProc,
    ctx: sys.context as SystemContext,
    mkdirAll: (path) => sys.mkdirAll(path, 0o755),
    posterOf: (name) => srv.posterOf(name),
    descendsFrom: (pid, ancestor) => {
      for (let p = kernel.procs.get(pid); p !== undefined; p = p.parent) if (p.pid === ancestor) return true
      return false
    },
    removeServer: (name) => {
      if (srv.posterOf(name) !== undefined) srv.unpost(name, root)
    },
  })
  sys.supervisor = supervisor
  srv.postListeners.add((name) => supervisor.posted(name))
  const services = svcfs(supervisor)
  srv.post('init', services, { ...root, pid: initProc.pid }, 0o644)
  const svcMounted = mountAtBoot(ns, services, '/svc', {}, { type: 'mount', srv: 'init' }, root)
  if (svcMounted) await svcMounted
  const logs = logfs(supervisor)
  srv.post('log', logs, { ...root, pid: initProc.pid }, 0o644)
  const logMounted = mountAtBoot(ns, logs, '/var/log', {}, { type: 'mount', srv: 'log' }, root)
  if (logMounted) await logMounted

  // The presets' files are seeded into the root filesystem: written only where absent, so a root
  // kept from an earlier boot keeps what was changed in it.
  // Where two presets give one file, the later one's wins.
  const encoder = new TextEncoder()
  const lastGiver = new Map<string, Preset>()
  for (const p of presets) for (const path of Object.keys(p.files ?? {})) lastGiver.set(resolvePath('/', path), p)
  for (const p of presets) {
    await packages.apply(p, SUPERUSER, (path, data) => {
      const at = resolvePath('/', path)
      if (lastGiver.get(at) === p) return seeder.seedFile(at, typeof data === 'string' ? encoder.encode(data) : data, 0o644, SUPERUSER)
    })
  }
  sys.fileservers.push(rootfs)
  for (const [at, fs] of Object.entries(options.mounts ?? {})) await sys.mountAt(fs, at)
  for (const [path, file] of Object.entries(options.files ?? {})) {
    const { data, ...how } = typeof file === 'string' || file instanceof Uint8Array ? { data: file } : file
    await sys.writeFile(path, data, how)
  }
  await supervisor.startEnabled()
  // A fresh root holds no record of installed packages unless boot put one there: a file, a mount or a service of its own.
  const fresh = options.root === undefined && options.mounts === undefined && options.files === undefined && presets.every((p) => p.mounts === undefined && p.services === undefined)
  if (!fresh || lastGiver.has(INSTALLED_RECORD)) await packages.restore()
  // One write at a time, in order: the record is the database as it was after the last change.
  let recorded = Promise.resolve()
  users.changed.add(() => {
    recorded = recorded.then(() => sys.writeFile(USERS_RECORD, users.format(), { owner: SUPERUSER, mode: 0o644 })).catch(() => {})
  })
  sys.beforeShutdown.push(() => recorded)
  return sys
}

/** Where the user database is recorded, so a root kept across boots brings back the users added in it. */
export const USERS_RECORD = '/var/lib/users'

/** Adds the users a root filesystem kept from an earlier boot records (those the presets lack). */
async function restoreUsers(rootfs: Fileserver, users: UserDb, cred: Cred): Promise<void> {
  let text: string
  try {
    text = new TextDecoder().decode(await readHandle(await rootfs.open(USERS_RECORD, OREAD, cred)))
  } catch {
    return // a fresh root
  }
  for (const line of text.split('\n')) {
    const [name, home, shell, groups] = line.split(':')
    if (!name || !home?.startsWith('/') || users.get(name) !== undefined) continue
    try {
      users.add({ name, home, shell: shell || '/bin/sh', groups: groups ? groups.split(',') : [] })
    } catch {
      // a line this version does not take
    }
  }
}

/** The mount points boot makes in the root filesystem. */
const MOUNT_POINTS = ['/adm', '/bin', '/dev', '/proc', '/srv', '/env', '/svc', '/var/log', '/usr/bin']

/**
 * The root filesystem's own directories, made before anything is mounted where they are absent:
 * the mount points, the presets' directories and the homes, in that order. A seeder that answers
 * at once (memfs) is not awaited: boot makes dozens of these and a promise each was most of its
 * time; one that waits is waited for, a directory at a time.
 */
async function seedRoot(seed: Seedable, presets: Preset[], users: UserDb): Promise<void> {
  let waiting: Promise<void> | undefined
  const dir = (path: string, mode: number, owner: string): void => {
    waiting = waiting === undefined ? (seed.seedDir(path, mode, owner) ?? undefined) : waiting.then(() => seed.seedDir(path, mode, owner))
  }
  // (index loops: a boot runs before the JIT has, where for-of makes an iterator result a step)
  for (let i = 0; i < MOUNT_POINTS.length; i++) dir(MOUNT_POINTS[i]!, 0o755, SUPERUSER)
  for (let i = 0; i < presets.length; i++) {
    const dirs = presets[i]!.dirs
    if (dirs !== undefined) for (const path of Object.keys(dirs)) dir(resolvePath('/', path), dirs[path]!, SUPERUSER)
  }
  const list = users.list()
  for (let i = 0; i < list.length; i++) dir(resolvePath('/', list[i]!.home), 0o755, list[i]!.name)
  if (waiting !== undefined) await waiting
}

/**
 * The standard namespace, built the Plan 9 way on the minimal root: the root filesystem over /,
 * then the kernel's devices on their mount points.
 */
async function standardNamespace(kernel: Kernel, rootfs: Fileserver, cred: Cred): Promise<Namespace> {
  const ns = new Namespace({ fs: kernel.rootdev, path: '/' })
  const rootMounted = mountAtBoot(ns, rootfs, '/', { create: true }, { type: 'mount', srv: 'boot' }, cred)
  if (rootMounted) await rootMounted
  // /dev is a union: the console devices first, then a directory where device packages mount.
  if (!ns.bindNow('/dev', '/dev', { create: true }, cred)) await ns.bind('/dev', '/dev', { create: true }, cred)
  for (const [name, d] of kernel.devices) {
    const mounted = d.std && mountAtBoot(ns, d.fs, d.std.at, d.std.flags ?? {}, { type: 'bind', path: name }, cred)
    if (mounted) await mounted
  }
  // Unix scripts name their interpreters there (`#!/usr/bin/env bash`, `#!/usr/bin/awk -f`)
  if (!ns.bindNow('/bin', '/usr/bin', {}, cred)) await ns.bind('/bin', '/usr/bin', {}, cred)
  kernel.nsgroups.create('system', ns, cred)
  // Every login's namespace is a copy of this one that keeps receiving init's mounts.
  ns.propagate()
  return ns
}

/**
 * A mount boot makes: at once where the fileserver and the walk answer at once (the kernel's
 * devices, memfs), else by the walk that waits (a root or device that answers only so).
 */
function mountAtBoot(ns: Namespace, fs: Fileserver, at: string, flags: BindFlags, source: MemberSource, cred: Cred): Promise<void> | undefined {
  return ns.mountNow(fs, at, flags, source, cred) ? undefined : ns.mount(fs, at, flags, source, cred)
}

/** What the host lends the system's processes: 9P's sockets, the web for curl and wget, threads for jq. */
interface HostFacilities {
  network: Network | undefined
  web: WebAccess
  workers: HostWorkers | undefined
}

/** A process's system calls plus what the image adds: package management, which the kernel knows nothing of. */
export class SystemContext extends Context implements PackagesCapable {
  constructor(
    kernel: Kernel,
    proc: Process,
    private readonly pkgs: PackageManager,
    private readonly host: HostFacilities,
  ) {
    super(kernel, proc)
  }

  /** The system's network; a sandboxed process (isolated, or barred from mounting) may not dial out. */
  get network(): Network | 'sandboxed' | undefined {
    const net = this.host.network
    if (net !== undefined && this.sandboxed()) return 'sandboxed'
    return net
  }

  /** The web behind the system's allowlist; a sandboxed process reaches none of it. */
  get web(): WebAccess | 'sandboxed' {
    return this.sandboxed() ? 'sandboxed' : this.host.web
  }

  /** Host threads for jq, where the embedder gave them. */
  get workers(): HostWorkers | undefined {
    return this.host.workers
  }

  private sandboxed(): boolean {
    const p = this.live()
    return p.isolated || p.noMount
  }

  get packages(): Packages {
    return this.pkgs.as(this.live().cred, this.sandboxed())
  }
}

export class System {
  private readonly initCtx: SystemContext
  /** init's services (set during boot). */
  supervisor!: Services
  /** Writes System.shutdown waits for while the system still runs (records of changes made just before). */
  readonly beforeShutdown: (() => Promise<void>)[] = []
  /** The fileservers whose shutdown hook System.shutdown calls: the root's and boot's mounts. */
  readonly fileservers: Fileserver[] = []
  /** Where files given to no one go to the default user: its home and boot's mount points. */
  private readonly workDirs: string[] = []

  constructor(
    readonly kernel: Kernel,
    readonly bins: BinRegistry,
    readonly console: Console,
    private readonly initProc: Process,
    readonly defaultUser: string,
    readonly srv: SrvFs,
    readonly packages: PackageManager,
    /** What every run and login is held to, unless a run lowers it. */
    readonly limits: Readonly<Limits>,
    /** Bytes each user keeps in the root filesystem. */
    readonly store: StoreLedger,
    private readonly host: HostFacilities,
  ) {
    this.initCtx = new SystemContext(kernel, initProc, packages, host)
  }

  /** init's system calls, in the system namespace (each login's namespace is a copy of it). */
  get context(): SystemContext {
    return this.initCtx
  }

  /** Adds an Extension's files, commands, devices and services, all or nothing. */
  install(ext: Extension): Promise<void> {
    return this.packages.apply(ext)
  }

  /** The environment a user's processes start with. */
  userEnv(user: string): Record<string, string> {
    const u = this.kernel.users.require(user)
    return { HOME: u.home, USER: u.name, PATH: '/bin' }
  }

  /** Runs a shell command line as a user; collects its output. */
  run(script: string, options: RunOptions = {}): Promise<RunResult> {
    return this.exec(['sh', '-c', script], options)
  }

  /**
   * Runs a command (looked up in /bin) without a shell; collects its output. The run is its own
   * account: it ends with its foreground (background jobs are ended too unless `keepBackground`),
   * or when `signal` fires or `timeoutMs` passes, and it is held to the system's limits.
   */
  exec(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const runs = runModule.get()
    // once the module is in, the run's own promise is the caller's: no frame of this method's between
    return runs instanceof Promise ? runs.then((m) => m.execute(this, this.initProc, argv, options)) : runs.execute(this, this.initProc, argv, options)
  }

  /**
   * A login shell on the console (/dev/cons as its standard input, output and error), as the
   * CLI runs it. `stderr` takes its standard error elsewhere (the host's, when that is not the
   * terminal); `onSpawn` learns its pid. Resolves with its exit status.
   */
  async login(options: { user?: string; argv?: string[]; stderr?: Pick<Console, 'write'>; onSpawn?: (pid: number) => void } = {}): Promise<ExitCode> {
    const ctx = this.initCtx
    const user = options.user ?? this.defaultUser
    const fds = [
      await ctx.open('/dev/cons', ORDWR),
      await ctx.open('/dev/cons', ORDWR),
      options.stderr ? this.initProc.fds.add(new OpenFile(sinkHandle(options.stderr), OWRITE, 'stderr')) : await ctx.open('/dev/cons', ORDWR),
    ]
    try {
      const child = await this.kernel.spawn(
        this.initProc,
        options.argv ?? ['sh', '-l'],
        {
          fds: { 0: fds[0]!, 1: fds[1]!, 2: fds[2]! },
          user,
          cwd: this.kernel.users.require(user).home,
          env: this.userEnv(user),
          pgid: 'new',
          rfork: loginFork(undefined),
        },
        { account: new Account(this.limits) },
      )
      options.onSpawn?.(child.pid)
      const before = this.kernel.consoleSession
      this.kernel.consoleSession = child.account
      try {
        return await new Promise<ExitCode>((resolve) => child.onExit(resolve))
      } finally {
        this.kernel.consoleSession = before
      }
    } finally {
      for (const fd of fds) await ctx.close(fd)
    }
  }

  /** A process's system calls, made from outside it (the CLI completes names in its login shell). */
  contextOf(pid: number): ProcContext {
    const p = this.kernel.procs.get(pid)
    if (p === undefined || p.exited) throw new NineError('ESRCH', String(pid))
    return new SystemContext(this.kernel, p, this.packages, this.host)
  }

  /** Ctrl-C: SIGINT to the console's foreground process group. */
  interrupt(): boolean {
    return this.signalForeground('SIGINT')
  }

  /** Ctrl-Z: SIGTSTP to the console's foreground process group, which stops unless it handles it. */
  suspend(): boolean {
    return this.signalForeground('SIGTSTP')
  }

  private signalForeground(signal: SignalName): boolean {
    const fg = this.console.foreground
    if (fg <= 0) return false
    try {
      this.kernel.kill(undefined, -fg, signal)
      return true
    } catch {
      return false
    }
  }

  /** Reads a file as root, through the system namespace. */
  readFile(path: string): Promise<Uint8Array> {
    return this.initCtx.readFile(path)
  }

  /**
   * Writes a file through the system namespace and gives it to `owner`. Without one, a file under
   * the default user's home or under a mount boot made goes to the default user (who works on
   * it); any other stays root's. Without `mode`, the bits are those a create gives. Missing
   * parents are made, for the same owner.
   */
  async writeFile(path: string, data: string | Uint8Array, options: { owner?: string; mode?: number } = {}): Promise<void> {
    const abs = this.initCtx.abs(path)
    const existed = await this.initCtx.stat(abs).then(
      () => true,
      () => false,
    )
    // A file that was there keeps its owner unless one is named (control files take no wstat).
    const owner = options.owner ?? (existed ? undefined : this.defaultOwner(abs))
    if (owner !== undefined) this.kernel.users.require(owner)
    if (!existed) await this.mkdirAll(dirname(abs), 0o755, owner)
    await this.initCtx.writeFile(abs, data)
    const changes = { ...(options.mode === undefined ? {} : { mode: options.mode }), ...(owner === undefined || (owner === SUPERUSER && options.owner === undefined) ? {} : { uid: owner, gid: owner }) }
    if (changes.mode !== undefined || changes.uid !== undefined) await this.initCtx.wstat(abs, changes)
  }

  private defaultOwner(path: string): string {
    const home = this.kernel.users.get(this.defaultUser)?.home
    const under = (dir: string): boolean => path === dir || path.startsWith(dir === '/' ? dir : `${dir}/`)
    if (home !== undefined && home !== '/' && under(home)) return this.defaultUser
    return this.workDirs.some(under) ? this.defaultUser : SUPERUSER
  }

  /** Mounts `fs` at `at` in the system namespace (made if missing, as `docker run -v` does), posted to /srv for `mount`. */
  async mountAt(fs: Fileserver, at: string): Promise<void> {
    const path = resolvePath('/', at)
    await this.mkdirAll(path, 0o755)
    const name = `${fs.kind}${path === '/' ? '' : path.replaceAll('/', '.')}`
    this.srv.post(name, fs, this.kernel.users.cred(SUPERUSER))
    await this.initCtx.mount(fs, path, { create: true }, { srv: name })
    this.fileservers.push(fs)
    this.workDirs.push(path)
  }

  credOf(user: string): Cred | undefined {
    return this.kernel.users.get(user) === undefined ? undefined : this.kernel.users.cred(user)
  }

  /** `mkdir -p` as root; the directories it makes go to `owner` (default root). */
  async mkdirAll(path: string, mode: number, owner: string = SUPERUSER): Promise<void> {
    const abs = this.initCtx.abs(path)
    if (abs === '/') return
    try {
      await this.initCtx.stat(abs)
      return
    } catch {
      await this.mkdirAll(dirname(abs), 0o755, owner)
    }
    await this.initCtx.mkdir(abs, mode)
    // create(5) limits a new directory's bits by its parent's: set the mode the caller asked for.
    await this.initCtx.wstat(abs, { mode: DMDIR | mode, ...(owner === SUPERUSER ? {} : { uid: owner, gid: owner }) })
  }

  /** Ends every process, then lets each fileserver make its data durable (a persistent root, a read-write host directory). */
  async shutdown(): Promise<void> {
    await Promise.all(this.beforeShutdown.splice(0).map((settle) => settle()))
    this.kernel.shutdown()
    const hooks = this.fileservers.splice(0).map((fs) => fs.shutdown?.())
    await Promise.all(hooks)
  }
}


/** A descriptor that passes writes to a host sink (a login shell's standard error). */
function sinkHandle(sink: Pick<Console, 'write'>): Handle {
  return {
    read: async () => {
      throw new NineError('EBADUSE')
    },
    write: async (_offset, data) => {
      await sink.write(data)
      return data.length
    },
    close() {},
  }
}
