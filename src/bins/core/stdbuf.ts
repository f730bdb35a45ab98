/**
 * stdbuf -i MODE -o MODE -e MODE command [arg ...]: runs a command with its standard streams
 * buffered as asked. As GNU's, the modes travel in the environment (`_STDBUF_I`, `_STDBUF_O`,
 * `_STDBUF_E`), so the command's own children inherit them; ninefold's writers read them
 * (util/textio.ts bufferLimit): `L` (line) and `0` (none) write each line or read as it comes, a
 * size keeps the usual buffering. Input is never read ahead past what a command asks for, so -i
 * changes nothing. Status 125 for stdbuf's own errors, else as the command ends.
 */
import { command, parseArgs, UsageError } from '../lib.ts'
import { longOptions } from '../util/longopts.ts'
import { runCommand } from '../util/spawn.ts'

const FAILED = 125
const TRY = "Try 'stdbuf --help' for more information.\n"
/** GNU's long names. */
const LONG = { input: 'i:', output: 'o:', error: 'e:' }

export const stdbuf = command({
  name: 'stdbuf',
  usage: '[-i mode] [-o mode] [-e mode] command [arg ...]',
  summary: 'run a command with its standard streams buffered as asked',
  help: '  MODE: L  a line at a time   0  unbuffered   SIZE  blocks (as usual)   (-o for output, -e for errors, -i for input)',
  async run(proc) {
    let args
    try {
      // options end at the command, whose own options are its own
      args = parseArgs(longOptions(proc.argv, LONG, 'i:o:e:', false).argv, 'i:o:e:')
    } catch (e) {
      if (!(e instanceof UsageError)) throw e
      await proc.stderr.write(`stdbuf: ${e.message}\n${TRY}`)
      return FAILED
    }
    const modes: Record<string, string> = {}
    for (const stream of 'ioe') {
      const mode = args.flags[stream]
      if (typeof mode !== 'string') continue
      if (!/^(L|0|[1-9][0-9]*[KMG]?B?)$/.test(mode) || (mode === 'L' && stream === 'i')) {
        await proc.stderr.write(`stdbuf: invalid mode '${mode}'\n`)
        return FAILED
      }
      modes[`_STDBUF_${stream.toUpperCase()}`] = mode
    }
    const cmd = args.operands
    if (cmd.length === 0) {
      await proc.stderr.write(`stdbuf: missing operand\n${TRY}`)
      return FAILED
    }
    if (Object.keys(modes).length === 0) {
      await proc.stderr.write(`stdbuf: you must specify a buffering mode option\n${TRY}`)
      return FAILED
    }
    return runCommand(proc, 'stdbuf', cmd, { env: { ...proc.env, ...modes } })
  },
})
