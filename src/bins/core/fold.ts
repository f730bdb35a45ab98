/** fold: wrap each input line to fit in a width (columns, or bytes with -b; at blanks with -s). */
import { command, parseArgs, UsageError } from '../lib.ts'
import { forEachText } from '../util/wholetext.ts'

/** The column after printing `c` at `column`. */
function advance(column: number, c: string, bytes: boolean): number {
  if (bytes) return column + new TextEncoder().encode(c).length
  if (c === '\t') return column + 8 - (column % 8)
  if (c === '\b') return column > 0 ? column - 1 : 0
  if (c === '\r') return 0
  return column + 1
}

function foldLine(line: string, width: number, bytes: boolean, atSpaces: boolean): string {
  let out = ''
  let current = ''
  let column = 0
  for (const c of line) {
    const next = advance(column, c, bytes)
    if (next > width && current !== '') {
      const space = atSpaces ? Math.max(current.lastIndexOf(' '), current.lastIndexOf('\t')) : -1
      if (space >= 0) {
        out += current.slice(0, space + 1) + '\n'
        current = current.slice(space + 1)
      } else {
        out += current + '\n'
        current = ''
      }
      column = 0
      for (const d of current) column = advance(column, d, bytes)
    }
    current += c
    column = advance(column, c, bytes)
  }
  return out + current
}

export const fold = command({
  name: 'fold',
  usage: '[-bs] [-w width] [file ...]',
  summary: 'wrap each input line to fit in specified width',
  help: '  -w N  width (default 80)   -b  count bytes   -s  break at blanks',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'bsw:', { numericFlag: 'w' })
    const width = typeof flags.w === 'string' ? Number(flags.w) : 80
    if (!Number.isInteger(width) || width < 1) throw new UsageError(`invalid number of columns: '${flags.w}'`)
    const out: string[] = []
    const status = await forEachText(proc, 'fold', operands, (text) => {
      out.push(text.split('\n').map((line) => foldLine(line, width, flags.b === true, flags.s === true)).join('\n'))
    })
    await proc.stdout.write(out.join(''))
    return status
  },
})
