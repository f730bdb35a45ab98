/**
 * rfork: namespace, environment, descriptor and signal-group flags, as fork(2) defines
 * them. With a command it runs that command in a child with the flags; without one it changes
 * the process that runs it, which is why the shell has it as a builtin too.
 */
import { cleanNamespaceMissing, rforkHelp, rforkOptions, RFORK_OPTIONS } from './flags.ts'
import { command, failWith, parseArgs } from '../lib.ts'

export const rfork = command({
  name: 'rfork',
  usage: '[-n|-c] [-m] [-e|-E] [-s] [-f|-F] [command [args ...]]',
  summary: 'run a command (or change the shell) with a new namespace, environment or descriptors',
  help: `${rforkHelp()}
  In a clean namespace, attach kernel devices with bind: ${cleanNamespaceMissing()}.`,
  async run(proc) {
    const args = parseArgs(proc.argv, RFORK_OPTIONS)
    const flags = rforkOptions(args.flags)
    try {
      if (args.operands.length === 0) {
        await proc.rfork(flags)
        return 0
      }
      // A clean namespace starts at /: the caller's directory need not exist there.
      const child = await proc.spawn(args.operands, { rfork: flags, ...(flags.cleanNamespace ? { cwd: '/' } : {}) })
      return await child.wait()
    } catch (e) {
      await failWith(proc, 'rfork', e, args.operands[0] ?? 'rfork')
      return args.operands.length > 0 ? 127 : 1
    }
  },
})
