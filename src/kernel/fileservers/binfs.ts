/**
 * binfs (`#b`): the installed commands as executable files. Running a command looks its name up
 * through the caller's namespace, so a bind over /bin changes what runs. Reading a command's file
 * gives `#!builtin NAME` and its one-line summary. Lookups are one map access: spawn walks here.
 */
import { directoryHandle } from '../dirhandle.ts'
import { SUPERUSER } from '../perm.ts'
import { NineError } from '../errors.ts'
import { DMDIR, fileChanges, opensForWrite, type BinFunction, type Cred, type LazyBin, type Dir, type ExecFileserver, type Handle } from '../types.ts'
import { contentHandle, devdir } from './synthetic.ts'

const encoder = new TextEncoder()

interface Entry {
  /** The command, or until a lazy one is loaded, a stand-in that loads it and runs it. */
  fn: BinFunction
  readonly qid: number
  /** The command itself, loaded once. */
  load(): Promise<BinFunction>
}

type Bins = Readonly<Record<string, BinFunction | LazyBin>>

function checkName(name: string): void {
  if (name === '' || name.includes('/') || name === '.' || name === '..') throw new NineError('EBADCHAR', name)
}

/** The names of each frozen record added whole, checked once: every system adding it shares them. */
const namesOf = new WeakMap<Bins, readonly string[]>()

function checkedNames(bins: Bins): readonly string[] {
  let names = namesOf.get(bins)
  if (names === undefined) {
    names = Object.keys(bins)
    names.forEach(checkName)
    namesOf.set(bins, names)
  }
  return names
}

/**
 * The commands of one system. A record added whole (a preset's bins) is kept as it is, its qids
 * after the last one given: a command's entry is made at its first lookup, so a boot adds the
 * standard system's commands without making an entry each.
 */
export class BinRegistry {
  /** Entries made: the commands added one by one, and the records' commands looked up so far. */
  private readonly bins = new Map<string, Entry>()
  private readonly tables: { bins: Bins; qid: number }[] = []
  /** The records' commands removed since (a record added later brings its own back). */
  private hidden: Set<string> | undefined
  private nextQid = 1

  add(name: string, bin: BinFunction | LazyBin): void {
    checkName(name)
    if (this.entry(name) !== undefined) throw new NineError('EEXIST', name)
    this.bins.set(name, entryOf(bin, this.nextQid++))
    fileChanges.count++
  }

  /** Adds every command of `bins`, in its order, as `add` of each would; none if one is badly named or taken. */
  addAll(bins: Bins): void {
    // a record that may still change is copied: the system has the commands it had when added
    const table = Object.isFrozen(bins) ? bins : Object.freeze({ ...bins })
    const names = checkedNames(table)
    const taken = this.taken(table)
    if (taken !== undefined) throw new NineError('EEXIST', taken)
    this.tables.push({ bins: table, qid: this.nextQid })
    this.nextQid += names.length
    if (this.hidden !== undefined) for (const name of names) this.hidden.delete(name)
    fileChanges.count++
  }

  /** The first command of `bins` this registry already has. */
  taken(bins: Bins): string | undefined {
    if (this.bins.size === 0 && this.tables.length === 0) return undefined
    return Object.keys(bins).find((name) => this.entry(name) !== undefined)
  }

  remove(name: string): void {
    if (this.entry(name) === undefined) throw new NineError('ENOENT', name)
    this.bins.delete(name)
    if (this.tables.some((t) => Object.hasOwn(t.bins, name))) (this.hidden ??= new Set()).add(name)
    fileChanges.count++
  }

  get(name: string): BinFunction | undefined {
    return this.entry(name)?.fn
  }

  entry(name: string): Entry | undefined {
    const e = this.bins.get(name)
    if (e !== undefined || this.hidden?.has(name)) return e
    // the latest record first: one added after a removal brings the name back with its own command
    for (let i = this.tables.length - 1; i >= 0; i--) {
      const t = this.tables[i]!
      if (!Object.hasOwn(t.bins, name)) continue
      const made = entryOf(t.bins[name]!, t.qid + namesOf.get(t.bins)!.indexOf(name))
      this.bins.set(name, made)
      return made
    }
    return undefined
  }

  names(): string[] {
    const names = new Set(this.bins.keys())
    for (const t of this.tables) for (const name of namesOf.get(t.bins)!) if (!this.hidden?.has(name)) names.add(name)
    return [...names].sort()
  }
}

function entryOf(bin: BinFunction | LazyBin, qid: number): Entry {
  if (typeof bin === 'function') return { fn: bin, qid, load: () => Promise.resolve(bin) }
  // Once loaded, lookups find the command itself: spawn pays for laziness only the first time.
  let loading: Promise<BinFunction> | undefined
  const entry: Entry = {
    fn: async (proc) => (await entry.load())(proc),
    qid,
    load: () => (loading ??= bin.load().then((fn) => (entry.fn = fn))),
  }
  return entry
}

export class Binfs implements ExecFileserver {
  readonly kind = 'binfs'
  readonly countsChanges = true
  private readonly born = Math.floor(Date.now() / 1000)

  constructor(private readonly registry: BinRegistry) {}

  private name(path: string): string {
    if (path.lastIndexOf('/') !== 0) throw new NineError('ENOENT', path)
    return path.slice(1)
  }

  binAt(path: string): BinFunction | undefined {
    return path.lastIndexOf('/') === 0 ? this.registry.get(path.slice(1)) : undefined
  }

  private entryDir(name: string): Dir | undefined {
    const e = this.registry.entry(name)
    if (e === undefined) return undefined
    return devdir(name, e.qid, 0o555, this.born, SUPERUSER)
  }

  private dir(name: string): Dir {
    const d = this.entryDir(name)
    if (d === undefined) throw new NineError('ENOENT', name)
    return d
  }

  private rootDir(): Dir {
    return devdir('/', 0, DMDIR | 0o555, this.born, SUPERUSER)
  }

  async stat(path: string): Promise<Dir> {
    if (path === '/') return this.rootDir()
    return this.dir(this.name(path))
  }

  statNow(path: string): Dir | undefined {
    if (path === '/') return this.rootDir()
    return path.lastIndexOf('/') === 0 ? this.entryDir(path.slice(1)) : undefined
  }

  async readdir(path: string): Promise<Dir[]> {
    if (path !== '/') throw new NineError('ENOTDIR', path)
    return this.registry.names().map((n) => this.dir(n))
  }

  async open(path: string, mode: number, _cred: Cred): Promise<Handle> {
    if (path === '/') {
      if ((mode & 3) !== 0) throw new NineError('EISDIR', path)
      return directoryHandle(path)
    }
    const name = this.name(path)
    const e = this.registry.entry(name)
    if (e === undefined) throw new NineError('ENOENT', path)
    if (opensForWrite(mode)) throw new NineError('EPERM', path)
    const summary = ((await e.load()) as { summary?: unknown }).summary
    return contentHandle(encoder.encode(`#!builtin ${name}\n${typeof summary === 'string' ? `# ${summary}\n` : ''}`), path)
  }

  async create(path: string): Promise<Handle> {
    throw new NineError('EPERM', path)
  }

  async remove(path: string): Promise<void> {
    throw new NineError('EPERM', path)
  }

  async wstat(path: string): Promise<void> {
    throw new NineError('EPERM', path)
  }
}
