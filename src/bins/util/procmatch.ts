/**
 * How pgrep and pkill choose processes, as procps does: an extended regular expression found in
 * the process's name (the last element of argv[0]) or, with -f, in its whole command line, and
 * the narrowing options -u, -P, -g, -x, -i, -v, -n, -o. The command running is never chosen.
 */
import type { ProcContext, ProcInfo } from '../../kernel/types.ts'
import { parseArgs, UsageError } from '../command.ts'
import { longOptions } from './longopts.ts'
import { compileRegex, RegexError } from './regex.ts'

/** The selection options, short and long, that both commands read; `extra` adds a command's own. */
const SHORT = 'fxivnou:U:P:g:'
const LONG: Record<string, string> = {
  full: 'f',
  exact: 'x',
  'ignore-case': 'i',
  inverse: 'v',
  newest: 'n',
  oldest: 'o',
  euid: 'u:',
  uid: 'U:',
  parent: 'P:',
  pgroup: 'g:',
}

export interface Selection {
  /** The chosen processes, oldest first. */
  chosen: ProcInfo[]
  flags: Record<string, string | true>
}

/** A process's name: the last element of its argv[0]. */
export const nameOf = (p: ProcInfo): string => (p.argv[0] ?? '').slice((p.argv[0] ?? '').lastIndexOf('/') + 1)

/** The values of a comma-separated option. */
const list = (v: string | true | undefined): string[] | undefined => (typeof v === 'string' ? v.split(',') : undefined)

/** Reads the command line `words` and chooses from `proc`'s view of the processes; a UsageError for a bad line (status 2 in procps). */
export function select(proc: ProcContext, words: readonly string[], extraShort = '', extraLong: Record<string, string> = {}): Selection {
  const { argv } = longOptions(words, { ...LONG, ...extraLong }, SHORT + extraShort)
  const { flags, operands } = parseArgs(argv, SHORT + extraShort, { permute: true })
  if (operands.length > 1) throw new UsageError('only one pattern can be provided')
  const pattern = operands[0]
  const users = list(flags.u) ?? list(flags.U)
  const parents = list(flags.P)
  const groups = list(flags.g)
  if (pattern === undefined && !users && !parents && !groups) throw new UsageError('no matching criteria specified')
  let re
  try {
    const source = pattern === undefined ? '' : flags.x ? `^(${pattern})$` : pattern
    re = compileRegex(source, { extended: true }, { ignoreCase: flags.i === true })
  } catch (e) {
    if (e instanceof RegexError) throw new UsageError(`invalid pattern: ${e.message}`)
    throw e
  }
  const matches = (p: ProcInfo): boolean =>
    re.test(flags.f ? p.argv.join(' ') : nameOf(p)) &&
    (!users || users.includes(p.user)) &&
    (!parents || parents.includes(String(p.ppid))) &&
    (!groups || groups.includes(String(p.pgid)))
  let chosen = proc
    .procs()
    .filter((p) => p.pid !== proc.pid && matches(p) !== (flags.v === true))
    .sort((a, b) => a.started - b.started || a.pid - b.pid)
  if (flags.n) chosen = chosen.slice(-1)
  else if (flags.o) chosen = chosen.slice(0, 1)
  return { chosen, flags }
}

/** A process as -l shows it (pid and name) or -a (pid and command line). */
export function described(p: ProcInfo, full: boolean): string {
  return `${p.pid} ${full ? p.argv.join(' ') : nameOf(p)}`
}
