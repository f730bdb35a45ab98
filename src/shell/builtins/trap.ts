/** trap [action condition...]: run `action` when a signal arrives or the shell exits. */
import { ShellError } from '../errors.ts'
import { SIGNALS, type SignalName } from '../../kernel/types.ts'
import { trapCondition } from '../traps.ts'
import { quoteAs, type Builtin } from './builtin.ts'

export const trap: Builtin = {
  special: true,
  async run(sh, argv) {
    const args = argv[1] === '--' ? argv.slice(2) : argv.slice(1)
    if (argv[1] !== '--' && /^-./.test(argv[1] ?? '')) throw new ShellError(`trap: ${args[0]}: bad option`)
    if (args.length === 0) {
      // in signal-number order, EXIT (0) first, as dash lists them
      const number = (c: string): number => (c === 'EXIT' ? 0 : SIGNALS[c as SignalName])
      const traps = [...sh.state.traps].sort(([a], [b]) => number(a) - number(b))
      await sh.write(1, traps.map(([cond, action]) => `trap -- ${quoteAs(sh.state.bash, action)} ${cond === 'EXIT' ? 'EXIT' : cond.slice(3)}\n`).join(''))
      return 0
    }
    // `trap N…` with a number first, or a lone condition (`trap EXIT`), resets, like `trap - N…`
    const reset = args[0] === '-' || /^[0-9]+$/.test(args[0]!) || args.length === 1
    const action = reset ? undefined : args[0]
    const conds = reset && args[0] !== '-' ? args : args.slice(1)
    let status = 0
    for (const c of conds) {
      const cond = trapCondition(c)
      if (cond === undefined) {
        await sh.error(`trap: ${c}: bad trap`)
        status = 1
        continue
      }
      sh.traps.set(cond, action)
    }
    return status
  },
}
