/**
 * iconv -f FROM -t TO[//TRANSLIT][//IGNORE] [-c] [-o FILE] [file ...]; iconv -l: converts text
 * between character encodings. Decoding takes what the host's TextDecoder knows (the WHATWG
 * encodings) besides UTF-16/32 with or without a byte order mark and true ISO-8859-1; encoding
 * writes UTF-8, UTF-16, UTF-32, ASCII and the single-byte encodings (ISO-8859-n, windows-125n,
 * KOI8, …), whose tables are read from the decoder. As glibc's: a character the target cannot
 * hold stops the conversion as bad input does, "illegal input sequence at position N" (status
 * 1), after what came before it; -c and //IGNORE leave it out (//IGNORE then says so at the
 * input's end, status 1), //TRANSLIT writes a likeness (é as e, € as EUR).
 */
import { OWRITE, type ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, readAll } from '../lib.ts'
import { longOptions } from '../util/longopts.ts'

const USAGE = '-f from -t to[//TRANSLIT][//IGNORE] [-c] [-o file] [file ...] | -l'

/** Names (upper case, without - and _) for the encodings written here by hand, and what they are. */
const BUILT_IN: Record<string, string> = {
  UTF8: 'UTF-8',
  UTF16: 'UTF-16',
  UTF16LE: 'UTF-16LE',
  UTF16BE: 'UTF-16BE',
  UTF32: 'UTF-32',
  UTF32LE: 'UTF-32LE',
  UTF32BE: 'UTF-32BE',
  ASCII: 'ASCII',
  USASCII: 'ASCII',
  ISO88591: 'ISO-8859-1',
  LATIN1: 'ISO-8859-1',
  L1: 'ISO-8859-1',
}

/** Likenesses for //TRANSLIT where taking the accents away is not enough (glibc's choices). */
const LIKENESS: Record<string, string> = {
  '…': '...', '•': 'o', '™': '(TM)', '®': '(R)', '©': '(C)', '£': 'GBP', '¥': 'JPY', '€': 'EUR',
  ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', '¼': ' 1/4 ', '½': ' 1/2 ', '¾': ' 3/4 ', '×': 'x', '÷': '/',
  µ: 'u', '¡': '!', '«': '<<', '»': '>>', '‘': "'", '’': "'", '‚': ',', '‛': "'", '“': '"', '”': '"', '„': ',,',
  '–': '-', '—': '-', '‐': '-', '−': '-', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', þ: 'th', Þ: 'TH',
  ð: 'd', Ð: 'D', '\u00a0': ' ',
}

/** A character the target cannot hold (glibc says so as it says of bad input). */
class Unconvertible extends Error {
  constructor(
    readonly position: number,
    /** What was converted before it. */
    readonly written: Uint8Array,
  ) {
    super('illegal input sequence')
  }
}

class IllegalInput extends Error {
  constructor(
    readonly position: number,
    /** The input ends inside a character. */
    readonly cut = false,
  ) {
    super('illegal input sequence')
  }
}

/**
 * windows-1252's characters for the bytes 0x80–0x9F (none for five of them, as glibc's table):
 * written here because Node's TextDecoder reads those bytes as ISO-8859-1's control characters.
 */
const CP1252_HIGH = '€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ'

/** The WHATWG encodings of more than a byte a character besides UTF-8 and UTF-16 (read, not written here). */
const MULTI_BYTE = new Set(['shift_jis', 'euc-jp', 'iso-2022-jp', 'gbk', 'gb18030', 'big5', 'euc-kr'])

const canonical = (name: string): string => name.toUpperCase().replace(/[-_]/g, '')

/** What one encoding is: a name here, or a label the host's TextDecoder takes; undefined if neither. */
function encodingOf(name: string): string | undefined {
  const own = BUILT_IN[canonical(name)]
  if (own !== undefined) return own
  try {
    return new TextDecoder(name).encoding
  } catch {
    return undefined
  }
}

/** The text of `bytes` in `encoding`, or IllegalInput at the first byte that is not part of one. */
function decode(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'ISO-8859-1') {
    let s = ''
    for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode(...bytes.subarray(i, i + 4096))
    return s
  }
  if (encoding === 'ASCII' || encoding === 'windows-1252') {
    const table = singleByteTable(encoding)!
    const chars = new Map([...table].map(([c, b]) => [b, c]))
    let s = ''
    for (let i = 0; i < bytes.length; i++) {
      const c = chars.get(bytes[i]!)
      if (c === undefined) throw new IllegalInput(i)
      s += c
    }
    return s
  }
  if (encoding.startsWith('UTF-32')) return decodeUtf32(bytes, encoding)
  // UTF-16 without a mark is read little-endian, as glibc reads it here
  const label = encoding === 'UTF-16' ? (bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-16le') : encoding
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes)
  } catch {
    throw firstInvalid(bytes, label)
  }
}

/**
 * Where decoding `bytes` first fails: the longest prefix a streaming decoder takes without
 * error (a prefix that ends inside a character is taken: the rest may follow). When all of it
 * is taken, the input ends inside a character: where that character starts.
 */
function firstInvalid(bytes: Uint8Array, label: string): IllegalInput {
  const takes = (n: number): boolean => {
    try {
      new TextDecoder(label, { fatal: true }).decode(bytes.subarray(0, n), { stream: true })
      return true
    } catch {
      return false
    }
  }
  let lo = 0
  let hi = bytes.length
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (takes(mid)) lo = mid
    else hi = mid - 1
  }
  if (lo < bytes.length) return new IllegalInput(lo)
  let start = bytes.length
  while (start > 0) {
    start--
    try {
      new TextDecoder(label, { fatal: true }).decode(bytes.subarray(0, start))
      break
    } catch {
      // still inside the cut character
    }
  }
  return new IllegalInput(start, true)
}

function decodeUtf32(bytes: Uint8Array, encoding: string): string {
  let at = 0
  let little = encoding !== 'UTF-32BE'
  if (encoding === 'UTF-32' && bytes.length >= 4) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) at = 4
    else if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) {
      at = 4
      little = false
    }
  }
  let s = ''
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (; at + 4 <= bytes.length; at += 4) {
    const c = view.getUint32(at, little)
    if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) throw new IllegalInput(at)
    s += String.fromCodePoint(c)
  }
  if (at < bytes.length) throw new IllegalInput(at)
  return s
}

/** A single-byte encoding's table, from its decoder: character → byte. */
function singleByteTable(encoding: string): Map<string, number> | undefined {
  if (encoding === 'ASCII') return new Map(Array.from({ length: 128 }, (_, b) => [String.fromCharCode(b), b]))
  if (encoding === 'ISO-8859-1') return new Map(Array.from({ length: 256 }, (_, b) => [String.fromCharCode(b), b]))
  if (encoding === 'windows-1252') {
    const table = new Map(Array.from({ length: 256 }, (_, b) => [b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b), b]))
    table.delete('\0')
    table.set('\0', 0)
    return table
  }
  if (MULTI_BYTE.has(encoding)) return undefined
  const decoder = new TextDecoder(encoding)
  const table = new Map<string, number>()
  for (let b = 255; b >= 0; b--) {
    const c = decoder.decode(new Uint8Array([b]))
    if (c !== '\ufffd') table.set(c, b)
  }
  return table
}

interface Target {
  encoding: string
  translit: boolean
  ignore: boolean
}

/** The text in the target encoding; characters it cannot hold left out, likened or (the first) Unconvertible at its position in the input. */
function encode(text: string, t: Target, positions: (index: number) => number): { bytes: Uint8Array; omitted: boolean } {
  const out: number[] = []
  let omitted = false
  const e = t.encoding
  if (e === 'UTF-8') return { bytes: new TextEncoder().encode(text), omitted }
  if (e.startsWith('UTF-16') || e.startsWith('UTF-32')) {
    const wide = e.startsWith('UTF-32')
    const little = !e.endsWith('BE')
    // the plain names write a byte order mark, little-endian, as glibc does here
    const units: number[] = e === 'UTF-16' || e === 'UTF-32' ? [0xfeff] : []
    for (const c of text) {
      const cp = c.codePointAt(0)!
      if (wide) units.push(cp)
      else for (let k = 0; k < c.length; k++) units.push(c.charCodeAt(k))
    }
    const size = wide ? 4 : 2
    const bytes = new Uint8Array(units.length * size)
    const view = new DataView(bytes.buffer)
    units.forEach((u, i) => (wide ? view.setUint32(i * 4, u, little) : view.setUint16(i * 2, u, little)))
    return { bytes, omitted }
  }
  const table = singleByteTable(e)!
  let index = 0
  for (const c of text) {
    const b = table.get(c)
    if (b !== undefined) out.push(b)
    else if (t.translit) {
      for (const l of likeness(c)) {
        const lb = table.get(l)
        out.push(lb ?? 63)
      }
    } else if (t.ignore) omitted = true
    else throw new Unconvertible(positions(index), new Uint8Array(out))
    index += c.length
  }
  return { bytes: new Uint8Array(out), omitted }
}

/** //TRANSLIT's stand-in for a character: a likeness, the letter without its accents, or `?`. */
function likeness(c: string): string {
  const known = LIKENESS[c]
  if (known !== undefined) return known
  const bare = c.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  return bare !== '' && /^[\x20-\x7e]+$/.test(bare) ? bare : '?'
}

/** For each UTF-16 index of the decoded text, where its character began in the input. */
function inputPositions(text: string, source: Uint8Array, encoding: string): (index: number) => number {
  // measured by encoding the text before it again: exact for the encodings that round-trip
  return (index) => {
    if (encoding === 'UTF-8') return new TextEncoder().encode(text.slice(0, index)).length
    if (encoding.startsWith('UTF-16')) return index * 2 + (encoding === 'UTF-16' && source[0] !== undefined && (source[0] === 0xff || source[0] === 0xfe) ? 2 : 0)
    if (encoding.startsWith('UTF-32')) return [...text.slice(0, index)].length * 4
    return [...text.slice(0, index)].length
  }
}

/**
 * Converts one input and writes it; whether something was left out. At trouble, what came
 * before it is written first (as glibc's), then IllegalInput or Unconvertible is thrown.
 */
async function convert(out: Output, bytes: Uint8Array, from: string, target: Target): Promise<boolean> {
  let text: string
  let skipped = false
  try {
    ;[text, skipped] = target.ignore ? decodeSkipping(bytes, from) : [decode(bytes, from), false]
  } catch (e) {
    if (e instanceof IllegalInput) await convert(out, bytes.subarray(0, e.position), from, target)
    throw e
  }
  try {
    const r = encode(text, target, inputPositions(text, bytes, from))
    await out.write(r.bytes)
    return r.omitted || skipped
  } catch (e) {
    if (e instanceof Unconvertible) await out.write(e.written)
    throw e
  }
}

/** -c and //IGNORE: the text with the bytes that are not part of a character left out, and whether there were any (an input cut inside a character still fails). */
function decodeSkipping(bytes: Uint8Array, from: string): [string, boolean] {
  let text = ''
  let skipped = false
  for (let at = 0; ; ) {
    const rest = bytes.subarray(at)
    try {
      return [text + decode(rest, from), skipped]
    } catch (e) {
      if (!(e instanceof IllegalInput)) throw e
      if (e.cut) throw new IllegalInput(at + e.position, true)
      text += decode(rest.subarray(0, e.position), from)
      at += e.position + 1
      skipped = true
    }
  }
}

interface Output {
  write(data: Uint8Array): Promise<unknown>
}

/** -o's file, made at the first bytes written to it (as glibc's: no output, no file). */
class LazyFile implements Output {
  private fd: number | undefined
  constructor(
    private readonly proc: ProcContext,
    private readonly path: string,
  ) {}
  async write(data: Uint8Array): Promise<void> {
    if (data.length === 0) return
    this.fd ??= await this.proc.create(this.path, 0o666, OWRITE)
    await this.proc.write(this.fd, data)
  }
  async close(): Promise<void> {
    if (this.fd !== undefined) await this.proc.close(this.fd)
  }
}

export const iconv = command({
  name: 'iconv',
  usage: USAGE,
  summary: 'convert text from one character encoding to another',
  help: `-f ENC  the input's encoding (default UTF-8)   -t ENC  the output's (default UTF-8)
  //TRANSLIT after -t's: a likeness for what it cannot hold; //IGNORE: leave that out (status 1)
-c  leave out characters the output cannot hold   -o FILE  write to FILE   -l  list the encodings`,
  async run(proc) {
    const { argv } = longOptions(proc.argv, { 'from-code': 'f:', 'to-code': 't:', output: 'o:', list: 'l' }, 'f:t:o:lcs')
    const { flags, operands } = parseArgs(argv, 'f:t:o:lcs', { permute: true })
    if (flags.l) {
      const names = [...new Set([...Object.values(BUILT_IN), 'WINDOWS-1252', 'WINDOWS-1251', 'ISO-8859-2', 'ISO-8859-15', 'KOI8-R', 'SHIFT_JIS', 'EUC-JP', 'GBK', 'GB18030', 'BIG5', 'EUC-KR'])]
      await proc.write(1, names.map((n) => `${n}//\n`).join(''))
      return 0
    }
    const fromName = typeof flags.f === 'string' ? flags.f : 'UTF-8'
    const [toName, ...suffixes] = (typeof flags.t === 'string' ? flags.t : 'UTF-8').split('//')
    const from = encodingOf(fromName)
    const to = encodingOf(toName!)
    if (from === undefined || to === undefined) {
      const bad = from === undefined ? `from '${fromName}'` : `to '${toName}'`
      await proc.stderr.write(`iconv: conversion ${bad} unsupported\n`)
      return 1
    }
    const target: Target = { encoding: to, translit: suffixes.some((s) => canonical(s) === 'TRANSLIT'), ignore: flags.c === true || suffixes.some((s) => canonical(s) === 'IGNORE') }
    const known = ['UTF-8', 'ASCII', 'ISO-8859-1'].includes(to) || to.startsWith('UTF-16') || to.startsWith('UTF-32') || singleByteTable(to) !== undefined
    if (!known) {
      await proc.stderr.write(`iconv: not implemented: conversion to ${toName} (a multi-byte encoding ninefold reads but does not write)\n`)
      return 1
    }
    const file = typeof flags.o === 'string' ? new LazyFile(proc, flags.o) : undefined
    const out: Output = file ?? { write: (data) => proc.write(1, data) }
    try {
      return await convertAll(proc, operands, out, from, target, suffixes.some((s) => canonical(s) === 'IGNORE'))
    } finally {
      await file?.close()
    }
  },
})

/** Each input in turn; status 1 at the first that cannot be converted, or after one unreadable or (//IGNORE) with something left out. */
async function convertAll(proc: ProcContext, operands: readonly string[], out: Output, from: string, target: Target, ignoreReported: boolean): Promise<number> {
  let status = 0
  for (const name of operands.length > 0 ? operands : ['-']) {
    let bytes: Uint8Array
    try {
      bytes = name === '-' ? await readAll(proc, 0) : await proc.readFile(name)
    } catch (e) {
      await fail(proc, 'iconv', name, e)
      status = 1
      continue
    }
    try {
      const omitted = await convert(out, bytes, from, target)
      if (omitted && ignoreReported) {
        await proc.stderr.write(`iconv: illegal input sequence at position ${bytes.length}\n`)
        status = 1
      }
    } catch (e) {
      if (!(e instanceof IllegalInput || e instanceof Unconvertible)) throw e
      await proc.stderr.write(e instanceof IllegalInput && e.cut ? 'iconv: incomplete character or shift sequence at end of buffer\n' : `iconv: ${e.message} at position ${e.position}\n`)
      return 1
    }
  }
  return status
}

