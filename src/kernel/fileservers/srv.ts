/**
 * srvFS (`#s`, srv(3)): one registry of posted fileservers shared by every process, whatever
 * its namespace. `ls /srv` lists them; reading an entry describes it; each entry has an owner and
 * a mode that mounting checks. Posting is programmatic (objects are not bytes), through the
 * process's postServer call: the kernel holds this registry (SrvRegistry) for every process.
 *
 * When the process that posted a server ends, its entries go and the server is hung up: every
 * operation through a mount that still holds it fails with `i/o on hungup channel`.
 */
import { directoryHandle } from '../dirhandle.ts'
import { NineError } from '../errors.ts'
import { can, checkName, SUPERUSER } from '../perm.ts'
import type { SrvRegistry } from '../kernel.ts'
import { contentHandle, devdir } from './synthetic.ts'
import { DMDIR, PERM_MASK, type Cred, type Dir, type DirChanges, type Fileserver, type Handle } from '../types.ts'

interface Entry {
  readonly name: string
  readonly fs: Fileserver
  readonly kind: string
  readonly pid: number
  uid: string
  mode: number
  readonly qid: number
  readonly posted: number
}

const encoder = new TextEncoder()

export class SrvFs implements Fileserver, SrvRegistry {
  readonly kind = 'srvfs'
  private readonly entries = new Map<string, Entry>()
  /** Every server a process posted and still serves, hung up when it ends (even if unposted). */
  private readonly byPid = new Map<number, Set<() => void>>()
  private nextQid = 1
  private readonly born = Math.floor(Date.now() / 1000)
  /** Told of every post (init's mount units wait on these). */
  readonly postListeners = new Set<(name: string, pid: number) => void>()
  /**
   * Whether a caller is confined to its own entries: a sandboxed tenant must not mount `init`
   * or `log` and read the system's services (the image says who is sandboxed).
   */
  confined: (cred: Cred) => boolean = () => false

  /** Posts `fs` as `name`, owned by the poster. */
  post(name: string, fs: Fileserver, cred: Cred, mode = 0o600): void {
    checkName(name, name)
    if (this.entries.has(name)) throw new NineError('EEXIST', `/srv/${name}`)
    const pid = cred.pid ?? 0
    const { guarded, hangup } = hangupGuard(fs)
    this.entries.set(name, { name, fs: guarded, kind: fs.kind, pid, uid: cred.uid, mode: mode & PERM_MASK, qid: this.nextQid++, posted: Math.floor(Date.now() / 1000) })
    if (pid !== 0) {
      let set = this.byPid.get(pid)
      if (set === undefined) this.byPid.set(pid, (set = new Set()))
      set.add(hangup)
    }
    for (const listener of this.postListeners) listener(name, pid)
  }

  /** The pid that posted `name`, if it is posted. */
  posterOf(name: string): number | undefined {
    return this.entries.get(name)?.pid
  }

  /** The user who owns the entry `name`, if it is posted. */
  ownerOf(name: string): string | undefined {
    return this.entries.get(name)?.uid
  }

  /**
   * The server posted as `name`, if the caller may mount it (read permission on the entry). An
   * entry it may not read is not there for it: its name reveals a service (`boot`, root's).
   */
  get(name: string, cred: Cred): Fileserver | undefined {
    const e = this.entries.get(name)
    if (e === undefined || !this.visible(e, cred)) return undefined
    return e.fs
  }

  /** Removes an entry: only its owner or root. Mounts holding the server keep it. */
  unpost(name: string, cred: Cred): void {
    const e = this.entries.get(name)
    if (e === undefined) throw new NineError('ENOENT', `/srv/${name}`)
    if (cred.uid !== SUPERUSER && cred.uid !== e.uid) throw new NineError('EPERM', `/srv/${name}`)
    this.entries.delete(name)
  }

  postsBy(uid: string): number {
    let n = 0
    for (const e of this.entries.values()) if (e.uid === uid) n++
    return n
  }

  /** Whether process `pid` has a server posted (it is a service, not a passing job). */
  serves(pid: number): boolean {
    return this.byPid.has(pid)
  }

  /** The process `pid` ended: its entries go and its servers hang up. */
  processEnded(pid: number): void {
    const hangups = this.byPid.get(pid)
    if (hangups === undefined) return
    this.byPid.delete(pid)
    for (const [name, e] of this.entries) if (e.pid === pid) this.entries.delete(name)
    for (const h of hangups) h()
  }

  names(): string[] {
    return [...this.entries.keys()]
  }

  /** Whether `cred` sees the entry (lists, stats, opens or mounts it): its poster, or read permission outside a sandbox. */
  private visible(e: Entry, cred: Cred): boolean {
    if (this.confined(cred)) return e.uid === cred.uid
    return can({ uid: e.uid, gid: e.uid, mode: e.mode | 0o400 }, cred, 'r')
  }

  /** The entry at `path`, if `cred` may see it: to anyone else it does not exist. */
  private entry(path: string, cred: Cred): Entry {
    const e = path.lastIndexOf('/') === 0 ? this.entries.get(path.slice(1)) : undefined
    if (e === undefined || !this.visible(e, cred)) throw new NineError('ENOENT', path)
    return e
  }

  private dir(e: Entry): Dir {
    return devdir(e.name, e.qid, e.mode, e.posted, e.uid)
  }

  async stat(path: string, cred: Cred): Promise<Dir> {
    if (path === '/') return devdir('/', 0, DMDIR | 0o777, this.born, SUPERUSER)
    return this.dir(this.entry(path, cred))
  }

  /** Lists the entries the caller may see: its own, and those whose mode lets it read them. */
  async readdir(path: string, cred: Cred): Promise<Dir[]> {
    if (path !== '/') throw new NineError('ENOTDIR', path)
    const out: Dir[] = []
    for (const e of this.entries.values()) if (this.visible(e, cred)) out.push(this.dir(e))
    return out
  }

  async open(path: string, mode: number, cred: Cred): Promise<Handle> {
    if (path === '/') {
      if ((mode & 3) !== 0) throw new NineError('EISDIR', path)
      return directoryHandle(path)
    }
    const e = this.entry(path, cred)
    if ((mode & 3) !== 0) throw new NineError('EPERM', path)
    return contentHandle(encoder.encode(`${e.name} ${e.kind} pid ${e.pid} user ${e.uid}\n`), path)
  }

  async create(path: string): Promise<Handle> {
    // Posting is programmatic: a fileserver is an object, not bytes written to a file.
    throw new NineError('EPERM', path)
  }

  async remove(path: string, cred: Cred): Promise<void> {
    this.unpost(this.entry(path, cred).name, cred)
  }

  async wstat(path: string, changes: DirChanges, cred: Cred): Promise<void> {
    const e = this.entry(path, cred)
    if (cred.uid !== SUPERUSER && cred.uid !== e.uid) throw new NineError('EPERM', path)
    if (changes.name !== undefined && changes.name !== e.name) throw new NineError('EPERM', path)
    if (changes.uid !== undefined && changes.uid !== e.uid) {
      if (cred.uid !== SUPERUSER) throw new NineError('EPERM', path)
      e.uid = changes.uid
    }
    if (changes.mode !== undefined) e.mode = changes.mode & PERM_MASK
  }
}

/**
 * Wraps a fileserver so it can be hung up: afterwards every call, and every read or write on a
 * handle opened before, fails with `i/o on hungup channel` instead of reaching a dead server.
 */
export function hangupGuard(inner: Fileserver): { guarded: Fileserver; hangup: () => void } {
  let hungup = false
  const check = (): void => {
    if (hungup) throw new NineError('EHUNGUP')
  }
  const wrap = (h: Handle): Handle => ({
    read: async (o, c, s) => {
      check()
      return h.read(o, c, s)
    },
    write: async (o, d, s) => {
      check()
      return h.write(o, d, s)
    },
    close: () => (hungup ? undefined : h.close()),
  })
  // hung up: no answer at once, so the namespace makes the call that waits, which gives the reason
  const unlessHungup = <A extends unknown[], R>(now: ((...args: A) => R) | undefined) => now && ((...args: A) => (hungup ? undefined : now.apply(inner, args)))
  const guarded: Fileserver = {
    kind: inner.kind,
    stat: async (p, c) => (check(), inner.stat(p, c)),
    statNow: unlessHungup(inner.statNow),
    statInNow: unlessHungup(inner.statInNow),
    readdirNow: unlessHungup(inner.readdirNow),
    readNow: unlessHungup(inner.readNow),
    readdir: async (p, c) => (check(), inner.readdir(p, c)),
    open: async (p, m, c) => (check(), wrap(await inner.open(p, m, c))),
    create: async (p, perm, m, c) => (check(), wrap(await inner.create(p, perm, m, c))),
    remove: async (p, c) => (check(), inner.remove(p, c)),
    wstat: async (p, ch, c) => (check(), inner.wstat(p, ch, c)),
    ...(inner.attach ? { attach: async (spec: string) => (check(), inner.attach!(spec)) } : {}),
  }
  return { guarded, hangup: () => void (hungup = true) }
}
