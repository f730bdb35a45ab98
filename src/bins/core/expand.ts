/** expand: convert tabs to spaces. */
import { command, parseArgs } from '../lib.ts'
import { tabStops } from '../util/tabstops.ts'
import { OutputBuffer } from '../util/textio.ts'
import { forEachText } from '../util/wholetext.ts'

/** Output is written in pieces of about this many characters: a tab stop may be far away (-t 100000000). */
const PIECE = 65536

export const expand = command({
  name: 'expand',
  long: { initial: 'i', tabs: 't:' },
  usage: '[-i] [-t tabs] [file ...]',
  summary: 'convert tabs to spaces',
  help: '  -t N | -t list  tab stops (default every 8)\n  -i  only tabs before the first non-blank',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'it:', { permute: true })
    const stops = tabStops(typeof flags.t === 'string' ? flags.t : undefined)
    const out = new OutputBuffer(proc, 1, PIECE)
    // the files are one stream, as GNU's: a line a file leaves unended goes on in the next
    let column = 0
    let leading = true
    const status = await forEachText(proc, 'expand', operands, async (text) => {
      let run = ''
      for (const c of text) {
        if (c === '\t' && (leading || !flags.i)) {
          const stop = stops.next(column) ?? column + 1
          out.push(run)
          run = ''
          for (let n = stop - column; n > 0; n -= PIECE) {
            out.push(' '.repeat(Math.min(n, PIECE)))
            if (out.full) await out.flush()
          }
          column = stop
          continue
        }
        run += c
        if (c === '\n') {
          column = 0
          leading = true
        } else {
          if (c !== ' ' && c !== '\t') leading = false
          column = c === '\b' ? Math.max(0, column - 1) : column + 1
        }
        if (run.length >= PIECE) {
          out.push(run)
          run = ''
          if (out.full) await out.flush()
        }
      }
      out.push(run)
    })
    await out.flush()
    return status
  },
})
