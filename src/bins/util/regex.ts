/**
 * POSIX regular expressions (GNU flavour) for grep, sed and awk, translated to RE2 syntax and
 * matched in linear time by re2js, leftmost-longest as POSIX asks. Basic (BRE): `\( \) \{ \} \| \+ \?`
 * are operators and `( ) { } | + ?` are characters; `*` at the start is a character; `^`/`$`
 * anchor only at the ends. Extended (ERE): the other way round. Both: bracket expressions with
 * [:classes:], back-references \1-\9, \< \> \b \B \w \W \s \S. Errors use GNU's messages.
 *
 * RE2 has no back-references and no lookaround: a pattern that needs them (a back-reference, or a
 * `\<`/`\>` that is not next to a word character) runs on the step-bounded backtracker of
 * backtrack.ts instead, which fails cleanly rather than freeze the host.
 */
import { own } from '../../kernel/own.ts'

import { RE2JS } from 're2js'
import { Backtracker, PatternError, TooComplex } from './backtrack.ts'

export class RegexError extends Error {}

export interface RegexOptions {
  extended: boolean
  /** sed: `\t` is a tab (grep reads it as `t`). `\n` is a newline for both. */
  tabEscape?: boolean
}

export interface Translated {
  /** RE2 syntax (`.` meant to match a newline too); for the backtracker when `backtrack` is set. */
  source: string
  /** Set when the pattern is plain text: callers can use indexOf instead of a regex. */
  literal: string | undefined
  /** The pattern needs back-references or lookaround, which RE2 lacks. */
  backtrack: boolean
  /** How many capturing groups it has. */
  groups: number
  /**
   * No quantifier, alternation or back-reference: a backtracking engine tries one path per start,
   * so V8's RegExp is linear here too, and faster than RE2 in JavaScript.
   */
  simple?: boolean
}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9a-zA-Z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
}

const RE_DUP_MAX = 32767

/** A character as a literal in RegExp source. */
export function escapeLiteral(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c === '\n' ? '\\n' : c
}

/** A character inside a RegExp character class. */
function escapeInClass(c: string): string {
  return c === '\\' || c === ']' || c === '[' || c === '^' || c === '-' ? '\\' + c : c === '\n' ? '\\n' : c
}

/** Translates a bracket expression starting at p[i] === '['; returns the source and the index after it. */
function bracket(p: string, i: number): [string, number] {
  let j = i + 1
  let negate = false
  if (p[j] === '^') {
    negate = true
    j++
  }
  let body = ''
  let first = true
  for (;;) {
    if (j >= p.length) throw new RegexError('Unmatched [, [^, [:, [., or [=')
    const c = p[j]!
    if (c === ']' && !first) break
    first = false
    if (c === '[' && (p[j + 1] === ':' || p[j + 1] === '=' || p[j + 1] === '.')) {
      const kind = p[j + 1]!
      const end = p.indexOf(kind + ']', j + 2)
      if (end < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=')
      const name = p.slice(j + 2, end)
      j = end + 2
      if (kind === ':') {
        const cls = own(CLASSES, name)
        if (cls === undefined) throw new RegexError('Invalid character class name')
        body += cls
      } else {
        if ([...name].length !== 1) throw new RegexError('Invalid collation character')
        body += escapeInClass(name)
      }
      continue
    }
    if (p[j + 1] === '-' && p[j + 2] !== undefined && p[j + 2] !== ']') {
      const end = p[j + 2]!
      if (end < c) throw new RegexError('Invalid range end')
      body += escapeInClass(c) + '-' + escapeInClass(end)
      j += 3
      continue
    }
    body += escapeInClass(c)
    j++
  }
  return [(negate ? '[^' : '[') + body + ']', j + 1]
}

/** Parses an interval body `m`, `m,`, `,n` or `m,n` ending at `}`; undefined if it is not one. */
function interval(p: string, i: number, closer: string): { text: string; end: number } | undefined {
  const m = /^(\d*)(,(\d*))?/.exec(p.slice(i))!
  if (!p.startsWith(closer, i + m[0].length) || (m[1] === '' && m[2] === undefined)) return undefined
  const lo = m[1] === '' ? 0 : Number(m[1])
  const hi = m[2] === undefined ? lo : m[3] === '' ? Infinity : Number(m[3])
  if (lo > hi || lo > RE_DUP_MAX || (hi !== Infinity && hi > RE_DUP_MAX)) throw new RegexError('Invalid content of \\{\\}')
  const text = m[2] === undefined ? `{${lo}}` : hi === Infinity ? `{${lo},}` : `{${lo},${hi}}`
  return { text, end: i + m[0].length + closer.length }
}

export function translateRegex(pattern: string, options: RegexOptions): Translated {
  const ere = options.extended
  const out: string[] = []
  let literal: string | undefined = ''
  /** Index in `out` of the last atom (what a quantifier applies to), -1 if there is none. */
  let atom = -1
  let quantified = false
  /** At the start of the pattern, a group or an alternative (where BRE `*` and `^` are special). */
  let atStart = true
  const groups: number[] = []
  let closedGroups = 0
  let backrefs = false
  let branches = false
  /** Where `\\<` and `\\>` went in `out`: RE2's `\\b` says the same when a word character is next to them. */
  const wordStarts: number[] = []
  const wordEnds: number[] = []

  const pushAtom = (src: string, lit?: string): void => {
    atom = out.length
    out.push(src)
    quantified = false
    atStart = false
    literal = literal !== undefined && lit !== undefined ? literal + lit : undefined
  }
  const pushOther = (src: string): void => {
    out.push(src)
    atom = -1
    quantified = false
    literal = undefined
  }
  const quantify = (q: string): void => {
    if (quantified) {
      // a** or a*\{2\}: quantify the quantified atom as a whole (JS would read `*?` as lazy)
      out.splice(atom, 0, '(?:')
      out.push(')')
    }
    out.push(q)
    branches = true
    quantified = true
    literal = undefined
  }

  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!
    if (c === '\\') {
      const d = pattern[i + 1]
      if (d === undefined) throw new RegexError('Trailing backslash')
      i += 2
      if (!ere && d === '(') {
        groups.push(out.length)
        pushOther('(')
        atStart = true
      } else if (!ere && d === ')') {
        const start = groups.pop()
        if (start === undefined) throw new RegexError('Unmatched ) or \\)')
        out.push(')')
        closedGroups++
        atom = start
        quantified = false
        atStart = false
      } else if (!ere && d === '|') {
        branches = true
        pushOther('|')
        atStart = true
      } else if (!ere && d === '{') {
        if (atom < 0) throw new RegexError('Invalid preceding regular expression')
        const iv = interval(pattern, i, '\\}')
        if (!iv) throw new RegexError(pattern.indexOf('\\}', i) < 0 ? 'Unmatched \\{' : 'Invalid content of \\{\\}')
        quantify(iv.text)
        i = iv.end
      } else if (!ere && (d === '+' || d === '?')) {
        if (atom < 0) pushAtom('\\' + d, d)
        else quantify(d)
      } else if (d >= '1' && d <= '9') {
        if (Number(d) > closedGroups) throw new RegexError('Invalid back reference')
        backrefs = true
        // wrapped, so that a digit after it (or a renumbering past 9) stays apart from it
        pushAtom(`(?:\\${d})`)
      } else if (d === '<') {
        wordStarts.push(out.length)
        pushOther('\\<')
      } else if (d === '>') {
        wordEnds.push(out.length)
        pushOther('\\>')
      }
      else if (d === 'b' || d === 'B') pushOther('\\' + d)
      else if (d === '`') pushOther('^')
      else if (d === "'") pushOther('$')
      else if (d === 'w' || d === 'W' || d === 's' || d === 'S') pushAtom('\\' + d)
      else if (d === 'n') pushAtom('\\n', '\n')
      else if (d === 't' && options.tabEscape) pushAtom('\\t', '\t')
      else pushAtom(escapeLiteral(d), d)
      continue
    }
    if (c === '[') {
      const [src, next] = bracket(pattern, i)
      pushAtom(src)
      i = next
      continue
    }
    i++
    if (c === '.') pushAtom('.')
    else if (c === '*' || (ere && (c === '+' || c === '?'))) {
      if (atom >= 0) quantify(c)
      else if (!ere) pushAtom('\\*', '*')
      // ERE: a quantifier with nothing before it is ignored, as GNU does
    } else if (c === '^') {
      if (ere || atStart) {
        pushOther('^')
        atStart = !ere
      } else pushAtom('\\^', '^')
    } else if (c === '$') {
      const atEnd = i === pattern.length || pattern.startsWith('\\)', i) || pattern.startsWith('\\|', i)
      if (ere || atEnd) pushOther('$')
      else pushAtom('\\$', '$')
    } else if (ere && c === '(') {
      groups.push(out.length)
      pushOther('(')
      atStart = true
    } else if (ere && c === ')' && groups.length > 0) {
      out.push(')')
      closedGroups++
      atom = groups.pop()!
      quantified = false
      atStart = false
    } else if (ere && c === '|') {
      branches = true
      pushOther('|')
      atStart = true
    } else if (ere && c === '{' && atom >= 0 && interval(pattern, i, '}')) {
      const iv = interval(pattern, i, '}')!
      quantify(iv.text)
      i = iv.end
    } else pushAtom(escapeLiteral(c), c)
  }
  if (groups.length > 0) throw new RegexError('Unmatched ( or \\(')
  const isWordChar = (src: string | undefined): boolean => src !== undefined && /^(?:\w|\\w)$/.test(src)
  const isQuantifier = (src: string | undefined): boolean => src !== undefined && /^[*+?{]/.test(src)
  const exactAnchors = wordStarts.every((i) => isWordChar(out[i + 1]) && !isQuantifier(out[i + 2])) && wordEnds.every((i) => isWordChar(out[i - 1]))
  const backtrack = backrefs || !exactAnchors
  if (!backtrack) for (const i of [...wordStarts, ...wordEnds]) out[i] = '\\b'
  return { source: out.join(''), literal, backtrack, groups: closedGroups, simple: !branches && !backtrack }
}


/** One match: where it and each group start and end. */
export class RegexMatch {
  constructor(
    readonly input: string,
    /** [start, end] of each group, group 0 being the whole match; -1 where a group took no part. */
    private readonly offsets: ArrayLike<number>,
  ) {}
  get start(): number {
    return this.offsets[0]!
  }
  get end(): number {
    return this.offsets[1]!
  }
  get text(): string {
    return this.input.slice(this.start, this.end)
  }
  /** Where group n starts and ends; -1 when it took no part. */
  startOf(n: number): number {
    return this.offsets[2 * n] ?? -1
  }
  endOf(n: number): number {
    return this.offsets[2 * n + 1] ?? -1
  }
  /** Group n's text; undefined when it took no part in the match. */
  group(n: number): string | undefined {
    const start = this.offsets[2 * n]
    return start === undefined || start < 0 ? undefined : this.input.slice(start, this.offsets[2 * n + 1])
  }
}

/** A compiled pattern: linear-time unless it needs back-references. */
export interface Regex {
  /** How many capturing groups the pattern has. */
  readonly groups: number
  test(s: string): boolean
  /** The first match starting at or after `from` (leftmost-longest on RE2), or undefined. */
  exec(s: string, from?: number): RegexMatch | undefined
}

export interface MatchFlags {
  ignoreCase?: boolean
  /** `^` and `$` also match at newlines inside the text (sed's M flag). */
  multiline?: boolean
  /** A Perl pattern as the user wrote it (grep -P): leftmost-first, and `.` stops at a newline. */
  perl?: boolean
}

class Re2Regex implements Regex {
  readonly groups: number
  private readonly re: RE2JS
  constructor(source: string, flags: MatchFlags) {
    let bits = flags.perl ? 0 : RE2JS.DOTALL | RE2JS.LONGEST_MATCH
    if (flags.ignoreCase) bits |= RE2JS.CASE_INSENSITIVE
    if (flags.multiline) bits |= RE2JS.MULTILINE
    try {
      this.re = RE2JS.compile(source, bits)
    } catch (e) {
      throw new RegexError(e instanceof Error ? e.message : String(e))
    }
    this.groups = this.re.groupCount()
  }
  test(s: string): boolean {
    return this.re.test(s)
  }
  exec(s: string, from = 0): RegexMatch | undefined {
    const m = this.re.matcher(s)
    if (from > s.length || !m.find(from)) return undefined
    const offsets = new Int32Array(2 * (this.groups + 1))
    for (let g = 0; g <= this.groups; g++) {
      offsets[2 * g] = m.start(g)
      offsets[2 * g + 1] = m.end(g)
    }
    return new RegexMatch(s, offsets)
  }
}

class BacktrackRegex implements Regex {
  readonly groups: number
  private readonly bt: Backtracker
  constructor(source: string, flags: MatchFlags) {
    try {
      this.bt = new Backtracker(source, { ignoreCase: !!flags.ignoreCase, multiline: !!flags.multiline, perl: flags.perl })
    } catch (e) {
      if (e instanceof PatternError) throw new RegexError(e.message)
      throw e
    }
    this.groups = this.bt.groups
  }
  test(s: string): boolean {
    return this.exec(s) !== undefined
  }
  exec(s: string, from = 0): RegexMatch | undefined {
    try {
      const offsets = this.bt.exec(s, from)
      return offsets && new RegexMatch(s, offsets.slice())
    } catch (e) {
      if (e instanceof TooComplex) throw new RegexError(e.message)
      throw e
    }
  }
}

class JsRegex implements Regex {
  readonly groups: number
  private readonly re: RegExp
  private readonly global: RegExp
  constructor(source: string, flags: MatchFlags) {
    const bits = 'su' + (flags.ignoreCase ? 'i' : '') + (flags.multiline ? 'm' : '')
    try {
      this.re = new RegExp(source, bits)
    } catch (e) {
      throw new RegexError(e instanceof Error ? e.message : String(e))
    }
    this.global = new RegExp(source, bits + 'gd')
    this.groups = new RegExp(source + '|', bits).exec('')!.length - 1
  }
  test(s: string): boolean {
    return this.re.test(s)
  }
  exec(s: string, from = 0): RegexMatch | undefined {
    this.global.lastIndex = from
    const m = this.global.exec(s)
    if (!m) return undefined
    const offsets = new Int32Array(2 * (this.groups + 1)).fill(-1)
    m.indices!.forEach((span, g) => {
      if (span) [offsets[2 * g], offsets[2 * g + 1]] = span
    })
    return new RegexMatch(s, offsets)
  }
}

/** A translated pattern (or one built from translated pieces) as a Regex. */
export function regexOf(t: Pick<Translated, 'source' | 'backtrack' | 'simple'>, flags: MatchFlags = {}): Regex {
  if (t.backtrack) return new BacktrackRegex(t.source, flags)
  return t.simple ? new JsRegex(t.source, flags) : new Re2Regex(t.source, flags)
}

/**
 * A Perl pattern (grep -P): RE2 runs what it can, in linear time; look-around, `\K` and
 * back-references, which RE2 refuses, go to the step-bounded backtracker, whose messages (PCRE's
 * wording) also report a pattern neither can read.
 */
export function perlRegex(source: string, flags: MatchFlags = {}): Regex {
  const perl = { ...flags, perl: true }
  try {
    return new Re2Regex(source, perl)
  } catch (e) {
    if (!(e instanceof RegexError)) throw e
    return new BacktrackRegex(source, perl)
  }
}

/** Compiles a POSIX pattern. */
export function compileRegex(pattern: string, options: RegexOptions, flags: MatchFlags = {}): Regex {
  return regexOf(translateRegex(pattern, options), flags)
}

/** Adds `by` to every back-reference of a translated source (for a wrapper that opens a group first). */
export function shiftBackrefs(source: string, by: number): string {
  return source.replace(/\\(.)/g, (all, c: string) => (c >= '1' && c <= '9' ? '\\' + String(Number(c) + by) : all))
}
