/**
 * POSIX regular expressions (GNU flavour) translated to JavaScript RegExp source, for grep and
 * sed. Basic (BRE): `\( \) \{ \} \| \+ \?` are operators and `( ) { } | + ?` are characters;
 * `*` at the start is a character; `^`/`$` anchor only at the ends. Extended (ERE): the other way
 * round. Both: bracket expressions with [:classes:], back-references \1-\9, \< \> \b \B \w \W
 * \s \S. Errors use GNU's messages.
 */
import { own } from '../../kernel/own.ts'

export class RegexError extends Error {}

export interface RegexOptions {
  extended: boolean
  /** sed: `\t` is a tab (grep reads it as `t`). `\n` is a newline for both. */
  tabEscape?: boolean
}

export interface Translated {
  source: string
  /** Set when the pattern is plain text: callers can use indexOf instead of a RegExp. */
  literal: string | undefined
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
        pushAtom(`(?:\\${d})`)
      } else if (d === '<') pushOther('\\b(?=\\w)')
      else if (d === '>') pushOther('\\b(?<=\\w)')
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
    if (c === '.') pushAtom('[^]')
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
      pushOther('|')
      atStart = true
    } else if (ere && c === '{' && atom >= 0 && interval(pattern, i, '}')) {
      const iv = interval(pattern, i, '}')!
      quantify(iv.text)
      i = iv.end
    } else pushAtom(escapeLiteral(c), c)
  }
  if (groups.length > 0) throw new RegexError('Unmatched ( or \\(')
  return { source: out.join(''), literal }
}

/** Compiles a POSIX pattern; `flags` are JS flags (i, g). */
export function compileRegex(pattern: string, options: RegexOptions, flags = ''): RegExp {
  const { source } = translateRegex(pattern, options)
  try {
    return new RegExp(source, flags)
  } catch (e) {
    throw new RegexError(e instanceof Error ? e.message : String(e))
  }
}
