/**
 * diff: compare two files line by line (the `diff` library finds the changes). GNU's normal
 * output by default, unified with -u / -U N, just whether they differ with -q. Exit 0 when the
 * same, 1 when different, 2 on trouble. Bytes are kept as they are: no decoding of the text.
 */
import { diffArrays } from 'diff'
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, encode, fail, readAll } from '../lib.ts'
import { parseArgsOr } from '../util/args.ts'
import { childPath, isDir, lastElement } from '../util/files.ts'
import { diffTime } from '../util/timefmt.ts'
import { byteStringToBytes, bytesToByteString } from '../util/bytestring.ts'

const USAGE = '[-q] [-u | -U lines] file1 file2'

/** One changed region: lines [a0, a1) of the first file became lines [b0, b1) of the second. */
interface Change {
  a0: number
  a1: number
  b0: number
  b1: number
}

interface Side {
  name: string
  mtime: number
  /** The lines as byte strings (one char a byte); an unterminated last line ends in `\n`. */
  lines: string[]
  binary: boolean
}

export const diff = command({
  name: 'diff',
  usage: USAGE,
  summary: 'compare files line by line',
  help: [
    '  -u      unified output with 3 lines of context',
    '  -U N    unified output with N lines of context',
    '  -q      only say whether the files differ',
    '  -i      ignore case   -b  ignore changes in the amount of blank space   -w  ignore all blank space',
  ].join('\n'),
  async run(proc) {
    const args = await parseArgsOr(proc, 'diff', USAGE, 'quU:ibw', 2)
    if (typeof args === 'number') return args
    const { flags, operands } = args
    if (operands.length !== 2) {
      await proc.stderr.write(`diff: ${operands.length < 2 ? 'missing operand' : `extra operand '${operands[2]}'`}\nusage: diff ${USAGE}\n`)
      return 2
    }
    let context: number | undefined
    if (typeof flags.U === 'string') {
      if (!/^\d+$/.test(flags.U)) {
        await proc.stderr.write(`diff: invalid context length '${flags.U}'\n`)
        return 2
      }
      context = Number(flags.U)
    } else if (flags.u) context = 3
    const names = await pairNames(proc, operands[0]!, operands[1]!)
    if (typeof names === 'number') return names
    const sides: Side[] = []
    for (const name of names) {
      try {
        sides.push(await load(proc, name))
      } catch (e) {
        await fail(proc, 'diff', name, e)
        return 2
      }
    }
    const [a, b] = sides as [Side, Side]
    const key = lineKey(flags.i === true, flags.b === true, flags.w === true)
    const same = (x: string, y: string): boolean => x === y || (key !== undefined && key(x) === key(y))
    if (flags.q || a.binary || b.binary) {
      if (a.lines.length === b.lines.length && a.lines.every((line, i) => same(line, b.lines[i]!))) return 0
      await proc.stdout.write(`${flags.q ? 'Files' : 'Binary files'} ${a.name} and ${b.name} differ\n`)
      return 1
    }
    const changes = findChanges(a.lines, b.lines, same)
    if (changes.length === 0) return 0
    const text = context === undefined ? normal(a.lines, b.lines, changes) : unified(a, b, changes, context)
    await proc.write(1, byteStringToBytes(text))
    return 1
  },
})

/** With a directory and a file, the file of the same name in the directory (GNU's rule). */
async function pairNames(proc: ProcContext, x: string, y: string): Promise<[string, string] | ExitCode> {
  const dirs: boolean[] = []
  for (const name of [x, y]) {
    try {
      dirs.push(name !== '-' && isDir(await proc.stat(name)))
    } catch (e) {
      await fail(proc, 'diff', name, e)
      return 2
    }
  }
  if (dirs[0] && dirs[1]) {
    await proc.stderr.write('diff: not implemented: comparing directories\n')
    return 2
  }
  if (dirs[0]) return [childPath(x, lastElement(y)), y]
  if (dirs[1]) return [x, childPath(y, lastElement(x))]
  return [x, y]
}

async function load(proc: ProcContext, name: string): Promise<Side> {
  let bytes: Uint8Array
  let mtime = Math.floor(Date.now() / 1000)
  if (name === '-') bytes = await readAll(proc, 0)
  else {
    mtime = (await proc.stat(name)).mtime
    const fd = await proc.open(name)
    try {
      bytes = await readAll(proc, fd)
    } finally {
      await proc.close(fd).catch(() => {})
    }
  }
  return { name, mtime, lines: splitLines(bytesToByteString(bytes)), binary: bytes.indexOf(0) >= 0 }
}

/** Lines without their newline; an unterminated last line keeps a `\n` so it differs from a terminated one. */
function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  else lines[lines.length - 1] += '\n'
  return lines
}

/** What -i, -b and -w compare of a line instead of the line; undefined when lines compare whole. */
function lineKey(ignoreCase: boolean, blankAmount: boolean, allBlanks: boolean): ((line: string) => string) | undefined {
  if (!ignoreCase && !blankAmount && !allBlanks) return undefined
  return (line) => {
    let k = ignoreCase ? line.toLowerCase() : line
    if (allBlanks) k = k.replace(/[ \t\v\f\r]+/g, '')
    else if (blankAmount) k = k.replace(/[ \t\v\f\r]+/g, ' ').replace(/ $/, '').replace(/ \n$/, '\n')
    return k
  }
}

function findChanges(a: string[], b: string[], same: (x: string, y: string) => boolean): Change[] {
  const changes: Change[] = []
  let ai = 0
  let bi = 0
  let open: Change | undefined
  for (const part of diffArrays(a, b, { comparator: same })) {
    const n = part.count ?? part.value.length
    if (!part.added && !part.removed) {
      open = undefined
      ai += n
      bi += n
      continue
    }
    if (open === undefined) changes.push((open = { a0: ai, a1: ai, b0: bi, b1: bi }))
    if (part.removed) open.a1 = ai += n
    else open.b1 = bi += n
  }
  return changes
}

/** A line as printed: the no-newline marker after an unterminated last line. */
const show = (prefix: string, line: string): string =>
  line.endsWith('\n') ? `${prefix}${line.slice(0, -1)}\n\\ No newline at end of file\n` : `${prefix}${line}\n`

const range = (from: number, to: number): string => (to - from <= 1 ? String(to === from ? from : to) : `${from + 1},${to}`)

/** GNU's default format: `2,3c2`, `< old`, `---`, `> new`. */
function normal(a: string[], b: string[], changes: Change[]): string {
  let out = ''
  for (const c of changes) {
    const kind = c.a0 === c.a1 ? 'a' : c.b0 === c.b1 ? 'd' : 'c'
    out += `${range(c.a0, c.a1)}${kind}${range(c.b0, c.b1)}\n`
    for (let i = c.a0; i < c.a1; i++) out += show('< ', a[i]!)
    if (kind === 'c') out += '---\n'
    for (let i = c.b0; i < c.b1; i++) out += show('> ', b[i]!)
  }
  return out
}

/** `-u`: hunks of changes less than 2×context lines apart, with `context` lines around them. */
function unified(a: Side, b: Side, changes: Change[], context: number): string {
  const header = `--- ${a.name}\t${diffTime(a.mtime)}\n+++ ${b.name}\t${diffTime(b.mtime)}\n`
  let out = bytesToByteString(encode(header))
  for (let i = 0; i < changes.length; ) {
    let j = i
    while (j + 1 < changes.length && changes[j + 1]!.a0 - changes[j]!.a1 <= 2 * context) j++
    const first = changes[i]!
    const last = changes[j]!
    const a0 = Math.max(0, first.a0 - context)
    const b0 = Math.max(0, first.b0 - context)
    const a1 = Math.min(a.lines.length, last.a1 + context)
    const b1 = Math.min(b.lines.length, last.b1 + context)
    out += `@@ -${hunkRange(a0, a1)} +${hunkRange(b0, b1)} @@\n`
    let ai = a0
    for (let k = i; k <= j; k++) {
      const c = changes[k]!
      for (; ai < c.a0; ai++) out += show(' ', a.lines[ai]!)
      for (let x = c.a0; x < c.a1; x++) out += show('-', a.lines[x]!)
      for (let y = c.b0; y < c.b1; y++) out += show('+', b.lines[y]!)
      ai = c.a1
    }
    for (; ai < a1; ai++) out += show(' ', a.lines[ai]!)
    i = j + 1
  }
  return out
}

/** `start,count`, `start` alone for one line, and the line before for none (GNU's hunk header). */
const hunkRange = (from: number, to: number): string => (to - from === 1 ? String(from + 1) : to === from ? `${from},0` : `${from + 1},${to - from}`)
