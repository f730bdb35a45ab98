/**
 * rfork: namespace, environment, descriptor and signal-group flags, as the spec page defines
 * them. With a command it runs that command in a child with the flags; without one it changes
 * the process that runs it, which is why the shell has it as a builtin too.
 */
import type { RforkFlags } from '../../kernel/types.ts'
import { cleanNamespaceMissing } from '../../kernel/fileservers/devtab.ts'
import { command, failWith, parseArgs } from '../lib.ts'

export function rforkFlags(flags: Record<string, string | true>): RforkFlags {
  return {
    cleanNamespace: flags.n === true,
    copyNamespace: flags.c === true,
    noMount: flags.m === true,
    copyEnv: flags.e === true,
    cleanEnv: flags.E === true,
    newSignalGroup: flags.s === true,
    copyFds: flags.f === true,
    cleanFds: flags.F === true,
  }
}

export const rfork = command({
  name: 'rfork',
  usage: '[-n|-c] [-m] [-e|-E] [-s] [-f|-F] [command [args ...]]',
  summary: 'run a command (or change the shell) with a new namespace, environment or descriptors',
  help: `  -n  clean namespace: only / (the kernel's minimal root) and /dev
  -c  private copy of the namespace
  -m  no more mount, bind or unmount, ever (implies -c unless -n)
  -e  copy of the environment;  -E  empty environment
  -s  new signal group
  -f  copy of the descriptors;  -F  no descriptors
  In a clean namespace, attach kernel devices with bind: ${cleanNamespaceMissing()}.`,
  async run(proc) {
    const args = parseArgs(proc.argv, 'ncmeEsfF')
    const flags = rforkFlags(args.flags)
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
