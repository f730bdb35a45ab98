/**
 * bc's numbers: arbitrary precision decimals, a BigInt of digits and a scale (digits after the
 * point), with POSIX bc's rules for the scale of each result, and printing in any output base.
 */

export class BcError extends Error {}

export interface Num {
  readonly v: bigint
  readonly s: number
}

const TEN = 10n
const pow10Cache: bigint[] = [1n]
export function pow10(n: number): bigint {
  while (pow10Cache.length <= n) pow10Cache.push(pow10Cache[pow10Cache.length - 1]! * TEN)
  return pow10Cache[n]!
}

export const num = (v: bigint, s = 0): Num => ({ v, s })
export const ZERO = num(0n)
export const ONE = num(1n)

/** `n` at scale `s`: more digits are zeros, fewer are cut off (towards zero). */
export function rescale(n: Num, s: number): Num {
  if (s === n.s) return n
  return s > n.s ? num(n.v * pow10(s - n.s), s) : num(n.v / pow10(n.s - s), s)
}

export function add(a: Num, b: Num): Num {
  const s = Math.max(a.s, b.s)
  return num(rescale(a, s).v + rescale(b, s).v, s)
}

export const neg = (a: Num): Num => num(-a.v, a.s)
export const sub = (a: Num, b: Num): Num => add(a, neg(b))

export function mul(a: Num, b: Num, scale: number): Num {
  return rescale(num(a.v * b.v, a.s + b.s), Math.min(a.s + b.s, Math.max(scale, a.s, b.s)))
}

export function div(a: Num, b: Num, scale: number): Num {
  if (b.v === 0n) throw new BcError('Divide by zero')
  return num((a.v * pow10(scale + b.s)) / (b.v * pow10(a.s)), scale)
}

export function mod(a: Num, b: Num, scale: number): Num {
  const q = div(a, b, scale)
  return sub(a, num(q.v * b.v, q.s + b.s))
}

export function pow(a: Num, e: Num, scale: number): Num {
  const whole = rescale(e, 0).v
  const negative = whole < 0n
  const exponent = negative ? -whole : whole
  let n = exponent
  let result = ONE
  let base = a
  // exact powers (the scale only grows), cut once at the end as GNU bc does
  for (; n > 0n; n >>= 1n) {
    if (n & 1n) result = num(result.v * base.v, result.s + base.s)
    if (n > 1n) base = num(base.v * base.v, base.s * 2)
  }
  if (negative) return div(ONE, result, scale)
  return rescale(result, Math.min(a.s * Number(exponent), Math.max(scale, a.s)))
}

export function isqrt(n: bigint): bigint {
  if (n < 2n) return n
  let x = BigInt(Math.floor(Math.sqrt(Number(n))))
  for (;;) {
    const y = (x + n / x) >> 1n
    if (y >= x && x * x <= n && (x + 1n) * (x + 1n) > n) return x
    x = y
  }
}

export function sqrt(a: Num, scale: number): Num {
  if (a.v < 0n) throw new BcError('Square root of a negative number')
  const s = Math.max(scale, a.s)
  return num(isqrt(a.v * pow10(2 * s - a.s)), s)
}

export function compare(a: Num, b: Num): number {
  const d = sub(a, b).v
  return d < 0n ? -1 : d > 0n ? 1 : 0
}

/** Significant digits (length()): trailing fraction zeros count, leading zeros do not. */
export function length(a: Num): number {
  const digits = (a.v < 0n ? -a.v : a.v).toString()
  if (a.v === 0n) return a.s === 0 ? 1 : a.s
  return Math.max(digits.length, a.s)
}

/** A numeral in base `ibase`; a one-digit numeral is its digit's value whatever the base (as GNU's). */
export function parseNumeral(text: string, ibase: number): Num {
  const [whole, frac = ''] = text.split('.') as [string, string?]
  const digit = (c: string): bigint => BigInt(c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55)
  const base = text.length === 1 ? 16n : BigInt(ibase)
  let v = 0n
  for (const c of whole) v = v * base + digit(c)
  if (frac === '') return num(v)
  if (ibase === 10) return num(BigInt(whole + frac), frac.length)
  let f = 0n
  let denominator = 1n
  for (const c of frac) {
    f = f * base + digit(c)
    denominator *= base
  }
  return add(num(v), num((f * pow10(frac.length)) / denominator, frac.length))
}

const LINE = 70

/** The number as bc prints it in base `obase`, lines broken with `\` at 70 characters. */
export function format(a: Num, obase: number): string {
  const text = obase === 10 ? decimal(a) : inBase(a, obase)
  if (text.length < LINE) return text
  let out = ''
  let i = 0
  for (; text.length - i >= LINE; i += LINE - 2) out += text.slice(i, i + LINE - 2) + '\\\n'
  return out + text.slice(i)
}

function decimal(a: Num): string {
  if (a.v === 0n) return '0'
  const sign = a.v < 0n ? '-' : ''
  const digits = (a.v < 0n ? -a.v : a.v).toString().padStart(a.s + 1, '0')
  const whole = digits.slice(0, digits.length - a.s)
  return `${sign}${whole === '0' && a.s > 0 ? '' : whole}${a.s > 0 ? '.' + digits.slice(digits.length - a.s) : ''}`
}

function inBase(a: Num, obase: number): string {
  const base = BigInt(obase)
  const wide = obase > 16
  const width = String(obase - 1).length
  const show = (d: bigint): string => (wide ? ' ' + String(d).padStart(width, '0') : '0123456789ABCDEF'[Number(d)]!)
  const abs = a.v < 0n ? -a.v : a.v
  let whole = abs / pow10(a.s)
  let frac = abs % pow10(a.s)
  let text = ''
  // as in base ten, no 0 before the point
  if (whole > 0n || a.s === 0 || abs === 0n) {
    do {
      text = show(whole % base) + text
      whole /= base
    } while (whole > 0n)
  }
  if (a.s > 0 && abs !== 0n) {
    text += '.'
    const unit = pow10(a.s)
    for (let reached = 1n; reached < unit; reached *= base) {
      frac *= base
      text += show(frac / unit)
      frac %= unit
    }
  }
  return (a.v < 0n ? '-' : '') + text
}
