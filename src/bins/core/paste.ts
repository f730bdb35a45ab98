/** paste: merge corresponding lines of files (or, with -s, each file's lines into one). */
import { command, parseArgs } from '../lib.ts'
import { TextBuilder } from '../util/textbuilder.ts'
import { OutputBuffer } from '../util/textio.ts'
import { keptLines, readText } from '../util/wholetext.ts'
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
  usage: '[-s] [-d list] [file ...]',
  summary: 'merge lines of files',
  help: '  -d list  delimiters, used in turn (default tab)\n  -s       paste each file\'s lines onto one line',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'sd:')
    const delims = delimiters(typeof flags.d === 'string' ? flags.d : '\t')
    const names = operands.length > 0 ? operands : ['-']
    const files: string[][] = []
    let stdinLines: string[] | undefined
    let stdinAt = 0
    for (const name of names) {
      try {
        if (name === '-') {
          // stdin named several times hands its lines out in turn
          stdinLines ??= keptLines(proc, await readText(proc, '-')).lines
          files.push([])
        } else files.push(keptLines(proc, await readText(proc, name)).lines)
      } catch (e) {
        await fail(proc, 'paste', name, e)
        return 1
      }
    }
    const out = new OutputBuffer(proc)
    const join = (cells: string[]): string => {
      // -s makes one line of a whole file: built in flattened chunks (a row of a few cells is not)
      const line = cells.length > 64 ? new TextBuilder() : undefined
      let row = cells[0] ?? ''
      for (let i = 1; i < cells.length; i++) {
        row += delims[(i - 1) % delims.length]! + cells[i]!
        if (line !== undefined && row.length >= 4096) {
          line.add(row)
          row = ''
        }
      }
      if (line === undefined) return row + '\n'
      line.add(row + '\n')
      return line.text()
    }
    if (flags.s) {
      for (const [i, name] of names.entries()) {
        out.push(join(name === '-' ? (stdinLines ?? []).splice(0) : files[i]!))
        await out.flush()
      }
    } else {
      const stdinShare = names.filter((n) => n === '-').length
      const rows = Math.max(0, ...files.map((f, i) => (names[i] === '-' ? Math.ceil((stdinLines?.length ?? 0) / stdinShare) : f.length)))
      for (let r = 0; r < rows; r++) {
        out.push(join(names.map((name, i) => (name === '-' ? (stdinLines![stdinAt++] ?? '') : (files[i]![r] ?? '')))))
        if (out.full) await out.flush()
      }
    }
    await out.flush()
    return 0
  },
})
