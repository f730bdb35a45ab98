/** sleep number[smhd]...: waits the sum of its arguments; a signal ends it at once (proc.sleep). */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, parseArgs, usage, UsageError } from '../lib.ts'

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }
/** setTimeout's longest wait; longer sleeps are done in pieces. */
const MAX_TIMER_MS = 2 ** 31 - 1

export function seconds(arg: string): number {
  const m = /^(\d+\.?\d*|\.\d+|inf(?:inity)?)([smhd]?)$/i.exec(arg)
  if (!m) throw new UsageError(`invalid time interval '${arg}'`)
  const n = /^inf/i.test(m[1]!) ? Infinity : Number(m[1])
  return n * UNITS[m[2]!]!
}

export const sleep = command({
  name: 'sleep',
  usage: 'number[smhd] ...',
  summary: 'wait for an amount of time',
  help: 'Suffixes: s seconds (default), m minutes, h hours, d days; fractions allowed; several are added.',
  run(proc) {
    const args = parseArgs(proc.argv, '').operands
    if (args.length === 0) return usage(proc, 'sleep', 'number[smhd] ...', 'missing operand')
    return nap(proc, args.map(seconds).reduce((a, b) => a + b, 0) * 1000)
  },
})

/** Waits `ms` in pieces; not async, so a sleeping process holds one reaction, not a suspended frame. */
function nap(proc: ProcContext, ms: number): Promise<ExitCode> {
  if (!(ms > 0)) return Promise.resolve(0)
  const piece = Math.min(ms, MAX_TIMER_MS)
  return proc.sleep(piece).then(() => nap(proc, ms - piece))
}
