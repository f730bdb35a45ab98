/** cat: copy files to standard output, chunk by chunk (never a whole file in memory), with GNU's display options. */
import { concatBytes } from '../../kernel/bytes.ts'
import { command, encode, forEachInput, parseArgs } from '../lib.ts'
import { pump } from '../util/files.ts'

/** GNU's long names of the flags. */
const LONG: Record<string, string> = {
  '--show-all': '-A',
  '--number-nonblank': '-b',
  '--show-ends': '-E',
  '--number': '-n',
  '--squeeze-blank': '-s',
  '--show-tabs': '-T',
  '--show-nonprinting': '-v',
}

export const cat = command({
  name: 'cat',
  usage: '[-AbeEnstTuv] [file ...]',
  summary: 'concatenate files to standard output',
  help: [
    '  -n  number every output line        -b  number non-empty lines (overrides -n)',
    '  -s  squeeze repeated empty lines    -E  show $ at each line end    -T  show tabs as ^I',
    '  -v  show control and high bytes (^X, M-X)   -A = -vET   -e = -vE   -t = -vT   -u  ignored',
  ].join('\n'),
  async run(proc) {
    const { flags, operands } = parseArgs(
      proc.argv.map((a) => (Object.hasOwn(LONG, a) ? LONG[a]! : a)),
      'AbeEnstTuv',
      { permute: true },
    )
    const all = flags.A === true
    const options: Shown = {
      number: flags.b ? 'nonblank' : flags.n ? 'all' : undefined,
      squeeze: flags.s === true,
      ends: all || flags.e === true || flags.E === true,
      tabs: all || flags.t === true || flags.T === true,
      nonprinting: all || flags.e === true || flags.t === true || flags.v === true,
    }
    const plain = !options.number && !options.squeeze && !options.ends && !options.tabs && !options.nonprinting
    const shower = plain ? undefined : new LineShower(options)
    return forEachInput(proc, 'cat', operands, (fd) => pump(proc, fd, (chunk) => proc.write(1, shower ? shower.show(chunk) : chunk)))
  },
})

interface Shown {
  number: 'all' | 'nonblank' | undefined
  squeeze: boolean
  ends: boolean
  tabs: boolean
  nonprinting: boolean
}

/** The byte as -v shows it: ^X for controls, ^? for DEL, M- before high bytes. */
function visible(b: number, tabs: boolean): string | undefined {
  if (b === 9) return tabs ? '^I' : undefined
  if (b >= 128) return 'M-' + (visible(b - 128, true) ?? String.fromCharCode(b - 128))
  if (b < 32) return '^' + String.fromCharCode(b + 64)
  if (b === 127) return '^?'
  return undefined
}

/**
 * What cat's options make of the text: numbers, squeezed empty lines, `$` ends, visible
 * controls. The line count, the line start and a run of empty lines carry over between chunks and files.
 */
class LineShower {
  private line = 0
  private atStart = true
  private emptyRun = 0

  constructor(private readonly o: Shown) {}

  show(chunk: Uint8Array): Uint8Array {
    const parts: Uint8Array[] = []
    let start = 0
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start)
      const end = nl < 0 ? chunk.length : nl
      const empty = this.atStart && nl === start
      if (empty) {
        this.emptyRun++
        if (this.o.squeeze && this.emptyRun > 1) {
          start = nl + 1
          continue
        }
      } else if (this.atStart) this.emptyRun = 0
      if (this.atStart && (this.o.number === 'all' || (this.o.number === 'nonblank' && !empty))) parts.push(encode(`${String(++this.line).padStart(6, ' ')}\t`))
      // GNU shows a carriage return before the line end as ^M under -E even without -v
      const cr = this.o.ends && !this.o.nonprinting && nl > start && chunk[nl - 1] === 13
      const textEnd = cr ? end - 1 : end
      parts.push(this.o.nonprinting || this.o.tabs ? this.visibleRange(chunk, start, textEnd) : chunk.subarray(start, textEnd))
      if (cr) parts.push(CARET_M)
      if (nl >= 0) parts.push(this.o.ends ? DOLLAR_NEWLINE : NEWLINE)
      this.atStart = nl >= 0
      start = end + 1
    }
    return concatBytes(parts)
  }

  private visibleRange(chunk: Uint8Array, start: number, end: number): Uint8Array {
    let from = start
    const pieces: Uint8Array[] = []
    for (let i = start; i < end; i++) {
      const b = chunk[i]!
      const shown = b === 9 ? (this.o.tabs ? '^I' : undefined) : this.o.nonprinting ? visible(b, this.o.tabs) : undefined
      if (shown === undefined) continue
      pieces.push(chunk.subarray(from, i), encode(shown))
      from = i + 1
    }
    pieces.push(chunk.subarray(from, end))
    return concatBytes(pieces)
  }
}

const NEWLINE = Uint8Array.of(10)
const CARET_M = Uint8Array.of(94, 77)
const DOLLAR_NEWLINE = Uint8Array.of(36, 10)
