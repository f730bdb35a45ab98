/**
 * Per-process namespaces: a mount table from mount points to ordered member lists, and path
 * resolution through it (the spec page §1).
 *
 * A mount point is keyed like Plan 9's: by the file it covers (fileserver + path inside it), not
 * by the name used to reach it, so `bind /a /b` also shows what is mounted under /a. Paths are
 * cleaned lexically first, so `..` never reaches a fileserver and never climbs out of a bound root.
 *
 * Tables are copy-on-write: `copy()` shares the table until one side changes it.
 */
import { NineError } from './errors.ts'
import { readonly } from './fileservers/readonly.ts'
import { joinName } from './path.ts'
import { DMDIR, OEXCL, OTRUNC, type BindFlags, type Cred, type Dir, type Fileserver, type Handle } from './types.ts'

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
  readonly chan: Chan
  /** The namespace path the first bind named, for printing. */
  readonly name: string
  members: Member[]
}

type Table = Map<Fileserver, Map<string, MountPoint>>

interface Shared {
  table: Table
  /** How many Namespace objects share this table; > 1 means copy before writing. */
  refs: number
}

let seqCounter = 0

/** The result of resolving a name: the file, and the mount point when the name ends on one. */
export interface Resolved {
  chan: Chan
  mount: MountPoint | undefined
}

export class Namespace {
  private shared: Shared

  constructor(readonly root: Chan, shared?: Shared) {
    this.shared = shared ?? { table: new Map(), refs: 1 }
  }

  /** A private copy (RFNAMEG): changes on either side are not seen by the other. */
  copy(): Namespace {
    this.shared.refs++
    return new Namespace(this.root, this.shared)
  }

  private writable(): Table {
    const s = this.shared
    if (s.refs === 1) return s.table
    s.refs--
    const table: Table = new Map()
    for (const [fs, points] of s.table) {
      const copy = new Map<string, MountPoint>()
      for (const [p, mp] of points) copy.set(p, { chan: mp.chan, name: mp.name, members: mp.members.slice() })
      table.set(fs, copy)
    }
    this.shared = { table, refs: 1 }
    return table
  }

  lookup(chan: Chan): MountPoint | undefined {
    return this.shared.table.get(chan.fs)?.get(chan.path)
  }

  /**
   * Resolves a clean absolute path. With `followLast` false, a mount point at the last element
   * is not entered (bind's `old`, remove, unmount).
   */
  async resolve(path: string, cred: Cred, followLast = true): Promise<Resolved> {
    const table = this.shared.table
    let chan: Chan = this.root
    let mount = table.get(chan.fs)?.get(chan.path)
    if (path === '/') return followLast && mount ? { chan: mount.members[0]!.chan, mount } : { chan, mount: followLast ? mount : undefined }
    let start = 1
    const n = path.length
    while (start <= n) {
      let end = path.indexOf('/', start)
      if (end < 0) end = n
      if (mount !== undefined && mount.members.length > 1) {
        chan = await this.walkUnion(mount, path.slice(start, end), cred)
      } else {
        const base = mount !== undefined ? mount.members[0]!.chan : chan
        // No mount points on this fileserver: the rest of the path stays inside it.
        if (!table.has(base.fs)) return { chan: { fs: base.fs, path: joinName(base.path, path.slice(start)) }, mount: undefined }
        chan = { fs: base.fs, path: joinName(base.path, path.slice(start, end)) }
      }
      mount = end === n && !followLast ? undefined : table.get(chan.fs)?.get(chan.path)
      start = end + 1
    }
    if (mount !== undefined) return { chan: mount.members[0]!.chan, mount }
    return { chan, mount: undefined }
  }

  /** The first member that has `name` wins; the rest of the walk stays in it (unions are one level). */
  private async walkUnion(mount: MountPoint, name: string, cred: Cred): Promise<Chan> {
    for (const m of mount.members) {
      const fs = m.chan.fs
      const path = joinName(m.chan.path, name)
      // a Chan is made only for the member that has the name: most probes miss
      if ((await (fs.walk ? fs.walk(path, cred) : fs.stat(path, cred).catch(() => undefined))) !== undefined) return { fs, path }
    }
    return { fs: mount.members[0]!.chan.fs, path: joinName(mount.members[0]!.chan.path, name) }
  }

  /** stat through the namespace; the name is the last element of the path used. */
  async stat(path: string, cred: Cred): Promise<Dir> {
    const { chan } = await this.resolve(path, cred)
    const dir = await chan.fs.stat(chan.path, cred)
    const name = path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1)
    return dir.name === name ? dir : { ...dir, name }
  }

  /** Reads a directory; a union's members are concatenated, duplicates kept, failing members skipped. */
  async readdir(path: string, cred: Cred): Promise<Dir[]> {
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
    if (points === undefined || !hasChildMount(points, dir.path)) return entries
    for (let i = 0; i < entries.length; i++) {
      const mp = points.get(joinName(dir.path, entries[i]!.name))
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
   * Creates `path`. In a union directory the rules of the spec page apply: an existing name is
   * opened truncated; otherwise the first member bound with create takes it; none: forbidden.
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
      if ((await probe({ fs: m.chan.fs, path: child }, cred)) !== undefined) {
        if (mode & OEXCL || perm & DMDIR) throw new NineError('EEXIST', path)
        return m.chan.fs.open(child, (mode & 3) | OTRUNC, cred)
      }
    }
    const target = mount.members.find((m) => m.create)
    if (target === undefined) throw new NineError('ENOCREATE', path)
    return target.chan.fs.create(joinName(target.chan.path, name), perm, mode, cred)
  }

  async remove(path: string, cred: Cred): Promise<void> {
    const { chan } = await this.resolve(path, cred, false)
    if (this.lookup(chan) !== undefined) throw new NineError('EISMOUNT', path)
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
    const members: Member[] =
      target.mount && target.mount.members.length > 1
        ? target.mount.members.map((m, i) => member(m.origin, flags, m.source, i === 0 ? orderOf(flags) : 'after', m.readonly))
        : [member(target.chan, flags, { type: 'bind', path: newPath }, orderOf(flags))]
    await this.attach(old, (newDir.mode & DMDIR) !== 0, members, flags, cred)
  }

  /** Mounts a fileserver's root onto `old`. */
  async mount(fs: Fileserver, old: string, flags: BindFlags, source: MemberSource, cred: Cred): Promise<void> {
    const root = await fs.stat('/', cred)
    await this.attach(old, (root.mode & DMDIR) !== 0, [member({ fs, path: '/' }, flags, source, orderOf(flags))], flags, cred)
  }

  private async attach(old: string, isDir: boolean, members: Member[], flags: BindFlags, cred: Cred): Promise<void> {
    if (flags.before && flags.after) throw new NineError('EINVAL', old)
    const at = await this.resolve(old, cred, false)
    const oldDir = await at.chan.fs.stat(at.chan.path, cred).catch((e) => {
      throw rename(e, old)
    })
    if (((oldDir.mode & DMDIR) !== 0) !== isDir) throw new NineError('EINCONS', old)
    if (!isDir && (flags.before || flags.after)) throw new NineError('EINCONS', old)
    const table = this.writable()
    let points = table.get(at.chan.fs)
    if (points === undefined) table.set(at.chan.fs, (points = new Map()))
    const existing = points.get(at.chan.path)
    if (existing === undefined) {
      const list: Member[] = []
      // A first union bind keeps the covered directory as a member, listed before the new one.
      if (flags.before || flags.after) {
        const original: Member = { chan: at.chan, origin: at.chan, readonly: false, order: 'replace', create: false, source: { type: 'bind', path: old }, seq: members[0]!.seq - 0.5 }
        list.push(original)
      }
      if (flags.before) list.unshift(...members)
      else list.push(...members)
      points.set(at.chan.path, { chan: at.chan, name: old, members: list })
      return
    }
    if (flags.before) existing.members = [...members, ...existing.members]
    else if (flags.after) existing.members = [...existing.members, ...members]
    else existing.members = members
  }

  /**
   * `unmount old` removes the mount point; with `member` (a file, or a fileserver's root for a
   * mount) only the first member that is it.
   */
  async unmount(old: string, member: Chan | undefined, cred: Cred): Promise<void> {
    const at = await this.resolve(old, cred, false)
    if (this.lookup(at.chan) === undefined) {
      // A path that does not exist is reported as such, not as an empty mount point.
      await at.chan.fs.stat(at.chan.path, cred).catch((e) => {
        throw rename(e, old)
      })
      throw new NineError('ENOTMOUNTED', old)
    }
    const table = this.writable()
    const points = table.get(at.chan.fs)!
    const mp = points.get(at.chan.path)!
    if (member !== undefined) {
      const i = mp.members.findIndex((m) => m.origin.fs === member.fs && m.origin.path === member.path)
      if (i < 0) throw new NineError('ENOTUNION', old)
      mp.members = mp.members.filter((_, j) => j !== i)
      if (mp.members.length > 0) return
    }
    points.delete(at.chan.path)
    if (points.size === 0) table.delete(at.chan.fs)
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

/** Whether any mount point is directly inside `dir`: checked once, not once per directory entry. */
function hasChildMount(points: Map<string, MountPoint>, dir: string): boolean {
  const prefix = dir === '/' ? '/' : dir + '/'
  for (const key of points.keys()) if (key.length > prefix.length && key.startsWith(prefix) && key.indexOf('/', prefix.length) < 0) return true
  return false
}

/** A file's stat, or undefined if it is not there (without an exception when the fileserver can). */
function probe(chan: Chan, cred: Cred): Promise<Dir | undefined> {
  return chan.fs.walk ? chan.fs.walk(chan.path, cred) : chan.fs.stat(chan.path, cred).catch(() => undefined)
}

function orderOf(flags: BindFlags): Member['order'] {
  return flags.before ? 'before' : flags.after ? 'after' : 'replace'
}

function rename(e: unknown, path: string): unknown {
  return e instanceof NineError ? e.withPath(path) : e
}
