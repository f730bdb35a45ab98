/** rev: reverse the characters of each line. */
import { command, parseArgs } from '../lib.ts'
import { forEachText, splitLines } from '../util/wholetext.ts'

export const rev = command({
  name: 'rev',
  usage: '[file ...]',
  summary: 'reverse lines characterwise',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    const out: string[] = []
    const status = await forEachText(proc, 'rev', operands, (text) => {
      const { lines, terminated } = splitLines(text)
      lines.forEach((line, i) => out.push([...line].reverse().join('') + (i < lines.length - 1 || terminated ? '\n' : '')))
    })
    await proc.stdout.write(out.join(''))
    return status
  },
})
