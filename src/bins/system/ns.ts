/** ns: print a namespace in replayable form (the format of /proc/<pid>/ns). */
import { command, failWith, parseArgs, UsageError } from '../lib.ts'

export const ns = command({
  name: 'ns',
  usage: '[pid]',
  summary: "print this process's namespace, or another's, as bind and mount lines",
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    if (operands.length > 1 || (operands[0] !== undefined && !/^\d+$/.test(operands[0]))) throw new UsageError('pid must be a number')
    const pid = operands[0] === undefined ? undefined : Number(operands[0])
    try {
      await proc.stdout.write(await proc.nsText(pid))
      return 0
    } catch (e) {
      await failWith(proc, 'ns', e, operands[0] ?? String(proc.pid))
      return 1
    }
  },
})
