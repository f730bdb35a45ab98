/** The shell's builtins by name. */
import { colon, falseBuiltin, trueBuiltin } from './basic.ts'
import type { Builtin } from './builtin.ts'
import { cd } from './cd.ts'
import { breakBuiltin, continueBuiltin, dot, evalBuiltin, exec, exit, returnBuiltin } from './control.ts'
import { command, type } from './lookup.ts'
import { namespaceBuiltins } from './namespace.ts'
import { echo, printf, pwd } from './programs.ts'
import { test } from './test.ts'
import { exportBuiltin, readonlyBuiltin, set, shift, unset } from './vars.ts'

/**
 * A builtin whose code is loaded when it first runs (a browser fetches it then, not before the
 * first prompt). Its flags are needed before that, so they are written here as its module has them.
 */
function lazy(load: () => Promise<Builtin>, flags: Pick<Builtin, 'declaration' | 'special'> = {}): Builtin {
  return { ...flags, run: async (sh, argv, assigns) => (await load()).run(sh, argv, assigns) }
}

const alias = lazy(async () => (await import('./alias.ts')).alias)
const unalias = lazy(async () => (await import('./alias.ts')).unalias)
const getopts = lazy(async () => (await import('./getopts.ts')).getopts)
const wait = lazy(async () => (await import('./jobs.ts')).wait)
const jobs = lazy(async () => (await import('./jobs.ts')).jobs)
const fg = lazy(async () => (await import('./jobs.ts')).fg)
const bg = lazy(async () => (await import('./jobs.ts')).bg)
const kill = lazy(async () => (await import('./jobs.ts')).kill)
const read = lazy(async () => (await import('./read.ts')).read)
const trap = lazy(async () => (await import('./trap.ts')).trap, { special: true })
const ulimit = lazy(async () => (await import('./ulimit.ts')).ulimit)
const declare = lazy(async () => (await import('./declare.ts')).declare, { declaration: true })
const typeset = lazy(async () => (await import('./declare.ts')).typeset, { declaration: true })
const local = lazy(async () => (await import('./declare.ts')).local, { declaration: true })
const letBuiltin = lazy(async () => (await import('./let.ts')).letBuiltin)
const mapfile = lazy(async () => (await import('./mapfile.ts')).mapfile)
const shopt = lazy(async () => (await import('./shopt.ts')).shopt)
const umask = lazy(async () => (await import('./process.ts')).umask)
const hash = lazy(async () => (await import('./process.ts')).hash)
const times = lazy(async () => (await import('./process.ts')).times, { special: true })
const builtin = lazy(async () => (await import('./process.ts')).builtin)

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  [':', colon],
  ['true', trueBuiltin],
  ['false', falseBuiltin],
  ['cd', cd],
  ['pwd', pwd],
  ['echo', echo],
  ['printf', printf],
  ['export', exportBuiltin],
  ['readonly', readonlyBuiltin],
  ['unset', unset],
  ['local', local],
  ['declare', declare],
  ['typeset', typeset],
  ['let', letBuiltin],
  ['alias', alias],
  ['unalias', unalias],
  ['shopt', shopt],
  ['mapfile', mapfile],
  ['readarray', mapfile],
  ['umask', umask],
  ['hash', hash],
  ['times', times],
  ['builtin', builtin],
  ['set', set],
  ['shift', shift],
  ['exit', exit],
  ['return', returnBuiltin],
  ['break', breakBuiltin],
  ['continue', continueBuiltin],
  ['eval', evalBuiltin],
  ['.', dot],
  ['source', dot],
  ['exec', exec],
  ['read', read],
  ['getopts', getopts],
  ['test', test],
  ['[', test],
  ['wait', wait],
  ['jobs', jobs],
  ['fg', fg],
  ['bg', bg],
  ['kill', kill],
  ['trap', trap],
  ['type', type],
  ['command', command],
  ['ulimit', ulimit],
  ...namespaceBuiltins,
])
