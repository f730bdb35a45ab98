/** tty [-s]: prints the name of the terminal on standard input (ninefold's console, /dev/cons), or "not a tty" with status 1. */
import { command, parseArgs, usage } from '../lib.ts'
import { longOptions } from '../util/longopts.ts'

export const tty = command({
  name: 'tty',
  usage: '[-s]',
  summary: 'print the name of the terminal on standard input',
  help: '  -s  print nothing: the status alone says (0 a terminal, 1 not)',
  async run(proc) {
    const { argv } = longOptions(proc.argv, { silent: 's', quiet: 's' }, 's')
    const { flags, operands } = parseArgs(argv, 's')
    if (operands.length > 0) {
      await usage(proc, 'tty', '[-s]', `extra operand '${operands[0]}'`)
      // 2, as GNU's: 1 means "not a terminal"
      return 2
    }
    const terminal = proc.isatty(0)
    if (!flags.s) await proc.stdout.write(terminal ? '/dev/cons\n' : 'not a tty\n')
    return terminal ? 0 : 1
  },
})
