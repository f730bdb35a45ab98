/**
 * ProcContext: the system calls of one process. Paths go through its namespace relative to its
 * cwd; descriptors through its table; every call fails with `process exited` once it has ended.
 */
import { own } from './own.ts'
import { encodeText, readAll } from './bytes.ts'
import { NineError } from './errors.ts'
import { DONE, OpenFile } from './fd.ts'
import type { Kernel } from './kernel.ts'
import type { Chan } from './namespace.ts'
import { lowered, type Limits } from './limits.ts'
import { dirname, joinName, resolvePath } from './path.ts'
import { seesProcess, SUPERUSER } from './perm.ts'
import { Pipe } from './pipe.ts'
import type { Process } from './process.ts'
import {
  DMDIR,
  OAPPEND,
  OREAD,
  OTRUNC,
  OWRITE,
  SIGNALS,
  type BindFlags,
  type ChildProcess,
  type Cred,
  type Dir,
  type DirChanges,
  type ExitCode,
  type Fileserver,
  type Listing,
  type NsGroupInfo,
  type NsGroupOp,
  type ProcContext,
  type ProcInfo,
  type RforkFlags,
  type SignalName,
  type SpawnOptions,
  type Stream,
} from './types.ts'

const DEFAULT_READ = 65536

/** A descriptor as a Stream (stdin, stdout, stderr) over the read and write calls of `calls`. */
export function fdStream(fd: number, calls: Pick<ProcContext, 'read' | 'write'>): Stream {
  return {
    fd,
    write: async (data) => {
      await calls.write(fd, data)
    },
    read: (count) => calls.read(fd, count),
  }
}

export class Context implements ProcContext {
  private streams: Stream[] | undefined

  constructor(
    protected readonly kernel: Kernel,
    protected readonly proc: Process,
  ) {}

  /**
   * Gives the host a turn when the time slice is used up (see Kernel.preempt). Callers await it
   * only when it is a promise: awaiting undefined would still cost a microtask on every call.
   * A yield reads the clock (`clocked`): it comes after a program has computed for a while.
   */
  protected turn(clocked = false): Promise<void> | undefined {
    // a stopped process is held here until it is continued (or ended)
    return this.proc.stopped ? this.proc.continued() : this.kernel.preempt(clocked)
  }

  /** Lets the host and other processes run if this one has had the processor long enough. */
  async yield(): Promise<void> {
    const pause = this.turn(true)
    if (pause) await pause
    this.live()
  }

  /** Throws `process exited` once the process has ended: its code stops at the next call. */
  protected live(): Process {
    const p = this.proc
    if (p.exited) throw new NineError('EEXITED')
    return p
  }

  get pid(): number {
    return this.proc.pid
  }
  get ppid(): number {
    return this.proc.parent?.pid ?? 0
  }
  get pgid(): number {
    return this.proc.pgid
  }
  get argv(): readonly string[] {
    return this.proc.argv
  }
  get env(): Record<string, string> {
    return this.proc.env
  }
  get user(): Cred {
    return this.proc.cred
  }
  get cwd(): string {
    return this.proc.cwd
  }
  get ended(): AbortSignal {
    return this.proc.ended
  }
  get limits(): Readonly<Limits> {
    return this.proc.limits
  }

  hold(bytes: number): void {
    const p = bytes > 0 ? this.live() : this.proc
    // what an ended process held was given back at its end
    if (p.exited) return
    const account = p.account
    if (bytes > 0 && (p.held + bytes > p.limits.memoryBytes || account.held + bytes > account.limits.memoryBytes)) throw new NineError('ELIMIT', undefined, `memory: more than ${Math.min(p.limits.memoryBytes, account.limits.memoryBytes)} bytes held`)
    p.held += bytes
    account.held += bytes
  }

  lowerLimits(changes: Partial<Limits>): void {
    const p = this.live()
    p.limits = lowered(p.limits, changes)
    p.fds.max = Math.min(p.fds.max, p.limits.fds)
  }

  private stream(fd: number): Stream {
    this.streams ??= []
    return (this.streams[fd] ??= fdStream(fd, this))
  }
  get stdin(): Stream {
    return this.stream(0)
  }
  get stdout(): Stream {
    return this.stream(1)
  }
  get stderr(): Stream {
    return this.stream(2)
  }

  abs(path: string): string {
    return resolvePath(this.proc.cwd, path)
  }

  async chdir(path: string): Promise<void> {
    const p = this.live()
    const target = this.abs(path)
    const dir = await p.ns.stat(target, p.cred)
    if (!(dir.mode & DMDIR)) throw new NineError('ENOTDIR', path)
    p.cwd = target
  }

  // ---- descriptors

  async open(path: string, mode: number = OREAD): Promise<number> {
    const pause = this.turn()
    if (pause) await pause
    const p = this.live()
    const abs = this.abs(path)
    const { chan, mount } = await p.ns.resolve(abs, p.cred)
    const handle = await chan.fs.open(chan.path, mode, p.cred).catch(renamed(path))
    return this.install(new OpenFile(handle, mode, abs, chan, mount !== undefined && mount.members.length > 1))
  }

  async openAt(dirfd: number, name: string, mode: number = OREAD): Promise<number> {
    const pause = this.turn()
    if (pause) await pause
    const p = this.live()
    const dir = openDirectory(p, dirfd)
    // a name of several elements, `.` or `..` is walked as a path
    if (!isOneName(name)) return this.open(resolvePath(dir.name, name), mode)
    // one element joined to the clean path the directory was opened by: clean already
    const abs = joinName(dir.name, name)
    const { handle, chan } = await p.ns.openAt(dir.handle, dir.chan, dir.name, dir.union, name, mode, p.cred).catch(renamed(abs))
    return this.install(new OpenFile(handle, mode, abs, chan))
  }

  readFileAt(dirfd: number, name: string, max: number, into?: Uint8Array): Uint8Array | undefined {
    if (!this.mayGoOn() || !isOneName(name)) return undefined
    const p = this.proc
    try {
      const dir = openDirectory(p, dirfd)
      return p.ns.readAt(dir.handle, dir.chan, dir.union, name, max, p.cred, into)
    } catch {
      // not read at once: openAt gives the reason
      return undefined
    }
  }

  readFileNow(path: string, max: number, into?: Uint8Array): Uint8Array | undefined {
    const p = this.proc
    return this.mayGoOn() ? p.ns.readNow(this.abs(path), max, p.cred, into) : undefined
  }

  /**
   * Whether a call may be answered at once: the process is neither stopped nor ended and the
   * time slice has time left. Otherwise the caller makes the call that waits, which holds a
   * stopped process, fails for an ended one and gives the host its turn.
   */
  private mayGoOn(): boolean {
    return !this.proc.exited && !this.proc.stopped && this.kernel.sliceLeft()
  }

  async create(path: string, perm: number, mode: number = OWRITE): Promise<number> {
    const p = this.live()
    const abs = this.abs(path)
    const handle = await p.ns.create(abs, perm & ~p.umask, mode, p.cred).catch(renamed(path))
    const { chan } = await p.ns.resolve(abs, p.cred)
    return this.install(new OpenFile(handle, mode, abs, chan))
  }

  /** Installs an open file, closing it again if the process ended meanwhile. */
  private install(file: OpenFile): number {
    if (this.proc.exited) {
      void file.release()
      throw new NineError('EEXITED')
    }
    return this.proc.fds.add(file)
  }

  async read(fd: number, count = DEFAULT_READ, into?: Uint8Array): Promise<Uint8Array> {
    const pause = this.turn()
    if (pause) await pause
    const p = this.live()
    // a file in memory: no signal to make (an AbortController a process) and no promise
    const now = p.fds.get(fd).readNow(count, into)
    if (now !== undefined) return now
    for (;;) {
      try {
        const data = await p.fds.get(fd).read(count, p.interruptible, into)
        if (p.exited) throw new NineError('EEXITED')
        return data
      } catch (e) {
        // Stopped while waiting: the read gave way, and is made again once the process goes on.
        if (!p.stopped || p.exited) throw e
        await p.continued()
        this.live()
      }
    }
  }

  readNow(fd: number, count: number, into?: Uint8Array): Uint8Array | undefined {
    if (!this.mayGoOn()) return undefined
    const fds = this.proc.fds
    try {
      return fds.has(fd) ? fds.get(fd).readNow(count, into) : undefined
    } catch {
      return undefined
    }
  }

  seekNow(fd: number, offset: number, whence: 0 | 1 | 2): number | undefined {
    const p = this.proc
    if (!this.mayGoOn() || !p.fds.has(fd)) return undefined
    const f = p.fds.get(fd)
    const chan = f.chan
    if (chan === undefined) return undefined
    let base: number | undefined
    try {
      base = whence === 0 ? 0 : whence === 1 ? f.offset : chan.fs.statNow?.(chan.path, p.cred)?.length
    } catch {
      return undefined
    }
    if (base === undefined || base + offset < 0) return undefined
    f.offset = base + offset
    return f.offset
  }

  async write(fd: number, data: Uint8Array | string): Promise<number> {
    const pause = this.turn()
    if (pause) await pause
    const p = this.live()
    const bytes = typeof data === 'string' ? encodeText(data) : data
    try {
      const file = p.fds.get(fd)
      return file.writeNow(bytes) ?? (await file.write(bytes, p.ended))
    } catch (e) {
      if (e instanceof NineError && e.code === 'EPIPE') this.kernel.deliver(p, 'SIGPIPE')
      throw e
    }
  }

  writeNow(fd: number, data: Uint8Array | string): number | undefined {
    if (!this.mayGoOn()) return undefined
    try {
      return this.proc.fds.get(fd).writeNow(typeof data === 'string' ? encodeText(data) : data)
    } catch {
      // refused before anything was written: write gives the reason (and SIGPIPE)
      return undefined
    }
  }

  writeBuffer(fd: number, least: number): Uint8Array {
    const fds = this.proc.fds
    const handle = fds.has(fd) ? fds.get(fd).handle : undefined
    return handle?.buffer?.(least) ?? new Uint8Array(least)
  }

  async seek(fd: number, offset: number, whence: 0 | 1 | 2): Promise<number> {
    const p = this.live()
    const f = p.fds.get(fd)
    if (f.chan === undefined) throw new NineError('EBADUSE', String(fd))
    const base = whence === 0 ? 0 : whence === 1 ? f.offset : (await f.chan.fs.stat(f.chan.path, p.cred)).length
    if (base + offset < 0) throw new NineError('EINVAL', String(fd))
    f.offset = base + offset
    return f.offset
  }

  close(fd: number): Promise<void> {
    try {
      return this.live().fds.close(fd) ?? DONE
    } catch (e) {
      return Promise.reject(e)
    }
  }

  async dup(fd: number, to?: number): Promise<number> {
    const p = this.live()
    const f = p.fds.get(fd)
    if (to === fd) return fd
    f.refs++
    if (to === undefined) return p.fds.add(f)
    await p.fds.set(to, f)
    return to
  }

  pipe(): [number, number] {
    const p = this.live()
    const pipe = new Pipe()
    const r = p.fds.add(new OpenFile(pipe.readEnd, OREAD, 'pipe'))
    const w = p.fds.add(new OpenFile(pipe.writeEnd, OWRITE, 'pipe'))
    return [r, w]
  }

  isatty(fd: number): boolean {
    const p = this.proc
    return p.fds.has(fd) && p.fds.get(fd).isTTY
  }

  isOpen(fd: number): boolean {
    return this.proc.fds.has(fd)
  }

  // ---- names

  /**
   * Through fileservers that answer at once, a promise already resolved is the only thing made:
   * no async function's frame, and nothing else waits (see statLater for the rest).
   */
  stat(path: string): Promise<Dir> {
    const dir = this.mayGoOn() ? this.statNow(path) : undefined
    return dir !== undefined ? Promise.resolve(dir) : this.statLater(path)
  }

  /** The stat at once, or undefined: statLater then gives it, or the reason. */
  private statNow(path: string): Dir | undefined {
    const p = this.proc
    try {
      return p.ns.statNow(this.abs(path), p.cred)
    } catch {
      return undefined
    }
  }

  private async statLater(path: string): Promise<Dir> {
    const pause = this.turn()
    if (pause) await pause
    const p = this.live()
    try {
      const abs = this.abs(path)
      return p.ns.statNow(abs, p.cred) ?? (await p.ns.statWaiting(abs, p.cred))
    } catch (e) {
      throw e instanceof NineError ? e.withPath(path) : e
    }
  }

  async sameFile(a: string, b: string): Promise<boolean> {
    const p = this.live()
    const identity = async (path: string) => {
      const { chan } = await p.ns.resolve(this.abs(path), p.cred)
      return { fs: chan.fs, qid: (await chan.fs.stat(chan.path, p.cred)).qid.path }
    }
    const [x, y] = await Promise.all([identity(a), identity(b)]).catch(() => [undefined, undefined])
    return x !== undefined && y !== undefined && x.fs === y.fs && x.qid === y.qid
  }

  umask(mask?: number): number {
    const p = this.live()
    const before = p.umask
    if (mask !== undefined) p.umask = mask & 0o777
    return before
  }

  async readdir(path: string): Promise<Dir[]> {
    const p = this.live()
    return p.ns.readdir(this.abs(path), p.cred).catch(renamed(path))
  }

  readdirNow(path: string): Dir[] | undefined {
    const p = this.proc
    return this.mayGoOn() ? p.ns.readdirNow(this.abs(path), p.cred) : undefined
  }

  listNow(path: string): Listing | undefined {
    const p = this.proc
    return this.mayGoOn() ? p.ns.listNow(this.abs(path), p.cred) : undefined
  }

  listEntryNow(dir: Listing, name: string): Listing | undefined {
    const p = this.proc
    return this.mayGoOn() ? p.ns.listEntryNow(dir, name, p.cred) : undefined
  }

  async mkdir(path: string, perm = 0o777): Promise<void> {
    const p = this.live()
    const h = await p.ns.create(this.abs(path), DMDIR | (perm & 0o777 & ~p.umask), OREAD, p.cred).catch(renamed(path))
    await h.close()
  }

  async remove(path: string): Promise<void> {
    const p = this.live()
    await p.ns.remove(this.abs(path), p.cred).catch(renamed(path))
  }

  async link(path: string, newPath: string): Promise<void> {
    const p = this.live()
    await p.ns.link(this.abs(path), this.abs(newPath), p.cred).catch(renamed(newPath))
  }

  async wstat(path: string, changes: DirChanges): Promise<void> {
    const p = this.live()
    const abs = this.abs(path)
    const { chan } = await p.ns.resolve(abs, p.cred)
    await chan.fs.wstat(chan.path, changes, p.cred).catch(renamed(path))
    // mount points below keep their files; ns prints them under the new name
    if (changes.name !== undefined && abs !== '/') p.ns.renamed(abs, joinName(dirname(abs), changes.name))
  }

  async readFile(path: string): Promise<Uint8Array> {
    const fd = await this.open(path, OREAD)
    try {
      return await readAll(this, fd, 1 << 20)
    } finally {
      await this.close(fd).catch(() => {})
    }
  }

  async writeFile(path: string, data: Uint8Array | string, options: { append?: boolean; perm?: number } = {}): Promise<void> {
    const fd = options.append
      ? await this.open(path, OWRITE | OAPPEND).catch((e) => {
          if (e instanceof NineError && e.code === 'ENOENT') return this.create(path, options.perm ?? 0o666, OWRITE)
          throw e
        })
      : await this.create(path, options.perm ?? 0o666, OWRITE | OTRUNC)
    try {
      await this.write(fd, data)
    } finally {
      await this.close(fd).catch(() => {})
    }
  }

  async which(name: string, path?: string): Promise<string | undefined> {
    const p = this.live()
    return this.kernel.which(p, name, path ?? p.env.PATH)
  }

  // ---- namespace

  /** Mounting, binding and unmounting are refused in a frozen namespace (RFNOMNT). */
  private mutable(): Process {
    const p = this.live()
    if (p.noMount) throw new NineError('ENOMOUNT')
    return p
  }

  /** mutable(), for a change that adds an entry: the namespace must have room for one more. */
  private growable(): Process {
    const p = this.mutable()
    if (p.limits.mounts !== Infinity && p.ns.members().length >= p.limits.mounts) throw new NineError('ELIMIT', undefined, `more than ${p.limits.mounts} mount table entries`)
    return p
  }

  async bind(newPath: string, old: string, flags: BindFlags = {}): Promise<void> {
    const p = this.growable()
    if (newPath.startsWith('#')) {
      const dev = this.kernel.attach(newPath)
      await p.ns.mount(dev, this.abs(old), flags, { type: 'bind', path: newPath }, p.cred).catch(renamed(old))
      return
    }
    await p.ns.bind(this.abs(newPath), this.abs(old), flags, p.cred)
  }

  async mount(fs: Fileserver, old: string, flags: BindFlags = {}, source?: { srv: string; spec?: string }): Promise<void> {
    const p = this.growable()
    const src = source ? { type: 'mount' as const, srv: source.srv, ...(source.spec === undefined ? {} : { spec: source.spec }) } : { type: 'mount' as const, srv: fs.kind }
    await p.ns.mount(fs, this.abs(old), flags, src, p.cred).catch(renamed(old))
  }

  async unmount(old: string, member?: string | Fileserver): Promise<void> {
    const p = this.mutable()
    let chan
    if (typeof member === 'string') {
      chan = member.startsWith('#') ? { fs: this.kernel.attach(member), path: '/' } : (await p.ns.resolve(this.abs(member), p.cred)).chan
      await chan.fs.stat(chan.path, p.cred).catch(renamed(member))
    } else if (member !== undefined) chan = { fs: member, path: '/' }
    await p.ns.unmount(this.abs(old), chan, p.cred)
  }

  async exportfs(path: string): Promise<Fileserver> {
    const p = this.live()
    const root = this.abs(path)
    const dir = await p.ns.stat(root, p.cred).catch(renamed(path))
    if (!(dir.mode & DMDIR)) throw new NineError('ENOTDIR', path)
    // loaded by the first export (a browser fetches it then)
    const { exportfs } = await import('./exportfs.ts')
    return exportfs(p.ns.copy(), root)
  }

  async nsText(pid?: number): Promise<string> {
    const p = this.live()
    const target = pid === undefined ? p : this.kernel.procs.get(pid)
    if (target === undefined || !seesProcess(p, target.cred.uid)) throw new NineError('ESRCH', String(pid))
    if (target.cred.uid !== p.cred.uid && p.cred.uid !== SUPERUSER) throw new NineError('EPERM', `/proc/${pid}/ns`)
    // loaded by the first use (a browser fetches it then)
    const { formatNs } = await import('./nsformat.ts')
    return formatNs(target.ns, target.cwd)
  }

  async nsgroup(op: NsGroupOp, name?: string, user?: string): Promise<NsGroupInfo[]> {
    // loaded by the first use (a browser fetches it then)
    const { nsgroupCall } = await import('./nsgroupcall.ts')
    return nsgroupCall(this.kernel, this.live(), op, name, user)
  }

  async rfork(flags: RforkFlags): Promise<void> {
    await this.kernel.rfork(this.live(), flags)
  }

  // ---- /srv

  postServer(name: string, fs: Fileserver, mode?: number): void {
    const p = this.live()
    const srv = this.kernel.srv
    const max = p.limits.srvPosts
    if (max !== Infinity && srv.postsBy(p.cred.uid) >= max) throw new NineError('ELIMIT', `/srv/${name}`, `more than ${max} posts`)
    srv.post(name, fs, p.cred, mode)
  }

  getServer(name: string): Fileserver | undefined {
    return this.kernel.srv.get(name, this.live().cred)
  }

  removeServer(name: string): void {
    this.kernel.srv.unpost(name, this.live().cred)
  }

  // ---- processes

  async spawn(argv: readonly string[], options?: SpawnOptions): Promise<ChildProcess> {
    const pause = this.turn()
    if (pause) await pause
    const p = this.live()
    const child = await this.kernel.spawn(p, argv, options)
    const kernel = this.kernel
    return {
      pid: child.pid,
      // Not kernel.wait: init reaps its children at once, and its handles must still work.
      wait: () =>
        new Promise<ExitCode>((resolve) =>
          child.onExit((status) => {
            kernel.reap(child)
            resolve(status)
          }),
        ),
      watchStops: (fn) => child.watchStops(fn),
    }
  }

  async wait(pid?: number): Promise<{ pid: number; status: ExitCode }> {
    return this.kernel.wait(this.live(), pid)
  }

  kill(pid: number, signal: SignalName | 0): void {
    this.kernel.kill(this.live(), pid, signal)
  }

  on(signal: SignalName, handler: (signal: SignalName) => void): () => void {
    const p = this.live()
    if (signal === 'SIGKILL' || signal === 'SIGSTOP' || own(SIGNALS, signal) === undefined) throw new NineError('EINVAL', signal)
    p.handlers ??= new Map()
    let set = p.handlers.get(signal)
    if (set === undefined) p.handlers.set(signal, (set = new Set()))
    set.add(handler)
    return () => {
      p.handlers?.get(signal)?.delete(handler)
    }
  }

  /**
   * Not async, and an exit waiter rather than the `ended` signal: a sleeping process holds only
   * the timer's promise, its two callbacks and the timer (no AbortController, no promise layer).
   */
  sleep(ms: number): Promise<void> {
    const p = this.proc
    if (p.exited) return Promise.reject(new NineError('EEXITED'))
    return new Promise((resolve, reject) => {
      const onEnd = (): void => {
        clearTimeout(timer)
        reject(new NineError('EEXITED'))
      }
      const timer = setTimeout(() => {
        p.offExit(onEnd)
        // a sleep that ends while the process is stopped returns once it is continued
        if (p.stopped) void p.continued().then(() => (p.exited ? reject(new NineError('EEXITED')) : resolve()))
        else resolve()
      }, Math.max(0, ms))
      p.onExit(onEnd)
    })
  }

  setpgid(pgid: number): void {
    const p = this.live()
    if (!Number.isInteger(pgid) || pgid < 0) throw new NineError('EINVAL', String(pgid))
    p.pgid = pgid === 0 ? p.pid : pgid
  }

  procs(): ProcInfo[] {
    const viewer = this.live()
    const out: ProcInfo[] = []
    for (const p of this.kernel.procs.values()) if (seesProcess(viewer, p.cred.uid)) out.push(this.kernel.info(p))
    return out
  }
}

/** Replaces a fileserver-internal path in an error with the user's path. */
function renamed(path: string): (e: unknown) => never {
  return (e) => {
    throw e instanceof NineError ? e.withPath(path) : e
  }
}

/** The directory open as `dirfd`, which names are opened in (openAt). */
function openDirectory(p: Process, dirfd: number): OpenFile & { readonly chan: Chan } {
  const dir = p.fds.get(dirfd)
  if (dir.chan === undefined) throw new NineError('ENOTDIR', String(dirfd))
  return dir as OpenFile & { readonly chan: Chan }
}

/** One path element: not empty, `.`, `..` or several elements. */
const isOneName = (name: string): boolean => name !== '' && name !== '.' && name !== '..' && !name.includes('/')
