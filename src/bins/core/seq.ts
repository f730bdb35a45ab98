/**
 * seq [-w] [-s sep] [-f format] [first [incr]] last, as GNU seq: integers take a fast path that
 * builds output in large batches; decimals print with the precision of first and incr.
 */
import type { ProcContext } from '../../kernel/types.ts'
// pipes lend the blocks writeBuffer gives, and take them back
import '../../kernel/lending.ts'
import { command, encode, usage } from '../lib.ts'
import { formatFloat, type ConvSpec } from '../util/cformat.ts'

const USAGE = '[-w] [-s sep] [-f format] [first [incr]] last'
const BATCH = 65536

/** An operand: its value, and the width and precision it asks for (GNU's scan_arg). */
interface Operand {
  value: number
  width: number
  /** Digits after the point; undefined when it cannot be known (hex, inf, nan). */
  precision: number | undefined
}

const NUMBER = /^[\t\n\v\f\r ]*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX][0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?(?:[pP][+-]?\d+)?|inf(?:inity)?|nan)$/i

class SeqError extends Error {}

function scan(arg: string): Operand {
  if (!NUMBER.test(arg)) throw new SeqError(`invalid floating point argument: '${arg}'`)
  const trimmed = arg.trim()
  const value = /x/i.test(trimmed) ? hexValue(trimmed) : Number(trimmed.replace(/^([+-]?)inf.*$/i, '$1Infinity'))
  if (Number.isNaN(value)) throw new SeqError(`invalid 'not-a-number' argument: '${arg}'`)
  let width = arg.length
  if (/x/i.test(arg) || !Number.isFinite(value)) return { value, width, precision: undefined }
  const point = arg.indexOf('.')
  const e = arg.search(/[eE]/)
  let precision = 0
  if (point >= 0) {
    const fraction = (e < 0 ? arg.slice(point + 1) : arg.slice(point + 1, e)).length
    precision = fraction
    width += fraction === 0 ? -1 : point === 0 || !/\d/.test(arg[point - 1]!) ? 1 : 0
  }
  if (e >= 0) {
    let exponent = parseInt(arg.slice(e + 1), 10)
    precision += exponent < 0 ? -exponent : -Math.min(precision, exponent)
    width -= arg.length - e
    if (exponent < 0) {
      if (point < 0 || e === point + 1) width++
      exponent = -exponent
    } else {
      if (point >= 0 && precision === 0 && e !== point + 1) width--
      exponent = -Math.min(precision, exponent)
    }
    width += exponent
  }
  return { value, width, precision }
}

function hexValue(s: string): number {
  const m = /^([+-]?)0[xX]([0-9a-fA-F]+)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/.exec(s)!
  const frac = m[3] ?? ''
  const v = parseInt(m[2]! + frac, 16) * 2 ** (Number(m[4] ?? 0) - 4 * frac.length)
  return m[1] === '-' ? -v : v
}

/** A -f format: text around exactly one floating-point directive. */
interface Format {
  before: string
  spec: ConvSpec
  after: string
}

function parseFormat(fmt: string): Format {
  const parts: string[] = []
  let spec: ConvSpec | undefined
  let text = ''
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') {
      text += fmt[i]
      continue
    }
    if (fmt[i + 1] === '%') {
      text += '%'
      i++
      continue
    }
    const m = /^%([-+ #0']*)(\d*)(?:\.(\d*))?([a-zA-Z]?)/.exec(fmt.slice(i))!
    if (spec) throw new SeqError(`format '${fmt}' has too many % directives`)
    if (!'aAeEfFgG'.includes(m[4]!) || m[4] === '') {
      throw new SeqError(m[4] === '' ? `format '${fmt}' ends in %` : `format '${fmt}' has unknown %${m[4]} directive`)
    }
    spec = { flags: m[1]!, conv: m[4]! }
    if (m[2] !== '') spec.width = Number(m[2])
    if (m[3] !== undefined) spec.precision = Number(m[3] || '0')
    parts.push(text)
    text = ''
    i += m[0].length - 1
  }
  if (!spec) throw new SeqError(`format '${fmt}' has no % directive`)
  return { before: parts[0]!, spec, after: text }
}

/** The format GNU seq picks without -f: %.Pf, %0W.Pf with -w, or %g when the precision is unknown. */
function defaultFormat(first: Operand, step: Operand, last: Operand, equalWidth: boolean): Format {
  if (first.precision === undefined || step.precision === undefined || last.precision === undefined) {
    return { before: '', spec: { flags: '', conv: 'g' }, after: '' }
  }
  const prec = Math.max(first.precision, step.precision)
  if (!equalWidth) return { before: '', spec: { flags: '', precision: prec, conv: 'f' }, after: '' }
  let firstWidth = first.width + (prec - first.precision)
  let lastWidth = last.width + (prec - last.precision)
  if (last.precision && prec === 0) lastWidth--
  if (last.precision === 0 && prec) lastWidth++
  if (first.precision === 0 && prec) firstWidth++
  return { before: '', spec: { flags: '0', width: Math.max(firstWidth, lastWidth), precision: prec, conv: 'f' }, after: '' }
}

const isInteger = (o: Operand): boolean => o.precision === 0 && Number.isSafeInteger(o.value)

const ZERO = 48
const NINE = 57
const MINUS = 45
const NEWLINE = 10
/** Safe integers have at most 16 digits. */
const MAX_DIGITS = 16

/**
 * The fast path for integers (default format, -w and -s too). Converting each number with
 * String() and encoding the text was most of `seq 1 1000000`'s time, so the number is kept as
 * ASCII digits, the step is added to (or taken from) them digit by digit, and the output is built
 * as bytes, a block at a time. The digits hold |v|, right-aligned and zero-filled on the left, so
 * -w's padding is already there. With a step of 1, 2, 4, 5 or 10, whole hundreds are copied
 * from the one before (see copyHundred). The loop is synchronous and small, for the JIT, and ends in a
 * plain `return`: V8 optimizes a long loop while it runs (OSR), before the code after it has ever
 * run, and such code without type feedback deoptimized on every block.
 */
class IntegerSequence {
  private readonly digits: Uint8Array
  private readonly size: number
  /** |step|'s digits as numbers (0-9). */
  private readonly stepDigits: Uint8Array
  private readonly sep: Uint8Array
  /** The longest a number and what follows it (separator or newline) can be. */
  readonly room: number
  /** digits[start..size) is |v|, with no leading zero. */
  private start = 0
  private negative = false
  private v: number
  done = false

  constructor(
    first: number,
    private readonly step: number,
    private readonly last: number,
    sep: string,
    private readonly width: number,
  ) {
    this.size = Math.max(width, MAX_DIGITS) + 1
    this.digits = new Uint8Array(this.size)
    this.stepDigits = Uint8Array.from(String(Math.abs(step)), (c) => c.charCodeAt(0) - ZERO)
    this.sep = encode(sep)
    this.room = this.size + 1 + Math.max(this.sep.length, 1)
    this.v = first
    this.load(first)
  }

  /**
   * Fills a block with the next numbers and their separators (none after the last); returns the
   * length. Room is left for the newline after the last.
   */
  fill(block: Uint8Array): number {
    const { digits, size, sep, step, last, width } = this
    // (with fewer than ten lines a hundred, copying gains nothing)
    const perHundred = step > 0 && step <= 10 && 100 % step === 0 ? 100 / step : 0
    let at = 0
    // how many lines just written have the next one's digit positions (a hundred of them can be copied)
    let same = 0
    let sameFrom = -1
    while (at + this.room <= block.length) {
      const from = Math.min(this.start, size - (this.negative ? width - 1 : width))
      if (from !== sameFrom) {
        same = 0
        sameFrom = from
      }
      // the first number of a hundred (past 100: the one before is not negative), and the whole hundred wanted
      if (perHundred > 0 && same >= perHundred && this.v >= 100 && this.v % 100 < step && this.v + 100 <= last) {
        const bytes = (size - from + sep.length) * perHundred
        if (at + bytes <= block.length) {
          this.copyHundred(block, at, bytes, from, perHundred)
          at += bytes
          continue
        }
      }
      same++
      if (this.negative) block[at++] = MINUS
      for (let i = from; i < size; i++) block[at++] = digits[i]!
      const next = this.v + step
      // (set on every number: code first run at the very end would cost a deoptimization)
      this.done = step > 0 ? next > last : next < last
      if (this.done) return at
      for (let j = 0; j < sep.length; j++) block[at++] = sep[j]!
      if (next < 0 !== this.negative) this.load(next)
      else this.move(step > 0 === !this.negative ? 1 : -1)
      this.v = next
    }
    return at
  }

  /**
   * Writes the next hundred (v ≥ 100 at the start of one, the step dividing 100) as a copy of the
   * `bytes` just written, the hundred before: its lines differ from these only in the digits above
   * the last two, whose columns are patched. Several times faster than a number at a time.
   */
  private copyHundred(block: Uint8Array, at: number, bytes: number, from: number, lines: number): void {
    const { digits, size } = this
    const template = at - bytes
    const line = bytes / lines
    block.copyWithin(at, template, at)
    for (let d = from; d < size - 2; d++) {
      const c = digits[d]!
      if (block[template + d - from] === c) continue
      for (let o = at + d - from; o < at + bytes; o += line) block[o] = c
    }
    // v + 100: one more in the hundreds place
    let i = size - 3
    while (digits[i] === NINE) digits[i--] = ZERO
    digits[i] = digits[i]! + 1
    this.start = Math.min(this.start, i)
    this.v += 100
  }

  /** Sets the digits to |n| (at the start and where the sign changes). */
  private load(n: number): void {
    const text = String(Math.abs(n))
    this.digits.fill(ZERO)
    this.start = this.size - text.length
    for (let i = 0; i < text.length; i++) this.digits[this.start + i] = text.charCodeAt(i)
    this.negative = n < 0 || Object.is(n, -0)
  }

  /** Adds (sign 1) or subtracts (sign -1) |step|; the magnitude never goes below zero here. */
  private move(sign: 1 | -1): void {
    const { digits, size, stepDigits } = this
    let carry = 0
    let i = size - 1
    for (let j = stepDigits.length - 1; j >= 0 || carry !== 0; j--, i--) {
      let d = digits[i]! - ZERO + carry + (j >= 0 ? sign * stepDigits[j]! : 0)
      carry = 0
      if (d > 9) {
        d -= 10
        carry = 1
      } else if (d < 0) {
        d += 10
        carry = -1
      }
      digits[i] = d + ZERO
    }
    let start = Math.min(this.start, i + 1)
    while (start < size - 1 && digits[start] === ZERO) start++
    this.start = start
  }
}

async function integers(proc: ProcContext, first: number, step: number, last: number, sep: string, width: number): Promise<void> {
  if (step > 0 ? first > last : first < last) return
  const numbers = new IntegerSequence(first, step, last, sep, width)
  while (!numbers.done) {
    // the written block is the reader's or the pipe's now: a new one (or one the pipe lends) each time
    const block = proc.writeBuffer(1, Math.max(BATCH, numbers.room))
    let end = numbers.fill(block)
    if (numbers.done) block[end++] = NEWLINE
    await proc.write(1, block.subarray(0, end))
  }
}

async function floats(proc: ProcContext, first: number, step: number, last: number, sep: string, fmt: Format): Promise<void> {
  const show = (v: number): string => fmt.before + formatFloat(v, fmt.spec) + fmt.after
  if (step < 0 ? first < last : last < first) return
  let buf = ''
  let x = first
  for (let i = 1; ; i++) {
    const shown = show(x)
    buf += shown
    x = first + i * step
    if (step < 0 ? x < last : last < x) {
      // a value just past the end that prints as `last` is still printed (rounding), as GNU does
      const next = show(x)
      if (Number(next) !== last || next === shown) break
      buf += sep + next
      break
    }
    buf += sep
    if (buf.length >= BATCH) {
      await proc.write(1, buf)
      buf = ''
    }
  }
  await proc.write(1, buf + '\n')
}

/** seq's options come before the numbers; `-1` is a number, not an option. */
function parseOptions(argv: readonly string[]): { sep: string; format: string | undefined; equalWidth: boolean; operands: string[] } {
  let sep = '\n'
  let format: string | undefined
  let equalWidth = false
  let i = 1
  for (; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') {
      i++
      break
    }
    if (a[0] !== '-' || a.length < 2 || /^-[\d.]/.test(a)) break
    const letter = a[1]!
    if (letter === 'w' && a.length === 2) equalWidth = true
    else if (letter === 's' || letter === 'f') {
      const value = a.length > 2 ? a.slice(2) : argv[++i]
      if (value === undefined) throw new SeqError(`option requires an argument -- '${letter}'`)
      if (letter === 's') sep = value
      else format = value
    } else throw new SeqError(`invalid option -- '${letter}'`)
  }
  return { sep, format, equalWidth, operands: argv.slice(i) }
}

async function run(proc: ProcContext): Promise<number> {
  try {
    const { sep, format, equalWidth, operands } = parseOptions(proc.argv)
    if (operands.length === 0) return usage(proc, 'seq', USAGE, 'missing operand')
    if (operands.length > 3) return usage(proc, 'seq', USAGE, `extra operand '${operands[3]}'`)
    if (format !== undefined && equalWidth) throw new SeqError('format string may not be specified when printing equal width strings')
    const ops = operands.map(scan)
    const last = ops[ops.length - 1]!
    const first = ops.length > 1 ? ops[0]! : { value: 1, width: 1, precision: 0 }
    const step = ops.length > 2 ? ops[1]! : { value: 1, width: 1, precision: 0 }
    if (step.value === 0) throw new SeqError(`invalid Zero increment value: '${operands[1]}'`)
    if (format === undefined && isInteger(first) && isInteger(step) && isInteger(last)) {
      await integers(proc, first.value, step.value, last.value, sep, equalWidth ? Math.max(first.width, last.width) : 0)
    } else {
      const fmt = format === undefined ? defaultFormat(first, step, last, equalWidth) : parseFormat(format)
      await floats(proc, first.value, step.value, last.value, sep, fmt)
    }
    return 0
  } catch (e) {
    if (!(e instanceof SeqError)) throw e
    return usage(proc, 'seq', USAGE, e.message)
  }
}

export const seq = command({
  name: 'seq',
  long: { format: 'f:', separator: 's:', 'equal-width': 'w' },
  usage: USAGE,
  summary: 'print a sequence of numbers',
  help: `-w  pad with zeros to equal width   -s SEP  separator (newline)
-f FORMAT  printf format with one of %e %f %g`,
  run,
})
