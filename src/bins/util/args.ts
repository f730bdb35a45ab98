/** Option parsing for commands whose usage errors exit with a status other than 1 (ls, cmp and diff use 2); options may follow operands, as GNU's. */
import { parseArgs, usage, UsageError, type ParsedArgs } from '../lib.ts'
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { longOptions } from './longopts.ts'

/** The parsed arguments (and the long options of `long`, as longOptions reads them), or the exit status after printing the usage message. */
export async function parseArgsOr(
  proc: ProcContext,
  name: string,
  synopsis: string,
  spec: string,
  status: ExitCode,
  argv: readonly string[] = proc.argv,
  long: Readonly<Record<string, string>> = {},
): Promise<(ParsedArgs & { longs: Record<string, string | true> }) | ExitCode> {
  try {
    const { argv: shortArgv, longs } = longOptions(argv, long, spec)
    return { ...parseArgs(shortArgv, spec, { permute: true }), longs }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    await usage(proc, name, synopsis, e.message)
    return status
  }
}
