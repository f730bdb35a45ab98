/**
 * read [-rs] [-p prompt] [-a array] [-d delim] [-n count] [-t seconds] [-u fd] [name ...]: one line from
 * standard input (or descriptor fd), split on IFS into the names (the last takes the rest of the line; REPLY when
 * none is given) or, with -a, into an array. Without -r a backslash escapes the next character
 * and a backslash-newline continues the line.
 */
import { decodeBytes } from '../../kernel/bytes.ts'
import { isName } from '../lexer.ts'
import { LineReader } from '../input.ts'
import { builtinOptions } from './options.ts'
import type { Builtin, ShellHost } from './builtin.ts'

const DEFAULT_IFS = ' \t\n'

/** A line as read took it: the text with escaping backslashes removed, and where the escaped characters are. */
interface ReadText {
  text: string
  /** The UTF-16 index in `text` of each character a backslash escaped; undefined where none was. */
  escaped: ReadonlySet<number> | undefined
  eof: boolean
}

/** The UTF-16 length of the character at `i` (a surrogate pair is one character). */
function charLength(text: string, i: number): number {
  const c = text.charCodeAt(i)
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1
}

/** Splits a line into at most `n` fields the way read does: the last field takes the rest. */
export function splitForRead(text: string, escaped: ReadonlySet<number> | undefined, ifs: string, n: number): string[] {
  const isDelim = (i: number): boolean => escaped?.has(i) !== true && ifs.includes(text.slice(i, i + charLength(text, i)))
  const isWhite = (i: number): boolean => (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') && isDelim(i)
  const fields: string[] = []
  let i = 0
  const end = text.length
  while (i < end && isWhite(i)) i++
  while (fields.length < n - 1 && i < end) {
    const start = i
    while (i < end && !isDelim(i)) i += charLength(text, i)
    fields.push(text.slice(start, i))
    // one delimiter: IFS white space around at most one other IFS character
    while (i < end && isWhite(i)) i++
    if (i < end && isDelim(i)) {
      i += charLength(text, i)
      while (i < end && isWhite(i)) i++
    }
  }
  if (i < end || fields.length < n) {
    let last = end
    while (last > i && isWhite(last - 1)) last--
    fields.push(text.slice(i, last))
  }
  return fields
}

/** How `read` was asked to read: the options bash adds to POSIX's -r. */
interface ReadOptions {
  raw: boolean
  prompt?: string
  /** -a: the fields go to this indexed array. */
  array?: string
  /** -d: the character that ends the input instead of newline ('' is NUL). */
  delim: string
  /** -n: at most this many characters. */
  count?: number
  /** -t: give up after this many seconds (status 142, as bash's >128). */
  timeout?: number
  /** -u: the shell descriptor read from instead of 0, as given. */
  fd: string
  /** The first -n or -t value that is not a number of zero or more (and whether it was -t's). */
  badNumber?: { value: string; timeout: boolean }
}

/** The text up to `delim` (or `count` characters), a byte at a time so nothing past it is consumed; null at end of input. */
async function readUntil(sh: ShellHost, fd: number, o: ReadOptions): Promise<{ text: string; eof: boolean }> {
  const bytes: number[] = []
  const delim = o.delim === '' ? 0 : o.delim.charCodeAt(0)
  let eof = false
  let chars = 0
  for (;;) {
    if (o.count !== undefined && chars >= o.count) break
    const b = await sh.proc.read(fd, 1)
    if (b.length === 0) {
      eof = true
      break
    }
    if (b[0] === delim && o.count === undefined) break
    bytes.push(b[0]!)
    // a character ends at a byte that is not a UTF-8 continuation of the next
    if ((b[0]! & 0xc0) !== 0x80) chars++
  }
  return { text: decodeBytes(new Uint8Array(bytes)), eof }
}

/** A line as POSIX read takes it: backslash escapes and continuation lines unless -r. */
async function readLogicalLine(reader: LineReader, raw: boolean): Promise<ReadText> {
  let text = ''
  let escaped: Set<number> | undefined
  for (;;) {
    const line = await reader.readLine()
    if (line === null) return { text, escaped, eof: true }
    let continued = false
    if (raw || !line.includes('\\')) text += line
    else {
      let from = 0
      for (let j = line.indexOf('\\'); j >= 0; j = line.indexOf('\\', from)) {
        text += line.slice(from, j)
        if (j === line.length - 1) {
          continued = reader.terminated
          from = line.length
          break
        }
        ;(escaped ??= new Set()).add(text.length)
        from = j + 1 + charLength(line, j + 1)
        text += line.slice(j + 1, from)
      }
      text += line.slice(from)
    }
    if (!reader.terminated) return { text, escaped, eof: true }
    if (!continued) return { text, escaped, eof: false }
  }
}

function parseReadOptions(argv: readonly string[]): [ReadOptions, number] | string {
  const o: ReadOptions = { raw: false, delim: '\n', fd: '0' }
  const at = builtinOptions(argv, 'padntu', (c, value) => {
    if (c === 'r') o.raw = true
    // -s, no echo: the console's own business
    else if (c === 's') return undefined
    else if (value === undefined) return `-${c}: bad option`
    else if (c === 'p') o.prompt = value
    else if (c === 'a') o.array = value
    else if (c === 'd') o.delim = value.slice(0, 1)
    else if (c === 'n') o.count = Number(value)
    else if (c === 'u') o.fd = value
    else o.timeout = Number(value)
    // (a bad count is status 1, a bad option 2: reported after the options are read)
    if ((c === 'n' || c === 't') && !(Number(value) >= 0)) o.badNumber ??= { value: value ?? '', timeout: c === 't' }
    return undefined
  })
  return typeof at === 'string' ? `read: ${at}` : [o, at]
}

export const read: Builtin = {
  async run(sh, argv) {
    const parsed = parseReadOptions(argv)
    if (typeof parsed === 'string') {
      await sh.error(parsed)
      return 2
    }
    const [o, i] = parsed
    if (o.badNumber !== undefined) {
      await sh.error(`read: ${o.badNumber.value}: ${o.badNumber.timeout && sh.state.bash ? 'invalid timeout specification' : 'invalid number'}`)
      return 1
    }
    const names = argv.length > i ? argv.slice(i) : o.array !== undefined ? [] : ['REPLY']
    for (const n of o.array !== undefined ? [o.array, ...names] : names) {
      if (!isName(n)) {
        await sh.error(`read: ${n}: bad variable name`)
        return 2
      }
    }
    if (!/^[0-9]+$/.test(o.fd)) {
      await sh.error(`read: ${o.fd}: invalid file descriptor specification`)
      return 1
    }
    const fd = sh.io.get(Number(o.fd))
    if (fd === undefined) {
      await sh.error(`read: ${o.fd}: bad file descriptor`)
      return 1
    }
    if (o.prompt !== undefined) await sh.write(2, o.prompt)
    const input = async (): Promise<ReadText> => {
      if (o.delim === '\n' && o.count === undefined) return readLogicalLine(new LineReader(sh.proc, fd, false), o.raw)
      return { ...(await readUntil(sh, fd, o)), escaped: undefined }
    }
    let got
    if (o.timeout === undefined) got = await input()
    else {
      const timer = sh.proc.sleep(o.timeout * 1000).then(
        () => undefined,
        () => undefined,
      )
      got = await Promise.race([input(), timer])
      if (got === undefined) return 142
    }
    const ifs = sh.state.get('IFS') ?? DEFAULT_IFS
    if (o.array !== undefined) {
      const fields = splitForRead(got.text, got.escaped, ifs, Number.MAX_SAFE_INTEGER)
      sh.state.setItems(o.array, new Map(fields.filter((f, k) => f !== '' || k < fields.length - 1).map((f, k) => [String(k), f])))
    } else {
      const fields = splitForRead(got.text, got.escaped, ifs, names.length)
      names.forEach((n, k) => sh.state.set(n, fields[k] ?? ''))
    }
    return got.eof ? 1 : 0
  },
}
