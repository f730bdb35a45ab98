/**
 * diff: compare two files line by line (the changes from util/linediff.ts). GNU's normal
 * output by default, unified with -u / -U N, context with -c / -C N, an ed script with -e, two
 * columns with -y (util/diffformats.ts), just whether they differ with -q; directories entry by
 * entry (-r: their subdirectories too). Exit 0 when the same, 1 when different, 2 on trouble.
 * Bytes are kept as they are: no decoding of the text.
 */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, encode, fail, readAll } from '../lib.ts'
import { parseArgsOr } from '../util/args.ts'
import { childPath, isDir, lastElement } from '../util/files.ts'
import { diffTime } from '../util/timefmt.ts'
import { localZone } from '../util/timezone.ts'
import { byteStringToBytes, bytesToByteString } from '../util/bytestring.ts'
import { contextFormat, edScript, hunks, show, sideBySide, type Columns } from '../util/diffformats.ts'
import { findChanges, type Change } from '../util/linediff.ts'
import { splitInStretches } from '../util/wholetext.ts'

const USAGE = '[-qsrNBibw] [-u | -U lines | -c | -C lines | -e | -y [-W width]] file1 file2'

/** One changed region: lines [a0, a1) of the first file became lines [b0, b1) of the second. */
interface Side {
  name: string
  /** Its modification time as the -u and -c headers show it, in the local zone. */
  time: string
  /** The lines as byte strings (one char a byte); an unterminated last line ends in `\n`. */
  lines: string[]
  binary: boolean
}

/** GNU's long names for diff's options. */
const LONG = {
  brief: 'q',
  unified: 'U::3',
  context: 'C::3',
  ed: 'e',
  'side-by-side': 'y',
  width: 'W:',
  'suppress-common-lines': '',
  'left-column': '',
  'ignore-case': 'i',
  'ignore-space-change': 'b',
  'ignore-all-space': 'w',
  recursive: 'r',
  'new-file': 'N',
  'ignore-blank-lines': 'B',
  'report-identical-files': 's',
}

export const diff = command({
  name: 'diff',
  usage: USAGE,
  summary: 'compare files line by line',
  help: [
    '  -u      unified output with 3 lines of context',
    '  -U N    unified output with N lines of context',
    '  -c      context output with 3 lines of context   -C N  with N lines',
    '  -e      an ed script that makes file1 into file2',
    '  -y      the two files side by side   -W N  in N columns (130)',
    '          --suppress-common-lines   --left-column  (with -y)',
    '  -q      only say whether the files differ',
    '  -s      say so when the files are the same',
    '  -r      compare subdirectories too (directories are compared entry by entry)',
    '  -N      a file missing on one side reads as empty   -B  ignore changes that only add or remove empty lines',
    '  -i      ignore case   -b  ignore changes in the amount of blank space   -w  ignore all blank space',
  ].join('\n'),
  async run(proc) {
    const args = await parseArgsOr(proc, 'diff', USAGE, 'quU:cC:eyW:ibwrNBs', 2, proc.argv, LONG)
    if (typeof args === 'number') return args
    const { flags, operands, longs } = args
    if (operands.length !== 2) {
      await proc.stderr.write(`diff: ${operands.length < 2 ? 'missing operand' : `extra operand '${operands[2]}'`}\nusage: diff ${USAGE}\n`)
      return 2
    }
    const format = formatOf(flags, longs)
    if (typeof format === 'string') {
      await proc.stderr.write(`diff: ${format}\ndiff: Try 'diff --help' for more information.\n`)
      return 2
    }
    const key = lineKey(flags.i === true, flags.b === true, flags.w === true)
    const options: Options = {
      format,
      brief: flags.q === true,
      recursive: flags.r === true,
      absentAsEmpty: flags.N === true,
      ignoreBlankLines: flags.B === true,
      reportSame: flags.s === true,
      key,
      // GNU names each pair of a directory comparison with the options as typed
      switches: proc.argv.slice(1).filter((a) => !operands.includes(a)),
    }
    const [x, y] = [operands[0]!, operands[1]!]
    const kinds: Kind[] = []
    for (const name of [x, y]) {
      const kind = await kindOf(proc, name)
      if (kind === 'absent' && !options.absentAsEmpty) {
        await fail(proc, 'diff', name, await proc.stat(name).catch((e: unknown) => e))
        return 2
      }
      kinds.push(kind)
    }
    if (kinds[0] === 'dir' && kinds[1] === 'dir') return compareDirs(proc, x, y, options)
    // a directory and a file: the file of that name in the directory, which must be there (-N or not, as GNU's)
    const inDir = { ...options, absentAsEmpty: false }
    if (kinds[0] === 'dir') return compareFiles(proc, childPath(x, lastElement(y)), y, inDir)
    if (kinds[1] === 'dir') return compareFiles(proc, x, childPath(y, lastElement(x)), inDir)
    return compareFiles(proc, x, y, options)
  },
})

/** How the differences are printed. */
type Format = { kind: 'normal' } | { kind: 'unified' | 'context'; lines: number } | { kind: 'ed' } | ({ kind: 'columns' } & Columns)

/** The output format the options ask for, or why they cannot be had together. */
function formatOf(flags: Record<string, string | boolean | undefined>, longs: Record<string, string | true>): Format | string {
  const asked: Format[] = []
  for (const [letter, kind, given] of [['U', 'unified', flags.u], ['C', 'context', flags.c]] as const) {
    const value = flags[letter]
    if (typeof value === 'string') {
      if (!/^\d+$/.test(value)) return `invalid context length '${value}'`
      asked.push({ kind, lines: Number(value) })
    } else if (given) asked.push({ kind, lines: 3 })
  }
  if (flags.e) asked.push({ kind: 'ed' })
  if (flags.y) {
    const width = typeof flags.W === 'string' ? flags.W : '130'
    if (!/^\d+$/.test(width) || Number(width) === 0) return `invalid width '${width}'`
    asked.push({ kind: 'columns', width: Number(width), suppressCommon: longs['suppress-common-lines'] === true, leftColumn: longs['left-column'] === true })
  }
  // GNU takes the last -u or -c and refuses two different kinds
  const kinds = new Set(asked.map((f) => f.kind))
  if (kinds.size > 1) return 'conflicting output style options'
  return asked[asked.length - 1] ?? { kind: 'normal' }
}

interface Options {
  format: Format
  brief: boolean
  recursive: boolean
  absentAsEmpty: boolean
  ignoreBlankLines: boolean
  reportSame: boolean
  /** What -i, -b and -w compare of a line instead of the line (lineKey). */
  key: ((line: string) => string) | undefined
  switches: string[]
}

type Kind = 'file' | 'dir' | 'absent'

async function kindOf(proc: ProcContext, name: string): Promise<Kind> {
  if (name === '-') return 'file'
  try {
    return isDir(await proc.stat(name)) ? 'dir' : 'file'
  } catch {
    return 'absent'
  }
}

/** Two files: nothing when the same (or, -s, that they are), else their differences; `header` names the pair inside a directory comparison. */
async function compareFiles(proc: ProcContext, x: string, y: string, options: Options, header?: string): Promise<ExitCode> {
  const sides: Side[] = []
  for (const name of [x, y]) {
    try {
      sides.push(await load(proc, name, options.absentAsEmpty))
    } catch (e) {
      await fail(proc, 'diff', name, e)
      return 2
    }
  }
  const [a, b] = sides as [Side, Side]
  // an ed script cannot say a line has no newline: GNU compares such lines without it, then
  // names the file (its message ends in an empty line) and the status is trouble's
  const unended: string[] = []
  if (options.format.kind === 'ed') {
    for (const side of [a, b]) {
      const last = side.lines.length - 1
      if (last < 0 || !side.lines[last]!.endsWith('\n')) continue
      unended.push(side.name)
      side.lines[last] = side.lines[last]!.slice(0, -1)
    }
  }
  const binary = a.binary || b.binary
  const changes = binary
    ? a.lines.length === b.lines.length && a.lines.every((line, i) => line === b.lines[i])
      ? []
      : [{ a0: 0, a1: a.lines.length, b0: 0, b1: b.lines.length }]
    : (await findChanges(proc, a.lines, b.lines, options.key)).filter((c) => !(options.ignoreBlankLines && onlyBlank(a.lines, b.lines, c)))
  if (changes.length === 0) {
    // -y shows the common lines even of files that are the same
    const columns = options.format.kind === 'columns' && !options.brief && !binary ? sideBySide(a.lines, b.lines, [], options.format) : ''
    if (columns !== '') await proc.write(1, byteStringToBytes(columns))
    if (options.reportSame) await proc.stdout.write(`Files ${a.name} and ${b.name} are identical\n`)
    return unendedTrouble(proc, unended, 0)
  }
  if (options.brief || binary) {
    await proc.stdout.write(`${options.brief ? 'Files' : 'Binary files'} ${a.name} and ${b.name} differ\n`)
    return 1
  }
  const text = formatted(a, b, changes, options.format)
  await proc.write(1, byteStringToBytes((header === undefined ? '' : bytesToByteString(encode(header))) + text))
  return unendedTrouble(proc, unended, 1)
}

/** -e's files whose last line has no newline, named as GNU names them; trouble's status if any, else `status`. */
async function unendedTrouble(proc: ProcContext, names: readonly string[], status: ExitCode): Promise<ExitCode> {
  for (const name of names) await proc.stderr.write(`diff: ${name}: No newline at end of file\n\n`)
  return names.length > 0 ? 2 : status
}

/** -B: a change that only adds or removes empty lines. */
function onlyBlank(a: string[], b: string[], c: Change): boolean {
  for (let i = c.a0; i < c.a1; i++) if (a[i] !== '') return false
  for (let i = c.b0; i < c.b1; i++) if (b[i] !== '') return false
  return true
}

/** Two directories as GNU compares them: entries in name order, subdirectories followed with -r. */
async function compareDirs(proc: ProcContext, x: string, y: string, options: Options): Promise<ExitCode> {
  const listed: Set<string>[] = []
  for (const dir of [x, y]) {
    try {
      listed.push(new Set((await proc.readdir(dir)).map((d) => d.name)))
    } catch (e) {
      await fail(proc, 'diff', dir, e)
      return 2
    }
  }
  const [left, right] = listed as [Set<string>, Set<string>]
  const names = [...new Set([...left, ...right])].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0))
  let status: ExitCode = 0
  const worst = (code: ExitCode): void => {
    if (code > status) status = code
  }
  for (const name of names) {
    const [px, py] = [childPath(x, name), childPath(y, name)]
    const [kx, ky] = [await kindOf(proc, px), await kindOf(proc, py)]
    if (kx === 'dir' && ky === 'dir') {
      if (options.recursive) worst(await compareDirs(proc, px, py, options))
      else await proc.stdout.write(`Common subdirectories: ${px} and ${py}\n`)
    } else if (kx === 'absent' || ky === 'absent') {
      if (options.absentAsEmpty && (kx === 'file' || ky === 'file')) worst(await compareFiles(proc, px, py, options, `diff ${[...options.switches, px, py].join(' ')}\n`))
      else {
        await proc.stdout.write(`Only in ${kx === 'absent' ? y : x}: ${name}\n`)
        worst(1)
      }
    } else if (kx !== ky) {
      await proc.stdout.write(`File ${px} is a ${describe(kx)} while file ${py} is a ${describe(ky)}\n`)
      worst(1)
    } else worst(await compareFiles(proc, px, py, options, options.brief ? undefined : `diff ${[...options.switches, px, py].join(' ')}\n`))
  }
  return status
}

const describe = (kind: Kind): string => (kind === 'dir' ? 'directory' : 'regular file')

/** A file's lines; with `absentAsEmpty` (-N) a missing file reads as empty, dated 1970. */
async function load(proc: ProcContext, name: string, absentAsEmpty: boolean): Promise<Side> {
  let bytes: Uint8Array
  let mtime = Math.floor(Date.now() / 1000)
  if (name === '-') bytes = await readAll(proc, 0)
  else if (absentAsEmpty && (await kindOf(proc, name)) === 'absent') {
    bytes = new Uint8Array(0)
    mtime = 0
  } else {
    mtime = (await proc.stat(name)).mtime
    const fd = await proc.open(name)
    try {
      bytes = await readAll(proc, fd)
    } finally {
      await proc.close(fd).catch(() => {})
    }
  }
  return { name, time: diffTime(mtime, localZone(proc.env)), lines: await splitLines(proc, bytesToByteString(bytes)), binary: bytes.indexOf(0) >= 0 }
}

/** Lines without their newline; an unterminated last line keeps a `\n` so it differs from a terminated one. */
async function splitLines(proc: ProcContext, text: string): Promise<string[]> {
  if (text === '') return []
  const lines = await splitInStretches(proc, text)
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

/** The differences as `format` prints them. */
function formatted(a: Side, b: Side, changes: Change[], format: Format): string {
  switch (format.kind) {
    case 'normal':
      return normal(a.lines, b.lines, changes)
    case 'unified':
      return unified(a, b, changes, format.lines)
    case 'context':
      return contextFormat(header('***', a) + header('---', b), a.lines, b.lines, changes, format.lines)
    case 'ed':
      return edScript(b.lines, changes)
    case 'columns':
      return sideBySide(a.lines, b.lines, changes, format)
  }
}

/** A file's line at the top of -u and -c output: its name and time (as bytes in a byte string). */
const header = (mark: string, side: Side): string => bytesToByteString(encode(`${mark} ${side.name}\t${side.time}\n`))

/** `-u`: hunks of changes less than 2×context lines apart, with `context` lines around them. */
function unified(a: Side, b: Side, changes: Change[], context: number): string {
  let out = header('---', a) + header('+++', b)
  for (const [i, j] of hunks(changes, context)) {
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
  }
  return out
}

/** `start,count`, `start` alone for one line, and the line before for none (GNU's hunk header). */
const hunkRange = (from: number, to: number): string => (to - from === 1 ? String(from + 1) : to === from ? `${from},0` : `${from + 1},${to - from}`)
