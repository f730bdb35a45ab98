/**
 * zip: add files (and with -r, directories' contents) to a zip archive, as Info-ZIP's zip. A file
 * is deflated in pieces with a turn for the host between, once, and stored instead when that
 * does not make it smaller; members kept from the archive are copied as they are.
 */
import { Deflate, Zip, ZipPassThrough, type ZipInputFile } from 'fflate'
import { concatBytes } from '../../kernel/bytes.ts'
import type { Dir, ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, UsageError } from '../lib.ts'
import { childPath, isDir } from '../util/files.ts'
import { readZip, ZipFormatError, type ZipMember } from '../util/ziparchive.ts'
import { wholeMax } from '../util/gzipwhole.ts'

const USAGE = '[-rqj0-9] archive[.zip] file ...'

export const zip = command({
  name: 'zip',
  usage: USAGE,
  summary: 'package and compress files into a zip archive',
  help: '  -r  recurse into directories   -j  junk paths (store names only)\n  -q  quiet   -0 store only .. -9 compress better (default -6)',
  async run(proc): Promise<ExitCode> {
    let recurse = false
    let quiet = false
    let junk = false
    let level = 6
    const operands: string[] = []
    for (const arg of proc.argv.slice(1)) {
      if (arg.startsWith('-') && arg.length > 1 && operands.length === 0) {
        for (const c of arg.slice(1)) {
          if (c === 'r') recurse = true
          else if (c === 'q') quiet = true
          else if (c === 'j') junk = true
          else if (c >= '0' && c <= '9') level = Number(c)
          else throw new UsageError(`invalid option -- '${c}'`)
        }
      } else operands.push(arg)
    }
    if (operands.length < 1) throw new UsageError('no archive named')
    let archive = operands[0]!
    if (!/\.[^/]*$/.test(archive.slice(archive.lastIndexOf('/') + 1))) archive += '.zip'
    // what the archive will hold, by name in the order zip writes them: members kept from the
    // archive as they are (not inflated), and files read now (deflated once, with turns between pieces)
    const members = new Map<string, ZipInputFile>()
    const old = await proc.readFile(archive).catch(() => undefined)
    if (old) {
      try {
        for (const m of readZip(old, wholeMax(proc))) members.set(m.name, kept(m))
      } catch (e) {
        if (!(e instanceof ZipFormatError)) throw e
        await proc.stderr.write(`\nzip error: Zip file structure invalid (${archive})\n`)
        return 3
      }
    }
    let added = 0
    const lines: string[] = []
    const add = async (path: string, dir: Dir): Promise<void> => {
      let name = path.replace(/^(\.\/)+/, '').replace(/^\/+/, '')
      if (junk) name = name.slice(name.lastIndexOf('/') + 1)
      if (isDir(dir)) {
        if (!junk) {
          name = name.endsWith('/') ? name : name + '/'
          lines.push(`${members.has(name) ? 'updating' : '  adding'}: ${name} (stored 0%)\n`)
          members.set(name, await read(proc, name, new Uint8Array(0), dir, 0))
          added++
        }
        if (!recurse) return
        for (const child of await proc.readdir(path)) await add(childPath(path, child.name), child)
        return
      }
      const member = await read(proc, name, await proc.readFile(path), dir, level)
      // stored when deflating does not make it smaller, as zip does
      const percent = member.compression === 8 ? Math.round(((member.size - member.packedSize) * 100) / member.size) : 0
      lines.push(`${members.has(name) ? 'updating' : '  adding'}: ${name} (${member.compression === 8 ? 'deflated' : 'stored'} ${percent}%)\n`)
      members.set(name, member)
      added++
    }
    for (const path of operands.slice(1)) {
      let dir: Dir
      try {
        dir = await proc.stat(path)
      } catch {
        await proc.stderr.write(`\tzip warning: name not matched: ${path}\n`)
        continue
      }
      await add(path, dir)
    }
    if (added === 0) {
      await proc.stderr.write(`\nzip error: Nothing to do! (${archive})\n`)
      return 12
    }
    await proc.writeFile(archive, await written(proc, members))
    if (!quiet) await proc.stdout.write(lines.join(''))
    return 0
  },
})

/** The piece a file is deflated and added in between turns for the host. */
const PIECE = 1 << 16

/** A member read now: its source bytes, and the deflated ones where they are smaller. */
interface NewMember extends ZipInputFile {
  packedSize: number
  source: Uint8Array
  packed: Uint8Array<ArrayBuffer>[]
}

/** Deflates `data` at `level` (0: stores it), a piece at a time. */
async function read(proc: ProcContext, name: string, data: Uint8Array, dir: Dir, level: number): Promise<NewMember> {
  const packed: Uint8Array<ArrayBuffer>[] = []
  let packedSize = 0
  if (level > 0 && data.length > 0) {
    const deflate = new Deflate({ level: level as 6 }, (chunk) => {
      packed.push(chunk)
      packedSize += chunk.length
    })
    for (let at = 0; at < data.length; at += PIECE) {
      deflate.push(data.subarray(at, at + PIECE), at + PIECE >= data.length)
      await proc.yield()
    }
  }
  const deflated = packedSize > 0 && packedSize < data.length
  return {
    filename: name,
    size: data.length,
    crc: 0,
    compression: deflated ? 8 : 0,
    mtime: dir.mtime * 1000,
    os: 3,
    attrs: ((dir.mode & 0o7777) | (isDir(dir) ? 0o040000 : 0o100000)) << 16,
    packedSize: deflated ? packedSize : data.length,
    source: data,
    packed: deflated ? packed : [],
  }
}

/**
 * A member whose deflated bytes are ready, as fflate's pass-through stream is meant to be
 * extended: the source pushed through it counts its CRC and size; the deflated bytes go out at
 * its end.
 */
class Predeflated extends ZipPassThrough {
  constructor(
    name: string,
    private readonly packed: Uint8Array<ArrayBuffer>[],
  ) {
    super(name)
    this.compression = 8
  }

  protected override process(_chunk: Uint8Array, final: boolean): void {
    if (final) this.packed.forEach((c, i) => this.ondata(null, c, i === this.packed.length - 1))
  }
}

/** A member kept from the archive: its bytes as they were compressed, its CRC as the archive gave it. */
function kept(m: ZipMember): ZipInputFile & { raw: Uint8Array } {
  return { filename: m.name, size: m.size, crc: m.crc, compression: m.method, mtime: m.mtime * 1000, raw: m.raw() }
}

/**
 * The archive's bytes. A new member's source goes through fflate's pass-through stream a piece
 * at a time (which counts its CRC and size) and its deflated bytes go out at its end; a kept one
 * goes out as it was.
 */
async function written(proc: ProcContext, members: Map<string, ZipInputFile>): Promise<Uint8Array> {
  const out: Uint8Array[] = []
  const zip = new Zip((err, chunk) => {
    if (err) throw err
    out.push(chunk)
  })
  for (const member of members.values()) {
    if ('source' in member) {
      const m = member as NewMember
      const stream = m.compression === 8 ? new Predeflated(m.filename, m.packed) : new ZipPassThrough(m.filename)
      Object.assign(stream, { mtime: m.mtime, os: m.os, attrs: m.attrs })
      zip.add(stream)
      for (let at = 0; at < m.source.length; at += PIECE) {
        stream.push(m.source.subarray(at, at + PIECE), at + PIECE >= m.source.length)
        await proc.yield()
      }
      if (m.source.length === 0) stream.push(new Uint8Array(0), true)
    } else {
      const k = member as ZipInputFile & { raw: Uint8Array }
      zip.add(k)
      // (the archive's bytes, read from a file: an ArrayBuffer's)
      k.ondata!(null, k.raw as Uint8Array<ArrayBuffer>, true)
    }
  }
  zip.end()
  return concatBytes(out)
}
