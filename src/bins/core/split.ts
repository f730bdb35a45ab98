/** split: write pieces of a file to PREFIXaa, PREFIXab, ... by lines (-l), bytes (-b) or count (-n). */
import { OWRITE, type ProcContext } from '../../kernel/types.ts'
import { command, parseArgs, readAll, readOrFail, UsageError } from '../lib.ts'
import { scaled } from '../util/sizes.ts'

/** A size with GNU's suffixes (sizes.ts). */
function size(text: string): number {
  const m = /^(\d+)([a-zA-Z]*)$/.exec(text)
  const n = m === null ? undefined : scaled(Number(m[1]), m[2]!)
  if (n === undefined) throw new UsageError(`invalid number of bytes: '${text}'`)
  return n
}

/** The suffix of the n-th piece: aa, ab, ... yz, then (without -a, as GNU) zaaa, ... */
function suffixOf(n: number, length: number, numeric: boolean, widen: boolean): string {
  const base = numeric ? 10 : 26
  const digit = (d: number): string => (numeric ? String(d) : String.fromCharCode(97 + d))
  let width = length
  let prefix = ''
  if (widen) {
    while (n >= base ** width - base ** (width - 1)) {
      n -= base ** width - base ** (width - 1)
      prefix += digit(base - 1)
      width++
    }
  } else if (n >= base ** width) throw new UsageError('output file suffixes exhausted')
  let s = ''
  for (let i = 0; i < width; i++) {
    s = digit(n % base) + s
    n = Math.floor(n / base)
  }
  return prefix + s
}

export const split = command({
  name: 'split',
  long: { 'suffix-length': 'a:', bytes: 'b:', lines: 'l:', number: 'n:' },
  usage: '[-l lines | -b bytes | -n chunks] [-a length] [-d] [--additional-suffix=s] [file [prefix]]',
  summary: 'split a file into pieces',
  help: '  -l N  N lines a piece (default 1000)   -b SIZE  SIZE bytes a piece   -n N  N pieces of equal size\n  -a N  suffix length (2)   -d  numeric suffixes   --additional-suffix=S  after the suffix',
  async run(proc) {
    const argv = [...proc.argv]
    let extra = ''
    const at = argv.findIndex((a) => a.startsWith('--additional-suffix='))
    if (at > 0) extra = argv.splice(at, 1)[0]!.slice(20)
    const { flags, operands } = parseArgs(argv, 'l:b:n:a:dx', { permute: true })
    if (operands.length > 2) throw new UsageError(`extra operand '${operands[2]}'`)
    const input = operands[0] ?? '-'
    const prefix = operands[1] ?? 'x'
    const length = typeof flags.a === 'string' ? Number(flags.a) : 2
    const numeric = flags.d === true
    const data = await readOrFail(proc, 'split', input, () => (input === '-' ? readAll(proc, 0) : proc.readFile(input)))
    if (data === undefined) return 1
    const pieces: Uint8Array[] = []
    if (typeof flags.b === 'string') {
      const n = size(flags.b)
      if (n === 0) throw new UsageError(`invalid number of bytes: '${flags.b}'`)
      for (let i = 0; i < data.length; i += n) pieces.push(data.subarray(i, i + n))
    } else if (typeof flags.n === 'string') {
      const n = Number(flags.n)
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`invalid number of chunks: '${flags.n}'`)
      const chunk = Math.floor(data.length / n)
      for (let i = 0; i < n; i++) pieces.push(data.subarray(i * chunk, i === n - 1 ? data.length : (i + 1) * chunk))
    } else {
      const n = typeof flags.l === 'string' ? Number(flags.l) : 1000
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`invalid number of lines: '${flags.l}'`)
      let start = 0
      let count = 0
      for (let i = 0; i < data.length; i++) {
        if (data[i] === 10 && ++count === n) {
          pieces.push(data.subarray(start, i + 1))
          start = i + 1
          count = 0
        }
      }
      if (start < data.length) pieces.push(data.subarray(start))
    }
    for (let i = 0; i < pieces.length; i++) await writePiece(proc, prefix + suffixOf(i, length, numeric, typeof flags.a !== 'string') + extra, pieces[i]!)
    return 0
  },
})

async function writePiece(proc: ProcContext, name: string, data: Uint8Array): Promise<void> {
  const fd = await proc.create(name, 0o666, OWRITE)
  try {
    await proc.write(fd, data)
  } finally {
    await proc.close(fd)
  }
}
