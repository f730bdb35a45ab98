/**
 * Reading lines from a descriptor the shell shares with its commands. `read` must not consume
 * past its line (the next command reads the rest), so a seekable file is read in blocks and the
 * offset put back after the newline, and anything else (pipes, consoles) a byte at a time.
 * The shell's own command input from a pipe or console is read in blocks, as dash does.
 */
import { decodeBytes } from '../kernel/bytes.ts'
import type { ProcContext } from '../kernel/types.ts'

const BLOCK = 4096
/**
 * A seekable read starts this small and doubles up to BLOCK while the line goes on: most lines
 * are short, and each read copies its bytes out of the file.
 */
const FIRST_BLOCK = 128
const NL = 10
const EMPTY = new Uint8Array(0)
/**
 * Where lineNow reads a block: a line that ends in its first block is decoded from here before
 * anything else reads, so no block is allocated a line.
 */
const scratch = new Uint8Array(BLOCK)

export class LineReader {
  private buf: Uint8Array = EMPTY
  private seekable: boolean | undefined
  /** Where the offset must be put before readLine returns (see seekTo). */
  private pendingSeek: number | undefined
  /** Whether a newline ended the last line (false for a final unterminated line). */
  terminated = true

  constructor(
    private readonly proc: ProcContext,
    readonly fd: number,
    /**
     * The shell's own script input: from a pipe or console, read in blocks and keep what was
     * read past the line (rather than a byte at a time). Seekable files are exact either way.
     */
    private readonly script: boolean,
  ) {}

  /** The next line without its newline; null at end of input. A last line without a newline counts. */
  async readLine(): Promise<string | null> {
    const now = this.seekable === false ? undefined : this.lineNow()
    // decoded before anything else reads: lineNow's line may be in the scratch block
    const text = now === undefined || now === null ? now : decodeBytes(now)
    if (this.pendingSeek !== undefined) {
      const to = this.pendingSeek
      this.pendingSeek = undefined
      await this.proc.seek(this.fd, to, 0)
    }
    if (text !== undefined) return text
    this.seekable ??= await this.isSeekable()
    const bytes = this.seekable ? await this.bySeeking() : this.script ? await this.fromBuffer() : await this.byBytes()
    return bytes === null ? null : decodeBytes(bytes)
  }

  /**
   * bySeeking with no waiting, where the descriptor is a file in memory (seekNow, readNow): the
   * line, null at the end, or undefined where it must be read the waiting way (from the offset
   * it was at). A `while read` loop over a file made six waiting calls a line.
   */
  private lineNow(): Uint8Array | null | undefined {
    const proc = this.proc
    const here = proc.seekNow(this.fd, 0, 1)
    if (here === undefined) return undefined
    if (this.seekable === undefined) {
      if (proc.isatty(this.fd)) return undefined
      const end = proc.seekNow(this.fd, 0, 2)
      if (end === undefined) return undefined
      this.seekTo(here)
      if (end === 0) return undefined
      this.seekable = true
    }
    let line: Uint8Array = EMPTY
    let start = here
    for (let size = FIRST_BLOCK; ; size = Math.min(size * 2, BLOCK)) {
      const chunk = this.pendingSeek === undefined ? proc.readNow(this.fd, size, scratch) : undefined
      if (chunk === undefined) {
        this.seekTo(here)
        return undefined
      }
      if (chunk.length === 0) {
        this.terminated = false
        return line.length === 0 ? null : line
      }
      const nl = chunk.indexOf(NL)
      if (nl >= 0) {
        this.seekTo(start + nl + 1)
        this.terminated = true
        return line.length === 0 ? chunk.subarray(0, nl) : concat(line, chunk.subarray(0, nl))
      }
      line = concat(line, chunk)
      start += chunk.length
    }
  }

  /**
   * Puts the offset at `offset` at once, or (where the process must first give others their
   * turn: seekNow declined) before readLine returns: a line's bytes past its newline, or a look
   * at the file's end, are never left consumed.
   */
  private seekTo(offset: number): void {
    if (this.proc.seekNow(this.fd, offset, 0) === undefined) this.pendingSeek = offset
  }

  private async fromBuffer(): Promise<Uint8Array | null> {
    for (;;) {
      const nl = this.buf.indexOf(NL)
      if (nl >= 0) {
        const line = this.buf.subarray(0, nl)
        this.buf = this.buf.subarray(nl + 1)
        this.terminated = true
        return line
      }
      const chunk = await this.proc.read(this.fd, BLOCK)
      if (chunk.length === 0) {
        if (this.buf.length === 0) return null
        const line = this.buf
        this.buf = EMPTY
        this.terminated = false
        return line
      }
      this.buf = concat(this.buf, chunk)
    }
  }

  /**
   * A file with a length can be seeked back; streams (pipes, consoles, devices) have none,
   * even when the descriptor accepts seek.
   */
  private async isSeekable(): Promise<boolean> {
    if (this.proc.isatty(this.fd)) return false
    try {
      const here = await this.proc.seek(this.fd, 0, 1)
      const end = await this.proc.seek(this.fd, 0, 2)
      await this.proc.seek(this.fd, here, 0)
      return end > 0
    } catch {
      return false
    }
  }

  private async bySeeking(): Promise<Uint8Array | null> {
    let line: Uint8Array = EMPTY
    for (let size = FIRST_BLOCK; ; size = Math.min(size * 2, BLOCK)) {
      const start = await this.proc.seek(this.fd, 0, 1)
      const chunk = await this.proc.read(this.fd, size)
      if (chunk.length === 0) {
        this.terminated = false
        return line.length === 0 ? null : line
      }
      const nl = chunk.indexOf(NL)
      if (nl >= 0) {
        await this.proc.seek(this.fd, start + nl + 1, 0)
        this.terminated = true
        return concat(line, chunk.subarray(0, nl))
      }
      line = concat(line, chunk)
    }
  }

  private async byBytes(): Promise<Uint8Array | null> {
    let line: Uint8Array = EMPTY
    for (;;) {
      if (this.buf.length === 0) {
        const b = await this.proc.read(this.fd, 1)
        if (b.length === 0) {
          this.terminated = false
          return line.length === 0 ? null : line
        }
        // a console may hand back more than asked for: the rest waits in buf
        this.buf = b
      }
      const nl = this.buf.indexOf(NL)
      if (nl >= 0) {
        const out = concat(line, this.buf.subarray(0, nl))
        this.buf = this.buf.subarray(nl + 1)
        this.terminated = true
        return out
      }
      line = concat(line, this.buf)
      this.buf = EMPTY
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice()
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}
