/**
 * A POSIX ustar writer (pax's interchange format), enough to export files with their modes,
 * owners and times: regular files and directories, names up to 255 bytes split at a slash.
 */
import { NineError } from '../../kernel/errors.ts'
import { DMDIR, PERM_MASK, type Dir } from '../../kernel/types.ts'
import type { Overlay } from '../../kernel/fileservers/overlay.ts'

export interface TarEntry {
  /** The name in the archive, relative (no leading slash); a directory's without a trailing one. */
  name: string
  dir: Dir
  data?: Uint8Array
}

const BLOCK = 512
const encoder = new TextEncoder()

export function ustar(entries: readonly TarEntry[]): Uint8Array {
  const blocks: Uint8Array[] = []
  let total = 0
  for (const e of entries) {
    const isDir = (e.dir.mode & DMDIR) !== 0
    const data = isDir ? undefined : (e.data ?? new Uint8Array(0))
    const header = headerOf(isDir ? `${e.name}/` : e.name, e.dir, data?.length ?? 0, isDir)
    blocks.push(header)
    total += BLOCK
    if (data !== undefined && data.length > 0) {
      const padded = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK)
      padded.set(data)
      blocks.push(padded)
      total += padded.length
    }
  }
  // The end of the archive: two zero blocks.
  const out = new Uint8Array(total + 2 * BLOCK)
  let at = 0
  for (const b of blocks) {
    out.set(b, at)
    at += b.length
  }
  return out
}

function headerOf(name: string, dir: Dir, size: number, isDir: boolean): Uint8Array {
  const h = new Uint8Array(BLOCK)
  const [prefix, base] = splitName(name)
  put(h, 0, 100, base)
  octal(h, 100, 8, dir.mode & PERM_MASK)
  octal(h, 108, 8, 0)
  octal(h, 116, 8, 0)
  octal(h, 124, 12, size)
  octal(h, 136, 12, Math.max(0, Math.floor(dir.mtime)))
  h.fill(0x20, 148, 156)
  h[156] = isDir ? 0x35 : 0x30
  put(h, 257, 6, encoder.encode('ustar\0'))
  put(h, 263, 2, encoder.encode('00'))
  put(h, 265, 32, encoder.encode(dir.uid).subarray(0, 31))
  put(h, 297, 32, encoder.encode(dir.gid).subarray(0, 31))
  put(h, 345, 155, prefix)
  let sum = 0
  for (const b of h) sum += b
  octal(h, 148, 7, sum)
  return h
}

/** A name longer than 100 bytes goes in prefix (up to 155) and name, split at a slash. */
function splitName(name: string): [Uint8Array, Uint8Array] {
  const bytes = encoder.encode(name)
  if (bytes.length <= 100) return [new Uint8Array(0), bytes]
  for (let i = bytes.length - 1; i > 0; i--) {
    if (bytes[i] === 0x2f && i <= 155 && bytes.length - i - 1 <= 100 && bytes.length - i - 1 > 0) return [bytes.subarray(0, i), bytes.subarray(i + 1)]
  }
  throw new NineError('ENAMETOOLONG', name)
}

function put(h: Uint8Array, at: number, width: number, bytes: Uint8Array): void {
  h.set(bytes.subarray(0, width), at)
}

/** `value` as zero-padded octal digits and a NUL in `width` bytes. */
function octal(h: Uint8Array, at: number, width: number, value: number): void {
  put(h, at, width, encoder.encode(`${value.toString(8).padStart(width - 1, '0')}\0`))
}

/** The files and directories a copy-on-write session added or changed, as a tar (removals cannot be told in one: see Overlay.changes). */
export async function changesTar(overlay: Overlay): Promise<Uint8Array> {
  const entries: TarEntry[] = []
  for (const c of await overlay.changes()) {
    if (c.dir === undefined) continue
    const data = c.dir.mode & DMDIR ? undefined : await overlay.readChanged(c.path)
    entries.push({ name: c.path.slice(1), dir: c.dir, ...(data ? { data } : {}) })
  }
  return ustar(entries)
}
