/**
 * printf FORMAT [ARGUMENT...], as GNU coreutils: the format is reused while arguments remain,
 * numbers accept C syntax (0x1f, 010, 'c), bad numbers print a warning and count as far as
 * they parse, and the status becomes 1.
 */
import { decodeBytes } from '../../kernel/bytes.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { command } from '../lib.ts'
import { bashQuote } from '../util/bash-quote.ts'
import { formatFloat, formatInteger, formatString, type ConvSpec } from '../util/cformat.ts'
import { ByteBuilder, EscapeError, writeEscaped } from '../util/escapes.ts'
import { strftime } from '../util/strftime.ts'
import { localZone, UTC, type Zone } from '../util/timezone.ts'

const INT64_MAX = (1n << 63n) - 1n
const INT64_MIN = -(1n << 63n)
const UINT64_MAX = (1n << 64n) - 1n

/** Where printf is in its arguments, and the complaints made so far. */
class Args {
  at = 0
  failed = false
  readonly warnings: string[] = []
  constructor(
    readonly list: readonly string[],
    private readonly words: NumberWords,
    /** When the shell started, in milliseconds since the epoch: %(...)T's -2. */
    private readonly started = Date.now(),
    /** The local time zone, %(...)T's. */
    readonly zone: Zone = UTC,
  ) {}

  get remaining(): number {
    return this.list.length - this.at
  }

  next(): string | undefined {
    return this.at < this.list.length ? this.list[this.at++] : undefined
  }

  complain(text: string): void {
    this.warnings.push(`printf: ${text}`)
    this.failed = true
  }

  /** An argument that is not (wholly) a number, in the dialect's words. */
  private badNumber(kind: keyof NumberWords, s: string): void {
    const text = this.words[kind](s)
    // bash only warns of a number out of range
    if (text.startsWith('warning: ')) this.warnings.push(`printf: ${text}`)
    else this.complain(text)
  }

  /** A character constant ('a or "a): its code, with a warning for what follows it. */
  charConstant(s: string): number | undefined {
    if ((s[0] !== "'" && s[0] !== '"') || s.length < 2) return undefined
    const cp = s.codePointAt(1)!
    const rest = s.slice(cp > 0xffff ? 3 : 2)
    if (rest !== '') this.warnings.push(`printf: warning: ${rest}: character(s) following character constant have been ignored`)
    return cp
  }

  integer(unsigned: boolean): bigint {
    const s = this.next()
    if (s === undefined) return 0n
    const c = this.charConstant(s)
    if (c !== undefined) return BigInt(c)
    const m = /^[\t\n\v\f\r ]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s)
    if (!m) {
      if (s !== '') this.badNumber('notNumber', s)
      return 0n
    }
    let v = BigInt(m[2]!.length > 1 && m[2]![0] === '0' && m[2]![1] !== 'x' && m[2]![1] !== 'X' ? '0o' + m[2]!.slice(1) : m[2]!)
    let overflow = false
    if (unsigned) {
      if (v > UINT64_MAX) {
        v = UINT64_MAX
        overflow = true
      } else if (m[1] === '-') v = (UINT64_MAX + 1n - v) % (UINT64_MAX + 1n)
    } else {
      if (m[1] === '-') v = -v
      if (v > INT64_MAX || v < INT64_MIN) {
        v = v > 0n ? INT64_MAX : INT64_MIN
        overflow = true
      }
    }
    if (overflow) this.badNumber('outOfRange', s)
    else if (m[0].length < s.length) this.badNumber('partly', s)
    return v
  }

  float(): number {
    const s = this.next()
    if (s === undefined) return 0
    const c = this.charConstant(s)
    if (c !== undefined) return c
    const m = /^[\t\n\v\f\r ]*([+-]?)(?:0[xX](?=\.?[0-9a-fA-F])([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|(inf(?:inity)?)|(nan(?:\([0-9A-Za-z_]*\))?))/i.exec(s)
    if (!m) {
      if (s !== '') this.badNumber('notNumber', s)
      return 0
    }
    let v: number
    if (m[5] !== undefined) v = Number(m[5])
    else if (m[6] !== undefined) v = Infinity
    else if (m[7] !== undefined) v = NaN
    else {
      const frac = m[3] ?? ''
      v = parseInt((m[2] || '0') + frac, 16) * 2 ** (Number(m[4] ?? 0) - 4 * frac.length)
    }
    if (m[1] === '-') v = -v
    if (m[0].length < s.length) this.badNumber('partly', s)
    return v
  }

  /** %(...)T's argument, as a time: none or -1 is now, -2 when the shell started; undefined past a Date's range. */
  time(): Date | undefined {
    const seconds = this.remaining === 0 ? -1 : Number(this.integer(false))
    const d = new Date(seconds === -1 ? Date.now() : seconds === -2 ? this.started : seconds * 1000)
    if (!Number.isNaN(d.getTime())) return d
    this.complain(`'${this.list[this.at - 1]}': time out of range`)
    return undefined
  }

  /** A `*` width or precision. */
  star(what: string): number {
    const s = this.list[this.at]
    const v = this.integer(false)
    if (v > 2147483647n || v < -2147483648n) throw new FormatError(`invalid ${what}: '${s}'`)
    return Number(v)
  }
}

class FormatError extends Error {}

/**
 * Where the printf that runs differs: the shells' builtins differ from coreutils' printf (and
 * from each other) in what a directive may hold and how a bad one ends the command.
 */
/** What each printf says of an argument that is no number, is only partly one, or is too large. */
interface NumberWords {
  notNumber(s: string): string
  partly(s: string): string
  outOfRange(s: string): string
}

export interface Dialect {
  numbers: NumberWords
  /** What it says of a directive it cannot read (`conv` its last character, undefined where the format ended). */
  badDirective(directive: string, conv: string | undefined): string
  /** Length modifiers (`%ld`, `%zu`) are accepted and ignored; dash rejects them. */
  lengthModifiers: boolean
  /** bash's `%q`: the argument quoted for the shell. */
  quote: boolean
  /** The status after a bad directive: 1, dash's builtin 2. */
  badDirectiveStatus: number
  /** bash's `%(FORMAT)T`: a time in seconds as strftime formats it. */
  times: boolean
}

const COREUTILS: Dialect = {
  numbers: { notNumber: (s) => `'${s}': expected a numeric value`, partly: (s) => `'${s}': value not completely converted`, outOfRange: (s) => `'${s}': Numerical result out of range` },
  badDirective: (d) => `${d}: invalid conversion specification`,
  lengthModifiers: true,
  quote: false,
  badDirectiveStatus: 1,
  times: false,
}
export const DASH: Dialect = {
  numbers: { notNumber: (s) => `${s}: expected numeric value`, partly: (s) => `${s}: not completely converted`, outOfRange: (s) => `${s}: Numerical result out of range` },
  badDirective: (d, conv) => (conv === undefined ? 'missing format character' : `${d}: invalid directive`),
  lengthModifiers: false,
  quote: false,
  badDirectiveStatus: 2,
  times: false,
}
export const BASH: Dialect = {
  numbers: { notNumber: (s) => `${s}: invalid number`, partly: (s) => `${s}: invalid number`, outOfRange: (s) => `warning: ${s}: Numerical result out of range` },
  badDirective: (d, conv) => (conv === undefined ? `\`${d}': missing format character` : `\`${conv}': invalid format character`),
  lengthModifiers: true,
  quote: true,
  badDirectiveStatus: 1,
  times: true,
}

/**
 * Flags each conversion rejects (coreutils' table, but `0` on %s and %c is accepted and pads with
 * spaces, as dash's and bash's printf do).
 */
const FORBIDDEN: Record<string, string> = {
  d: '#',
  i: '#',
  u: '#',
  c: "#'",
  s: "#'",
  b: "#'",
  o: "'",
  x: "'",
  X: "'",
  e: "'",
  E: "'",
  a: "'",
  A: "'",
}

/**
 * Prints the format once, taking arguments as it goes. Returns false when output must stop
 * (`\c`). Throws FormatError for a bad directive.
 */
function formatOnce(format: string, args: Args, out: ByteBuilder, dialect: Dialect): boolean {
  let i = 0
  let literal = 0
  const n = format.length
  while (i < n) {
    const ch = format.charCodeAt(i)
    if (ch !== 37 /* % */ && ch !== 92 /* \ */) {
      i++
      continue
    }
    if (i > literal) out.str(format.slice(literal, i))
    if (ch === 92) {
      // one escape: find its end by interpreting just this backslash sequence
      const end = escapeEnd(format, i)
      if (!writeEscaped(format.slice(i, end), out, 'format')) return false
      i = literal = end
      continue
    }
    const start = i++
    if (format[i] === '%') {
      out.str('%')
      i = literal = i + 1
      continue
    }
    let flags = ''
    while (i < n && "-+ #0'I".includes(format[i]!)) flags += format[i++]
    const spec: ConvSpec = { flags, conv: '' }
    if (format[i] === '*') {
      i++
      const w = args.star('field width')
      if (w < 0) spec.flags += '-'
      spec.width = Math.abs(w)
    } else {
      const w = /^\d+/.exec(format.slice(i, i + 12))
      if (w) {
        spec.width = Number(w[0])
        i += w[0].length
      }
    }
    if (format[i] === '.') {
      i++
      if (format[i] === '*') {
        i++
        const p = args.star('precision')
        if (p >= 0) spec.precision = p
      } else {
        const p = /^\d*/.exec(format.slice(i, i + 12))![0]
        spec.precision = Number(p || '0')
        i += p.length
      }
    }
    if (dialect.times && format[i] === '(') {
      const close = format.indexOf(')', i)
      if (close < 0 || format[close + 1] !== 'T') throw new FormatError(`${format.slice(start)}: invalid time format specification`)
      // an empty format is the locale's time, as bash's
      const pattern = close === i + 1 ? '%X' : format.slice(i + 1, close)
      i = literal = close + 2
      const when = args.time()
      if (when !== undefined) out.str(formatString(strftime(pattern, when, 0, args.zone), { ...spec, conv: 's' }))
      continue
    }
    if (dialect.lengthModifiers) while (i < n && 'lLhjtz'.includes(format[i]!)) i++
    const conv = format[i]
    const known = conv !== undefined && ('diouxXfFeEgGaAcsb'.includes(conv) || (dialect.quote && conv === 'q'))
    if (!known || [...flags].some((f) => FORBIDDEN[conv]?.includes(f))) {
      throw new FormatError(dialect.badDirective(format.slice(start, i + 1), conv))
    }
    spec.conv = conv
    i = literal = i + 1
    if (conv === 'b') {
      if (!formatEscaped(args.next() ?? '', spec, out)) return false
    } else if ('di'.includes(conv)) out.str(formatInteger(args.integer(false), spec))
    else if ('ouxX'.includes(conv)) out.str(formatInteger(args.integer(true), spec))
    else if (conv === 's') out.str(formatString(args.next() ?? '', spec))
    else if (conv === 'q') out.str(formatString(bashQuote(args.next() ?? ''), spec))
    else if (conv === 'c') {
      const arg = args.next() ?? ''
      const first = arg === '' ? '\0' : String.fromCodePoint(arg.codePointAt(0)!)
      out.str(formatString(first, spec))
    } else out.str(formatFloat(args.float(), spec))
  }
  if (n > literal) out.str(format.slice(literal))
  return true
}

/**
 * %b: the argument with its escapes interpreted, then cut and padded as %s. Returns false when
 * `\c` ended the output.
 */
function formatEscaped(arg: string, spec: ConvSpec, out: ByteBuilder): boolean {
  if (spec.width === undefined && spec.precision === undefined) return writeEscaped(arg, out, 'arg')
  const expanded = new ByteBuilder()
  const goOn = writeEscaped(arg, expanded, 'arg')
  const text = decodeBytes(expanded.take())
  out.str(goOn ? formatString(text, spec) : text)
  return goOn
}

/** The end of the escape sequence starting at the backslash `at`, for the format dialect. */
function escapeEnd(s: string, at: number): number {
  const c = s[at + 1]
  if (c === undefined) return at + 1
  let i = at + 2
  const take = (re: RegExp, max: number): void => {
    let k = 0
    while (k < max && i < s.length && re.test(s[i]!)) {
      i++
      k++
    }
  }
  if (c === 'x') take(/[0-9a-fA-F]/, 2)
  else if (c >= '0' && c <= '7') take(/[0-7]/, 2)
  else if (c === 'u') take(/[0-9a-fA-F]/, 4)
  else if (c === 'U') take(/[0-9a-fA-F]/, 8)
  return i
}

/**
 * printf as `dialect` has it: coreutils' command, or a shell's builtin, whose complaints go to
 * `report` (the shell's error, placed as the shell places them) where given.
 */
export async function printfAs(proc: ProcContext, dialect: Dialect, report?: (text: string) => Promise<void>): Promise<number> {
  let argv = proc.argv.slice(1)
  if (argv[0] === '--') argv = argv.slice(1)
  if (argv.length === 0) {
    await proc.stderr.write('printf: missing operand\nusage: printf format [argument ...]\n')
    return 1
  }
  const format = argv[0]!
  const times = dialect.times && format.includes('(')
  const args = new Args(argv.slice(1), dialect.numbers, times ? proc.procs().find((p) => p.pid === proc.pid)?.started : undefined, times ? localZone(proc.env) : UTC)
  const out = new ByteBuilder()
  let status = 0
  try {
    for (;;) {
      const before = args.at
      if (!formatOnce(format, args, out, dialect)) break
      if (out.size >= 65536) await proc.stdout.write(out.take())
      if (args.remaining === 0 || args.at === before) break
    }
    if (args.remaining > 0) args.warnings.push(`printf: warning: ignoring excess arguments, starting with '${args.list[args.at]}'`)
  } catch (e) {
    if (!(e instanceof FormatError || e instanceof EscapeError)) throw e
    args.warnings.push(`printf: ${e.message}`)
    status = dialect.badDirectiveStatus
  }
  // the complaints first: the output is still buffered when they are made, as in the C printfs
  if (report) for (const w of args.warnings) await report(w)
  else if (args.warnings.length > 0) await proc.stderr.write(args.warnings.join('\n') + '\n')
  if (out.size > 0) await proc.stdout.write(out.take())
  return status !== 0 ? status : args.failed ? 1 : 0
}

export const printf = command({
  name: 'printf',
  usage: 'format [argument ...]',
  summary: 'format and print data',
  help: `Conversions: %s %b %c %d %i %u %o %x %X %f %F %e %E %g %G %a %A %%, with flags -+ #0,
a width and a precision (either may be *). Escapes: \\n \\t \\\\ \\NNN \\xHH \\uHHHH \\c.
The format is reused until the arguments are used up.`,
  run: (proc) => printfAs(proc, COREUTILS),
})
