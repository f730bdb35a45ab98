/**
 * Reading zip archives: the central directory gives each member's name, sizes, method and
 * time (the extended timestamp where there is one, else the DOS time); members are inflated
 * with fflate. (fflate's own unzip keeps no times, which `unzip -l` shows.)
 */
import { Inflate } from 'fflate'

export interface ZipMember {
  name: string
  method: number
  size: number
  compressedSize: number
  /** Seconds since the epoch, read as UTC (zip keeps local time without a zone). */
  mtime: number
  /** Unix permission bits, when the archive was made on Unix. */
  mode: number | undefined
  /** The CRC-32 of its bytes, as the central directory gives it. */
  crc: number
  /** The member's bytes, inflated on demand a piece at a time, with `turn` (a turn for the host) between pieces. */
  data(turn: () => Promise<void>): Promise<Uint8Array>
  /** The member's bytes as the archive holds them (compressed by `method`). */
  raw(): Uint8Array
}

export class ZipFormatError extends Error {}

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8)
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0

function dosTime(date: number, time: number): number {
  const year = 1980 + (date >> 9)
  const month = ((date >> 5) & 15) - 1
  const day = date & 31
  return Date.UTC(year, month, day, time >> 11, (time >> 5) & 63, (time & 31) * 2) / 1000
}

/**
 * The modification time of an "extended timestamp" extra field (0x5455), which Info-ZIP writes
 * and prefers: whole seconds, where the DOS time is rounded up to even ones.
 */
function unixTime(extra: Uint8Array): number | undefined {
  for (let at = 0; at + 4 <= extra.length;) {
    const size = u16(extra, at + 2)
    if (u16(extra, at) === 0x5455 && size >= 5 && at + 9 <= extra.length && (extra[at + 4]! & 1) !== 0) return u32(extra, at + 5) | 0
    at += 4 + size
  }
  return undefined
}

/** The piece of compressed bytes inflated between turns for the host. */
const PIECE = 1 << 16

/** Deflated bytes inflated a piece at a time into `size` bytes; more than `size` is an error (a hostile archive's lie). */
async function inflated(raw: Uint8Array, size: number, name: string, turn: () => Promise<void>): Promise<Uint8Array> {
  const out = new Uint8Array(size)
  let at = 0
  const inflate = new Inflate((chunk) => {
    if (at + chunk.length > size) throw new ZipFormatError(`${name}: more bytes than the ${size} its header says`)
    out.set(chunk, at)
    at += chunk.length
  })
  for (let from = 0; from < raw.length; from += PIECE) {
    inflate.push(raw.subarray(from, from + PIECE), from + PIECE >= raw.length)
    await turn()
  }
  return at === size ? out : out.subarray(0, at)
}

/** The members of `archive`; one that says it is larger than `max` bytes uncompressed is refused when its data is asked for. */
export function readZip(archive: Uint8Array, max: number): ZipMember[] {
  // the end-of-central-directory record: within the last 64 KiB + 22 bytes
  let end = -1
  for (let at = archive.length - 22; at >= Math.max(0, archive.length - 65557); at--) {
    if (u32(archive, at) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) throw new ZipFormatError('End-of-central-directory signature not found')
  const count = u16(archive, end + 10)
  let at = u32(archive, end + 16)
  const decoder = new TextDecoder()
  const members: ZipMember[] = []
  for (let i = 0; i < count; i++) {
    if (at + 46 > archive.length || u32(archive, at) !== 0x02014b50) throw new ZipFormatError('bad central directory')
    const method = u16(archive, at + 10)
    const compressedSize = u32(archive, at + 20)
    const size = u32(archive, at + 24)
    const nameLength = u16(archive, at + 28)
    const extraLength = u16(archive, at + 30)
    const commentLength = u16(archive, at + 32)
    const madeOnUnix = archive[at + 5] === 3
    const external = u32(archive, at + 38)
    const local = u32(archive, at + 42)
    const name = decoder.decode(archive.subarray(at + 46, at + 46 + nameLength))
    const extra = archive.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength)
    const mtime = unixTime(extra) ?? dosTime(u16(archive, at + 14), u16(archive, at + 12))
    const raw = (): Uint8Array => {
      if (local + 30 > archive.length || u32(archive, local) !== 0x04034b50) throw new ZipFormatError('bad local header')
      const start = local + 30 + u16(archive, local + 26) + u16(archive, local + 28)
      return archive.subarray(start, start + compressedSize)
    }
    members.push({
      name, method, size, compressedSize, mtime, raw,
      mode: madeOnUnix && external >>> 16 !== 0 ? (external >>> 16) & 0o7777 : undefined,
      crc: u32(archive, at + 16),
      async data(turn: () => Promise<void>): Promise<Uint8Array> {
        if (method === 0) return raw()
        // the size is the archive's word: a few hostile bytes may claim gigabytes
        if (size > max) throw new ZipFormatError(`${name}: ${size} bytes uncompressed, more than the ${max} an archive member may be here (the limit of stored bytes)`)
        if (method === 8) return inflated(raw(), size, name, turn)
        throw new ZipFormatError(`unsupported compression method ${method}`)
      },
    })
    at += 46 + nameLength + extraLength + commentLength
  }
  return members
}
