/** trap [action condition...]: run `action` when a signal arrives or the shell exits. */
import { ShellError } from '../errors.ts'
import { trapCondition } from '../traps.ts'
import { shellQuote, type Builtin } from './builtin.ts'

export const trap: Builtin = {
  special: true,
  async run(sh, argv) {
    const args = argv[1] === '--' ? argv.slice(2) : argv.slice(1)
    if (argv[1] !== '--' && /^-./.test(argv[1] ?? '')) throw new ShellError(`trap: ${args[0]}: bad option`)
    if (args.length === 0) {
      let out = ''
      for (const [cond, action] of sh.state.traps) out += `trap -- ${shellQuote(action)} ${cond === 'EXIT' ? 'EXIT' : cond.slice(3)}\n`
      await sh.write(1, out)
      return 0
    }
    // `trap N…` with a number first resets the conditions, like `trap - N…`
    const reset = args[0] === '-' || /^[0-9]+$/.test(args[0]!)
    const action = reset ? undefined : args[0]
    const conds = reset && args[0] !== '-' ? args : args.slice(1)
    let status = 0
    for (const c of conds) {
      const cond = trapCondition(c)
      if (cond === undefined || cond === 'SIGKILL') {
        await sh.error(`trap: ${c}: bad trap`)
        status = 1
        continue
      }
      sh.traps.set(cond, action)
    }
    return status
  },
}
