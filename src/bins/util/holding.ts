/**
 * What one reader or buffer of a command holds, told to the kernel (ProcContext.hold) only when
 * it is large: a line being read, a record, sed's spaces. Ordinary lines never reach the kernel;
 * one that grows without end (`cat /dev/zero | rev`) ends in ELIMIT instead of in a host out of
 * memory.
 */
import type { ProcContext } from '../../kernel/types.ts'

/** Below this nothing is counted: the cost of a call a read saved for what cannot hurt the host. */
const SMALL = 1 << 20

export class Holding {
  private held = 0

  constructor(private readonly proc: Pick<ProcContext, 'hold'>) {}

  /** It now holds `bytes` (characters, for text). */
  set(bytes: number): void {
    const held = bytes > SMALL ? bytes : 0
    if (held === this.held) return
    this.proc.hold(held - this.held)
    this.held = held
  }
}
