/**
 * A 9P server: serves any Fileserver (a memfs, a process's exportfs view with its unions) over
 * any Transport, in 9P2000 or 9P2000.L as the client's Tversion asks.
 *
 * Requests run concurrently (a read that waits does not hold up the others) but in order per
 * fid: a request waits for the earlier ones naming any of its fids, so a client may pipeline
 * walk, open and read without waiting for each answer. Every attach is a user of the system
 * (unknown users are refused); `..` never leaves the attach's root.
 */
import { NineError } from '../kernel/errors.ts'
import { readonly as readonlyView } from '../kernel/readonly.ts'
import { cleanname } from '../kernel/path.ts'
import { DMDIR, OAPPEND, OEXCL, OTRUNC, PERM_MASK, QTDIR, type Cred, type Dir, type DirChanges, type Fileserver, type Handle } from '../kernel/types.ts'
import { decode, Framer, IOHDRSZ, MAXWELEM, NOFID, ORDERED_VERSION, ORDERED_XATTR, packDirent, packStat, type Dialect, type Msg, type MsgOf, type Qid, type Stat } from './codec.ts'
import { enameOf, Errno, errnoOf, WireError } from './errors.ts'
import { FidTable } from './fidtable.ts'
import { Outbox } from './outbox.ts'
import { LEND_FROM, ReadBuffers } from './readbuffers.ts'
import type { Transport } from './transport.ts'

/** Who may attach, and the numbers 9P2000.L speaks of users by. */
export interface WireUsers {
  /** The credentials of a user, or undefined: the attach is refused. */
  cred(name: string): Cred | undefined
  /** A user's number (getattr's uid and gid). */
  id(name: string): number
  /** The user with a number, if any (attach's n_uname, setattr's uid and gid). */
  name(id: number): string | undefined
}

export interface ServerOptions {
  fs: Fileserver
  users: WireUsers
  /** Every change through the connection is refused. */
  readonly?: boolean
  /** The largest message this side accepts (default 512 KiB + header). */
  msize?: number
}

export interface ServerConnection {
  /** Resolves when the transport has closed and every open file is closed. */
  readonly done: Promise<void>
  close(): void
}

const DEFAULT_MSIZE = 512 * 1024 + IOHDRSZ
/** Fids one connection may hold: enough for any client, a bound for a hostile one. */
const MAX_FIDS = 1 << 16
const MIN_MSIZE = 256
/** Linux open(2) flags 9P2000.L carries. */
const L_O_TRUNC = 0o1000
const L_O_EXCL = 0o200
const L_O_APPEND = 0o2000
/** The append bit of a 9P2000 open mode, as Linux's v9fs sends it. */
const P9_OAPPEND = 0x80
const S_IFDIR = 0o040000
const S_IFREG = 0o100000
const DT_DIR = 4
const DT_REG = 8
const AT_REMOVEDIR = 0x200
/** Tgetattr's "basic" fields: mode, nlink, uid, gid, rdev, atime, mtime, ctime, ino, size, blocks. */
const GETATTR_BASIC = 0x7ffn
const V9FS_MAGIC = 0x01021997

/** A 9P2000 open mode as the Fileserver contract has it: P9_OAPPEND becomes OAPPEND. */
function openMode(wire: number): number {
  return (wire & ~P9_OAPPEND) | (wire & P9_OAPPEND ? OAPPEND : 0)
}

interface Open {
  handle: Handle
  isDir: boolean
  /** A directory's listing, taken when read from offset 0: entries and where each starts. */
  listing?: { entries: Uint8Array[]; starts: Map<number, number> } | { dirs: Dir[] }
}

/** A request's `done` while its run is being started (nothing can wait on it then). */
const STARTING = Promise.resolve()

interface InFlight {
  abort: AbortController | undefined
  /** Settles when the request has been answered (or flushed). */
  done: Promise<void>
  flushed: boolean
  /** A read's buffer, lent by the connection: its reply's data, given back once sent. */
  lent: Uint8Array | undefined
}

interface Fid {
  path: string
  /** Where `..` stops: the attach's root. */
  root: string
  qid: Qid
  cred: Cred
  open?: Open
  /** The empty ORDERED_XATTR attribute of this path (Txattrwalk): reads give nothing. */
  orderedXattr?: true
}

const ERR = {
  unknownFid: () => new WireError('unknown fid', Errno.EBADF),
  fidInUse: () => new WireError('fid in use', Errno.EBADF),
  open: () => new WireError('fid is open', Errno.EBADF),
  notOpen: () => new WireError('file not open', Errno.EBADF),
  noAuth: () => new WireError('authentication not required', Errno.ENOENT),
  notSupported: () => new WireError('not supported', Errno.EOPNOTSUPP),
  badOffset: () => new WireError('bad offset in directory read', Errno.EINVAL),
  noVersion: () => new WireError('version not negotiated', Errno.EPROTO),
}

const FID_FIELDS = ['fid', 'newfid', 'dfid', 'olddirfid', 'newdirfid', 'dirfid'] as const
/** The fid fields of each kind of request, found from its first one (a decoded message has every field of its kind). */
const FIDS_OF = new Map<string, readonly string[]>()

export function serve9p(transport: Transport, options: ServerOptions): ServerConnection {
  return new Server(transport, options).connection
}

function qidOf(dir: Dir): Qid {
  return { type: dir.qid.type, version: dir.qid.version >>> 0, path: BigInt(dir.qid.path) }
}

function statOf(dir: Dir, name = dir.name): Stat {
  return { type: 0, dev: 0, qid: qidOf(dir), mode: dir.mode >>> 0, atime: dir.atime >>> 0, mtime: dir.mtime >>> 0, length: BigInt(dir.length), name, uid: dir.uid, gid: dir.gid, muid: dir.muid }
}

const isDir = (dir: Dir): boolean => (dir.qid.type & QTDIR) !== 0

function join(path: string, name: string): string {
  return path === '/' ? '/' + name : path + '/' + name
}

function parent(path: string, root: string): string {
  if (path === root) return root
  const slash = path.lastIndexOf('/')
  return slash <= 0 ? '/' : path.slice(0, slash)
}

/** A name a walk or create may use: one element, not `.`, `..` handled by the caller. */
function checkElement(name: string): void {
  if (name === '' || name === '.' || name.includes('/') || name.includes('\0')) throw new NineError('EBADCHAR', name)
}

/** An offset or length off the wire as a number, refused when JavaScript cannot hold it exactly. */
function safe(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new NineError('EINVAL', undefined, 'offset too large')
  return Number(n)
}

class Server {
  readonly connection: ServerConnection
  private readonly fs: Fileserver
  private readonly framer: Framer
  private readonly outbox: Outbox
  private dialect: Dialect | undefined
  private msize: number
  private readonly maxMsize: number
  private readonly fids = new FidTable<Fid>()
  /** Per fid, the end of the last request naming it (requests on one fid run in order). */
  private readonly tails = new FidTable<Promise<void>>()
  /**
   * Requests in flight, indexed by tag (an array, at most 65,536 long: a Map of tags that come and
   * go rebuilds its table every few requests, see tags.ts); only reads and writes can wait, so
   * only they carry an abort (an AbortController a request was a fifth of a stat's cost).
   */
  private readonly inflight: (InFlight | undefined)[] = []
  /** Lent to file reads when the transport says when it has sent their data (see ReadBuffers). */
  private readonly buffers: ReadBuffers | undefined
  private closed = false
  private finish!: () => void

  constructor(
    private readonly transport: Transport,
    private readonly options: ServerOptions,
  ) {
    this.fs = options.readonly ? readonlyView(options.fs) : options.fs
    this.maxMsize = Math.max(MIN_MSIZE, options.msize ?? DEFAULT_MSIZE)
    this.msize = this.maxMsize
    this.framer = new Framer(this.maxMsize)
    this.outbox = new Outbox(transport)
    this.buffers = transport.tellsSent ? new ReadBuffers() : undefined
    const done = new Promise<void>((resolve) => (this.finish = resolve))
    this.connection = { done, close: () => this.close() }
    transport.start(
      (chunk) => this.received(chunk),
      () => void this.hungUp(),
    )
  }

  private received(chunk: Uint8Array): void {
    if (this.closed) return
    const frames = this.framer.push(chunk)
    if (!Array.isArray(frames)) return this.close()
    for (const frame of frames) this.request(frame)
  }

  /** Hangs up, after what is already answered. */
  private close(): void {
    this.outbox.flush()
    this.transport.close()
  }

  private request(frame: Uint8Array): void {
    const m = decode(frame, this.dialect ?? '9P2000')
    if ('error' in m) {
      // a frame whose header was readable gets an error on its tag; the stream stays in step
      if (m.tag === undefined || this.inflight[m.tag] !== undefined) return this.close()
      return this.send(this.errorReply(m.tag, new WireError(m.error, Errno.EPROTO)))
    }
    if (m.kind[0] !== 'T' || m.kind === 'Tlerror' || m.kind === 'Terror') return this.send(this.errorReply(m.tag, new WireError('bad message type', Errno.EPROTO)))
    if (m.kind === 'Tversion') return this.version(m)
    // a tag already in flight: the client has lost track of its requests; nothing it is told can be matched up
    if (this.inflight[m.tag] !== undefined) return this.close()
    if (m.kind === 'Tflush') return this.flush(m)
    const fields = m as unknown as Record<string, number>
    let names = FIDS_OF.get(m.kind)
    if (names === undefined) FIDS_OF.set(m.kind, (names = FID_FIELDS.filter((f) => typeof fields[f] === 'number')))
    let before: Promise<unknown> | undefined
    for (const f of names) {
      const tail = this.tails.get(fields[f]!)
      if (tail !== undefined) before = before === undefined ? tail : Promise.all([before, tail])
    }
    const abort = m.kind === 'Tread' || m.kind === 'Twrite' ? new AbortController() : undefined
    const entry: InFlight = { abort, done: STARTING, flushed: false, lent: undefined }
    let started: Promise<Msg> | undefined
    if (before === undefined) {
      // nothing earlier on its fids: it starts now, and one answered at once (a stat from memory)
      // is sent without being counted in flight
      const reply = this.start(m, entry)
      if (!(reply instanceof Promise)) return this.send(reply, entry.lent)
      started = reply
    }
    const fids = names.length === 1 ? [fields[names[0]!]!] : names.map((f) => fields[f]!)
    this.inflight[m.tag] = entry
    const done = this.run(m, entry, fids, before, started)
    entry.done = done
    // A walk to a new fid reads the fid it starts from as it starts (onTwalk), and changes it not:
    // one that has started holds up nothing later on that fid (a batch of stats from the root
    // would otherwise run one walk after another).
    const from = before === undefined && m.kind === 'Twalk' && m.newfid !== m.fid ? m.fid : undefined
    for (const fid of fids) if (fid !== from) this.tails.set(fid, done)
  }

  /** Starts a request's handler: its reply (or error reply) if it answered at once, else the reply to wait for. */
  private start(m: Msg, entry: InFlight): Msg | Promise<Msg> {
    try {
      if (this.dialect === undefined) throw ERR.noVersion()
      const handler = HANDLERS.get(m.kind)
      if (handler === undefined) throw ERR.notSupported()
      return handler.call(this, m, entry)
    } catch (e) {
      return this.errorReply(m.tag, e)
    }
  }

  /** One request that waits, after the earlier ones on its fids: its reply (unless flushed), then its bookkeeping gone. */
  private async run(m: Msg, entry: InFlight, fids: number[], before: Promise<unknown> | undefined, started: Promise<Msg> | undefined): Promise<void> {
    try {
      if (before !== undefined) await before
      const reply = await (started ?? this.start(m, entry))
      if (!entry.flushed) this.send(reply, entry.lent)
      else if (entry.lent !== undefined) this.buffers!.give(entry.lent)
    } catch (e) {
      if (!entry.flushed) this.send(this.errorReply(m.tag, e))
    } finally {
      if (this.inflight[m.tag] === entry) this.inflight[m.tag] = undefined
      for (const fid of fids) if (this.tails.get(fid) === entry.done) this.tails.delete(fid)
    }
  }

  /** Queues a reply; `lent`, its data's buffer, goes back to the connection's buffers once sent. */
  private send(msg: Msg, lent?: Uint8Array): void {
    if (this.closed) return
    try {
      this.outbox.send(msg, lent === undefined ? undefined : () => this.buffers!.give(lent))
    } catch {
      // a reply that cannot be encoded (a name over 64 KiB from a fileserver) is an error on its tag
      this.outbox.send(this.errorReply(msg.tag, new NineError('EIO')))
    }
  }

  private errorReply(tag: number, e: unknown): Msg {
    return this.dialect === '9P2000.L' ? { kind: 'Rlerror', tag, ecode: errnoOf(e) } : { kind: 'Rerror', tag, ename: enameOf(e) }
  }

  private version(m: MsgOf<'Tversion'>): void {
    // A new session: everything in flight is abandoned, every fid clunked.
    for (const entry of this.waiting()) {
      entry.flushed = true
      entry.abort?.abort()
    }
    this.inflight.length = 0
    this.clunkAll()
    const msize = Math.min(m.msize, this.maxMsize)
    const version = m.version === '9P2000.L' ? '9P2000.L' : m.version.startsWith('9P2000') ? '9P2000' : undefined
    if (version === undefined || msize < MIN_MSIZE) {
      this.dialect = undefined
      this.outbox.send({ kind: 'Rversion', tag: m.tag, msize: this.maxMsize, version: 'unknown' })
      return
    }
    this.dialect = version
    this.outbox.dialect = version
    this.msize = msize
    this.framer.maxSize = msize
    this.outbox.send({ kind: 'Rversion', tag: m.tag, msize, version: m.version === ORDERED_VERSION ? ORDERED_VERSION : version })
  }

  private flush(m: MsgOf<'Tflush'>): void {
    const target = this.inflight[m.oldtag]
    const reply = (): void => this.send({ kind: 'Rflush', tag: m.tag })
    if (target === undefined) return reply()
    target.flushed = true
    target.abort?.abort()
    void target.done.then(reply)
  }

  /**
   * The client's side is gone (or its input ended, as a pipe's does): requests already received
   * are answered where the transport can still carry it, those that wait are ended, then every
   * fid is clunked.
   */
  private async hungUp(): Promise<void> {
    if (this.closed) return
    const waiting = this.waiting()
    for (const entry of waiting) entry.abort?.abort()
    await Promise.allSettled(waiting.map((e) => e.done))
    this.closed = true
    await this.clunkAll()
    this.finish()
  }

  /** The requests in flight. */
  private waiting(): InFlight[] {
    return this.inflight.filter((e): e is InFlight => e !== undefined)
  }

  private async clunkAll(): Promise<void> {
    const open = this.fids.values()
    this.fids.clear()
    this.tails.clear()
    await Promise.allSettled(open.map((f) => f.open?.handle.close()))
  }

  private fid(n: number): Fid {
    const f = this.fids.get(n)
    if (f === undefined) throw ERR.unknownFid()
    return f
  }

  private newFid(n: number): void {
    if (n === NOFID || this.fids.has(n)) throw ERR.fidInUse()
    if (this.fids.size >= MAX_FIDS) throw new WireError('too many fids', Errno.EMFILE)
  }

  /** `reply` made from the stat of `f`'s file: at once where the fileserver answers it at once (statNow). */
  private withStat(f: Fid, reply: (dir: Dir) => Msg): Msg | Promise<Msg> {
    const dir = this.fs.statNow?.(f.path, f.cred)
    return dir !== undefined ? reply(dir) : this.fs.stat(f.path, f.cred).then(reply)
  }

  private get iounit(): number {
    return this.msize - IOHDRSZ
  }

  // -------------------------------------------------------------------------------------------
  // 9P2000 and both

  async onTauth(): Promise<Msg> {
    throw ERR.noAuth()
  }

  async onTattach(m: MsgOf<'Tattach'>): Promise<Msg> {
    this.newFid(m.fid)
    const name = m.uname === '' && m.nuname !== NOFID ? this.options.users.name(m.nuname) : m.uname
    const cred = name === undefined ? undefined : this.options.users.cred(name)
    if (cred === undefined) throw new NineError('ENOUSER', m.uname || String(m.nuname))
    const root = cleanname('/' + m.aname)
    const dir = await this.fs.stat(root, cred)
    if (!isDir(dir)) throw new NineError('ENOTDIR', m.aname)
    this.fids.set(m.fid, { path: root, root, qid: qidOf(dir), cred })
    return { kind: 'Rattach', tag: m.tag, qid: qidOf(dir) }
  }

  onTwalk(m: MsgOf<'Twalk'>): Msg | Promise<Msg> {
    const from = this.fid(m.fid)
    // walk(5) refuses an open fid; 9P2000.L servers allow walking from one (diodls -l does)
    if (from.open && (this.dialect !== '9P2000.L' || m.newfid === m.fid)) throw ERR.open()
    if (m.newfid !== m.fid) this.newFid(m.newfid)
    if (m.wname.length > MAXWELEM) throw new NineError('EINVAL', undefined, 'too many names in walk')
    return this.walkOn(m, from, from.path, from.qid, [])
  }

  /**
   * The rest of a walk that has reached `path` (its qid `qid`) after the names `wqid` answers:
   * at once while the fileserver answers stats at once (statNow), waiting from the first name it
   * does not (a fileserver without statNow, or a name whose stat fails: `stat` says why).
   */
  private walkOn(m: MsgOf<'Twalk'>, from: Fid, path: string, qid: Qid, wqid: Qid[]): Msg | Promise<Msg> {
    for (let i = wqid.length; i < m.wname.length; i++) {
      const next = this.step(path, qid, m.wname[i]!, from.root, wqid.length)
      if (next === undefined) break
      const dir = this.fs.statNow?.(next, from.cred)
      if (dir === undefined) return this.walkWaiting(m, from, next, wqid)
      qid = qidOf(dir)
      path = next
      wqid.push(qid)
    }
    if (wqid.length === m.wname.length) this.fids.set(m.newfid, { path, root: from.root, qid, cred: from.cred })
    return { kind: 'Rwalk', tag: m.tag, wqid }
  }

  /** A walk's next name from `path`, or undefined where the walk stops short after `done` names (an error if none). */
  private step(path: string, qid: Qid, name: string, root: string, done: number): string | undefined {
    try {
      if ((qid.type & QTDIR) === 0) throw new NineError('ENOTDIR', path)
      if (name === '..') return parent(path, root)
      checkElement(name)
      return join(path, name)
    } catch (e) {
      if (done === 0) throw e
      return undefined
    }
  }

  /** A walk's step to `next` through the fileserver's `stat`, and the rest of the walk after it. */
  private async walkWaiting(m: MsgOf<'Twalk'>, from: Fid, next: string, wqid: Qid[]): Promise<Msg> {
    let dir: Dir
    try {
      dir = await this.fs.stat(next, from.cred)
    } catch (e) {
      if (wqid.length === 0) throw e
      return { kind: 'Rwalk', tag: m.tag, wqid }
    }
    const qid = qidOf(dir)
    wqid.push(qid)
    return this.walkOn(m, from, next, qid, wqid)
  }

  private async openFid(f: Fid, mode: number): Promise<Qid> {
    if (f.open) throw ERR.open()
    const handle = await this.fs.open(f.path, mode, f.cred)
    const dir = await this.fs.stat(f.path, f.cred).catch(() => undefined)
    if (dir !== undefined) f.qid = qidOf(dir)
    f.open = { handle, isDir: (f.qid.type & QTDIR) !== 0 }
    return f.qid
  }

  async onTopen(m: MsgOf<'Topen'>): Promise<Msg> {
    const qid = await this.openFid(this.fid(m.fid), openMode(m.mode))
    return { kind: 'Ropen', tag: m.tag, qid, iounit: this.iounit }
  }

  private async createIn(f: Fid, name: string, perm: number, mode: number): Promise<Qid> {
    if (f.open) throw ERR.open()
    checkElement(name)
    if (name === '..') throw new NineError('EEXIST', name)
    const path = join(f.path, name)
    const handle = await this.fs.create(path, perm, mode, f.cred)
    const dir = await this.fs.stat(path, f.cred)
    f.path = path
    f.qid = qidOf(dir)
    f.open = { handle, isDir: isDir(dir) }
    return f.qid
  }

  async onTcreate(m: MsgOf<'Tcreate'>): Promise<Msg> {
    const qid = await this.createIn(this.fid(m.fid), m.name, m.perm, openMode(m.mode))
    return { kind: 'Rcreate', tag: m.tag, qid, iounit: this.iounit }
  }

  async onTread(m: MsgOf<'Tread'>, entry: InFlight): Promise<Msg> {
    const f = this.fid(m.fid)
    if (f.orderedXattr) return { kind: 'Rread', tag: m.tag, data: new Uint8Array(0) }
    const open = f.open
    if (open === undefined) throw ERR.notOpen()
    const count = Math.min(m.count, this.iounit)
    if (!open.isDir) {
      const into = this.buffers !== undefined && count >= LEND_FROM ? this.buffers.take(count) : undefined
      // a fileserver that returns more than asked must not make a message over msize
      const data = await open.handle.read(safe(m.offset), count, entry.abort?.signal, into)
      // the data is in the lent buffer (back once sent), or the handle's own (the buffer is free now)
      if (into !== undefined) {
        if (data.buffer === into.buffer) entry.lent = into
        else this.buffers!.give(into)
      }
      return { kind: 'Rread', tag: m.tag, data: data.length > count ? data.subarray(0, count) : data }
    }
    if (this.dialect === '9P2000.L') throw new NineError('EISDIR', f.path)
    return { kind: 'Rread', tag: m.tag, data: await this.readDirectory(f, open, safe(m.offset), count) }
  }

  /** A directory read: whole stat records from an entry's start; offset 0 takes a fresh listing. */
  private async readDirectory(f: Fid, open: Open, offset: number, count: number): Promise<Uint8Array> {
    if (offset === 0 || open.listing === undefined || !('entries' in open.listing)) {
      if (offset !== 0) throw ERR.badOffset()
      const dirs = await this.fs.readdir(f.path, f.cred)
      const entries = dirs.map((d) => packStat(statOf(d)))
      const starts = new Map<number, number>()
      let at = 0
      entries.forEach((e, i) => {
        starts.set(at, i)
        at += e.length
      })
      starts.set(at, entries.length)
      open.listing = { entries, starts }
    }
    const { entries, starts } = open.listing
    const first = starts.get(offset)
    if (first === undefined) throw ERR.badOffset()
    let size = 0
    let last = first
    while (last < entries.length && size + entries[last]!.length <= count) size += entries[last++]!.length
    if (last === first && first < entries.length) throw new NineError('EINVAL', f.path, 'read count too small for a directory entry')
    const out = new Uint8Array(size)
    let pos = 0
    for (let i = first; i < last; i++) {
      out.set(entries[i]!, pos)
      pos += entries[i]!.length
    }
    return out
  }

  async onTwrite(m: MsgOf<'Twrite'>, entry: InFlight): Promise<Msg> {
    const open = this.fid(m.fid).open
    if (open === undefined) throw ERR.notOpen()
    const count = await open.handle.write(safe(m.offset), m.data, entry.abort?.signal)
    return { kind: 'Rwrite', tag: m.tag, count }
  }

  onTclunk(m: MsgOf<'Tclunk'>): Msg | Promise<Msg> {
    const f = this.fid(m.fid)
    this.fids.delete(m.fid)
    const reply: Msg = { kind: 'Rclunk', tag: m.tag }
    const closing = f.open?.handle.close()
    return closing === undefined ? reply : Promise.resolve(closing).then(() => reply)
  }

  async onTremove(m: MsgOf<'Tremove'>): Promise<Msg> {
    const f = this.fid(m.fid)
    // remove clunks the fid whether or not the file goes (remove(5))
    this.fids.delete(m.fid)
    await f.open?.handle.close()
    if (f.path === f.root) throw new NineError('EPERM', f.path)
    await this.fs.remove(f.path, f.cred)
    return { kind: 'Rremove', tag: m.tag }
  }

  onTstat(m: MsgOf<'Tstat'>): Msg | Promise<Msg> {
    const f = this.fid(m.fid)
    return this.withStat(f, (dir) => ({ kind: 'Rstat', tag: m.tag, stat: statOf(dir, f.path === '/' ? '/' : dir.name) }))
  }

  async onTwstat(m: MsgOf<'Twstat'>): Promise<Msg> {
    const f = this.fid(m.fid)
    const st = m.stat
    // "don't touch" is all ones for numbers and the empty string for names (stat(5))
    const changes: DirChanges = {}
    if (st.name !== '') {
      checkElement(st.name)
      if (st.name === '..') throw new NineError('EBADCHAR', st.name)
      changes.name = st.name
    }
    if (st.mode !== 0xffffffff) changes.mode = st.mode
    if (st.length !== 0xffffffffffffffffn) changes.length = safe(st.length)
    if (st.mtime !== 0xffffffff) changes.mtime = st.mtime
    if (st.atime !== 0xffffffff) changes.atime = st.atime
    if (st.uid !== '') changes.uid = st.uid
    if (st.gid !== '') changes.gid = st.gid
    if (changes.name !== undefined && f.path === f.root) throw new NineError('EPERM', f.path)
    await this.fs.wstat(f.path, changes, f.cred)
    if (changes.name !== undefined) f.path = join(parent(f.path, '/'), changes.name)
    return { kind: 'Rwstat', tag: m.tag }
  }

  // -------------------------------------------------------------------------------------------
  // 9P2000.L

  async onTlopen(m: MsgOf<'Tlopen'>): Promise<Msg> {
    const mode = (m.flags & 3) | (m.flags & L_O_TRUNC ? OTRUNC : 0) | (m.flags & L_O_APPEND ? OAPPEND : 0)
    const qid = await this.openFid(this.fid(m.fid), mode)
    return { kind: 'Rlopen', tag: m.tag, qid, iounit: this.iounit }
  }

  async onTlcreate(m: MsgOf<'Tlcreate'>): Promise<Msg> {
    const mode = (m.flags & 3) | (m.flags & L_O_EXCL ? OEXCL : 0) | (m.flags & L_O_APPEND ? OAPPEND : 0)
    const qid = await this.createIn(this.fid(m.fid), m.name, m.mode & PERM_MASK, mode)
    return { kind: 'Rlcreate', tag: m.tag, qid, iounit: this.iounit }
  }

  async onTmkdir(m: MsgOf<'Tmkdir'>): Promise<Msg> {
    const d = this.fid(m.dfid)
    checkElement(m.name)
    const path = join(d.path, m.name)
    const handle = await this.fs.create(path, (DMDIR | (m.mode & PERM_MASK)) >>> 0, 0 | OEXCL, d.cred)
    await handle.close()
    return { kind: 'Rmkdir', tag: m.tag, qid: qidOf(await this.fs.stat(path, d.cred)) }
  }

  onTgetattr(m: MsgOf<'Tgetattr'>): Msg | Promise<Msg> {
    return this.withStat(this.fid(m.fid), (dir) => this.getattr(m.tag, dir))
  }

  private getattr(tag: number, dir: Dir): Msg {
    const users = this.options.users
    const directory = isDir(dir)
    const size = BigInt(dir.length)
    const mtime = BigInt(dir.mtime)
    return {
      kind: 'Rgetattr',
      tag,
      valid: GETATTR_BASIC,
      qid: qidOf(dir),
      mode: (directory ? S_IFDIR : S_IFREG) | (dir.mode & PERM_MASK),
      uid: users.id(dir.uid),
      gid: users.id(dir.gid),
      nlink: directory ? 2n : 1n,
      rdev: 0n,
      size,
      blksize: 4096n,
      blocks: (size + 511n) / 512n,
      atimeSec: BigInt(dir.atime),
      atimeNsec: 0n,
      mtimeSec: mtime,
      mtimeNsec: 0n,
      ctimeSec: mtime,
      ctimeNsec: 0n,
      btimeSec: 0n,
      btimeNsec: 0n,
      gen: 0n,
      dataVersion: BigInt(dir.qid.version),
    }
  }

  async onTsetattr(m: MsgOf<'Tsetattr'>): Promise<Msg> {
    const f = this.fid(m.fid)
    const changes: DirChanges = {}
    const now = Math.floor(Date.now() / 1000)
    const userOf = (id: number): string => {
      const name = this.options.users.name(id)
      if (name === undefined) throw new NineError('ENOUSER', String(id))
      return name
    }
    if (m.valid & 0x1) changes.mode = ((await this.fs.stat(f.path, f.cred)).mode & DMDIR) | (m.mode & PERM_MASK)
    if (m.valid & 0x2) changes.uid = userOf(m.uid)
    if (m.valid & 0x4) changes.gid = userOf(m.gid)
    if (m.valid & 0x8) changes.length = safe(m.size)
    if (m.valid & 0x10) changes.atime = m.valid & 0x80 ? safe(m.atimeSec) : now
    if (m.valid & 0x20) changes.mtime = m.valid & 0x100 ? safe(m.mtimeSec) : now
    if (Object.keys(changes).length > 0) await this.fs.wstat(f.path, changes, f.cred)
    return { kind: 'Rsetattr', tag: m.tag }
  }

  async onTreaddir(m: MsgOf<'Treaddir'>): Promise<Msg> {
    const f = this.fid(m.fid)
    const open = f.open
    if (open === undefined) throw ERR.notOpen()
    if (!open.isDir) throw new NineError('ENOTDIR', f.path)
    // the offset is the index of the next entry; 0 takes a fresh listing
    const index = safe(m.offset)
    if (index === 0 || open.listing === undefined || !('dirs' in open.listing)) open.listing = { dirs: await this.fs.readdir(f.path, f.cred) }
    const dirs = open.listing.dirs
    const count = Math.min(m.count, this.iounit)
    const parts: Uint8Array[] = []
    let size = 0
    for (let i = index; i < dirs.length; i++) {
      const d = dirs[i]!
      const entry = packDirent(qidOf(d), BigInt(i + 1), isDir(d) ? DT_DIR : DT_REG, d.name)
      if (size + entry.length > count) break
      parts.push(entry)
      size += entry.length
    }
    const data = new Uint8Array(size)
    let pos = 0
    for (const p of parts) {
      data.set(p, pos)
      pos += p.length
    }
    return { kind: 'Rreaddir', tag: m.tag, data }
  }

  private async removeAt(d: Fid, name: string): Promise<void> {
    checkElement(name)
    if (name === '..') throw new NineError('EINVAL', name)
    await this.fs.remove(join(d.path, name), d.cred)
  }

  async onTunlinkat(m: MsgOf<'Tunlinkat'>): Promise<Msg> {
    const d = this.fid(m.dirfid)
    const path = join(d.path, m.name)
    checkElement(m.name)
    const dir = await this.fs.stat(path, d.cred)
    if (m.flags & AT_REMOVEDIR && !isDir(dir)) throw new NineError('ENOTDIR', path)
    if (!(m.flags & AT_REMOVEDIR) && isDir(dir)) throw new NineError('EISDIR', path)
    await this.removeAt(d, m.name)
    return { kind: 'Runlinkat', tag: m.tag }
  }

  /** Plan 9 renames within a directory only (wstat of the name); across directories is EXDEV, which makes mv copy. */
  private async rename(fromDir: string, oldName: string, toDir: string, newName: string, cred: Cred): Promise<void> {
    checkElement(oldName)
    checkElement(newName)
    if (oldName === '..' || newName === '..') throw new NineError('EINVAL', newName)
    if (fromDir !== toDir) throw new WireError('cross-directory rename', Errno.EXDEV)
    const target = join(toDir, newName)
    // rename(2) replaces an existing file; Plan 9's wstat refuses, so the old one goes first
    if (oldName !== newName && (await this.fs.stat(target, cred).then(() => true, () => false))) await this.fs.remove(target, cred)
    await this.fs.wstat(join(fromDir, oldName), { name: newName }, cred)
  }

  async onTrenameat(m: MsgOf<'Trenameat'>): Promise<Msg> {
    const from = this.fid(m.olddirfid)
    const to = this.fid(m.newdirfid)
    await this.rename(from.path, m.oldname, to.path, m.newname, from.cred)
    return { kind: 'Rrenameat', tag: m.tag }
  }

  async onTrename(m: MsgOf<'Trename'>): Promise<Msg> {
    const f = this.fid(m.fid)
    const d = this.fid(m.dfid)
    if (f.path === f.root) throw new NineError('EPERM', f.path)
    const slash = f.path.lastIndexOf('/')
    await this.rename(slash === 0 ? '/' : f.path.slice(0, slash), f.path.slice(slash + 1), d.path, m.name, f.cred)
    f.path = join(d.path, m.name)
    return { kind: 'Rrename', tag: m.tag }
  }

  async onTstatfs(m: MsgOf<'Tstatfs'>): Promise<Msg> {
    this.fid(m.fid)
    return { kind: 'Rstatfs', tag: m.tag, fstype: V9FS_MAGIC, bsize: 4096, blocks: 0n, bfree: 0n, bavail: 0n, files: 0n, ffree: 0n, fsid: 0n, namelen: 255 }
  }

  async onTfsync(m: MsgOf<'Tfsync'>): Promise<Msg> {
    // a fileserver's writes are done when they resolve: nothing is left to sync
    this.fid(m.fid)
    return { kind: 'Rfsync', tag: m.tag }
  }

  async onTgetlock(m: MsgOf<'Tgetlock'>): Promise<Msg> {
    // no lock is ever held (Tlock is refused), so every range is free
    this.fid(m.fid)
    return { kind: 'Rgetlock', tag: m.tag, locktype: 2, start: m.start, length: m.length, procId: m.procId, clientId: m.clientId }
  }

  async onTlock(): Promise<Msg> {
    throw new WireError('locks not supported', Errno.ENOLCK)
  }

  async onTxattrwalk(m: MsgOf<'Txattrwalk'>): Promise<Msg> {
    const f = this.fid(m.fid)
    if (m.name === ORDERED_XATTR) {
      // requests run in order per fid (see request): said as an empty attribute a client can ask for
      this.newFid(m.newfid)
      this.fids.set(m.newfid, { path: f.path, root: f.root, qid: f.qid, cred: f.cred, orderedXattr: true })
      return { kind: 'Rxattrwalk', tag: m.tag, size: 0n }
    }
    throw new WireError('no extended attributes', Errno.EOPNOTSUPP)
  }

  async onTxattrcreate(m: MsgOf<'Txattrcreate'>): Promise<Msg> {
    this.fid(m.fid)
    throw new WireError('no extended attributes', Errno.EOPNOTSUPP)
  }
}

type Handler = (this: Server, m: Msg, entry: InFlight) => Msg | Promise<Msg>

/** Each T-message's handler, `onT…` by the message's name, looked up once. */
const HANDLERS = new Map<string, Handler>()
for (const name of Object.getOwnPropertyNames(Server.prototype)) {
  if (name.startsWith('onT')) HANDLERS.set(name.slice(2), (Server.prototype as unknown as Record<string, Handler>)[name]!)
}

/** The system's user database as 9P sees it: root is 0, every other user 1000 and up in the database's order. */
export function wireUsers(db: { list(): { name: string }[]; get(name: string): unknown; cred(name: string): Cred }): WireUsers {
  const ids = (): string[] => db.list().map((u) => u.name).filter((n) => n !== 'root')
  return {
    cred: (name) => (db.get(name) === undefined ? undefined : db.cred(name)),
    id: (name) => (name === 'root' ? 0 : 1000 + ids().indexOf(name)),
    name: (id) => (id === 0 ? 'root' : ids()[id - 1000]),
  }
}
