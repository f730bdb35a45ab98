/**
 * GNU ls's quoting styles for names: literal; shell and shell-always (in '…', or "…" for a name
 * with a ' and nothing special inside double quotes); shell-escape and shell-escape-always (the
 * same, control characters as $'\n' pieces); c ("…" with C's escapes; c-maybe only for a name
 * with a control character or a "); escape (C's escapes and `\ `, no quotes); locale and clocale (‘…’
 * with C's escapes).
 */

export const QUOTING_STYLES = ['literal', 'shell', 'shell-always', 'shell-escape', 'shell-escape-always', 'c', 'c-maybe', 'escape', 'locale', 'clocale'] as const
export type QuotingStyle = (typeof QUOTING_STYLES)[number]

/** ASCII characters the shell reads specially, which make a name need quotes. */
const SHELL_SPECIAL = /[\s!"#$&'()*;<=>?[\\\]^`{|}~]/
const CONTROL = /[\x00-\x1f\x7f]/

const C_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\f': '\\f', '\v': '\\v', '\b': '\\b', '\x07': '\\a' }

/** A character as C writes it in a string: its escape, or \ooo for another control character. */
function cEscape(ch: string): string {
  return C_ESCAPES[ch] ?? (CONTROL.test(ch) ? '\\' + ch.charCodeAt(0).toString(8).padStart(3, '0') : ch)
}

/** In the shell's quotes: "…" where that is enough for a ' (nothing special to double quotes), else '…' with '\''. */
function shellQuote(name: string): string {
  if (name.includes("'") && !/[$`\\"!]/.test(name)) return `"${name}"`
  return `'${name.replace(/'/g, `'\\''`)}'`
}

/** shell-escape's form: control characters as $'…' pieces between quoted runs. */
function shellEscape(name: string): string {
  return name
    .split(/([\x00-\x1f\x7f]+)/)
    .map((run, i) => (i % 2 === 1 ? `$'${[...run].map(cEscape).join('')}'` : run === '' ? '' : shellQuote(run)))
    .join('')
}

/** In C's double quotes, with its escapes. */
const cQuote = (name: string): string => `"${[...name].map((ch) => (ch === '"' ? '\\"' : cEscape(ch))).join('')}"`

export function quoteName(name: string, style: QuotingStyle): string {
  switch (style) {
    case 'literal':
      return name
    case 'shell':
    case 'shell-always':
      return style === 'shell-always' || SHELL_SPECIAL.test(name) ? shellQuote(name) : name
    case 'shell-escape':
    case 'shell-escape-always':
      if (CONTROL.test(name)) return shellEscape(name)
      return style === 'shell-escape-always' || SHELL_SPECIAL.test(name) ? shellQuote(name) : name
    case 'c-maybe':
      return CONTROL.test(name) || name.includes('"') ? cQuote(name) : name
    case 'c':
      return cQuote(name)
    case 'escape':
      return [...name].map((ch) => (ch === ' ' ? '\\ ' : cEscape(ch))).join('')
    case 'locale':
    case 'clocale':
      return `‘${[...name].map(cEscape).join('')}’`
  }
}
