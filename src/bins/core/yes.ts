/** yes [string ...]: repeats a line (default "y") until the reader goes away. */
import { command, parseArgs } from '../lib.ts'

const CHUNK = 65536

export const yes = command({
  name: 'yes',
  usage: '[string ...]',
  summary: 'repeat a line forever',
  async run(proc) {
    const args = parseArgs(proc.argv, '').operands
    const line = (args.length === 0 ? 'y' : args.join(' ')) + '\n'
    const chunk = new TextEncoder().encode(line.repeat(Math.max(1, Math.floor(CHUNK / line.length))))
    // a write to a pipe nobody reads fails (and SIGPIPE ends the process): that is how yes stops
    for (;;) {
      try {
        await proc.write(1, chunk)
      } catch {
        return 1
      }
    }
  },
})
