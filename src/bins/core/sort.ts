/**
 * sort [-bdfgnrsuc] [-t sep] [-k key]... [-o file] [file ...], as GNU sort with LC_ALL=C:
 * byte order (UTF-16 code units, the same for text below U+D800), keys with per-key options,
 * and a last-resort whole-line comparison unless -s or -u.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, forEachInput, parseArgs, UsageError } from '../lib.ts'
import { LineBatches, OutputBuffer } from '../util/textio.ts'

interface KeyOptions {
  blanks: boolean
  dictionary: boolean
  fold: boolean
  numeric: boolean
  general: boolean
  human: boolean
  reverse: boolean
}

interface Key extends KeyOptions {
  startField: number
  /** 1-based character in the field; 0 is not allowed for the start. */
  startChar: number
  /** 0: to the end of the line. */
  endField: number
  /** 0: to the end of the field. */
  endChar: number
  /** Skip blanks before counting the end character (b on the end position). */
  blanksEnd: boolean
}

const NO_OPTIONS: KeyOptions = { blanks: false, dictionary: false, fold: false, numeric: false, general: false, human: false, reverse: false }

function optionsFrom(letters: string, into: KeyOptions): boolean {
  for (const l of letters) {
    if (l === 'b') into.blanks = true
    else if (l === 'd') into.dictionary = true
    else if (l === 'f') into.fold = true
    else if (l === 'n') into.numeric = true
    else if (l === 'g') into.general = true
    else if (l === 'h') into.human = true
    else if (l === 'r') into.reverse = true
    else return false
  }
  return true
}

/** -k POS1[,POS2], POS = F[.C][OPTS]. */
function parseKey(spec: string, global: KeyOptions): Key {
  const m = /^(\d+)(?:\.(\d+))?([bdfghnr]*)(?:,(\d+)(?:\.(\d+))?([bdfghnr]*))?$/.exec(spec)
  if (!m) throw new UsageError(`invalid key specification: '${spec}'`)
  const startField = Number(m[1])
  const startChar = m[2] === undefined ? 1 : Number(m[2])
  if (startField === 0) throw new UsageError(`invalid number at field start: invalid count at start of '${spec}'`)
  if (startChar === 0) throw new UsageError(`invalid number after '.': invalid count at start of '${m[2]}'`)
  const own: KeyOptions = { ...NO_OPTIONS }
  optionsFrom((m[3] ?? '') + (m[6] ?? ''), own)
  const hasOwn = Object.values(own).some(Boolean)
  const opts = hasOwn ? own : { ...global }
  return {
    ...opts,
    startField,
    startChar,
    endField: m[4] === undefined ? 0 : Number(m[4]),
    endChar: m[5] === undefined ? 0 : Number(m[5]),
    // b on the end position only: skip blanks before the end character
    blanksEnd: hasOwn ? (m[6] ?? '').includes('b') : global.blanks,
  }
}

const isBlank = (c: number): boolean => c === 32 || c === 9

/** Where field `f` (1-based) starts: with -t after the f-1'th separator, else at the blank run before it. */
function fieldStart(line: string, f: number, sep: string | undefined): number {
  let at = 0
  for (let k = 1; k < f; k++) {
    if (sep !== undefined) {
      const next = line.indexOf(sep, at)
      if (next < 0) return line.length
      at = next + 1
    } else {
      while (at < line.length && isBlank(line.charCodeAt(at))) at++
      while (at < line.length && !isBlank(line.charCodeAt(at))) at++
    }
  }
  return at
}

function fieldEnd(line: string, start: number, sep: string | undefined): number {
  if (sep !== undefined) {
    const next = line.indexOf(sep, start)
    return next < 0 ? line.length : next
  }
  let at = start
  while (at < line.length && isBlank(line.charCodeAt(at))) at++
  while (at < line.length && !isBlank(line.charCodeAt(at))) at++
  return at
}

function skipBlanks(line: string, at: number, end: number): number {
  while (at < end && isBlank(line.charCodeAt(at))) at++
  return at
}

function keyText(line: string, key: Key, sep: string | undefined): string {
  let start = fieldStart(line, key.startField, sep)
  if (key.blanks) start = skipBlanks(line, start, line.length)
  start = Math.min(start + key.startChar - 1, line.length)
  let end: number
  if (key.endField === 0) end = line.length
  else {
    const fs = fieldStart(line, key.endField, sep)
    if (key.endChar === 0) end = fieldEnd(line, fs, sep)
    else {
      const base = key.blanksEnd ? skipBlanks(line, fs, line.length) : fs
      end = Math.min(base + key.endChar, line.length)
    }
  }
  return end <= start ? '' : line.slice(start, end)
}

/** -n: compares leading numbers (blanks, optional -, digits, optional .digits) exactly, as strings. */
function numericParts(s: string): { neg: boolean; int: string; frac: string } {
  const m = /^[ \t]*(-?)0*(\d*)(?:\.(\d*))?/.exec(s)!
  const int = m[2]!
  const frac = (m[3] ?? '').replace(/0+$/, '')
  const neg = m[1] === '-' && (int !== '' || frac !== '')
  return { neg, int, frac }
}

function compareNumeric(a: string, b: string): number {
  const x = numericParts(a)
  const y = numericParts(b)
  if (x.neg !== y.neg) return x.neg ? -1 : 1
  let r = x.int.length - y.int.length || (x.int < y.int ? -1 : x.int > y.int ? 1 : 0) || (x.frac < y.frac ? -1 : x.frac > y.frac ? 1 : 0)
  if (x.neg) r = -r
  return r
}

const HUMAN = 'KMGTPEZYRQ'

function humanValue(s: string): [number, number] {
  const m = /^[ \t]*(-?\d*(?:\.\d*)?)([kKMGTPEZYRQ]?)/.exec(s)!
  const n = Number(m[1]) || 0
  const unit = m[2] === '' ? 0 : HUMAN.indexOf(m[2]!.toUpperCase()) + 1
  return [Math.sign(n) * unit, n]
}

function generalValue(s: string): number {
  const m = /^[ \t]*[+-]?(?:inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/i.exec(s)
  if (!m) return -Infinity - 1 // not a number: sorts before everything, as GNU does
  const v = Number(m[0].trim().replace(/^([+-]?)inf.*$/i, '$1Infinity'))
  return Number.isNaN(v) ? -Infinity - 0.5 : v
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function transform(s: string, o: KeyOptions): string {
  let t = s
  if (o.dictionary) t = t.replace(/[^A-Za-z0-9 \t]/g, '')
  if (o.fold) t = t.toUpperCase()
  return t
}

function compareBy(a: string, b: string, o: KeyOptions): number {
  let r: number
  if (o.numeric) r = compareNumeric(a, b)
  else if (o.general) {
    const x = generalValue(a)
    const y = generalValue(b)
    r = x < y ? -1 : x > y ? 1 : 0
  } else if (o.human) {
    const [ua, na] = humanValue(a)
    const [ub, nb] = humanValue(b)
    r = ua - ub || (na < nb ? -1 : na > nb ? 1 : 0)
  } else if (o.dictionary || o.fold) r = byteCompare(transform(a, o), transform(b, o))
  else r = byteCompare(a, b)
  return o.reverse ? -r : r
}

function makeComparator(keys: Key[], global: KeyOptions, sep: string | undefined, lastResort: boolean): (a: string, b: string) => number {
  const wholeLine = keys.length === 0
  return (a, b) => {
    if (wholeLine) {
      const x = global.blanks ? a.replace(/^[ \t]+/, '') : a
      const y = global.blanks ? b.replace(/^[ \t]+/, '') : b
      const r = compareBy(x, y, global)
      if (r !== 0) return r
    } else {
      for (const key of keys) {
        const r = compareBy(keyText(a, key, sep), keyText(b, key, sep), key)
        if (r !== 0) return r
      }
    }
    if (!lastResort) return 0
    const r = byteCompare(a, b)
    return global.reverse ? -r : r
  }
}

async function run(proc: ProcContext): Promise<number> {
  const { flags, values, operands } = parseArgs(proc.argv, 'bdfghnrsuct:k:o:')
  const global: KeyOptions = { ...NO_OPTIONS }
  for (const l of 'bdfghnr') if (flags[l]) optionsFrom(l, global)
  let sep: string | undefined
  if (typeof flags['t'] === 'string') {
    if ([...flags['t']].length !== 1) throw new UsageError(flags['t'] === '' ? 'empty tab' : `multi-character tab '${flags['t']}'`)
    sep = flags['t']
  }
  const keys = (values['k'] ?? []).map((k) => parseKey(k, global))
  const unique = !!flags['u']
  const compare = makeComparator(keys, global, sep, !unique && !flags['s'])
  const lines: string[] = []
  const status = await forEachInput(proc, 'sort', operands, async (fd) => {
    for await (const batch of new LineBatches(proc, fd)) for (const l of batch) lines.push(l)
  })
  if (flags['c']) {
    for (let i = 1; i < lines.length; i++) {
      const r = compare(lines[i - 1]!, lines[i]!)
      if (r > 0 || (unique && r === 0)) {
        await proc.stderr.write(`sort: ${operands[0] ?? '-'}:${i + 1}: disorder: ${lines[i]}\n`)
        return 1
      }
    }
    return status
  }
  // Array.prototype.sort is stable, so equal lines keep their input order (-s)
  lines.sort(compare)
  const outName = typeof flags['o'] === 'string' ? flags['o'] : undefined
  const fd = outName === undefined ? 1 : await proc.create(outName, 0o666, 1)
  const out = new OutputBuffer(proc, fd)
  let prev: string | undefined
  for (const l of lines) {
    if (unique && prev !== undefined && compare(prev, l) === 0) continue
    prev = l
    out.push(l + '\n')
    if (out.full) await out.flush()
  }
  await out.flush()
  if (fd !== 1) await proc.close(fd)
  return status === 0 ? 0 : 2
}

export const sort = command({
  name: 'sort',
  usage: '[-bcdfghnrsu] [-t sep] [-k key]... [-o file] [file ...]',
  summary: 'sort lines of text',
  help: `-n numeric  -g general numeric  -h human sizes (2K, 1G)  -r reverse  -f fold case
-d dictionary order  -b ignore leading blanks  -u unique  -s stable  -c check
-t SEP field separator  -k F[.C][opts][,F[.C][opts]] sort key (repeatable)  -o FILE output`,
  run,
})
