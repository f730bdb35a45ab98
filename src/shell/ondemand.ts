/**
 * Parts of the shell only some scripts use, loaded the first time one is needed, so a browser
 * fetches them after the first prompt: arithmetic, brace expansion and pattern matching (with
 * globbing). Where the shell runs synchronously, `get()` of a loaded part costs a
 * field read; the first use waits for the load on the asynchronous path.
 */
import { FirstUse } from '../bins/lazy.ts'

export const arithmetic = new FirstUse(() => import('./arith.ts'))
export const braces = new FirstUse(() => import('./brace.ts'))
export const patterns = new FirstUse(() => import('./pattern.ts'))
export const globbing = new FirstUse(() => import('./glob.ts'))
/** bash's DEBUG and RETURN traps: loaded by the trap builtin as it sets one, used at once after. */
export const hooks = new FirstUse(() => import('./hooks.ts'))
