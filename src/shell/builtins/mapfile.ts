/**
 * bash's mapfile and readarray: standard input (or -u fd) into an indexed array, a line an
 * element (-t drops the delimiter, -d sets it, -n takes at most N lines, -s skips N first, -O
 * puts them from index N on, keeping the elements before, -C runs a callback every -c lines
 * (5000), with the index and the line about to be stored).
 */
import { decodeBytes } from '../../kernel/bytes.ts'
import { readAll } from '../../bins/lib.ts'
import { isName } from '../lexer.ts'
import { shellQuote } from '../quote.ts'
import type { Builtin } from './builtin.ts'

export const mapfile: Builtin = {
  async run(sh, argv) {
    let trim = false
    let delim = '\n'
    let max = 0
    let skip = 0
    let origin: number | undefined
    let fd = 0
    let callback: string | undefined
    let quantum = 5000
    let i = 1
    for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-'; i++) {
      const a = argv[i]!
      if (a === '--') {
        i++
        break
      }
      const value = (): string => argv[++i] ?? ''
      if (a === '-t') trim = true
      else if (a === '-d') delim = value()[0] ?? '\0'
      else if (a === '-n') max = Number(value())
      else if (a === '-s') skip = Number(value())
      else if (a === '-u') fd = Number(value())
      else if (a === '-O') origin = Number(value())
      else if (a === '-C') callback = value()
      else if (a === '-c') quantum = Number(value())
      else {
        await sh.error(`${argv[0]}: ${a}: invalid option`)
        return 2
      }
    }
    if (!Number.isInteger(quantum) || quantum < 1) {
      await sh.error(`${argv[0]}: ${quantum}: invalid callback quantum`)
      return 1
    }
    const name = argv[i] ?? 'MAPFILE'
    if (!isName(name)) {
      await sh.error(`${argv[0]}: \`${name}': not a valid identifier`)
      return 1
    }
    const real = sh.io.get(fd)
    if (real === undefined) {
      await sh.error(`${argv[0]}: ${fd}: invalid file descriptor`)
      return 1
    }
    const text = decodeBytes(await readAll(sh.proc, real))
    const lines: string[] = []
    let at = 0
    for (let n = 0; at < text.length && (max === 0 || lines.length < max); n++) {
      const end = text.indexOf(delim, at)
      const stop = end < 0 ? text.length : end + 1
      const line = text.slice(at, trim && end >= 0 ? end : stop)
      at = stop
      if (n >= skip) lines.push(line)
    }
    // without -O the array is emptied first; with it, the elements before N stay
    const items = origin === undefined ? new Map<string, string>() : new Map(sh.state.vars.get(name)?.items ?? [])
    for (let k = 0; k < lines.length; k++) {
      const index = String((origin ?? 0) + k)
      // as bash: the callback sees each quantum-th line before it is stored, and the array so far
      if (callback !== undefined && (k + 1) % quantum === 0) {
        sh.state.setItems(name, new Map(items))
        await sh.runText(`${callback} ${index} ${shellQuote(lines[k]!)}`)
      }
      items.set(index, lines[k]!)
    }
    sh.state.setItems(name, items)
    return 0
  },
}
