/**
 * GNU's long options (`--max-args=2`, `--null`, `--max-a 2`), turned into the short words
 * parseArgs reads, as getopt_long reads them: `--name=value` or `--name value`, any unambiguous
 * prefix of a name, and nothing after `--`. Each command names its long options in a table:
 *
 *   'n'    the long option is -n                 'n:'  it is -n and takes a value
 *   'i::'  it is -i, with a value only after =   'I::{}'  the same, {} when none is given
 *   ''     long only, no value                    ':'   long only, a value
 *
 * Long-only options come back by name in `longs`.
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

export function longOptions(argv: readonly string[], table: Readonly<Record<string, string>>): LongParsed {
  const out: string[] = []
  const longs: Record<string, string | true> = {}
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!
    if (i === 0 || !word.startsWith('--') || word === '--') {
      out.push(word)
      if (word === '--' && i > 0) {
        out.push(...argv.slice(i + 1))
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
