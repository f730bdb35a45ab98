/** type and command: what a name runs (keyword, function, builtin, file), and running past functions. */
import { ShellError } from '../errors.ts'
import type { Builtin, ShellHost } from './builtin.ts'
import { functionDefinition } from './declare.ts'

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'for', 'do', 'done', 'case', 'esac', 'in', '{', '}', '!'])
/** bash's keywords beside POSIX's. */
const BASH_KEYWORDS = new Set(['[[', ']]', 'function', 'select', 'time', 'coproc'])

const isKeyword = (sh: ShellHost, name: string): boolean => KEYWORDS.has(name) || (sh.state.bash && BASH_KEYWORDS.has(name))

/** The shell's keywords (compgen -k). */
export const keywordsOf = (sh: ShellHost): string[] => [...KEYWORDS, ...(sh.state.bash ? BASH_KEYWORDS : [])]

/** One thing a name is: what bash's type -t calls it, and the rest of type's sentence. */
interface Meaning {
  word: 'alias' | 'keyword' | 'function' | 'builtin' | 'file'
  sentence: string
  path?: string
}

/**
 * What `name` is, in the order the shell looks: alias, keyword, function (unless `functions` is
 * false), builtin, then the files on PATH. Only the first unless `all`; only files with `pathOnly`.
 */
async function meanings(sh: ShellHost, name: string, options: { all: boolean; functions: boolean; pathOnly: boolean }): Promise<Meaning[]> {
  const found: Meaning[] = []
  const enough = (): boolean => !options.all && found.length > 0
  if (!options.pathOnly) {
    const alias = sh.state.aliases.get(name)
    if (alias !== undefined) found.push({ word: 'alias', sentence: sh.state.bash ? `is aliased to \`${alias}'` : `is an alias for ${alias}` })
    if (!enough() && isKeyword(sh, name)) found.push({ word: 'keyword', sentence: 'is a shell keyword' })
    const first = enough() ? undefined : await sh.lookup(name, options.functions)
    if (first?.kind === 'function') found.push({ word: 'function', sentence: sh.state.bash ? `is a function\n${functionDefinition(name, sh.state.functionNamed(name)!).slice(0, -1)}` : 'is a shell function' })
    if (options.all && first?.kind === 'function' && sh.builtin(name) !== undefined) found.push({ word: 'builtin', sentence: 'is a shell builtin' })
    if (first?.kind === 'builtin') found.push({ word: 'builtin', sentence: `is a ${first.special ? 'special ' : ''}shell builtin` })
    if (first?.kind === 'file') found.push({ word: 'file', sentence: `is ${first.path}`, path: first.path })
    if (!options.all) return found
  }
  const path = sh.state.get('PATH') ?? '/bin'
  for (const dir of options.all ? path.split(':') : [path]) {
    if (enough()) break
    const file = await sh.proc.which(name, dir).catch(() => undefined)
    if (file !== undefined && !found.some((m) => m.path === file)) found.push({ word: 'file', sentence: `is ${file}`, path: file })
  }
  return found
}

/** A sentence saying what `name` is (command -V), or undefined when it is nothing. */
async function describe(sh: ShellHost, name: string): Promise<string | undefined> {
  const [first] = await meanings(sh, name, { all: false, functions: true, pathOnly: false })
  return first === undefined ? undefined : `${name} ${first.sentence}`
}

/**
 * type NAME...: what each name is. bash's takes -t (one word: alias, keyword, function, builtin
 * or file), -p (a file's path), -P (a search of PATH only), -a (every meaning) and -f (no
 * functions), and a name that is nothing fails with 1; dash's takes none and fails with 127.
 */
export const type: Builtin = {
  async run(sh, argv) {
    const flags = new Set<string>()
    let i = 1
    if (sh.state.bash) {
      for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-'; i++) {
        if (argv[i] === '--') {
          i++
          break
        }
        for (const c of argv[i]!.slice(1)) {
          if (!'afptP'.includes(c)) {
            await sh.error(`type: -${c}: invalid option\ntype: usage: type [-afptP] name [name ...]`)
            return 2
          }
          flags.add(c)
        }
      }
    }
    const options = { all: flags.has('a'), functions: !flags.has('f'), pathOnly: flags.has('P') }
    let status = 0
    for (const name of argv.slice(i)) {
      const found = await meanings(sh, name, options)
      if (found.length === 0) {
        if (!flags.has('t') && !flags.has('p') && !flags.has('P')) {
          if (sh.state.bash) await sh.error(`type: ${name}: not found`)
          else await sh.write(1, `${name}: not found\n`)
        }
        status = sh.state.bash ? 1 : 127
        continue
      }
      for (const m of found) {
        if (flags.has('t')) await sh.write(1, m.word + '\n')
        else if (flags.has('p') || flags.has('P')) {
          if (m.path !== undefined) await sh.write(1, m.path + '\n')
        } else await sh.write(1, `${name} ${m.sentence}\n`)
      }
    }
    return status
  },
}

/** `command special-builtin`: an error no longer ends the shell, it is only the status. */
async function invokeTamed(sh: ShellHost, args: readonly string[]): Promise<number> {
  try {
    return await sh.invoke(args, false)
  } catch (e) {
    if (!(e instanceof ShellError)) throw e
    if (!e.reported) await sh.error(e.message)
    return e.status
  }
}

export const command: Builtin = {
  async run(sh, argv) {
    let i = 1
    let mode: 'v' | 'V' | undefined
    for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-'; i++) {
      const a = argv[i]!
      if (a === '--') {
        i++
        break
      }
      for (const c of a.slice(1)) {
        if (c === 'v' || c === 'V') mode = c
        else if (c !== 'p') {
          await sh.error(`command: -${c}: bad option`)
          return 2
        }
      }
    }
    const args = argv.slice(i)
    if (args.length === 0) return 0
    if (mode === undefined) return invokeTamed(sh, args)
    // a name that is nothing: 127 and, for -V, type's message in dash; 1 and an error in bash
    const notFound = sh.state.bash ? 1 : 127
    let status = 0
    for (const name of args) {
      if (mode === 'V') {
        const what = await describe(sh, name)
        if (what !== undefined) await sh.write(1, what + '\n')
        else if (sh.state.bash) await sh.error(`command: ${name}: not found`)
        else await sh.write(1, `${name}: not found\n`)
        if (what === undefined) status = notFound
        continue
      }
      const found = isKeyword(sh, name) ? { kind: 'keyword' as const } : await sh.lookup(name)
      if (found === undefined) status = notFound
      else await sh.write(1, (found.kind === 'file' ? found.path : name) + '\n')
    }
    return status
  },
}
