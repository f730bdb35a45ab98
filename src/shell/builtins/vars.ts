/** Variables and parameters: export, readonly, unset, local, shift, set. */
import { own } from '../../kernel/own.ts'
import { ShellError } from '../errors.ts'
import { isName } from '../lexer.ts'
import { OPTION_LETTERS, type Options, type Var } from '../state.ts'
import type { Shell } from '../interp.ts'
import { count, shellQuote, type Builtin } from './builtin.ts'

/** `name` or `name=value` operands of export, readonly and local. */
function operand(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=')
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)]
}

async function list(sh: Shell, prefix: string, which: (v: Var) => boolean): Promise<void> {
  const names = [...sh.state.vars.keys()].sort()
  let out = ''
  for (const n of names) {
    const v = sh.state.vars.get(n)!
    if (which(v)) out += v.value === undefined ? `${prefix}${n}\n` : `${prefix}${n}=${shellQuote(v.value)}\n`
  }
  await sh.write(1, out)
}

function declarer(cmd: 'export' | 'readonly'): Builtin {
  return {
    special: true,
    async run(sh, argv) {
      const args = argv.slice(1)
      if (args[0] === '-p' || args.length === 0) {
        await list(sh, `${cmd} `, (v) => (cmd === 'export' ? v.exported : v.readonly))
        return 0
      }
      for (const a of args) {
        const [name, value] = operand(a)
        if (!isName(name)) throw new ShellError(`${cmd}: ${name}: bad variable name`)
        if (cmd === 'export') sh.state.export(name, value)
        else {
          if (value !== undefined) sh.state.set(name, value)
          sh.state.setReadonly(name)
        }
      }
      return 0
    },
  }
}

export const exportBuiltin = declarer('export')
export const readonlyBuiltin = declarer('readonly')

export const unset: Builtin = {
  special: true,
  async run(sh, argv) {
    let functions = false
    let args = argv.slice(1)
    while (args[0] === '-f' || args[0] === '-v') {
      functions = args[0] === '-f'
      args = args.slice(1)
    }
    if (args[0] === '--') args = args.slice(1)
    else if (args[0]?.startsWith('-')) throw new ShellError(`unset: ${args[0]}: bad option`)
    for (const name of args) {
      if (functions) sh.state.functions.delete(name)
      else if (!isName(name)) throw new ShellError(`unset: ${name}: bad variable name`)
      else sh.state.unset(name)
    }
    return 0
  },
}

export const local: Builtin = {
  async run(sh, argv) {
    for (const a of argv.slice(1)) {
      const [name, value] = operand(a)
      if (!isName(name)) {
        await sh.error(`local: ${name}: bad variable name`)
        return 1
      }
      sh.state.makeLocal(name)
      if (value !== undefined) sh.state.set(name, value)
    }
    return 0
  },
}

export const shift: Builtin = {
  special: true,
  async run(sh, argv) {
    const n = argv[1] === undefined ? 1 : count(argv[1])
    const params = sh.state.positional
    if (n === undefined) throw new ShellError(`shift: ${argv[1]}: bad number`)
    if (n > params.length) throw new ShellError(`shift: ${n}: can't shift that many`)
    sh.state.positional = params.slice(n)
    return 0
  },
}

const LONG_OPTIONS: Record<string, keyof Options> = {
  errexit: 'errexit',
  xtrace: 'xtrace',
  nounset: 'nounset',
  noglob: 'noglob',
  noclobber: 'noclobber',
  verbose: 'verbose',
  noexec: 'noexec',
}

/** Applies `-e`, `+x`, `-o name`… from `args`; returns the index of the first operand, or an error. */
export function setOptions(options: Options, args: readonly string[], allowed = 'exufCvn'): number | string {
  let i = 0
  for (; i < args.length; i++) {
    const a = args[i]!
    if (a === '--') return i + 1
    if (a === '-') return i + 1
    if (a.length < 2 || (a[0] !== '-' && a[0] !== '+')) break
    const on = a[0] === '-'
    for (let j = 1; j < a.length; j++) {
      const letter = a[j]!
      if (letter === 'o') {
        const name = args[++i]
        const key = name === undefined ? undefined : own(LONG_OPTIONS, name)
        if (key === undefined) return `${name ?? ''}: bad option name`
        options[key] = on
        continue
      }
      const key = OPTION_LETTERS[letter]
      if (key === undefined || !allowed.includes(letter)) return `-${letter}: bad option`
      options[key] = on
    }
  }
  return i
}

export const set: Builtin = {
  special: true,
  async run(sh, argv) {
    const args = argv.slice(1)
    if (args.length === 0) {
      await list(sh, '', (v) => v.value !== undefined)
      return 0
    }
    if (args.length === 1 && (args[0] === '-o' || args[0] === '+o')) {
      let out = ''
      for (const [name, key] of Object.entries(LONG_OPTIONS)) out += args[0] === '-o' ? `${name.padEnd(12)}${sh.state.options[key] ? 'on' : 'off'}\n` : `set ${sh.state.options[key] ? '-' : '+'}o ${name}\n`
      await sh.write(1, out)
      return 0
    }
    const at = setOptions(sh.state.options, args)
    if (typeof at === 'string') throw new ShellError(`set: ${at}`)
    if (at < args.length || args[at - 1] === '--') sh.state.positional = args.slice(at)
    return 0
  },
}
