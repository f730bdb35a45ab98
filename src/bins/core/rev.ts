/** rev: reverse the characters of each line. */
import { command, forEachInput, parseArgs } from '../lib.ts'
import { LineBatches, OutputBuffer } from '../util/textio.ts'

export const rev = command({
  name: 'rev',
  usage: '[file ...]',
  summary: 'reverse lines characterwise',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '', { permute: true })
    const out = new OutputBuffer(proc)
    const status = await forEachInput(proc, 'rev', operands, async (fd) => {
      const batches = new LineBatches(proc, fd)
      for await (const batch of batches) {
        // a last line without a newline comes alone, after `unterminated` is set
        const end = batches.unterminated ? '' : '\n'
        for (const line of batch) out.push([...line].reverse().join('') + end)
        if (out.full) await out.flush()
      }
    })
    await out.flush()
    return status
  },
})
