/**
 * pgrep [-flacvxino] [-d delim] [-u users] [-P ppids] [-g pgrps] [pattern]: the pids of the
 * processes whose name (or, with -f, command line) holds the pattern, as procps's pgrep.
 * Status 0 when one matched, 1 when none did, 2 for a bad command line.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, usage, UsageError } from '../lib.ts'
import { described, select, type Selection } from '../util/procmatch.ts'

const USAGE = '[-flacvxino] [-d delim] [-u users] [-P ppids] [-g pgrps] [pattern]'

async function run(proc: ProcContext): Promise<number> {
  let selection: Selection
  try {
    selection = select(proc, proc.argv, 'lacd:', { 'list-name': 'l', 'list-full': 'a', count: 'c', delimiter: 'd:' })
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    await usage(proc, 'pgrep', USAGE, e.message)
    return 2
  }
  const { chosen, flags } = selection
  if (flags.c) await proc.stdout.write(`${chosen.length}\n`)
  else if (chosen.length > 0) {
    const delimiter = typeof flags.d === 'string' ? flags.d : '\n'
    const lines = chosen.map((p) => (flags.a ? described(p, true) : flags.l ? described(p, false) : String(p.pid)))
    await proc.stdout.write(lines.join(delimiter) + '\n')
  }
  return chosen.length > 0 ? 0 : 1
}

export const pgrep = command({
  name: 'pgrep',
  usage: USAGE,
  summary: 'print the pids of the processes a pattern names',
  help: [
    '  pattern  an extended regular expression, found in the process name (the last element of',
    '           its argv[0]); -f  in the whole command line   -x  the whole name must match',
    '  -i  ignore case   -v  the processes that do not match   -n  the newest only   -o  the oldest',
    '  -u USERS  -P PPIDS  -g PGRPS  only those (comma-separated lists)',
    '  -l  print the name too   -a  print the command line too   -c  print the count   -d DELIM  between pids',
  ].join('\n'),
  run,
})
