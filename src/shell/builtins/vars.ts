/** Variables and parameters: export, readonly, shift, set (unset is in unset.ts). */
import { onFirstUse } from '../../bins/lazy.ts'
import { own } from '../../kernel/own.ts'
import { ShellError } from '../errors.ts'
import { isName } from '../lexer.ts'
import { OPTION_LETTERS, type Options } from '../state.ts'
import { count, type Builtin, type ShellHost } from './builtin.ts'

/** What export, readonly and set list, and export -f: loaded the first time one of them is asked for. */
const listings = onFirstUse(() => import('./varlists.ts'))
const declarations = onFirstUse(() => import('./declare.ts'))

/** `name` or `name=value` operands of export, readonly and local. */
function operand(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=')
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)]
}

function declarer(cmd: 'export' | 'readonly'): Builtin {
  return {
    special: true,
    declaration: true,
    async run(sh, argv, assigns) {
      const args = argv.slice(1)
      if (cmd === 'export' && args[0] === '-f') return (await listings()).exportFunctions(sh, args.slice(1))
      if (args[0] === '-p' || args.length === 0) {
        // bash lists them as `declare -x` and `declare -r` do
        if (sh.state.bash) return (await declarations()).declare.run(sh, ['declare', cmd === 'export' ? '-x' : '-r'])
        await (await listings()).list(sh, `${cmd} `, (v) => (cmd === 'export' ? v.exported : v.readonly))
        return 0
      }
      let status = 0
      // export -n: the names stay, out of the environment
      const unexporting = cmd === 'export' && args[0] === '-n'
      for (let k = unexporting ? 1 : 0; k < args.length; k++) {
        const assign = assigns?.[k + 1]
        const [name, value] = assign === undefined ? operand(args[k]!) : [assign.name, undefined]
        if (!isName(name)) {
          // a special builtin's error ends a sh script; bash outside POSIX mode goes on
          if (!sh.state.bash) throw new ShellError(`${cmd}: ${name}: bad variable name`)
          await sh.error(`${cmd}: \`${args[k]}': not a valid identifier`)
          status = 1
          continue
        }
        if (assign !== undefined) await sh.assign(assign)
        if (unexporting) {
          if (value !== undefined) sh.state.set(name, value)
          sh.state.unexport(name)
        } else if (cmd === 'export') sh.state.export(name, value)
        else {
          if (value !== undefined) sh.state.set(name, value)
          sh.state.setReadonly(name)
        }
      }
      return status
    },
  }
}

export const exportBuiltin = declarer('export')
export const readonlyBuiltin = declarer('readonly')

export const shift: Builtin = {
  special: true,
  async run(sh, argv) {
    const n = argv[1] === undefined ? 1 : count(argv[1])
    const params = sh.state.positional
    if (n === undefined) throw new ShellError(`shift: ${argv[1]}: bad number`)
    if (n > params.length) {
      // bash says nothing (unless shift_verbose) and goes on
      if (sh.state.bash) return 1
      throw new ShellError(`shift: ${n}: can't shift that many`)
    }
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
  allexport: 'allexport',
  pipefail: 'pipefail',
  braceexpand: 'braceexpand',
  monitor: 'monitor',
  errtrace: 'errtrace',
  functrace: 'functrace',
}
/** Line-editing modes: accepted (the console has its own editing), and always shown off. */
const EDITING_MODES = new Set(['vi', 'emacs'])

/** Applies `-e`, `+x`, `-o name`… from `args`; returns the index of the first operand, or an error. */
export function setOptions(options: Options, args: readonly string[], allowed = 'exufCvnaBm'): number | string {
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
        if (name !== undefined && EDITING_MODES.has(name)) continue
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
  run(sh, argv) {
    const args = argv.slice(1)
    if (args.length === 0 || (args.length === 1 && (args[0] === '-o' || args[0] === '+o'))) return listSet(sh, args[0])
    const at = setOptions(sh.state.options, args, sh.state.bash ? 'exufCvnaBmET' : undefined)
    if (typeof at === 'string') {
      if (!sh.state.bash) throw new ShellError(`set: ${at}`)
      return sh.error(`set: ${at}`).then(() => 2)
    }
    if (at < args.length || args[at - 1] === '--') {
      sh.state.positional = args.slice(at)
      sh.state.chargePositional()
    }
    return 0
  },
}

/** `set` alone (the variables) or `set -o`/`set +o` (the options). */
async function listSet(sh: ShellHost, option: string | undefined): Promise<number> {
  const loaded = await listings()
  if (option === undefined) await loaded.list(sh, '', (v) => v.value !== undefined)
  else await sh.write(1, loaded.optionListing(sh, option === '-o', LONG_OPTIONS))
  return 0
}
