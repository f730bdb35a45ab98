/**
 * A connection's fids (or anything kept by fid): an array indexed by fid for the small numbers
 * clients use, a Map for the rest (a fid is any 32-bit number). A Map whose keys come and go, a
 * fid or two a stat, rebuilds its table every few requests, and the collector must keep what an
 * old table still holds (see tags.ts); the array is as long as the highest small fid in use.
 */
const SMALL = 1 << 16

export class FidTable<T> {
  private readonly small: (T | undefined)[] = []
  private readonly large = new Map<number, T>()
  private count = 0

  get size(): number {
    return this.count
  }

  get(fid: number): T | undefined {
    return fid < SMALL ? this.small[fid] : this.large.get(fid)
  }

  has(fid: number): boolean {
    return this.get(fid) !== undefined
  }

  set(fid: number, value: T): void {
    if (fid < SMALL) {
      if (this.small[fid] === undefined) this.count++
      this.small[fid] = value
    } else {
      if (!this.large.has(fid)) this.count++
      this.large.set(fid, value)
    }
  }

  delete(fid: number): void {
    if (fid < SMALL) {
      if (this.small[fid] === undefined) return
      this.small[fid] = undefined
    } else if (!this.large.delete(fid)) return
    this.count--
  }

  values(): T[] {
    const all = this.small.filter((v): v is T => v !== undefined)
    for (const v of this.large.values()) all.push(v)
    return all
  }

  clear(): void {
    this.small.length = 0
    this.large.clear()
    this.count = 0
  }
}
