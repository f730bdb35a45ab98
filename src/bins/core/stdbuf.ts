/**
 * stdbuf -i MODE -o MODE -e MODE command [arg ...]: runs a command with its standard streams
 * buffered as asked. As GNU's, the modes travel in the environment (`_STDBUF_I`, `_STDBUF_O`,
 * `_STDBUF_E`), so the command's own children inherit them; ninefold's writers read them
 * (util/textio.ts bufferLimit): `L` (line) and `0` (none) write each line or read as it comes, a
 * size keeps the usual buffering. Input is never read ahead past what a command asks for, so -i
 * changes nothing. Status 125 for stdbuf's own errors, else as the command ends.
 */
import { command } from '../lib.ts'
import { runCommand } from '../util/spawn.ts'

const FAILED = 125
const TRY = "Try 'stdbuf --help' for more information.\n"

export const stdbuf = command({
  name: 'stdbuf',
  usage: '[-i mode] [-o mode] [-e mode] command [arg ...]',
  summary: 'run a command with its standard streams buffered as asked',
  help: '  MODE: L  a line at a time   0  unbuffered   SIZE  blocks (as usual)   (-o for output, -e for errors, -i for input)',
  async run(proc) {
    const argv = proc.argv
    const modes: Record<string, string> = {}
    let i = 1
    for (; i < argv.length; i++) {
      const arg = argv[i]!
      if (arg === '--') {
        i++
        break
      }
      const m = /^-([ioe])(.*)$/.exec(arg) ?? /^--(input|output|error)=(.*)$/.exec(arg)
      if (m === null) break
      const stream = m[1]![0]!
      const mode = m[2] !== '' ? m[2]! : argv[++i]
      if (mode === undefined) {
        await proc.stderr.write(`stdbuf: option requires an argument -- '${stream}'\n${TRY}`)
        return FAILED
      }
      if (!/^(L|0|[1-9][0-9]*[KMG]?B?)$/.test(mode) || (mode === 'L' && stream === 'i')) {
        await proc.stderr.write(`stdbuf: invalid mode '${mode}'\n`)
        return FAILED
      }
      modes[`_STDBUF_${stream.toUpperCase()}`] = mode
    }
    const cmd = argv.slice(i)
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
