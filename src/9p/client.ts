/**
 * A 9P client: a connection to a 9P server as a Fileserver, so it can be posted in /srv and
 * mounted like any other. It speaks 9P2000 (Plan 9, ninefold) or 9P2000.L (diod, QEMU, Linux
 * servers). Every path operation walks from the attach's fid in one Twalk per 16 names; many
 * requests may be in flight at once, each on its own tag. A read or write whose caller ends is
 * flushed (Tflush). When the connection goes, every call fails with `i/o on hungup channel`.
 */
import { directoryHandle } from '../kernel/dirhandle.ts'
import { NineError } from '../kernel/errors.ts'
import { DMDIR, OAPPEND, OEXCL, OTRUNC, PERM_MASK, QTDIR, type Dir, type DirChanges, type Fileserver, type Handle } from '../kernel/types.ts'
import { decode, decodeAttrs, Framer, IOHDRSZ, MAXWELEM, NOFID, NOTAG, ORDERED_VERSION, ORDERED_XATTR, unpackDirents, unpackStats, type Dialect, type Attrs, type Msg, type MsgName, type MsgOf, type Qid, type Stat } from './codec.ts'
import { fromEname, fromErrno } from './errors.ts'
import { Outbox } from './outbox.ts'
import { Tags } from './tags.ts'
import type { Transport } from './transport.ts'

export interface ClientOptions {
  /** The user to attach as. */
  uname: string
  /** The attach name: which tree of the server (diod: the exported directory). */
  aname?: string
  /**
   * Attach only when the tree is first used (Plan 9's srv posts a connection and lets mount
   * attach): a server that wants a particular aname (diod) is not refused an empty one first.
   */
  lazyAttach?: boolean
  dialect?: Dialect
  /** The largest message to ask for (default 512 KiB + header). */
  msize?: number
  /**
   * The server runs the requests naming one fid in the order they were sent (ninefold's server
   * does; diod does not), so a stat's walk, stat and clunk can go together in one round trip.
   * Unset: ask the server (docs/9p.md, "Servers that keep order"); false: never assume it.
   */
  ordered?: boolean
  /** 9P2000.L: the attaching user's number (default 0 for root, else none). */
  nuname?: number
  /** 9P2000.L names users by number: the name of one (default: root for 0, else the number). */
  userName?: (id: number) => string
  /** The number of a user name, for setattr (default: 0 for root). */
  userId?: (name: string) => number | undefined
}

const DEFAULT_MSIZE = 512 * 1024 + IOHDRSZ
const L_O_TRUNC = 0o1000
const L_O_EXCL = 0o200
const L_O_APPEND = 0o2000
/** 9P2000's open mode has no append bit; this is the one Linux's v9fs sends (P9_OAPPEND), which ninefold's server honours. */
const P9_OAPPEND = 0x80
const S_IFDIR = 0o040000
/** Tgetattr's mask bit for the size. */
const GETATTR_SIZE = 0x200n
/** Tgetattr's "basic" fields: mode, nlink, uid, gid, rdev, atime, mtime, ctime, ino, size, blocks. */
const GETATTR_BASIC = 0x7ffn
/**
 * A directory's entries are stat'ed this many at a time (9P2000.L lists names only): each
 * round trip carries that many stats, and on a busy machine the wake-ups between the two ends
 * cost more than the stats.
 */
const STAT_PARALLEL = 64
/** A listing larger than this is a server feeding us without end, not a directory. */
const MAX_LISTING = 64 * 1024 * 1024

type Reply<N extends MsgName> = N extends `T${infer R}` ? (`R${R}` extends MsgName ? MsgOf<`R${R}`> : never) : never
/** A message as the caller builds it: the tag is the connection's business. */
type Request<N extends MsgName> = Omit<MsgOf<N>, 'tag'>

const toNumber = (n: bigint): number => Number(BigInt.asUintN(53, n))

/** A decoded Rgetattr as `decodeAttrs` reads one. */
function attrsOf(a: MsgOf<'Rgetattr'>): Attrs {
  return { qidType: a.qid.type, qidVersion: a.qid.version, qidPath: toNumber(a.qid.path), mode: a.mode, uid: a.uid, gid: a.gid, size: toNumber(a.size), atime: toNumber(a.atimeSec), mtime: toNumber(a.mtimeSec) }
}

/** Version and attach over `transport`: a mountable Fileserver, or the reason the server refused. */
export async function connect9p(transport: Transport, options: ClientOptions): Promise<NineClient> {
  const rpc = new Rpc(transport)
  try {
    const dialect = options.dialect ?? '9P2000'
    const ask = options.ordered === undefined && dialect === '9P2000'
    const v = await rpc.call({ kind: 'Tversion', msize: options.msize ?? DEFAULT_MSIZE, version: ask ? ORDERED_VERSION : dialect }, undefined, NOTAG)
    if (ask) rpc.ordered = v.version === ORDERED_VERSION
    else if (options.ordered !== undefined) rpc.ordered = options.ordered
    if (v.version !== dialect && !(ask && rpc.ordered)) throw new NineError('EIO', undefined, `server speaks ${v.version}, not ${dialect}`)
    if (v.msize < 256) throw new NineError('EIO', undefined, `server msize ${v.msize} too small`)
    rpc.begin(dialect, v.msize)
    const nuname = options.nuname ?? (options.uname === 'root' ? 0 : NOFID)
    const client = new NineClient(rpc, options, nuname)
    if (!options.lazyAttach) await client.root()
    return client
  } catch (e) {
    transport.close()
    throw e
  }
}

class FidPool {
  private next = 1
  private readonly free: number[] = []
  take(): number {
    return this.free.pop() ?? this.next++
  }
  give(fid: number): void {
    this.free.push(fid)
  }
}

/** What waits for replies: told each reply to a tag it was registered under, or why none will come. */
interface Waiter {
  answer(m: Msg): void
  fail(e: unknown): void
  /** Optional: takes a reply's frame undecoded, if it can read it (else `answer` gets it decoded). */
  frame?(frame: Uint8Array): boolean
}

/** Why a reply is not the `expect`ed one: the server's error as a NineError, or a protocol botch. */
function replyError(m: Msg, expect: string): NineError {
  if (m.kind === 'Rerror') return fromEname(m.ename)
  if (m.kind === 'Rlerror') return fromErrno(m.ecode)
  return new NineError('EIO', undefined, `protocol botch: ${m.kind} for T${expect.slice(1)}`)
}

/** A request waiting for its reply, as a promise. */
class Pending implements Waiter {
  onAbort: (() => void) | undefined = undefined
  constructor(
    readonly expect: string,
    readonly resolve: (m: Msg) => void,
    readonly reject: (e: unknown) => void,
    readonly signal: AbortSignal | undefined,
    /** A Tread's: where its data may be gathered (the Rread's data is then a view of it). */
    readonly into: Uint8Array | undefined,
  ) {}

  /** The reply, or the server's error as a NineError. */
  answer(m: Msg): void {
    this.done()
    if (m.kind === this.expect) this.resolve(m)
    else this.reject(replyError(m, this.expect))
  }

  fail(e: unknown): void {
    this.done()
    this.reject(e)
  }

  private done(): void {
    if (this.onAbort !== undefined) this.signal!.removeEventListener('abort', this.onAbort)
  }
}

/** A flushed request's tag, held until the server answers the flush (flush(5)). */
const FLUSHED: Waiter = { answer() {}, fail() {} }

/** The reply each request expects: Tread → Rread. */
const REPLY = new Map<string, string>()

/** Tags, framing and replies of one connection. */
class Rpc {
  readonly fids = new FidPool()
  dialect: Dialect = '9P2000'
  msize = DEFAULT_MSIZE
  /** The server runs each fid's requests in order; undefined until the first attach has asked. */
  ordered: boolean | undefined = undefined
  /** 9P2000.L: the server's answer to whether it keeps order, while it is awaited. */
  orderAsked: Promise<boolean> | undefined = undefined
  private readonly framer = new Framer(DEFAULT_MSIZE, {
    to: (tag) => {
      const p = this.pending.get(tag)
      return p instanceof Pending ? p.into : undefined
    },
    diverted: (tag, data) => this.answer({ kind: 'Rread', tag, data }),
  })
  private readonly outbox: Outbox
  private readonly pending = new Tags<Waiter>()
  hungup = false
  /** Resolves when the connection has gone. */
  readonly closed: Promise<void>
  private signalClosed!: () => void

  constructor(private readonly transport: Transport) {
    this.closed = new Promise((resolve) => (this.signalClosed = resolve))
    this.outbox = new Outbox(transport)
    transport.start(
      (chunk, lent) => this.received(chunk, lent),
      () => this.hangup(),
      () => this.framer.wanted(),
    )
  }

  begin(dialect: Dialect, msize: number): void {
    this.dialect = dialect
    this.outbox.dialect = dialect
    this.msize = msize
    this.framer.maxSize = msize
  }

  get iounit(): number {
    return this.msize - IOHDRSZ
  }

  close(): void {
    this.outbox.flush()
    this.transport.close()
  }

  private hangup(): void {
    if (this.hungup) return
    this.hungup = true
    this.signalClosed()
    for (const p of this.pending.takeAll()) p.fail(new NineError('EHUNGUP'))
  }

  private received(chunk: Uint8Array, lent?: boolean): void {
    const frames = this.framer.push(chunk, lent)
    if (!Array.isArray(frames)) return this.abandon()
    for (const frame of frames) {
      // the framer cuts no frame shorter than its header: size[4] type[1] tag[2]
      const tag = frame[5]! | (frame[6]! << 8)
      const p = this.pending.get(tag)
      // an answer to nothing asked, or one that cannot be read: the server cannot be trusted further
      if (p === undefined) return this.abandon()
      if (p.frame?.(frame) === true) {
        this.pending.delete(tag)
        continue
      }
      const m = decode(frame, this.dialect)
      if ('error' in m || m.kind[0] !== 'R') return this.abandon()
      this.pending.delete(tag)
      p.answer(m)
    }
  }

  /** An Rread whose data the framer gathered where its Tread asked. */
  private answer(m: Msg): void {
    const p = this.pending.get(m.tag)
    if (p === undefined) return this.abandon()
    this.pending.delete(m.tag)
    p.answer(m)
  }

  private abandon(): void {
    this.transport.close()
    this.hangup()
  }

  private tag(): number {
    const t = this.pending.take()
    if (t === undefined) throw new NineError('EIO', undefined, 'too many 9P requests in flight')
    return t
  }

  /**
   * Sends a request whose reply goes to `waiter`, and returns its tag. Throws, sending nothing,
   * when the connection has gone or the request cannot be encoded.
   */
  post<N extends MsgName>(req: Request<N>, waiter: Waiter, fixedTag?: number): number {
    if (this.hungup) throw new NineError('EHUNGUP')
    const tag = fixedTag ?? this.tag()
    const msg = req as unknown as Msg
    msg.tag = tag
    try {
      this.outbox.send(msg)
    } catch (e) {
      if (fixedTag === undefined) this.pending.unused(tag)
      throw e instanceof RangeError ? new NineError('ENAMETOOLONG') : e
    }
    this.pending.set(tag, waiter)
    return tag
  }

  /**
   * Sends a request and resolves with its reply; a server error rejects as a NineError. A Tread
   * may say `into` where its data is wanted: the Rread's data may then be a view of it.
   */
  call<N extends MsgName>(req: Request<N>, signal?: AbortSignal, fixedTag?: number, into?: Uint8Array): Promise<Reply<N>> {
    if (signal?.aborted) return Promise.reject(new NineError('EINTR'))
    let expect = REPLY.get(req.kind)
    if (expect === undefined) REPLY.set(req.kind, (expect = 'R' + req.kind.slice(1)))
    return new Promise<Reply<N>>((resolve, reject) => {
      const p = new Pending(expect, resolve as (m: Msg) => void, reject, signal, into)
      const tag = this.post(req, p, fixedTag)
      if (signal !== undefined) {
        p.onAbort = () => {
          const entry = this.pending.get(tag)
          if (entry !== p) return
          this.pending.set(tag, FLUSHED)
          p.fail(new NineError('EINTR'))
          void this.call({ kind: 'Tflush', oldtag: tag }).then(
            // the flushed request's own reply may have come first and freed its tag for another
            () => this.pending.get(tag) === FLUSHED && this.pending.delete(tag),
            () => this.pending.get(tag) === FLUSHED && this.pending.delete(tag),
          )
        }
        signal.addEventListener('abort', p.onAbort, { once: true })
      }
    })
  }
}

/** `e`, naming `path` if it is a NineError that names no path yet. */
function withPath(e: unknown, path: string): unknown {
  return e instanceof NineError && e.path === undefined ? e.withPath(path) : e
}

/** Why a walk that answered only `wqid` stopped short of `path`: a file on the way, or a name missing. */
function shortWalk(wqid: Qid[], path: string): NineError {
  const last = wqid[wqid.length - 1]
  return new NineError(last !== undefined && (last.type & QTDIR) === 0 ? 'ENOTDIR' : 'ENOENT', path)
}

/**
 * A stat in one round trip: the walk, stat (Tgetattr or Tstat) and clunk of a new fid, sent
 * together and waited for as one. The server runs requests on one fid in order, so the stat and
 * the clunk see the walk's fid; if the walk fails, they fail on an unknown fid, and the walk's
 * answer says why. It settles when all three are answered, the fid free again.
 */
class PipelinedStat implements Waiter {
  walkTag = -1
  statTag = -1
  private walk: Msg | undefined
  /** The stat's reply: an Rgetattr as numbers (see `frame`), else as decoded. */
  private reply: Msg | Attrs | undefined
  private left = 3

  constructor(
    private readonly rpc: Rpc,
    private readonly fid: number,
    private readonly path: string,
    private readonly depth: number,
    private readonly name: string,
    private readonly dirOf: (reply: Msg | Attrs, name: string) => Dir,
    private readonly resolve: (dir: Dir) => void,
    private readonly reject: (e: unknown) => void,
  ) {}

  answer(m: Msg): void {
    if (m.tag === this.walkTag) this.walk = m
    else if (m.tag === this.statTag) this.reply = m
    if (--this.left === 0) this.settle()
  }

  /** An Rgetattr is read straight into numbers: no message object, no bigints. */
  frame(frame: Uint8Array): boolean {
    if ((frame[5]! | (frame[6]! << 8)) !== this.statTag) return false
    const attrs = decodeAttrs(frame)
    if (attrs === undefined) return false
    this.reply = attrs
    if (--this.left === 0) this.settle()
    return true
  }

  /** The connection went: every tag of this stat is failed at once, and it settles the first time. */
  fail(e: unknown): void {
    if (this.left === 0) return
    this.left = 0
    this.rpc.fids.give(this.fid)
    this.reject(withPath(e, this.path))
  }

  private settle(): void {
    this.rpc.fids.give(this.fid)
    const walk = this.walk!
    const reply = this.reply!
    if (walk.kind !== 'Rwalk') return this.reject(replyError(walk, 'Rwalk').withPath(this.path))
    if (walk.wqid.length < this.depth) return this.reject(shortWalk(walk.wqid, this.path))
    const expect = this.rpc.dialect === '9P2000.L' ? 'Rgetattr' : 'Rstat'
    if (!('kind' in reply) || reply.kind === expect) return this.resolve(this.dirOf(reply, this.name))
    this.reject(replyError(reply, expect).withPath(this.path))
  }
}

/** A 9P server's tree as a Fileserver. */
export class NineClient implements Fileserver {
  readonly kind = '9p'

  private attached: Promise<{ fid: number; qid: Qid }> | undefined
  /** The attach's fid and qid once the attach is answered (a stat need not wait for `attached` then). */
  private rootNow: { fid: number; qid: Qid } | undefined

  constructor(
    private readonly rpc: Rpc,
    private readonly options: ClientOptions,
    private readonly nuname: number,
  ) {}

  /** The attach's fid and qid, attaching on first use; a refused attach is tried again next time. */
  root(): Promise<{ fid: number; qid: Qid }> {
    if (this.attached === undefined) {
      const fid = this.rpc.fids.take()
      const attach = this.rpc.call({ kind: 'Tattach', fid, afid: NOFID, uname: this.options.uname, aname: this.options.aname ?? '', nuname: this.nuname })
      // 9P2000.L asks whether the server keeps order once the first attach is answered (see askOrdered)
      if (this.rpc.ordered === undefined && this.rpc.orderAsked === undefined && this.dotL) this.rpc.orderAsked = attach.then(() => this.askOrdered(fid), () => false)
      this.attached = attach.then(
        (a) => (this.rootNow = { fid, qid: a.qid }),
        (e: unknown) => {
          this.rpc.fids.give(fid)
          this.attached = undefined
          // a question about a fid the server refused is no question: ask again with the next attach
          this.rpc.orderAsked = undefined
          throw e
        },
      )
    }
    return this.attached
  }

  /**
   * 9P2000.L: whether the server keeps order, asked as ORDERED_XATTR of the attached fid; every
   * server but ninefold's answers an error, so "no". Not sent with the attach: diod (sometimes)
   * hangs up when a Txattrwalk on a fid races that fid's Tattach.
   */
  private async askOrdered(fid: number): Promise<boolean> {
    const xfid = this.rpc.fids.take()
    try {
      await this.rpc.call({ kind: 'Txattrwalk', fid, newfid: xfid, name: ORDERED_XATTR })
    } catch {
      this.rpc.fids.give(xfid)
      return false
    }
    const give = (): void => this.rpc.fids.give(xfid)
    void this.rpc.call({ kind: 'Tclunk', fid: xfid }).then(give, give)
    return true
  }

  /** Whether the server keeps order, once an attach has succeeded and the answer is in. */
  private async keepsOrder(): Promise<boolean> {
    await this.root()
    const asked = this.rpc.orderAsked
    if (this.rpc.ordered === undefined && asked !== undefined) this.rpc.ordered ??= await asked
    return this.rpc.ordered === true
  }

  get dialect(): Dialect {
    return this.rpc.dialect
  }

  /** Whether the server said it keeps each fid's requests in order (undefined: not known yet). */
  get ordered(): boolean | undefined {
    return this.rpc.ordered
  }

  /** The largest message the server agreed to. */
  get msize(): number {
    return this.rpc.msize
  }

  /** Resolves when the connection has gone (the server hung up, or close was called). */
  get closed(): Promise<void> {
    return this.rpc.closed
  }

  /** Another tree of the same server on the same connection (mount's spec: Plan 9's aname). */
  async attach(aname: string): Promise<NineClient> {
    const client = new NineClient(this.rpc, { ...this.options, aname }, this.nuname)
    await client.root()
    return client
  }

  /** Hangs up: the server clunks everything; calls through this client fail with `i/o on hungup channel`. */
  close(): void {
    this.rpc.close()
  }

  private get dotL(): boolean {
    return this.rpc.dialect === '9P2000.L'
  }

  /** A new fid for `path`, walked from the root in steps of at most 16 names. */
  private async walkTo(path: string): Promise<{ fid: number; qid: Qid }> {
    const names = path.split('/').filter((n) => n !== '')
    const root = await this.root()
    const fid = this.rpc.fids.take()
    let from = root.fid
    let qid = root.qid
    try {
      let i = 0
      do {
        const chunk = names.slice(i, i + MAXWELEM)
        const r = await this.rpc.call({ kind: 'Twalk', fid: from, newfid: fid, wname: chunk })
        if (r.wqid.length < chunk.length) {
          if (from === fid) await this.clunk(fid)
          throw shortWalk(r.wqid, path)
        }
        if (chunk.length > 0) qid = r.wqid[r.wqid.length - 1]!
        from = fid
        i += chunk.length
      } while (i < names.length)
      return { fid, qid }
    } catch (e) {
      if (from !== fid) this.rpc.fids.give(fid)
      throw withPath(e, path)
    }
  }

  private async clunk(fid: number): Promise<void> {
    try {
      await this.rpc.call({ kind: 'Tclunk', fid })
    } catch {
      // a clunk that fails has still freed the fid (clunk(5)); a hung-up connection frees everything
    } finally {
      this.rpc.fids.give(fid)
    }
  }

  /** Runs `body` on a fid walked to `path`, clunked afterwards. */
  private async at<T>(path: string, body: (fid: number, qid: Qid) => Promise<T>): Promise<T> {
    const { fid, qid } = await this.walkTo(path)
    try {
      return await body(fid, qid)
    } catch (e) {
      throw withPath(e, path)
    } finally {
      await this.clunk(fid)
    }
  }

  private userName(id: number): string {
    return this.options.userName?.(id) ?? (id === 0 ? 'root' : String(id))
  }

  private userId(name: string): number {
    const id = this.options.userId?.(name) ?? (name === 'root' ? 0 : /^\d+$/.test(name) ? Number(name) : undefined)
    if (id === undefined) throw new NineError('ENOUSER', name)
    return id
  }

  private fromStat(st: Stat): Dir {
    return { name: st.name, qid: { type: st.qid.type, version: st.qid.version, path: toNumber(st.qid.path) }, mode: st.mode >>> 0, length: toNumber(st.length), atime: st.atime, mtime: st.mtime, uid: st.uid, gid: st.gid, muid: st.muid }
  }

  private async getattr(fid: number, name: string): Promise<Dir> {
    return this.fromAttrs(attrsOf(await this.rpc.call({ kind: 'Tgetattr', fid, mask: GETATTR_BASIC })), name)
  }

  private fromAttrs(a: Attrs, name: string): Dir {
    const dir = (a.mode & 0o170000) === S_IFDIR
    const uid = this.userName(a.uid)
    return {
      name,
      qid: { type: a.qidType, version: a.qidVersion, path: a.qidPath },
      mode: ((dir ? DMDIR : 0) | (a.mode & PERM_MASK)) >>> 0,
      length: dir ? 0 : a.size,
      atime: a.atime,
      mtime: a.mtime,
      uid,
      gid: this.userName(a.gid),
      muid: uid,
    }
  }

  /** A stat's reply (Rgetattr, as decoded or as numbers, or Rstat) as the Dir of `name`. */
  private readonly dirOf = (reply: Msg | Attrs, name: string): Dir => {
    if (!('kind' in reply)) return this.fromAttrs(reply, name)
    if (reply.kind === 'Rgetattr') return this.fromAttrs(attrsOf(reply), name)
    return { ...this.fromStat((reply as MsgOf<'Rstat'>).stat), name }
  }

  stat(path: string): Promise<Dir> {
    const name = path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1)
    const names = path.split('/').filter((n) => n !== '')
    const root = this.rootNow
    if (root !== undefined && this.rpc.ordered === true && names.length <= MAXWELEM) return this.statPipelined(root.fid, path, names, name)
    return this.statAsked(path, names, name)
  }

  /** A stat once the attach is answered and the server has said whether it keeps order. */
  private async statAsked(path: string, names: string[], name: string): Promise<Dir> {
    if (names.length <= MAXWELEM && (this.rpc.ordered ?? (await this.keepsOrder()))) return this.statPipelined((await this.root()).fid, path, names, name)
    return this.at(path, (fid) => this.statFid(fid, name))
  }

  private async statFid(fid: number, name: string): Promise<Dir> {
    if (this.dotL) return this.getattr(fid, name)
    const r = await this.rpc.call({ kind: 'Tstat', fid })
    return { ...this.fromStat(r.stat), name }
  }

  /** A stat in one round trip: walk, stat and clunk of a new fid sent together (see PipelinedStat). */
  private statPipelined(from: number, path: string, names: string[], name: string): Promise<Dir> {
    return new Promise<Dir>((resolve, reject) => {
      const fid = this.rpc.fids.take()
      const stat = new PipelinedStat(this.rpc, fid, path, names.length, name, this.dirOf, resolve, reject)
      try {
        stat.walkTag = this.rpc.post({ kind: 'Twalk', fid: from, newfid: fid, wname: names }, stat)
      } catch (e) {
        this.rpc.fids.give(fid)
        return reject(withPath(e, path))
      }
      // nothing sent since the walk can fail to be: the connection is up and these encode
      stat.statTag = this.dotL ? this.rpc.post({ kind: 'Tgetattr', fid, mask: GETATTR_BASIC }, stat) : this.rpc.post({ kind: 'Tstat', fid }, stat)
      this.rpc.post({ kind: 'Tclunk', fid }, stat)
    })
  }

  async readdir(path: string): Promise<Dir[]> {
    return this.at(path, async (fid, qid) => {
      if ((qid.type & QTDIR) === 0) throw new NineError('ENOTDIR', path)
      if (!this.dotL) {
        await this.rpc.call({ kind: 'Topen', fid, mode: 0 })
        const out: Dir[] = []
        for (let offset = 0n; ; ) {
          const r = await this.rpc.call({ kind: 'Tread', fid, offset, count: this.rpc.iounit })
          if (r.data.length === 0) return out
          const stats = unpackStats(r.data)
          if (stats === undefined) throw new NineError('EIO', path, 'bad directory entry from server')
          for (const st of stats) out.push(this.fromStat(st))
          offset += BigInt(r.data.length)
          if (offset > MAX_LISTING) throw new NineError('EIO', path, 'directory listing without end')
        }
      }
      await this.rpc.call({ kind: 'Tlopen', fid, flags: 0 })
      const names: string[] = []
      let size = 0
      for (let offset = 0n; ; ) {
        const r = await this.rpc.call({ kind: 'Treaddir', fid, offset, count: this.rpc.iounit })
        const entries = unpackDirents(r.data)
        if (entries === undefined) throw new NineError('EIO', path, 'bad directory entry from server')
        if (entries.length === 0) break
        for (const e of entries) if (e.name !== '.' && e.name !== '..') names.push(e.name)
        // an offset that does not move, or a listing without end, would have us read forever
        const next = entries[entries.length - 1]!.offset
        size += r.data.length
        if (next === offset || size > MAX_LISTING) throw new NineError('EIO', path, 'directory listing without end')
        offset = next
      }
      return this.statAll(path, names)
    })
  }

  /** 9P2000.L lists names only: each entry's stat, a bounded number at a time; entries gone meanwhile are left out. */
  private async statAll(path: string, names: string[]): Promise<Dir[]> {
    const out: (Dir | undefined)[] = new Array(names.length)
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < names.length) {
        const i = next++
        const child = path === '/' ? '/' + names[i] : path + '/' + names[i]
        out[i] = await this.stat(child).catch((e: unknown) => {
          if (e instanceof NineError && e.code === 'ENOENT') return undefined
          throw e
        })
      }
    }
    await Promise.all(Array.from({ length: Math.min(STAT_PARALLEL, names.length) }, worker))
    return out.filter((d): d is Dir => d !== undefined)
  }

  /**
   * Opens `path`; a file's length is asked in the same round trip, for reads spread over many
   * messages. On a server that keeps order the walk is sent with them: one round trip in all.
   */
  async open(path: string, mode: number): Promise<Handle> {
    const names = path.split('/').filter((n) => n !== '')
    if (names.length <= MAXWELEM && (this.rpc.ordered ?? (await this.keepsOrder()))) return this.openPipelined(await this.root(), path, names, mode)
    const { fid, qid } = await this.walkTo(path)
    const length = qid.type & QTDIR ? undefined : this.lengthOf(fid)
    try {
      await this.openFid(fid, mode)
    } catch (e) {
      await length
      await this.clunk(fid)
      throw withPath(e, path)
    }
    return this.handle(fid, qid, path, mode, await length)
  }

  /** Sends the open of `fid` in the connection's dialect. */
  private openFid(fid: number, mode: number): Promise<unknown> {
    if (this.dotL) return this.rpc.call({ kind: 'Tlopen', fid, flags: (mode & 3) | (mode & OTRUNC ? L_O_TRUNC : 0) | (mode & OAPPEND ? L_O_APPEND : 0) })
    return this.rpc.call({ kind: 'Topen', fid, mode: (mode & 0x7f) | (mode & OAPPEND ? P9_OAPPEND : 0) })
  }

  /**
   * An open in one round trip: the walk to a new fid, the open and the length of what it opened,
   * sent together. The server runs them in order, so the open and the stat see the walk's fid
   * (and a truncation's length); if the walk fails, they fail on a fid that was never made, and
   * the walk's answer says why. A fid the walk made is clunked if the open fails.
   */
  private async openPipelined(root: { fid: number; qid: Qid }, path: string, names: string[], mode: number): Promise<Handle> {
    const fid = this.rpc.fids.take()
    const [walk, open, length] = await Promise.allSettled([
      this.rpc.call({ kind: 'Twalk', fid: root.fid, newfid: fid, wname: names }),
      this.openFid(fid, mode),
      this.lengthOf(fid),
    ])
    if (walk.status === 'rejected' || walk.value.wqid.length < names.length) {
      this.rpc.fids.give(fid)
      throw walk.status === 'rejected' ? withPath(walk.reason, path) : shortWalk(walk.value.wqid, path)
    }
    if (open.status === 'rejected') {
      await this.clunk(fid)
      throw withPath(open.reason, path)
    }
    const qid = names.length === 0 ? root.qid : walk.value.wqid[names.length - 1]!
    // lengthOf answers, never fails
    return this.handle(fid, qid, path, mode, qid.type & QTDIR ? undefined : (length as PromiseFulfilledResult<number>).value)
  }

  /**
   * The handle of an open fid. An append is the server's (O_APPEND, P9_OAPPEND); under 9P2000 a
   * server may not know P9_OAPPEND, so each write is also placed at the length a stat just gave.
   */
  private handle(fid: number, qid: Qid, path: string, mode: number, length?: number): Handle {
    let closed = false
    const close = (): Promise<void> | undefined => {
      if (closed) return undefined
      closed = true
      return this.clunk(fid)
    }
    if (qid.type & QTDIR) {
      const dir = directoryHandle(path)
      return { read: dir.read, write: dir.write, close }
    }
    const rpc = this.rpc
    /** The file's length as last seen (undefined: not asked yet), for reads spread over many messages. */
    let known = length
    const saw = (end: number): void => {
      if (known !== undefined && end > known) known = end
    }
    return {
      // a caller's buffer (`into`, as BlockReader lends) takes the data in place of a new array
      read: async (offset, count, signal, into) => {
        const unit = rpc.iounit
        if (count > unit) {
          known ??= await this.lengthOf(fid)
          const end = Math.min(offset + count, known)
          if (end - offset > unit) return this.readSpread(fid, offset, end - offset, signal, into)
        }
        const n = Math.min(count, unit)
        const r = await rpc.call({ kind: 'Tread', fid, offset: BigInt(offset), count: n }, signal, undefined, into !== undefined && into.length >= n ? into.subarray(0, n) : undefined)
        // a whole message at or past the length seen: the file has grown, so ask again next time
        if (known !== undefined && offset + r.data.length >= known && r.data.length === unit) known = undefined
        return r.data
      },
      write: async (offset, data, signal) => {
        if (mode & OAPPEND && !this.dotL) offset = (await this.stat(path)).length
        let done = 0
        while (done < data.length || data.length === 0) {
          const part = data.subarray(done, done + rpc.iounit)
          const r = await rpc.call({ kind: 'Twrite', fid, offset: BigInt(offset + done), data: part }, signal)
          if (r.count === 0 || data.length === 0) break
          done += r.count
        }
        saw(offset + done)
        return done
      },
      close,
    }
  }

  /** A file's length, or 0 if it cannot be had (a stream's is 0 too: its reads are never spread). */
  private async lengthOf(fid: number): Promise<number> {
    try {
      if (this.dotL) return toNumber((await this.rpc.call({ kind: 'Tgetattr', fid, mask: GETATTR_SIZE })).size)
      return toNumber((await this.rpc.call({ kind: 'Tstat', fid })).stat.length)
    } catch {
      return 0
    }
  }

  /**
   * A read larger than one message, within the file's known length: its Treads all sent at once
   * (many tags in flight), each asking for its data in its place in one buffer (the caller's, if
   * it lent one large enough); the data is read up to the first short answer.
   */
  private async readSpread(fid: number, offset: number, count: number, signal: AbortSignal | undefined, into: Uint8Array | undefined): Promise<Uint8Array> {
    const unit = this.rpc.iounit
    const out = into !== undefined && into.length >= count ? into.subarray(0, count) : new Uint8Array(count)
    const parts: Promise<MsgOf<'Rread'>>[] = []
    for (let at = 0; at < count; at += unit) {
      const n = Math.min(unit, count - at)
      parts.push(this.rpc.call({ kind: 'Tread', fid, offset: BigInt(offset + at), count: n }, signal, undefined, out.subarray(at, at + n)))
    }
    const replies = await Promise.all(parts)
    let size = 0
    for (let i = 0; i < replies.length; i++) {
      const data = replies[i]!.data
      // gathered in place unless the frame came whole in one chunk (or the server sent more than asked)
      if (data.buffer !== out.buffer || data.byteOffset !== out.byteOffset + size) out.set(data.subarray(0, Math.min(data.length, unit, count - size)), size)
      size += Math.min(data.length, unit, count - size)
      if (data.length < Math.min(unit, count - i * unit)) break
    }
    return size === count ? out : out.subarray(0, size)
  }

  async create(path: string, perm: number, mode: number): Promise<Handle> {
    const slash = path.lastIndexOf('/')
    const dirPath = slash === 0 ? '/' : path.slice(0, slash)
    const name = path.slice(slash + 1)
    const { fid } = await this.walkTo(dirPath)
    let handed = false
    try {
      if (this.dotL) {
        if (perm & DMDIR) {
          await this.rpc.call({ kind: 'Tmkdir', dfid: fid, name, mode: perm & PERM_MASK, gid: this.nuname })
          return directoryHandle(path)
        }
        const flags = (mode & 3) | 0o100 | (mode & OEXCL ? L_O_EXCL : 0) | (mode & OAPPEND ? L_O_APPEND : 0) | L_O_TRUNC
        const r = await this.rpc.call({ kind: 'Tlcreate', fid, name, flags, mode: perm & PERM_MASK, gid: this.nuname })
        handed = true
        return this.handle(fid, r.qid, path, mode)
      }
      try {
        const r = await this.rpc.call({ kind: 'Tcreate', fid, name, perm: perm >>> 0, mode: (mode & 0x7f) | (mode & OAPPEND ? P9_OAPPEND : 0) })
        handed = true
        if (r.qid.type & QTDIR) {
          await this.clunk(fid)
          return directoryHandle(path)
        }
        return this.handle(fid, r.qid, path, mode)
      } catch (e) {
        // Plan 9 servers refuse to create over an existing file; the Fileserver contract truncates it
        if (!(e instanceof NineError && e.code === 'EEXIST') || perm & DMDIR || mode & OEXCL) throw e
        return this.open(path, (mode & (3 | OAPPEND)) | OTRUNC)
      }
    } catch (e) {
      throw withPath(e, path)
    } finally {
      if (!handed) await this.clunk(fid)
    }
  }

  /** Tremove in both dialects: 9P2000.L servers without Tunlinkat (diod) have it, and it needs no parent fid. */
  async remove(path: string): Promise<void> {
    const { fid } = await this.walkTo(path)
    try {
      await this.rpc.call({ kind: 'Tremove', fid })
    } catch (e) {
      throw withPath(e, path)
    } finally {
      // remove clunks, whatever the outcome
      this.rpc.fids.give(fid)
    }
  }

  async wstat(path: string, changes: DirChanges): Promise<void> {
    if (!this.dotL) {
      await this.at(path, async (fid) => {
        const stat: Stat = {
          type: 0xffff,
          dev: 0xffffffff,
          qid: { type: 0xff, version: 0xffffffff, path: 0xffffffffffffffffn },
          mode: changes.mode === undefined ? 0xffffffff : changes.mode >>> 0,
          atime: changes.atime ?? 0xffffffff,
          mtime: changes.mtime ?? 0xffffffff,
          length: changes.length === undefined ? 0xffffffffffffffffn : BigInt(changes.length),
          name: changes.name ?? '',
          uid: changes.uid ?? '',
          gid: changes.gid ?? '',
          muid: '',
        }
        await this.rpc.call({ kind: 'Twstat', fid, stat })
      })
      return
    }
    let valid = 0
    if (changes.mode !== undefined) valid |= 0x1
    if (changes.uid !== undefined) valid |= 0x2
    if (changes.gid !== undefined) valid |= 0x4
    if (changes.length !== undefined) valid |= 0x8
    if (changes.atime !== undefined) valid |= 0x10 | 0x80
    if (changes.mtime !== undefined) valid |= 0x20 | 0x100
    if (valid !== 0) {
      await this.at(path, (fid) =>
        this.rpc.call({
          kind: 'Tsetattr',
          fid,
          valid,
          mode: (changes.mode ?? 0) & PERM_MASK,
          uid: changes.uid === undefined ? 0 : this.userId(changes.uid),
          gid: changes.gid === undefined ? 0 : this.userId(changes.gid),
          size: BigInt(changes.length ?? 0),
          atimeSec: BigInt(changes.atime ?? 0),
          atimeNsec: 0n,
          mtimeSec: BigInt(changes.mtime ?? 0),
          mtimeNsec: 0n,
        }),
      )
    }
    const name = changes.name
    if (name !== undefined && name !== path.slice(path.lastIndexOf('/') + 1)) {
      const slash = path.lastIndexOf('/')
      await this.at(slash === 0 ? '/' : path.slice(0, slash), async (dirfid) => {
        try {
          await this.rpc.call({ kind: 'Trenameat', olddirfid: dirfid, oldname: path.slice(slash + 1), newdirfid: dirfid, newname: name })
        } catch (e) {
          // servers without renameat (diod) have the older Trename, as Linux falls back to
          if (!(e instanceof NineError && e.code === 'ENOTIMPL')) throw e
          await this.at(path, (fid) => this.rpc.call({ kind: 'Trename', fid, dfid: dirfid, name }))
        }
      })
    }
  }
}
