/**
 * Fast line I/O for the text filters (grep, sed, sort, uniq, cut, tr...): input arrives as
 * batches of whole lines (one batch per read), output gathers in a synchronous buffer that is
 * written out in large pieces. A filter then awaits once per read, never once per line.
 */
import type { ProcContext } from '../../kernel/types.ts'

/** The lines of a descriptor (or records ending in another separator), a batch per read. Iterate once. */
export class LineBatches implements AsyncIterable<string[]> {
  /** True once iteration has ended, if the last line had no newline. */
  unterminated = false

  constructor(
    private readonly proc: ProcContext,
    private readonly fd: number,
    private readonly separator = '\n',
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<string[]> {
    const dec = new TextDecoder()
    let pending = ''
    for (;;) {
      const chunk = await this.proc.read(this.fd, 65536)
      if (chunk.length === 0) break
      const text = pending + dec.decode(chunk, { stream: true })
      const last = text.lastIndexOf(this.separator)
      if (last < 0) {
        pending = text
        continue
      }
      pending = text.slice(last + 1)
      yield text.slice(0, last).split(this.separator)
    }
    pending += dec.decode()
    if (pending !== '') {
      this.unterminated = true
      yield [pending]
    }
  }
}

/** Output gathered in memory; `full` says when to await flush(). Strings are UTF-8 encoded on write. */
export class OutputBuffer {
  private parts: string[] = []
  private size = 0

  constructor(
    private readonly proc: ProcContext,
    private readonly fd = 1,
    private readonly limit = 65536,
  ) {}

  push(s: string): void {
    this.parts.push(s)
    this.size += s.length
  }

  get full(): boolean {
    return this.size >= this.limit
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('')
    this.parts = []
    this.size = 0
    await this.proc.write(this.fd, text)
  }
}
