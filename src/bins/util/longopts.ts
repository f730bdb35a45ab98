/**
 * GNU's long options (`--max-args=2`, `--null`, `--max-a 2`), turned into the short words
 * parseArgs reads, as getopt_long reads them: `--name=value` or `--name value`, any unambiguous
 * prefix of a name, and nothing after `--`. Each command names its long options in a table:
 *
 *   'n'    the long option is -n                 'n:'  it is -n and takes a value
 *   'i::'  it is -i, with a value only after =   'I::{}'  the same, {} when none is given
 *   ''     long only, no value                    ':'   long only, a value
 *
 * Long-only options come back by name in `longs`. `short` is the command's parseArgs spec, so a
 * short option's value is never read as a long option (`cut -d -- -f1`), and without `permute`
 * options end at the first operand (xargs: the command it runs has options of its own).
 */
import { UsageError } from '../command.ts'

export interface LongParsed {
  argv: string[]
  longs: Record<string, string | true>
}

function find(table: Readonly<Record<string, string>>, name: string, word: string): string {
  if (Object.hasOwn(table, name)) return name
  const candidates = Object.keys(table).filter((k) => k.startsWith(name))
  if (candidates.length === 1) return candidates[0]!
  // several names for one option are no ambiguity
  if (candidates.length > 1 && candidates.every((c) => table[c] !== '' && table[c] !== ':' && table[c] === table[candidates[0]!])) return candidates[0]!
  if (candidates.length === 0) throw new UsageError(`unrecognized option '${word}'`)
  throw new UsageError(`option '${word}' is ambiguous; possibilities: ${candidates.map((c) => `'--${c}'`).join(' ')}`)
}

export function longOptions(argv: readonly string[], table: Readonly<Record<string, string>>, short = '', permute = true): LongParsed {
  const out = argv.slice(0, 1)
  const longs: Record<string, string | true> = {}
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!
    if (word === '--' || (!permute && !word.startsWith('-')) || word === '-') {
      // the end of the options, or an operand after which no option comes
      if (word === '--' || !permute) {
        out.push(...argv.slice(i))
        break
      }
      out.push(word)
      continue
    }
    if (!word.startsWith('--')) {
      out.push(word)
      if (!word.startsWith('-')) continue
      // a short option that takes a value and ends the word takes the next word, whatever it is
      for (let j = 1; j < word.length; j++) {
        const at = short.indexOf(word[j]!)
        if (at < 0 || short[at + 1] !== ':') continue
        if (j === word.length - 1 && i + 1 < argv.length) out.push(argv[++i]!)
        break
      }
      continue
    }
    const eq = word.indexOf('=')
    const name = find(table, word.slice(2, eq < 0 ? undefined : eq), eq < 0 ? word : word.slice(0, eq))
    const [, letter, colons, fallback] = /^(\w?)(:{0,2})(.*)$/s.exec(table[name]!)!
    const takes = colons === '::' ? 'optional' : colons === ':' ? 'value' : 'none'
    let value: string | undefined = eq < 0 ? undefined : word.slice(eq + 1)
    if (takes === 'none' && value !== undefined) throw new UsageError(`option '--${name}' doesn't allow an argument`)
    if (takes === 'value' && value === undefined) {
      value = argv[++i]
      if (value === undefined) throw new UsageError(`option '--${name}' requires an argument`)
    }
    if (letter === '') longs[name] = value ?? true
    else if (takes === 'optional') out.push(`-${letter}${value ?? fallback}`)
    else out.push(`-${letter}`, ...(value === undefined ? [] : [value]))
  }
  return { argv: out, longs }
}
