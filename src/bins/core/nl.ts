/** nl: number lines of files (body sections only; GNU's -b, -n, -w, -s, -v, -i). */
import { command, forEachInput, parseArgs, UsageError } from '../lib.ts'
import { LineBatches, OutputBuffer } from '../util/textio.ts'

export const nl = command({
  name: 'nl',
  long: { 'body-numbering': 'b:', 'number-format': 'n:', 'number-width': 'w:', 'number-separator': 's:', 'starting-line-number': 'v:', 'line-increment': 'i:' },
  usage: '[-b style] [-n format] [-w width] [-s sep] [-v start] [-i incr] [file ...]',
  summary: 'number lines of files',
  help: '  -b a|t|n|pRE  number all, non-empty (default), no, or matching lines\n  -n ln|rn|rz    left, right (default), right zero-filled\n  -w N  width (6)   -s SEP  after the number (tab)   -v N  first number   -i N  increment',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'b:n:w:s:v:i:', { permute: true })
    const style = typeof flags.b === 'string' ? flags.b : 't'
    const format = typeof flags.n === 'string' ? flags.n : 'rn'
    const width = typeof flags.w === 'string' ? Number(flags.w) : 6
    const sep = typeof flags.s === 'string' ? flags.s : '\t'
    let number = typeof flags.v === 'string' ? Number(flags.v) : 1
    const incr = typeof flags.i === 'string' ? Number(flags.i) : 1
    if (!['ln', 'rn', 'rz'].includes(format)) throw new UsageError(`invalid line numbering format: '${format}'`)
    if (!Number.isInteger(width) || width < 1) throw new UsageError(`invalid line number field width: '${flags.w}'`)
    let wanted: (line: string) => boolean
    if (style === 'a') wanted = () => true
    else if (style === 't') wanted = (line) => line !== ''
    else if (style === 'n') wanted = () => false
    else if (style.startsWith('p')) {
      const re = new RegExp(style.slice(1))
      wanted = (line) => re.test(line)
    } else throw new UsageError(`invalid body numbering style: '${style}'`)
    const out = new OutputBuffer(proc)
    const blank = ' '.repeat(width + sep.length)
    const status = await forEachInput(proc, 'nl', operands, async (fd) => {
      // nl ends every line it prints with a newline, the last one too
      for await (const batch of new LineBatches(proc, fd)) {
        for (const line of batch) {
          let prefix = blank
          if (wanted(line)) {
            const digits = String(Math.abs(number))
            const signed = number < 0 ? '-' + digits : digits
            prefix = (format === 'ln' ? signed.padEnd(width) : format === 'rz' ? (number < 0 ? '-' + digits.padStart(width - 1, '0') : digits.padStart(width, '0')) : signed.padStart(width)) + sep
            number += incr
          }
          out.push(prefix + line + '\n')
          // a width may be large (-w 100000000): written as it grows
          if (out.full) await out.flush()
        }
      }
    })
    await out.flush()
    return status
  },
})
