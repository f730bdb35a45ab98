/** tac: concatenate and print files with their lines in reverse order. */
import { command, parseArgs } from '../lib.ts'
import { Holding } from '../util/holding.ts'
import { OutputBuffer } from '../util/textio.ts'
import { forEachText, linesBytes } from '../util/wholetext.ts'

export const tac = command({
  name: 'tac',
  usage: '[file ...]',
  summary: 'concatenate and print files in reverse',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    const out = new OutputBuffer(proc)
    const held = new Holding(proc)
    const status = await forEachText(proc, 'tac', operands, async (text) => {
      // records end after each newline; a last line without one stays as it is, first in the output
      held.set(linesBytes(text))
      const records = text.match(/[^\n]*\n|[^\n]+$/g) ?? []
      for (let i = records.length - 1; i >= 0; i--) {
        out.push(records[i]!)
        if (out.full) await out.flush()
      }
      await out.flush()
      held.set(0)
    })
    await out.flush()
    return status
  },
})
