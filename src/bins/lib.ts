/**
 * What every command shares: declaring a command (name, usage, one-line summary, --help),
 * option parsing, `cmd: path: reason` errors, and reading input as bytes or lines.
 */
import { readAll } from '../kernel/bytes.ts'
import { NineError, reasonOf } from '../kernel/errors.ts'
import type { BinFunction, ExitCode, ProcContext } from '../kernel/types.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export const encode = (s: string): Uint8Array => encoder.encode(s)
export const decode = (b: Uint8Array): string => decoder.decode(b)

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
  run: BinFunction
}

/** Wraps a command's body: answers --help, turns an uncaught error into `name: reason` and status 1. */
export function command(spec: CommandSpec): Command {
  // Not async: while the command runs, this layer holds one catch reaction, not a suspended frame.
  const fn = (proc: ProcContext): Promise<ExitCode> => {
    if (proc.argv[1] === '--help') return showHelp(proc, spec)
    try {
      // Promise.resolve: a plain-JS command may return its status as is
      return Promise.resolve(spec.run(proc)).catch((e: unknown) => failed(proc, spec, e))
    } catch (e) {
      return failed(proc, spec, e)
    }
  }
  // Named after the command, so the registry's loaders find it among its module's exports.
  Object.defineProperty(fn, 'name', { value: spec.name })
  return Object.assign(fn, { summary: spec.summary, usage: spec.usage })
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

/** Prints `cmd: path: reason`, with the path the error itself names when it has one. */
export async function failWith(proc: ProcContext, cmd: string, err: unknown, fallbackPath: string): Promise<void> {
  const named = err instanceof NineError && err.path !== undefined ? err.path : fallbackPath
  await fail(proc, cmd, named, err)
}

/** Prints `cmd: path: reason` on stderr. */
export async function fail(proc: ProcContext, cmd: string, path: string, err: unknown): Promise<void> {
  await proc.stderr.write(`${cmd}: ${path}: ${reasonOf(err)}\n`).catch(() => {})
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

export { readAll }

/**
 * The lines of a descriptor as they arrive, without their newline. A last line without a
 * newline is still yielded. Streams: never holds more than one partial line.
 */
export async function* lines(proc: ProcContext, fd: number): AsyncGenerator<string> {
  const dec = new TextDecoder()
  let pending = ''
  for (;;) {
    const chunk = await proc.read(fd)
    if (chunk.length === 0) break
    pending += dec.decode(chunk, { stream: true })
    let start = 0
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
      yield pending.slice(start, nl)
      start = nl + 1
    }
    pending = pending.slice(start)
  }
  pending += dec.decode()
  if (pending !== '') yield pending
}

/**
 * Runs `each` on every input named by `operands` (or stdin when there are none; `-` is stdin),
 * opening each in turn. Failures print `cmd: path: reason`; returns 1 if any failed.
 */
export async function forEachInput(
  proc: ProcContext,
  cmd: string,
  operands: readonly string[],
  each: (fd: number, name: string) => Promise<void>,
): Promise<ExitCode> {
  if (operands.length === 0) {
    await each(0, '-')
    return 0
  }
  let status: ExitCode = 0
  for (const name of operands) {
    if (name === '-') {
      await each(0, '-')
      continue
    }
    let fd: number
    try {
      fd = await proc.open(name)
    } catch (e) {
      await fail(proc, cmd, name, e)
      status = 1
      continue
    }
    try {
      await each(fd, name)
    } catch (e) {
      await fail(proc, cmd, name, e)
      status = 1
    } finally {
      await proc.close(fd).catch(() => {})
    }
  }
  return status
}

/** Writes many small strings as few large writes. Call flush() at the end. */
export class LineWriter {
  private buf: string[] = []
  private size = 0
  constructor(
    private readonly proc: ProcContext,
    private readonly fd = 1,
    private readonly limit = 16384,
  ) {}

  async write(s: string): Promise<void> {
    await this.push(s)
  }

  /** write, with a promise only when the buffer is full and being written (a loop over many lines waits only then). */
  push(s: string): Promise<void> | undefined {
    this.buf.push(s)
    this.size += s.length
    return this.size >= this.limit ? this.flush() : undefined
  }

  async flush(): Promise<void> {
    if (this.size === 0 && this.buf.length === 0) return
    const text = this.buf.join('')
    this.buf = []
    this.size = 0
    await this.proc.write(this.fd, text)
  }
}
