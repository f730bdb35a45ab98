/** The shell's builtins by name. */
import { onFirstUse } from '../../bins/lazy.ts'
import { colon, falseBuiltin, trueBuiltin } from './basic.ts'
import type { Builtin } from './builtin.ts'
import { cd } from './cd.ts'
import { breakBuiltin, continueBuiltin, dot, evalBuiltin, exec, exit, returnBuiltin } from './control.ts'
import { namespaceBuiltins } from './namespace.ts'
import { echo, printf, pwd } from './programs.ts'
import { test } from './test.ts'
import { exportBuiltin, readonlyBuiltin, set, shift } from './vars.ts'

/**
 * A builtin only some scripts use (rare.ts): its code is loaded when one of them first runs, so a
 * browser fetches it then, not before the first prompt. Its flags are needed before that, so they
 * are written here as its module has them.
 */
const rareBuiltins = onFirstUse(() => import('./rare.ts'))

function rare(name: keyof typeof import('./rare.ts'), flags: Pick<Builtin, 'declaration' | 'special'> = {}): Builtin {
  return { ...flags, run: async (sh, argv, assigns) => (await rareBuiltins())[name].run(sh, argv, assigns) }
}

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
  ['unset', rare('unset', { special: true })],
  ['local', rare('local', { declaration: true })],
  ['declare', rare('declare', { declaration: true })],
  ['typeset', rare('typeset', { declaration: true })],
  ['let', rare('letBuiltin')],
  ['alias', rare('alias')],
  ['unalias', rare('unalias')],
  ['shopt', rare('shopt')],
  ['mapfile', rare('mapfile')],
  ['readarray', rare('mapfile')],
  ['umask', rare('umask')],
  ['hash', rare('hash')],
  ['times', rare('times', { special: true })],
  ['builtin', rare('builtin')],
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
  ['read', rare('read')],
  ['getopts', rare('getopts')],
  ['test', test],
  ['[', test],
  ['wait', rare('wait')],
  ['jobs', rare('jobs')],
  ['fg', rare('fg')],
  ['bg', rare('bg')],
  ['kill', rare('kill')],
  ['disown', rare('disown')],
  ['trap', rare('trap', { special: true })],
  ['type', rare('type')],
  ['command', rare('command')],
  ['ulimit', rare('ulimit')],
  ['pushd', rare('pushd')],
  ['popd', rare('popd')],
  ['dirs', rare('dirs')],
  ['caller', rare('caller')],
  ['history', rare('history')],
  ['enable', rare('enable')],
  ['logout', rare('logout')],
  ['suspend', rare('suspend')],
  ['compgen', rare('compgen')],
  ['help', rare('help')],
  ...namespaceBuiltins,
])
