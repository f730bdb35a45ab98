/**
 * GNU's long names of a command's short options, for commands whose own parsing reads short
 * ones (command()'s `long` table): `--lines=5`, `--lines 5` and `--lin 5` become `-n 5`. A word
 * the table does not name is left as it is, for the command's own long options or its error.
 */
/** argv with each long name of the table as its letter ('n' a flag, 'n:' one with a value); a string says what is wrong. */
export function shortened(argv: readonly string[], names: Readonly<Record<string, string>>): string[] | string {
  const out = argv.slice(0, 1)
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!
    if (word === '--') {
      out.push(...argv.slice(i))
      break
    }
    if (!word.startsWith('--')) {
      out.push(word)
      continue
    }
    const eq = word.indexOf('=')
    const given = word.slice(2, eq < 0 ? undefined : eq)
    const candidates = Object.hasOwn(names, given) ? [given] : Object.keys(names).filter((n) => n.startsWith(given))
    // several names for one letter are no ambiguity
    if (candidates.length === 0 || new Set(candidates.map((c) => names[c])).size > 1) {
      out.push(word)
      continue
    }
    const name = candidates[0]!
    const [letter, takes] = [names[name]![0]!, names[name]!.endsWith(':')]
    if (!takes) {
      if (eq >= 0) return `option '--${name}' doesn't allow an argument`
      out.push(`-${letter}`)
      continue
    }
    const value = eq >= 0 ? word.slice(eq + 1) : argv[++i]
    if (value === undefined) return `option '--${name}' requires an argument`
    out.push(`-${letter}`, value)
  }
  return out
}
