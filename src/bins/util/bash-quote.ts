/**
 * bash's `printf %q`: a string quoted so that bash reads it back as it was. Printable text gets
 * a backslash before each character the shell would take as syntax; text with any other byte is
 * written as `$'…'` with C escapes and octal bytes (bytes as in the C locale).
 */
import { encodeText } from '../../kernel/bytes.ts'

const SYNTAX = ' \t\n\'"\\|&;()<>!{}*[?]^$`,'
const C_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 27: '\\E', 39: "\\'", 92: '\\\\' }

export function bashQuote(s: string): string {
  if (s === '') return "''"
  const bytes = encodeText(s)
  if (bytes.some((b) => b < 0x20 || b >= 0x7f)) {
    let out = "$'"
    for (const b of bytes) out += C_ESCAPES[b] ?? (b < 0x20 || b >= 0x7f ? '\\' + b.toString(8).padStart(3, '0') : String.fromCharCode(b))
    return out + "'"
  }
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    // `~` expands at the start of a word or of an assignment's value or PATH element; `#` starts a comment
    const special = SYNTAX.includes(c) || (c === '~' && (i === 0 || s[i - 1] === '=' || s[i - 1] === ':')) || (c === '#' && i === 0)
    out += special ? '\\' + c : c
  }
  return out
}
