/**
 * Per-process namespaces: a mount table from mount points to ordered member lists, and path
 * resolution through it, with Plan 9's bind and mount semantics (bind(2)).
 *
 * A mount point is keyed like Plan 9's (chan.c findmount): by the identity of the file it covers
 * (fileserver + qid path), not by the name used to reach it, so `bind /a /b` also shows what is
 * mounted under /a, and a mount point stays on its file when a directory above it is renamed
 * (here or behind our back, as host directories and 9P servers do). A walk asks a file's identity
 * (a stat) only in a fileserver that has mount points, and only where the file's name is one a
 * mount point there covered when it was made (a covered file renamed itself loses its mounts).
 * That stat is made with the walker's credentials, so a directory it may not search hides what
 * is mounted below it. Paths are
 * cleaned lexically first, so `..` never reaches a fileserver and never climbs out of a bound root.
 *
 * Tables are copy-on-write: `copy()` shares the table until one side changes it.
 *
 * Propagation (Linux's shared subtrees, one level): the system namespace is a propagation source.
 * Every copy of it, and every copy of such a copy, receives the mounts and unmounts made in it
 * later, except at mount points the copy has changed itself. Nothing flows the other way, or
 * between copies: a user's binds stay in the namespace the user changed.
 */
import { NineError } from './errors.ts'
import { readonly } from './readonly.ts'
import { joinName } from './path.ts'
import { DMDIR, fileChanges, OAPPEND, OEXCL, OTRUNC, type BindFlags, type Cred, type Dir, type Fileserver, type Handle, type Listing } from './types.ts'

/** A file in a fileserver: what a name resolves to. */
export interface Chan {
  readonly fs: Fileserver
  readonly path: string
}

/** Where a member came from, for `ns` and /proc/<pid>/ns. */
export type MemberSource =
  | { readonly type: 'bind'; readonly path: string }
  | { readonly type: 'mount'; readonly srv: string; readonly spec?: string }

export interface Member {
  /** What walks enter: the bound file, or a read-only view of it. */
  readonly chan: Chan
  /** The bound file itself (unmount matches on it). */
  readonly origin: Chan
  readonly readonly: boolean
  /** How it was added: replace (also the implicit original of a union), before or after. */
  readonly order: 'replace' | 'before' | 'after'
  readonly create: boolean
  readonly source: MemberSource
  /** Order of creation across the table, so ns prints mounts in the order they were made. */
  readonly seq: number
}

export interface MountPoint {
  /** The file covered, as it was named when the first bind was made (its fileserver is the key). */
  readonly chan: Chan
  /** The qid path of the covered file: the key within its fileserver. */
  readonly qid: number
  /** The namespace path the first bind named (renames made through this namespace follow it), for printing. */
  name: string
  members: Member[]
}

/**
 * One fileserver's mount points by the qid path of the file each covers, and how many cover a
 * file of each name: a walk asks a file's identity only where its name is one of them, so a
 * walk that meets no mount point costs no stat.
 */
class Points {
  // a plain Map held, not extended: a subclass's `get` is not inlined, and a listing asks it for every entry
  private readonly byQid = new Map<number, MountPoint>()
  private readonly names = new Map<string, number>()
  /** The mount point on the fileserver's root, which no rename can move: found without a stat. */
  atRoot: MountPoint | undefined = undefined
  /**
   * The lowest and highest qid path covered: a listing passes over the entries outside at the cost
   * of two comparisons (the files made after boot, for a tree made after boot) instead of a lookup.
   * Read by listNow, which compares in its own loop (no call an entry); changed only here.
   */
  low = Infinity
  high = -Infinity

  get size(): number {
    return this.byQid.size
  }

  get(qid: number): MountPoint | undefined {
    return this.byQid.get(qid)
  }

  values(): IterableIterator<MountPoint> {
    return this.byQid.values()
  }

  [Symbol.iterator](): IterableIterator<[number, MountPoint]> {
    return this.byQid.entries()
  }

  set(qid: number, mp: MountPoint): this {
    const old = this.byQid.get(qid)
    if (old !== undefined) this.count(old, -1)
    this.count(mp, 1)
    this.byQid.set(qid, mp)
    this.low = Math.min(this.low, qid)
    this.high = Math.max(this.high, qid)
    return this
  }

  delete(qid: number): boolean {
    const old = this.byQid.get(qid)
    if (old !== undefined) this.count(old, -1)
    const deleted = this.byQid.delete(qid)
    this.low = Infinity
    this.high = -Infinity
    for (const q of this.byQid.keys()) {
      this.low = Math.min(this.low, q)
      this.high = Math.max(this.high, q)
    }
    return deleted
  }

  /** Whether a mount point may cover a file named `name` (a path's last element). */
  mayCover(name: string): boolean {
    return this.names.has(name)
  }

  private count(mp: MountPoint, by: number): void {
    if (mp.chan.path === '/') this.atRoot = by > 0 ? mp : undefined
    const name = mp.chan.path.slice(mp.chan.path.lastIndexOf('/') + 1)
    const n = (this.names.get(name) ?? 0) + by
    if (n > 0) this.names.set(name, n)
    else this.names.delete(name)
  }
}

type Table = Map<Fileserver, Points>

interface Shared {
  table: Table
  /** How many Namespace objects share this table; > 1 means copy before writing. */
  refs: number
  /** What statChanNow found through this table, by path (dropped when the table changes in place). */
  found?: Map<string, Found>
}

/**
 * A file statChanNow found by a walk that met only fileservers counting their changes, and for
 * whom: true again while no such fileserver has changed, for a caller with the same user and
 * groups (a walk checks search permission on the way).
 */
interface Found {
  readonly dir: Dir
  readonly chan: Chan
  readonly uid: string
  readonly groups: readonly string[]
  readonly changes: number
}

/** At most this many paths are remembered by a table's statChanNow (a program's lookups). */
const FOUND_PATHS = 256

let seqCounter = 0

/** The result of resolving a name: the file, and the mount point when the name ends on one. */
export interface Resolved {
  chan: Chan
  mount: MountPoint | undefined
}

/**
 * A resolution in progress: the file reached so far (`file` in `fs`), the mount point on it,
 * where the next element starts, and the stat fetched for the element just walked (to learn its
 * identity, or by a union probe).
 */
class Walk {
  fs!: Fileserver
  /** `file`, once joined (a walk that ends with a stat of its last element never joins it). */
  private joined: string | undefined
  /**
   * `file` as its directory and last element, where the last step was one element: a stat asks
   * the fileserver for the name in the directory (`statIn`) without taking the joined path apart.
   */
  parent: string | undefined = undefined
  name = ''
  mount: MountPoint | undefined = undefined
  next = 0
  dir: Dir | undefined = undefined
  /** The identity of `file` needs a stat that waits (its fileserver has no statNow). */
  pending = false
  /** Every fileserver the walk has stepped into counts its changes (Fileserver.countsChanges). */
  counted = true
  path!: string
  followLast!: boolean
  private cred!: Cred

  constructor(root: Chan, path: string, followLast: boolean, table: Table | undefined, cred: Cred) {
    this.start(root, path, followLast, table, cred)
  }

  /** Sets the walk at `root`, before the first element of `path` (also to use a walk again). */
  start(root: Chan, path: string, followLast: boolean, table: Table | undefined, cred: Cred): this {
    this.path = path
    this.followLast = followLast
    this.cred = cred
    this.fs = root.fs
    this.joined = root.path
    this.parent = undefined
    this.name = root.path === '/' ? '' : root.path.slice(root.path.lastIndexOf('/') + 1)
    this.mount = undefined
    this.dir = undefined
    this.pending = false
    this.counted = true
    // "/" has no elements: the walk is over before it starts.
    const empty = path === '/'
    this.next = empty ? 2 : 1
    if (table !== undefined && (!empty || followLast)) this.identify(table.get(root.fs))
    return this
  }

  /**
   * A walk of one element, `name`, from a directory a walk ended on: the step a walk of the whole
   * path would take last. Where it starts is not asked for a mount point again: that walk had
   * already entered the one there (and does not enter one on what is mounted).
   */
  static from(dir: Chan, name: string, cred: Cred): Walk {
    return new Walk(dir, '/' + name, true, undefined, cred)
  }

  /**
   * Steps to `name` in the directory `dir` of `fs`, the element ending at `end` (or, where `name`
   * has several elements, the rest of the path), onto the mount point there (not at the last
   * element unless followLast); `points` are the mount points on `fs`. `single`: `name` is one
   * element (the caller knows, having found where it ends).
   */
  at(fs: Fileserver, dir: string, name: string, end: number, points: Points | undefined, single = true): void {
    this.fs = fs
    if (fs.countsChanges !== true) this.counted = false
    this.joined = single ? undefined : joinName(dir, name)
    this.parent = single ? dir : undefined
    this.name = single ? name : name.slice(name.lastIndexOf('/') + 1)
    this.next = end + 1
    this.dir = undefined
    this.mount = undefined
    if (end !== this.path.length || this.followLast) this.identify(points)
  }

  get file(): string {
    return (this.joined ??= joinName(this.parent!, this.name))
  }

  /** The mount point on the file reached, found by its identity (`points`: those on its fileserver); none where the walker cannot see the file. */
  private identify(points: Points | undefined): void {
    if (points === undefined || !points.mayCover(this.name)) return
    // a step never reaches "/": only a walk that has taken none is there
    if (this.parent === undefined && this.file === '/') {
      this.mount = points.atRoot
      return
    }
    if (this.fs.statNow === undefined) {
      this.pending = true
      return
    }
    const dir = this.statNow()
    this.dir = dir
    if (dir !== undefined) this.mount = points.get(dir.qid.path)
  }

  /** The stat of the file reached, at once (its fileserver has statNow). */
  statNow(): Dir | undefined {
    return this.parent !== undefined ? statIn(this.fs, this.parent, this.name, this.cred) : this.fs.statNow!(this.file, this.cred)
  }

  /** identify for a fileserver that answers only asynchronously. */
  async identifyLater(table: Table): Promise<void> {
    const dir = await this.fs.stat(this.file, this.cred).catch(() => undefined)
    this.pending = false
    this.dir = dir
    if (dir !== undefined) this.mount = table.get(this.fs)?.get(dir.qid.path)
  }

  result(): Resolved {
    const m = this.mount
    return m !== undefined ? { chan: m.members[0]!.chan, mount: m } : { chan: { fs: this.fs, path: this.file }, mount: undefined }
  }
}

/** Mount points by fileserver and qid path: which ones a copy changed itself. */
type Keys = Map<Fileserver, Set<number>>

export class Namespace {
  private shared: Shared
  /** The propagation source this namespace receives mounts from (the system namespace). */
  private master: Namespace | undefined
  /** Mount points this namespace changed itself: the source's later changes there do not reach it. */
  private own: Keys | undefined
  /**
   * Set on a propagation source: the copies that receive its changes (held weakly, so ended ones
   * go). A copy still sharing the source's table is not among them: it sees the source's changes
   * in the table itself, and joins when it gets a table of its own.
   */
  private receivers: Set<WeakRef<Namespace>> | undefined
  private pruneAt = 64
  /** Among its master's receivers. */
  private receiving = false
  /**
   * A walk statNow uses again: a stat then allocates none (it is synchronous, so one is enough).
   * Here rather than module-wide, so that what it last walked through goes with the namespace.
   */
  private spareWalk: Walk | undefined = undefined

  constructor(readonly root: Chan, shared?: Shared) {
    this.shared = shared ?? { table: new Map(), refs: 1 }
  }

  /** Makes this namespace a propagation source: its later changes reach every copy made from it. */
  propagate(): void {
    if (this.receivers !== undefined) return
    // its table is changed in place from now on: earlier copies sharing it must not see that
    this.writable()
    this.receivers = new Set()
  }

  /**
   * A private copy (RFNAMEG): the copy's changes are not seen here, and this namespace's are not
   * seen there, except what the propagation source this one receives from (or is) does later.
   */
  copy(): Namespace {
    this.shared.refs++
    const c = new Namespace(this.root, this.shared)
    const source = this.receivers !== undefined ? this : this.master
    if (source !== undefined) {
      c.master = source
      if (this.own !== undefined && source !== this) c.own = new Map([...this.own].map(([fs, paths]) => [fs, new Set<number>(paths)]))
      if (c.shared !== source.shared) source.addReceiver(c)
    }
    return c
  }

  private addReceiver(ns: Namespace): void {
    ns.receiving = true
    const receivers = this.receivers!
    receivers.add(new WeakRef(ns))
    if (receivers.size < this.pruneAt) return
    for (const r of receivers) if (r.deref() === undefined) receivers.delete(r)
    this.pruneAt = Math.max(64, receivers.size * 2)
  }

  /** After a change at (fs, qid): remembered as this namespace's own, or passed on to the copies. */
  private changed(fs: Fileserver, qid: number): void {
    if (this.master !== undefined) {
      const own = (this.own ??= new Map())
      let qids = own.get(fs)
      if (qids === undefined) own.set(fs, (qids = new Set<number>()))
      qids.add(qid)
    }
    if (this.receivers === undefined) return
    const mp = this.shared.table.get(fs)?.get(qid)
    for (const r of this.receivers) {
      const ns = r.deref()
      if (ns === undefined) this.receivers.delete(r)
      else if (!ns.own?.get(fs)?.has(qid)) ns.receive(fs, qid, mp)
    }
  }

  /** The source's mount point at (fs, qid) as it now is (undefined: gone). */
  private receive(fs: Fileserver, qid: number, mp: MountPoint | undefined): void {
    const table = this.writable()
    let points = table.get(fs)
    if (mp !== undefined) {
      if (points === undefined) table.set(fs, (points = new Points()))
      points.set(qid, { ...mp, members: mp.members.slice() })
    } else if (points !== undefined) {
      points.delete(qid)
      if (points.size === 0) table.delete(fs)
    }
  }

  private writable(): Table {
    const s = this.shared
    // A propagation source changes its table in place: what shares it is copies that changed nothing, which receive every change.
    if (s.refs === 1 || this.receivers !== undefined) {
      s.found = undefined
      return s.table
    }
    s.refs--
    const table: Table = new Map()
    for (const [fs, points] of s.table) {
      const copy = new Points()
      for (const [qid, mp] of points) copy.set(qid, { ...mp, members: mp.members.slice() })
      table.set(fs, copy)
    }
    this.shared = { table, refs: 1 }
    if (this.master !== undefined && !this.receiving) this.master.addReceiver(this)
    return table
  }

  /** The mount point on the file of `fs` whose qid path is `qid`. */
  lookup(fs: Fileserver, qid: number): MountPoint | undefined {
    return this.shared.table.get(fs)?.get(qid)
  }

  /** The mount point on `chan`'s file, if any (its identity is asked of its fileserver). */
  private async pointOn(chan: Chan, cred: Cred): Promise<MountPoint | undefined> {
    if (!this.shared.table.has(chan.fs)) return undefined
    const dir = await chan.fs.stat(chan.path, cred).catch(() => undefined)
    return dir === undefined ? undefined : this.lookup(chan.fs, dir.qid.path)
  }

  /**
   * After `from` was renamed to `to` through this namespace: mount points named under it print
   * under the new name (they stay on their files whatever the name).
   */
  renamed(from: string, to: string): void {
    for (const points of this.shared.table.values())
      for (const mp of points.values()) if (mp.name === from || mp.name.startsWith(from + '/')) mp.name = to + mp.name.slice(from.length)
  }

  /**
   * Resolves a clean absolute path. With `followLast` false, a mount point at the last element
   * is not entered (bind's `old`, remove, unmount). The walk waits only at a union with a member
   * that cannot answer at once (no `statNow`); otherwise it is synchronous.
   */
  async resolve(path: string, cred: Cred, followLast = true): Promise<Resolved> {
    const table = this.shared.table
    const w = new Walk(this.root, path, followLast, table, cred)
    while (!this.advance(w, cred)) await (w.pending ? w.identifyLater(table) : this.unionLater(w, cred))
    return w.result()
  }

  /** resolve at once, or undefined where the walk would have to wait (then use resolve). */
  resolveNow(path: string, cred: Cred, followLast = true): Resolved | undefined {
    const w = new Walk(this.root, path, followLast, this.shared.table, cred)
    return this.advance(w, cred) ? w.result() : undefined
  }

  /**
   * Walks on without waiting: to the end of the path (true), or up to a union element where a
   * member answers only asynchronously (false: `w` stays before that element).
   */
  private advance(w: Walk, cred: Cred): boolean {
    const path = w.path
    const n = path.length
    const table = this.shared.table
    while (w.next <= n) {
      if (w.pending) return false
      const start = w.next
      const end = elementEnd(path, start)
      const mount = w.mount
      if (mount !== undefined && mount.members.length > 1) {
        if (!unionNow(mount.members, path.slice(start, end), end, cred, w, table)) return false
        continue
      }
      const base = mount !== undefined ? mount.members[0]!.chan : undefined
      const fs = base !== undefined ? base.fs : w.fs
      const dir = base !== undefined ? base.path : w.file
      const points = table.get(fs)
      // No mount points on this fileserver: the rest of the path stays inside it.
      if (points === undefined) {
        w.at(fs, dir, path.slice(start), n, undefined, end === n)
        return !w.pending
      }
      w.at(fs, dir, path.slice(start, end), end, points)
    }
    return !w.pending
  }

  /** The union element `advance` stopped at, probing member by member and waiting where one must. */
  private async unionLater(w: Walk, cred: Cred): Promise<void> {
    const end = elementEnd(w.path, w.next)
    const name = w.path.slice(w.next, end)
    const members = w.mount!.members
    let found = members[0]!.chan
    for (const m of members) {
      if ((await probe(m.chan.fs, joinName(m.chan.path, name), cred)) !== undefined) {
        found = m.chan
        break
      }
    }
    w.at(found.fs, found.path, name, end, this.shared.table.get(found.fs))
  }

  /**
   * stat at once, when every fileserver the walk meets answers at once (`statNow`): no promise.
   * Undefined when something would have to wait, or the file cannot be reached; `statWaiting`
   * then gives the stat or the reason.
   */
  statNow(path: string, cred: Cred): Dir | undefined {
    // the spare walk, unless a fileserver's statNow has come back here while it is in use
    const w = this.spareWalk?.start(this.root, path, true, this.shared.table, cred) ?? new Walk(this.root, path, true, this.shared.table, cred)
    this.spareWalk = undefined
    try {
      return this.advance(w, cred) ? statAtEnd(w, path, cred) : undefined
    } finally {
      this.spareWalk = w
    }
  }

  /**
   * statNow and the file it stats, from one walk (a program's lookup wants both). A program is
   * looked up again at every run, so what a walk found is kept with the table (`Found`) and
   * answers while nothing it depends on has changed.
   */
  statChanNow(path: string, cred: Cred): { readonly dir: Dir; readonly chan: Chan } | undefined {
    const shared = this.shared
    const known = shared.found?.get(path)
    if (known !== undefined && known.changes === fileChanges.count && known.groups === cred.groups && known.uid === cred.uid) return known
    const w = new Walk(this.root, path, true, shared.table, cred)
    const dir = this.advance(w, cred) ? statAtEnd(w, path, cred) : undefined
    if (dir === undefined) return undefined
    const found: Found = { dir, chan: w.result().chan, uid: cred.uid, groups: cred.groups, changes: fileChanges.count }
    // (a walk that ends on a mount point, or at the root, stats a fileserver it did not step into: not kept)
    if (w.counted && w.mount === undefined && w.fs.countsChanges === true) {
      const kept = (shared.found ??= new Map())
      if (kept.size >= FOUND_PATHS) kept.clear()
      kept.set(path, found)
    }
    return found
  }

  /** stat through the namespace; the name is the last element of the path used. */
  async stat(path: string, cred: Cred): Promise<Dir> {
    return this.statNow(path, cred) ?? (await this.statWaiting(path, cred))
  }

  /** stat by the walk that may wait: what `stat` does when `statNow` has no answer, and the one that throws the reason. */
  async statWaiting(path: string, cred: Cred): Promise<Dir> {
    const { chan } = await this.resolve(path, cred)
    return named(await chan.fs.stat(chan.path, cred), path)
  }

  /** Reads a directory; a union's members are concatenated, duplicates kept, failing members skipped. */
  async readdir(path: string, cred: Cred): Promise<Dir[]> {
    return this.readdirNow(path, cred) ?? (await this.readdirWaiting(path, cred))
  }

  /**
   * readdir at once, when the walk and every listing answer at once (`readdirNow`, and `statNow`
   * for what is mounted on an entry): no promise. Undefined when something would have to wait or
   * fail (a union member that fails is skipped only by the walk that may wait, which knows why).
   */
  readdirNow(path: string, cred: Cred): Dir[] | undefined {
    const r = this.resolveNow(path, cred)
    return r === undefined ? undefined : this.entriesNow(r, cred)
  }

  /** readdirNow, with where the directory was found (ProcContext.listNow). */
  listNow(path: string, cred: Cred): Listing | undefined {
    const r = this.resolveNow(path, cred)
    return r === undefined ? undefined : this.listing(r, cred)
  }

  /** listNow of an entry of a directory listed before, walked to from there (ProcContext.listEntryNow). */
  listEntryNow(dir: Listing, name: string, cred: Cred): Listing | undefined {
    const from = dir.file
    if (from === undefined || from.ns !== this) return undefined
    const w = Walk.from(from, name, cred)
    return this.advance(w, cred) ? this.listing(w.result(), cred) : undefined
  }

  private listing(r: Resolved, cred: Cred): Listing | undefined {
    const entries = this.entriesNow(r, cred)
    if (entries === undefined) return undefined
    const union = r.mount !== undefined && r.mount.members.length > 1
    return { entries, file: union ? undefined : { ns: this, fs: r.chan.fs, path: r.chan.path } }
  }

  /** The entries of a resolved directory at once (a union's members concatenated), or undefined. */
  private entriesNow(r: Resolved, cred: Cred): Dir[] | undefined {
    const table = this.shared.table
    if (r.mount === undefined || r.mount.members.length === 1) return listNow(r.chan, table, cred)
    const all: Dir[] = []
    for (const m of r.mount.members) {
      const entries = listNow(m.chan, table, cred)
      if (entries === undefined) return undefined
      for (const e of entries) all.push(e)
    }
    return all
  }

  /**
   * The whole of the plain file at `path` at once, where the walk and its fileserver answer at
   * once (Fileserver.readNow); undefined otherwise (see ProcContext.readFileNow).
   */
  readNow(path: string, max: number, cred: Cred, into?: Uint8Array): Uint8Array | undefined {
    const chan = this.resolveNow(path, cred)?.chan
    return chan?.fs.readNow?.(chan.path, max, cred, into)
  }

  /** readdir by the walk that may wait: what `readdir` does when `readdirNow` has no answer, and the one that throws the reason. */
  private async readdirWaiting(path: string, cred: Cred): Promise<Dir[]> {
    const { chan, mount } = await this.resolve(path, cred)
    if (mount === undefined || mount.members.length === 1) return this.showMounts(chan, await chan.fs.readdir(chan.path, cred), cred)
    const all: Dir[] = []
    let lastError: unknown
    let anyOk = false
    for (const m of mount.members) {
      try {
        const entries = await this.showMounts(m.chan, await m.chan.fs.readdir(m.chan.path, cred), cred)
        for (const e of entries) all.push(e)
        anyOk = true
      } catch (e) {
        lastError = e
      }
    }
    if (!anyOk && lastError) throw lastError
    return all
  }

  /** Entries that are mount points report the stat of what is mounted there, under their own name. */
  private async showMounts(dir: Chan, entries: Dir[], cred: Cred): Promise<Dir[]> {
    const points = this.shared.table.get(dir.fs)
    if (points === undefined) return entries
    for (let i = 0; i < entries.length; i++) {
      const mp = points.get(entries[i]!.qid.path)
      if (mp === undefined) continue
      try {
        const top = mp.members[0]!.chan
        const st = await top.fs.stat(top.path, cred)
        entries[i] = { ...st, name: entries[i]!.name }
      } catch {
        // a hung-up server: keep the covered entry
      }
    }
    return entries
  }

  /** Opens a file through the namespace. */
  async open(path: string, mode: number, cred: Cred): Promise<Handle> {
    const { chan } = await this.resolve(path, cred)
    return chan.fs.open(chan.path, mode, cred)
  }

  /**
   * Opens `name` (one element, not `.` or `..`) in the directory open as `dir` (its file `at`,
   * reached by the clean path `dirPath`), from that file, as Plan 9 walks from a channel: no walk
   * from the root. A name that may be a mount point here, and any name in a union, is opened by
   * its path instead.
   */
  async openAt(dir: Handle, at: Chan, dirPath: string, union: boolean, name: string, mode: number, cred: Cred): Promise<{ handle: Handle; chan: Chan }> {
    if (union || this.shared.table.get(at.fs)?.mayCover(name)) {
      const { chan } = await this.resolve(joinName(dirPath, name), cred)
      return { handle: await chan.fs.open(chan.path, mode, cred), chan }
    }
    const chan = { fs: at.fs, path: joinName(at.path, name) }
    const handle = await (at.fs.openAt !== undefined ? at.fs.openAt(dir, chan.path, mode, cred) : at.fs.open(chan.path, mode, cred))
    return { handle, chan }
  }

  /**
   * The bytes of `name` in the directory open as `dir`, read whole at once where its fileserver
   * can (Fileserver.readAt, whose errors it throws); undefined where it cannot, and in a union or
   * at a name that may be a mount point (openAt goes by path there).
   */
  readAt(dir: Handle, at: Chan, union: boolean, name: string, max: number, cred: Cred, into?: Uint8Array): Uint8Array | undefined {
    if (union || at.fs.readAt === undefined || this.shared.table.get(at.fs)?.mayCover(name)) return undefined
    return at.fs.readAt(dir, joinName(at.path, name), max, cred, into)
  }

  /**
   * Creates `path`. In a union directory, as in Plan 9: an existing name is opened truncated;
   * otherwise the first member bound with create takes it; none: forbidden.
   */
  async create(path: string, perm: number, mode: number, cred: Cred): Promise<Handle> {
    if (path === '/') throw new NineError('EEXIST', path)
    const slash = path.lastIndexOf('/')
    const parent = slash === 0 ? '/' : path.slice(0, slash)
    const name = path.slice(slash + 1)
    const { chan, mount } = await this.resolve(parent, cred)
    if (mount === undefined) return chan.fs.create(joinName(chan.path, name), perm, mode, cred)
    for (const m of mount.members) {
      const child = joinName(m.chan.path, name)
      if ((await probe(m.chan.fs, child, cred)) !== undefined) {
        if (mode & OEXCL || perm & DMDIR) throw new NineError('EEXIST', path)
        // as a fileserver's create: a file there is truncated, except to append
        return m.chan.fs.open(child, (mode & (3 | OAPPEND)) | (mode & OAPPEND ? 0 : OTRUNC), cred)
      }
    }
    const target = mount.members.find((m) => m.create)
    if (target === undefined) throw new NineError('ENOCREATE', path)
    return target.chan.fs.create(joinName(target.chan.path, name), perm, mode, cred)
  }

  /**
   * A second name for a file (a hard link). The new name goes where create would put it (in a
   * union, the member bound with create); both names must be on the same fileserver.
   */
  async link(path: string, newPath: string, cred: Cred): Promise<void> {
    const { chan } = await this.resolve(path, cred)
    if (newPath === '/') throw new NineError('EEXIST', newPath)
    const slash = newPath.lastIndexOf('/')
    const name = newPath.slice(slash + 1)
    const { chan: dir, mount } = await this.resolve(slash === 0 ? '/' : newPath.slice(0, slash), cred)
    let into = dir
    if (mount !== undefined) {
      for (const m of mount.members) if ((await probe(m.chan.fs, joinName(m.chan.path, name), cred)) !== undefined) throw new NineError('EEXIST', newPath)
      const target = mount.members.find((m) => m.create)
      if (target === undefined) throw new NineError('ENOCREATE', newPath)
      into = target.chan
    }
    if (into.fs !== chan.fs) throw new NineError('EXDEV', newPath)
    if (chan.fs.link === undefined) throw new NineError('ENOTIMPL', newPath, `links on ${chan.fs.kind}`)
    await chan.fs.link(chan.path, joinName(into.path, name), cred)
  }

  async remove(path: string, cred: Cred): Promise<void> {
    const { chan } = await this.resolve(path, cred, false)
    if ((await this.pointOn(chan, cred)) !== undefined) throw new NineError('EISMOUNT', path)
    await chan.fs.remove(chan.path, cred)
  }

  /**
   * Binds `newPath` onto `old` (both clean and absolute). `new` is resolved through mounts (in
   * `from`, by default this namespace): if it is a union, its members are bound in its place
   * (captured now, as Plan 9 captures the channel).
   */
  async bind(newPath: string, old: string, flags: BindFlags, cred: Cred, from: Namespace = this): Promise<void> {
    const target = await from.resolve(newPath, cred)
    const newDir = await target.chan.fs.stat(target.chan.path, cred).catch((e) => {
      throw rename(e, newPath)
    })
    await this.attach(old, (newDir.mode & DMDIR) !== 0, bound(target, newPath, flags), flags, cred)
  }

  /** Mounts a fileserver's root onto `old`. */
  async mount(fs: Fileserver, old: string, flags: BindFlags, source: MemberSource, cred: Cred): Promise<void> {
    const root = await fs.stat('/', cred)
    await this.attach(old, (root.mode & DMDIR) !== 0, [member({ fs, path: '/' }, flags, source, orderOf(flags))], flags, cred)
  }

  /**
   * bind at once, where both walks and both stats answer at once (as at boot, in memory): true
   * when done. False where one would wait or fail, with nothing done: `bind` then does it, or
   * gives the reason.
   */
  bindNow(newPath: string, old: string, flags: BindFlags, cred: Cred): boolean {
    const target = this.resolveNow(newPath, cred)
    const newDir = target === undefined ? undefined : target.chan.fs.statNow?.(target.chan.path, cred)
    return newDir !== undefined && this.attachNow(old, (newDir.mode & DMDIR) !== 0, () => bound(target!, newPath, flags), flags, cred)
  }

  /** mount at once, as bindNow binds: true when done, false where `mount` must do it. */
  mountNow(fs: Fileserver, old: string, flags: BindFlags, source: MemberSource, cred: Cred): boolean {
    const root = fs.statNow?.('/', cred)
    return root !== undefined && this.attachNow(old, (root.mode & DMDIR) !== 0, () => [member({ fs, path: '/' }, flags, source, orderOf(flags))], flags, cred)
  }

  private attachNow(old: string, isDir: boolean, members: () => Member[], flags: BindFlags, cred: Cred): boolean {
    const at = this.resolveNow(old, cred, false)
    const oldDir = at === undefined ? undefined : at.chan.fs.statNow?.(at.chan.path, cred)
    if (oldDir === undefined || !attachable(oldDir, isDir, flags)) return false
    this.attachAt(at!, oldDir, old, members(), flags)
    return true
  }

  private async attach(old: string, isDir: boolean, members: Member[], flags: BindFlags, cred: Cred): Promise<void> {
    if (flags.before && flags.after) throw new NineError('EINVAL', old)
    const at = await this.resolve(old, cred, false)
    const oldDir = await at.chan.fs.stat(at.chan.path, cred).catch((e) => {
      throw rename(e, old)
    })
    if (((oldDir.mode & DMDIR) !== 0) !== isDir) throw new NineError('EINCONS', old)
    if (!isDir && (flags.before || flags.after)) throw new NineError('EINCONS', old)
    this.attachAt(at, oldDir, old, members, flags)
  }

  /** Puts `members` on the file `at` (whose stat is `oldDir`), once attach has checked they may go there. */
  private attachAt(at: Resolved, oldDir: Dir, old: string, members: Member[], flags: BindFlags): void {
    const table = this.writable()
    let points = table.get(at.chan.fs)
    if (points === undefined) table.set(at.chan.fs, (points = new Points()))
    const qid = oldDir.qid.path
    const existing = points.get(qid)
    if (existing === undefined) {
      const list: Member[] = []
      // A first union bind keeps the covered directory as a member, listed before the new one.
      if (flags.before || flags.after) {
        const original: Member = { chan: at.chan, origin: at.chan, readonly: false, order: 'replace', create: false, source: { type: 'bind', path: old }, seq: members[0]!.seq - 0.5 }
        list.push(original)
      }
      if (flags.before) list.unshift(...members)
      else list.push(...members)
      points.set(qid, { chan: at.chan, qid, name: old, members: list })
    } else if (flags.before) existing.members = [...members, ...existing.members]
    else if (flags.after) existing.members = [...existing.members, ...members]
    else existing.members = members
    this.changed(at.chan.fs, qid)
  }

  /**
   * `unmount old` removes the mount point; with `member` (a file, or a fileserver's root for a
   * mount) only the first member that is it.
   */
  async unmount(old: string, member: Chan | undefined, cred: Cred): Promise<void> {
    const at = await this.resolve(old, cred, false)
    // A path that does not exist is reported as such, not as an empty mount point.
    const dir = await at.chan.fs.stat(at.chan.path, cred).catch((e) => {
      throw rename(e, old)
    })
    const qid = dir.qid.path
    if (this.lookup(at.chan.fs, qid) === undefined) throw new NineError('ENOTMOUNTED', old)
    const table = this.writable()
    const points = table.get(at.chan.fs)!
    const mp = points.get(qid)!
    if (member !== undefined) {
      const i = mp.members.findIndex((m) => m.origin.fs === member.fs && m.origin.path === member.path)
      if (i < 0) throw new NineError('ENOTUNION', old)
      mp.members = mp.members.filter((_, j) => j !== i)
    }
    if (mp.members.length === 0 || member === undefined) {
      points.delete(qid)
      if (points.size === 0) table.delete(at.chan.fs)
    }
    this.changed(at.chan.fs, qid)
  }

  /** Every member of every mount point, in the order they were made (for ns). */
  members(): { mount: MountPoint; member: Member }[] {
    const out: { mount: MountPoint; member: Member }[] = []
    for (const points of this.shared.table.values()) for (const mp of points.values()) for (const member of mp.members) out.push({ mount: mp, member })
    return out.sort((a, b) => a.member.seq - b.member.seq)
  }
}

function member(origin: Chan, flags: BindFlags, source: MemberSource, order: Member['order'], inheritedReadonly = false): Member {
  const ro = flags.readonly === true || inheritedReadonly
  return { chan: ro ? { fs: readonly(origin.fs), path: origin.path } : origin, origin, readonly: ro, order, create: flags.create === true, source, seq: ++seqCounter }
}

/**
 * A file's stat, or undefined if it is not there: at once where the fileserver can, else
 * without an exception where it can.
 */
function probe(fs: Fileserver, path: string, cred: Cred): Dir | undefined | Promise<Dir | undefined> {
  if (fs.statNow !== undefined) return fs.statNow(path, cred)
  return fs.walk !== undefined ? fs.walk(path, cred) : fs.stat(path, cred).catch(() => undefined)
}

/** statNow of `name` in the directory `dir` of `fs` (which has statNow), without joining the two where `fs` need not. */
function statIn(fs: Fileserver, dir: string, name: string, cred: Cred): Dir | undefined {
  return fs.statInNow !== undefined ? fs.statInNow(dir, name, cred) : fs.statNow!(joinName(dir, name), cred)
}

/**
 * The union element `name` at once: the first member that has it wins, and the rest of the walk
 * stays in it (unions are one level); none has it: the first member. False, leaving `w` as it
 * was, when a member can answer only asynchronously before one has answered yes.
 */
function unionNow(members: readonly Member[], name: string, end: number, cred: Cred, w: Walk, table: Table): boolean {
  for (const m of members) {
    const fs = m.chan.fs
    if (fs.statNow === undefined) return false
    if (fs.countsChanges !== true) w.counted = false
    const dir = statIn(fs, m.chan.path, name, cred)
    if (dir !== undefined) {
      w.at(fs, m.chan.path, name, end, table.get(fs))
      w.dir = dir
      return true
    }
  }
  const first = members[0]!.chan
  w.at(first.fs, first.path, name, end, table.get(first.fs))
  return true
}

/**
 * A directory's listing at once, entries that are mount points showing what is mounted there
 * (as showMounts); undefined where its fileserver, or one mounted on an entry, cannot answer at once.
 */
function listNow(dir: Chan, table: Table, cred: Cred): Dir[] | undefined {
  const entries = dir.fs.readdirNow?.(dir.path, cred)
  const points = table.get(dir.fs)
  if (entries === undefined || points === undefined) return entries
  const { low, high } = points
  for (let i = 0; i < entries.length; i++) {
    const qid = entries[i]!.qid.path
    // outside the covered range no mount point can be on it: no lookup
    if (qid < low || qid > high) continue
    const mp = points.get(qid)
    if (mp === undefined) continue
    const top = mp.members[0]!.chan
    const st = top.fs.statNow?.(top.path, cred)
    if (st === undefined) return undefined
    entries[i] = { ...st, name: entries[i]!.name }
  }
  return entries
}

/** Where the path element starting at `start` ends (the next slash, or the end of the path). */
function elementEnd(path: string, start: number): number {
  const end = path.indexOf('/', start)
  return end < 0 ? path.length : end
}

/** `dir` under the name the path reached it by: its last element ("/" for the root). */
/** The stat of the file a walk of `path` ended at, if its fileserver answers at once. */
function statAtEnd(w: Walk, path: string, cred: Cred): Dir | undefined {
  let dir: Dir | undefined
  if (w.mount !== undefined) {
    const top = w.mount.members[0]!.chan
    dir = top.fs.statNow?.(top.path, cred)
  } else {
    // The walk has fetched the last element's stat already (a union probe, or for its identity).
    dir = w.dir ?? (w.fs.statNow !== undefined ? w.statNow() : undefined)
    // its name is the path's last element already, as a fileserver names what it was asked for
    if (dir !== undefined && dir.name === w.name && path !== '/') return dir
  }
  return dir === undefined ? undefined : named(dir, path)
}

function named(dir: Dir, path: string): Dir {
  if (path === '/') return dir.name === '/' ? dir : { ...dir, name: '/' }
  const start = path.lastIndexOf('/') + 1
  return dir.name.length === path.length - start && path.endsWith(dir.name) ? dir : { ...dir, name: path.slice(start) }
}

/** What a bind of `newPath` (resolved as `target`) puts on the old file: a union's members in its place, or the file. */
function bound(target: Resolved, newPath: string, flags: BindFlags): Member[] {
  return target.mount && target.mount.members.length > 1
    ? target.mount.members.map((m, i) => member(m.origin, flags, m.source, i === 0 ? orderOf(flags) : 'after', m.readonly))
    : [member(target.chan, flags, { type: 'bind', path: newPath }, orderOf(flags))]
}

/** Whether attach's checks pass for a file whose stat is `oldDir` (attach throws their errors). */
function attachable(oldDir: Dir, isDir: boolean, flags: BindFlags): boolean {
  return !(flags.before && flags.after) && ((oldDir.mode & DMDIR) !== 0) === isDir && (isDir || !(flags.before || flags.after))
}

function orderOf(flags: BindFlags): Member['order'] {
  return flags.before ? 'before' : flags.after ? 'after' : 'replace'
}

function rename(e: unknown, path: string): unknown {
  return e instanceof NineError ? e.withPath(path) : e
}
