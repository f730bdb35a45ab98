/** clear: clears the terminal (the ANSI sequence xterm's clear writes: home, erase screen and scrollback). */
import { command, parseArgs, UsageError } from '../lib.ts'

export const clear = command({
  name: 'clear',
  usage: '',
  summary: 'clear the terminal screen',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    if (operands.length > 0) throw new UsageError(`extra operand '${operands[0]}'`)
    await proc.stdout.write('\x1b[H\x1b[2J\x1b[3J')
    return 0
  },
})
