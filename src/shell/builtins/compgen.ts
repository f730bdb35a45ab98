/**
 * bash's compgen [-abcdefkuv] [-A action] [-W wordlist] [-P prefix] [-S suffix] [-X filter]
 * [word]: the completions of `word` (all candidates without it), one a line, as a completion
 * function or a script asks for them: aliases (-a), builtins (-b), commands (-c: aliases,
 * keywords, functions, builtins and the files on PATH), directories (-d), exported variables
 * (-e), files (-f), functions (-A function), keywords (-k), users (-u), variables (-v), the words
 * of a list (-W, split as IFS says). -X drops the candidates a pattern matches (`!pattern`:
 * keeps only those). Status 1 when there is none.
 */
import { matchPattern } from '../pattern.ts'
import type { Builtin, ShellHost } from './builtin.ts'
import { keywordsOf } from './lookup.ts'
import { builtinOptions } from './options.ts'

const ACTIONS: Record<string, string> = { a: 'alias', b: 'builtin', c: 'command', d: 'directory', e: 'export', f: 'file', k: 'keyword', u: 'user', v: 'variable' }
const KNOWN = new Set([...Object.values(ACTIONS), 'function'])

interface Request {
  actions: string[]
  words?: string
  prefix: string
  suffix: string
  filter?: string
  word: string
}

function parse(argv: readonly string[]): Request | string {
  const r: Request = { actions: [], prefix: '', suffix: '', word: '' }
  const at = builtinOptions(argv, 'AWPSXFCGo', (c, value) => {
    if (value === undefined) {
      if (ACTIONS[c] === undefined) return `-${c}: invalid option`
      r.actions.push(ACTIONS[c])
    } else if (c === 'A') {
      if (!KNOWN.has(value)) return `${value}: invalid action name`
      r.actions.push(value)
    } else if (c === 'W') r.words = value
    else if (c === 'P') r.prefix = value
    else if (c === 'S') r.suffix = value
    else if (c === 'X') r.filter = value
    else return `not implemented: -${c}`
    return undefined
  })
  if (typeof at === 'string') return `compgen: ${at}`
  r.word = argv[at] ?? ''
  return r
}

/** The names in a directory of the namespace whose names start with `base` (`.` files only when asked for). */
async function namesIn(sh: ShellHost, dir: string, base: string, directoriesOnly: boolean): Promise<string[]> {
  try {
    const entries = await sh.proc.readdir(dir === '' ? '.' : dir)
    return entries
      .filter((d) => d.name.startsWith(base) && (base.startsWith('.') || !d.name.startsWith('.')) && (!directoriesOnly || (d.mode & 0x80000000) !== 0))
      .map((d) => d.name)
      .sort()
  } catch {
    return []
  }
}

async function candidates(sh: ShellHost, action: string, word: string): Promise<string[]> {
  const state = sh.state
  switch (action) {
    case 'alias':
      return [...state.aliases.keys()].sort()
    case 'builtin':
      return sh.builtinNames().sort()
    case 'function':
      return [...state.functions.keys()].sort()
    case 'keyword':
      return keywordsOf(sh)
    case 'variable':
      return [...state.vars.keys()].sort()
    case 'export':
      return [...state.vars.keys()].filter((n) => state.vars.getRaw(n)?.exported === true).sort()
    case 'user':
      return (await sh.proc.readdir('/adm/users').catch(() => [])).map((d) => d.name).sort()
    case 'file':
    case 'directory': {
      const slash = word.lastIndexOf('/')
      const dir = word.slice(0, slash + 1)
      return (await namesIn(sh, dir, word.slice(slash + 1), action === 'directory')).map((n) => dir + n)
    }
    case 'command': {
      const onPath: string[] = []
      for (const dir of (state.get('PATH') ?? '/bin').split(':')) if (dir !== '') onPath.push(...(await namesIn(sh, dir, word, false)))
      return [...state.aliases.keys(), ...keywordsOf(sh), ...state.functions.keys(), ...sh.builtinNames(), ...onPath]
    }
  }
  return []
}

export const compgen: Builtin = {
  async run(sh, argv) {
    const r = parse(argv)
    if (typeof r === 'string') {
      await sh.error(r)
      return 2
    }
    const found: string[] = []
    for (const action of r.actions) found.push(...(await candidates(sh, action, r.word)))
    if (r.words !== undefined) {
      const ifs = sh.state.get('IFS') ?? ' \t\n'
      found.push(...r.words.split(new RegExp(`[${ifs.replace(/[\\\]^-]/g, '\\$&')}]+`)).filter((w) => w !== ''))
    }
    const seen = new Set<string>()
    const out: string[] = []
    for (const c of found) {
      if (!c.startsWith(r.word) || seen.has(c)) continue
      if (r.filter !== undefined) {
        const keep = r.filter.startsWith('!')
        if (matchPattern(keep ? r.filter.slice(1) : r.filter, c, true, false) !== keep) continue
      }
      seen.add(c)
      out.push(r.prefix + c + r.suffix + '\n')
    }
    await sh.write(1, out.join(''))
    return out.length > 0 ? 0 : 1
  },
}
