/** trap [action condition...]: run `action` when a signal arrives or the shell exits; trap -p lists. */
import { ShellError } from '../errors.ts'
import { SIGNALS, type SignalName } from '../../kernel/types.ts'
import type { TrapCondition } from '../traps.ts'
import { hooks } from '../ondemand.ts'
import { quoteAs, type Builtin, type ShellHost } from './builtin.ts'

/** 'INT', 'SIGINT', '2' → 'SIGINT'; 'EXIT', '0' → 'EXIT'; bash's 'ERR', 'DEBUG', 'RETURN'; undefined for anything else. */
export function trapCondition(name: string, bash = false): TrapCondition | undefined {
  if (name === 'EXIT' || name === '0') return 'EXIT'
  if ((name === 'ERR' || name === 'DEBUG' || name === 'RETURN') && bash) return name
  if (/^[0-9]+$/.test(name)) return (Object.keys(SIGNALS) as SignalName[]).find((s) => SIGNALS[s] === Number(name))
  const full = (name.startsWith('SIG') ? name : 'SIG' + name).toUpperCase()
  return full in SIGNALS ? (full as SignalName) : undefined
}

/** What each shell says of a condition it does not know. */
const badTrap = (sh: ShellHost): string => (sh.state.bash ? 'invalid signal specification' : 'bad trap')

/** The traps set, as commands that set them again: in signal-number order, EXIT (0) first, as dash lists them. */
async function list(sh: ShellHost, names: readonly string[]): Promise<number> {
  // EXIT first, then the signals, then DEBUG, ERR and RETURN, as bash lists them
  const LAST: Record<string, number> = { DEBUG: 1000, ERR: 1001, RETURN: 1002 }
  const number = (c: string): number => (c === 'EXIT' ? 0 : (LAST[c] ?? SIGNALS[c as SignalName]))
  const wanted = names.map((n) => trapCondition(n, sh.state.bash))
  if (wanted.includes(undefined)) {
    await sh.error(`trap: ${names[wanted.indexOf(undefined)]}: ${badTrap(sh)}`)
    return 1
  }
  const traps = [...sh.state.traps].filter(([c]) => names.length === 0 || wanted.includes(c as TrapCondition)).sort(([a], [b]) => number(a) - number(b))
  await sh.write(1, traps.map(([cond, action]) => `trap -- ${quoteAs(sh.state.bash, action)} ${cond.startsWith('SIG') ? cond.slice(3) : cond}\n`).join(''))
  return 0
}

export const trap: Builtin = {
  special: true,
  async run(sh, argv) {
    // bash's `trap -p [condition...]` lists as `trap` alone does, only the conditions named
    if (argv[1] === '-p') return list(sh, argv.slice(2))
    const args = argv[1] === '--' ? argv.slice(2) : argv.slice(1)
    if (argv[1] !== '--' && /^-./.test(argv[1] ?? '')) throw new ShellError(`trap: ${args[0]}: bad option`)
    if (args.length === 0) return list(sh, [])
    // `trap N…` with a number first, or a lone condition (`trap EXIT`), resets, like `trap - N…`
    const reset = args[0] === '-' || /^[0-9]+$/.test(args[0]!) || args.length === 1
    const action = reset ? undefined : args[0]
    const conds = reset && args[0] !== '-' ? args : args.slice(1)
    let status = 0
    for (const c of conds) {
      const cond = trapCondition(c, sh.state.bash)
      if (cond === undefined) {
        await sh.error(`trap: ${c}: ${badTrap(sh)}`)
        status = 1
        continue
      }
      // what runs them is loaded as they are set
      if (cond === 'DEBUG' || cond === 'RETURN') await hooks.get()
      sh.traps.set(cond, action)
    }
    return status
  },
}
