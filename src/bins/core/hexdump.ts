/** hexdump: -C (canonical hex+ASCII, as `hd`), or the default 16-bit word dump; repeated lines fold to `*`. */
import { command, parseArgs, UsageError } from '../lib.ts'
import { readInputsUpTo } from '../util/readupto.ts'
import { OutputBuffer } from '../util/textio.ts'

const hex2 = (b: number): string => b.toString(16).padStart(2, '0')

export const hexdump = command({
  name: 'hexdump',
  usage: '[-Cv] [-n length] [-s skip] [file ...]',
  summary: 'display file contents in hexadecimal',
  help: '  -C  canonical: hex bytes and text   -v  show repeated lines   -n N  only N bytes   -s N  skip N bytes',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'Cvn:s:')
    const num = (v: string | true | undefined, fallback: number): number => {
      if (typeof v !== 'string') return fallback
      const n = Number(v)
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`bad number: '${v}'`)
      return n
    }
    const skip = num(flags.s, 0)
    const data = (await readInputsUpTo(proc, operands, skip + num(flags.n, Infinity))).subarray(skip)
    // written as it is made: the dump is four to five times its input
    const lines = new OutputBuffer(proc)
    let previous: string | undefined
    let starred = false
    for (let at = 0; at < data.length; at += 16) {
      if (lines.full) await lines.flush()
      const row = data.subarray(at, at + 16)
      const body = flags.C ? canonical(row) : words(row)
      if (!flags.v && row.length === 16 && body === previous) {
        if (!starred) lines.push('*\n')
        starred = true
        continue
      }
      starred = false
      previous = body
      lines.push(`${(skip + at).toString(16).padStart(flags.C ? 8 : 7, '0')}${body}\n`)
    }
    if (data.length > 0) lines.push(`${(skip + data.length).toString(16).padStart(flags.C ? 8 : 7, '0')}\n`)
    await lines.flush()
    return 0
  },
})

function canonical(row: Uint8Array): string {
  let hex = ''
  for (let i = 0; i < 16; i++) {
    hex += i < row.length ? ` ${hex2(row[i]!)}` : '   '
    if (i === 7) hex += ' '
  }
  const text = Array.from(row, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('')
  return `  ${hex.slice(1)}  |${text}|`
}

/** The default: little-endian 16-bit words, in hex. */
function words(row: Uint8Array): string {
  let s = ''
  for (let i = 0; i < row.length; i += 2) s += ' ' + ((row[i]! | ((row[i + 1] ?? 0) << 8)).toString(16).padStart(4, '0'))
  return s + ' '.repeat((8 - Math.ceil(row.length / 2)) * 5)
}
