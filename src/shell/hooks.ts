/**
 * bash's DEBUG and RETURN traps: DEBUG runs before each command, RETURN as a function or sourced
 * file returns; a function does not inherit either (without set -T). Loaded when a script sets
 * one of them (the trap builtin loads it), so the shell's core stays small.
 */
import type { ShellState } from './state.ts'
import type { Traps } from './traps.ts'

/** What the hooks need of the shell. */
export interface HookShell {
  readonly state: ShellState
  readonly traps: Traps
  returning: number | undefined
  takeReturn(): number
  runTrap(action: string): Promise<number>
}

/** The DEBUG and RETURN traps put away while a function runs. */
export interface Hooks {
  debug: string | undefined
  ret: string | undefined
}

/** The DEBUG trap, then the command: the trap sees $?, and $LINENO as the command's line (as in the ERR trap), and leaves them so. */
export async function debugHook(sh: HookShell, action: string, run: () => number | Promise<number>): Promise<number> {
  const state = sh.state
  const [status, line] = [state.status, state.lineno]
  state.trappedLine = line
  try {
    await sh.runTrap(action)
  } finally {
    state.trappedLine = undefined
  }
  state.status = status
  state.lineno = line
  return run()
}

/** The RETURN trap, run in the frame of the function (or sourced file) that returns `status`; that status. */
export async function returnHook(sh: HookShell, action: string, status: number): Promise<number> {
  sh.state.status = status
  await sh.runTrap(action)
  if (sh.returning !== undefined) sh.takeReturn()
  return status
}

/** Puts the traps away as a function starts (not under set -T). */
export function hideHooks(sh: HookShell): Hooks | undefined {
  const state = sh.state
  if (state.options.functrace) return undefined
  const hooks = { debug: state.debugTrap, ret: state.returnTrap }
  sh.traps.set('DEBUG', undefined)
  sh.traps.set('RETURN', undefined)
  return hooks
}

/** Puts them back as it ends, unless it set its own (which then stays, as in bash). */
export function restoreHooks(sh: HookShell, hooks: Hooks | undefined): void {
  if (hooks === undefined) return
  if (sh.state.debugTrap === undefined && hooks.debug !== undefined) sh.traps.set('DEBUG', hooks.debug)
  if (sh.state.returnTrap === undefined && hooks.ret !== undefined) sh.traps.set('RETURN', hooks.ret)
}
