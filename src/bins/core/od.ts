/** od: dump files in octal, hexadecimal, decimal or as characters (-t types, -A radix, -j, -N, -w, -v). */
import { command, parseArgs, UsageError } from '../lib.ts'
import { readInputsUpTo } from '../util/readupto.ts'
import { OutputBuffer } from '../util/textio.ts'

interface Format {
  size: number
  /** Characters each value takes, before the separating space. */
  width: number
  render(data: Uint8Array, at: number): string
}

const NAMED: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' }
const ASCII_NAMES = ['nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'nl', 'vt', 'ff', 'cr', 'so', 'si', 'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us', 'sp']

/** Little-endian, as BigInt: eight-byte values do not fit a double. */
function unsigned(data: Uint8Array, at: number, size: number): bigint {
  let n = 0n
  for (let i = size - 1; i >= 0; i--) n = n * 256n + BigInt(data[at + i] ?? 0)
  return n
}

function format(spec: string): Format[] {
  const out: Format[] = []
  let rest = spec
  while (rest !== '') {
    const m = /^([xoduca])(\d*|[CSIL])?/.exec(rest)
    if (!m) throw new UsageError(`invalid type string '${spec}'`)
    rest = rest.slice(m[0].length)
    const kind = m[1]!
    if (kind === 'c') {
      out.push({ size: 1, width: 3, render: (d, at) => {
        const b = d[at]!
        return NAMED[b] ?? (b >= 32 && b < 127 ? String.fromCharCode(b) : b.toString(8).padStart(3, '0'))
      } })
      continue
    }
    if (kind === 'a') {
      out.push({ size: 1, width: 3, render: (d, at) => {
        const b = d[at]! & 127
        return b <= 32 ? ASCII_NAMES[b]! : b === 127 ? 'del' : String.fromCharCode(b)
      } })
      continue
    }
    const letters: Record<string, number> = { C: 1, S: 2, I: 4, L: 8 }
    const size = m[2] ? (letters[m[2]] ?? Number(m[2])) : kind === 'x' || kind === 'o' || kind === 'd' || kind === 'u' ? 4 : 1
    if (![1, 2, 4, 8].includes(size)) throw new UsageError(`invalid type string '${spec}'; this system doesn't provide a ${size}-byte integral type`)
    const max = 2n ** BigInt(8 * size)
    const radix = kind === 'x' ? 16 : kind === 'o' ? 8 : 10
    const width = kind === 'd' ? String(-(max / 2n)).length : (max - 1n).toString(radix).length
    out.push({ size, width, render: (d, at) => {
      let n = unsigned(d, at, size)
      if (kind === 'd' && n >= max / 2n) n -= max
      const text = n.toString(radix)
      return radix === 10 ? text : text.padStart(width, '0')
    } })
  }
  return out
}

export const od = command({
  name: 'od',
  long: { 'address-radix': 'A:', 'skip-bytes': 'j:', 'read-bytes': 'N:', format: 't:', 'output-duplicates': 'v', width: 'w:' },
  usage: '[-A radix] [-t type] [-bcdoxv] [-j skip] [-N count] [-w width] [file ...]',
  summary: 'dump files in octal and other formats',
  help: '  -t TYPE  x, o, d, u (sizes 1 2 4 8), c (characters), a (named)   -A d|o|x|n  offsets\n  -b = -t o1   -c = -t c   -d = -t u2   -o = -t o2   -x = -t x2   -j N skip   -N N count   -w N bytes a line   -v no * for repeats',
  async run(proc) {
    const { flags, values, operands } = parseArgs(proc.argv, 'A:t:bcdoxvj:N:w:', { permute: true })
    const formats: Format[] = []
    // the short options and -t in the order given
    for (const arg of proc.argv.slice(1)) {
      if (arg === '--') break
      if (!arg.startsWith('-') || arg.startsWith('-t') || arg.startsWith('-A') || arg.startsWith('-j') || arg.startsWith('-N') || arg.startsWith('-w')) continue
      for (const c of arg.slice(1)) {
        const spec = { b: 'o1', c: 'c', d: 'u2', o: 'o2', x: 'x2' }[c as 'b']
        if (spec) formats.push(...format(spec))
      }
    }
    for (const t of values.t ?? []) formats.push(...format(t))
    if (formats.length === 0) formats.push(...format('o2'))
    const radix = typeof flags.A === 'string' ? flags.A : 'o'
    if (!['d', 'o', 'x', 'n'].includes(radix)) throw new UsageError(`invalid output address radix '${radix}'; it must be one character from [doxn]`)
    const skip = typeof flags.j === 'string' ? Number(flags.j) : 0
    const count = typeof flags.N === 'string' ? Number(flags.N) : Infinity
    const data = (await readInputsUpTo(proc, operands, skip + count)).subarray(skip)
    const perLine = typeof flags.w === 'string' ? Number(flags.w) : 16
    const address = (n: number): string => (radix === 'n' ? '' : n.toString(radix === 'd' ? 10 : radix === 'x' ? 16 : 8).padStart(radix === 'x' ? 6 : 7, '0'))
    // every type's fields line up: each byte gets as many columns as the widest type gives it
    const perByte = Math.max(...formats.map((f) => (f.width + 1) / f.size))
    // written as it is made: the dump is four to five times its input
    const lines = new OutputBuffer(proc)
    let previous: string | undefined
    let starred = false
    for (let at = 0; at < data.length; at += perLine) {
      if (lines.full) await lines.flush()
      const row = data.subarray(at, at + perLine)
      const key = Array.from(row).join(',')
      if (!flags.v && row.length === perLine && key === previous) {
        if (!starred) lines.push('*\n')
        starred = true
        continue
      }
      starred = false
      previous = key
      formats.forEach((f, i) => {
        let line = i === 0 ? address(skip + at) : ' '.repeat(address(0).length)
        const padded = new Uint8Array(Math.ceil(row.length / f.size) * f.size)
        padded.set(row)
        for (let b = 0; b < row.length; b += f.size) line += f.render(padded, b).padStart(Math.round(perByte * f.size))
        lines.push(line + '\n')
      })
    }
    if (radix !== 'n') lines.push(address(skip + data.length) + '\n')
    await lines.flush()
    return 0
  },
})
