/** xxd: a hex dump (and back, with -r): 16 bytes a line, grouped in pairs, with an ASCII column. */
import { command, parseArgs, UsageError } from '../lib.ts'
import { readInputsUpTo } from '../util/readupto.ts'

const printable = (b: number): string => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')
const hex2 = (b: number): string => b.toString(16).padStart(2, '0')

export const xxd = command({
  name: 'xxd',
  usage: '[-p] [-r] [-u] [-c cols] [-g bytes] [-l len] [-s seek] [infile [outfile]]',
  summary: 'make a hex dump, or turn one back into bytes',
  help: '  -p  plain: hex only, 30 bytes a line   -r  reverse (a plain or normal dump back to bytes)\n  -c N  bytes a line (16)   -g N  bytes a group (2)   -l N  stop after N bytes   -s N  start at N   -u  upper-case hex',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'prui:c:g:l:s:')
    if (operands.length > 2) throw new UsageError(`too many arguments`)
    const num = (v: string | true | undefined, fallback: number): number => {
      if (typeof v !== 'string') return fallback
      const n = Number(v)
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`invalid number '${v}'`)
      return n
    }
    const seek = num(flags.s, 0)
    const len = num(flags.l, Infinity)
    // a dump reads only what it shows: `xxd -l 16 /dev/random` ends
    const input = await readInputsUpTo(proc, operands.slice(0, 1), flags.r ? Infinity : seek + len)
    let out: Uint8Array | string
    if (flags.r) {
      out = reverse(new TextDecoder().decode(input), flags.p === true)
    } else {
      const data = input.subarray(seek)
      const cols = num(flags.c, flags.p ? 30 : 16) || 16
      const group = num(flags.g, 2)
      const hex = flags.u ? (b: number) => hex2(b).toUpperCase() : hex2
      const lines: string[] = []
      for (let at = 0; at < data.length; at += cols) {
        const row = data.subarray(at, at + cols)
        if (flags.p) {
          lines.push(Array.from(row, hex).join('') + '\n')
          continue
        }
        let hexPart = ''
        for (let i = 0; i < cols; i++) {
          hexPart += i < row.length ? hex(row[i]!) : '  '
          if (group > 0 && (i + 1) % group === 0 && i + 1 < cols) hexPart += ' '
        }
        lines.push(`${(seek + at).toString(16).padStart(8, '0')}: ${hexPart}  ${Array.from(row, printable).join('')}\n`)
      }
      out = lines.join('')
    }
    if (operands[1] !== undefined) await proc.writeFile(operands[1], out)
    else await proc.stdout.write(out)
    return 0
  },
})

/** -r: hex digits back to bytes; in a normal dump only the hex columns between the offset and the text count. */
function reverse(text: string, plain: boolean): Uint8Array {
  const bytes: number[] = []
  for (let line of text.split('\n')) {
    if (!plain) {
      const colon = line.indexOf(':')
      if (colon < 0) continue
      // the text column follows two spaces
      line = line.slice(colon + 1)
      const gap = line.indexOf('  ')
      if (gap >= 0) line = line.slice(0, gap)
    }
    const digits = line.replace(/[^0-9a-fA-F]/g, '')
    for (let i = 0; i + 1 < digits.length; i += 2) bytes.push(parseInt(digits.slice(i, i + 2), 16))
  }
  return Uint8Array.from(bytes)
}
