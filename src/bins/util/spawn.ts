/** Running another command from a command (env, xargs, watch, sed's e), with the exit statuses GNU uses. */
import { isNineError } from '../../kernel/errors.ts'
import type { ExitCode, ProcContext, SpawnOptions } from '../../kernel/types.ts'
import { decode, fail, readAll } from '../lib.ts'

/**
 * Runs argv and waits for it. A command that cannot be found is status 127 (with
 * `cmd: name: file does not exist`), one that cannot be started 126.
 */
export async function runCommand(proc: ProcContext, cmd: string, argv: readonly string[], options?: SpawnOptions): Promise<ExitCode> {
  let child
  try {
    child = await proc.spawn(argv, options)
  } catch (e) {
    await fail(proc, cmd, argv[0]!, e)
    return isNineError(e, 'ENOENT') ? 127 : 126
  }
  return child.wait()
}

/** What a command writes to its standard output, decoded (its errors go to ours; its input is ours). */
export async function commandOutput(proc: ProcContext, argv: string[]): Promise<string> {
  const [r, w] = proc.pipe()
  let child
  try {
    child = await proc.spawn(argv, { fds: { 0: 0, 1: w, 2: 2 } })
  } finally {
    // the write end is the run's alone now, so its end is the pipe's end
    await proc.close(w)
  }
  try {
    return decode(await readAll(proc, r))
  } finally {
    await child.wait()
    await proc.close(r)
  }
}
