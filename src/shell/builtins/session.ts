/**
 * bash's enable (lists the builtins, says whether a name is one; turning one off with -n is not
 * there), logout (exit, in a login shell only) and suspend (stops the shell, given job control).
 */
import { ExitSignal } from '../errors.ts'
import type { Builtin } from './builtin.ts'

export const enable: Builtin = {
  async run(sh, argv) {
    const builtins = sh.builtinNames()
    const args = argv.slice(1)
    if (args.some((a) => a.startsWith('-') && /[nfds]/.test(a))) {
      await sh.error(`enable: ${args.find((a) => a.startsWith('-'))}: not implemented: turning builtins off or loading them`)
      return 1
    }
    const names = args.filter((a) => !a.startsWith('-'))
    if (names.length === 0) {
      await sh.write(1, builtins.sort().map((n) => `enable ${n}\n`).join(''))
      return 0
    }
    let status = 0
    for (const name of names) {
      if (builtins.includes(name)) continue
      await sh.error(`enable: ${name}: not a shell builtin`)
      status = 1
    }
    return status
  },
}

export const logout: Builtin = {
  async run(sh, argv) {
    if (!sh.state.loginShell) {
      await sh.error("logout: not login shell: use `exit'")
      return 1
    }
    const arg = argv[1]
    throw new ExitSignal(arg === undefined ? sh.state.status : Number(arg) & 255)
  },
}

export const suspend: Builtin = {
  async run(sh) {
    if (!sh.state.options.monitor && !sh.state.options.interactive) {
      await sh.error('suspend: cannot suspend: no job control')
      return 1
    }
    if (sh.state.loginShell) {
      await sh.error('suspend: cannot suspend a login shell')
      return 1
    }
    sh.proc.kill(sh.proc.pid, 'SIGSTOP')
    return 0
  },
}
