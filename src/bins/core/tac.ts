/**
 * tac: concatenate and print files with their records in reverse order. A record ends with its
 * separator (a newline, or -s's string, or with -r each match of -s's basic regular expression);
 * with -b the separator begins the record that follows it instead. A last record without its
 * separator stays as it is, first in the output, as GNU's does.
 */
import { command, parseArgs, UsageError } from '../lib.ts'
import { Holding } from '../util/holding.ts'
import { compileRegex, RegexError, type Regex } from '../util/regex.ts'
import { OutputBuffer } from '../util/textio.ts'
import { forEachText, linesBytes } from '../util/wholetext.ts'

/** Records between offers of a turn to the host. */
const TURN_EVERY = 4096

/** Where the records' separators are: [start, end) of each, in order. */
type Separators = (text: string) => Iterable<[number, number]>

export const tac = command({
  name: 'tac',
  long: { before: 'b', regex: 'r', separator: 's:' },
  usage: '[-br] [-s separator] [file ...]',
  summary: 'concatenate and print files in reverse',
  help: '  -s SEP  records end with SEP, not a newline   -r  SEP is a basic regular expression\n  -b      the separator begins a record rather than ends it',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'brs:', { permute: true })
    const sep = typeof flags.s === 'string' ? flags.s : '\n'
    const separators = flags.r ? matchesOf(sep) : occurrencesOf(sep)
    const before = flags.b === true
    const out = new OutputBuffer(proc)
    const held = new Holding(proc)
    const status = await forEachText(proc, 'tac', operands, async (text) => {
      held.set(linesBytes(text))
      // the records' boundaries, then the records from the last
      const cuts: number[] = [0]
      for (const [start, end] of separators(text)) {
        cuts.push(before ? start : end)
        if (cuts.length % TURN_EVERY === 0) await proc.yield()
      }
      if (cuts[cuts.length - 1] !== text.length) cuts.push(text.length)
      for (let k = cuts.length - 1; k > 0; k--) {
        if (cuts[k - 1] !== cuts[k]) out.push(text.slice(cuts[k - 1], cuts[k]))
        if (out.full) await out.flush()
        if (k % TURN_EVERY === 0) await proc.yield()
      }
      await out.flush()
      held.set(0)
    })
    await out.flush()
    return status
  },
})

/** Each place `sep` occurs, none overlapping (an empty one occurs nowhere: the file is one record). */
function occurrencesOf(sep: string): Separators {
  return function* (text) {
    if (sep === '') return
    for (let at = text.indexOf(sep); at >= 0; at = text.indexOf(sep, at + sep.length)) yield [at, at + sep.length]
  }
}

/**
 * Each match of the basic regular expression `pattern`, found from the start (an empty match
 * separates nothing). GNU searches from the end, so where a match's length can vary (`[0-9]*`)
 * its records can be cut differently.
 */
function matchesOf(pattern: string): Separators {
  let re: Regex
  try {
    re = compileRegex(pattern, { extended: false })
  } catch (e) {
    if (e instanceof RegexError) throw new UsageError(`${pattern}: ${e.message}`)
    throw e
  }
  return function* (text) {
    for (let from = 0; from <= text.length; ) {
      const m = re.exec(text, from)
      if (m === undefined) return
      if (m.end > m.start) yield [m.start, m.end]
      from = m.end > m.start ? m.end : m.end + 1
    }
  }
}
