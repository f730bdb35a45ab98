/** tac: concatenate and print files with their lines in reverse order. */
import { command, parseArgs } from '../lib.ts'
import { forEachText } from '../util/wholetext.ts'

export const tac = command({
  name: 'tac',
  usage: '[file ...]',
  summary: 'concatenate and print files in reverse',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    const out: string[] = []
    const status = await forEachText(proc, 'tac', operands, (text) => {
      // records end after each newline; a last line without one stays as it is, first in the output
      const records = text.match(/[^\n]*\n|[^\n]+$/g) ?? []
      for (let i = records.length - 1; i >= 0; i--) out.push(records[i]!)
    })
    await proc.stdout.write(out.join(''))
    return status
  },
})
