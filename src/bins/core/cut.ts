/**
 * cut -b list | -c list | -f list [-d delim] [-s] [file ...], as GNU cut. Lists are 1-based:
 * N, N-M, N-, -M, comma separated; the selection is always in input order.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, forEachInput, parseArgs, UsageError } from '../lib.ts'
import { LineBatches, OutputBuffer } from '../util/textio.ts'

/** Sorted, merged [from, to] ranges (1-based, inclusive; to may be Infinity). */
type Ranges = [number, number][]

function parseList(list: string, what: string): Ranges {
  const ranges: Ranges = []
  for (const part of list.split(/[, ]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part)
    if (!m || (m[1] === '' && m[3] === '')) {
      throw new UsageError(part === '-' ? 'invalid range with no endpoint: -' : `invalid ${what} value '${part}'`)
    }
    const from = m[1] === '' ? 1 : Number(m[1])
    const to = m[2] === '' ? from : m[3] === '' ? Infinity : Number(m[3])
    if (from === 0 || to === 0) throw new UsageError(`${what}s are numbered from 1`)
    if (to < from) throw new UsageError('invalid decreasing range')
    ranges.push([from, to])
  }
  ranges.sort((a, b) => a[0] - b[0])
  const merged: Ranges = []
  for (const r of ranges) {
    const last = merged[merged.length - 1]
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1])
    else merged.push([r[0], r[1]])
  }
  return merged
}

function cutChars(line: string, ranges: Ranges): string {
  let out = ''
  for (const [from, to] of ranges) {
    if (from > line.length) break
    out += line.slice(from - 1, to === Infinity ? undefined : to)
  }
  return out
}

function cutFields(line: string, ranges: Ranges, delim: string): string {
  const fields = line.split(delim)
  const picked: string[] = []
  for (const [from, to] of ranges) {
    for (let f = from; f <= to && f <= fields.length; f++) picked.push(fields[f - 1]!)
  }
  return picked.join(delim)
}

async function run(proc: ProcContext): Promise<number> {
  const { flags, operands } = parseArgs(proc.argv, 'b:c:f:d:sn')
  const modes = ['b', 'c', 'f'].filter((m) => flags[m] !== undefined)
  if (modes.length === 0) throw new UsageError('you must specify a list of bytes, characters, or fields')
  if (modes.length > 1) throw new UsageError('only one type of list may be specified')
  const mode = modes[0]!
  const ranges = parseList(flags[mode] as string, mode === 'f' ? 'field' : mode === 'b' ? 'byte' : 'character')
  const delim = typeof flags['d'] === 'string' ? flags['d'] : '\t'
  if ([...delim].length !== 1) throw new UsageError('the delimiter must be a single character')
  if (mode !== 'f' && (flags['d'] !== undefined || flags['s'])) {
    throw new UsageError('an input delimiter may be specified only when operating on fields')
  }
  const onlyDelimited = !!flags['s']
  const out = new OutputBuffer(proc)
  const status = await forEachInput(proc, 'cut', operands, async (fd) => {
    for await (const batch of new LineBatches(proc, fd)) {
      for (const line of batch) {
        if (mode !== 'f') out.push(cutChars(line, ranges) + '\n')
        else if (line.includes(delim)) out.push(cutFields(line, ranges, delim) + '\n')
        else if (!onlyDelimited) out.push(line + '\n')
      }
      if (out.full) await out.flush()
    }
  })
  await out.flush()
  return status
}

export const cut = command({
  name: 'cut',
  usage: '-b list | -c list | -f list [-d delim] [-s] [file ...]',
  summary: 'print selected parts of lines',
  help: `-b/-c LIST  select characters  -f LIST  select fields  -d DELIM  field delimiter (tab)
-s  skip lines without a delimiter   LIST: N, N-M, N-, -M separated by commas
-n  (ignored, as in GNU cut)`,
  run,
})
