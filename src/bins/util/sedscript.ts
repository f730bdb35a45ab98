/**
 * The sed script language (GNU sed 4 flavour), parsed into a flat list of commands: blocks and
 * branches become jumps. Errors read as GNU's: `-e expression #1, char 3: unterminated `s' command`.
 */
import { RegexError, compileRegex, type MatchFlags, type Regex } from './regex.ts'

export type Address =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  /** `re` undefined: the empty regex, meaning the last one used. */
  | { kind: 're'; re: Regex | undefined }
  /** addr1,+N */
  | { kind: 'plus'; n: number }
  /** first~step (step > 0): every step-th line from first */
  | { kind: 'step'; first: number; step: number }
  /** addr1,~N: up to the next line whose number is a multiple of N */
  | { kind: 'multiple'; n: number }

/** The digits each of GNU's numeric escapes takes: \d decimal, \o octal, \x hexadecimal. */
const NUMERIC_ESCAPE: Record<string, RegExp> = { d: /^[0-9]{1,3}/, o: /^[0-7]{1,3}/, x: /^[0-9a-fA-F]{1,2}/ }

export interface Replacement {
  /** Literal text, a group (0 is the whole match) or a case change (\U \L \u \l \E). */
  parts: ({ text: string } | { group: number } | { caseChange: 'U' | 'L' | 'u' | 'l' | 'E' })[]
}

export interface SedCommand {
  a1?: Address
  a2?: Address
  negate: boolean
  name: string
  /** Range state: inside a range, and (for +N and line numbers) where it ends. */
  active: boolean
  endLine: number
  /** a i c: the text; b t T: the label; : the label; q Q: the exit code as text; l: the line length; r w W: the file name; e: the command. */
  text: string
  /** b t T {: the command index to go to (resolved after parsing). */
  target: number
  /** `a\` ending the script: no text at all, so only the line's missing newline comes out (`sed '$a\'`). */
  bare?: boolean
  re?: Regex | undefined
  replacement?: Replacement
  global?: boolean
  print?: boolean
  nth?: number
  /** y: source character → replacement. */
  map?: Map<string, string>
  /** s///w: the file the changed pattern space is written to. */
  writeFile?: string
}

/** The files the script's w commands and s///w flags write: GNU empties them before reading input. */
export function writtenFiles(cmds: readonly SedCommand[]): Set<string> {
  const names = new Set<string>()
  for (const c of cmds) {
    if (c.name === 'w' || c.name === 'W') names.add(c.text)
    else if (c.writeFile !== undefined) names.add(c.writeFile)
  }
  return names
}

export class SedSyntaxError extends Error {
  constructor(
    message: string,
    /** GNU sed's status: 1, or 4 for a missing label (which it treats as a panic). */
    readonly status = 1,
  ) {
    super(message)
  }
}

/** `0,/re/` starts inside its range, so the regex can end it on line 1. */
export function isZeroRange(c: SedCommand): boolean {
  return c.a1?.kind === 'line' && c.a1.n === 0 && c.a2?.kind === 're'
}

export interface ScriptOptions {
  extended: boolean
}

export function parseScript(script: string, options: ScriptOptions): SedCommand[] {
  return new Parser(script, options).parse()
}

class Parser {
  private i = 0
  private readonly cmds: SedCommand[] = []
  private readonly blocks: number[] = []

  constructor(
    private readonly s: string,
    private readonly options: ScriptOptions,
  ) {}

  private fail(message: string): never {
    throw new SedSyntaxError(`-e expression #1, char ${Math.min(this.i, this.s.length)}: ${message}`)
  }

  private skipSpace(): void {
    while (this.i < this.s.length && (this.s[this.i] === ' ' || this.s[this.i] === '\t')) this.i++
  }

  parse(): SedCommand[] {
    for (;;) {
      while (this.i < this.s.length && /[\s;]/.test(this.s[this.i]!)) this.i++
      if (this.i >= this.s.length) break
      if (this.s[this.i] === '#') {
        while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++
        continue
      }
      this.command()
    }
    if (this.blocks.length > 0) {
      this.i = this.s.length
      this.fail('unmatched `{\'')
    }
    this.resolveLabels()
    return this.cmds
  }

  private command(): void {
    const cmd: SedCommand = { negate: false, name: '', active: false, endLine: 0, text: '', target: -1 }
    cmd.a1 = this.address()
    if (cmd.a1) {
      this.skipSpace()
      if (this.s[this.i] === ',') {
        this.i++
        this.skipSpace()
        cmd.a2 = this.address(true)
        if (!cmd.a2) this.fail('unexpected `,\'')
      }
    }
    this.skipSpace()
    while (this.s[this.i] === '!') {
      cmd.negate = true
      this.i++
      this.skipSpace()
    }
    const name = this.s[this.i++]
    if (name === undefined) this.fail('missing command')
    cmd.name = name
    if (cmd.a1?.kind === 'line' && cmd.a1.n === 0) {
      if (!isZeroRange(cmd)) this.fail('invalid usage of line address 0')
      cmd.active = true
    }
    switch (name) {
      case '{':
        this.blocks.push(this.cmds.length)
        this.cmds.push(cmd)
        return
      case '}': {
        if (cmd.a1) this.fail('} doesn\'t want any addresses')
        const open = this.blocks.pop()
        if (open === undefined) this.fail('unexpected `}\'')
        this.cmds[open]!.target = this.cmds.length
        this.endOfCommand()
        return
      }
      case '=':
      case 'd':
      case 'D':
      case 'g':
      case 'G':
      case 'h':
      case 'H':
      case 'n':
      case 'N':
      case 'p':
      case 'P':
      case 'x':
      case 'z':
        break
      case 'q':
      case 'Q':
      case 'l':
        this.skipSpace()
        cmd.text = /^\d*/.exec(this.s.slice(this.i))![0]
        this.i += cmd.text.length
        break
      case ':':
        if (cmd.a1) this.fail(': doesn\'t want any addresses')
        this.skipSpace()
        cmd.text = this.label()
        if (cmd.text === '') this.fail('":" lacks a label')
        break
      case 'b':
      case 't':
      case 'T':
        this.skipSpace()
        cmd.text = this.label()
        break
      case 'a':
      case 'i':
      case 'c':
        if (name === 'a' && /^[ \t]*\\$/.test(this.s.slice(this.i))) cmd.bare = true
        cmd.text = this.text()
        this.cmds.push(cmd)
        return
      case 'r':
      case 'R':
      case 'w':
      case 'W':
        cmd.text = this.fileName()
        this.cmds.push(cmd)
        return
      case 'e':
        // the rest of the line is the command; none: the pattern space is
        this.skipSpace()
        cmd.text = /^[^\n]*/.exec(this.s.slice(this.i))![0]
        this.i += cmd.text.length
        this.cmds.push(cmd)
        return
      case 'F':
        break
      case 'v':
        // GNU's: fails only on a version newer than its own; every version is taken here
        this.label()
        break
      case 's':
        this.substitute(cmd)
        break
      case 'y':
        this.transliterate(cmd)
        break
      case 'L':
        this.fail(`not implemented: ${name}`)
        break
      default:
        this.fail(`unknown command: \`${name}'`)
    }
    this.cmds.push(cmd)
    this.endOfCommand()
  }

  /** After a command: spaces, then `;`, newline, `}`, `#` or the end. */
  private endOfCommand(): void {
    this.skipSpace()
    const c = this.s[this.i]
    if (c === undefined || c === ';' || c === '\n' || c === '}' || c === '#') return
    this.fail(`extra characters after command`)
  }

  private label(): string {
    const m = /^[^;\n]*/.exec(this.s.slice(this.i))![0]
    this.i += m.length
    return m.trim()
  }

  /** r, w, s///w: the rest of the line, `;` and all, is the file name. */
  private fileName(): string {
    this.skipSpace()
    const name = /^[^\n]*/.exec(this.s.slice(this.i))![0]
    if (name === '') this.fail('missing filename in r/R/w/W commands')
    this.i += name.length
    return name
  }

  /** a, i, c text: `a text`, `a\` newline text (lines ending in `\` continue). */
  private text(): string {
    this.skipSpace()
    const first = this.s[this.i]
    if (first === undefined || first === '\n') this.fail("expected \\ after `a', `c' or `i'")
    if (first === '\\') {
      this.i++
      if (this.s[this.i] === '\n') this.i++
      else this.skipSpace()
    }
    let out = ''
    while (this.i < this.s.length) {
      const c = this.s[this.i++]!
      if (c === '\n') break
      if (c === '\\' && this.i < this.s.length) {
        const d = this.s[this.i++]!
        out += d
        continue
      }
      out += c
    }
    return out
  }

  private address(second = false): Address | undefined {
    const c = this.s[this.i]
    if (c === undefined) return undefined
    if (c >= '0' && c <= '9') {
      const n = /^\d+/.exec(this.s.slice(this.i))![0]
      this.i += n.length
      const step = this.s[this.i] === '~' ? /^\d+/.exec(this.s.slice(this.i + 1))?.[0] : undefined
      if (step === undefined) return { kind: 'line', n: Number(n) }
      this.i += 1 + step.length
      // first~0 is the line first, as in GNU
      if (Number(step) === 0) return { kind: 'line', n: Number(n) }
      return { kind: 'step', first: Number(n), step: Number(step) }
    }
    if (second && (c === '+' || c === '~')) {
      // GNU reads a missing number as 0
      const n = /^\d*/.exec(this.s.slice(this.i + 1))![0]
      this.i += 1 + n.length
      return c === '+' ? { kind: 'plus', n: Number(n) } : { kind: 'multiple', n: Number(n) }
    }
    if (c === '$') {
      this.i++
      return { kind: 'last' }
    }
    if (c === '/' || c === '\\') {
      if (c === '\\') this.i++
      const delim = this.s[this.i++]
      if (delim === undefined || delim === '\n' || delim === '\\') this.fail('unexpected end of address')
      const pattern = this.delimited(delim, 'unterminated address regex')
      const flags: MatchFlags = {}
      while (this.s[this.i] === 'I' || this.s[this.i] === 'M') {
        if (this.s[this.i++] === 'I') flags.ignoreCase = true
        else flags.multiline = true
      }
      return { kind: 're', re: this.regex(pattern, flags) }
    }
    return undefined
  }

  /** Reads up to an unescaped `delim`; `\delim` becomes delim and `\n` stays for the regex translator. */
  private delimited(delim: string, unterminated: string): string {
    let out = ''
    for (;;) {
      const c = this.s[this.i++]
      if (c === undefined) this.fail(unterminated)
      if (c === delim) return out
      if (c === '\\') {
        const d = this.s[this.i++]
        if (d === undefined) this.fail(unterminated)
        if (d === delim) out += delim
        else if (d === '\n') out += '\\n'
        else out += '\\' + d
        continue
      }
      out += c
    }
  }

  private regex(pattern: string, flags: MatchFlags): Regex | undefined {
    if (pattern === '') return undefined
    try {
      return compileRegex(pattern, { extended: this.options.extended, tabEscape: true }, flags)
    } catch (e) {
      if (e instanceof RegexError) this.fail(e.message)
      throw e
    }
  }

  private substitute(cmd: SedCommand): void {
    const delim = this.s[this.i++]
    if (delim === undefined || delim === '\n' || delim === '\\') this.fail('unterminated `s\' command')
    const pattern = this.delimited(delim, 'unterminated `s\' command')
    cmd.replacement = this.replacement(delim)
    const flags: MatchFlags = {}
    cmd.global = false
    cmd.print = false
    cmd.nth = 1
    for (;;) {
      const c = this.s[this.i]
      if (c === 'g') cmd.global = true
      else if (c === 'p') cmd.print = true
      else if (c === 'i' || c === 'I') flags.ignoreCase = true
      else if (c === 'm' || c === 'M') flags.multiline = true
      else if (c !== undefined && c >= '1' && c <= '9') {
        const n = /^\d+/.exec(this.s.slice(this.i))![0]
        cmd.nth = Number(n)
        this.i += n.length - 1
      } else if (c === 'w') {
        this.i++
        cmd.writeFile = this.fileName()
        break
      } else if (c === 'e') this.fail('not implemented: s///e')
      else if (c === undefined || /[\s;}#]/.test(c)) break
      else this.fail('unknown option to `s\'')
      this.i++
    }
    // undefined for the empty regex: the last regex used, chosen at run time
    cmd.re = this.regex(pattern, flags)
    if (cmd.re) {
      const groups = cmd.re.groups
      for (const p of cmd.replacement.parts) {
        if ('group' in p && p.group > groups) this.fail(`invalid reference \\${p.group} on \`s' command's RHS`)
      }
    }
  }

  private replacement(delim: string): Replacement {
    const parts: Replacement['parts'] = []
    let text = ''
    const flush = (): void => {
      if (text !== '') parts.push({ text })
      text = ''
    }
    for (;;) {
      const c = this.s[this.i++]
      if (c === undefined) this.fail('unterminated `s\' command')
      if (c === delim) break
      if (c === '&') {
        flush()
        parts.push({ group: 0 })
      } else if (c === '\\') {
        const d = this.s[this.i++]
        if (d === undefined) this.fail('unterminated `s\' command')
        if (d >= '0' && d <= '9') {
          flush()
          parts.push({ group: Number(d) })
        } else if (d === 'n') text += '\n'
        else if (d === 't') text += '\t'
        else if (NUMERIC_ESCAPE[d] !== undefined && NUMERIC_ESCAPE[d]!.test(this.s.slice(this.i))) {
          // GNU's \dNNN, \oNNN and \xHH: a character by its code
          const digits = NUMERIC_ESCAPE[d]!.exec(this.s.slice(this.i))![0]
          this.i += digits.length
          text += String.fromCharCode(parseInt(digits, d === 'd' ? 10 : d === 'o' ? 8 : 16))
        } else if (d === 'U' || d === 'L' || d === 'u' || d === 'l' || d === 'E') {
          flush()
          parts.push({ caseChange: d })
        } else text += d
      } else text += c
    }
    flush()
    return { parts }
  }

  private transliterate(cmd: SedCommand): void {
    const delim = this.s[this.i++]
    if (delim === undefined || delim === '\n' || delim === '\\') this.fail('unterminated `y\' command')
    const chars = (): string[] => {
      const out: string[] = []
      for (;;) {
        const c = this.s[this.i++]
        if (c === undefined) this.fail('unterminated `y\' command')
        if (c === delim) return out
        if (c === '\\') {
          const d = this.s[this.i++]
          if (d === 'n') out.push('\n')
          else if (d === 't') out.push('\t')
          else if (d === delim || d === '\\') out.push(d)
          else this.fail('unknown option to `y\'')
        } else out.push(c)
      }
    }
    const from = chars()
    const to = chars()
    if (from.length !== to.length) this.fail('strings for `y\' command are different lengths')
    cmd.map = new Map(from.map((c, k) => [c, to[k]!]))
  }

  private resolveLabels(): void {
    const labels = new Map<string, number>()
    this.cmds.forEach((c, k) => {
      if (c.name === ':') labels.set(c.text, k)
    })
    for (const c of this.cmds) {
      if (c.name !== 'b' && c.name !== 't' && c.name !== 'T') continue
      if (c.text === '') c.target = this.cmds.length
      else {
        const at = labels.get(c.text)
        if (at === undefined) throw new SedSyntaxError(`can't find label for jump to \`${c.text}'`, 4)
        c.target = at
      }
    }
  }
}
