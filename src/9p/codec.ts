/**
 * The 9P codec: every T and R message of 9P2000 (intro(5)) and 9P2000.L (Linux v9fs, diod), as
 * plain objects, to and from bytes. One table describes each message's fields in wire order;
 * encoding and decoding walk it, so a field is described once. Little-endian throughout.
 *
 * Decoding never throws: a short, oversized or inconsistent frame, a count that runs past its
 * message, a name that is not UTF-8 or an unknown type gives `{ error }`, with the tag when the
 * header could be read (so a server can answer Rerror / Rlerror on it).
 */

export type Dialect = '9P2000' | '9P2000.L'

export const NOTAG = 0xffff
export const NOFID = 0xffffffff
/** A walk names at most this many elements (intro(5)). */
export const MAXWELEM = 16
/** Bytes of a Tread/Rread/Twrite header beyond which data fits in msize (size, type, tag, fid, offset, count). */
export const IOHDRSZ = 24
/**
 * How ninefold's server says it runs each fid's requests in order, so a client may pipeline a
 * walk with what follows it. In 9P2000 a Tversion of this string: version(5) lets a server strip
 * a suffix after the period, so other servers answer `9P2000`; ninefold's answers it unchanged.
 */
export const ORDERED_VERSION = '9P2000.ordered'
/**
 * In 9P2000.L (whose version string admits no suffix) an extended attribute of the attach's root:
 * Linux has no xattr without a `user.`/`trusted.`/… prefix, so other servers answer an error.
 */
export const ORDERED_XATTR = 'ninefold.ordered'

export interface Qid {
  type: number
  version: number
  path: bigint
}

/** A stat(5) record. */
export interface Stat {
  type: number
  dev: number
  qid: Qid
  mode: number
  atime: number
  mtime: number
  length: bigint
  name: string
  uid: string
  gid: string
  muid: string
}

/**
 * Field kinds: fixed-width integers (u64 as bigint: 9P2000.L directory offsets are 64-bit
 * cookies), strings, qids, counted arrays, counted data, stat records; `lu32` is a field only
 * 9P2000.L carries (n_uname), `tail32` one a peer may leave off (Tfsync's datasync).
 */
type Kind = 'u8' | 'u16' | 'u32' | 'u64' | 's' | 'qid' | 'qids' | 'strs' | 'data' | 'stat' | 'lu32' | 'tail32'
type KindType<K extends Kind> = K extends 'u64' ? bigint : K extends 's' ? string : K extends 'qid' ? Qid : K extends 'qids' ? Qid[] : K extends 'strs' ? string[] : K extends 'data' ? Uint8Array : K extends 'stat' ? Stat : number

const u8 = 'u8'
const u16 = 'u16'
const u32 = 'u32'
const u64 = 'u64'
const s = 's'

const SCHEMA = {
  Tlerror: [6, []],
  Rlerror: [7, [['ecode', u32]]],
  Tstatfs: [8, [['fid', u32]]],
  Rstatfs: [9, [['fstype', u32], ['bsize', u32], ['blocks', u64], ['bfree', u64], ['bavail', u64], ['files', u64], ['ffree', u64], ['fsid', u64], ['namelen', u32]]],
  Tlopen: [12, [['fid', u32], ['flags', u32]]],
  Rlopen: [13, [['qid', 'qid'], ['iounit', u32]]],
  Tlcreate: [14, [['fid', u32], ['name', s], ['flags', u32], ['mode', u32], ['gid', u32]]],
  Rlcreate: [15, [['qid', 'qid'], ['iounit', u32]]],
  Tsymlink: [16, [['fid', u32], ['name', s], ['symtgt', s], ['gid', u32]]],
  Rsymlink: [17, [['qid', 'qid']]],
  Tmknod: [18, [['dfid', u32], ['name', s], ['mode', u32], ['major', u32], ['minor', u32], ['gid', u32]]],
  Rmknod: [19, [['qid', 'qid']]],
  Trename: [20, [['fid', u32], ['dfid', u32], ['name', s]]],
  Rrename: [21, []],
  Treadlink: [22, [['fid', u32]]],
  Rreadlink: [23, [['target', s]]],
  Tgetattr: [24, [['fid', u32], ['mask', u64]]],
  Rgetattr: [25, [['valid', u64], ['qid', 'qid'], ['mode', u32], ['uid', u32], ['gid', u32], ['nlink', u64], ['rdev', u64], ['size', u64], ['blksize', u64], ['blocks', u64], ['atimeSec', u64], ['atimeNsec', u64], ['mtimeSec', u64], ['mtimeNsec', u64], ['ctimeSec', u64], ['ctimeNsec', u64], ['btimeSec', u64], ['btimeNsec', u64], ['gen', u64], ['dataVersion', u64]]],
  Tsetattr: [26, [['fid', u32], ['valid', u32], ['mode', u32], ['uid', u32], ['gid', u32], ['size', u64], ['atimeSec', u64], ['atimeNsec', u64], ['mtimeSec', u64], ['mtimeNsec', u64]]],
  Rsetattr: [27, []],
  Txattrwalk: [30, [['fid', u32], ['newfid', u32], ['name', s]]],
  Rxattrwalk: [31, [['size', u64]]],
  Txattrcreate: [32, [['fid', u32], ['name', s], ['attrSize', u64], ['flags', u32]]],
  Rxattrcreate: [33, []],
  Treaddir: [40, [['fid', u32], ['offset', u64], ['count', u32]]],
  Rreaddir: [41, [['data', 'data']]],
  Tfsync: [50, [['fid', u32], ['datasync', 'tail32']]],
  Rfsync: [51, []],
  Tlock: [52, [['fid', u32], ['locktype', u8], ['flags', u32], ['start', u64], ['length', u64], ['procId', u32], ['clientId', s]]],
  Rlock: [53, [['status', u8]]],
  Tgetlock: [54, [['fid', u32], ['locktype', u8], ['start', u64], ['length', u64], ['procId', u32], ['clientId', s]]],
  Rgetlock: [55, [['locktype', u8], ['start', u64], ['length', u64], ['procId', u32], ['clientId', s]]],
  Tlink: [70, [['dfid', u32], ['fid', u32], ['name', s]]],
  Rlink: [71, []],
  Tmkdir: [72, [['dfid', u32], ['name', s], ['mode', u32], ['gid', u32]]],
  Rmkdir: [73, [['qid', 'qid']]],
  Trenameat: [74, [['olddirfid', u32], ['oldname', s], ['newdirfid', u32], ['newname', s]]],
  Rrenameat: [75, []],
  Tunlinkat: [76, [['dirfid', u32], ['name', s], ['flags', u32]]],
  Runlinkat: [77, []],
  Tversion: [100, [['msize', u32], ['version', s]]],
  Rversion: [101, [['msize', u32], ['version', s]]],
  Tauth: [102, [['afid', u32], ['uname', s], ['aname', s], ['nuname', 'lu32']]],
  Rauth: [103, [['aqid', 'qid']]],
  Tattach: [104, [['fid', u32], ['afid', u32], ['uname', s], ['aname', s], ['nuname', 'lu32']]],
  Rattach: [105, [['qid', 'qid']]],
  Terror: [106, []],
  Rerror: [107, [['ename', s]]],
  Tflush: [108, [['oldtag', u16]]],
  Rflush: [109, []],
  Twalk: [110, [['fid', u32], ['newfid', u32], ['wname', 'strs']]],
  Rwalk: [111, [['wqid', 'qids']]],
  Topen: [112, [['fid', u32], ['mode', u8]]],
  Ropen: [113, [['qid', 'qid'], ['iounit', u32]]],
  Tcreate: [114, [['fid', u32], ['name', s], ['perm', u32], ['mode', u8]]],
  Rcreate: [115, [['qid', 'qid'], ['iounit', u32]]],
  Tread: [116, [['fid', u32], ['offset', u64], ['count', u32]]],
  Rread: [117, [['data', 'data']]],
  Twrite: [118, [['fid', u32], ['offset', u64], ['data', 'data']]],
  Rwrite: [119, [['count', u32]]],
  Tclunk: [120, [['fid', u32]]],
  Rclunk: [121, []],
  Tremove: [122, [['fid', u32]]],
  Rremove: [123, []],
  Tstat: [124, [['fid', u32]]],
  Rstat: [125, [['stat', 'stat']]],
  Twstat: [126, [['fid', u32], ['stat', 'stat']]],
  Rwstat: [127, []],
} as const satisfies Record<string, readonly [number, readonly (readonly [string, Kind])[]]>

type Schema = typeof SCHEMA
export type MsgName = keyof Schema
type Fields<N extends MsgName> = { -readonly [F in Schema[N][1][number] as F[0]]: KindType<F[1]> }
/** One message of a kind: `{ kind: 'Tread', tag, fid, offset, count }`. */
export type MsgOf<N extends MsgName> = { kind: N; tag: number } & Fields<N>
export type Msg = { [N in MsgName]: MsgOf<N> }[MsgName]

const BY_TYPE: (MsgName | undefined)[] = []
/** Each type's message with every field present, in wire order (decode fills a copy). */
const TEMPLATES: Record<string, unknown>[] = []
/** Each type's field names and kinds, in wire order, as plain arrays (decode's loop reads them by index). */
const NAMES: string[][] = []
const KINDS: Kind[][] = []
for (const name of Object.keys(SCHEMA) as MsgName[]) {
  const [type, fields] = SCHEMA[name]
  BY_TYPE[type] = name
  NAMES[type] = fields.map(([field]) => field)
  KINDS[type] = fields.map(([, kind]) => kind)
  // made by JSON.parse, whose objects keep fast properties however many fields (keyed stores would not)
  TEMPLATES[type] = JSON.parse(JSON.stringify(Object.fromEntries([['kind', name], ['tag', 0], ...fields.map(([field]) => [field, 0])]))) as Record<string, unknown>
}

// ---------------------------------------------------------------------------------------------
// Encoding

const utf8 = new TextEncoder()
const EMPTY = new Uint8Array(0)

/** Bytes written one field after another into a buffer that grows as needed. */
export class Writer {
  buf: Uint8Array
  view: DataView
  pos = 0
  constructor(size: number) {
    this.buf = new Uint8Array(size)
    this.view = new DataView(this.buf.buffer)
  }
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n))
    grown.set(this.buf.subarray(0, this.pos))
    this.buf = grown
    this.view = new DataView(grown.buffer)
  }
  u8(v: number): void {
    this.room(1)
    this.buf[this.pos++] = v
  }
  u16(v: number): void {
    this.room(2)
    this.view.setUint16(this.pos, v, true)
    this.pos += 2
  }
  u32(v: number): void {
    this.room(4)
    this.view.setUint32(this.pos, v >>> 0, true)
    this.pos += 4
  }
  u64(v: bigint): void {
    this.room(8)
    // setBigUint64 takes the value modulo 2^64 itself
    this.view.setBigUint64(this.pos, v, true)
    this.pos += 8
  }
  bytes(b: Uint8Array): void {
    this.room(b.length)
    this.buf.set(b, this.pos)
    this.pos += b.length
  }
  str(v: string): void {
    this.room(2 + v.length * 3)
    const start = this.pos + 2
    let p = start
    // names are mostly ASCII: copied a character at a time, without a TextEncoder's new array
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i)
      if (c >= 0x80) {
        p = start + utf8.encodeInto(v, this.buf.subarray(start)).written
        break
      }
      this.buf[p++] = c
    }
    if (p - start > 0xffff) throw new RangeError('9P string longer than 65535 bytes')
    this.view.setUint16(this.pos, p - start, true)
    this.pos = p
  }
  qid(q: Qid): void {
    this.u8(q.type)
    this.u32(q.version)
    this.u64(q.path)
  }
  stat(st: Stat): void {
    const start = this.pos
    this.u16(0)
    this.u16(st.type)
    this.u32(st.dev)
    this.qid(st.qid)
    this.u32(st.mode)
    this.u32(st.atime)
    this.u32(st.mtime)
    this.u64(st.length)
    this.str(st.name)
    this.str(st.uid)
    this.str(st.gid)
    this.str(st.muid)
    this.view.setUint16(start, this.pos - start - 2, true)
  }
}

/**
 * A message as a frame. Throws RangeError only for a message the caller built wrongly (a
 * string over 65535 bytes, more than 65535 array elements): never for anything a peer sent.
 */
export function encode(msg: Msg, dialect: Dialect = '9P2000'): Uint8Array {
  const data = 'data' in msg ? msg.data : EMPTY
  // most messages are encoded in one scratch writer and copied out: one allocation a message
  const w = data.length <= SCRATCH_MAX ? scratch : new Writer(64 + data.length)
  w.pos = 0
  encodeInto(w, msg, dialect)
  return w === scratch ? w.buf.slice(0, w.pos) : w.buf.subarray(0, w.pos)
}

/** Messages with at most this much data are encoded in `scratch`. */
const SCRATCH_MAX = 8192
const scratch = new Writer(SCRATCH_MAX + 256)

/**
 * Appends a message's frame to `w`. Data (Rread, Twrite, Rreaddir: always the last field) of
 * `apartFrom` bytes or more is left out of `w` and returned: the frame's size counts it, and it
 * is to be sent right after the bytes written, uncopied. Throws RangeError as `encode` does,
 * leaving `w.pos` where it was.
 */
export function encodeInto(w: Writer, msg: Msg, dialect: Dialect, apartFrom = Infinity): Uint8Array | undefined {
  const [type, fields] = SCHEMA[msg.kind]
  const start = w.pos
  const m = msg as unknown as Record<string, unknown>
  let apart: Uint8Array | undefined
  try {
    w.u32(0)
    w.u8(type)
    w.u16(msg.tag)
    for (const [name, kind] of fields) {
      const v = m[name]
      if (kind === 'data' && (v as Uint8Array).length >= apartFrom) {
        apart = v as Uint8Array
        w.u32(apart.length)
      } else writeField(w, kind, v, dialect)
    }
  } catch (e) {
    w.pos = start
    throw e
  }
  w.view.setUint32(start, w.pos - start + (apart?.length ?? 0), true)
  return apart
}

function writeField(w: Writer, kind: Kind, v: unknown, dialect: Dialect): void {
  switch (kind) {
    case 'u8':
      return w.u8(v as number)
    case 'u16':
      return w.u16(v as number)
    case 'u32':
    case 'tail32':
      return w.u32(v as number)
    case 'lu32':
      if (dialect === '9P2000.L') w.u32(v as number)
      return
    case 'u64':
      return w.u64(v as bigint)
    case 's':
      return w.str(v as string)
    case 'qid':
      return w.qid(v as Qid)
    case 'qids':
    case 'strs': {
      const list = v as unknown[]
      if (list.length > 0xffff) throw new RangeError('9P array longer than 65535')
      w.u16(list.length)
      for (const e of list) kind === 'qids' ? w.qid(e as Qid) : w.str(e as string)
      return
    }
    case 'data': {
      const b = v as Uint8Array
      w.u32(b.length)
      return w.bytes(b)
    }
    case 'stat': {
      const at = w.pos
      w.u16(0)
      w.stat(v as Stat)
      w.view.setUint16(at, w.pos - at - 2, true)
    }
  }
}

/** A stat record alone, as directory reads pack them one after another. */
export function packStat(st: Stat): Uint8Array {
  const w = new Writer(64 + st.name.length * 3)
  w.stat(st)
  return w.buf.subarray(0, w.pos)
}

/** One 9P2000.L directory entry: qid[13] offset[8] type[1] name[s]. */
export function packDirent(qid: Qid, offset: bigint, type: number, name: string): Uint8Array {
  const w = new Writer(32 + name.length * 3)
  w.qid(qid)
  w.u64(offset)
  w.u8(type)
  w.str(name)
  return w.buf.subarray(0, w.pos)
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** Why a frame could not be decoded; `tag` when the header was readable. */
export interface DecodeError {
  error: string
  tag?: number
  type?: number
}

class Malformed extends Error {}

const utf8Strict = new TextDecoder('utf-8', { fatal: true })
/** Strings up to this many bytes are decoded by hand when ASCII. */
const SHORT_NAME = 32

class Reader {
  buf!: Uint8Array
  /** A view of all of `buf`'s ArrayBuffer, `buf` starting at `base` in it: frames cut from one chunk share it. */
  private view: DataView | undefined
  private base = 0
  pos = 0
  end = 0
  constructor(buf: Uint8Array, start: number, end: number) {
    this.reset(buf, start, end)
  }
  /** Reads `buf` from `start` to `end` now. */
  reset(buf: Uint8Array, start: number, end: number): this {
    if (this.view?.buffer !== buf.buffer) this.view = new DataView(buf.buffer)
    this.buf = buf
    this.base = buf.byteOffset
    this.pos = start
    this.end = end
    return this
  }
  need(n: number): void {
    if (this.pos + n > this.end) throw new Malformed('message too short')
  }
  u8(): number {
    this.need(1)
    return this.buf[this.pos++]!
  }
  u16(): number {
    this.need(2)
    const v = this.view!.getUint16(this.base + this.pos, true)
    this.pos += 2
    return v
  }
  u32(): number {
    this.need(4)
    const v = this.view!.getUint32(this.base + this.pos, true)
    this.pos += 4
    return v
  }
  u64(): bigint {
    this.need(8)
    const at = this.base + this.pos
    this.pos += 8
    // many are zero (a getattr's nanoseconds, generation, data version): 0n costs no allocation
    return this.view!.getUint32(at, true) === 0 && this.view!.getUint32(at + 4, true) === 0 ? 0n : this.view!.getBigUint64(at, true)
  }
  bytes(n: number): Uint8Array {
    this.need(n)
    const b = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return b
  }
  str(): string {
    const n = this.u16()
    const b = this.bytes(n)
    // short ASCII names (most) are read a character at a time, without the decoder's call
    if (n <= SHORT_NAME) {
      let out = ''
      for (let i = 0; i < n; i++) {
        const c = b[i]!
        if (c >= 0x80) return this.utf8(b)
        out += String.fromCharCode(c)
      }
      return out
    }
    return this.utf8(b)
  }
  private utf8(b: Uint8Array): string {
    try {
      return utf8Strict.decode(b)
    } catch {
      throw new Malformed('bad utf-8 in string')
    }
  }
  qid(): Qid {
    return { type: this.u8(), version: this.u32(), path: this.u64() }
  }
  stat(): Stat {
    const size = this.u16()
    this.need(size)
    const end = this.pos + size
    const inner = new Reader(this.buf, this.pos, end)
    const st: Stat = { type: inner.u16(), dev: inner.u32(), qid: inner.qid(), mode: inner.u32(), atime: inner.u32(), mtime: inner.u32(), length: inner.u64(), name: inner.str(), uid: inner.str(), gid: inner.str(), muid: inner.str() }
    // 9P2000.u adds fields after muid; a stat's size covers them, so they are skipped, not refused
    this.pos = end
    return st
  }
}

/** The Reader of `decode`, which never runs inside another decode. */
const frameReader = new Reader(EMPTY, 0, 0)

/**
 * One whole frame (as `Framer` delivers them) as a message. `frame` must span exactly
 * size[4] bytes.
 */
export function decode(frame: Uint8Array, dialect: Dialect = '9P2000'): Msg | DecodeError {
  if (frame.length < 7) return { error: 'message too short' }
  const r = frameReader.reset(frame, 0, frame.length)
  const size = r.u32()
  if (size !== frame.length) return { error: 'size mismatch' }
  const type = r.u8()
  const tag = r.u16()
  const name = BY_TYPE[type]
  if (name === undefined) return { error: `unknown message type ${type}`, tag, type }
  // a copy of the type's template has all its fields already: filling them changes no object shape
  const out = { ...TEMPLATES[type] } as Record<string, unknown>
  out.tag = tag
  try {
    const names = NAMES[type]!
    const kinds = KINDS[type]!
    for (let i = 0; i < names.length; i++) out[names[i]!] = readField(r, kinds[i]!, dialect)
    if (r.pos !== r.end) return { error: 'message too long', tag, type }
  } catch (e) {
    if (e instanceof Malformed) return { error: e.message, tag, type }
    throw e
  }
  return out as Msg
}

function readField(r: Reader, kind: Kind, dialect: Dialect): unknown {
  switch (kind) {
    case 'u8':
      return r.u8()
    case 'u16':
      return r.u16()
    case 'u32':
      return r.u32()
    case 'lu32':
      return dialect === '9P2000.L' ? r.u32() : NOFID
    case 'tail32':
      return r.pos === r.end ? 0 : r.u32()
    case 'u64':
      return r.u64()
    case 's':
      return r.str()
    case 'qid':
      return r.qid()
    case 'qids':
    case 'strs': {
      const n = r.u16()
      // each element takes at least 2 (string) or 13 (qid) bytes: a count beyond what remains is a lie
      if (n * (kind === 'qids' ? 13 : 2) > r.end - r.pos) throw new Malformed('bad count')
      const list = new Array(n)
      for (let i = 0; i < n; i++) list[i] = kind === 'qids' ? r.qid() : r.str()
      return list
    }
    case 'data':
      return r.bytes(r.u32())
    case 'stat': {
      const n = r.u16()
      r.need(n)
      const end = r.pos + n
      const inner = new Reader(r.buf, r.pos, end)
      const st = inner.stat()
      if (inner.pos !== end) throw new Malformed('bad stat size')
      r.pos = end
      return st
    }
  }
}

/** What a stat needs of an Rgetattr, as numbers: its u64s cut to their low 53 bits. */
export interface Attrs {
  qidType: number
  qidVersion: number
  qidPath: number
  mode: number
  uid: number
  gid: number
  size: number
  atime: number
  mtime: number
}

/** Where each Rgetattr field starts in its frame (it has a fixed size), from SCHEMA. */
const GETATTR_AT: Record<string, number> = {}
let getattrSize = 7
for (const [field, kind] of SCHEMA.Rgetattr[1]) {
  GETATTR_AT[field] = getattrSize
  getattrSize += kind === 'qid' ? 13 : kind === 'u64' ? 8 : 4
}
const GETATTR_SIZE = getattrSize
const [AT_QID, AT_MODE, AT_UID, AT_GID, AT_SIZE, AT_ATIME, AT_MTIME] = ['qid', 'mode', 'uid', 'gid', 'size', 'atimeSec', 'mtimeSec'].map((f) => GETATTR_AT[f]!)
/** Rgetattr's type byte. */
const RGETATTR = SCHEMA.Rgetattr[0]

/**
 * An Rgetattr frame read by offset into numbers, or undefined if it is not one (`decode` then
 * says why): a client's stat is mostly this message, and decoding it field by field made a
 * bigint of each of its fifteen u64s.
 */
export function decodeAttrs(frame: Uint8Array): Attrs | undefined {
  if (frame.length !== GETATTR_SIZE || frame[4] !== RGETATTR) return undefined
  // frames cut from one chunk share its buffer, and so one view
  if (attrsView.buffer !== frame.buffer) attrsView = new DataView(frame.buffer)
  const v = attrsView
  const at = frame.byteOffset
  return {
    qidType: frame[AT_QID]!,
    qidVersion: v.getUint32(at + AT_QID + 1, true),
    qidPath: u53(v, at + AT_QID + 5),
    mode: v.getUint32(at + AT_MODE, true),
    uid: v.getUint32(at + AT_UID, true),
    gid: v.getUint32(at + AT_GID, true),
    size: u53(v, at + AT_SIZE),
    atime: u53(v, at + AT_ATIME),
    mtime: u53(v, at + AT_MTIME),
  }
}

let attrsView: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0))

/** The low 53 bits of the u64 at `at`, as a number. */
function u53(v: DataView, at: number): number {
  return v.getUint32(at, true) + (v.getUint32(at + 4, true) & 0x1fffff) * 0x100000000
}

/** The stat records of a 9P2000 directory read, in order. Undefined if the bytes are not whole records. */
export function unpackStats(data: Uint8Array): Stat[] | undefined {
  const r = new Reader(data, 0, data.length)
  const out: Stat[] = []
  try {
    while (r.pos < r.end) out.push(r.stat())
  } catch (e) {
    if (e instanceof Malformed) return undefined
    throw e
  }
  return out
}

export interface Dirent {
  qid: Qid
  offset: bigint
  type: number
  name: string
}

/** The entries of an Rreaddir. Undefined if the bytes are not whole entries. */
export function unpackDirents(data: Uint8Array): Dirent[] | undefined {
  const r = new Reader(data, 0, data.length)
  const out: Dirent[] = []
  try {
    while (r.pos < r.end) out.push({ qid: r.qid(), offset: r.u64(), type: r.u8(), name: r.str() })
  } catch (e) {
    if (e instanceof Malformed) return undefined
    throw e
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Framing

/**
 * Cuts a byte stream into frames. `push` takes chunks as they arrive and returns the whole frames
 * they complete; a size field under 7 or over `maxSize` makes the stream unusable (`push` returns
 * an error and the connection should close: nothing after it can be trusted). A frame inside one
 * chunk is a view of it, not a copy, unless the chunk is lent (the transport's, for the call
 * only): then the whole frames of the chunk are copied out together. A frame spread over chunks
 * is gathered into one buffer of its exact size.
 *
 * A receiver may also take the data of an Rread spread over chunks straight where it wants it
 * (`divert`): then that frame is not among those returned, and `diverted` gets its data instead,
 * in the stream's order. While a frame or such data is being gathered, `wanted` says where the
 * next bytes go, so that a transport able to read into given memory puts them there at once; a
 * chunk that is a view of that place is not copied again.
 */
export class Framer {
  /** The frame being gathered, and how much of it has arrived. */
  private partial: Uint8Array | undefined
  private filled = 0
  /** The first bytes of a size field cut by the end of a chunk. */
  private carry: Uint8Array = EMPTY
  /** The Rread whose data is being gathered where `divert` said. */
  private sink: { tag: number; into: Uint8Array; filled: number } | undefined
  constructor(
    public maxSize: number,
    private readonly divert?: { to(tag: number, count: number): Uint8Array | undefined; diverted(tag: number, data: Uint8Array): void },
  ) {}

  /** Where the stream's next bytes belong, if a frame (or diverted data) is being gathered: the rest of its buffer. */
  wanted(): Uint8Array | undefined {
    if (this.sink !== undefined) return this.sink.into.subarray(this.sink.filled)
    if (this.partial !== undefined) return this.partial.subarray(this.filled)
    return undefined
  }

  push(chunk: Uint8Array, lent = false): Uint8Array[] | { error: string } {
    const frames: Uint8Array[] = []
    let buf = chunk
    let pos = 0
    const sink = this.sink
    if (sink !== undefined) {
      pos = Math.min(sink.into.length - sink.filled, buf.length)
      if (!inPlace(buf, sink.into, sink.filled)) sink.into.set(pos === buf.length ? buf : buf.subarray(0, pos), sink.filled)
      sink.filled += pos
      if (sink.filled < sink.into.length) return frames
      this.sink = undefined
      this.divert!.diverted(sink.tag, sink.into)
    } else if (this.partial !== undefined) {
      pos = Math.min(this.partial.length - this.filled, buf.length)
      if (!inPlace(buf, this.partial, this.filled)) this.partial.set(pos === buf.length ? buf : buf.subarray(0, pos), this.filled)
      this.filled += pos
      if (this.filled < this.partial.length) return frames
      frames.push(this.partial)
      this.partial = undefined
    } else if (this.carry.length > 0) {
      buf = new Uint8Array(this.carry.length + chunk.length)
      buf.set(this.carry)
      buf.set(chunk, this.carry.length)
      this.carry = EMPTY
      lent = false
    }
    // the whole frames from pos to end
    let end = pos
    while (buf.length - end >= 4) {
      const size = frameSize(buf, end)
      if (size < 7 || size > this.maxSize) return { error: `bad frame size ${size}` }
      if (buf.length - end < size) break
      end += size
    }
    if (end > pos) {
      const whole = lent ? buf.slice(pos, end) : buf
      for (let at = lent ? 0 : pos, stop = at + end - pos; at < stop; ) {
        const size = frameSize(whole, at)
        frames.push(whole.subarray(at, at + size))
        at += size
      }
      pos = end
    }
    if (buf.length - pos >= 4) {
      // a frame begun, its size checked above, the rest to come
      const size = frameSize(buf, pos)
      if (this.startSink(buf, pos, size)) return frames
      this.partial = new Uint8Array(size)
      this.partial.set(buf.subarray(pos))
      this.filled = buf.length - pos
      return frames
    }
    if (pos < buf.length) this.carry = buf.slice(pos)
    return frames
  }

  /** Whether the frame of `size` at `pos` of `buf`, not all there, is an Rread whose data now goes where `divert` says. */
  private startSink(buf: Uint8Array, pos: number, size: number): boolean {
    if (this.divert === undefined || buf.length - pos < RREAD_HEAD || buf[pos + 4] !== RREAD) return false
    const count = (buf[pos + 7]! | (buf[pos + 8]! << 8) | (buf[pos + 9]! << 16) | (buf[pos + 10]! << 24)) >>> 0
    // a count that disagrees with the size is the decoder's to refuse
    if (count !== size - RREAD_HEAD) return false
    const tag = buf[pos + 5]! | (buf[pos + 6]! << 8)
    const into = this.divert.to(tag, count)
    if (into === undefined || into.length < count) return false
    const sink = { tag, into: into.length === count ? into : into.subarray(0, count), filled: buf.length - pos - RREAD_HEAD }
    sink.into.set(buf.subarray(pos + RREAD_HEAD))
    this.sink = sink
    return true
  }
}

/** The size field of the frame at `pos` of `buf`. */
const frameSize = (buf: Uint8Array, pos: number): number => (buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24)) >>> 0

/** Whether `chunk` was read straight into `into` at `at` (where `Framer.wanted` pointed). */
const inPlace = (chunk: Uint8Array, into: Uint8Array, at: number): boolean => chunk.buffer === into.buffer && chunk.byteOffset === into.byteOffset + at

/** Rread's type, and its header: size[4] type[1] tag[2] count[4]. */
const RREAD = SCHEMA.Rread[0]
const RREAD_HEAD = 11
