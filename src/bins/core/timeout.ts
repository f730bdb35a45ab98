/**
 * timeout [-s signal] [-k duration] [--preserve-status] [--foreground] [-v] duration command
 * [arg ...]: runs a command and signals it (its whole process group) if it is still running after
 * the duration. Statuses as GNU's: 124 timed out, 125 timeout's own failure, 126 cannot run,
 * 127 not found, 137 killed; else the command's.
 */
import { isNineError } from '../../kernel/errors.ts'
import { SIGNALS, type ExitCode, type ProcContext, type SignalName } from '../../kernel/types.ts'
import { command, fail, usage, UsageError } from '../lib.ts'
import { signalNamed } from './kill.ts'
import { seconds } from './sleep.ts'

const USAGE = '[-s signal] [-k duration] [--preserve-status] [--foreground] [-v] duration command [arg ...]'
const TIMED_OUT = 124
const FAILED = 125
/** setTimeout's longest wait; a longer duration is as good as none. */
const MAX_TIMER_MS = 2 ** 31 - 1

interface Options {
  signal: SignalName
  killAfterMs: number
  preserveStatus: boolean
  foreground: boolean
  verbose: boolean
  durationMs: number
  argv: string[]
}

/** GNU's options, long and short, then the duration and the command. */
function parse(argv: readonly string[]): Options {
  const o: Options = { signal: 'SIGTERM', killAfterMs: 0, preserveStatus: false, foreground: false, verbose: false, durationMs: 0, argv: [] }
  let i = 1
  const value = (arg: string, inline: string | undefined): string => {
    const v = inline ?? argv[++i]
    if (v === undefined) throw new UsageError(`option requires an argument -- '${arg}'`)
    return v
  }
  for (; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      i++
      break
    }
    if (arg.length < 2 || arg[0] !== '-') break
    const eq = arg.indexOf('=')
    const [name, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined]
    if (name === '--signal' || name === '-s') o.signal = signalNamed(value('s', inline))
    else if (name.startsWith('-s') && !name.startsWith('--')) o.signal = signalNamed(name.slice(2))
    else if (name === '--kill-after' || name === '-k') o.killAfterMs = seconds(value('k', inline)) * 1000
    else if (name.startsWith('-k') && !name.startsWith('--')) o.killAfterMs = seconds(name.slice(2)) * 1000
    else if (name === '--preserve-status') o.preserveStatus = true
    else if (name === '--foreground') o.foreground = true
    else if (name === '--verbose' || name === '-v') o.verbose = true
    else throw new UsageError(name.startsWith('--') ? `unrecognized option '${name}'` : `invalid option -- '${name[1]}'`)
  }
  const [duration, ...rest] = argv.slice(i)
  if (duration === undefined || rest.length === 0) throw new UsageError(duration === undefined ? 'missing operand' : `missing operand after '${duration}'`)
  o.durationMs = seconds(duration) * 1000
  o.argv = rest
  return o
}

export const timeout = command({
  name: 'timeout',
  usage: USAGE,
  summary: 'run a command with a time limit',
  help: [
    '-s, --signal=SIG     signal to send on time out (default TERM)',
    '-k, --kill-after=D   send KILL if the command still runs D after the first signal',
    '    --preserve-status  exit with the command\'s status even when it timed out',
    '    --foreground     signal only the command, not the processes it started',
    '-v, --verbose        say on standard error when a signal is sent',
    'DURATION: a number with an optional suffix s (default), m, h or d; 0 means no limit.',
    'Exit status: 124 timed out, 125 timeout failed, 126 command cannot run, 127 not found, 137 killed.',
  ].join('\n'),
  async run(proc) {
    let o: Options
    try {
      o = parse(proc.argv)
    } catch (e) {
      if (!(e instanceof UsageError)) throw e
      await usage(proc, 'timeout', USAGE, e.message)
      return FAILED
    }
    let child
    try {
      // its own process group, so the signal reaches all it starts (unless --foreground)
      child = await proc.spawn(o.argv, o.foreground ? {} : { pgid: 'new' })
    } catch (e) {
      await fail(proc, 'timeout', o.argv[0]!, e)
      return isNineError(e, 'ENOENT') ? 127 : 126
    }
    const target = o.foreground ? child.pid : -child.pid
    const send = async (signal: SignalName): Promise<void> => {
      if (o.verbose) await proc.stderr.write(`timeout: sending signal ${signal.slice(3)} to command '${o.argv[0]}'\n`).catch(() => {})
      try {
        proc.kill(target, signal)
      } catch {
        // it ended meanwhile
      }
    }
    // A signal to timeout itself (Ctrl-C, a run ending) goes on to the command, as GNU's does.
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) proc.on(s, () => void send(s))
    const status = child.wait()
    if (!(await finishedWithin(proc, status, o.durationMs))) {
      await send(o.signal)
      if (o.killAfterMs > 0 && !(await finishedWithin(proc, status, o.killAfterMs))) await send('SIGKILL')
      const code = await status
      if (o.signal === 'SIGKILL' || code === 128 + SIGNALS.SIGKILL) return o.preserveStatus ? code : 128 + SIGNALS.SIGKILL
      return o.preserveStatus ? code : TIMED_OUT
    }
    return status
  },
})

/** Whether `status` settles within `ms` (0: no limit, wait for it). */
async function finishedWithin(proc: ProcContext, status: Promise<ExitCode>, ms: number): Promise<boolean> {
  if (!(ms > 0) || ms > MAX_TIMER_MS) {
    await status
    return true
  }
  // the sleep rejects when timeout itself ends: that is no time out
  const timer = proc.sleep(ms).then(
    () => false,
    () => true,
  )
  return Promise.race([status.then(() => true), timer])
}
