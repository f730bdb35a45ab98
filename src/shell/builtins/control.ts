/** Control: exit, return, break, continue, eval, `.` (source), exec. */
import { decodeBytes } from '../../kernel/bytes.ts'
import { reasonOf } from '../../kernel/errors.ts'
import { BreakSignal, ContinueSignal, ExitSignal, ShellError } from '../errors.ts'
import { count, type Builtin } from './builtin.ts'

/** The status operand of exit and return (default: $?); bash takes a sign too (`exit -1` is 255). */
function statusArg(name: string, arg: string | undefined, fallback: number, bash: boolean): number {
  if (arg === undefined) return fallback
  if (bash) {
    const n = /^[+-]?[0-9]+$/.test(arg) ? BigInt(arg) : undefined
    // (as bash's: a number past 64 bits is no number)
    if (n === undefined || BigInt.asIntN(64, n) !== n) throw new ShellError(`${name}: ${arg}: numeric argument required`, 2)
    return Number(BigInt.asUintN(8, n))
  }
  const n = count(arg)
  if (n === undefined) throw new ShellError(`${name}: ${arg}: bad number`, 2)
  return n & 255
}

export const exit: Builtin = {
  special: true,
  async run(sh, argv) {
    throw new ExitSignal(statusArg('exit', argv[1], sh.state.status, sh.state.bash))
  },
}

export const returnBuiltin: Builtin = {
  special: true,
  run(sh, argv) {
    const status = statusArg('return', argv[1], sh.state.status, sh.state.bash)
    sh.returning = status
    return status
  },
}

function loopControl(name: string, Signal: typeof BreakSignal | typeof ContinueSignal): Builtin {
  return {
    special: true,
    async run(sh, argv) {
      const n = argv[1] === undefined ? 1 : count(argv[1])
      if (n === undefined || n < 1) throw new ShellError(`${name}: ${argv[1]}: bad number`)
      const depth = sh.state.loopDepth
      if (depth === 0) {
        if (sh.state.bash) await sh.error(`${name}: only meaningful in a \`for', \`while', or \`until' loop`)
        return 0
      }
      throw new Signal(Math.min(n, depth))
    },
  }
}

export const breakBuiltin = loopControl('break', BreakSignal)
export const continueBuiltin = loopControl('continue', ContinueSignal)

export const evalBuiltin: Builtin = {
  special: true,
  async run(sh, argv) {
    const text = argv.slice(1).join(' ')
    const state = sh.state
    state.status = 0
    if (text.trim() === '') return 0
    if (!state.bash) return sh.nested('eval', () => sh.runText(text))
    // bash counts the text's lines from the eval's own
    const [saved, line] = [state.evalLines, state.lineno]
    state.evalLines = state.shownLine - 1
    try {
      return await sh.nested('eval', () => sh.runText(text))
    } finally {
      state.evalLines = saved
      state.lineno = line
    }
  },
}

/** `. file [args]`: a name without a slash is searched in $PATH, then the current directory. */
export const dot: Builtin = {
  special: true,
  async run(sh, argv) {
    const name = argv[1]
    if (name === undefined) throw new ShellError(`${argv[0]}: filename argument required`)
    const candidates = name.includes('/') ? [name] : [...(sh.state.get('PATH') ?? '').split(':').map((d) => `${d || '.'}/${name}`), name]
    let text: string | undefined
    let file = name
    let error: unknown
    for (const c of candidates) {
      try {
        const st = await sh.proc.stat(c)
        if (st.mode & 0x80000000) continue
        text = decodeBytes(await sh.proc.readFile(c))
        file = c
        break
      } catch (e) {
        error ??= e
      }
    }
    if (text === undefined) {
      const reason = error === undefined ? 'not found' : reasonOf(error)
      // a special builtin's error ends a sh script; bash outside POSIX mode goes on (and does not name the builtin)
      if (!sh.state.bash) throw new ShellError(`${argv[0]}: ${name}: ${reason}`, 2)
      await sh.error(`${name}: ${reason}`)
      return 1
    }
    const state = sh.state
    const saved = state.positional
    if (argv.length > 2) state.positional = argv.slice(2)
    state.sourceDepth++
    state.callStack.unshift('source')
    state.sourceStack.unshift(file)
    state.callLines.unshift(state.lineno)
    try {
      let status = await sh.nested(argv[0]!, () => sh.runText(text))
      if (sh.returning !== undefined) status = sh.takeReturn()
      return state.returnTrap === undefined ? status : await sh.returnHook(state.returnTrap, status)
    } finally {
      state.sourceDepth--
      state.callStack.shift()
      state.sourceStack.shift()
      state.callLines.shift()
      if (argv.length > 2) state.positional = saved
    }
  },
}

/** exec with a command: runs it in place of the shell (which then exits with its status). */
export const exec: Builtin = {
  special: true,
  async run(sh, argv) {
    if (argv.length < 2) return 0
    throw new ExitSignal(await sh.invoke(argv.slice(1), false))
  },
}
