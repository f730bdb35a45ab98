/**
 * Builtins that are core commands (echo, printf, pwd): the command's own code runs inside the
 * shell, on a view of the shell's process whose argv is the builtin's and whose descriptors go
 * through the shell's descriptor map. A namespace without /bin (`rfork -n sh`) still has them,
 * and a loop of `echo` starts no process.
 */
import { isNineError, NineError, reasonOf } from '../../kernel/errors.ts'
import type { BinFunction, ProcContext, Stream } from '../../kernel/types.ts'
import { echoArguments } from '../../bins/core/echo.ts'
import { printf as printfCommand } from '../../bins/core/printf.ts'
import { pwd as pwdCommand } from '../../bins/core/pwd.ts'
import { ShellError } from '../errors.ts'
import type { Shell } from '../interp.ts'
import { isName } from '../lexer.ts'
import type { Builtin } from './builtin.ts'

/** Where a view's output goes instead of a descriptor (printf -v). */
type Capture = (data: Uint8Array | string) => void

/** The shell's process seen through its descriptor map, with `argv` as the command line. */
function view(sh: Shell, argv: readonly string[], capture?: Capture): ProcContext {
  const proc = sh.proc
  const io = sh.io
  const real = (fd: number): number => {
    const r = io.get(fd)
    if (r === undefined) throw new NineError('EBADF')
    return r
  }
  const write = async (fd: number, data: Uint8Array | string): Promise<number> => {
    if (capture !== undefined && fd === 1) {
      capture(data)
      return data.length
    }
    return proc.write(real(fd), data)
  }
  const read = (fd: number, count?: number): Promise<Uint8Array> => proc.read(real(fd), count)
  const stream = (fd: number): Stream => ({
    fd,
    write: async (data) => {
      await write(fd, data)
    },
    read: (count) => read(fd, count),
  })
  return Object.create(proc, {
    argv: { value: argv },
    stdin: { value: stream(0) },
    stdout: { value: stream(1) },
    stderr: { value: stream(2) },
    read: { value: read },
    write: { value: write },
    isatty: { value: (fd: number) => io.has(fd) && proc.isatty(real(fd)) },
  }) as ProcContext
}

/** A command as a builtin; an error it lets escape (a closed pipe) is `name: reason` and status 1, as from the program. */
function program(bin: BinFunction): Builtin {
  return {
    async run(sh, argv) {
      try {
        return await bin(view(sh, argv))
      } catch (e) {
        if (isNineError(e, 'EEXITED')) throw e
        await sh.error(`${argv[0]}: ${reasonOf(e)}`)
        return 1
      }
    },
  }
}

export const echo = program(echoArguments)
export const pwd = program(pwdCommand)

/** printf, and bash's `printf -v name format …`: the output is assigned to `name`. */
export const printf: Builtin = {
  async run(sh, argv) {
    if (argv[1] !== '-v') return printfCommand(view(sh, argv))
    const name = argv[2]
    if (name === undefined || !isName(name)) throw new ShellError(`printf: ${name ?? ''}: invalid variable name`, 2)
    const dec = new TextDecoder()
    let text = ''
    const status = await printfCommand(view(sh, ['printf', ...argv.slice(3)], (d) => (text += typeof d === 'string' ? d : dec.decode(d, { stream: true }))))
    sh.state.set(name, text + dec.decode())
    return status
  },
}
