/** hostname: print the system's name. */
import { command, parseArgs, UsageError } from '../lib.ts'
import { sysname } from '../util/sysname.ts'

export const hostname = command({
  name: 'hostname',
  usage: '[-s]',
  summary: "print the system's name ($sysname)",
  help: '  -s  the short name: up to the first dot',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'sf')
    if (operands.length > 0) throw new UsageError('not implemented: setting the name (set $sysname)')
    const name = sysname(proc)
    await proc.stdout.write(`${flags.s ? name.split('.')[0] : name}\n`)
    return 0
  },
})
