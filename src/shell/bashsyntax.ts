/**
 * bash's words for a syntax error, loaded with the first one: `syntax error near unexpected
 * token \`X'` and then the line it is on, or `syntax error: unexpected end of file`; placed at
 * `eval: line N` in an eval (N counted from the eval's line), `-c: line N` in `bash -c`.
 */
import type { ShellSyntaxError } from './errors.ts'
import type { ShellState } from './state.ts'

/** The messages, each to go after the shell's name. */
export function bashSyntax(e: ShellSyntaxError, state: ShellState): string[] {
  const evalLines = state.evalLines
  const token = /^unexpected (?:"(.*)"|(end of file))/.exec(e.detail)
  // the end of a text whose last line has no newline is on the line after it, as bash counts
  // (and bash ends an eval's text with one more newline)
  const line = e.line + (token?.[2] !== undefined && (e.lineText !== '' || evalLines !== undefined) ? 1 : 0)
  const place = evalLines !== undefined ? `eval: line ${line + evalLines}` : `${state.commandString ? '-c: ' : ''}line ${line}`
  if (token?.[2] !== undefined) return [`${place}: syntax error: unexpected end of file`]
  if (token?.[1] === undefined) return [`${place}: syntax error: ${e.detail}`]
  const near = `${place}: syntax error near unexpected token \`${token[1]}'`
  return state.options.interactive ? [near] : [near, `${place}: \`${e.lineText}'`]
}
