/** Quoting a value for output the shell can read back. */

/** Single-quotes a value (export -p, set, trap, ${x@Q}). */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}
