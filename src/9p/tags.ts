/**
 * A client's requests in flight, by tag. An array indexed by tag, with freed tags used again
 * first, so it stays as long as the most requests ever in flight: a Map of tags that come and go
 * rebuilt its table every few requests, and when an old table still held requests the
 * collector had to keep them and all they pointed to (stats went at half speed after reads).
 */
import { NOTAG } from './codec.ts'

export class Tags<T> {
  private readonly byTag: (T | undefined)[] = []
  /** NOTAG's entry (Tversion), kept apart so the array stays short. */
  private noTag: T | undefined
  private readonly free: number[] = []
  private next = 0

  /** A tag not in use (not held until `set`; `unused` if it never is). Undefined when all are in use. */
  take(): number | undefined {
    const t = this.free.pop()
    if (t !== undefined) return t
    return this.next < NOTAG ? this.next++ : undefined
  }

  /** A tag from `take` that was not used after all. */
  unused(tag: number): void {
    this.free.push(tag)
  }

  get(tag: number): T | undefined {
    return tag === NOTAG ? this.noTag : this.byTag[tag]
  }

  set(tag: number, value: T): void {
    if (tag === NOTAG) this.noTag = value
    else this.byTag[tag] = value
  }

  /** The entry of `tag` is gone: the tag is free again. */
  delete(tag: number): void {
    if (tag === NOTAG) this.noTag = undefined
    else if (this.byTag[tag] !== undefined) {
      this.byTag[tag] = undefined
      this.free.push(tag)
    }
  }

  /** Every entry, and none left after. */
  takeAll(): T[] {
    const all = this.byTag.filter((v): v is T => v !== undefined)
    if (this.noTag !== undefined) all.push(this.noTag)
    for (let t = 0; t < this.byTag.length; t++) this.delete(t)
    this.noTag = undefined
    return all
  }
}
