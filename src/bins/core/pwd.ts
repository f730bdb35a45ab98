/** pwd: print the current directory. -L and -P are accepted; there are no symbolic links. */
import { command, parseArgs } from '../command.ts'

export const pwd = command({
  name: 'pwd',
  usage: '[-LP]',
  summary: 'print the name of the current directory',
  async run(proc) {
    parseArgs(proc.argv, 'LP')
    await proc.stdout.write(proc.cwd + '\n')
    return 0
  },
})
