/**
 * awk's values: numbers, strings, and strnums (text from input that compares as a number when it
 * looks like one). Uninitialized is `undefined`: "" and 0 at once. And their conversions to text,
 * printf's among them.
 */
import { formatFloat, formatInteger, formatString, type ConvSpec } from '../util/cformat.ts'

/** Input text (a field, getline's line, an array element from split, ARGV, ENVIRON, -v). */
export class StrNum {
  private looks: boolean | undefined
  constructor(readonly s: string) {}
  /** Whether it looks numeric, so that comparisons are numeric. */
  get numeric(): boolean {
    return (this.looks ??= NUMERIC.test(this.s))
  }
}

export type Value = number | string | StrNum | undefined

const NUMERIC = /^[ \t\n\r\f\v]*[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan)[ \t\n\r\f\v]*$/i
const PREFIX = /^[ \t\n\r\f\v]*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/
const SPECIAL = /^[ \t\n\r\f\v]*([+-])(inf|nan)/i

/** A string's numeric value: its longest numeric prefix, as strtod reads it (without hex). */
export function strToNum(s: string): number {
  // the common case, a short run of digits, without a regex
  const n = s.length
  if (n > 0 && n < 16) {
    let v = 0
    let i = 0
    for (; i < n; i++) {
      const c = s.charCodeAt(i) - 48
      if (c < 0 || c > 9) break
      v = v * 10 + c
    }
    if (i === n) return v
  }
  const m = PREFIX.exec(s)
  if (m) return Number(m[1])
  // gawk reads a signed inf or nan; unsigned ones are words
  const sp = SPECIAL.exec(s)
  if (sp) return sp[2]!.toLowerCase() === 'inf' ? (sp[1] === '-' ? -Infinity : Infinity) : NaN
  return 0
}

export function toNum(v: Value): number {
  if (typeof v === 'number') return v
  if (v === undefined) return 0
  return strToNum(typeof v === 'string' ? v : v.s)
}

const G6 = { flags: '', precision: 6, conv: 'g' }

/** A number as text with a format (CONVFMT or OFMT): integers print as integers. */
export function numToStr(n: number, fmt: string): string {
  // an integer prints every digit, as C's %d: past 2^53 JavaScript's shortest form rounds them
  if (Number.isInteger(n)) return Math.abs(n) <= 2 ** 53 ? String(n) : BigInt(n).toString()
  // as gawk prints them (a NaN's sign is not visible here; C's log(-1) gives -nan)
  if (Number.isNaN(n)) return '-nan'
  if (!Number.isFinite(n)) return n > 0 ? '+inf' : '-inf'
  return fmt === '%.6g' ? formatFloat(n, G6) : sprintf(fmt, [n], '%.6g')
}

export function toStr(v: Value, convfmt: string): string {
  if (typeof v === 'string') return v
  if (typeof v === 'number') return numToStr(v, convfmt)
  return v === undefined ? '' : v.s
}

/** True for non-zero numbers, non-empty strings, and strnums by their numeric value when they look numeric. */
export function toBool(v: Value): boolean {
  if (typeof v === 'number') return v !== 0
  if (typeof v === 'string') return v !== ''
  if (v === undefined) return false
  return v.numeric ? strToNum(v.s) !== 0 : v.s !== ''
}

const isNumeric = (v: Value): boolean => typeof v === 'number' || v === undefined || (v instanceof StrNum && v.numeric)

/** POSIX's comparison: numeric when both sides are numbers or numeric-looking input, else as strings. */
export function compare(a: Value, b: Value, convfmt: string): number {
  if (isNumeric(a) && isNumeric(b)) {
    const x = toNum(a)
    const y = toNum(b)
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1
  }
  const s = toStr(a, convfmt)
  const t = toStr(b, convfmt)
  return s < t ? -1 : s > t ? 1 : 0
}

/** A format that printf cannot satisfy. */
export class FormatError extends Error {}

interface Piece {
  text: string
  spec?: ConvSpec
  starWidth?: boolean
  starPrecision?: boolean
}

const parsedFormats = new Map<string, Piece[]>()

function parseFormat(fmt: string): Piece[] {
  let pieces = parsedFormats.get(fmt)
  if (pieces) return pieces
  pieces = []
  const re = /%([-+ #0']*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([diouxXeEfFgGaAcs%])/g
  let last = 0
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    const text = fmt.slice(last, m.index)
    last = re.lastIndex
    if (m[4] === '%') {
      pieces.push({ text: text + '%' })
      continue
    }
    const spec: ConvSpec = { flags: m[1]!, conv: m[4]! }
    const piece: Piece = { text, spec }
    if (m[2] === '*') piece.starWidth = true
    else if (m[2] !== undefined) spec.width = Number(m[2])
    if (m[3] === '*') piece.starPrecision = true
    else if (m[3] !== undefined) spec.precision = Number(m[3] || 0)
    pieces.push(piece)
  }
  pieces.push({ text: fmt.slice(last) })
  if (parsedFormats.size > 256) parsedFormats.clear()
  parsedFormats.set(fmt, pieces)
  return pieces
}

/** printf's formatting; missing arguments are "" and 0. */
export function sprintf(fmt: string, args: readonly Value[], convfmt: string): string {
  let out = ''
  let at = 0
  for (const piece of parseFormat(fmt)) {
    out += piece.text
    if (!piece.spec) continue
    const spec = { ...piece.spec }
    if (piece.starWidth) {
      const w = Math.trunc(toNum(args[at++]))
      if (w < 0) spec.flags += '-'
      spec.width = Math.abs(w)
    }
    if (piece.starPrecision) {
      const p = Math.trunc(toNum(args[at++]))
      if (p >= 0) spec.precision = p
    }
    if (at >= args.length) throw new FormatError('not enough arguments to satisfy format string')
    out += convert(args[at++], spec, convfmt)
  }
  return out
}

function convert(arg: Value, spec: ConvSpec, convfmt: string): string {
  switch (spec.conv) {
    case 's':
      return formatString(toStr(arg, convfmt), spec)
    case 'c': {
      const isNumber = typeof arg === 'number' || (arg instanceof StrNum && arg.numeric)
      const ch = isNumber ? String.fromCodePoint(Math.max(0, Math.min(0x10ffff, Math.trunc(toNum(arg))))) : ([...toStr(arg, convfmt)][0] ?? '')
      return formatString(ch, spec)
    }
    case 'd':
    case 'i':
    case 'o':
    case 'u':
    case 'x':
    case 'X': {
      const n = toNum(arg)
      if (!Number.isFinite(n)) return formatFloat(n, { ...spec, conv: 'f' })
      return formatInteger(BigInt(Math.trunc(n)), spec)
    }
    default:
      return formatFloat(toNum(arg), spec)
  }
}
