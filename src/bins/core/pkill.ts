/**
 * pkill [-SIGNAL] [-fxivnoe] [-u users] [-P ppids] [-g pgrps] [pattern]: signals (TERM by
 * default) the processes pgrep would print, as procps's pkill. Status 0 when one was signalled,
 * 1 when none matched, 2 for a bad command line.
 */
import type { ProcContext, SignalName } from '../../kernel/types.ts'
import { command, fail, usage, UsageError } from '../lib.ts'
import { nameOf, select, type Selection } from '../util/procmatch.ts'
import { signalNamed } from './kill.ts'

const USAGE = '[-SIGNAL] [-fxivnoe] [-u users] [-P ppids] [-g pgrps] [pattern]'

/** A leading -SIGNAL (-9, -KILL, -HUP) taken out of argv, as procps reads it. */
function leadingSignal(argv: string[]): SignalName | undefined {
  const first = argv[1]
  if (first === undefined || !/^-([0-9]+|[A-Za-z][A-Za-z0-9+-]*)$/.test(first)) return undefined
  let signal: SignalName
  try {
    signal = signalNamed(first.slice(1))
  } catch {
    // not a signal: an option (-f) or a group of them (-fx)
    return undefined
  }
  argv.splice(1, 1)
  return signal
}

async function run(proc: ProcContext): Promise<number> {
  const argv = proc.argv.slice()
  let selection: Selection
  let signal: SignalName
  try {
    signal = leadingSignal(argv) ?? 'SIGTERM'
    selection = select(proc, argv, 'es:', { echo: 'e', signal: 's:' })
    if (typeof selection.flags.s === 'string') signal = signalNamed(selection.flags.s)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    await usage(proc, 'pkill', USAGE, e.message)
    return 2
  }
  let signalled = 0
  for (const p of selection.chosen) {
    try {
      proc.kill(p.pid, signal)
      signalled++
      if (selection.flags.e) await proc.stdout.write(`${nameOf(p)} killed (pid ${p.pid})\n`)
    } catch (e) {
      await fail(proc, 'pkill', `killing pid ${p.pid}`, e)
    }
  }
  return signalled > 0 ? 0 : 1
}

export const pkill = command({
  name: 'pkill',
  usage: USAGE,
  summary: 'signal the processes a pattern names',
  help: [
    '  -SIGNAL, -s SIGNAL  the signal (TERM by default), by name or number   -e  say each one signalled',
    '  the rest as pgrep: -f -x -i -v -n -o -u USERS -P PPIDS -g PGRPS',
  ].join('\n'),
  run,
})
