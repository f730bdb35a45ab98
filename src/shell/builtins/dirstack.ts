/**
 * bash's directory stack: pushd, popd and dirs. The stack as shown is the working directory
 * followed by `state.dirStack`; +N counts from its left (0 is the working directory), -N from its
 * right. pushd and popd change directory through cd's code and then print the stack as dirs does.
 */
import { reasonOf } from '../../kernel/errors.ts'
import type { Builtin, ShellHost } from './builtin.ts'
import { changeDirectory } from './cd.ts'

/** The stack as shown: the working directory, then the saved ones. */
function shown(sh: ShellHost): string[] {
  return [sh.proc.cwd, ...sh.state.dirStack]
}

/** `+N` or `-N` as an index of the shown stack; undefined if `word` is not one, -1 if out of range. */
function position(word: string, size: number): number | undefined {
  const m = /^([+-])([0-9]+)$/.exec(word)
  if (!m) return undefined
  const n = Number(m[2])
  if (n >= size) return -1
  return m[1] === '+' ? n : size - 1 - n
}

/** `dir` with the home directory shown as ~ (dirs -l shows it whole). */
function tilde(sh: ShellHost, dir: string): string {
  const home = sh.state.get('HOME')
  if (!home || home === '/') return dir
  return dir === home ? '~' : dir.startsWith(home + '/') ? '~' + dir.slice(home.length) : dir
}

async function printStack(sh: ShellHost, long = false, vertical = false, numbered = false): Promise<void> {
  const dirs = shown(sh).map((d) => (long ? d : tilde(sh, d)))
  const text = numbered ? dirs.map((d, i) => `${String(i).padStart(2)}  ${d}\n`).join('') : vertical ? dirs.map((d) => d + '\n').join('') : dirs.join(' ') + '\n'
  await sh.write(1, text)
}

/** cd for pushd and popd: false (after the error) if it failed. */
async function enter(sh: ShellHost, cmd: string, dir: string): Promise<boolean> {
  try {
    await changeDirectory(sh, dir)
    return true
  } catch (e) {
    await sh.error(`${cmd}: ${dir}: ${reasonOf(e)}`)
    return false
  }
}

/** pushd's and popd's words: -n (change the stack, not the directory), then the operands. */
function stackArgs(argv: readonly string[]): { noChange: boolean; args: string[] } {
  let args = argv.slice(1)
  const noChange = args[0] === '-n'
  if (noChange) args = args.slice(1)
  if (args[0] === '--') args = args.slice(1)
  return { noChange, args }
}

async function usage(sh: ShellHost, cmd: string, message: string, synopsis: string): Promise<number> {
  await sh.error(`${cmd}: ${message}\n${cmd}: usage: ${cmd} ${synopsis}`)
  return 2
}

export const pushd: Builtin = {
  async run(sh, argv) {
    const state = sh.state
    const { noChange, args } = stackArgs(argv)
    const word = args[0]
    if (args.length > 1) return usage(sh, 'pushd', 'too many arguments', '[-n] [+N | -N | dir]')
    if (word === undefined) {
      // no argument: swap the two top directories
      const top = state.dirStack[0]
      if (top === undefined) {
        await sh.error('pushd: no other directory')
        return 1
      }
      const old = sh.proc.cwd
      if (!noChange && !(await enter(sh, 'pushd', top))) return 1
      state.dirStack[0] = old
    } else {
      const stack = shown(sh)
      const at = position(word, stack.length)
      if (at === -1) {
        await sh.error(`pushd: ${word}: directory stack index out of range`)
        return 1
      }
      if (at !== undefined) {
        // +N: rotate the stack until that directory is on top
        const rotated = [...stack.slice(at), ...stack.slice(0, at)]
        if (!noChange && !(await enter(sh, 'pushd', rotated[0]!))) return 1
        state.dirStack = rotated.slice(1)
      } else if (noChange) state.dirStack.unshift(word)
      else {
        const old = sh.proc.cwd
        if (!(await enter(sh, 'pushd', word))) return 1
        state.dirStack.unshift(old)
      }
    }
    await printStack(sh)
    return 0
  },
}

export const popd: Builtin = {
  async run(sh, argv) {
    const state = sh.state
    const { noChange, args } = stackArgs(argv)
    if (args.length > 1) return usage(sh, 'popd', 'too many arguments', '[-n] [+N | -N]')
    if (state.dirStack.length === 0) {
      await sh.error('popd: directory stack empty')
      return 1
    }
    const at = args[0] === undefined ? 0 : position(args[0], state.dirStack.length + 1)
    if (at === undefined) return usage(sh, 'popd', `${args[0]}: invalid argument`, '[-n] [+N | -N]')
    if (at === -1) {
      await sh.error(`popd: ${args[0]}: directory stack index out of range`)
      return 1
    }
    if (at === 0) {
      // the working directory goes: the next one becomes it
      if (!noChange && !(await enter(sh, 'popd', state.dirStack[0]!))) return 1
      state.dirStack.shift()
    } else state.dirStack.splice(at - 1, 1)
    await printStack(sh)
    return 0
  },
}

export const dirs: Builtin = {
  async run(sh, argv) {
    let long = false
    let vertical = false
    let numbered = false
    let clear = false
    for (const word of argv.slice(1)) {
      const at = position(word, shown(sh).length)
      if (at !== undefined) {
        if (at === -1) {
          await sh.error(`dirs: ${word}: directory stack index out of range`)
          return 1
        }
        await sh.write(1, (long ? shown(sh)[at]! : tilde(sh, shown(sh)[at]!)) + '\n')
        return 0
      }
      if (!/^-[clpv]+$/.test(word)) return usage(sh, 'dirs', `${word}: invalid option`, '[-clpv] [+N] [-N]')
      clear ||= word.includes('c')
      long ||= word.includes('l')
      vertical ||= word.includes('p')
      numbered ||= word.includes('v')
    }
    if (clear) sh.state.dirStack = []
    else await printStack(sh, long, vertical, numbered)
    return 0
  },
}
