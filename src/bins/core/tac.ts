/** tac: concatenate and print files with their lines in reverse order. */
import { command, parseArgs } from '../lib.ts'
import { Holding } from '../util/holding.ts'
import { OutputBuffer } from '../util/textio.ts'
import { forEachText, linesBytes } from '../util/wholetext.ts'

/** Lines between offers of a turn to the host. */
const TURN_EVERY = 4096

export const tac = command({
  name: 'tac',
  usage: '[file ...]',
  summary: 'concatenate and print files in reverse',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '', { permute: true })
    const out = new OutputBuffer(proc)
    const held = new Holding(proc)
    const status = await forEachText(proc, 'tac', operands, async (text) => {
      // records end after each newline; a last line without one stays as it is, first in the output
      held.set(linesBytes(text))
      // from the end, a line at a time (one search of the whole text held the host a second for 3 million lines)
      let end = text.length
      for (let lines = 1; end > 0; lines++) {
        // the newline before this line's own (lastIndexOf reads a negative start as 0)
        const before = end - (text[end - 1] === '\n' ? 2 : 1)
        const start = before < 0 ? 0 : text.lastIndexOf('\n', before) + 1
        out.push(text.slice(start, end))
        end = start
        if (out.full) await out.flush()
        if (lines % TURN_EVERY === 0) await proc.yield()
      }
      await out.flush()
      held.set(0)
    })
    await out.flush()
    return status
  },
})
