/** whoami: the name of the user this process runs as. */
import { command, parseArgs, UsageError } from '../lib.ts'

export const whoami = command({
  name: 'whoami',
  usage: '',
  summary: 'print the user name',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    if (operands.length > 0) throw new UsageError(`extra operand '${operands[0]}'`)
    await proc.stdout.write(proc.user.uid + '\n')
    return 0
  },
})
