/**
 * xxd: a hex dump (and back, with -r): 16 bytes a line, grouped in pairs, with an ASCII column.
 * Both ways stream: a read's bytes are written out as lines before the next read, with turns for
 * the host between, so a dump of any size holds neither the memory of its text nor the host.
 */
import { reasonOf } from '../../kernel/errors.ts'
import { OTRUNC, OWRITE, type ProcContext } from '../../kernel/types.ts'
import { command, parseArgs, UsageError } from '../lib.ts'
import { BlockReader } from '../util/files.ts'
import { ByteOutput, LineBatches } from '../util/textio.ts'

const DIGITS = '0123456789abcdef'
const DOT = 0x2e

interface Layout {
  cols: number
  group: number
  plain: boolean
  /** The digits of the hex columns: lower or (-u) upper case, as byte codes. */
  digits: Uint8Array
}

/** Lines between offers of a turn to the host (a line is about a microsecond of work). */
const LINES_BETWEEN_TURNS = 4096

/** Writes the dump lines of `data` rows into `out`, a line at a time from one reused buffer. */
class Dumper {
  private readonly row: Uint8Array
  private rowLength = 0
  private readonly line: Uint8Array
  private lines = 0

  constructor(
    private readonly proc: ProcContext,
    private readonly out: ByteOutput,
    private readonly layout: Layout,
    /** The offset of the next row's first byte. */
    private offset: number,
  ) {
    this.row = new Uint8Array(layout.cols)
    // offset (up to 16 digits), ": ", the hex columns with their spaces, two spaces, the text, a newline
    this.line = new Uint8Array(18 + layout.cols * 3 + 2 + layout.cols + 1)
  }

  /** Takes bytes; each full row becomes a line. */
  async take(chunk: Uint8Array): Promise<void> {
    let at = 0
    while (at < chunk.length) {
      const n = Math.min(this.layout.cols - this.rowLength, chunk.length - at)
      this.row.set(chunk.subarray(at, at + n), this.rowLength)
      this.rowLength += n
      at += n
      if (this.rowLength === this.layout.cols) await this.emit()
    }
  }

  /** The last, short row. */
  async end(): Promise<void> {
    if (this.rowLength > 0) await this.emit()
  }

  private async emit(): Promise<void> {
    const { cols, group, plain, digits } = this.layout
    const line = this.line
    const row = this.row
    let p = 0
    if (!plain) {
      const offset = this.offset.toString(16).padStart(8, '0')
      for (let i = 0; i < offset.length; i++) line[p++] = offset.charCodeAt(i)
      line[p++] = 0x3a
      line[p++] = 0x20
    }
    for (let i = 0; i < (plain ? this.rowLength : cols); i++) {
      if (i < this.rowLength) {
        line[p++] = digits[row[i]! >> 4]!
        line[p++] = digits[row[i]! & 15]!
      } else {
        line[p++] = 0x20
        line[p++] = 0x20
      }
      if (!plain && group > 0 && (i + 1) % group === 0 && i + 1 < cols) line[p++] = 0x20
    }
    if (!plain) {
      line[p++] = 0x20
      line[p++] = 0x20
      for (let i = 0; i < this.rowLength; i++) line[p++] = row[i]! >= 32 && row[i]! < 127 ? row[i]! : DOT
    }
    line[p++] = 0x0a
    this.out.bytes(line, 0, p)
    this.offset += this.rowLength
    this.rowLength = 0
    if (this.out.full) await this.out.flush()
    if (++this.lines % LINES_BETWEEN_TURNS === 0) await this.proc.yield()
  }
}

/** The dump of `fd` from `seek`, at most `length` bytes: only what it shows is read (`xxd -l 16 /dev/random` ends). */
async function dump(proc: ProcContext, fd: number, out: ByteOutput, layout: Layout, seek: number, length: number): Promise<void> {
  const reader = new BlockReader(proc, fd, 1 << 16)
  const dumper = new Dumper(proc, out, layout, seek)
  let skip = seek
  let left = length
  while (left > 0) {
    let chunk = await reader.next()
    if (chunk.length === 0) break
    if (skip > 0) {
      const n = Math.min(skip, chunk.length)
      skip -= n
      chunk = chunk.subarray(n)
    }
    if (chunk.length > left) chunk = chunk.subarray(0, left)
    left -= chunk.length
    await dumper.take(chunk)
  }
  await dumper.end()
}

/** -r: hex digits back to bytes, a line at a time; in a normal dump only the hex columns between the offset and the text count. */
async function reverse(proc: ProcContext, fd: number, out: ByteOutput, plain: boolean): Promise<void> {
  let pending = -1
  const bytes = new Uint8Array(1)
  for await (const batch of new LineBatches(proc, fd)) {
    for (let line of batch) {
      if (!plain) {
        const colon = line.indexOf(':')
        if (colon < 0) continue
        // the text column follows two spaces
        line = line.slice(colon + 1)
        const gap = line.indexOf('  ')
        if (gap >= 0) line = line.slice(0, gap)
        pending = -1
      }
      for (let i = 0; i < line.length; i++) {
        const d = DIGITS.indexOf(line[i]!.toLowerCase())
        if (d < 0) continue
        if (pending < 0) pending = d
        else {
          bytes[0] = (pending << 4) | d
          out.bytes(bytes, 0, 1)
          pending = -1
        }
      }
    }
    if (out.full) await out.flush()
    await proc.yield()
  }
}

/** The input's descriptor, or why it cannot be opened. */
async function openInput(proc: ProcContext, name: string | undefined): Promise<number | string> {
  if (name === undefined || name === '-') return 0
  try {
    return await proc.open(name)
  } catch (e) {
    return `${name}: ${reasonOf(e)}`
  }
}

export const xxd = command({
  name: 'xxd',
  usage: '[-p] [-r] [-u] [-c cols] [-g bytes] [-l len] [-s seek] [infile [outfile]]',
  summary: 'make a hex dump, or turn one back into bytes',
  help: '  -p  plain: hex only, 30 bytes a line   -r  reverse (a plain or normal dump back to bytes)\n  -c N  bytes a line (16)   -g N  bytes a group (2)   -l N  stop after N bytes   -s N  start at N   -u  upper-case hex',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'prui:c:g:l:s:')
    if (operands.length > 2) throw new UsageError(`too many arguments`)
    const num = (v: string | true | undefined, fallback: number): number => {
      if (typeof v !== 'string') return fallback
      const n = Number(v)
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`invalid number '${v}'`)
      return n
    }
    const seek = num(flags.s, 0)
    const length = num(flags.l, Infinity)
    const plain = flags.p === true
    const layout: Layout = {
      cols: num(flags.c, plain ? 30 : 16) || 16,
      group: num(flags.g, 2),
      plain,
      digits: new TextEncoder().encode(flags.u ? DIGITS.toUpperCase() : DIGITS),
    }
    const input = await openInput(proc, operands[0])
    if (typeof input === 'string') {
      // xxd's status for an input it cannot open
      await proc.stderr.write(`xxd: ${input}\n`)
      return 2
    }
    let output = 1
    try {
      if (operands[1] !== undefined) output = await proc.create(operands[1], 0o666, OWRITE | OTRUNC)
      const out = new ByteOutput(proc, output)
      if (flags.r) await reverse(proc, input, out, plain)
      else await dump(proc, input, out, layout, seek, length)
      await out.flush()
    } finally {
      if (input !== 0) await proc.close(input).catch(() => {})
      if (output !== 1) await proc.close(output).catch(() => {})
    }
    return 0
  },
})
