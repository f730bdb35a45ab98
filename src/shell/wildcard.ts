/**
 * What the shell asks of a pattern's text on every word, before any matching: whether it has a
 * wildcard, where a bracket expression or an extended group ends, and escaping. Matching itself
 * (pattern.ts and the automata) loads when a script first matches something.
 */

// `-`, `!` and `^` too: quoted, they are characters in a bracket expression (`*.[C\-D]`, `[\!a]`);
// `(` so that quoted text never opens an extglob group
const PATTERN_CHAR = /[\\*?[\]!^(-]/
const PATTERN_CHARS = /[\\*?[\]!^(-]/g

/** Escapes a literal string so that it matches only itself as a pattern. */
export function escapePattern(s: string): string {
  // Most text has nothing to escape: a test, not a new string (every quoted word comes here).
  return PATTERN_CHAR.test(s) ? s.replace(PATTERN_CHARS, '\\$&') : s
}

/** Removes the pattern escapes (the literal text a pattern stands for when it has no wildcard). */
export function unescapePattern(p: string): string {
  return p.replace(/\\(.)/gs, '$1')
}

/** Whether the pattern has an unescaped wildcard (or, with `extglob`, an extended construct). */
export function hasWildcard(p: string, extglob = false): boolean {
  if (extglob && hasExtglob(p)) return true
  for (let i = 0; i < p.length; i++) {
    const c = p[i]
    if (c === '\\') i++
    else if (c === '*' || c === '?') return true
    else if (c === '[' && bracketEnd(p, i) > 0) return true
  }
  return false
}

/** The characters that open an extended construct before a `(`. */
export const EXTGLOB_OPENERS = '?*+@!'

/** Whether `p` has an extended construct at its top level or inside (an unescaped `X(` with X one of ?*+@!). */
export function hasExtglob(p: string): boolean {
  for (let i = 0; i + 1 < p.length; i++) {
    if (p[i] === '\\') i++
    else if (EXTGLOB_OPENERS.includes(p[i]!) && p[i + 1] === '(' && groupEnd(p, i + 1) > 0) return true
  }
  return false
}

/** The index of the `)` closing the `(` at `open` (backslashes escape), or -1. */
export function groupEnd(p: string, open: number): number {
  let depth = 0
  for (let i = open; i < p.length; i++) {
    const c = p[i]
    if (c === '\\') i++
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return i
  }
  return -1
}

/** Index of the `]` closing the bracket expression opened at `open`, or -1. */
export function bracketEnd(p: string, open: number): number {
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
