/**
 * Declaring a command (name, usage, one-line summary, --help) and parsing its options: the part
 * of the commands' library (lib.ts, which exports it too) that the shell and its builtins echo and
 * pwd use. They import it from here, so a browser's first screen holds this and not the rest.
 */
import { reasonOf } from '../kernel/errors.ts'
import type { BinFunction, ExitCode, ProcContext } from '../kernel/types.ts'

/** A command carries its usage and a one-line summary, for --help and `help`. */
export interface Command extends BinFunction {
  summary: string
  usage: string
}

export interface CommandSpec {
  name: string
  /** The synopsis after the name, e.g. "[-n] [file ...]". */
  usage: string
  summary: string
  /** Extra lines for --help (options explained). */
  help?: string
  /** GNU's long names of the short options `run` reads ('n' a flag, 'n:' one with a value): util/longnames.ts. */
  long?: Readonly<Record<string, string>>
  run: BinFunction
}

/** Wraps a command's body: answers --help, turns an uncaught error into `name: reason` and status 1. */
export function command(spec: CommandSpec): Command {
  // Not async: while the command runs, this layer holds one catch reaction, not a suspended frame;
  // a command that ends at once (returns its status, not a promise) is passed through as it is.
  const fn = (proc: ProcContext): ExitCode | Promise<ExitCode> => {
    if (proc.argv[1] === '--help') return showHelp(proc, spec)
    if (spec.long !== undefined && proc.argv.some((a) => a.length > 2 && a.startsWith('--'))) return withShortNames(proc, spec, spec.long)
    try {
      const status = spec.run(proc)
      return typeof status === 'number' ? status : Promise.resolve(status).catch((e: unknown) => failed(proc, spec, e))
    } catch (e) {
      return failed(proc, spec, e)
    }
  }
  // Named after the command, so the registry's loaders find it among its module's exports.
  Object.defineProperty(fn, 'name', { value: spec.name })
  return Object.assign(fn, { summary: spec.summary, usage: spec.usage })
}

/** Runs the command with its long options given as their letters (the code that does it loads now). */
async function withShortNames(proc: ProcContext, spec: CommandSpec, names: Readonly<Record<string, string>>): Promise<ExitCode> {
  try {
    const argv = (await import('./util/longnames.ts')).shortened(proc.argv, names)
    if (typeof argv === 'string') return await usage(proc, spec.name, spec.usage, argv)
    return await spec.run(Object.create(proc, { argv: { value: argv } }) as ProcContext)
  } catch (e) {
    return failed(proc, spec, e)
  }
}

async function showHelp(proc: ProcContext, spec: CommandSpec): Promise<ExitCode> {
  await proc.stdout.write(`usage: ${spec.name} ${spec.usage}\n${spec.summary}\n${spec.help ? spec.help.replace(/\n?$/, '\n') : ''}`)
  return 0
}

async function failed(proc: ProcContext, spec: CommandSpec, e: unknown): Promise<ExitCode> {
  if (e instanceof UsageError) return usage(proc, spec.name, spec.usage, e.message)
  await proc.stderr.write(`${spec.name}: ${reasonOf(e)}\n`).catch(() => {})
  return 1
}

/** Thrown by option parsing; `command()` prints usage and exits 1. */
export class UsageError extends Error {}

export async function usage(proc: ProcContext, name: string, synopsis: string, why?: string): Promise<ExitCode> {
  await proc.stderr.write(`${why ? `${name}: ${why}\n` : ''}usage: ${name} ${synopsis}\n`).catch(() => {})
  return 1
}

export interface ParsedArgs {
  /** Flag letter → true, or its value for flags that take one; repeated value flags keep the last. */
  flags: Record<string, string | true>
  /** How many times each flag letter was given (for -v -v and the like). */
  counts: Record<string, number>
  /** Every value of each value flag, in order (`grep -e a -e b`, `sed -e ... -e ...`). */
  values: Record<string, string[]>
  operands: string[]
}

/**
 * getopt-style parsing of argv[1..]. `spec` lists flag letters; a letter followed by ':' takes a
 * value (`-n 5` or `-n5`). Parsing stops at `--` or the first operand, unless `permute` (GNU
 * getopt's default, which util-linux's su keeps): then options after operands count too.
 * `-` alone is an operand. An unknown flag throws UsageError.
 */
export function parseArgs(argv: readonly string[], spec: string, options: { numericFlag?: string; permute?: boolean } = {}): ParsedArgs {
  const flags: Record<string, string | true> = {}
  const counts: Record<string, number> = {}
  const values: Record<string, string[]> = {}
  const skipped: string[] = []
  let i = 1
  for (; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      i++
      break
    }
    if (arg.length < 2 || arg[0] !== '-') {
      if (!options.permute) break
      skipped.push(arg)
      continue
    }
    // `head -5`, `tail -20`: a bare number stands for the numeric flag's value
    if (options.numericFlag && /^-\d+$/.test(arg)) {
      flags[options.numericFlag] = arg.slice(1)
      counts[options.numericFlag] = (counts[options.numericFlag] ?? 0) + 1
      continue
    }
    // a long option no table named (`-` is no flag letter)
    if (arg[1] === '-' && !spec.includes('-')) throw new UsageError(`unrecognized option '${arg}'`)
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!
      const at = spec.indexOf(letter)
      if (at < 0 || letter === ':') throw new UsageError(`invalid option -- '${letter}'`)
      counts[letter] = (counts[letter] ?? 0) + 1
      if (spec[at + 1] === ':') {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : argv[++i]
        if (value === undefined) throw new UsageError(`option requires an argument -- '${letter}'`)
        flags[letter] = value
        ;(values[letter] ??= []).push(value)
        break
      }
      flags[letter] = true
    }
  }
  return { flags, counts, values, operands: skipped.length > 0 ? skipped.concat(argv.slice(i)) : argv.slice(i) }
}
