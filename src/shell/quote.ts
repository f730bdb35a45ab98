/** Quoting a value for output the shell can read back. */

/** Single-quotes a value as bash does, a quote inside as '\'' (export -p, set, trap, ${x@Q}). */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

/** A value in bash's double quotes, `"…"` with \ " $ ` escaped (declare -p, ${a[@]@K}). */
export function dquote(s: string): string {
  return `"${s.replace(/[\\"$`]/g, '\\$&')}"`
}

/** An array's key as bash shows it (declare -p, ${a[@]@K}): in double quotes where it holds a character the shell would read specially. */
export function keyText(k: string): string {
  return k === '' || /[\s\\^|{};<>*?()!&"$'`[\]]|^[#~]/.test(k) ? dquote(k) : k
}

/** Single-quotes a value as dash does: runs of quotes inside go in double quotes ('it'"'"'s'). */
function dashQuote(s: string): string {
  if (s === '') return "''"
  return s.replace(/'+|[^']+/g, (run) => (run[0] === "'" ? `"${run}"` : `'${run}'`))
}

/** A value quoted as the shell being run (dash for sh, bash for bash) prints it in its listings. */
export function quoteAs(bash: boolean, s: string): string {
  return bash ? shellQuote(s) : dashQuote(s)
}

/** Quotes an argument for `set -x` output when it needs it. */
export function traceQuote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}
