/** dd: copy blocks between files: if=, of=, bs=/ibs=/obs=, count=, skip=, seek=, conv=, status=. */
import { isNineError } from '../../kernel/errors.ts'
import { OWRITE, type ExitCode, type ProcContext } from '../../kernel/types.ts'
import { command, UsageError } from '../lib.ts'
import { readUpTo } from '../util/readupto.ts'

/** A dd size: digits with an optional multiplier (c w b k K M G, kB MB GB, xN products). */
function size(key: string, text: string): number {
  let total = 1
  for (const part of text.split('x')) {
    const m = /^(\d+)(c|w|b|kB|KB|K|k|KiB|MB|M|MiB|GB|G|GiB)?$/.exec(part)
    if (!m) throw new UsageError(`invalid number: '${text}'`)
    const unit: Record<string, number> = { '': 1, c: 1, w: 2, b: 512, kB: 1000, KB: 1000, K: 1024, k: 1024, KiB: 1024, MB: 1e6, M: 1048576, MiB: 1048576, GB: 1e9, G: 1073741824, GiB: 1073741824 }
    total *= Number(m[1]) * unit[m[2] ?? '']!
  }
  if ((key === 'bs' || key === 'ibs' || key === 'obs') && total === 0) throw new UsageError(`invalid number: '${text}'`)
  return total
}

function human(bytes: number): string {
  const units = ['kB', 'MB', 'GB', 'TB']
  const binary = ['KiB', 'MiB', 'GiB', 'TiB']
  let i = -1
  let n = bytes
  let m = bytes
  while (n >= 1000 && i < 3) {
    n /= 1000
    m /= 1024
    i++
  }
  return `${oneDecimal(n)} ${units[i]}, ${oneDecimal(m)} ${binary[i]}`
}

/** GNU's short figures: one decimal below 10, none above. */
const oneDecimal = (x: number): string => (x < 10 ? x.toFixed(1) : String(Math.round(x)))

/** The transfer rate as GNU writes it: 852 MB/s, 1.4 GB/s (powers of 1000). */
function rate(bytes: number, seconds: number): string {
  let r = bytes / Math.max(seconds, 1e-9)
  const units = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s']
  let i = 0
  while (r >= 1000 && i < units.length - 1) {
    r /= 1000
    i++
  }
  return `${oneDecimal(r)} ${units[i]}`
}

export const dd = command({
  name: 'dd',
  usage: '[if=file] [of=file] [bs=n] [ibs=n] [obs=n] [count=n] [skip=n] [seek=n] [conv=notrunc,ucase,lcase,sync] [status=none|noxfer|progress]',
  summary: 'convert and copy a file',
  help: '  sizes take c w b K M G (1024s) or kB MB GB (1000s) suffixes',
  async run(proc): Promise<ExitCode> {
    const o: Record<string, string> = {}
    for (const arg of proc.argv.slice(1)) {
      const eq = arg.indexOf('=')
      if (eq < 0) throw new UsageError(`unrecognized operand '${arg}'`)
      const key = arg.slice(0, eq)
      if (!['if', 'of', 'bs', 'ibs', 'obs', 'count', 'skip', 'seek', 'conv', 'status', 'iflag', 'oflag'].includes(key)) throw new UsageError(`unrecognized operand '${arg}'`)
      o[key] = arg.slice(eq + 1)
    }
    const ibs = size('ibs', o['bs'] ?? o['ibs'] ?? '512')
    const obs = size('obs', o['bs'] ?? o['obs'] ?? '512')
    const count = o['count'] !== undefined ? size('count', o['count']) : Infinity
    const skip = o['skip'] !== undefined ? size('skip', o['skip']) : 0
    const seek = o['seek'] !== undefined ? size('seek', o['seek']) : 0
    const conv = new Set((o['conv'] ?? '').split(',').filter((c) => c !== ''))
    for (const c of conv) if (!['notrunc', 'ucase', 'lcase', 'sync', 'noerror', 'fsync', 'fdatasync'].includes(c)) throw new UsageError(`invalid conversion: '${c}'`)
    const status = o['status'] ?? 'default'
    const started = performance.now()
    let fd = 0
    if (o['if'] !== undefined) {
      try {
        fd = await proc.open(o['if'])
      } catch (e) {
        await proc.stderr.write(`dd: failed to open '${o['if']}': ${e instanceof Error ? e.message : String(e)}\n`)
        return 1
      }
    }
    let input: Uint8Array
    try {
      // only what skip= and count= take: `if=/dev/zero bs=1M count=1` ends
      input = await readUpTo(proc, fd, (skip + count) * ibs)
    } catch (e) {
      await proc.stderr.write(`dd: error reading '${o['if'] ?? 'standard input'}': ${e instanceof Error ? e.message : String(e)}\n`)
      return 1
    } finally {
      if (fd !== 0) await proc.close(fd)
    }
    // input blocks: full ones, then a last partial one
    const blocks: Uint8Array[] = []
    for (let at = skip * ibs; at < input.length && blocks.length < count; at += ibs) blocks.push(input.subarray(at, at + ibs))
    const fullIn = blocks.filter((b) => b.length === ibs).length
    const partialIn = blocks.length - fullIn
    let data = new Uint8Array(blocks.reduce((n, b) => n + (conv.has('sync') ? ibs : b.length), 0))
    let at = 0
    for (const b of blocks) {
      data.set(b, at)
      at += conv.has('sync') ? ibs : b.length
    }
    if (conv.has('ucase') || conv.has('lcase')) {
      const upper = conv.has('ucase')
      data = data.map((c) => (upper && c >= 97 && c <= 122 ? c - 32 : !upper && c >= 65 && c <= 90 ? c + 32 : c))
    }
    // with bs=, each input block is written as it came; otherwise output is reblocked by obs
    const outBlocks = o['bs'] !== undefined ? blocks.map((b) => (conv.has('sync') ? ibs : b.length)) : chunkSizes(data.length, obs)
    const fullOut = outBlocks.filter((n) => n === obs).length
    try {
      if (o['of'] === undefined) await proc.write(1, data)
      else await writeOut(proc, o['of'], data, seek * obs, conv.has('notrunc'))
    } catch (e) {
      await proc.stderr.write(`dd: failed to open '${o['of']}': ${e instanceof Error ? e.message : String(e)}\n`)
      return 1
    }
    if (status !== 'none') {
      let report = `${fullIn}+${partialIn} records in\n${fullOut}+${outBlocks.length - fullOut} records out\n`
      const seconds = (performance.now() - started) / 1000
      if (status !== 'noxfer') report += `${data.length} bytes${data.length >= 1000 ? ` (${human(data.length)})` : ''} copied, ${Number(seconds.toPrecision(6))} s, ${rate(data.length, seconds)}\n`
      await proc.stderr.write(report)
    }
    return 0
  },
})

function chunkSizes(total: number, size: number): number[] {
  const out: number[] = []
  for (let at = 0; at < total; at += size) out.push(Math.min(size, total - at))
  return out
}

/** Writes at `offset`; without notrunc the file ends where the copy does (what lay before the offset stays). */
async function writeOut(proc: ProcContext, path: string, data: Uint8Array, offset: number, notrunc: boolean): Promise<void> {
  let before: Uint8Array = new Uint8Array(0)
  let after: Uint8Array = new Uint8Array(0)
  try {
    const old = await proc.readFile(path)
    before = old.subarray(0, offset)
    if (notrunc) after = old.subarray(offset + data.length)
  } catch (e) {
    if (!isNineError(e, 'ENOENT')) throw e
  }
  const whole = new Uint8Array(Math.max(offset, before.length) + data.length + after.length)
  whole.set(before)
  whole.set(data, offset)
  whole.set(after, offset + data.length)
  const fd = await proc.create(path, 0o666, OWRITE)
  try {
    await proc.write(fd, whole)
  } finally {
    await proc.close(fd)
  }
}
