/**
 * cmp: compare two files byte by byte, streaming both. Exit 0 when equal, 1 when they differ,
 * 2 on trouble (GNU's statuses and messages).
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, LineWriter, withInputs } from '../lib.ts'
import { parseArgsOr } from '../util/args.ts'
import { CHUNK } from '../util/files.ts'
import { scaled } from '../util/sizes.ts'

const USAGE = '[-ls] [-i skip1[:skip2]] [-n limit] file1 [file2 [skip1 [skip2]]]'

/** A byte count as GNU's cmp reads one: decimal, 0x hex or 0 octal, with a size suffix (sizes.ts). */
function byteCount(text: string): number | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([a-zA-Z]*)$/.exec(text)
  if (m === null) return undefined
  const digits = m[1]!
  const value = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits[0] === '0' ? parseInt(digits, 8) : Number(digits)
  return scaled(value, m[2]!)
}

/** One side of the comparison: a descriptor and the chunk being compared. */
class Side {
  buf: Uint8Array = new Uint8Array(0)
  pos = 0

  constructor(
    private readonly proc: ProcContext,
    readonly fd: number,
    readonly name: string,
  ) {}

  /** Reads past the first `count` bytes (fewer if the file ends first). */
  async skip(count: number): Promise<void> {
    while (count > 0 && (await this.more())) {
      const n = Math.min(count, this.buf.length - this.pos)
      this.pos += n
      count -= n
    }
  }

  /** Whether bytes remain, reading the next chunk when this one is used up. */
  async more(): Promise<boolean> {
    if (this.pos < this.buf.length) return true
    this.buf = await this.proc.read(this.fd, CHUNK)
    this.pos = 0
    return this.buf.length > 0
  }
}

export const cmp = command({
  name: 'cmp',
  usage: USAGE,
  summary: 'compare two files byte by byte',
  help: '  -l  list every differing byte: offset and both values in octal\n  -s  print nothing; only the exit status tells\n  -i SKIP1[:SKIP2]  skip the first SKIP1 bytes of file1 and SKIP2 (else SKIP1) of file2\n  -n LIMIT  compare at most LIMIT bytes\nA missing file2, or -, is standard input. SKIP operands override -i. Counts take 0x and 0 prefixes\nand K, M, G (1024s) or kB, MB, GB (1000s) suffixes.',
  async run(proc) {
    const args = await parseArgsOr(proc, 'cmp', USAGE, 'lsn:i:', 2, proc.argv, { verbose: 'l', silent: 's', quiet: 's', bytes: 'n:', 'ignore-initial': 'i:' })
    if (typeof args === 'number') return args
    const { flags, operands } = args
    if (typeof flags.n === 'string' && !/^\d+$/.test(flags.n)) {
      await proc.stderr.write(`cmp: invalid --bytes value '${flags.n}'\n`)
      return 2
    }
    const limit = typeof flags.n === 'string' ? Number(flags.n) : Infinity
    if (operands.length < 1 || operands.length > 4) {
      await proc.stderr.write(`cmp: ${operands.length === 0 ? 'missing operand' : `extra operand '${operands[4]}'`}\nusage: cmp ${USAGE}\n`)
      return 2
    }
    // -i SKIP1[:SKIP2], then the operands SKIP1 and SKIP2, each overriding what came before
    const skipTexts = typeof flags.i === 'string' ? flags.i.split(':', 2) : []
    if (skipTexts.length === 1) skipTexts.push(skipTexts[0]!)
    if (operands[2] !== undefined) skipTexts[0] = operands[2]
    if (operands[3] !== undefined) skipTexts[1] = operands[3]
    const skips: number[] = []
    for (const text of skipTexts) {
      const n = byteCount(text)
      if (n === undefined) {
        await proc.stderr.write(`cmp: invalid --ignore-initial value '${text}'\n`)
        return 2
      }
      skips.push(n)
    }
    const names = [operands[0]!, operands[1] ?? '-']
    return withInputs(proc, 'cmp', names, 2, async (fds) => {
      if (names[0] === names[1] && (names[0] === '-' || (skips[0] ?? 0) === (skips[1] ?? 0))) return 0
      const sides = [new Side(proc, fds[0]!, names[0]!), new Side(proc, fds[1]!, names[1]!)] as const
      for (let i = 0; i < 2; i++) await sides[i].skip(skips[i] ?? 0)
      return compare(proc, sides[0], sides[1], flags.l === true, flags.s === true, limit)
    })
  },
})

/** Compares up to `limit` bytes (-n; an endless device is fine with one). */
async function compare(proc: ProcContext, a: Side, b: Side, list: boolean, silent: boolean, limit: number): Promise<number> {
  const out = new LineWriter(proc)
  let offset = 0
  let line = 1
  let lastNewline = false
  let differ = false
  for (;;) {
    if (offset >= limit) {
      await out.flush()
      return differ ? 1 : 0
    }
    const moreA = await a.more()
    const moreB = await b.more()
    if (!moreA || !moreB) {
      await out.flush()
      if (moreA === moreB) return differ ? 1 : 0
      if (!silent) {
        const short = moreA ? b : a
        const where = offset === 0 ? 'which is empty' : `after byte ${offset}, ${lastNewline ? `line ${line - 1}` : `in line ${line}`}`
        await proc.stderr.write(`cmp: EOF on ${short.name} ${where}\n`)
      }
      return 1
    }
    const n = Math.min(a.buf.length - a.pos, b.buf.length - b.pos, limit - offset)
    for (let i = 0; i < n; i++) {
      const x = a.buf[a.pos + i]!
      const y = b.buf[b.pos + i]!
      offset++
      if (x !== y) {
        if (silent) return 1
        if (!list) {
          await proc.stdout.write(`${a.name} ${b.name} differ: byte ${offset}, line ${line}\n`)
          return 1
        }
        differ = true
        await out.write(`${offset} ${x.toString(8).padStart(3)} ${y.toString(8).padStart(3)}\n`)
      }
      lastNewline = x === 10
      if (lastNewline) line++
    }
    a.pos += n
    b.pos += n
  }
}
