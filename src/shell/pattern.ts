/**
 * Shell pattern matching (XCU 2.13): `*`, `?`, bracket expressions with ranges, negation and
 * character classes. A backslash makes the next character literal; the expander escapes quoted
 * characters that way, so `"*"` never matches as a wildcard. Compiled patterns are cached.
 */
import { own } from '../kernel/own.ts'

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
}

const reEscape = (c: string): string => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? '\\' + c : c)

// `-`, `!` and `^` too: quoted, they are characters in a bracket expression (`*.[C\-D]`, `[\!a]`)
const PATTERN_CHAR = /[\\*?[\]!^-]/
const PATTERN_CHARS = /[\\*?[\]!^-]/g

/** Escapes a literal string so that it matches only itself as a pattern. */
export function escapePattern(s: string): string {
  // Most text has nothing to escape: a test, not a new string (every quoted word comes here).
  return PATTERN_CHAR.test(s) ? s.replace(PATTERN_CHARS, '\\$&') : s
}


/** Removes the pattern escapes (the literal text a pattern stands for when it has no wildcard). */
export function unescapePattern(p: string): string {
  return p.replace(/\\(.)/gs, '$1')
}

/** Whether the pattern has an unescaped wildcard. */
export function hasWildcard(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    const c = p[i]
    if (c === '\\') i++
    else if (c === '*' || c === '?') return true
    else if (c === '[' && bracketEnd(p, i) > 0) return true
  }
  return false
}

/** Index of the `]` closing the bracket expression opened at `open`, or -1. */
function bracketEnd(p: string, open: number): number {
  let i = open + 1
  if (p[i] === '!' || p[i] === '^') i++
  if (p[i] === ']') i++
  for (; i < p.length; i++) {
    const c = p[i]
    if (c === '\\') i++
    else if (c === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2)
      if (close > 0) i = close + 1
    } else if (c === ']') return i
  }
  return -1
}

function bracketSource(p: string, open: number, close: number): string {
  let i = open + 1
  let out = '['
  if (p[i] === '!' || p[i] === '^') {
    out += '^'
    i++
  }
  for (; i < close; i++) {
    const c = p[i]!
    if (c === '[' && p[i + 1] === ':') {
      const end = p.indexOf(':]', i + 2)
      const cls = own(CLASSES, p.slice(i + 2, end))
      if (cls !== undefined) {
        out += cls
        i = end + 1
        continue
      }
    }
    if (c === '\\' && i + 1 < close) {
      out += reEscape(p[++i]!)
      continue
    }
    if (c === '-' && out.length > 1 && i + 1 < close) out += '-'
    else out += reEscape(c)
  }
  return out + ']'
}

const cache = new Map<string, RegExp>()

/** The pattern as an anchored RegExp matching whole strings. */
export function patternRegExp(p: string): RegExp {
  let re = cache.get(p)
  if (re !== undefined) return re
  try {
    re = new RegExp('^' + patternSource(p) + '$')
  } catch {
    // an impossible range like [z-a]: match the text literally
    re = new RegExp('^' + literalSource(p) + '$')
  }
  if (cache.size > 2000) cache.clear()
  cache.set(p, re)
  return re
}

function literalSource(p: string): string {
  return [...unescapePattern(p)].map(reEscape).join('')
}

/** The pattern as RegExp source, unanchored. */
function patternSource(p: string): string {
  let src = ''
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!
    if (c === '\\') {
      src += i + 1 < p.length ? reEscape(p[++i]!) : '\\\\'
    } else if (c === '*') src += '[^]*'
    else if (c === '?') src += '[^]'
    else if (c === '[') {
      const close = bracketEnd(p, i)
      if (close < 0) src += '\\['
      else {
        src += bracketSource(p, i, close)
        i = close
      }
    } else src += reEscape(c)
  }
  return src
}

/**
 * bash's ${s/p/r} (first match), ${s//p/r} (every match), ${s/#p/r} (at the start) and
 * ${s/%p/r} (at the end): each match is the longest at its place; empty matches are not replaced.
 */
export function replacePattern(s: string, p: string, rep: string, op: '/' | '//' | '/#' | '/%'): string {
  if (p === '') return s
  let source: string
  try {
    source = patternSource(p)
    new RegExp(source)
  } catch {
    source = literalSource(p)
  }
  const re = new RegExp(op === '/#' ? '^(?:' + source + ')' : op === '/%' ? '(?:' + source + ')$' : source, op === '//' ? 'g' : '')
  return s.replace(re, (m) => (m === '' ? m : rep))
}

export function matchPattern(p: string, s: string): boolean {
  return patternRegExp(p).test(s)
}

/**
 * ${x#p} ${x##p} ${x%p} ${x%%p}: removes the shortest or longest prefix or suffix of `s`
 * matching `p`.
 */
export function trimPattern(s: string, p: string, op: '#' | '##' | '%' | '%%'): string {
  const re = patternRegExp(p)
  const n = s.length
  switch (op) {
    case '#':
      for (let i = 0; i <= n; i++) if (re.test(s.slice(0, i))) return s.slice(i)
      return s
    case '##':
      for (let i = n; i >= 0; i--) if (re.test(s.slice(0, i))) return s.slice(i)
      return s
    case '%':
      for (let i = n; i >= 0; i--) if (re.test(s.slice(i))) return s.slice(0, i)
      return s
    case '%%':
      for (let i = 0; i <= n; i++) if (re.test(s.slice(i))) return s.slice(0, i)
      return s
  }
}
