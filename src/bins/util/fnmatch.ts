/**
 * fnmatch(3) patterns for find -name: `*`, `?`, `[a-z]`, `[!x]` / `[^x]`, and `\` quoting.
 * `*` and `?` match any character, `/` and a leading `.` included (find's use).
 */

/** A RegExp that matches the whole of a name against `pattern`. */
export function patternRegExp(pattern: string, ignoreCase = false): RegExp {
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '*') re += '[\\s\\S]*'
    else if (c === '?') re += '[\\s\\S]'
    else if (c === '\\' && i + 1 < pattern.length) re += escapeChar(pattern[++i]!)
    else if (c === '[') {
      const end = bracketEnd(pattern, i)
      if (end < 0) re += '\\['
      else {
        re += bracket(pattern.slice(i + 1, end))
        i = end
      }
    } else re += escapeChar(c)
  }
  return new RegExp(`^${re}$`, ignoreCase ? 'iu' : 'u')
}

/**
 * A test of whole strings against a glob pattern. `*.ts` and plain names (the usual find -name)
 * compare with endsWith and ===: a regular expression per file was a visible share of `find`.
 */
export function patternTest(pattern: string, ignoreCase = false): (s: string) => boolean {
  const rest = pattern.startsWith('*') ? pattern.slice(1) : pattern
  if (!ignoreCase && !/[*?[\\]/.test(rest)) {
    if (rest === pattern) return (s) => s === pattern
    return (s) => s.endsWith(rest)
  }
  const re = patternRegExp(pattern, ignoreCase)
  return (s) => re.test(s)
}

const escapeChar = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')

/** Index of the `]` that closes the bracket opened at `open`, or -1. A `]` first is literal. */
function bracketEnd(p: string, open: number): number {
  let i = open + 1
  if (p[i] === '!' || p[i] === '^') i++
  if (p[i] === ']') i++
  for (; i < p.length; i++) {
    if (p[i] === '\\') i++
    else if (p[i] === ']') return i
  }
  return -1
}

function bracket(body: string): string {
  let negate = false
  let i = 0
  if (body[0] === '!' || body[0] === '^') {
    negate = true
    i = 1
  }
  let set = ''
  for (; i < body.length; i++) {
    let c = body[i]!
    if (c === '\\' && i + 1 < body.length) c = body[++i]!
    if (body[i + 1] === '-' && i + 2 < body.length) {
      let hi = body[i + 2]!
      i += 2
      if (hi === '\\' && i + 1 < body.length) hi = body[++i]!
      // A reversed range matches nothing rather than being a RegExp syntax error.
      if (hi.codePointAt(0)! >= c.codePointAt(0)!) set += `${escapeClass(c)}-${escapeClass(hi)}`
      continue
    }
    set += escapeClass(c)
  }
  if (set === '') return negate ? '[\\s\\S]' : '[^\\s\\S]'
  return negate ? `[^${set}]` : `[${set}]`
}

const escapeClass = (c: string): string => c.replace(/[\\\]^[-]/g, '\\$&')

/** A name and each part of it after a `/`: what GNU's grep and du match their --exclude globs against. */
export function nameSuffixes(name: string): string[] {
  const suffixes = [name]
  for (let at = name.indexOf('/'); at >= 0; at = name.indexOf('/', at + 1)) if (name[at + 1] !== undefined && name[at + 1] !== '/') suffixes.push(name.slice(at + 1))
  return suffixes
}
