/** unexpand: convert blanks to tabs (leading blanks only, unless -a). */
import { command, parseArgs } from '../lib.ts'
import { tabStops } from '../util/tabstops.ts'
import { forEachText } from '../util/wholetext.ts'

export const unexpand = command({
  name: 'unexpand',
  long: { all: 'a', tabs: 't:' },
  usage: '[-a] [-t tabs] [file ...]',
  summary: 'convert spaces to tabs',
  help: '  -a  convert all blanks, not just leading ones\n  -t N | -t list  tab stops (implies -a)',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'at:', { permute: true })
    const all = flags.a === true || typeof flags.t === 'string'
    const stops = tabStops(typeof flags.t === 'string' ? flags.t : undefined)
    const out: string[] = []
    const status = await forEachText(proc, 'unexpand', operands, (text) => {
      out.push(text.split('\n').map((line) => {
        let result = ''
        let column = 0
        /** Blanks seen since the last printed character, and the column where they began. */
        let blanks = ''
        let start = 0
        let leading = true
        for (const c of line) {
          if ((c === ' ' || c === '\t') && (leading || all)) {
            if (blanks === '') start = column
            blanks += c
            const stop = c === '\t' ? (stops.next(column) ?? column + 1) : column + 1
            column = stop
            const tabAt = stops.next(start)
            if (tabAt !== undefined && column === tabAt) {
              // a single space that reaches a tab stop stays a space
              result += blanks.length > 1 || blanks === '\t' ? '\t' : blanks
              blanks = ''
              start = column
            }
            continue
          }
          result += blanks + c
          blanks = ''
          leading = false
          column++
        }
        return result + blanks
      }).join('\n'))
    })
    await proc.stdout.write(out.join(''))
    return status
  },
})
