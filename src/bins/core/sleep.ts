/** sleep number[smhd]...: waits the sum of its arguments; a signal ends it at once (proc.sleep). */
import { command, parseArgs, usage, UsageError } from '../lib.ts'

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }
/** setTimeout's longest wait; longer sleeps are done in pieces. */
const MAX_TIMER_MS = 2 ** 31 - 1

function seconds(arg: string): number {
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
  async run(proc) {
    const args = parseArgs(proc.argv, '').operands
    if (args.length === 0) return usage(proc, 'sleep', 'number[smhd] ...', 'missing operand')
    let ms = args.map(seconds).reduce((a, b) => a + b, 0) * 1000
    while (ms > 0) {
      const piece = Math.min(ms, MAX_TIMER_MS)
      await proc.sleep(piece)
      ms -= piece
    }
    return 0
  },
})
