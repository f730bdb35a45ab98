/**
 * csplit: split a file into pieces at line numbers (N) and lines matching patterns (/RE/[+-N],
 * %RE%[+-N] to skip), each repeated with {N} or {*}; writes xx00, xx01, … and prints their sizes,
 * as GNU csplit does. On an error the pieces made are removed (unless -k), status 1.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, decode, encode, readAll, readOrFail, UsageError } from '../lib.ts'
import { compileRegex, RegexError, type Regex } from '../util/regex.ts'
import { splitKeep } from '../util/unidiff.ts'

type Pattern =
  | { kind: 'line'; line: number; text: string; repeat: number }
  | { kind: 'match' | 'skip'; re: Regex; offset: number; text: string; repeat: number }

class SplitError extends Error {}

interface Options {
  prefix: string
  digits: number
  format: string | undefined
  silent: boolean
  keep: boolean
  elide: boolean
  suppress: boolean
  operands: string[]
}

export const csplit = command({
  name: 'csplit',
  usage: '[-skz] [-f prefix] [-n digits] [-b format] [--suppress-matched] file pattern ...',
  summary: 'split a file into pieces at line numbers and matching lines',
  help: `  N        a piece ends before line N          /RE/[+-N]  a piece ends before the line matching RE
  %RE%[+-N]  skip to the line matching RE      {N}  repeat the pattern before N more times, {*} until the end
  -f PREFIX  name pieces PREFIX00… (default xx)  -n N  N digits   -b FORMAT  a printf %d format for the number
  -s  print no sizes   -k  keep the pieces on an error   -z  no empty pieces   --suppress-matched  leave the matching lines out`,
  async run(proc) {
    const o = parseOptions(proc.argv)
    if (o.operands.length === 0) throw new UsageError('missing operand')
    if (o.operands.length === 1) throw new UsageError(`missing operand after '${o.operands[0]}'`)
    const [name, ...specs] = o.operands as [string, ...string[]]
    let patterns: Pattern[]
    try {
      patterns = parsePatterns(specs)
    } catch (e) {
      if (!(e instanceof SplitError) && !(e instanceof RegexError)) throw e
      await proc.stderr.write(`csplit: ${e.message}\n`)
      return 1
    }
    const bytes = await readOrFail(proc, 'csplit', name, () => (name === '-' ? readAll(proc, 0) : proc.readFile(name)))
    if (bytes === undefined) return 1
    const text = decode(bytes)
    return new Splitter(proc, o, splitKeep(text)).run(patterns)
  },
})

function parseOptions(argv: readonly string[]): Options {
  const o: Options = { prefix: 'xx', digits: 2, format: undefined, silent: false, keep: false, elide: false, suppress: false, operands: [] }
  const long: Record<string, keyof Options> = { '--quiet': 'silent', '--silent': 'silent', '--keep-files': 'keep', '--elide-empty-files': 'elide', '--suppress-matched': 'suppress' }
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      o.operands.push(...argv.slice(i + 1))
      break
    }
    if (long[arg] !== undefined) (o as unknown as Record<string, boolean>)[long[arg]] = true
    else if (/^-[fnb]/.test(arg) || /^--(prefix|digits|suffix-format)=/.test(arg)) {
      const letter = arg.startsWith('--') ? arg[2]! : arg[1]!
      const value = arg.startsWith('--') ? arg.slice(arg.indexOf('=') + 1) : arg.length > 2 ? arg.slice(2) : argv[++i]
      if (value === undefined) throw new UsageError(`option requires an argument -- '${letter}'`)
      if (letter === 'p' || letter === 'f') o.prefix = value
      else if (letter === 'd' || letter === 'n') {
        if (!/^\d+$/.test(value)) throw new UsageError(`invalid number: '${value}'`)
        o.digits = Number(value)
      } else o.format = value
    } else if (/^-[skz]+$/.test(arg)) {
      o.silent ||= arg.includes('s')
      o.keep ||= arg.includes('k')
      o.elide ||= arg.includes('z')
    } else if (arg.startsWith('-') && arg !== '-' && !/^-\d/.test(arg)) throw new UsageError(`invalid option -- '${arg.slice(1)}'`)
    else o.operands.push(arg)
  }
  return o
}

function parsePatterns(specs: string[]): Pattern[] {
  const out: Pattern[] = []
  let lastLine = 0
  for (const spec of specs) {
    const repeat = /^\{(\d+|\*)\}$/.exec(spec)
    if (repeat) {
      const before = out[out.length - 1]
      if (before === undefined) throw new SplitError(`${spec}: a repeat count needs a pattern before it`)
      before.repeat = repeat[1] === '*' ? Infinity : Number(repeat[1])
      continue
    }
    const re = /^([/%])(.*)\1([-+]\d+)?$/s.exec(spec)
    if (re) {
      out.push({ kind: re[1] === '/' ? 'match' : 'skip', re: compileRegex(re[2]!, { extended: false }), offset: Number(re[3] ?? 0), text: spec, repeat: 0 })
      continue
    }
    if (!/^\d+$/.test(spec)) throw new SplitError(`${spec}: invalid pattern`)
    const line = Number(spec)
    if (line === 0) throw new SplitError(`${spec}: line number must be greater than zero`)
    if (line < lastLine) throw new SplitError(`line number '${spec}' is smaller than preceding line number, ${lastLine}`)
    lastLine = line
    out.push({ kind: 'line', line, text: spec, repeat: 0 })
  }
  return out
}

class Splitter {
  private cur = 0
  private lastMatch = -1
  private made: string[] = []
  private count = 0
  constructor(
    private readonly proc: ProcContext,
    private readonly o: Options,
    private readonly lines: string[],
  ) {}

  async run(patterns: Pattern[]): Promise<number> {
    try {
      for (const p of patterns) {
        for (let rep = 0; rep <= p.repeat; rep++) {
          const done = p.kind === 'line' ? await this.atLine(p, rep) : await this.atMatch(p, rep)
          if (!done) break
        }
      }
      await this.piece(this.lines.length)
      return 0
    } catch (e) {
      if (!(e instanceof SplitError)) throw e
      await this.proc.stderr.write(`csplit: ${e.message}\n`)
      if (!this.o.keep) for (const name of this.made) await this.proc.remove(name).catch(() => {})
      return 1
    }
  }

  /** The piece before line N (N more on each repetition: past the end is an error, even under {*}). */
  private async atLine(p: Extract<Pattern, { kind: 'line' }>, rep: number): Promise<boolean> {
    const end = p.line * (rep + 1) - 1
    if (end >= this.lines.length) {
      await this.piece(this.lines.length)
      throw new SplitError(`${p.text}: line number out of range${rep > 0 ? ` on repetition ${rep}` : ''}`)
    }
    await this.piece(end)
    if (this.o.suppress) this.cur++
    return true
  }

  /** The piece before the next matching line (or a skip to it); false once none is left under {*}. */
  private async atMatch(p: Extract<Pattern, { kind: 'match' | 'skip' }>, rep: number): Promise<boolean> {
    let at = Math.max(this.cur, this.lastMatch + 1)
    while (at < this.lines.length && !p.re.test(this.lines[at]!.replace(/\n$/, ''))) at++
    if (at >= this.lines.length) {
      if (p.repeat === Infinity && rep > 0) return false
      if (p.kind === 'match') await this.piece(this.lines.length)
      throw new SplitError(`${p.text}: match not found${rep > 0 ? ` on repetition ${rep}` : ''}`)
    }
    this.lastMatch = at
    const end = at + p.offset
    if (end < this.cur || end > this.lines.length) throw new SplitError(`${p.text}: line number out of range`)
    if (p.kind === 'match') await this.piece(end)
    else this.cur = end
    if (this.o.suppress && this.cur === at) this.cur++
    return true
  }

  /** Writes lines [cur, end) as the next piece and prints its size. */
  private async piece(end: number): Promise<void> {
    const bytes = encode(this.lines.slice(this.cur, end).join(''))
    this.cur = end
    if (this.o.elide && bytes.length === 0) return
    const name = this.o.prefix + this.suffix(this.count++)
    await this.proc.writeFile(name, bytes)
    this.made.push(name)
    if (!this.o.silent) await this.proc.stdout.write(`${bytes.length}\n`)
  }

  private suffix(n: number): string {
    if (this.o.format === undefined) return String(n).padStart(this.o.digits, '0')
    return this.o.format.replace(/%(0?)(\d*)d/, (_, zero: string, width: string) => String(n).padStart(Number(width || 0), zero ? '0' : ' '))
  }
}
