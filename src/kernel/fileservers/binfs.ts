/**
 * binfs (`#b`): the installed commands as executable files. Running a command looks its name up
 * through the caller's namespace, so a bind over /bin changes what runs. Reading a command's file
 * gives `#!builtin NAME` and its one-line summary. Lookups are one map access: spawn walks here.
 */
import { directoryHandle } from '../dirhandle.ts'
import { SUPERUSER } from '../perm.ts'
import { NineError } from '../errors.ts'
import { DMDIR, opensForWrite, type BinFunction, type Cred, type LazyBin, type Dir, type ExecFileserver, type Handle } from '../types.ts'
import { contentHandle, devdir } from './synthetic.ts'

const encoder = new TextEncoder()

interface Entry {
  /** The command, or until a lazy one is loaded, a stand-in that loads it and runs it. */
  fn: BinFunction
  readonly qid: number
  /** The command itself, loaded once. */
  load(): Promise<BinFunction>
}

export class BinRegistry {
  private readonly bins = new Map<string, Entry>()
  private nextQid = 1

  add(name: string, bin: BinFunction | LazyBin): void {
    if (name === '' || name.includes('/') || name === '.' || name === '..') throw new NineError('EBADCHAR', name)
    if (this.bins.has(name)) throw new NineError('EEXIST', name)
    const qid = this.nextQid++
    if (typeof bin === 'function') {
      this.bins.set(name, { fn: bin, qid, load: () => Promise.resolve(bin) })
      return
    }
    // Once loaded, lookups find the command itself: spawn pays for laziness only the first time.
    let loading: Promise<BinFunction> | undefined
    const entry: Entry = {
      fn: async (proc) => (await entry.load())(proc),
      qid,
      load: () => (loading ??= bin.load().then((fn) => (entry.fn = fn))),
    }
    this.bins.set(name, entry)
  }

  remove(name: string): void {
    if (!this.bins.delete(name)) throw new NineError('ENOENT', name)
  }

  get(name: string): BinFunction | undefined {
    return this.bins.get(name)?.fn
  }

  entry(name: string): Entry | undefined {
    return this.bins.get(name)
  }

  names(): string[] {
    return [...this.bins.keys()].sort()
  }
}

export class Binfs implements ExecFileserver {
  readonly kind = 'binfs'
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
