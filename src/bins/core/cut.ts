/**
 * cut -b list | -c list | -f list [-d delim] [-s] [--complement] [--output-delimiter=S] [file ...],
 * as GNU cut. Lists are 1-based: N, N-M, N-, -M, comma separated; the selection is always in input
 * order, and the output delimiter goes between fields, or between ranges of bytes or characters.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, forEachInput, parseArgs, UsageError } from '../lib.ts'
import { longOptions } from '../util/longopts.ts'
import { ByteOutput, forEachLineBlock, LineBatches, OutputBuffer } from '../util/textio.ts'

/** Sorted [from, to] ranges (1-based, inclusive; to may be Infinity), overlapping ones merged (adjacent ones stay apart, as GNU's: an output delimiter goes between them). */
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
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else merged.push([r[0], r[1]])
  }
  return merged
}

/** The positions `ranges` leaves out, as ranges (GNU's --complement). */
function complement(ranges: Ranges): Ranges {
  const gaps: Ranges = []
  let next = 1
  for (const [from, to] of ranges) {
    if (from > next) gaps.push([next, from - 1])
    next = to + 1
  }
  if (next !== Infinity) gaps.push([next, Infinity])
  return gaps
}

function cutChars(line: string, ranges: Ranges, outDelim: string): string {
  let out = ''
  for (const [from, to] of ranges) {
    if (from > line.length) break
    out += (out === '' ? '' : outDelim) + line.slice(from - 1, to === Infinity ? undefined : to)
  }
  return out
}

function cutFields(line: string, ranges: Ranges, delim: string, outDelim: string): string {
  const fields = line.split(delim)
  const picked: string[] = []
  for (const [from, to] of ranges) {
    for (let f = from; f <= to && f <= fields.length; f++) picked.push(fields[f - 1]!)
  }
  return picked.join(outDelim)
}

/** Which fields (or bytes) a list selects: pick[n] for n below pick.length, every n from `from` on. */
interface Selection {
  pick: Uint8Array
  from: number
}

function selection(ranges: Ranges): Selection {
  let from = Infinity
  let top = 0
  for (const [a, b] of ranges) {
    if (b === Infinity) from = Math.min(from, a)
    else top = Math.max(top, b)
  }
  const pick = new Uint8Array(top + 1)
  for (const [a, b] of ranges) for (let n = a; n <= Math.min(b, top); n++) pick[n] = 1
  return { pick, from }
}

const selected = (s: Selection, n: number): boolean => n >= s.from || (n < s.pick.length && s.pick[n] === 1)

const NEWLINE = 10

/**
 * cut -f with a one-byte delimiter, on whole lines of bytes (see forEachLineBlock): the fields
 * are found by scanning bytes and copied out as ranges, no line decoded or split into strings.
 */
function cutFieldBytes(buf: Uint8Array, start: number, end: number, sel: Selection, delim: number, onlyDelimited: boolean, out: ByteOutput): void {
  let lineStart = start
  while (lineStart < end) {
    let field = 1
    let fieldStart = lineStart
    let printed = false
    let i = lineStart
    for (; buf[i] !== NEWLINE; i++) {
      if (buf[i] !== delim) continue
      if (selected(sel, field)) {
        if (printed) out.bytes(buf, i, i + 1)
        out.bytes(buf, fieldStart, i)
        printed = true
      }
      field++
      fieldStart = i + 1
    }
    if (field === 1) {
      // no delimiter: the whole line, unless -s
      if (!onlyDelimited) out.bytes(buf, lineStart, i + 1)
    } else {
      if (selected(sel, field)) {
        if (printed) out.bytes(buf, fieldStart - 1, fieldStart)
        out.bytes(buf, fieldStart, i)
      }
      out.bytes(buf, i, i + 1)
    }
    lineStart = i + 1
  }
}

/** cut -b: the selected bytes of each line, as GNU cut (a multibyte character may be cut). */
function cutByteRanges(buf: Uint8Array, start: number, end: number, sel: Selection, out: ByteOutput): void {
  let lineStart = start
  while (lineStart < end) {
    let i = lineStart
    while (buf[i] !== NEWLINE) i++
    for (let b = lineStart; b < i; b++) if (selected(sel, b - lineStart + 1)) out.bytes(buf, b, b + 1)
    out.bytes(buf, i, i + 1)
    lineStart = i + 1
  }
}

const LONG = { bytes: 'b:', characters: 'c:', fields: 'f:', delimiter: 'd:', 'only-delimited': 's', complement: '', 'output-delimiter': ':', 'zero-terminated': 'z' }

async function run(proc: ProcContext): Promise<number> {
  const { argv, longs } = longOptions(proc.argv, LONG, 'b:c:f:d:snz')
  const inverted = longs['complement'] === true
  const chosenDelim = longs['output-delimiter']
  const { flags, operands } = parseArgs(argv, 'b:c:f:d:snz', { permute: true })
  const modes = ['b', 'c', 'f'].filter((m) => flags[m] !== undefined)
  if (modes.length === 0) throw new UsageError('you must specify a list of bytes, characters, or fields')
  if (modes.length > 1) throw new UsageError('only one type of list may be specified')
  const mode = modes[0]!
  const listed = parseList(flags[mode] as string, mode === 'f' ? 'field' : mode === 'b' ? 'byte' : 'character')
  const ranges = inverted ? complement(listed) : listed
  const delim = typeof flags['d'] === 'string' ? flags['d'] : '\t'
  if ([...delim].length !== 1) throw new UsageError('the delimiter must be a single character')
  if (mode !== 'f' && (flags['d'] !== undefined || flags['s'])) {
    throw new UsageError('an input delimiter may be specified only when operating on fields')
  }
  const onlyDelimited = !!flags['s']
  // -z: lines end in NUL, in and out (read as text, not on the byte path)
  const eol = flags['z'] ? '\0' : '\n'
  const delimByte = delim.charCodeAt(0)
  const outDelim = typeof chosenDelim === 'string' ? chosenDelim : mode === 'f' ? delim : ''
  // bytes scanned as bytes, unless an output delimiter is asked for (then -b counts characters)
  if (typeof chosenDelim !== 'string' && eol === '\n' && (mode === 'b' || (mode === 'f' && delimByte < 0x80 && delimByte !== NEWLINE))) {
    const sel = selection(ranges)
    const bytes = new ByteOutput(proc)
    const status = await forEachInput(proc, 'cut', operands, async (fd) => {
      await forEachLineBlock(proc, fd, bytes, (buf, start, end) => {
        if (mode === 'b') cutByteRanges(buf, start, end, sel, bytes)
        else cutFieldBytes(buf, start, end, sel, delimByte, onlyDelimited, bytes)
      })
    })
    await bytes.flush()
    return status
  }
  const out = new OutputBuffer(proc)
  const status = await forEachInput(proc, 'cut', operands, async (fd) => {
    for await (const batch of new LineBatches(proc, fd, eol)) {
      for (const line of batch) {
        if (mode !== 'f') out.push(cutChars(line, ranges, outDelim) + eol)
        else if (line.includes(delim)) out.push(cutFields(line, ranges, delim, outDelim) + eol)
        else if (!onlyDelimited) out.push(line + eol)
      }
      if (out.full) await out.flush()
    }
  })
  await out.flush()
  return status
}

export const cut = command({
  name: 'cut',
  usage: '-b list | -c list | -f list [-d delim] [-sz] [--complement] [--output-delimiter=S] [file ...]',
  summary: 'print selected parts of lines',
  help: `-b/-c LIST  select characters  -f LIST  select fields  -d DELIM  field delimiter (tab)
-s  skip lines without a delimiter  -z  lines end in NUL   LIST: N, N-M, N-, -M separated by commas
-n  (ignored, as in GNU cut)   --complement  select what LIST does not
--output-delimiter=S  S between the fields (or ranges) printed; GNU's long names of the flags too`,
  run,
})
