/**
 * The system image: builds a running system from presets and Extensions. It creates the root
 * filesystem, the kernel's devices and the standard namespace, registers commands, starts init,
 * and gives embedders `run`, `exec`, `login` and file access.
 */
import { Context } from './kernel/context.ts'
import { OpenFile } from './kernel/fd.ts'
import { NineError, reasonOf } from './kernel/errors.ts'
import { Binfs, BinRegistry } from './kernel/fileservers/binfs.ts'
import { devfs, nullConsole, type Console } from './kernel/fileservers/devfs.ts'
import { Memfs } from './kernel/fileservers/memfs.ts'
import { procfs } from './kernel/fileservers/procfs.ts'
import { rootdev } from './kernel/fileservers/root.ts'
import { Kernel } from './kernel/kernel.ts'
import { seederOf, type Seedable } from './kernel/seed.ts'
import { Namespace } from './kernel/namespace.ts'
import { dirname, resolvePath } from './kernel/path.ts'
import { SUPERUSER } from './kernel/perm.ts'
import type { Process } from './kernel/process.ts'
import { SrvFs } from './kernel/fileservers/srv.ts'
import { userfs } from './kernel/fileservers/userfs.ts'
import { DMDIR, OWRITE, type Cred, type ExitCode, type Extension, type Fileserver, type Handle, type Packages, type ProcContext, type RforkFlags, type SrvCapable, type BindFlags } from './kernel/types.ts'
import { PackageManager } from './pkg/manager.ts'
import { UserDb, type User } from './kernel/users.ts'
import { init } from './runtime/init/init.ts'
import { Supervisor } from './runtime/init/supervisor.ts'
import { logfs, svcfs } from './runtime/init/svcfs.ts'

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
}

/** rc's rfork letters (fork(2)) as flags. */
export function rforkLetters(letters: string): RforkFlags {
  const flags: RforkFlags = {}
  const map: Record<string, keyof RforkFlags> = { n: 'copyNamespace', N: 'cleanNamespace', m: 'noMount', e: 'copyEnv', E: 'cleanEnv', s: 'newSignalGroup', f: 'copyFds', F: 'cleanFds' }
  for (const c of letters) {
    const key = map[c]
    if (key === undefined) throw new NineError('EINVAL', 'rfork', `unknown flag letter ${c}`)
    flags[key] = true
  }
  return flags
}

function bindFlagLetters(letters = ''): BindFlags {
  for (const c of letters) if (!'bacr'.includes(c)) throw new NineError('EINVAL', 'namespace', `unknown flag letter ${c}`)
  return { before: letters.includes('b'), after: letters.includes('a'), create: letters.includes('c'), readonly: letters.includes('r') }
}

export interface RunResult {
  stdout: string
  stderr: string
  exitCode: ExitCode
}

export async function boot(options: BootOptions = {}): Promise<System> {
  const presets = options.presets ?? []
  const users = new UserDb()
  for (const p of presets) for (const u of p.users ?? []) if (!users.get(u.name)) users.add({ ...u, groups: [...u.groups] })
  if (!users.get(SUPERUSER)) users.add({ name: SUPERUSER, home: '/root', groups: [], shell: '/bin/sh' })
  const root = users.cred(SUPERUSER)

  const registry = new BinRegistry()
  const console = options.console ?? nullConsole()
  const srv = new SrvFs()
  const packages = new PackageManager(() => sys, options.loadModule)
  const kernel: Kernel = new Kernel({ rootdev: rootdev(), users, makeContext: (k, p) => new SystemContext(k, p, srv, packages) })
  kernel.exitHooks.push((p) => srv.processEnded(p.pid))
  kernel.devices.set('#/', kernel.rootdev)
  kernel.devices.set('#c', devfs(console, (cred) => kernel.caller(cred)))
  kernel.devices.set('#p', procfs(kernel))
  kernel.devices.set('#b', new Binfs(registry))
  kernel.devices.set('#s', srv)
  kernel.devices.set('#U', userfs(users))

  const rootfs = options.root ?? new Memfs({ owner: SUPERUSER, mode: 0o755 })
  await seedRoot(seederOf(rootfs), presets, users)
  srv.post('boot', rootfs, root)
  const ns = await standardNamespace(kernel, rootfs, root)
  const initProc = kernel.startInit(ns, init, { PATH: '/bin', HOME: '/root', USER: SUPERUSER })
  const sys: System = new System(kernel, registry, console, initProc, presets.findLast((p) => p.defaultUser)?.defaultUser ?? SUPERUSER, srv, packages)
  const supervisor = new Supervisor({
    kernel,
    init: () => initProc,
    ctx: sys.context as SystemContext,
    mkdirAll: (path) => sys.mkdirAll(path, 0o755),
    posterOf: (name) => srv.ownerOf(name),
    removeServer: (name) => {
      if (srv.posterOf(name) !== undefined) srv.unpost(name, root)
    },
  })
  sys.supervisor = supervisor
  srv.postListeners.add((name) => supervisor.posted(name))
  const services = svcfs(supervisor)
  srv.post('init', services, { ...root, pid: initProc.pid }, 0o644)
  await sys.context.mount(services, '/svc', {}, { srv: 'init' })
  const logs = logfs(supervisor)
  srv.post('log', logs, { ...root, pid: initProc.pid }, 0o644)
  await sys.context.mount(logs, '/var/log', {}, { srv: 'log' })

  sys.fileservers.push(rootfs)
  for (const [at, fs] of Object.entries(options.mounts ?? {})) await sys.mountAt(fs, at)
  for (const [path, file] of Object.entries(options.files ?? {})) {
    const { data, ...how } = typeof file === 'string' || file instanceof Uint8Array ? { data: file } : file
    await sys.writeFile(path, data, how)
  }

  for (const p of presets) await packages.apply(p)
  await supervisor.startEnabled()
  await packages.restore()
  return sys
}

/**
 * The root filesystem's own directories and files, made before anything is mounted where they
 * are absent: the mount points, the presets' directories, the homes and the presets' files (a
 * later preset's file wins). A seeder that answers at once (memfs) is not awaited: boot makes
 * dozens of these and a promise each was most of its time.
 */
async function seedRoot(seed: Seedable, presets: Preset[], users: UserDb): Promise<void> {
  const dirs: [string, number, string][] = []
  for (const dir of ['/adm', '/bin', '/dev', '/proc', '/srv', '/env', '/svc', '/var/log']) dirs.push([dir, 0o755, SUPERUSER])
  for (const p of presets) for (const [path, mode] of Object.entries(p.dirs ?? {})) dirs.push([resolvePath('/', path), mode, SUPERUSER])
  for (const u of users.list()) dirs.push([resolvePath('/', u.home), 0o755, u.name])
  for (const [path, mode, owner] of dirs) {
    const pending = seed.seedDir(path, mode, owner)
    if (pending) await pending
  }
  const files = new Map<string, string | Uint8Array>()
  for (const p of presets) for (const [path, data] of Object.entries(p.files ?? {})) files.set(resolvePath('/', path), data)
  const encoder = new TextEncoder()
  for (const [path, data] of files) {
    const pending = seed.seedFile(path, typeof data === 'string' ? encoder.encode(data) : data, 0o644, SUPERUSER)
    if (pending) await pending
  }
}

/**
 * The standard namespace, built the Plan 9 way on the minimal root: the root filesystem over /,
 * then the kernel's devices on their mount points.
 */
async function standardNamespace(kernel: Kernel, rootfs: Fileserver, cred: Cred): Promise<Namespace> {
  const ns = new Namespace({ fs: kernel.rootdev, path: '/' })
  await ns.mount(rootfs, '/', { create: true }, { type: 'mount', srv: 'boot' }, cred)
  // /dev is a union: the console devices first, then a directory where device packages mount.
  await ns.bind('/dev', '/dev', { create: true }, cred)
  await ns.mount(kernel.devices.get('#c')!, '/dev', { before: true }, { type: 'bind', path: '#c' }, cred)
  await ns.mount(kernel.devices.get('#p')!, '/proc', {}, { type: 'bind', path: '#p' }, cred)
  await ns.mount(kernel.devices.get('#b')!, '/bin', {}, { type: 'bind', path: '#b' }, cred)
  await ns.mount(kernel.devices.get('#s')!, '/srv', {}, { type: 'bind', path: '#s' }, cred)
  await ns.mount(kernel.devices.get('#U')!, '/adm', {}, { type: 'bind', path: '#U' }, cred)
  kernel.nsgroups.create('system', ns, cred)
  return ns
}

/**
 * A process's system calls plus what the image adds: the /srv callbacks (closures over the one
 * srvFS, so the kernel knows nothing of /srv) and package management.
 */
export class SystemContext extends Context implements SrvCapable {
  constructor(
    kernel: Kernel,
    proc: Process,
    private readonly srv: SrvFs,
    private readonly pkgs: PackageManager,
  ) {
    super(kernel, proc)
  }

  postServer(name: string, fs: Fileserver, mode?: number): void {
    this.srv.post(name, fs, this.live().cred, mode)
  }

  getServer(name: string): Fileserver | undefined {
    return this.srv.get(name, this.live().cred)
  }

  removeServer(name: string): void {
    this.srv.unpost(name, this.live().cred)
  }

  get packages(): Packages {
    const p = this.live()
    return this.pkgs.as(p.cred, p.isolated || p.noMount)
  }
}

export class System {
  private readonly initCtx: SystemContext
  /** init's service supervisor (set during boot). */
  supervisor!: Supervisor
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
  ) {
    this.initCtx = new SystemContext(kernel, initProc, srv, packages)
  }

  /** The system namespace: init's, shared by login shells. */
  get context(): SystemContext {
    return this.initCtx
  }

  /** Adds an Extension's files, commands and devices (all or nothing for commands and devices). */
  async install(ext: Extension): Promise<void> {
    for (const [path, data] of Object.entries(ext.files ?? {})) {
      await this.mkdirAll(dirname(path), 0o755)
      await this.writeFile(path, data)
    }
    await this.packages.apply(ext)
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

  /** Runs a command (looked up in /bin) without a shell; collects its output. */
  async exec(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const ctx = this.initCtx
    const user = options.user ?? this.defaultUser
    const [inR, inW] = ctx.pipe()
    const [outR, outW] = ctx.pipe()
    const [errR, errW] = ctx.pipe()
    let child: Process
    try {
      const rfork = typeof options.rfork === 'string' ? rforkLetters(options.rfork) : options.rfork
      const entries = options.namespace
      child = await this.kernel.spawn(
        this.initProc,
        argv,
        {
          fds: { 0: inR, 1: outW, 2: errW },
          user,
          cwd: options.cwd ?? (rfork?.cleanNamespace ? '/' : this.kernel.users.require(user).home),
          env: { ...this.userEnv(user), ...options.env },
          pgid: 'new',
          ...(rfork ? { rfork } : {}),
        },
        entries ? (ns) => this.furnish(ns, entries) : undefined,
      )
    } catch (e) {
      for (const fd of [inR, inW, outR, outW, errR, errW]) await ctx.close(fd)
      const missing = e instanceof NineError && e.code === 'ENOENT'
      return { stdout: '', stderr: `${argv[0]}: ${missing ? 'not found' : reasonOf(e)}\n`, exitCode: missing ? 127 : 126 }
    }
    await Promise.all([ctx.close(inR), ctx.close(outW), ctx.close(errW)])
    const feed = (async () => {
      try {
        if (options.stdin !== undefined && options.stdin.length > 0) await ctx.write(inW, options.stdin)
      } catch {
        // the command did not read all of its input
      } finally {
        await ctx.close(inW)
      }
    })()
    const [stdout, stderr] = await Promise.all([this.drain(outR), this.drain(errR)])
    const exitCode = await new Promise<ExitCode>((resolve) => child.onExit(resolve))
    await feed
    return { stdout, stderr, exitCode }
  }

  /** Applies sandbox namespace entries to a child's namespace, finding sources in the system's. */
  private async furnish(ns: Namespace, entries: NamespaceEntry[]): Promise<void> {
    const root = this.kernel.users.cred(SUPERUSER)
    const system = this.initProc.ns
    for (const e of entries) {
      const flags = bindFlagLetters(e.flags)
      const at = resolvePath('/', e.at)
      if ('bind' in e) {
        const device = e.bind.startsWith('#') ? this.kernel.devices.get(e.bind) : undefined
        if (e.bind.startsWith('#') && device === undefined) throw new NineError('ENOENT', e.bind)
        if (device) await ns.mount(device, at, flags, { type: 'bind', path: e.bind }, root)
        else await ns.bind(resolvePath('/', e.bind), at, flags, root, system)
      } else {
        const fs = typeof e.mount === 'string' ? this.srv.get(e.mount, root) : e.mount
        if (fs === undefined) throw new NineError('ENOENT', `/srv/${String(e.mount)}`)
        await ns.mount(fs, at, flags, { type: 'mount', srv: typeof e.mount === 'string' ? e.mount : fs.kind }, root)
      }
    }
  }

  private async drain(fd: number): Promise<string> {
    const dec = new TextDecoder()
    let text = ''
    try {
      for (;;) {
        const chunk = await this.initCtx.read(fd)
        if (chunk.length === 0) break
        text += dec.decode(chunk, { stream: true })
      }
    } finally {
      await this.initCtx.close(fd)
    }
    return text + dec.decode()
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
      await ctx.open('/dev/cons', 2),
      await ctx.open('/dev/cons', 2),
      options.stderr ? this.initProc.fds.add(new OpenFile(sinkHandle(options.stderr), OWRITE, 'stderr')) : await ctx.open('/dev/cons', 2),
    ]
    try {
      const child = await this.kernel.spawn(this.initProc, options.argv ?? ['sh', '-l'], {
        fds: { 0: fds[0]!, 1: fds[1]!, 2: fds[2]! },
        user,
        cwd: this.kernel.users.require(user).home,
        env: this.userEnv(user),
        pgid: 'new',
      })
      options.onSpawn?.(child.pid)
      return await new Promise<ExitCode>((resolve) => child.onExit(resolve))
    } finally {
      for (const fd of fds) await ctx.close(fd)
    }
  }

  /** A process's system calls, made from outside it (the CLI completes names in its login shell). */
  contextOf(pid: number): ProcContext {
    const p = this.kernel.procs.get(pid)
    if (p === undefined || p.exited) throw new NineError('ESRCH', String(pid))
    return new SystemContext(this.kernel, p, this.srv, this.packages)
  }

  /** Ctrl-C: SIGINT to the console's foreground process group. */
  interrupt(): boolean {
    const fg = this.console.foreground
    if (fg <= 0) return false
    try {
      this.kernel.kill(undefined, -fg, 'SIGINT')
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
