/** column: format input into columns (-t: a table of fields; otherwise fill columns to the width). */
import { command, parseArgs, UsageError } from '../lib.ts'
import { OutputBuffer } from '../util/textio.ts'
import { forEachText, keptLines } from '../util/wholetext.ts'

/** Lines between offers of a turn to the host. */
const TURN_EVERY = 4096

export const column = command({
  name: 'column',
  long: { table: 't', fillrows: 'x', separator: 's:', 'output-separator': 'o:', 'output-width': 'c:' },
  usage: '[-tx] [-s sep] [-o sep] [-c width] [file ...]',
  summary: 'columnate lists',
  help: '  -t  make a table: fields split at -s characters (default blanks)\n  -s SEPS  input separators   -o SEP  output separator (default two spaces)\n  -c N  width to fill (default 80)   -x  fill rows before columns',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'txs:o:c:', { permute: true })
    const width = typeof flags.c === 'string' ? Number(flags.c) : 80
    if (!Number.isInteger(width) || width < 1) throw new UsageError(`invalid columns argument: '${flags.c}'`)
    let lines: string[] = []
    const status = await forEachText(proc, 'column', operands, async (text) => {
      lines = lines.concat((await keptLines(proc, text)).lines)
    })
    // written a row at a time: one wide cell widens every row of a table
    const out = new OutputBuffer(proc)
    if (flags.t) {
      const seps = typeof flags.s === 'string' ? flags.s : ' \t'
      const splitter = new RegExp(`[${seps.replace(/[\]\\^-]/g, '\\$&')}]${typeof flags.s === 'string' ? '' : '+'}`)
      const rows: string[][] = []
      const widths: number[] = []
      for (let n = 0; n < lines.length; n++) {
        const l = lines[n]!
        if (l.trim() === '') continue
        const row = (typeof flags.s === 'string' ? l : l.trim()).split(splitter)
        row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)))
        rows.push(row)
        if (n % TURN_EVERY === 0) await proc.yield()
      }
      const gap = typeof flags.o === 'string' ? flags.o : '  '
      for (let n = 0; n < rows.length; n++) {
        const row = rows[n]!
        out.push(row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join(gap) + '\n')
        if (out.full) await out.flush()
        if (n % TURN_EVERY === 0) await proc.yield()
      }
    } else {
      const items: string[] = []
      let longest = 0
      for (let n = 0; n < lines.length; n++) {
        const l = lines[n]!
        if (l === '') continue
        items.push(l)
        longest = Math.max(longest, [...l].length)
        if (n % TURN_EVERY === 0) await proc.yield()
      }
      if (items.length > 0) {
        // each column is the longest item rounded up to the next tab stop
        const colWidth = (longest + 8) & ~7
        const perRow = Math.max(1, Math.floor(width / colWidth))
        const rows = Math.ceil(items.length / perRow)
        for (let r = 0; r < rows; r++) {
          let line = ''
          const cells: string[] = []
          for (let c = 0; c < perRow; c++) {
            const at = flags.x ? r * perRow + c : c * rows + r
            if (at < items.length) cells.push(items[at]!)
          }
          cells.forEach((cell, i) => {
            line += cell
            if (i < cells.length - 1) {
              const len = [...cell].length
              line += '\t'.repeat(Math.ceil((colWidth - len) / 8))
            }
          })
          out.push(line + '\n')
          if (out.full) await out.flush()
          if (r % TURN_EVERY === 0) await proc.yield()
        }
      }
    }
    await out.flush()
    return status
  },
})
