/**
 * fold: wrap each input line to fit in a width (columns, or bytes with -b; at blanks with -s).
 * Folds as it reads, as GNU fold does: a line is held only up to its next break, so an endless
 * input without newlines (`fold -w1 /dev/zero | head`) is folded and written as it comes.
 */
import { encodedLength } from '../../kernel/bytes.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { command, forEachInput, parseArgs, UsageError } from '../lib.ts'
import { OutputBuffer } from '../util/textio.ts'


/** The column after printing `c` at `column`. */
function advance(column: number, c: string, bytes: boolean): number {
  if (bytes) return column + encodedLength(c)
  if (c === '\t') return column + 8 - (column % 8)
  if (c === '\b') return column > 0 ? column - 1 : 0
  if (c === '\r') return 0
  return column + 1
}

/** One input's lines folded as its text arrives: what is held is the line since its last break. */
class Folder {
  private current = ''
  private column = 0

  constructor(
    private readonly out: OutputBuffer,
    private readonly width: number,
    private readonly bytes: boolean,
    private readonly atSpaces: boolean,
  ) {}

  feed(text: string): void {
    for (const c of text) {
      if (c === '\n') {
        this.out.push(this.current + '\n')
        this.current = ''
        this.column = 0
        continue
      }
      if (advance(this.column, c, this.bytes) > this.width && this.current !== '') this.break()
      this.current += c
      this.column = advance(this.column, c, this.bytes)
    }
  }

  /** Ends the line before `current`'s last blank (with -s), else before the character that does not fit. */
  private break(): void {
    const current = this.current
    const space = this.atSpaces ? Math.max(current.lastIndexOf(' '), current.lastIndexOf('\t')) : -1
    this.out.push(current.slice(0, space + 1 || current.length) + '\n')
    this.current = space >= 0 ? current.slice(space + 1) : ''
    this.column = 0
    for (const d of this.current) this.column = advance(this.column, d, this.bytes)
  }

  /** The input's last line, if it had no newline. */
  end(): void {
    if (this.current !== '') this.out.push(this.current)
  }
}

async function foldInput(proc: ProcContext, fd: number, out: OutputBuffer, folder: Folder): Promise<void> {
  const decoder = new TextDecoder()
  for (;;) {
    const chunk = await proc.read(fd, 65536)
    if (chunk.length === 0) break
    folder.feed(decoder.decode(chunk, { stream: true }))
    if (out.full) await out.flush()
  }
  folder.feed(decoder.decode())
  folder.end()
}

export const fold = command({
  name: 'fold',
  long: { bytes: 'b', spaces: 's', width: 'w:' },
  usage: '[-bs] [-w width] [file ...]',
  summary: 'wrap each input line to fit in specified width',
  help: '  -w N  width (default 80)   -b  count bytes   -s  break at blanks',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'bsw:', { numericFlag: 'w', permute: true })
    const width = typeof flags.w === 'string' ? Number(flags.w) : 80
    if (!Number.isInteger(width) || width < 1) throw new UsageError(`invalid number of columns: '${flags.w}'`)
    const out = new OutputBuffer(proc)
    const status = await forEachInput(proc, 'fold', operands, async (fd) => {
      await foldInput(proc, fd, out, new Folder(out, width, flags.b === true, flags.s === true))
      await out.flush()
    })
    await out.flush()
    return status
  },
})
