/** expand: convert tabs to spaces. */
import { command, parseArgs } from '../lib.ts'
import { tabStops } from '../util/tabstops.ts'
import { forEachText } from '../util/wholetext.ts'

export const expand = command({
  name: 'expand',
  usage: '[-i] [-t tabs] [file ...]',
  summary: 'convert tabs to spaces',
  help: '  -t N | -t list  tab stops (default every 8)\n  -i  only tabs before the first non-blank',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'it:')
    const stops = tabStops(typeof flags.t === 'string' ? flags.t : undefined)
    const out: string[] = []
    const status = await forEachText(proc, 'expand', operands, (text) => {
      out.push(text.split('\n').map((line) => {
        let column = 0
        let result = ''
        let leading = true
        for (const c of line) {
          if (c === '\t' && (leading || !flags.i)) {
            const stop = stops.next(column) ?? column + 1
            result += ' '.repeat(stop - column)
            column = stop
            continue
          }
          if (c !== ' ' && c !== '\t') leading = false
          result += c
          column = c === '\b' ? Math.max(0, column - 1) : column + 1
        }
        return result
      }).join('\n'))
    })
    await proc.stdout.write(out.join(''))
    return status
  },
})
