/**
 * The kernel's contracts. Everything else implements or consumes these:
 *   - Fileserver: what any mountable object provides (path-based, async, per-open handles).
 *   - ProcContext: what a command (a BinFunction) receives from the kernel.
 * What a preset or package adds to a system (Extension) is the image's, in src/extension.ts.
 */

import type { Limits } from './limits.ts'

// ---------------------------------------------------------------------------------------------
// Files: qids, stats and modes, as in 9P2000 (intro(5), stat(5))

export const QTDIR = 0x80
export const QTAPPEND = 0x40
export const QTEXCL = 0x20
export const QTFILE = 0x00

export const DMDIR = 0x80000000
export const DMAPPEND = 0x40000000
export const DMEXCL = 0x20000000
/** A named pipe (mkfifo), 9P2000.u's bit: opens meet through it, reading what the writers write. */
export const DMNAMEDPIPE = 0x00200000
/**
 * Unix's sticky bit (S_ISVTX), which Plan 9 lacks: in such a directory only a file's owner, the
 * directory's owner or root may remove or rename the file (/tmp).
 */
export const DMSTICKY = 0o1000
/** Permission bits of a mode (rwxrwxrwx). */
export const PERM_MASK = 0o777

/** Where commands are searched for when there is no $PATH. */
export const DEFAULT_PATH = '/bin'

/** Open modes (open(2)). */
export const OREAD = 0
export const OWRITE = 1
export const ORDWR = 2
export const OEXEC = 3
export const OTRUNC = 0x10
export const ORCLOSE = 0x40
/** Whether an open mode writes (OWRITE or ORDWR): its access part is the low two bits. */
export function opensForWrite(mode: number): boolean {
  const access = mode & 3
  return access === OWRITE || access === ORDWR
}
/** Create only: fail with `file already exists` if the name exists. */
export const OEXCL = 0x1000
/**
 * ninefold: every write goes to the end of the file (the shell's `>>`), as one step at the
 * fileserver, so that two writers appending never overwrite each other.
 */
export const OAPPEND = 0x2000

export interface Qid {
  /** QTDIR, QTAPPEND, QTEXCL bits. */
  type: number
  version: number
  /** Unique per file within its fileserver. */
  path: number
}

/**
 * A Plan 9 stat. Times are seconds since the epoch. A Dir is a snapshot that callers read and
 * never change: a fileserver may hand out the same one until the file changes (memfs's are frozen).
 * `qid.type` has QTDIR exactly when `mode` has DMDIR. An entry of a listing may learn its other
 * fields when first read, through getters (hostfs lists a host directory's names and kinds, and
 * stats an entry only when something asks more of it than its name and its qid's type): read its
 * fields (a spread or JSON.stringify copies none of the getters).
 */
export interface Dir {
  name: string
  qid: Qid
  /** Permission bits plus DMDIR / DMAPPEND / DMEXCL; unsigned (`(DMDIR | 0o755) >>> 0`). */
  mode: number
  length: number
  atime: number
  mtime: number
  uid: string
  gid: string
  muid: string
  /** How many names (hard links) the file has, where a fileserver has links and it is more than one. */
  nlink?: number
}

/** What wstat may change; absent fields stay as they are. */
export interface DirChanges {
  name?: string
  mode?: number
  length?: number
  mtime?: number
  atime?: number
  uid?: string
  gid?: string
}

/** The identity an operation runs as. Fileservers check permissions against it. */
export interface Cred {
  uid: string
  gid: string
  /** Every group the user belongs to, the primary one included. */
  groups: readonly string[]
  /** The process making the call, when there is one (devfs serves its descriptors, procfs its `self`). */
  pid?: number
}

/** What the kernel tells a device about the process calling it: its descriptors (devfs serves /dev/fd from them). */
export interface Caller {
  /** Handle for the caller's descriptor `fd`, shared with it (as a dup would). */
  dupHandle(fd: number): Handle
  /** The caller's open descriptor numbers. */
  fds(): number[]
  /** Throws `permission denied` unless the caller may signal process group `pgid`. */
  checkSignalGroup(pgid: number): void
  /** Whether the caller belongs to the session the console is given to (or to the system). */
  holdsConsole(): boolean
}

/**
 * One open file. Stream-like files (pipes, consoles) ignore the offset. A handle that may wait
 * (for input, for room) stops waiting and rejects when `signal` fires: the caller has ended.
 */
export interface Handle {
  /**
   * Up to `count` bytes from `offset`; an empty array is end of file. A handle that copies its
   * data out (memfs) may copy it into `into` and return a part of it instead of a new array; a
   * handle may also ignore `into` (a pipe hands over what was written, without a copy).
   */
  read(offset: number, count: number, signal?: AbortSignal, into?: Uint8Array): Promise<Uint8Array>
  /** Writes `data` at `offset`; returns the count written. The handle may keep `data`: do not change it afterwards. */
  write(offset: number, data: Uint8Array, signal?: AbortSignal): Promise<number>
  /**
   * Optional, for a handle whose writes may be done at once (a run's collected output, a pipe with
   * room): `write` done at once, its failure thrown, or undefined where it would wait (for room:
   * `write` then). A write through it needs neither a promise nor the writer's signal.
   */
  writeNow?(offset: number, data: Uint8Array): number | undefined
  /** Optional, for a handle whose reads never wait (a file in memory): `read` done at once, its failure thrown. */
  readNow?(offset: number, count: number, into?: Uint8Array): Uint8Array
  /**
   * Optional: a block of at least `least` bytes to fill and write to this handle once, then leave
   * alone. A pipe lends blocks that readers have emptied (zeroed), so memory is used again.
   */
  buffer?(least: number): Uint8Array
  close(): void | Promise<void>
}

/**
 * The one interface every fileserver implements. Paths are clean, absolute, and inside the
 * fileserver ("/" is its root); the namespace has already resolved mounts and `..`.
 * Failures throw NineError with a Plan 9 reason.
 */
export interface Fileserver {
  /** A short kind name ("memfs", "devfs", "webcam"), shown in /srv and by ns. */
  readonly kind: string
  stat(path: string, cred: Cred): Promise<Dir>
  readdir(path: string, cred: Cred): Promise<Dir[]>
  /**
   * With OAPPEND in `mode`, every write through the handle goes at the end of the file, whatever
   * offset it is given, as one step (a server whose files have no end, a device, may ignore it).
   */
  open(path: string, mode: number, cred: Cred): Promise<Handle>
  /** Creates a file, or a directory when `perm` has DMDIR. An existing file is truncated. */
  create(path: string, perm: number, mode: number, cred: Cred): Promise<Handle>
  remove(path: string, cred: Cred): Promise<void>
  wstat(path: string, changes: DirChanges, cred: Cred): Promise<void>
  /** Gives the file at `path` a second name, `newPath` (a hard link), where the server has links. */
  link?(path: string, newPath: string, cred: Cred): Promise<void>
  /**
   * Optional: opens `path`, a name in the directory this server opened as `dir`, from that open
   * directory (openat(2)): a server that walks a name element by element (a host directory)
   * starts from the directory's own handle instead of from its root. Given a handle it did not
   * make, it opens `path` as `open` does.
   */
  openAt?(dir: Handle, path: string, mode: number, cred: Cred): Promise<Handle>
  /**
   * Optional, with openAt, for a server whose host calls answer at once (a host directory): the
   * bytes of `path`, a name in the directory this server opened as `dir`, read whole and closed
   * at once, synchronously, where it is a regular file of at most `max` bytes; read into `into`
   * where it is given and long enough (the result is then a part of it), else a new array. Its
   * errors are openAt's, thrown. Undefined where it is not read so (larger, or not a plain file,
   * or a handle this server did not make): the caller opens it then.
   */
  readAt?(dir: Handle, path: string, max: number, cred: Cred, into?: Uint8Array): Uint8Array | undefined
  /**
   * Optional: stat without throwing: undefined when the name is absent. Union walks probe
   * member after member, and a missing name there is the common case, not an error.
   */
  walk?(path: string, cred: Cred): Promise<Dir | undefined>
  /**
   * Optional, for fileservers that answer from memory (memfs, synthetic trees): the stat of
   * `path` at once, synchronously. It must be what `stat` would resolve to now (a snapshot
   * that shows no later change), and undefined exactly when `stat` would fail (absent, a file on the way,
   * no search permission on a directory passed): the namespace then calls `stat` for the reason.
   * It never throws, never waits and caches nothing that a change would not be seen through.
   * A namespace walk that meets only such fileservers makes no promise: unions are probed with
   * it member by member (preferred over `walk`), and a system call's stat answers with it.
   */
  statNow?(path: string, cred: Cred): Dir | undefined
  /**
   * Optional, with statNow: statNow of the file `name` (one path element) in the directory `dir`,
   * for a caller that holds the two apart: a union probe asks each member's directory for one
   * name, without making and taking apart each member's path.
   */
  statInNow?(dir: string, name: string, cred: Cred): Dir | undefined
  /**
   * Optional, with statNow: the listing `readdir` would resolve to now, at once (a fresh array
   * the caller may sort), and undefined exactly where `readdir` would fail (the namespace then
   * calls `readdir` for the reason). A recursive walk lists an in-memory tree so, without a
   * promise a directory.
   */
  readdirNow?(path: string, cred: Cred): Dir[] | undefined
  /**
   * Optional, with statNow: the whole of the plain file at `path`, at once, where it has at most
   * `max` bytes, as an open for reading and reads to its end would give them now; copied into
   * `into` where it is given and long enough (the result is then a part of it), else a new array.
   * Undefined where that open would fail (absent, no permission: the caller then opens it for
   * the reason) and where the file is not read so (larger, a directory, a named pipe).
   */
  readNow?(path: string, max: number, cred: Cred, into?: Uint8Array): Uint8Array | undefined
  /**
   * Set by a fileserver with statNow that adds one to `fileChanges.count` at every change a walk
   * or a stat of its could see (a name added, removed or renamed, a stat's field changed): what
   * a namespace found by walking only such fileservers stays true while the count is the same.
   */
  readonly countsChanges?: boolean
  /**
   * Optional, for servers of several trees (a 9P connection): the tree `spec` names, as a
   * fileserver of its own. mount's spec argument (Plan 9's attach name) comes here.
   */
  attach?(spec: string): Promise<Fileserver>
  /**
   * Optional (Plan 9's shutdown): the system is stopping. A fileserver that keeps data elsewhere
   * (a host directory) makes it durable and lets go of what it holds; no call follows.
   */
  shutdown?(): Promise<void>
}

/** The changes of every fileserver that counts them (`countsChanges`), in every system. */
export const fileChanges = { count: 0 }

/** A fileserver whose files can be run: binfs serves the installed commands this way. */
export interface ExecFileserver extends Fileserver {
  binAt(path: string): BinFunction | undefined
}

export function isExecFileserver(fs: Fileserver): fs is ExecFileserver {
  return typeof (fs as Partial<ExecFileserver>).binAt === 'function'
}

// ---------------------------------------------------------------------------------------------
// Processes

export type ExitCode = number

/** A command's exit status, 0 to 255. */
export function exitCode(n: number): ExitCode {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError(`exit code out of range: ${n}`)
  return n
}

/**
 * The signals ninefold delivers. SIGSTOP and SIGTSTP stop a process (held at its next system
 * call, as JavaScript cannot suspend a function), SIGCONT continues it.
 */
export type SignalName = 'SIGHUP' | 'SIGINT' | 'SIGKILL' | 'SIGPIPE' | 'SIGTERM' | 'SIGCHLD' | 'SIGUSR1' | 'SIGUSR2' | 'SIGCONT' | 'SIGSTOP' | 'SIGTSTP'

export const SIGNALS: Readonly<Record<SignalName, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGTERM: 15,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
}

/** A command: receives its process, returns its exit status (at once, or a promise of it). */
export type BinFunction = (proc: ProcContext) => ExitCode | Promise<ExitCode>

/** A command whose code is loaded when it first runs (or its file is first read). */
export interface LazyBin {
  load(): Promise<BinFunction>
}

/** Union and create flags for bind and mount (bind(2)). */
export interface BindFlags {
  before?: boolean
  after?: boolean
  create?: boolean
  /** ninefold: a read-only view; every write, create, remove and wstat through it is refused. */
  readonly?: boolean
}

/** Where a namespace binds a kernel device. */
export interface DeviceBinding {
  readonly at: string
  readonly flags?: BindFlags
}

/** A kernel device (Plan 9's Dev): a fileserver that `#` and its letter attach. */
export interface Device {
  /** One character: `c` attaches as `#c`. */
  readonly letter: string
  /** Plan 9's device name: `cons`, `proc`, `srv`. */
  readonly name: string
  readonly fs: Fileserver
  /** Where the standard namespace binds it. */
  readonly std?: DeviceBinding
  /** Where a clean namespace (RFCNAMEG) binds it; most devices it leaves out. */
  readonly clean?: DeviceBinding
}

/** rfork flags (fork(2)). */
export interface RforkFlags {
  /** Private copy of the namespace (RFNAMEG). */
  copyNamespace?: boolean
  /** Clean namespace: only `/` and `/dev` (RFCNAMEG). */
  cleanNamespace?: boolean
  /** Freeze the namespace: no mount, bind, unmount or attach, ever again (RFNOMNT). */
  noMount?: boolean
  /** Copy of the environment (RFENVG); the default for spawn. */
  copyEnv?: boolean
  /** Empty environment (RFCENVG). */
  cleanEnv?: boolean
  /** New signal (note) group (RFNOTEG). */
  newSignalGroup?: boolean
  /** Copy of the descriptor table (RFFDG); the default for spawn. */
  copyFds?: boolean
  /** Empty descriptor table (RFCFDG). */
  cleanFds?: boolean
}

export interface SpawnOptions {
  /** Run this function instead of looking argv[0] up (a shell's subshell, a builtin in a pipeline). */
  bin?: BinFunction
  /** The child's environment; default a copy of the parent's. */
  env?: Record<string, string>
  cwd?: string
  /** Child descriptor number → parent descriptor to give it. Default: 0, 1, 2 inherited. */
  fds?: Record<number, number>
  /** Process group: a number joins that group, 'new' starts one led by the child. Default: the parent's. */
  pgid?: number | 'new'
  rfork?: RforkFlags
  /** Run as this user (root only, or the caller's own name). */
  user?: string
  /** Signals the child ignores besides those its parent ignores (nohup's SIGHUP; never SIGKILL or SIGSTOP). */
  ignoring?: readonly SignalName[]
}

/** A child as its parent sees it. */
export interface ChildProcess {
  readonly pid: number
  /** Resolves with the exit status and reaps the child. */
  wait(): Promise<ExitCode>
  /**
   * Tells `fn` each time the child stops (true) or is continued (false), until the child ends
   * (what a job-control shell learns from waitpid's WUNTRACED and WCONTINUED).
   */
  watchStops?(fn: (stopped: boolean) => void): void
}

export interface ExecCapable {
  /** Starts a command. argv[0] without a slash is searched in $PATH (default /bin) through the namespace. */
  spawn(argv: readonly string[], options?: SpawnOptions): Promise<ChildProcess>
}

/** The /srv registry (`#s`) as a process reaches it: one for the whole system, held by the kernel. */
export interface SrvCapable {
  /** Posts `fs` as /srv/name, owned by the caller, with `mode` (default 0600). */
  postServer(name: string, fs: Fileserver, mode?: number): void
  getServer(name: string): Fileserver | undefined
  removeServer(name: string): void
}

/** One of a process's standard streams. Writes resolve when the data has been taken (backpressure). */
export interface Stream {
  readonly fd: number
  write(data: Uint8Array | string): Promise<void>
  /** Up to `count` bytes; an empty array at end of file. */
  read(count?: number): Promise<Uint8Array>
}

export interface ProcInfo {
  pid: number
  ppid: number
  pgid: number
  user: string
  state: string
  argv: readonly string[]
  /** Milliseconds since the epoch. */
  started: number
}

/** A directory listed at once (ProcContext.listNow): its entries, and where it was found. */
export interface Listing {
  readonly entries: Dir[]
  /** The directory's file on its fileserver, and the namespace that found it; undefined for a union (its entries are found by path). */
  readonly file: { readonly ns: object; readonly fs: Fileserver; readonly path: string } | undefined
}

/** What nsgroup does (ProcContext.nsgroup). */
export type NsGroupOp = 'create' | 'join' | 'leave' | 'allow' | 'remove' | 'list'

/** A namespace group as nsgroup lists it: its name, who made it, and who else may join. */
export interface NsGroupInfo {
  name: string
  owner: string
  allowed: string[]
}

/**
 * What a command receives. Every path is resolved through the process's namespace, relative
 * to its cwd. Every method rejects with NineError('EEXITED') once the process has ended.
 */
export interface ProcContext extends ExecCapable, SrvCapable {
  readonly pid: number
  readonly ppid: number
  readonly argv: readonly string[]
  /** This process's environment. Changes are seen by children spawned afterwards. */
  readonly env: Record<string, string>
  readonly user: Cred
  readonly cwd: string
  readonly stdin: Stream
  readonly stdout: Stream
  readonly stderr: Stream

  chdir(path: string): Promise<void>
  /** Absolute, clean form of a path relative to the cwd. */
  abs(path: string): string

  // descriptors
  open(path: string, mode?: number): Promise<number>
  /**
   * Opens `name`, one path element, in the directory open as `dirfd` (openat(2)): found from that
   * directory, not by walking its path from the root again. A recursive walk opens a directory
   * once and each of its files this way.
   */
  openAt(dirfd: number, name: string, mode?: number): Promise<number>
  /**
   * The whole of `name`, one path element in the directory open as `dirfd`, at once, where its
   * fileserver reads a small file in one step (Fileserver.readAt; at most `max` bytes; a host
   * directory: open, fstat, read, close); copied into `into` where given and long enough (the
   * result is then valid until the caller uses `into` again). Undefined where it is not read so
   * (as readFileNow: an error to report, the time slice used up, the process stopped or ended):
   * open it with openAt then, which waits and gives the reason. A recursive grep reads each
   * small file so, without a descriptor, reads, a close or a promise of its own.
   */
  readFileAt(dirfd: number, name: string, max: number, into?: Uint8Array): Uint8Array | undefined
  /**
   * The whole of the file at `path` at once, where every fileserver on the way answers from
   * memory (Fileserver.readNow) and it has at most `max` bytes; copied into `into` where given
   * and long enough (the result is then valid until the caller uses `into` again). Undefined
   * where it cannot be read so (a fileserver that must wait, a larger file, an error to report,
   * the time slice used up, the process stopped or ended): open it then. A recursive walk reads
   * an in-memory tree's small files so, without a promise a file.
   */
  readFileNow(path: string, max: number, into?: Uint8Array): Uint8Array | undefined
  /** Creates `path` with `perm` less the bits of the process's file-creation mask (umask). */
  create(path: string, perm: number, mode?: number): Promise<number>
  /**
   * The file-creation mask: the permission bits create and mkdir leave out (umask(2); Plan 9 has
   * none). A child starts with its parent's. With `mask`, sets it; returns the one before.
   */
  umask(mask?: number): number
  /**
   * Up to `count` bytes; an empty array is end of file. `into` is a buffer the caller lends for
   * them (at least `count` long): the result may be a part of it, valid until the caller uses the
   * buffer again, or another array; reading a large input into one buffer spares a new array a read.
   */
  read(fd: number, count?: number, into?: Uint8Array): Promise<Uint8Array>
  /**
   * read at once, where the file answers from memory (Handle.readNow) and the process may go on;
   * undefined where it cannot (read then, which waits and gives the reason).
   */
  readNow(fd: number, count: number, into?: Uint8Array): Uint8Array | undefined
  /**
   * seek at once: from the start or the offset always, from the end where the file's fileserver
   * stats from memory (statNow); undefined where it cannot (seek then, which gives the reason).
   */
  seekNow(fd: number, offset: number, whence: 0 | 1 | 2): number | undefined
  write(fd: number, data: Uint8Array | string): Promise<number>
  /**
   * Writes all of `data` at once where the file takes it so (Handle.writeNow: a run's collected
   * output) and the process may go on: the count written. Undefined where it is not written so
   * (a file that must wait, an error to report, the time slice used up, the process stopped or
   * ended): write it with write then, which waits and gives the reason.
   */
  writeNow(fd: number, data: Uint8Array | string): number | undefined
  /**
   * A block of at least `least` bytes to fill and write to `fd` once (a part of it, from its
   * start or not), and not to change or write again afterwards. A pipe may lend memory its reader
   * has finished with; anything else gives a new array.
   */
  writeBuffer(fd: number, least: number): Uint8Array
  seek(fd: number, offset: number, whence: 0 | 1 | 2): Promise<number>
  close(fd: number): Promise<void>
  /** Duplicates `fd` onto `to` (closing what was there) or onto the lowest free number. */
  dup(fd: number, to?: number): Promise<number>
  /** A pipe: [read end, write end]. */
  pipe(): [number, number]
  /** Whether fd is a console (interactive terminal). */
  isatty(fd: number): boolean
  /** Whether fd is open (a question, unlike a failed dup, that costs no error). */
  isOpen(fd: number): boolean

  // names
  stat(path: string): Promise<Dir>
  /**
   * Whether two names reach one file, through whatever binds: the same fileserver and qid path
   * (Plan 9 compares a stat's type, dev and qid). False when either cannot be reached.
   */
  sameFile(a: string, b: string): Promise<boolean>
  readdir(path: string): Promise<Dir[]>
  /**
   * readdir at once, where every fileserver on the way answers from memory
   * (Fileserver.readdirNow); undefined where it cannot (as readFileNow): call readdir then.
   */
  readdirNow(path: string): Dir[] | undefined
  /** readdirNow, with where the directory was found: its entries are then listed from there (listEntryNow). */
  listNow(path: string): Listing | undefined
  /**
   * listNow of the entry `name` of a directory listed at once before, found from that directory
   * as openat(2) finds a name from an open one: no walk from the root, a mount point on the entry
   * still entered. Undefined where listNow would be, and for an entry of a union or a listing made
   * in another namespace: call listNow with the entry's path then.
   */
  listEntryNow(dir: Listing, name: string): Listing | undefined
  /** Makes a directory with `perm` (default 0777) less the bits of the file-creation mask. */
  mkdir(path: string, perm?: number): Promise<void>
  remove(path: string): Promise<void>
  wstat(path: string, changes: DirChanges): Promise<void>
  /** Makes `newPath` another name of the file at `path` (a hard link; both on one fileserver). */
  link(path: string, newPath: string): Promise<void>
  readFile(path: string): Promise<Uint8Array>
  writeFile(path: string, data: Uint8Array | string, options?: { append?: boolean; perm?: number }): Promise<void>
  /**
   * The command a path runs, if it names one (binfs entry or a `#!` script), for `type`/`command -v`.
   * `path` is the search path, as $PATH; by default the process's own $PATH.
   */
  which(name: string, path?: string): Promise<string | undefined>

  // namespace
  bind(newPath: string, old: string, flags?: BindFlags): Promise<void>
  mount(fs: Fileserver, old: string, flags?: BindFlags, source?: { srv: string; spec?: string }): Promise<void>
  /** `unmount old` removes everything at old; with `member`, only that member. */
  unmount(old: string, member?: string | Fileserver): Promise<void>
  /** A fileserver viewing this process's namespace (as it is now) below `path`, for posting to /srv. */
  exportfs(path: string): Promise<Fileserver>
  /** Applies rfork flags to this process itself. */
  rfork(flags: RforkFlags): Promise<void>
  /** A namespace (this process's, or pid's) as replayable text: the format of /proc/<pid>/ns. */
  nsText(pid?: number): Promise<string>
  /**
   * Namespace groups: `create` names this process's namespace; `join` makes this process share a
   * group's namespace (the owner or root must allow it); `leave` takes a private copy; `allow`
   * lets a user join; `remove` drops the name; every call returns the groups.
   */
  nsgroup(op: NsGroupOp, name?: string, user?: string): Promise<NsGroupInfo[]>

  // processes
  wait(pid?: number): Promise<{ pid: number; status: ExitCode }>
  /** Signal 0 sends nothing: it checks that `pid` exists and may be signalled. */
  kill(pid: number, signal: SignalName | 0): void
  /** Handles a signal; the default action (ending the process) no longer applies. Returns an undo. */
  on(signal: SignalName, handler: (signal: SignalName) => void): () => void
  /** Resolves after `ms`; rejects if the process ends first. */
  sleep(ms: number): Promise<void>
  /** Lets the host and other processes run if this one has had the processor long enough (cheap otherwise); a loop that makes no other call should call it. */
  yield(): Promise<void>
  /** Sets the process group of this process (0: become a group leader). */
  setpgid(pgid: number): void
  readonly pgid: number
  /** The system's processes, for ps. */
  procs(): ProcInfo[]
  /** Fires when the process ends (killed or returned), for long-running loops. */
  readonly ended: AbortSignal
  /** What this process and its children may take (kernel/limits.ts), where the system has limits. */
  readonly limits?: Readonly<Limits>
  /**
   * Counts `bytes` of data this process keeps while it works (lines it sorts, an array, an input
   * read whole) against `limits.memoryBytes`: its own and its run's, all the run's processes
   * together. Past either it throws ELIMIT and counts nothing; a negative count gives bytes back,
   * and what a process holds is given back when it ends.
   */
  hold(bytes: number): void
  /** Lowers limits for this process and the children it starts from now on (raising is refused). */
  lowerLimits?(changes: Partial<Limits>): void
}

/** Whether an object can start commands: every kernel context can; one built elsewhere (a test double, an embedder's) may not. */
export function isExecCapable(proc: Partial<ExecCapable>): proc is ExecCapable {
  return typeof proc.spawn === 'function'
}

/** Whether an object reaches /srv: every kernel context does; one built elsewhere may not. */
export function isSrvCapable(proc: Partial<SrvCapable>): proc is SrvCapable {
  return typeof proc.postServer === 'function' && typeof proc.getServer === 'function' && typeof proc.removeServer === 'function'
}
