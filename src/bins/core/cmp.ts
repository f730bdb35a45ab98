/**
 * cmp: compare two files byte by byte, streaming both. Exit 0 when equal, 1 when they differ,
 * 2 on trouble (GNU's statuses and messages).
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, fail, LineWriter } from '../lib.ts'
import { parseArgsOr } from '../util/args.ts'
import { CHUNK } from '../util/files.ts'

const USAGE = '[-ls] [-n limit] file1 [file2]'

/** One side of the comparison: a descriptor and the chunk being compared. */
class Side {
  buf: Uint8Array = new Uint8Array(0)
  pos = 0

  constructor(
    private readonly proc: ProcContext,
    readonly fd: number,
    readonly name: string,
  ) {}

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
  help: '  -l  list every differing byte: offset and both values in octal\n  -s  print nothing; only the exit status tells\n  -n LIMIT  compare at most LIMIT bytes\nA missing file2, or -, is standard input.',
  async run(proc) {
    const args = await parseArgsOr(proc, 'cmp', USAGE, 'lsn:', 2)
    if (typeof args === 'number') return args
    const { flags, operands } = args
    if (typeof flags.n === 'string' && !/^\d+$/.test(flags.n)) {
      await proc.stderr.write(`cmp: invalid --bytes value '${flags.n}'\n`)
      return 2
    }
    const limit = typeof flags.n === 'string' ? Number(flags.n) : Infinity
    if (operands.length < 1 || operands.length > 2) {
      await proc.stderr.write(`cmp: ${operands.length === 0 ? 'missing operand' : `extra operand '${operands[2]}'`}\nusage: cmp ${USAGE}\n`)
      return 2
    }
    const names = [operands[0]!, operands[1] ?? '-']
    const fds: number[] = []
    try {
      for (const name of names) {
        try {
          fds.push(name === '-' ? 0 : await proc.open(name))
        } catch (e) {
          await fail(proc, 'cmp', name, e)
          return 2
        }
      }
      if (names[0] === names[1]) return 0
      return await compare(proc, new Side(proc, fds[0]!, names[0]!), new Side(proc, fds[1]!, names[1]!), flags.l === true, flags.s === true, limit)
    } finally {
      for (const fd of fds) if (fd !== 0) await proc.close(fd).catch(() => {})
    }
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
