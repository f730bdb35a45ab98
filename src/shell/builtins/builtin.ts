/** What a builtin is: a function of the shell and its arguments, returning a status. */
import type { ProcContext } from '../../kernel/types.ts'
import type { Assign } from '../ast.ts'
import type { Expander } from '../expand.ts'
import type { Job, JobTable } from '../jobs.ts'
import type { Fds } from '../redirect.ts'
import type { ShellState } from '../state.ts'
import type { Traps } from '../traps.ts'

/** What a name runs, as `type` and `command -v` tell it. */
export type Found = { kind: 'function' } | { kind: 'builtin'; special: boolean } | { kind: 'file'; path: string }

/** What a builtin sees of the shell that runs it. */
export interface ShellHost {
  readonly proc: ProcContext
  readonly state: ShellState
  readonly expander: Expander
  /** This shell's jobs (job control loads with the first). */
  jobTable(): Promise<JobTable>
  /** In a pipeline or $(…): the parent shell's jobs. */
  readonly parentJobs: JobTable | undefined
  readonly traps: Traps
  /** The current descriptor map (the shell's number → the process's). */
  readonly io: Fds
  /** shopt's options that are remembered but change nothing. */
  shoptExtra: Set<string> | undefined
  /** Set by `return` to its status: the walk unwinds to the function or sourced file, which takes it. */
  returning: number | undefined
  /** The status a `return` unwound with, clearing it. */
  takeReturn(): number
  /** bash's RETURN trap, as a function or sourced file that ended with `status` returns; that status. */
  returnHook(action: string, status: number): Promise<number>
  write(fd: number, text: string): Promise<void>
  /** An error message on the current stderr (never throws). */
  error(message: string): Promise<void>
  /** Runs an arithmetic command's evaluation: bash's fails with status 1 at an error in the expression. */
  arithmeticCommand(evaluate: () => Promise<number>): Promise<number>
  /** Performs an assignment as the shell does (`x=v`, `a[i]=v`, `a=(…)`): at once (undefined) or by its promise. */
  assign(a: Assign): Promise<void> | undefined
  /** Runs a text (eval, `.`, traps). */
  runText(text: string): Promise<number>
  /** Runs `fn` one level deeper, within the depth limit. */
  nested<T>(what: string, fn: () => Promise<T>): Promise<T>
  /** Runs a command by its expanded words: function (unless `functions` is false), builtin or program. */
  invoke(argv: readonly string[], functions?: boolean): Promise<number>
  lookup(name: string, functions?: boolean): Promise<Found | undefined>
  /** The builtin of that name, if there is one. */
  builtin(name: string): Builtin | undefined
  /** Every builtin's name (compgen -b). */
  builtinNames(): string[]
  /** Hands the console's Ctrl-C to a process group. */
  consoleForeground(pgid: number): Promise<void>
  /** Waits for a job in the foreground (fg): its status, or 'stopped' when it stops again. */
  foregroundJob(job: Job): Promise<number | 'stopped'>
}

/** A command's status: at once where nothing waited, else its promise. */
export type Status = number | Promise<number>

export interface Builtin {
  /**
   * `assigns`, for declaration builtins only: the operands written as assignments (`x=$1`,
   * `a=(…)`), by their index in argv (where the operand is the bare name); the builtin assigns
   * them with `sh.assign`, so their values are not split. A builtin that ends at once may
   * return its status rather than a promise: the shell's walk then goes on without waiting.
   */
  run(sh: ShellHost, argv: readonly string[], assigns?: readonly (Assign | undefined)[]): Status
  /** export, readonly, local, declare: operands that look like assignments are assignments. */
  declaration?: boolean
  /** POSIX special builtins: their prefix assignments stay, and their errors end a script. */
  special?: boolean
}

/** Parses a non-negative decimal count (shift, exit, return, break): undefined if it is not one. */
export function count(s: string): number | undefined {
  return /^[0-9]+$/.test(s) ? Number(s) : undefined
}

export { quoteAs } from '../quote.ts'
