/** The shell's builtins by name. */
import { alias, unalias } from './alias.ts'
import { colon, falseBuiltin, trueBuiltin } from './basic.ts'
import type { Builtin } from './builtin.ts'
import { cd } from './cd.ts'
import { breakBuiltin, continueBuiltin, dot, evalBuiltin, exec, exit, returnBuiltin } from './control.ts'
import { getopts } from './getopts.ts'
import { bg, fg, jobs, kill, wait } from './jobs.ts'
import { command, type } from './lookup.ts'
import { namespaceBuiltins } from './namespace.ts'
import { echo, printf, pwd } from './programs.ts'
import { read } from './read.ts'
import { test } from './test.ts'
import { trap } from './trap.ts'
import { ulimit } from './ulimit.ts'
import { exportBuiltin, readonlyBuiltin, set, shift, unset } from './vars.ts'
import { declare, local, typeset } from './declare.ts'
import { letBuiltin } from './let.ts'
import { mapfile } from './mapfile.ts'
import { shopt } from './shopt.ts'
import { builtin, hash, times, umask } from './process.ts'

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
