/**
 * seq [-w] [-s sep] [-f format] [first [incr]] last, as GNU seq: integers take a fast path that
 * builds output in large batches; decimals print with the precision of first and incr.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, usage } from '../lib.ts'
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

/** The fast path: integers, printed as they are (zero-padded to `width` with -w). */
async function integers(proc: ProcContext, first: number, step: number, last: number, sep: string, width: number): Promise<void> {
  const show = (v: number): string => {
    if (width === 0) return String(v)
    const s = String(Math.abs(v))
    return v < 0 ? '-' + s.padStart(width - 1, '0') : s.padStart(width, '0')
  }
  if (step > 0 ? first > last : first < last) return
  let buf = show(first)
  for (let v = first + step; step > 0 ? v <= last : v >= last; v += step) {
    buf += sep + show(v)
    if (buf.length >= BATCH) {
      await proc.write(1, buf)
      buf = ''
    }
  }
  await proc.write(1, buf + '\n')
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
  usage: USAGE,
  summary: 'print a sequence of numbers',
  help: `-w  pad with zeros to equal width   -s SEP  separator (newline)
-f FORMAT  printf format with one of %e %f %g`,
  run,
})
