/** groups: the groups the user of this process is in, primary first (`id -Gn`); another user's are not known here. */
import { command, parseArgs, UsageError } from '../lib.ts'

export const groups = command({
  name: 'groups',
  usage: '',
  summary: 'print the groups the user is in',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    if (operands.length > 0) throw new UsageError(`not implemented: groups of another user (${operands[0]})`)
    const { gid, groups: all } = proc.user
    await proc.stdout.write([gid, ...all.filter((g) => g !== gid)].join(' ') + '\n')
    return 0
  },
})
