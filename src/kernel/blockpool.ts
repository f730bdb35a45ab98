/**
 * Memory that pipes lent their writers and got back empty, kept for the next writer of any pipe
 * once the pipe that had it no longer needs it (its writer gone, or more kept than it uses).
 * Fresh memory costs a page fault for each page first touched, and the garbage collector gives
 * the old blocks back only when it runs; a block from here costs a zeroing (it held another
 * writer's bytes), a small part of that.
 */
export class BlockPool {
  private readonly blocks: Uint8Array[] = []
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  /** A kept block of at least `least` bytes (and at most twice that), zeroed; undefined when none fits. */
  take(least: number): Uint8Array | undefined {
    const blocks = this.blocks
    for (let i = blocks.length - 1; i >= 0; i--) {
      const block = blocks[i]!
      if (block.length < least || block.length > 2 * least) continue
      blocks[i] = blocks[blocks.length - 1]!
      blocks.pop()
      this.bytes -= block.length
      return block.fill(0)
    }
    return undefined
  }

  /** Keeps `block`, which nothing else refers to any more, while the pool has room for it. */
  give(block: Uint8Array): void {
    if (this.bytes + block.length > this.maxBytes) return
    this.blocks.push(block)
    this.bytes += block.length
  }
}
