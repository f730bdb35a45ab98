/**
 * gawk's extensions that everyday scripts lean on: sorted scans of arrays (asort, asorti and
 * PROCINFO["sorted_in"]), times (systime, strftime, mktime), strtonum, and the bit operations.
 * Each behaves as gawk 5's does; where gawk's result hangs on C's undefined behaviour (compl's
 * width) the function is left out.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { DEFAULT_TIME_FORMAT, strftime } from '../util/strftime.ts'
import { fromWallClock, localZone, type Zone } from '../util/timezone.ts'
import { AwkError } from './runtime.ts'
import { StrNum, strToNum, toBool, toNum, type Value } from './values.ts'

/** Values as text, by the program's CONVFMT (the runtime). */
interface Texts {
  str(v: Value): string
  readonly proc: ProcContext
}

/** An array's element: its index and its value. */
type Entry = readonly [string, Value]
type EntryOrder = (a: Entry, b: Entry) => number

const byIndex = (a: Entry, b: Entry): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)
const numbers = (x: number, y: number): number => (x < y ? -1 : x > y ? 1 : 0)
const strings = (s: string, t: string): number => (s < t ? -1 : s > t ? 1 : 0)
/** gawk's types in a sorted scan: numbers (and input that looks like one) before strings. */
const isNumber = (v: Value): boolean => typeof v === 'number' || v === undefined || (v instanceof StrNum && v.numeric)

/** The ascending orders gawk names; each breaks ties by the index as a string. */
function ascending(name: string, rt: Texts): EntryOrder | undefined {
  const text = (v: Value): string => rt.str(v)
  switch (name) {
    case 'ind_str':
      return byIndex
    case 'ind_num':
      return (a, b) => numbers(strToNum(a[0]), strToNum(b[0])) || byIndex(a, b)
    case 'val_str':
      return (a, b) => strings(text(a[1]), text(b[1])) || byIndex(a, b)
    case 'val_num':
      return (a, b) => numbers(toNum(a[1]), toNum(b[1])) || strings(text(a[1]), text(b[1])) || byIndex(a, b)
    case 'val_type':
      return (a, b) => {
        const x = isNumber(a[1])
        const y = isNumber(b[1])
        if (x !== y) return x ? -1 : 1
        return (x ? numbers(toNum(a[1]), toNum(b[1])) : strings(text(a[1]), text(b[1]))) || byIndex(a, b)
      }
  }
  return undefined
}

/**
 * The order `how` names (`@ind_str_asc`, `@val_num_desc`...): undefined for `@unsorted`, the
 * order elements were added. A comparison function of the program's is not supported.
 */
function namedOrder(how: string, rt: Texts): EntryOrder | undefined {
  if (how === '@unsorted') return undefined
  const m = /^@(\w+)_(asc|desc)$/.exec(how)
  const order = m ? ascending(m[1]!, rt) : undefined
  if (order === undefined) {
    if (/^[A-Za-z_]\w*$/.test(how)) throw new AwkError(`not implemented: sorting by the program's function \`${how}'`)
    throw new AwkError(`sort comparison function \`${how}' is not defined`)
  }
  return m![2] === 'asc' ? order : (a, b) => order(b, a)
}

/** The indices of `array` in the order PROCINFO["sorted_in"] names, or as they were added. */
export function scanOrder(rt: Texts, array: Map<string, Value>, sortedIn: Value): string[] {
  const how = rt.str(sortedIn)
  const order = how === '' ? undefined : namedOrder(how, rt)
  if (order === undefined) return [...array.keys()]
  return [...array].sort(order).map((e) => e[0])
}

/**
 * asort and asorti: `dest` (or `source` itself) becomes 1..n holding the values (asort) or the
 * indices (asorti) of `source` in the order `how` names. Returns n.
 */
export function sortInto(rt: Texts, source: Map<string, Value>, dest: Map<string, Value>, how: Value, indices: boolean): number {
  const order = namedOrder(how === undefined ? (indices ? '@ind_str_asc' : '@val_type_asc') : rt.str(how), rt)
  const entries = [...source]
  if (order !== undefined) entries.sort(order)
  dest.clear()
  for (let i = 0; i < entries.length; i++) {
    const [index, value] = entries[i]!
    dest.set(String(i + 1), indices ? new StrNum(index) : value)
  }
  return entries.length
}

/** The zone gawk's time functions use: UTC where their flag is true, else the local one (the process's TZ). */
const zoneFor = (rt: Texts, utc: Value): Zone => (utc !== undefined && toBool(utc) ? GMT : localZone(rt.proc.env))

/** UTC as gawk names it (its C library's TZ=GMT0). */
const GMT: Zone = { at: () => ({ offset: 0, name: 'GMT' }) }

/** strftime([format [, timestamp [, utc]]]). */
export function formatTime(rt: Texts, format: Value, timestamp: Value, utc?: Value): string {
  const seconds = timestamp === undefined ? Math.floor(Date.now() / 1000) : Math.trunc(toNum(timestamp))
  const d = new Date(seconds * 1000)
  if (Number.isNaN(d.getTime())) throw new AwkError(`strftime: second argument out of range for time_t`)
  return strftime(format === undefined ? DEFAULT_TIME_FORMAT : rt.str(format), d, 0, zoneFor(rt, utc))
}

export function systime(): number {
  return Math.floor(Date.now() / 1000)
}

/**
 * mktime("YYYY MM DD HH MM SS [DST]" [, utc]): seconds since the epoch of that local (or UTC) time,
 * out-of-range fields carried as C's mktime does; -1 for bad text.
 */
export function makeTime(rt: Texts, spec: string, utc?: Value): number {
  const fields = spec.trim().split(/\s+/)
  if (fields.length < 6 || fields.length > 7 || !fields.every((f) => /^[+-]?\d+$/.test(f))) return -1
  const [y, mo, d, h, mi, s] = fields.map(Number) as [number, number, number, number, number, number]
  const ms = Date.UTC(y, mo - 1, d, h, mi, s)
  return Number.isNaN(ms) ? -1 : fromWallClock(zoneFor(rt, utc), ms) / 1000
}

/** strtonum: 0x… is hexadecimal and 0… of octal digits octal, as in a program's source; else decimal. */
export function strtonum(v: Value): number {
  if (typeof v === 'number') return v
  const s = v === undefined ? '' : typeof v === 'string' ? v : v.s
  const hex = /^0[xX]([0-9a-fA-F]+)/.exec(s)
  if (hex) return parseInt(hex[1]!, 16)
  if (s.startsWith('0x') || s.startsWith('0X')) return 0
  const octal = /^0([0-7]+)(?![0-9.eE])/.exec(s)
  if (octal) return parseInt(octal[1]!, 8)
  return strToNum(s)
}

/** A bit operation's operand: a non-negative integer, as gawk's uintmax_t. */
function operand(name: string, v: Value, position: number): bigint {
  const n = Math.trunc(toNum(v))
  if (n < 0) throw new AwkError(`${name}: argument ${position} negative value ${n} is not allowed`)
  return BigInt.asUintN(64, BigInt(Number.isFinite(n) ? n : 0))
}

/** and, or, xor over two or more operands. */
export function bitwise(name: 'and' | 'or' | 'xor', args: readonly Value[]): number {
  if (args.length < 2) throw new AwkError(`${name}: called with less than two arguments`)
  let r = operand(name, args[0], 1)
  for (let i = 1; i < args.length; i++) {
    const x = operand(name, args[i], i + 1)
    r = name === 'and' ? r & x : name === 'or' ? r | x : r ^ x
  }
  return Number(r)
}

/** lshift and rshift: the count taken modulo 64, as the machine gawk runs on shifts. */
export function shift(name: 'lshift' | 'rshift', value: Value, count: Value): number {
  const v = toNum(value)
  const c = toNum(count)
  if (v < 0 || c < 0) throw new AwkError(`${name}(${v.toFixed(6)}, ${c.toFixed(6)}): negative values are not allowed`)
  const x = operand(name, v, 1)
  const by = BigInt(Math.trunc(c) % 64)
  return Number(BigInt.asUintN(64, name === 'lshift' ? x << by : x >> by))
}
