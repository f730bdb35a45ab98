/**
 * A persistent root's storage in the browser's Origin Private File System: DIR/data/… the tree,
 * DIR/meta.json the snapshot (after a first line naming its generation), DIR/journal.GEN/ that
 * generation's journal, a file per line (appending to one file would copy it whole each time).
 * Atomic replacement is OPFS's own: a writable stream writes to a copy that replaces the file
 * only when it is closed, so a page closed or reloaded mid-write leaves the old bytes; a new
 * snapshot takes effect with its meta.json, which names the new, empty journal.
 */
import type { RootStorage, StoredEntry, StoredRoot } from '../kernel/rootstorage.ts'

/** What the page's lib types leave out: listing a directory, and moving a file. */
interface Listable {
  values(): AsyncIterable<FileSystemHandle>
}
interface Movable {
  move(parent: FileSystemDirectoryHandle, name: string): Promise<void>
}

/** A directory rename under way (DIR/rename.json): `copied` once the copy is whole. */
interface DirectoryMove {
  from: string
  to: string
  copied: boolean
}

const RENAME = 'rename.json'

export async function opfsStorage(name: string): Promise<RootStorage> {
  const top = await (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true })
  return new OpfsStorage(top, await top.getDirectoryHandle('data', { create: true }))
}

class OpfsStorage implements RootStorage {
  private generation = 0
  private journal: FileSystemDirectoryHandle | undefined
  private lines = 0

  constructor(
    private readonly top: FileSystemDirectoryHandle,
    private readonly data: FileSystemDirectoryHandle,
  ) {}

  async load(): Promise<StoredRoot> {
    await this.finishRename()
    const entries: StoredEntry[] = []
    await walk(this.data, '', entries)
    const meta = await this.text('meta.json')
    const header = /^(\d{1,15})\n/.exec(meta)
    this.generation = header === null ? 0 : Number(header[1])
    const journal = await this.readJournal()
    this.lines = journal.length
    // (a snapshot without its first line is from before generations: plain JSON)
    return { entries, snapshot: header === null ? meta : meta.slice(header[0].length), journal }
  }

  private async text(file: string, dir = this.top): Promise<string> {
    try {
      return await (await (await dir.getFileHandle(file)).getFile()).text()
    } catch {
      return '' // none yet
    }
  }

  /** This generation's lines in order; another generation's journal is what a crash left: it goes. */
  private async readJournal(): Promise<string[]> {
    const current = `journal.${this.generation}`
    const numbered: [number, string][] = []
    for await (const handle of (this.top as unknown as Listable).values()) {
      if (!handle.name.startsWith('journal.') || handle.kind !== 'directory') continue
      if (handle.name !== current) {
        await removeEntry(this.top, handle.name)
        continue
      }
      this.journal = handle as FileSystemDirectoryHandle
      for await (const line of (this.journal as unknown as Listable).values()) numbered.push([Number(line.name), await this.text(line.name, this.journal)])
    }
    return numbered.sort((a, b) => a[0] - b[0]).map(([, text]) => text)
  }

  async writeSnapshot(text: string): Promise<void> {
    const next = this.generation + 1
    await removeEntry(this.top, `journal.${next}`)
    const journal = await this.top.getDirectoryHandle(`journal.${next}`, { create: true })
    await replace(await this.top.getFileHandle('meta.json', { create: true }), new TextEncoder().encode(`${next}\n${text}`))
    await removeEntry(this.top, `journal.${this.generation}`)
    this.generation = next
    this.journal = journal
    this.lines = 0
  }

  async appendJournal(line: string): Promise<void> {
    this.journal ??= await this.top.getDirectoryHandle(`journal.${this.generation}`, { create: true })
    await replace(await this.journal.getFileHandle(String(this.lines++), { create: true }), new TextEncoder().encode(line))
  }

  async writeFile(path: string, data: Uint8Array): Promise<void> {
    const [dir, name] = await this.parent(path)
    await replace(await dir.getFileHandle(name, { create: true }), data)
  }

  async makeDir(path: string): Promise<void> {
    const [dir, name] = await this.parent(path)
    await dir.getDirectoryHandle(name, { create: true })
  }

  async remove(path: string): Promise<void> {
    let parent: [FileSystemDirectoryHandle, string]
    try {
      parent = await this.parent(path)
    } catch (e) {
      if (e instanceof DOMException && e.name === 'NotFoundError') return
      throw e
    }
    await removeEntry(...parent)
  }

  async rename(from: string, to: string): Promise<void> {
    const [fromDir, fromName] = await this.parent(from)
    const [toDir, toName] = await this.parent(to)
    const handle = await entry(fromDir, fromName)
    if (handle.kind === 'file') return (handle as FileSystemFileHandle & Movable).move(toDir, toName)
    await this.record({ from, to, copied: false })
    await this.moveDirectory({ from, to, copied: false })
  }

  /** Copies (again, from the start) unless the copy was complete, removes the original, drops the record. */
  private async moveDirectory(move: DirectoryMove): Promise<void> {
    if (!move.copied) {
      await this.remove(move.to)
      const [toDir, toName] = await this.parent(move.to)
      const [fromDir, fromName] = await this.parent(move.from)
      await copyDirectory(await fromDir.getDirectoryHandle(fromName), await toDir.getDirectoryHandle(toName, { create: true }))
      await this.record({ ...move, copied: true })
    }
    await this.remove(move.from)
    await removeEntry(this.top, RENAME)
  }

  private async record(move: DirectoryMove): Promise<void> {
    await replace(await this.top.getFileHandle(RENAME, { create: true }), new TextEncoder().encode(JSON.stringify(move)))
  }

  private async finishRename(): Promise<void> {
    const text = await this.text(RENAME)
    if (text === '') return
    let move: unknown
    try {
      move = JSON.parse(text)
    } catch {
      return removeEntry(this.top, RENAME)
    }
    const m = move as Partial<DirectoryMove> | null
    if (typeof m?.from === 'string' && typeof m.to === 'string' && m.from.startsWith('/') && m.to.startsWith('/')) return this.moveDirectory({ from: m.from, to: m.to, copied: m.copied === true })
    return removeEntry(this.top, RENAME)
  }

  async close(): Promise<void> {}

  /** The directory holding `path` and the name in it. */
  private async parent(path: string): Promise<[FileSystemDirectoryHandle, string]> {
    const names = path.split('/').slice(1).map(encodeName)
    let dir = this.data
    for (const name of names.slice(0, -1)) dir = await dir.getDirectoryHandle(name)
    return [dir, names.at(-1)!]
  }
}

async function walk(dir: FileSystemDirectoryHandle, path: string, entries: StoredEntry[]): Promise<void> {
  for await (const handle of (dir as unknown as Listable).values()) {
    const child = `${path}/${decodeName(handle.name)}`
    if (handle.kind === 'directory') {
      entries.push({ path: child })
      await walk(handle as FileSystemDirectoryHandle, child, entries)
    } else entries.push({ path: child, data: new Uint8Array(await (await (handle as FileSystemFileHandle).getFile()).arrayBuffer()) })
  }
}

/** Removes a file or a whole directory; an absent one is no error. */
async function removeEntry(dir: FileSystemDirectoryHandle, name: string): Promise<void> {
  try {
    await dir.removeEntry(name, { recursive: true })
  } catch (e) {
    if (!(e instanceof DOMException && e.name === 'NotFoundError')) throw e
  }
}

async function copyDirectory(from: FileSystemDirectoryHandle, to: FileSystemDirectoryHandle): Promise<void> {
  for await (const handle of (from as unknown as Listable).values()) {
    if (handle.kind === 'directory') await copyDirectory(handle as FileSystemDirectoryHandle, await to.getDirectoryHandle(handle.name, { create: true }))
    else await replace(await to.getFileHandle(handle.name, { create: true }), new Uint8Array(await (await (handle as FileSystemFileHandle).getFile()).arrayBuffer()))
  }
}

async function entry(dir: FileSystemDirectoryHandle, name: string): Promise<FileSystemHandle> {
  try {
    return await dir.getFileHandle(name)
  } catch (e) {
    if (e instanceof DOMException && e.name === 'TypeMismatchError') return dir.getDirectoryHandle(name)
    throw e
  }
}

/** Replaces a file's bytes in one commit (the stream's close). */
async function replace(file: FileSystemFileHandle, data: Uint8Array): Promise<void> {
  const stream = await file.createWritable()
  await stream.write(new Uint8Array(data))
  await stream.close()
}

/** OPFS refuses some names ninefold allows (a backslash); `%` escapes them. */
function encodeName(name: string): string {
  return name.replace(/[%\\]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

function decodeName(name: string): string {
  return name.replace(/%(25|5c)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
