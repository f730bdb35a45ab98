/** paste: merge corresponding lines of files (or, with -s, each file's lines into one). */
import { command, parseArgs } from '../lib.ts'
import { readText, splitLines } from '../util/wholetext.ts'
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
          stdinLines ??= splitLines(await readText(proc, '-')).lines
          files.push([])
        } else files.push(splitLines(await readText(proc, name)).lines)
      } catch (e) {
        await fail(proc, 'paste', name, e)
        return 1
      }
    }
    const out: string[] = []
    const join = (cells: string[]): string => {
      let line = cells[0] ?? ''
      for (let i = 1; i < cells.length; i++) line += delims[(i - 1) % delims.length]! + cells[i]!
      return line + '\n'
    }
    if (flags.s) {
      names.forEach((name, i) => out.push(join(name === '-' ? (stdinLines ?? []).splice(0) : files[i]!)))
    } else {
      const stdinShare = names.filter((n) => n === '-').length
      const rows = Math.max(0, ...files.map((f, i) => (names[i] === '-' ? Math.ceil((stdinLines?.length ?? 0) / stdinShare) : f.length)))
      for (let r = 0; r < rows; r++) {
        out.push(join(names.map((name, i) => (name === '-' ? (stdinLines![stdinAt++] ?? '') : (files[i]![r] ?? '')))))
      }
    }
    await proc.stdout.write(out.join(''))
    return 0
  },
})
