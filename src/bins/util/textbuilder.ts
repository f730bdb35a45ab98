/**
 * Text built from many small pieces (a substitution's matches and the text between them). V8
 * keeps each `a + b` as a node over both strings, 32 bytes, until the result is read: sed's
 * `s/a/b/g` over a 20 MB line held 800 MB of them. Pieces gather in a chunk that is flattened (by a
 * search) each time it reaches CHUNK characters, so the nodes stay a few per chunk and the work
 * stays linear.
 */
const CHUNK = 65536

export class TextBuilder {
  private done = ''
  private chunk = ''
  /** What the last flattening search found (kept, so that the compiler cannot drop it as unused). */
  searched = 0

  add(piece: string): void {
    this.chunk += piece
    if (this.chunk.length < CHUNK) return
    this.searched = this.chunk.indexOf('\0')
    this.done += this.chunk
    this.chunk = ''
  }

  get length(): number {
    return this.done.length + this.chunk.length
  }

  text(): string {
    return this.done + this.chunk
  }
}
