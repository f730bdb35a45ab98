/**
 * numfmt: reads numbers with unit suffixes and writes them scaled, as GNU's numfmt:
 *   numfmt [--from=UNIT] [--to=UNIT] [--format=FMT] [--field=N] [-d X] [--header[=N]] [number ...]
 * UNIT is none, si (K = 1000), iec (K = 1024), iec-i (Ki = 1024) or, for --from, auto (K or Ki).
 * A human-readable result has one decimal below 10 (1.5K) and none from 10 (15K), rounded away
 * from zero unless --round says otherwise. Numbers come from the operands, else a line each from
 * standard input, whose other fields are copied as they are.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, parseArgs, UsageError } from '../lib.ts'
import { longOptions } from '../util/longopts.ts'
import { LineBatches, OutputBuffer } from '../util/textio.ts'

const POWERS = 'KMGTPEZYRQ'
const UNITS = ['none', 'auto', 'si', 'iec', 'iec-i']
const ROUNDS = ['up', 'down', 'from-zero', 'towards-zero', 'nearest']

interface Settings {
  from: string
  to: string
  fromUnit: number
  toUnit: number
  suffix: string
  padding: number
  round: string
  format: { prefix: string; zero: boolean; left: boolean; width: number; precision: number | undefined; suffix: string } | undefined
}

class Invalid extends Error {}

const rounded = (v: number, how: string): number => {
  switch (how) {
    case 'up':
      return Math.ceil(v)
    case 'down':
      return Math.floor(v)
    case 'towards-zero':
      return Math.trunc(v)
    case 'nearest':
      return Math.sign(v) * Math.round(Math.abs(v))
  }
  return Math.sign(v) * Math.ceil(Math.abs(v) - 1e-9)
}

/** `v` rounded at `decimals`, as text. */
const fixed = (v: number, decimals: number, how: string): string => {
  const scale = 10 ** decimals
  return (rounded(Number((v * scale).toPrecision(15)), how) / scale).toFixed(decimals)
}

/** The number a field holds, the decimals it was written with, and whether a unit scaled it. */
function parse(text: string, s: Settings): { value: number; decimals: number; suffixed: boolean } {
  let t = text.trim()
  if (s.suffix !== '' && t.endsWith(s.suffix)) t = t.slice(0, -s.suffix.length)
  const m = /^[-+]?(?:\d+(?:\.(\d*))?|\.(\d+))/.exec(t)
  if (!m) throw new Invalid(`invalid number: '${text}'`)
  let value = Number(m[0])
  let rest = t.slice(m[0].length)
  if (rest !== '') {
    const power = POWERS.indexOf(rest[0]!) + 1
    const binary = rest[1] === 'i'
    if (power === 0 || s.from === 'none') throw new Invalid(`invalid suffix in input: '${text}'`)
    if (s.from === 'iec-i' && !binary) throw new Invalid(`missing 'i' suffix in input: '${text}'`)
    if (binary && s.from !== 'iec-i' && s.from !== 'auto') throw new Invalid(`invalid suffix in input '${text}': 'i'`)
    rest = rest.slice(binary ? 2 : 1)
    if (rest !== '') throw new Invalid(`invalid suffix in input: '${text}'`)
    value *= (s.from === 'si' || (s.from === 'auto' && !binary) ? 1000 : 1024) ** power
  }
  return { value, decimals: (m[1] ?? m[2] ?? '').length, suffixed: rest !== t.slice(m[0].length) }
}

/** The value written in the --to unit: `1.5K`, `15M`, or the number itself. */
function written(value: number, decimals: number, scaled: boolean, s: Settings): string {
  const precision = s.format?.precision
  if (s.to === 'none') {
    // a number only copied keeps its decimals; a scaled one is whole unless the format says
    if (precision !== undefined) return fixed(value, precision, s.round)
    return scaled ? String(rounded(value, s.round)) : value.toFixed(decimals)
  }
  const base = s.to === 'si' ? 1000 : 1024
  let power = 0
  let v = value
  while (Math.abs(v) >= base && power < POWERS.length) {
    v /= base
    power++
  }
  if (power === 0) return precision !== undefined ? fixed(v, precision, s.round) : Math.abs(v) < 1 ? '0' : String(rounded(v, s.round))
  let text = fixed(v, precision ?? (Math.abs(v) < 10 ? 1 : 0), s.round)
  if (precision === undefined && Math.abs(Number(text)) >= 10 && text.includes('.')) text = fixed(v, 0, s.round)
  // rounding up to the base goes on to the next power (999.99K in si is 1.0M)
  if (Math.abs(Number(text)) >= base && power < POWERS.length) return written(Math.sign(v) * base ** (power + 1), 0, true, s)
  return `${text}${POWERS[power - 1]}${s.to === 'iec-i' ? 'i' : ''}`
}

function convert(text: string, s: Settings): string {
  const { value, decimals, suffixed } = parse(text, s)
  const scaled = suffixed || s.fromUnit !== 1 || s.toUnit !== 1
  let out = written((value * s.fromUnit) / s.toUnit, decimals, scaled, s) + s.suffix
  const f = s.format
  if (f !== undefined) {
    if (f.width > out.length) out = f.left ? out.padEnd(f.width) : f.zero && s.to === 'none' ? out.padStart(f.width, '0') : out.padStart(f.width)
    out = f.prefix + out + f.suffix
  }
  if (s.padding > 0) out = out.padStart(s.padding)
  else if (s.padding < 0) out = out.padEnd(-s.padding)
  return out
}

/** --format: text, then %[0]['][-][N][.N]f, then text. */
function formatOf(spec: string): Settings['format'] {
  const m = /^((?:[^%]|%%)*)%(0?)'?(-?)(\d*)(?:\.(\d+))?f((?:[^%]|%%)*)$/.exec(spec)
  if (!m) throw new UsageError(`invalid format '${spec}', directive must be %[0]['][-][N][.][N]f`)
  return { prefix: m[1]!.replace(/%%/g, '%'), zero: m[2] === '0', left: m[3] === '-', width: Number(m[4] || 0), precision: m[5] === undefined ? undefined : Number(m[5]), suffix: m[6]!.replace(/%%/g, '%') }
}

/** --field: N, N-M, N-, -M, and lists of them; whether field `n` (from 1) is chosen. */
function fieldsOf(spec: string): (n: number) => boolean {
  const ranges = spec.split(',').map((part) => {
    const m = /^(\d*)(-?)(\d*)$/.exec(part)
    if (!m || (m[1] === '' && m[3] === '') || (m[2] === '' && m[3] !== '')) throw new UsageError(`invalid field value '${spec}'`)
    const lo = m[1] === '' ? 1 : Number(m[1])
    const hi = m[2] === '' ? lo : m[3] === '' ? Infinity : Number(m[3])
    return [lo, hi] as const
  })
  return (n) => ranges.some(([lo, hi]) => n >= lo && n <= hi)
}

function choice(value: string | true | undefined, allowed: string[], option: string, fallback: string): string {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || !allowed.includes(value)) throw new UsageError(`invalid argument '${String(value)}' for '--${option}'`)
  return value
}

/** --from-unit and --to-unit: a positive size, 1 when not given. */
function unitSize(value: string | true | undefined): number {
  if (value === undefined) return 1
  const n = Number(value)
  if (typeof value !== 'string' || !Number.isFinite(n) || n <= 0) throw new UsageError(`invalid unit size: '${String(value)}'`)
  return n
}

async function run(proc: ProcContext): Promise<number> {
  const table = { from: ':', to: ':', 'from-unit': ':', 'to-unit': ':', suffix: ':', padding: ':', round: ':', format: ':', field: ':', delimiter: 'd:', header: '::', invalid: ':', grouping: '' }
  const { argv, longs } = longOptions(proc.argv, table, 'd:')
  const { flags, operands } = parseArgs(argv, 'd:', { permute: true })
  const padding = longs.padding === undefined ? 0 : Number(longs.padding)
  if (!Number.isInteger(padding) || (padding === 0 && longs.padding !== undefined)) throw new UsageError(`invalid padding value '${String(longs.padding)}'`)
  const s: Settings = {
    from: choice(longs.from, UNITS, 'from', 'none'),
    to: choice(longs.to, UNITS.filter((u) => u !== 'auto'), 'to', 'none'),
    fromUnit: unitSize(longs['from-unit']),
    toUnit: unitSize(longs['to-unit']),
    suffix: typeof longs.suffix === 'string' ? longs.suffix : '',
    padding,
    round: choice(longs.round, ROUNDS, 'round', 'from-zero'),
    format: typeof longs.format === 'string' ? formatOf(longs.format) : undefined,
  }
  // the locale's grouping of digits: the C locale's is none, as ninefold's
  if (longs.grouping !== undefined && s.to !== 'none') throw new UsageError('grouping cannot be combined with --to')
  if (longs.grouping !== undefined && s.format !== undefined) throw new UsageError('--grouping cannot be combined with --format')
  const invalid = choice(longs.invalid, ['abort', 'fail', 'warn', 'ignore'], 'invalid', 'abort')
  const chosen = fieldsOf(typeof longs.field === 'string' ? longs.field : '1')
  const delimiter = typeof flags.d === 'string' ? flags.d : undefined
  if (delimiter !== undefined && [...delimiter].length !== 1) throw new UsageError(`the delimiter must be a single character`)
  let header = longs.header === undefined ? 0 : longs.header === true ? 1 : Number(longs.header)
  if (!Number.isInteger(header) || header < 0) throw new UsageError(`invalid header value '${String(longs.header)}'`)
  const out = new OutputBuffer(proc)
  let failed = false
  /** A line converted; undefined where --invalid=abort stops. */
  const line = async (text: string): Promise<string | undefined> => {
    const parts = delimiter === undefined ? text.split(/(\s+)/) : text.split(delimiter).flatMap((p, i) => (i === 0 ? [p] : [delimiter, p]))
    // with blanks between fields, leading blanks are not a field
    let field = 0
    for (let i = 0; i < parts.length; i += 2) {
      if (delimiter === undefined && i === 0 && parts[0] === '' && parts.length > 1) continue
      field++
      if (!chosen(field)) continue
      try {
        parts[i] = convert(parts[i]!, s)
      } catch (e) {
        if (!(e instanceof Invalid)) throw e
        // aborting, the fields before the bad one are written first, as GNU's
        if (invalid === 'abort') out.push(parts.slice(0, i).join(''))
        if (invalid !== 'ignore') {
          await out.flush()
          await proc.stderr.write(`numfmt: ${e.message}\n`)
        }
        if (invalid === 'abort') return undefined
        if (invalid === 'fail') failed = true
      }
    }
    return parts.join('')
  }
  if (operands.length > 0) {
    for (const operand of operands) {
      const converted = await line(operand)
      if (converted === undefined) return 2
      out.push(converted + '\n')
    }
  } else {
    const batches = new LineBatches(proc, 0)
    for await (const batch of batches) {
      for (const text of batch) {
        if (header > 0) {
          header--
          out.push(text + '\n')
          continue
        }
        const converted = await line(text)
        if (converted === undefined) {
          await out.flush()
          return 2
        }
        out.push(converted + (batches.unterminated ? '' : '\n'))
      }
      if (out.full) await out.flush()
    }
  }
  await out.flush()
  return failed ? 2 : 0
}

export const numfmt = command({
  name: 'numfmt',
  usage: '[--from=unit] [--to=unit] [--format=fmt] [--round=method] [--field=n] [-d x] [--header[=n]] [--invalid=mode] [number ...]',
  summary: 'convert numbers to and from human-readable sizes',
  help: [
    '  --from=UNIT  how the input is scaled: none, auto (K 1000, Ki 1024), si (K 1000), iec (K 1024), iec-i (Ki 1024)',
    '  --to=UNIT    how to write it: none, si, iec, iec-i   --from-unit=N --to-unit=N  the size of one unit',
    '  --suffix=S   a suffix after the number, in and out   --padding=N  pad to N (negative: on the right)',
    "  --format=F   printf's %f with flags, width and precision (%'.2f, %-8f), with text around it",
    '  --round=up|down|from-zero|towards-zero|nearest (from-zero)',
    '  --field=N    which fields (N, N-M, N-, -M, lists; 1)   -d X  fields separated by X (blanks)',
    '  --header[=N] copy the first N lines (1)   --invalid=abort|fail|warn|ignore  what a bad number does (abort)',
    "  --grouping   the locale's grouping of digits: none in ninefold's C locale, as GNU's there",
  ].join('\n'),
  run,
})
