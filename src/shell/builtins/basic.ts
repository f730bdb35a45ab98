/** The builtins that only return a status: `:`, true, false. */
import type { Builtin } from './builtin.ts'

export const colon: Builtin = { special: true, run: async () => 0 }
export const trueBuiltin: Builtin = { run: async () => 0 }
export const falseBuiltin: Builtin = { run: async () => 1 }
