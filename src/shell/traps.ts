/**
 * Traps: signals the shell catches with proc.on. A signal with a trap is queued and its action
 * runs between commands (as POSIX shells do); `wait` wakes up when one arrives. An empty action
 * ignores the signal. EXIT is kept here too and run by the shell when it ends.
 */
import type { ProcContext, SignalName } from '../kernel/types.ts'
import type { ShellState } from './state.ts'

/** What a trap can be set on: a signal, the shell's exit, and bash's ERR, DEBUG and RETURN. */
export type TrapCondition = SignalName | 'EXIT' | 'ERR' | 'DEBUG' | 'RETURN'

export class Traps {
  readonly pending: SignalName[] = []
  /** What stops catching each caught signal; made by the first catch (most shells never catch one). */
  private undo: Map<SignalName, () => void> | undefined
  private waiters: ((s: SignalName) => void)[] = []

  constructor(
    private readonly proc: ProcContext,
    private readonly state: ShellState,
  ) {}

  /** Installs an action ('' ignores the signal); `-` (undefined) restores the default. */
  set(cond: TrapCondition, action: string | undefined): void {
    if (action === undefined) this.state.traps.delete(cond)
    else this.state.traps.set(cond, action)
    if (cond === 'DEBUG') this.state.debugTrap = action
    if (cond === 'RETURN') this.state.returnTrap = action
    // KILL cannot be caught: its trap is only remembered (dash accepts `trap '' KILL`)
    if (cond === 'EXIT' || cond === 'ERR' || cond === 'DEBUG' || cond === 'RETURN' || cond === 'SIGKILL') return
    if (action === undefined) {
      // the interactive shell keeps catching what Ctrl-C and Ctrl-Z send it
      if (!((cond === 'SIGINT' || cond === 'SIGTSTP') && this.state.options.interactive)) {
        this.undo?.get(cond)?.()
        this.undo?.delete(cond)
      }
      return
    }
    this.catch(cond)
  }

  /** Catches a signal (also used by the interactive shell for SIGINT and SIGTSTP, which must neither end nor stop it). */
  catch(sig: SignalName): void {
    const undo = (this.undo ??= new Map())
    if (undo.has(sig)) return
    undo.set(
      sig,
      this.proc.on(sig, (s) => this.arrived(s)),
    )
  }

  /** Signals the shell's own ignored traps leave alone (a subshell inherits them). */
  inherit(): void {
    for (const [cond, action] of this.state.traps) if (cond.startsWith('SIG') && cond !== 'SIGKILL' && action === '') this.catch(cond as SignalName)
  }

  /** Set by a SIGINT without a trap in an interactive shell; loops check it and abandon the line. */
  interrupted = false

  private arrived(sig: SignalName): void {
    const action = this.state.trapAction(sig)
    if (sig === 'SIGINT' && action === undefined && this.state.options.interactive) this.interrupted = true
    if (action === '') return
    if (action !== undefined) this.pending.push(sig)
    const w = this.waiters
    this.waiters = []
    for (const fn of w) fn(sig)
  }

  /** A promise of the next caught signal, and a way to stop waiting for it. */
  arrival(): { signal: Promise<SignalName>; cancel: () => void } {
    let fn!: (s: SignalName) => void
    const signal = new Promise<SignalName>((resolve) => {
      fn = resolve
      this.waiters.push(resolve)
    })
    return { signal, cancel: () => (this.waiters = this.waiters.filter((w) => w !== fn)) }
  }
}
