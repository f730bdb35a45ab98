/**
 * The bytes each user keeps in the in-memory filesystems: memfs's StoreQuota, the `storeBytes`
 * limit (limits.ts). The data is off the JavaScript heap, so a heap limit would not bound it.
 */
import { NineError } from './errors.ts'
import type { Cred } from './types.ts'

/** `limitFor` says how much `owner` may keep when `cred` makes a change; giving back is never refused. */
export class StoreLedger {
  private readonly used = new Map<string, number>()

  constructor(private readonly limitFor: (owner: string, cred: Cred) => number) {}

  charge(owner: string, bytes: number, cred: Cred): void {
    const total = (this.used.get(owner) ?? 0) + bytes
    if (bytes > 0) {
      const limit = this.limitFor(owner, cred)
      if (total > limit) throw new NineError('EQUOTA', undefined, `${owner} may store ${limit} bytes`)
    }
    if (total > 0) this.used.set(owner, total)
    else this.used.delete(owner)
  }

  /** Bytes `owner` keeps now. */
  usedBy(owner: string): number {
    return this.used.get(owner) ?? 0
  }
}
