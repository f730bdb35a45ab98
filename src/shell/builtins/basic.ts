/** The builtins that only return a status: `:`, true, false. */
import type { Builtin } from './builtin.ts'

export const colon: Builtin = { special: true, run: () => 0 }
export const trueBuiltin: Builtin = { run: () => 0 }
export const falseBuiltin: Builtin = { run: () => 1 }
