/**
 * C printf conversions (%d %u %o %x %X %f %e %g %a %c %s) with C's rounding: floating
 * conversions round the exact binary value half-to-even, as glibc does, so `%.0f` of 2.5 is 2.
 * Integers are BigInt so %u of -1 is 18446744073709551615 as in coreutils.
 */

export interface ConvSpec {
  /** Any of `-+ 0#'`. */
  flags: string
  width?: number
  precision?: number
  conv: string
}

const U64 = 1n << 64n

/** Pads a converted value to the spec's width; `zeroable` bodies take zeros after their sign/prefix. */
function pad(body: string, spec: ConvSpec, zeroable: boolean, prefixLen = 0): string {
  const width = spec.width ?? 0
  if (body.length >= width) return body
  if (spec.flags.includes('-')) return body + ' '.repeat(width - body.length)
  if (zeroable && spec.flags.includes('0')) {
    return body.slice(0, prefixLen) + '0'.repeat(width - body.length) + body.slice(prefixLen)
  }
  return ' '.repeat(width - body.length) + body
}

function signOf(negative: boolean, flags: string): string {
  if (negative) return '-'
  if (flags.includes('+')) return '+'
  if (flags.includes(' ')) return ' '
  return ''
}

/** %d %i %u %o %x %X of an integer. */
export function formatInteger(value: bigint, spec: ConvSpec): string {
  const c = spec.conv
  const signed = c === 'd' || c === 'i'
  let v = value
  if (!signed && v < 0n) v = ((v % U64) + U64) % U64
  const negative = signed && v < 0n
  if (negative) v = -v
  const radix = c === 'o' ? 8 : c === 'x' || c === 'X' ? 16 : 10
  let digits = v.toString(radix)
  if (c === 'X') digits = digits.toUpperCase()
  if (spec.precision !== undefined) {
    if (spec.precision === 0 && v === 0n) digits = ''
    else if (digits.length < spec.precision) digits = '0'.repeat(spec.precision - digits.length) + digits
  }
  let prefix = signed ? signOf(negative, spec.flags) : ''
  if (spec.flags.includes('#')) {
    if (c === 'o' && !digits.startsWith('0')) digits = '0' + digits
    else if ((c === 'x' || c === 'X') && v !== 0n) prefix = c === 'x' ? '0x' : '0X'
  }
  const zeroable = spec.precision === undefined
  return pad(prefix + digits, spec, zeroable, prefix.length)
}

// ---- exact decimal expansion of a double ----

const view = new DataView(new ArrayBuffer(8))

/** |x| = digits / 10^scale exactly, digits without leading zeros ("0" for zero). */
function exactDecimal(x: number): { digits: bigint; scale: number } {
  view.setFloat64(0, Math.abs(x))
  const hi = view.getUint32(0)
  const lo = view.getUint32(4)
  const expBits = (hi >>> 20) & 0x7ff
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo)
  let exp: number
  if (expBits === 0) exp = -1074
  else {
    mant |= 1n << 52n
    exp = expBits - 1075
  }
  if (mant === 0n) return { digits: 0n, scale: 0 }
  while ((mant & 1n) === 0n) {
    mant >>= 1n
    exp++
  }
  if (exp >= 0) return { digits: mant << BigInt(exp), scale: 0 }
  return { digits: mant * 5n ** BigInt(-exp), scale: -exp }
}

/** How many digits the exact decimal expansion of |x| has after the point (cheap: no BigInt). */
function fractionDigits(x: number): number {
  view.setFloat64(0, x)
  const hi = view.getUint32(0)
  const lo = view.getUint32(4)
  const expBits = (hi >>> 20) & 0x7ff
  const mantHi = (hi & 0xfffff) | (expBits === 0 ? 0 : 0x100000)
  if (lo === 0 && mantHi === 0) return 0
  const zeros = lo !== 0 ? 31 - Math.clz32(lo & -lo) : 32 + 31 - Math.clz32(mantHi & -mantHi)
  const exp = (expBits === 0 ? -1074 : expBits - 1075) + zeros
  return exp >= 0 ? 0 : -exp
}

/** digits / 10^drop rounded half to even. */
function roundDrop(digits: bigint, drop: number): bigint {
  if (drop <= 0) return digits * 10n ** BigInt(-drop)
  const div = 10n ** BigInt(drop)
  const q = digits / div
  const r2 = (digits % div) * 2n
  if (r2 > div || (r2 === div && (q & 1n) === 1n)) return q + 1n
  return q
}

/**
 * More fraction digits than a double's exact expansion has (at most 1074) are zeros: they are
 * written as such, not computed (`%.1000000000f` took BigInt arithmetic 20 s, then failed).
 */
const EXACT_DIGITS = 1100

/** |x| with `prec` fraction digits (no sign). */
function fixedDigits(x: number, prec: number): string {
  if (prec > EXACT_DIGITS) return fixedDigits(x, EXACT_DIGITS) + '0'.repeat(prec - EXACT_DIGITS)
  const a = Math.abs(x)
  // toFixed is exact except on ties (it rounds them up) and above 1e21; a tie needs the exact
  // expansion to have exactly prec+1 fraction digits
  if (a < 1e21 && prec <= 100) {
    if (fractionDigits(a) !== prec + 1) return a.toFixed(prec)
  }
  const { digits, scale } = exactDecimal(a)
  const n = roundDrop(digits, scale - prec).toString()
  if (prec === 0) return n
  const padded = n.length <= prec ? '0'.repeat(prec - n.length + 1) + n : n
  return padded.slice(0, padded.length - prec) + '.' + padded.slice(padded.length - prec)
}

/** |x| as d.ddd (prec fraction digits) and its decimal exponent. */
function expDigits(x: number, prec: number): { mantissa: string; exp: number } {
  const { digits, scale } = exactDecimal(Math.abs(x))
  if (digits === 0n) return { mantissa: prec > 0 ? '0.' + '0'.repeat(prec) : '0', exp: 0 }
  const len = digits.toString().length
  let exp = len - 1 - scale
  // past the exact expansion's own digits the mantissa goes on in zeros (see EXACT_DIGITS)
  if (prec > len - 1) return { mantissa: (digits.toString() + '0'.repeat(prec - len + 1)).replace(/^./, '$&.'), exp }
  let n = roundDrop(digits, len - 1 - prec).toString()
  if (n.length > prec + 1) {
    // rounding carried into a new digit (9.99 -> 10.0)
    n = n.slice(0, prec + 1)
    exp++
  }
  return { mantissa: prec > 0 ? n[0] + '.' + n.slice(1) : n, exp }
}

function expSuffix(exp: number, upper: boolean): string {
  const e = Math.abs(exp)
  return (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (e < 10 ? '0' + e : String(e))
}

function stripZeros(s: string): string {
  if (!s.includes('.')) return s
  return s.replace(/0+$/, '').replace(/\.$/, '')
}

/** %f %F %e %E %g %G %a %A of a number. */
export function formatFloat(x: number, spec: ConvSpec): string {
  const c = spec.conv
  const upper = c === 'F' || c === 'E' || c === 'G' || c === 'A'
  const negative = x < 0 || Object.is(x, -0)
  const sign = signOf(negative, spec.flags)
  if (!Number.isFinite(x)) {
    const word = Number.isNaN(x) ? 'nan' : 'inf'
    return pad(sign + (upper ? word.toUpperCase() : word), spec, false)
  }
  const alt = spec.flags.includes('#')
  let body: string
  switch (c.toLowerCase()) {
    case 'f':
      body = fixedDigits(x, spec.precision ?? 6)
      if (alt && !body.includes('.')) body += '.'
      break
    case 'e': {
      const { mantissa, exp } = expDigits(x, spec.precision ?? 6)
      body = mantissa + (alt && !mantissa.includes('.') ? '.' : '') + expSuffix(exp, upper)
      break
    }
    case 'g': {
      let p = spec.precision ?? 6
      if (p === 0) p = 1
      const { exp } = expDigits(x, p - 1)
      if (exp < p && exp >= -4) {
        body = fixedDigits(x, p - 1 - exp)
        if (!alt) body = stripZeros(body)
        else if (!body.includes('.')) body += '.'
      } else {
        const { mantissa } = expDigits(x, p - 1)
        body = (alt ? mantissa : stripZeros(mantissa)) + expSuffix(exp, upper)
      }
      break
    }
    default:
      body = hexFloat(Math.abs(x), spec.precision)
      if (upper) body = body.toUpperCase()
  }
  return pad(sign + body, spec, true, sign.length + (c.toLowerCase() === 'a' ? 2 : 0))
}

/**
 * %a as coreutils prints it on x86-64, where printf works in long double: the leading hex digit
 * holds four bits (0x8p-3 for 1).
 */
function hexFloat(a: number, precision: number | undefined): string {
  if (a === 0) return '0x0' + (precision ? '.' + '0'.repeat(precision) : '') + 'p+0'
  view.setFloat64(0, a)
  const hi = view.getUint32(0)
  const expBits = (hi >>> 20) & 0x7ff
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4))
  let exp = expBits === 0 ? -1074 : expBits - 1075
  if (expBits !== 0) mant |= 1n << 52n
  while (mant < 1n << 52n) {
    mant <<= 1n
    exp--
  }
  // a = (mant << 11) / 2^60 * 2^(exp + 49): one hex digit, then 60 bits of fraction
  let lead = mant >> 49n
  let frac = (mant << 11n) & ((1n << 60n) - 1n)
  exp += 49
  let hex: string
  if (precision === undefined) hex = frac.toString(16).padStart(15, '0').replace(/0+$/, '')
  else if (precision < 15) {
    const q = roundDrop2((lead << 60n) | frac, 4 * (15 - precision))
    lead = q >> BigInt(4 * precision)
    frac = q & ((1n << BigInt(4 * precision)) - 1n)
    if (lead > 15n) {
      lead >>= 4n
      exp += 4
    }
    hex = precision === 0 ? '' : frac.toString(16).padStart(precision, '0')
  } else hex = frac.toString(16).padStart(15, '0').padEnd(precision, '0')
  return `0x${lead.toString(16)}${hex ? '.' + hex : ''}p${exp < 0 ? '-' : '+'}${Math.abs(exp)}`
}

/** n / 2^bits rounded half to even. */
function roundDrop2(n: bigint, bits: number): bigint {
  const div = 1n << BigInt(bits)
  const q = n >> BigInt(bits)
  const r2 = (n & (div - 1n)) * 2n
  return r2 > div || (r2 === div && (q & 1n) === 1n) ? q + 1n : q
}

/** %s with precision and width. */
export function formatString(s: string, spec: ConvSpec): string {
  const body = spec.precision !== undefined ? s.slice(0, spec.precision) : s
  return pad(body, spec, false)
}
