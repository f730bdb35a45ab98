/**
 * A persistent root's storage in the browser's Origin Private File System, laid out as in Node:
 * DIR/data/… the tree, DIR/meta.json the snapshot, DIR/meta.log the journal. Atomic replacement
 * is OPFS's own: a writable stream writes to a copy that replaces the file only when it is
 * closed, so a page closed or reloaded mid-write leaves the old bytes.
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
  constructor(
    private readonly top: FileSystemDirectoryHandle,
    private readonly data: FileSystemDirectoryHandle,
  ) {}

  async load(): Promise<StoredRoot> {
    await this.finishRename()
    const entries: StoredEntry[] = []
    await walk(this.data, '', entries)
    return { entries, snapshot: await this.text('meta.json'), journal: (await this.text('meta.log')).split('\n') }
  }

  private async text(file: string): Promise<string> {
    try {
      return await (await (await this.top.getFileHandle(file)).getFile()).text()
    } catch {
      return '' // none yet
    }
  }

  async writeSnapshot(text: string): Promise<void> {
    await replace(await this.top.getFileHandle('meta.json', { create: true }), new TextEncoder().encode(text))
    await replace(await this.top.getFileHandle('meta.log', { create: true }), new Uint8Array(0))
  }

  async appendJournal(line: string): Promise<void> {
    const log = await this.top.getFileHandle('meta.log', { create: true })
    const at = (await log.getFile()).size
    const stream = await log.createWritable({ keepExistingData: true })
    await stream.write({ type: 'write', position: at, data: new TextEncoder().encode(`${line}\n`) })
    await stream.close()
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
    try {
      const [dir, name] = await this.parent(path)
      await dir.removeEntry(name, { recursive: true })
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'NotFoundError')) throw e
    }
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
    await this.top.removeEntry(RENAME)
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
      return this.top.removeEntry(RENAME)
    }
    const m = move as Partial<DirectoryMove> | null
    if (typeof m?.from === 'string' && typeof m.to === 'string' && m.from.startsWith('/') && m.to.startsWith('/')) return this.moveDirectory({ from: m.from, to: m.to, copied: m.copied === true })
    return this.top.removeEntry(RENAME)
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
  return name.replace(/%([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
