/** type and command: what a name runs (keyword, function, builtin, file), and running past functions. */
import { ShellError } from '../errors.ts'
import type { Builtin, ShellHost } from './builtin.ts'

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'while', 'until', 'for', 'do', 'done', 'case', 'esac', 'in', '{', '}', '!'])

/** A sentence saying what `name` is, or undefined when it is nothing. */
async function describe(sh: ShellHost, name: string): Promise<string | undefined> {
  if (KEYWORDS.has(name)) return `${name} is a shell keyword`
  const found = await sh.lookup(name)
  if (found === undefined) return undefined
  if (found.kind === 'function') return `${name} is a shell function`
  if (found.kind === 'builtin') return `${name} is a ${found.special ? 'special ' : ''}shell builtin`
  return `${name} is ${found.path}`
}

export const type: Builtin = {
  async run(sh, argv) {
    let status = 0
    for (const name of argv.slice(1)) {
      const what = await describe(sh, name)
      if (what === undefined) {
        await sh.write(1, `${name}: not found\n`)
        status = 127
      } else await sh.write(1, what + '\n')
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
    await sh.error(e.message)
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
      const found = KEYWORDS.has(name) ? { kind: 'keyword' as const } : await sh.lookup(name)
      if (found === undefined) status = notFound
      else await sh.write(1, (found.kind === 'file' ? found.path : name) + '\n')
    }
    return status
  },
}
