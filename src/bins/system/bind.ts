import { command, failWith, parseArgs, UsageError } from '../lib.ts'
import { bindFlags, bindHelp, BIND_FLAG_SPEC, deviceList } from './flags.ts'

export const bind = command({
  name: 'bind',
  usage: '[-b|-a] [-c] [-r] new old',
  summary: 'make a file or directory appear at another name in the namespace',
  help: `${bindHelp()}
  new may be a kernel device: ${deviceList()}`,
  async run(proc) {
    const args = parseArgs(proc.argv, BIND_FLAG_SPEC)
    if (args.operands.length !== 2) throw new UsageError('need new and old')
    const [from, to] = args.operands as [string, string]
    const flags = bindFlags(args)
    try {
      await proc.bind(from, to, flags)
    } catch (e) {
      await failWith(proc, 'bind', e, to)
      return 1
    }
    return 0
  },
})
