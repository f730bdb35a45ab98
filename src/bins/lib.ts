/**
 * What every command shares: declaring a command (name, usage, one-line summary, --help),
 * option parsing, `cmd: path: reason` errors, and reading input as bytes or lines.
 */
import { readAll } from '../kernel/bytes.ts'
import { NineError, reasonOf } from '../kernel/errors.ts'
import type { ExitCode, ProcContext } from '../kernel/types.ts'
import { Holding } from './util/holding.ts'
import { bufferLimit } from './util/textio.ts'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export const encode = (s: string): Uint8Array => encoder.encode(s)
export const decode = (b: Uint8Array): string => decoder.decode(b)

export { command, parseArgs, usage, UsageError, type Command, type CommandSpec, type ParsedArgs } from './command.ts'

/** Prints `cmd: path: reason`, with the path the error itself names when it has one. */
export async function failWith(proc: ProcContext, cmd: string, err: unknown, fallbackPath: string): Promise<void> {
  const named = err instanceof NineError && err.path !== undefined ? err.path : fallbackPath
  await fail(proc, cmd, named, err)
}

/** Prints `cmd: path: reason` on stderr. */
export async function fail(proc: ProcContext, cmd: string, path: string, err: unknown): Promise<void> {
  await proc.stderr.write(`${cmd}: ${path}: ${reasonOf(err)}\n`).catch(() => {})
}

export { readAll }

/** What `read` gives, or undefined once `cmd: name: reason` is written: the command then exits 1. */
export async function readOrFail<T>(proc: ProcContext, cmd: string, name: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read()
  } catch (e) {
    await fail(proc, cmd, name, e)
    return undefined
  }
}

/**
 * The lines of a descriptor as they arrive, without their newline. A last line without a
 * newline is still yielded. Streams: never holds more than one partial line.
 */
export async function* lines(proc: ProcContext, fd: number): AsyncGenerator<string> {
  const dec = new TextDecoder()
  const line = new Holding(proc)
  let pending = ''
  try {
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
      line.set(pending.length)
    }
    pending += dec.decode()
    if (pending !== '') yield pending
  } finally {
    line.set(0)
  }
}

/**
 * Opens every input named (`-` is standard input), in order, before any is read, and runs `use`
 * with their descriptors, closing them after (cmp, join, sort -m). The first that cannot be opened
 * is reported (`cmd: path: reason`) and `failed` returned, nothing read.
 */
export async function withInputs<T>(proc: ProcContext, cmd: string, names: readonly string[], failed: T, use: (fds: number[]) => Promise<T>): Promise<T> {
  const fds: number[] = []
  try {
    for (const name of names) {
      try {
        fds.push(name === '-' ? 0 : await proc.open(name))
      } catch (e) {
        await fail(proc, cmd, name, e)
        return failed
      }
    }
    return await use(fds)
  } finally {
    for (const fd of fds) if (fd !== 0) await proc.close(fd).catch(() => {})
  }
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
  // one string, not an array of lines: a fresh array changes its kind of elements at its first
  // line, which made V8 throw away the compiled callers of push in a command's first runs
  private text = ''
  private readonly limit: number
  constructor(
    private readonly proc: ProcContext,
    private readonly fd = 1,
    limit = 16384,
  ) {
    this.limit = bufferLimit(proc, fd, limit)
  }

  async write(s: string): Promise<void> {
    await this.push(s)
  }

  /** write, with a promise only when the buffer is full and being written (a loop over many lines waits only then). */
  push(s: string): Promise<void> | undefined {
    this.text += s
    return this.text.length >= this.limit ? this.flush() : undefined
  }

  async flush(): Promise<void> {
    if (this.text === '') return
    const text = this.text
    this.text = ''
    await this.proc.write(this.fd, text)
  }
}
