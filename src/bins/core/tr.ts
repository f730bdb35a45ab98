/**
 * tr [-cds] set1 [set2], as GNU tr: ranges (a-z), classes ([:upper:] ...), [c*n] repeats,
 * escapes (\n \t \\ \NNN). Streams: works on each chunk as it arrives.
 */
import type { ProcContext } from '../../kernel/types.ts'
// pipes lend the blocks writeBuffer gives, and take them back
import '../../kernel/lending.ts'
import { command, parseArgs, UsageError } from '../lib.ts'
import { own } from '../../kernel/own.ts'
import { BlockReader } from '../util/files.ts'

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, k) => a + k)

const CLASSES: Record<string, () => number[]> = {
  alpha: () => [...range(65, 90), ...range(97, 122)],
  upper: () => range(65, 90),
  lower: () => range(97, 122),
  digit: () => range(48, 57),
  alnum: () => [...range(48, 57), ...range(65, 90), ...range(97, 122)],
  space: () => [9, 10, 11, 12, 13, 32],
  blank: () => [9, 32],
  punct: () => [...range(33, 47), ...range(58, 64), ...range(91, 96), ...range(123, 126)],
  print: () => range(32, 126),
  graph: () => range(33, 126),
  cntrl: () => [...range(0, 31), 127],
  xdigit: () => [...range(48, 57), ...range(65, 70), ...range(97, 102)],
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 }

/** One set element before expansion: a character, or a [c*n] repeat (n -1: fill). */
type Item = { code: number } | { cls: number[] } | { repeat: number; times: number }

/** Reads `\x` escapes and plain characters into codes, at position i; returns [code, next]. */
function charAt(s: string, i: number): [number, number] {
  if (s[i] !== '\\' || i + 1 >= s.length) return [s.codePointAt(i)!, i + (s.codePointAt(i)! > 0xffff ? 2 : 1)]
  const d = s[i + 1]!
  if (d >= '0' && d <= '7') {
    const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))![0]
    return [parseInt(m, 8) & 0xff, i + 1 + m.length]
  }
  return [ESCAPES[d] ?? d.charCodeAt(0), i + 2]
}

function parseItems(s: string): Item[] {
  const items: Item[] = []
  for (let i = 0; i < s.length; ) {
    if (s[i] === '[' && s[i + 1] === ':') {
      const end = s.indexOf(':]', i + 2)
      const name = end < 0 ? '' : s.slice(i + 2, end)
      const cls = end >= 0 ? own(CLASSES, name) : undefined
      if (cls !== undefined) {
        items.push({ cls: cls() })
        i = end + 2
        continue
      }
      if (end >= 0) throw new UsageError(`invalid character class '${name}'`)
    }
    if (s[i] === '[' && s[i + 1] === '=') {
      const end = s.indexOf('=]', i + 2)
      if (end >= 0) {
        const [c, next] = charAt(s, i + 2)
        if (next !== end) throw new UsageError(`${s.slice(i + 2, end)}: equivalence class operand must be a single character`)
        items.push({ code: c })
        i = end + 2
        continue
      }
    }
    if (s[i] === '[' && i + 2 < s.length) {
      const [c, next] = charAt(s, i + 1)
      const m = s[next] === '*' ? /^\*(\d*)\]/.exec(s.slice(next)) : null
      if (m) {
        const times = m[1] === '' ? -1 : parseInt(m[1]!, m[1]!.startsWith('0') ? 8 : 10)
        items.push({ repeat: c, times: times === 0 ? -1 : times })
        i = next + m[0].length
        continue
      }
    }
    const [c, next] = charAt(s, i)
    if (s[next] === '-' && next + 1 < s.length) {
      const [e, after] = charAt(s, next + 1)
      if (e < c) {
        throw new UsageError(`range-endpoints of '${String.fromCodePoint(c)}-${String.fromCodePoint(e)}' are in reverse collating sequence order`)
      }
      items.push({ cls: range(c, e) })
      i = after
      continue
    }
    items.push({ code: c })
    i = next
  }
  return items
}

/** Expands a set; `fillTo` is set1's length, for set2's [c*] and padding with its last character. */
function expand(items: Item[], fillTo?: number): number[] {
  const fixed = items.reduce((n, it) => n + ('code' in it ? 1 : 'cls' in it ? it.cls.length : Math.max(it.times, 0)), 0)
  const out: number[] = []
  for (const it of items) {
    if ('code' in it) out.push(it.code)
    else if ('cls' in it) out.push(...it.cls)
    else {
      if (it.times < 0 && fillTo === undefined) throw new UsageError('the [c*] repeat construct may not appear in string1')
      const times = it.times >= 0 ? it.times : Math.max(fillTo! - fixed, 0)
      for (let k = 0; k < times; k++) out.push(it.repeat)
    }
  }
  return out
}

/** The complement of a set, in code order, over the bytes 0-255. */
function complement(set: number[]): number[] {
  const inSet = new Set(set)
  return range(0, 255).filter((c) => !inSet.has(c))
}

/**
 * Sets of ASCII characters only: every byte of a multibyte UTF-8 character is 0x80 or above and
 * passes through unchanged, so each byte goes through a 256-entry table, never decoded.
 */
async function byBytes(proc: ProcContext, map: Int32Array, deleted: Uint8Array, squeezable: Uint8Array): Promise<number> {
  const table = new Uint8Array(256)
  for (let c = 0; c < 256; c++) table[c] = map[c]! >= 0 ? map[c]! : c
  const drops = deleted.subarray(0, 256).includes(1) || squeezable.subarray(0, 256).includes(1)
  const shift = drops ? undefined : oneShift(table)
  const pairs = drops || shift !== undefined ? undefined : pairTable(table)
  const state = { prev: -1 }
  const reads = new BlockReader(proc, 0)
  for (;;) {
    const chunk = await reads.next()
    if (chunk.length === 0) return 0
    const out = proc.writeBuffer(1, chunk.length)
    const n =
      shift !== undefined ? shiftBytes(chunk, out, table, shift) : pairs !== undefined ? translateBytes(chunk, out, table, pairs) : filterBytes(chunk, out, table, deleted, squeezable, state)
    if (n > 0) await proc.write(1, n === out.length ? out : out.subarray(0, n))
  }
}

/** The table for two bytes at once, indexed by a 16-bit word (either byte order: each byte maps in place). */
function pairTable(table: Uint8Array): Uint16Array {
  const pairs = new Uint16Array(65536)
  for (let w = 0; w < 65536; w++) pairs[w] = table[w & 255]! | (table[w >> 8]! << 8)
  return pairs
}

/** Translates src into out (not src: src may be shared), two bytes a step where src is aligned for it. */
function translateBytes(src: Uint8Array, out: Uint8Array, table: Uint8Array, pairs: Uint16Array): number {
  const n = src.length
  let i = 0
  if (src.byteOffset % 2 === 0) {
    const words = new Uint16Array(src.buffer, src.byteOffset, n >> 1)
    const into = new Uint16Array(out.buffer, out.byteOffset, n >> 1)
    for (let k = 0; k < words.length; k++) into[k] = pairs[words[k]!]!
    i = words.length * 2
  }
  for (; i < n; i++) out[i] = table[src[i]!]!
  return n
}

/** A run of ASCII codes the table moves by one constant (a-z to A-Z and back), every other byte unchanged: [first, last, by]. */
type Shift = [first: number, last: number, by: number]

function oneShift(table: Uint8Array): Shift | undefined {
  let first = -1
  let last = -1
  let by = 0
  for (let c = 0; c < 256; c++) {
    if (table[c] === c) continue
    if (first < 0) [first, last, by] = [c, c, table[c]! - c]
    else if (c === last + 1 && table[c]! - c === by) last = c
    else return undefined
  }
  return first < 0 || last >= 0x80 ? undefined : [first, last, by]
}

const ONES = 0x01010101

/**
 * Translates src into out four bytes a step where src is 4-aligned, for a table that is one Shift:
 * in each 32-bit word, the bytes within [first, last] are found with carry-free additions on
 * their low seven bits (bytes of 0x80 and above never are), and moved by `by` at once. Measured
 * 1.6 times faster than the table of pairs; a table of several runs is slower this way.
 */
function shiftBytes(src: Uint8Array, out: Uint8Array, table: Uint8Array, [first, last, by]: Shift): number {
  const n = src.length
  let i = 0
  if (src.byteOffset % 4 === 0) {
    const words = new Int32Array(src.buffer, src.byteOffset, n >> 2)
    const into = new Int32Array(out.buffer, out.byteOffset, n >> 2)
    // a byte b of 0x00-0x7f reaches 0x80 when b + atLeast does (b >= first), and when b + above does (b > last)
    const atLeast = (ONES * (0x80 - first)) | 0
    const above = (ONES * (0x7f - last)) | 0
    // both moves stay within 0x00-0x7f in every byte, so neither carries into the next
    const up = by > 0 ? by : 0
    const down = by < 0 ? -by : 0
    for (let k = 0; k < words.length; k++) {
      const x = words[k]!
      const low = x & 0x7f7f7f7f
      const inside = (((low + atLeast) & ~(low + above) & ~x) >>> 7) & ONES
      into[k] = (x + inside * up - inside * down) | 0
    }
    i = words.length * 4
  }
  for (; i < n; i++) out[i] = table[src[i]!]!
  return n
}

/** Translates, deletes and squeezes src into out; returns the bytes written. */
function filterBytes(src: Uint8Array, out: Uint8Array, table: Uint8Array, deleted: Uint8Array, squeezable: Uint8Array, state: { prev: number }): number {
  let n = 0
  let prev = state.prev
  for (let i = 0; i < src.length; i++) {
    const b = src[i]!
    if (deleted[b] === 1) continue
    const c = table[b]!
    if (squeezable[c] === 1 && c === prev) continue
    prev = c
    out[n++] = c
  }
  state.prev = prev
  return n
}

async function run(proc: ProcContext): Promise<number> {
  const { flags, operands } = parseArgs(proc.argv, 'cCdst')
  const del = !!flags['d']
  const squeeze = !!flags['s']
  const comp = !!(flags['c'] || flags['C'])
  const translating = !del && operands.length >= 2
  const want = del && squeeze ? 2 : translating || (!del && !squeeze) ? 2 : 1
  if (operands.length < want) {
    throw new UsageError(operands.length === 0 ? 'missing operand' : `missing operand after '${operands[operands.length - 1]}'`)
  }
  if (operands.length > want) throw new UsageError(`extra operand '${operands[want]}'`)
  let set1 = expand(parseItems(operands[0]!))
  if (comp) set1 = complement(set1)
  let set2 = operands[1] === undefined ? [] : expand(parseItems(operands[1]), set1.length)
  if (flags['t'] && translating) set1 = set1.slice(0, set2.length)

  // what happens to each code unit: deleted, mapped, squeezable
  const map = new Int32Array(65536).fill(-1)
  const deleted = new Uint8Array(65536)
  const squeezable = new Uint8Array(65536)
  if (del) for (const c of set1) deleted[c] = 1
  if (translating) {
    if (set2.length === 0) throw new UsageError('when not truncating set1, string2 must be non-empty')
    const last = set2[set2.length - 1]!
    for (let k = 0; k < set1.length; k++) map[set1[k]!] = set2[k] ?? last
    if (comp) for (let c = 256; c < 65536; c++) map[c] = last
  }
  if (squeeze) for (const c of translating || del ? set2 : set1) squeezable[c] = 1
  if (squeeze && comp && !translating && !del) squeezable.fill(1, 256)

  if (!comp && [...set1, ...set2].every((c) => c < 0x80)) return byBytes(proc, map, deleted, squeezable)
  const dec = new TextDecoder()
  let prev = -1
  const transform = (text: string): string => {
    let out = ''
    let runStart = 0
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i)
      if (deleted[c] || (del && comp && c > 255)) {
        out += text.slice(runStart, i)
        runStart = i + 1
        continue
      }
      const m = map[c]!
      const mapped = m >= 0 && m !== c
      if (mapped) c = m
      if (squeezable[c] && c === prev) {
        out += text.slice(runStart, i)
        runStart = i + 1
        continue
      }
      prev = c
      if (mapped) {
        out += text.slice(runStart, i) + String.fromCharCode(c)
        runStart = i + 1
      }
    }
    return runStart === 0 ? text : out + text.slice(runStart)
  }
  for (;;) {
    const chunk = await proc.read(0, 65536)
    if (chunk.length === 0) break
    const text = transform(dec.decode(chunk, { stream: true }))
    if (text !== '') await proc.write(1, text)
  }
  const tail = transform(dec.decode())
  if (tail !== '') await proc.write(1, tail)
  return 0
}

export const tr = command({
  name: 'tr',
  long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', 'truncate-set1': 't' },
  usage: '[-cdst] set1 [set2]',
  summary: 'translate, squeeze or delete characters',
  help: `-d delete the characters of set1  -s squeeze repeats  -c complement set1  -t truncate set1
Sets: a-z ranges, [:alpha:] [:digit:] [:upper:] [:lower:] [:space:] [:alnum:] ..., [c*n], \\n \\t \\\\ \\NNN`,
  run,
})
