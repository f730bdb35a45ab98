/**
 * truncate -s [+-<>/%]SIZE | -r FILE [-c] file ...: shrink or extend files to a size, as GNU's
 * truncate (an extended file reads as zeros there). A missing file is made, unless -c.
 */
import { isNineError, NineError } from '../../kernel/errors.ts'
import { OEXCL, OWRITE, type ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, UsageError } from '../lib.ts'
import { isDir } from '../util/files.ts'
import { longOptions } from '../util/longopts.ts'
import { scaled } from '../util/sizes.ts'

/** A new file's mode before the file-creation mask. */
const FILE_PERM = 0o666

/** -s's SIZE: what it does to a file's length. */
type Resize = (length: number) => number

function resize(spec: string): Resize {
  const m = /^([-+<>/%]?)\s*(\d+)([A-Za-z]*)$/.exec(spec)
  const n = m ? scaled(Number(m[2]), m[3]!) : undefined
  if (!m || n === undefined) throw new UsageError(`Invalid number: '${spec}'`)
  switch (m[1]) {
    case '+':
      return (len) => len + n
    case '-':
      return (len) => Math.max(0, len - n)
    case '<':
      return (len) => Math.min(len, n)
    case '>':
      return (len) => Math.max(len, n)
    case '/':
    case '%':
      if (n === 0) throw new UsageError('division by zero')
      return m[1] === '/' ? (len) => Math.floor(len / n) * n : (len) => Math.ceil(len / n) * n
  }
  return () => n
}

async function run(proc: ProcContext): Promise<number> {
  const { argv } = longOptions(proc.argv, { size: 's:', reference: 'r:', 'no-create': 'c' }, 'cs:r:')
  const { flags, operands } = parseArgs(argv, 'cs:r:', { permute: true })
  if (flags.s === undefined && flags.r === undefined) throw new UsageError("you must specify either '--size' or '--reference'")
  if (operands.length === 0) throw new UsageError('missing file operand')
  const change = typeof flags.s === 'string' ? resize(flags.s) : undefined
  let reference: number | undefined
  if (typeof flags.r === 'string') {
    try {
      reference = (await proc.stat(flags.r)).length
    } catch (e) {
      await fail(proc, 'truncate', flags.r, e)
      return 1
    }
    // with both, the size is relative to the reference's (only a relative size makes sense then)
    if (change !== undefined && /^\d/.test(flags.s as string)) throw new UsageError('you must specify a relative \'--size\' with \'--reference\'')
  }
  let status = 0
  for (const file of operands) {
    try {
      const length = await lengthOf(proc, file, flags.c === true)
      if (length === undefined) continue
      const base = reference ?? length
      await proc.wstat(file, { length: change ? change(base) : base })
    } catch (e) {
      await fail(proc, 'truncate', file, e)
      status = 1
    }
  }
  return status
}

/** The file's length, made empty first where it is missing; undefined where it is missing and -c says leave it. */
async function lengthOf(proc: ProcContext, file: string, noCreate: boolean): Promise<number | undefined> {
  try {
    const dir = await proc.stat(file)
    if (isDir(dir)) throw new NineError('EISDIR', file)
    return dir.length
  } catch (e) {
    if (!isNineError(e, 'ENOENT')) throw e
    if (noCreate) return undefined
    await proc.close(await proc.create(file, FILE_PERM, OWRITE | OEXCL))
    return 0
  }
}

export const truncate = command({
  name: 'truncate',
  usage: '-s [+-<>/%]size | -r file [-c] file ...',
  summary: 'shrink or extend files to a size',
  help: [
    '  -s SIZE  the size (K M G T: 1024s; KB MB GB: 1000s); +N longer by N, -N shorter,',
    '           <N at most N, >N at least N, /N down to a multiple of N, %N up to one',
    '  -r FILE  the size of FILE (with -s, a relative size changes it)',
    '  -c       make no missing file',
  ].join('\n'),
  run,
})
