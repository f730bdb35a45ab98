/** What a builtin is: a function of the shell and its arguments, returning a status. */
import type { Assign } from '../ast.ts'
import type { Shell } from '../interp.ts'

export interface Builtin {
  /**
   * `assigns`, for declaration builtins only: the operands written as assignments (`x=$1`,
   * `a=(…)`), by their index in argv (where the operand is the bare name); the builtin assigns
   * them with `sh.assign`, so their values are not split.
   */
  run(sh: Shell, argv: readonly string[], assigns?: readonly (Assign | undefined)[]): Promise<number>
  /** export, readonly, local, declare: operands that look like assignments are assignments. */
  declaration?: boolean
  /** POSIX special builtins: their prefix assignments stay, and their errors end a script. */
  special?: boolean
}

/** Parses a non-negative decimal count (shift, exit, return, break): undefined if it is not one. */
export function count(s: string): number | undefined {
  return /^[0-9]+$/.test(s) ? Number(s) : undefined
}

export { quoteAs, shellQuote } from '../quote.ts'
