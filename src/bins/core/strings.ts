/**
 * strings [-n min] [-t o|d|x] [-f] [file ...]: prints each run of at least `min` (4) printable
 * characters (ASCII 32–126 and tab) in the files, a line each, as GNU strings does by default
 * (the whole file). -t puts the run's offset before it, -f the file's name.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, forEachInput, parseArgs, UsageError } from '../lib.ts'
import { longOptions } from '../util/longopts.ts'
import { ByteOutput } from '../util/textio.ts'

const printable = (b: number): boolean => (b >= 32 && b <= 126) || b === 9

const RADIX: Record<string, number> = { o: 8, d: 10, x: 16 }

interface Options {
  min: number
  radix: number | undefined
  prefix: string
}

/** One input: the runs are found across reads; a run's bytes so far wait in `held`. */
async function scan(proc: ProcContext, fd: number, out: ByteOutput, o: Options): Promise<void> {
  let held: Uint8Array[] = []
  let heldBytes = 0
  let offset = 0
  const emit = (chunk: Uint8Array, start: number, end: number): void => {
    const length = heldBytes + end - start
    if (length >= o.min) {
      if (o.prefix !== '') out.push(o.prefix)
      if (o.radix !== undefined) out.push(`${(offset + start - heldBytes).toString(o.radix).padStart(7)} `)
      for (const h of held) out.bytes(h, 0, h.length)
      out.bytes(chunk, start, end)
      out.push('\n')
    }
    held = []
    heldBytes = 0
  }
  for (;;) {
    const chunk = await proc.read(fd)
    if (chunk.length === 0) break
    let start = heldBytes > 0 ? 0 : -1
    for (let i = 0; i < chunk.length; i++) {
      if (printable(chunk[i]!)) {
        if (start < 0) start = i
      } else if (start >= 0) {
        emit(chunk, start, i)
        start = -1
      }
    }
    if (start >= 0) {
      held.push(chunk.slice(start))
      heldBytes += chunk.length - start
    }
    offset += chunk.length
    if (out.full) await out.flush()
  }
  if (heldBytes > 0) emit(new Uint8Array(0), 0, 0)
}

export const strings = command({
  name: 'strings',
  usage: '[-n min] [-t o|d|x] [-f] [file ...]',
  summary: 'print the printable text in files',
  help: '  -n MIN, -MIN  runs of at least MIN characters (4)   -t o|d|x  each run\'s offset first (-o: -t o)\n  -f  each run\'s file name first   -a  the whole file (always)',
  async run(proc) {
    const { argv } = longOptions(proc.argv, { bytes: 'n:', 'radix': 't:', 'print-file-name': 'f', all: 'a' }, 'afon:t:')
    const { flags, operands } = parseArgs(argv, 'afon:t:', { numericFlag: 'n', permute: true })
    const min = flags.n === undefined ? 4 : Number(flags.n)
    if (!Number.isInteger(min) || min < 1) throw new UsageError(`invalid minimum string length ${String(flags.n)}`)
    const letter = flags.o ? 'o' : flags.t
    const radix = typeof letter === 'string' ? RADIX[letter] : undefined
    if (typeof letter === 'string' && radix === undefined) throw new UsageError(`invalid radix: ${letter}`)
    const out = new ByteOutput(proc)
    const status = await forEachInput(proc, 'strings', operands, async (fd, name) => {
      await scan(proc, fd, out, { min, radix, prefix: flags.f ? `${name === '-' ? '{standard input}' : name}: ` : '' })
    })
    await out.flush()
    return status
  },
})
