/**
 * The tar format: ustar headers written, and read back together with the GNU long-name and
 * pax extensions other tars write. Archives are whole byte arrays: tar streams are read once
 * start to end, and ninefold's files live in memory anyway.
 */

export const BLOCK = 512

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other'

export interface TarEntry {
  name: string
  type: EntryType
  mode: number
  uid: number
  gid: number
  uname: string
  gname: string
  /** Seconds since the epoch. */
  mtime: number
  linkname: string
  data: Uint8Array
  /** In an archive read: where the entry's blocks end (its data's padding included). */
  end?: number
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

function putString(block: Uint8Array, at: number, width: number, s: string | Uint8Array): void {
  const bytes = typeof s === 'string' ? encoder.encode(s) : s
  block.set(bytes.subarray(0, width), at)
}

/** An octal field: digits, zero-padded, then a NUL. */
function putOctal(block: Uint8Array, at: number, width: number, n: number): void {
  putString(block, at, width, Math.max(0, Math.floor(n)).toString(8).padStart(width - 1, '0').slice(-(width - 1)) + '\0')
}

function header(name: Uint8Array, prefix: Uint8Array, e: Omit<TarEntry, 'name' | 'data'>, size: number, flag: string): Uint8Array {
  const block = new Uint8Array(BLOCK)
  block.set(name.subarray(0, 100), 0)
  putOctal(block, 100, 8, e.mode & 0o7777)
  putOctal(block, 108, 8, e.uid)
  putOctal(block, 116, 8, e.gid)
  putOctal(block, 124, 12, size)
  putOctal(block, 136, 12, e.mtime)
  block[156] = flag.charCodeAt(0)
  putString(block, 157, 100, e.linkname)
  putString(block, 257, 8, 'ustar\u000000')
  putString(block, 265, 32, e.uname)
  putString(block, 297, 32, e.gname)
  block.set(prefix.subarray(0, 155), 345)
  // the checksum is summed with its own field as spaces
  block.fill(32, 148, 156)
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += block[i]!
  putString(block, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ')
  return block
}

const FLAGS: Record<EntryType, string> = { file: '0', hardlink: '1', symlink: '2', dir: '5', other: '0' }

/** Splits a long name into ustar's prefix and name at a slash, when it fits. */
function split(name: Uint8Array): [Uint8Array, Uint8Array] | undefined {
  if (name.length <= 100) return [new Uint8Array(0), name]
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== 47) continue
    if (i <= 155 && name.length - i - 1 <= 100 && name.length - i - 1 > 0) return [name.subarray(0, i), name.subarray(i + 1)]
    if (i < name.length - 101) return undefined
  }
  return undefined
}

const padding = (n: number): number => (BLOCK - (n % BLOCK)) % BLOCK

/** The blocks of one entry, a GNU long-name record first when ustar cannot hold the name. */
export function entryBlocks(entry: TarEntry): Uint8Array[] {
  const out: Uint8Array[] = []
  const name = encoder.encode(entry.name)
  let parts = split(name)
  if (parts === undefined) {
    const long = new Uint8Array(name.length + 1)
    long.set(name)
    out.push(header(encoder.encode('././@LongLink'), new Uint8Array(0), { ...entry, mode: 0o644, linkname: '' }, long.length, 'L'))
    out.push(long, new Uint8Array(padding(long.length)))
    parts = [new Uint8Array(0), name.subarray(0, 100)]
  }
  const size = entry.type === 'file' ? entry.data.length : 0
  out.push(header(parts[1], parts[0], entry, size, FLAGS[entry.type]))
  if (size > 0) out.push(entry.data, new Uint8Array(padding(size)))
  return out
}

/** The end of an archive: two zero blocks. */
export const TRAILER = new Uint8Array(2 * BLOCK)

export class TarFormatError extends Error {}

function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0)
  return decoder.decode(nul < 0 ? bytes : bytes.subarray(0, nul))
}

/** An octal field, or GNU's base-256 form for values too large for it. */
function number(bytes: Uint8Array): number {
  if (bytes[0]! & 0x80) {
    let n = bytes[0]! & 0x7f
    for (let i = 1; i < bytes.length; i++) n = n * 256 + bytes[i]!
    return n
  }
  const text = cString(bytes).trim()
  if (text === '') return 0
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError('This does not look like a tar archive')
  return parseInt(text, 8)
}

function paxRecords(data: Uint8Array): Record<string, string> {
  const records: Record<string, string> = {}
  const text = decoder.decode(data)
  let at = 0
  while (at < text.length) {
    const space = text.indexOf(' ', at)
    const length = Number(text.slice(at, space))
    if (space < 0 || !Number.isInteger(length) || length <= 0) break
    const record = text.slice(space + 1, at + length - 1)
    const eq = record.indexOf('=')
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1)
    at += length
  }
  return records
}

/** Every entry of an archive, in order. Throws TarFormatError on what is not a tar archive. */
export function* readTar(archive: Uint8Array): Generator<TarEntry> {
  let at = 0
  let longName: string | undefined
  let longLink: string | undefined
  let pax: Record<string, string> = {}
  while (at + BLOCK <= archive.length) {
    const block = archive.subarray(at, at + BLOCK)
    if (block.every((b) => b === 0)) return
    let sum = 0
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!
    if (number(block.subarray(148, 156)) !== sum) throw new TarFormatError('This does not look like a tar archive')
    const size = number(block.subarray(124, 136))
    const flag = String.fromCharCode(block[156]!)
    const start = at + BLOCK
    if (start + size > archive.length) throw new TarFormatError('Unexpected EOF in archive')
    const data = archive.subarray(start, start + size)
    at = start + size + padding(size)
    if (flag === 'L') longName = cString(data)
    else if (flag === 'K') longLink = cString(data)
    else if (flag === 'x') pax = { ...pax, ...paxRecords(data) }
    else if (flag === 'g') continue
    else {
      const prefix = cString(block.subarray(345, 500))
      const plain = cString(block.subarray(0, 100))
      const magic = cString(block.subarray(257, 263))
      const name = pax['path'] ?? longName ?? (magic === 'ustar' && prefix ? `${prefix}/${plain}` : plain)
      const type: EntryType = flag === '0' || flag === '\0' || flag === '7' ? (name.endsWith('/') ? 'dir' : 'file') : flag === '5' ? 'dir' : flag === '2' ? 'symlink' : flag === '1' ? 'hardlink' : 'other'
      yield {
        name,
        type,
        mode: number(block.subarray(100, 108)),
        uid: number(block.subarray(108, 116)),
        gid: number(block.subarray(116, 124)),
        uname: cString(block.subarray(265, 297)),
        gname: cString(block.subarray(297, 329)),
        mtime: pax['mtime'] !== undefined ? Math.floor(Number(pax['mtime'])) : number(block.subarray(136, 148)),
        linkname: pax['linkpath'] ?? longLink ?? cString(block.subarray(157, 257)),
        data,
        end: at,
      }
      longName = longLink = undefined
      pax = {}
    }
  }
}
