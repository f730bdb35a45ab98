/** cat: copy files to standard output, chunk by chunk (never a whole file in memory). */
import { concatBytes } from '../../kernel/bytes.ts'
import { command, encode, forEachInput, parseArgs } from '../lib.ts'
import { pump } from '../util/files.ts'

export const cat = command({
  name: 'cat',
  usage: '[-nu] [file ...]',
  summary: 'concatenate files to standard output',
  help: '  -n  number every output line\n  -u  ignored (output is never buffered)',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'nu')
    const numberer = flags.n ? new LineNumberer() : undefined
    return forEachInput(proc, 'cat', operands, (fd) => pump(proc, fd, (chunk) => proc.write(1, numberer ? numberer.number(chunk) : chunk)))
  },
})

/** cat -n: `%6d\t` before each line; the count and the line start carry over between chunks and files. */
class LineNumberer {
  private line = 0
  private atStart = true

  number(chunk: Uint8Array): Uint8Array {
    const parts: Uint8Array[] = []
    let start = 0
    while (start < chunk.length) {
      if (this.atStart) {
        const prefix = encode(`${String(++this.line).padStart(6, ' ')}\t`)
        parts.push(prefix)
      }
      const nl = chunk.indexOf(10, start)
      const end = nl < 0 ? chunk.length : nl + 1
      parts.push(chunk.subarray(start, end))
      this.atStart = nl >= 0
      start = end
    }
    return concatBytes(parts)
  }
}
