/** paste: merge corresponding lines of files (or, with -s, each file's lines into one). */
import { command, parseArgs } from '../lib.ts'
import { LineCursor, OutputBuffer } from '../util/textio.ts'
import { fail } from '../lib.ts'

/** -d's list: \n, \t, \\ and \0 (no delimiter) are escapes. */
function delimiters(spec: string): string[] {
  const out: string[] = []
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] === '\\' && i + 1 < spec.length) {
      const c = spec[++i]!
      out.push(c === 'n' ? '\n' : c === 't' ? '\t' : c === '0' ? '' : c)
    } else out.push(spec[i]!)
  }
  return out.length > 0 ? out : ['']
}

export const paste = command({
  name: 'paste',
  long: { delimiters: 'd:', serial: 's' },
  usage: '[-s] [-d list] [file ...]',
  summary: 'merge lines of files',
  help: '  -d list  delimiters, used in turn (default tab)\n  -s       paste each file\'s lines onto one line',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'sd:', { permute: true })
    const delims = delimiters(typeof flags.d === 'string' ? flags.d : '\t')
    const names = operands.length > 0 ? operands : ['-']
    // stdin named several times is one cursor: its lines are handed out in turn
    let stdin: LineCursor | undefined
    const cursors: LineCursor[] = []
    for (const name of names) {
      try {
        cursors.push(name === '-' ? (stdin ??= new LineCursor(proc, 0)) : new LineCursor(proc, await proc.open(name)))
      } catch (e) {
        await fail(proc, 'paste', name, e)
        return 1
      }
    }
    const out = new OutputBuffer(proc)
    if (flags.s) {
      // each input's lines make one line, written as they come
      for (const cursor of cursors) {
        let n = 0
        for (let line = await cursor.next(); line !== undefined; line = await cursor.next()) {
          out.push(n === 0 ? line : delims[(n - 1) % delims.length]! + line)
          n++
          if (out.full) await out.flush()
        }
        out.push('\n')
      }
    } else {
      // a row while any input has a line; an input that has ended gives empty cells
      for (;;) {
        let row = ''
        let any = false
        for (const [i, cursor] of cursors.entries()) {
          const line = await cursor.next()
          if (line !== undefined) any = true
          row += (i === 0 ? '' : delims[(i - 1) % delims.length]!) + (line ?? '')
        }
        if (!any) break
        out.push(row + '\n')
        if (out.full) await out.flush()
      }
    }
    await out.flush()
    return 0
  },
})
