/** What a builtin is: a function of the shell and its arguments, returning a status. */
import type { Shell } from '../interp.ts'

export interface Builtin {
  run(sh: Shell, argv: readonly string[]): Promise<number>
  /** POSIX special builtins: their prefix assignments stay, and their errors end a script. */
  special?: boolean
}

/** Parses a non-negative decimal count (shift, exit, return, break): undefined if it is not one. */
export function count(s: string): number | undefined {
  return /^[0-9]+$/.test(s) ? Number(s) : undefined
}

/** Single-quotes a value for output the shell can read back (export -p, set, trap). */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}
