/**
 * kill [-s signal | -signal] pid..., kill -l [status]: sends a signal (TERM by default) to
 * processes; a negative pid names a process group.
 */
import { SIGNALS, type ProcContext, type SignalName } from '../../kernel/types.ts'
import { command, fail, UsageError } from '../lib.ts'

const USAGE = '[-s signal | -signal] pid ... | -l [status]'

/** A signal by name (TERM, SIGTERM, term) or number (timeout uses it too). */
export function signalNamed(s: string): SignalName {
  const upper = s.toUpperCase()
  const name = (upper.startsWith('SIG') ? upper : 'SIG' + upper) as SignalName
  if (name in SIGNALS) return name
  const byNumber = Object.entries(SIGNALS).find(([, n]) => String(n) === s)
  if (byNumber) return byNumber[0] as SignalName
  throw new UsageError(`${s}: invalid signal specification`)
}

async function list(proc: ProcContext, args: string[]): Promise<number> {
  if (args.length === 0) {
    await proc.stdout.write(Object.keys(SIGNALS).map((n) => n.slice(3) + '\n').join(''))
    return 0
  }
  let out = ''
  for (const a of args) {
    // a number is a signal number or an exit status (128 + signal)
    const n = Number(a)
    const name = /^\d+$/.test(a) ? Object.entries(SIGNALS).find(([, v]) => v === (n > 128 ? n - 128 : n))?.[0] : signalNamed(a)
    if (name === undefined) throw new UsageError(`${a}: invalid signal specification`)
    out += /^\d+$/.test(a) ? name.slice(3) + '\n' : `${SIGNALS[name as SignalName]}\n`
  }
  await proc.stdout.write(out)
  return 0
}

/** A signal to send: as signalNamed, or 0 (none: the process is only checked). */
function signalToSend(s: string): SignalName | 0 {
  return s === '0' ? 0 : signalNamed(s)
}

async function run(proc: ProcContext): Promise<number> {
  const args = proc.argv.slice(1)
  if (args[0] === '-l' || args[0] === '-L') return list(proc, args.slice(1))
  let signal: SignalName | 0 = 'SIGTERM'
  if (args[0] === '-s' || args[0] === '-n') {
    if (args[1] === undefined) throw new UsageError(`option requires an argument -- '${args[0][1]}'`)
    signal = signalToSend(args[1])
    args.splice(0, 2)
  } else if (args[0] !== undefined && args[0] !== '--' && args[0].length > 1 && args[0].startsWith('-')) {
    // the first -X is a signal (-9, -KILL); a process group after it: kill -9 -123, or kill -- -123
    signal = signalToSend(args[0].slice(1))
    args.shift()
  }
  if (args[0] === '--') args.shift()
  if (args.length === 0) throw new UsageError('no process given')
  let status = 0
  for (const a of args) {
    if (!/^-?\d+$/.test(a)) {
      await proc.stderr.write(`kill: ${a}: arguments must be process ids\n`)
      status = 1
      continue
    }
    try {
      proc.kill(Number(a), signal)
    } catch (e) {
      await fail(proc, 'kill', a, e)
      status = 1
    }
  }
  return status
}

export const kill = command({
  name: 'kill',
  usage: USAGE,
  summary: 'send a signal to processes',
  help: `Signals: ${Object.keys(SIGNALS).map((n) => n.slice(3)).join(' ')} (by name, with or without SIG, or number).
A negative pid sends to every process of that process group; signal 0 sends nothing and
only checks that the processes exist and may be signalled. -l lists the signal names.`,
  run,
})
