/** Running another command from a command (env, xargs), with the exit statuses GNU uses. */
import { isNineError } from '../../kernel/errors.ts'
import type { ExitCode, ProcContext, SpawnOptions } from '../../kernel/types.ts'
import { fail } from '../lib.ts'

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
