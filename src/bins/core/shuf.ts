/** shuf: write a random permutation of the input lines, of -e's arguments, or of -i's range. */
import { OTRUNC, OWRITE, type ProcContext } from '../../kernel/types.ts'
import { command, parseArgs, readOrFail, UsageError } from '../lib.ts'
import { seededRandom, systemRandom } from '../util/random.ts'
import { readInputsUpTo } from '../util/readupto.ts'
import { OutputBuffer } from '../util/textio.ts'
import { keptLines, readText } from '../util/wholetext.ts'

/** Lines picked between offers of a turn to the host. */
const TURN_EVERY = 4096

export const shuf = command({
  name: 'shuf',
  long: { echo: 'e', 'input-range': 'i:', 'head-count': 'n:', output: 'o:', repeat: 'r', 'zero-terminated': 'z' },
  usage: '[-rz] [-n count] [-o file] [--random-source=file | --seed=text] [-e arg ... | -i lo-hi | file]',
  summary: 'generate random permutations',
  help: '  -e  shuffle the arguments   -i LO-HI  shuffle the numbers LO..HI   -n N  at most N lines\n  -r  repeat (pick with replacement; needs -n for an end)   -o FILE  write to FILE   -z  NUL-separated\n  --seed=TEXT  a repeatable order (ninefold)   --random-source=FILE  a repeatable order from FILE\'s bytes',
  async run(proc) {
    const argv = [...proc.argv]
    let seed: string | undefined
    for (let i = argv.length - 1; i > 0; i--) {
      const arg = argv[i]!
      if (arg.startsWith('--seed=')) seed = arg.slice(7)
      else if (arg.startsWith('--random-source=')) seed = await randomSource(proc, arg.slice(16))
      else continue
      argv.splice(i, 1)
    }
    const { flags, operands } = parseArgs(argv, 'ei:n:o:rz', { permute: true })
    const sep = flags.z ? '\0' : '\n'
    let items: string[]
    if (flags.e) items = operands
    else if (typeof flags.i === 'string') {
      const m = /^(\d+)-(\d+)$/.exec(flags.i)
      if (!m || Number(m[1]) > Number(m[2]) + 1) throw new UsageError(`invalid input range: '${flags.i}'`)
      items = []
      for (let n = Number(m[1]); n <= Number(m[2]); n++) items.push(String(n))
    } else {
      if (operands.length > 1) throw new UsageError(`extra operand '${operands[1]}'`)
      const name = operands[0] ?? '-'
      const text = await readOrFail(proc, 'shuf', name, () => readText(proc, name))
      if (text === undefined) return 1
      items = flags.z ? text.split('\0').filter((s, i, all) => s !== '' || i < all.length - 1) : (await keptLines(proc, text)).lines
    }
    const limit = typeof flags.n === 'string' ? Number(flags.n) : Infinity
    if (!(limit >= 0)) throw new UsageError(`invalid line count: '${flags.n}'`)
    const random = seed !== undefined ? seededRandom(seed) : systemRandom()
    if (flags.r) {
      if (items.length === 0 && limit > 0) {
        await proc.stderr.write('shuf: no lines to repeat\n')
        return 1
      }
      // without -n, -r goes on until the reader stops reading
      const out = new OutputBuffer(proc)
      for (let i = 0; i < limit; i++) {
        out.push(items[random(items.length)]! + sep)
        if (out.full) await out.flush()
        if ((i & (TURN_EVERY - 1)) === TURN_EVERY - 1) await proc.yield()
      }
      await out.flush()
      return 0
    }
    // Fisher-Yates, only as far as -n needs; written as it goes (to -o's file once all is read)
    const output = typeof flags.o === 'string' ? await proc.create(flags.o, 0o666, OWRITE | OTRUNC) : 1
    try {
      const out = new OutputBuffer(proc, output)
      const count = Math.min(limit, items.length)
      for (let i = 0; i < count; i++) {
        const j = i + random(items.length - i)
        const picked = items[j]!
        items[j] = items[i]!
        out.push(picked + sep)
        if (out.full) await out.flush()
        if ((i & (TURN_EVERY - 1)) === TURN_EVERY - 1) await proc.yield()
      }
      await out.flush()
    } finally {
      if (output !== 1) await proc.close(output)
    }
    return 0
  },
})

/** Bytes of --random-source's file that make the seed: a prefix, as the file is often endless (/dev/urandom). */
const RANDOM_SOURCE_BYTES = 4096

async function randomSource(proc: ProcContext, file: string): Promise<string> {
  return new TextDecoder('latin1').decode(await readInputsUpTo(proc, [file], RANDOM_SOURCE_BYTES))
}
