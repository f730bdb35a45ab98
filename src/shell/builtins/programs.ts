/**
 * Builtins that are core commands (echo, printf, pwd): the command's own code runs inside the
 * shell, on a view of its process (view.ts). A namespace without /bin (`rfork -n sh`) still has
 * them, and a loop of `echo` starts no process.
 */
import { concatBytes, decodeBytes, encodeText } from '../../kernel/bytes.ts'
import { isNineError, reasonOf } from '../../kernel/errors.ts'
import type { BinFunction } from '../../kernel/types.ts'
import { echoArguments } from '../../bins/core/echo.ts'
import { pwd as pwdCommand } from '../../bins/core/pwd.ts'
import { ShellError } from '../errors.ts'
import { isName, makeWord } from '../lexer.ts'
import type { Builtin, ShellHost, Status } from './builtin.ts'
import { shellView } from './view.ts'
import { onFirstUse } from '../../bins/lazy.ts'

/** A command as a builtin; an error it lets escape (a closed pipe, a full quota) is `name: reason` and status 1, as from the program. */
function program(bin: BinFunction): Builtin {
  return { run: (sh, argv) => runProgram(sh, argv, bin) }
}

/** The command's status at once where it ends at once (echo's line written at once), else its promise. */
function runProgram(sh: ShellHost, argv: readonly string[], bin: BinFunction): Status {
  let running: Status
  try {
    running = bin(shellView(sh, argv))
  } catch (e) {
    running = Promise.reject(e)
  }
  return typeof running === 'number' ? running : asProgram(sh, argv[0]!, running)
}

async function asProgram(sh: ShellHost, name: string, running: Promise<number>): Promise<number> {
  try {
    return await running
  } catch (e) {
    if (isNineError(e, 'EEXITED')) throw e
    await sh.error(`${name}: ${reasonOf(e)}`)
    return 1
  }
}

export const echo = program(echoArguments)
export const pwd = program(pwdCommand)

// loaded on first use: a browser does not fetch printf's formatter before the first prompt
const printfModule = onFirstUse(() => import('../../bins/core/printf.ts'))

/** printf, and bash's `printf -v name format …`: the output is assigned to `name` (or an element, `a[i]`). */
export const printf: Builtin = {
  async run(sh, argv) {
    const { printf: printfCommand, printfAs, BASH, DASH } = await printfModule()
    const dialect = sh.state.bash ? BASH : DASH
    if (argv[1] === '--help') return printfCommand(shellView(sh, argv))
    const report = (text: string): Promise<void> => sh.error(text)
    if (argv[1] !== '-v') return asProgram(sh, 'printf', printfAs(shellView(sh, argv), dialect, report))
    const name = argv[2]
    const element = name === undefined ? null : /^([A-Za-z_][A-Za-z0-9_]*)\[(.+)\]$/s.exec(name)
    if (name === undefined || (!isName(name) && element === null)) throw new ShellError(`printf: ${name ?? ''}: invalid variable name`, 2)
    const chunks: Uint8Array[] = []
    const status = await printfAs(shellView(sh, ['printf', ...argv.slice(3)], (d) => chunks.push(typeof d === 'string' ? encodeText(d) : d)), dialect, report)
    const text = decodeBytes(concatBytes(chunks))
    // an element is assigned as `a[i]=…` is: the subscript is expanded (arithmetic for an indexed array)
    if (element !== null) await sh.assign({ name: element[1]!, index: makeWord([{ type: 'lit', text: element[2]! }]), value: makeWord([{ type: 'quoted', text }]) })
    else sh.state.set(name, text)
    return status
  },
}
