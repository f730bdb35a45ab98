/**
 * getopts optstring name [arg ...]: puts the next option of the positional parameters (or of the
 * args) in `name`, its argument in OPTARG, and the index of the next word in OPTIND. A leading
 * `:` in optstring makes errors silent: `?` or `:` in `name` with the option letter in OPTARG.
 * Status 1 once the options end (at a non-option word, `-` or `--`).
 */
import { isName } from '../lexer.ts'
import type { Builtin, ShellHost } from './builtin.ts'

/** The word of `args` to read next (0-based) and the offset of the next letter in the word before it (-1: none). */
interface Place {
  next: number
  offset: number
}

/** Where the previous call stopped; a changed OPTIND (say `OPTIND=1`) starts at the word it names. */
function startPlace(sh: ShellHost, count: number): Place {
  const optind = sh.state.get('OPTIND') ?? '1'
  const saved = sh.state.getoptsPlace
  const n = /^[0-9]+$/.test(optind) ? Number(optind) : 1
  if (n < 1 || n > count + 1) return { next: 0, offset: -1 }
  return { next: n - 1, offset: saved !== undefined && saved.optind === optind ? saved.offset : -1 }
}

/** What one call found: the letter for `name` ('?' at the end), OPTARG (undefined: unset it), and the option in error, unknown or `missing` its argument. */
interface Found {
  letter: string
  optarg?: string
  error?: string
  missing?: boolean
  done?: boolean
}

/** The error for an unknown option, or one missing its argument, in the words of sh or of bash (which names the script, not the builtin). */
async function optionError(sh: ShellHost, letter: string, missing: boolean): Promise<void> {
  if (!sh.state.bash) return sh.error(`getopts: -${letter}: ${missing ? 'option needs an argument' : 'bad option'}`)
  await sh.write(2, `${sh.state.name}: ${missing ? 'option requires an argument' : 'illegal option'} -- ${letter}\n`).catch(() => {})
}

/** Finds the next option, moving `place` past what it used. */
function nextOption(spec: string, args: readonly string[], place: Place): Found {
  const silent = spec.startsWith(':')
  let word = place.offset >= 0 ? args[place.next - 1] : undefined
  if (word === undefined || place.offset >= word.length) {
    place.offset = -1
    word = args[place.next]
    if (word === undefined || word.length < 2 || word[0] !== '-') return { letter: '?', done: true }
    place.next++
    if (word === '--') return { letter: '?', done: true }
    place.offset = 1
  }
  const c = word[place.offset++]!
  const at = c === ':' ? -1 : spec.indexOf(c, silent ? 1 : 0)
  if (at < 0) return silent ? { letter: '?', optarg: c } : { letter: '?', error: c, missing: false }
  if (spec[at + 1] !== ':') return { letter: c, optarg: '' }
  if (place.offset < word.length) {
    const optarg = word.slice(place.offset)
    place.offset = -1
    return { letter: c, optarg }
  }
  place.offset = -1
  const optarg = args[place.next]
  if (optarg !== undefined) {
    place.next++
    return { letter: c, optarg }
  }
  return silent ? { letter: ':', optarg: c } : { letter: '?', error: c, missing: true }
}

export const getopts: Builtin = {
  async run(sh, argv) {
    if (argv.length < 3) {
      // bash's usage line has no place before it, as its other builtins' usage lines
      if (sh.state.bash) await sh.write(2, 'getopts: usage: getopts optstring name [arg ...]\n')
      else await sh.error('getopts: Usage: getopts optstring var [arg...]')
      return 2
    }
    const name = argv[2]!
    if (!isName(name)) {
      await sh.error(`getopts: ${name}: bad variable name`)
      return 2
    }
    const state = sh.state
    const args = argv.length > 3 ? argv.slice(3) : state.positional
    const place = startPlace(sh, args.length)
    const found = nextOption(argv[1]!, args, place)
    if (found.error !== undefined) await optionError(sh, found.error, found.missing === true)
    if (found.optarg !== undefined) state.set('OPTARG', found.optarg)
    else if (!found.done) state.unset('OPTARG')
    const optind = String(place.next + 1)
    state.set('OPTIND', optind)
    state.getoptsPlace = { optind, offset: place.offset }
    state.set(name, found.letter)
    return found.done ? 1 : 0
  },
}
