/** A bounded log: keeps the last `capacity` bytes of what a service wrote. */
export class RingLog {
  private chunks: Uint8Array[] = []
  private size = 0
  /** Bytes ever appended, so a follower can tell what is new. */
  total = 0

  constructor(private readonly capacity = 64 * 1024) {}

  append(data: Uint8Array): void {
    this.chunks.push(data)
    this.size += data.length
    this.total += data.length
    while (this.size > this.capacity && this.chunks.length > 0) {
      const first = this.chunks[0]!
      const excess = this.size - this.capacity
      if (first.length <= excess) {
        this.chunks.shift()
        this.size -= first.length
      } else {
        this.chunks[0] = first.subarray(excess)
        this.size -= excess
      }
    }
  }

  note(text: string): void {
    this.append(new TextEncoder().encode(text))
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size)
    let at = 0
    for (const c of this.chunks) {
      out.set(c, at)
      at += c.length
    }
    return out
  }
}
