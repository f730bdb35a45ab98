/** head: the first lines (or bytes) of files; with a negative count, all but the last ones. */
import type { ProcContext } from '../../kernel/types.ts'
import { command, forEachInput, parseArgs, usage } from '../lib.ts'
import { CHUNK, giveBack, pump } from '../util/files.ts'
import { headerWriter, parseCount, type Count } from '../util/headtail.ts'

const USAGE = '[-qvz] [-n [-]lines | -c [-]bytes | -lines] [file ...]'

export const head = command({
  name: 'head',
  long: { bytes: 'c:', lines: 'n:', quiet: 'q', silent: 'q', verbose: 'v', 'zero-terminated': 'z' },
  usage: USAGE,
  summary: 'print the first lines of files',
  help: [
    '  -n N   the first N lines (default 10); -n -N: all but the last N',
    '  -c N   the first N bytes; -c -N: all but the last N (N may end in b, K, M, G, kB, MB...)',
    '  -q     never print file name headers; -v always',
    '  -z     lines end in NUL, not newline',
  ].join('\n'),
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'n:c:qvz', { numericFlag: 'n', permute: true })
    const bytes = typeof flags.c === 'string'
    const text = bytes ? (flags.c as string) : typeof flags.n === 'string' ? flags.n : '10'
    const count = parseCount(text)
    // GNU head reads `+N` as N
    if (count === undefined) return usage(proc, 'head', USAGE, `invalid number of ${bytes ? 'bytes' : 'lines'}: '${text}'`)
    const header = headerWriter(proc, flags.v === true || (operands.length > 1 && flags.q !== true))
    return forEachInput(proc, 'head', operands, async (fd, name) => {
      await header(name)
      // -z: lines end in NUL
      await copyHead(proc, fd, count, bytes, flags.z === true ? 0 : 10)
    })
  },
})

async function copyHead(proc: ProcContext, fd: number, count: Count, bytes: boolean, eol: number): Promise<void> {
  if (count.sign === '-') return bytes ? allButLastBytes(proc, fd, count.value) : allButLastLines(proc, fd, count.value, eol)
  let left = count.value
  while (left > 0) {
    const chunk = await proc.read(fd, bytes ? Math.min(CHUNK, left) : CHUNK)
    if (chunk.length === 0) return
    let end = chunk.length
    if (bytes) left -= end
    else {
      for (let nl = chunk.indexOf(eol); nl >= 0; nl = chunk.indexOf(eol, nl + 1)) {
        if (--left === 0) {
          end = nl + 1
          break
        }
      }
    }
    await proc.write(1, end === chunk.length ? chunk : chunk.subarray(0, end))
    if (left === 0) await giveBack(proc, fd, chunk.length - end)
  }
}

/** Everything but the last `n` bytes: holds back at most n bytes (plus a chunk). */
async function allButLastBytes(proc: ProcContext, fd: number, n: number): Promise<void> {
  let held: Uint8Array = new Uint8Array(0)
  await pump(proc, fd, async (chunk) => {
    const all = concat(held, chunk)
    const out = all.length - n
    if (out > 0) await proc.write(1, all.slice(0, out))
    held = out > 0 ? all.slice(out) : all
  })
  await giveBack(proc, fd, held.length)
}

/** Everything but the last `n` lines (an unterminated last line counts): holds back n lines. */
async function allButLastLines(proc: ProcContext, fd: number, n: number, eol: number): Promise<void> {
  let held: Uint8Array = new Uint8Array(0)
  /** Offsets of the newlines in `held`. */
  let newlines: number[] = []
  const release = async (lines: number): Promise<void> => {
    const end = newlines[lines - 1]! + 1
    await proc.write(1, held.slice(0, end))
    held = held.slice(end)
    newlines = newlines.slice(lines).map((at) => at - end)
  }
  await pump(proc, fd, async (chunk) => {
    const base = held.length
    held = concat(held, chunk)
    for (let nl = chunk.indexOf(eol); nl >= 0; nl = chunk.indexOf(eol, nl + 1)) newlines.push(base + nl)
    if (newlines.length > n) await release(newlines.length - n)
  })
  // At the end an unterminated last line is one of the lines held back.
  const unterminated = held.length > 0 && held[held.length - 1] !== eol ? 1 : 0
  const excess = newlines.length + unterminated - n
  if (excess > newlines.length) await proc.write(1, held)
  else {
    if (excess > 0) await release(excess)
    await giveBack(proc, fd, held.length)
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}
