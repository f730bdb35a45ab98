/**
 * The syntax of shell patterns (XCU 2.13.1): a pattern read into a sequence of atoms, which
 * automaton.ts compiles. `\c` is the literal c; `[` with no closing `]` is a literal `[`.
 *
 * Extension point: a construct made of sub-patterns (bash's extglob `@(a|b)`, `*(…)`, `+(…)`,
 * `?(…)`, `!(…)`) becomes one more Atom kind holding its alternatives as Atom sequences, read by
 * a branch of `parseAtoms` that recurses with `stop` set to `|` and `)`; automaton.ts then emits
 * it with Thompson's alternation and repetition (see there).
 */
import { own } from '../kernel/own.ts'
import { bracketEnd } from './wildcard.ts'

/** A set of characters: code point ranges as pairs [lo, hi], possibly negated. */
export interface CharSet {
  negate: boolean
  ranges: number[]
}

export type Atom =
  | { kind: 'char'; code: number }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'set'; set: CharSet }
  /** An extglob group (extglob.ts): `?(…)`, `*(…)`, `+(…)`, `@(…)` or `!(…)` of its alternatives. */
  | { kind: 'group'; op: '?' | '*' | '+' | '@' | '!'; alts: Atom[][] }

const CLASSES: Record<string, number[]> = {
  alpha: ranges('azAZ'),
  digit: ranges('09'),
  alnum: ranges('azAZ09'),
  upper: ranges('AZ'),
  lower: ranges('az'),
  space: [0x20, 0x20, 0x09, 0x0d],
  blank: [0x20, 0x20, 0x09, 0x09],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  xdigit: ranges('09afAF'),
  cntrl: [0x00, 0x1f, 0x7f, 0x7f],
  print: [0x20, 0x7e],
  graph: [0x21, 0x7e],
}

function ranges(pairs: string): number[] {
  return [...pairs].map((c) => c.charCodeAt(0))
}

const ANY: Atom = { kind: 'any' }
const STAR: Atom = { kind: 'star' }

/** The ASCII letters of [lo, hi] in the other case, as ranges (bash's nocasematch folds letters, not classes). */
function otherCase(lo: number, hi: number): number[] {
  const out: number[] = []
  const a = Math.max(lo, 0x41), b = Math.min(hi, 0x5a)
  if (a <= b) out.push(a + 32, b + 32)
  const c = Math.max(lo, 0x61), d = Math.min(hi, 0x7a)
  if (c <= d) out.push(c - 32, d - 32)
  return out
}

/** The atoms of pattern `p`; consecutive stars are one. With `nocase`, letters match either case. */
export function parseAtoms(p: string, nocase = false): Atom[] {
  const atoms: Atom[] = []
  for (let i = 0; i < p.length; i++) {
    const c = p[i]
    if (c === '*') {
      if (atoms[atoms.length - 1] !== STAR) atoms.push(STAR)
    } else if (c === '?') atoms.push(ANY)
    else if (c === '[' && bracketEnd(p, i) > 0) {
      const close = bracketEnd(p, i)
      atoms.push({ kind: 'set', set: parseBracket(p, i, close, nocase) })
      i = close
    } else {
      if (c === '\\' && i + 1 < p.length) i++
      const code = p.codePointAt(i)!
      if (code > 0xffff) i++
      const other = nocase ? otherCase(code, code) : []
      atoms.push(other.length > 0 ? { kind: 'set', set: { negate: false, ranges: [code, code, ...other] } } : { kind: 'char', code })
    }
  }
  return atoms
}

/** The set of `[…]` between `open` and `close`: characters, ranges (a reversed one is empty) and classes. */
function parseBracket(p: string, open: number, close: number, nocase: boolean): CharSet {
  let i = open + 1
  const set: CharSet = { negate: false, ranges: [] }
  if (p[i] === '!' || p[i] === '^') {
    set.negate = true
    i++
  }
  // the character at i (escaped or not) and the index after it
  const charAt = (at: number): [number, number] => {
    if (p[at] === '\\' && at + 1 < close) at++
    const code = p.codePointAt(at)!
    return [code, at + (code > 0xffff ? 2 : 1)]
  }
  while (i < close) {
    if (p[i] === '[' && p[i + 1] === ':') {
      const end = p.indexOf(':]', i + 2)
      if (end > 0 && end < close) {
        // an unknown class matches nothing, as in bash
        set.ranges.push(...(own(CLASSES, p.slice(i + 2, end)) ?? []))
        i = end + 2
        continue
      }
    }
    const [lo, after] = charAt(i)
    if (p[after] === '-' && after + 1 < close) {
      const [hi, next] = charAt(after + 1)
      if (lo <= hi) set.ranges.push(lo, hi, ...(nocase ? otherCase(lo, hi) : []))
      i = next
    } else {
      set.ranges.push(lo, lo, ...(nocase ? otherCase(lo, lo) : []))
      i = after
    }
  }
  return set
}

export function inSet(set: CharSet, code: number): boolean {
  const r = set.ranges
  for (let k = 0; k < r.length; k += 2) if (code >= r[k]! && code <= r[k + 1]!) return !set.negate
  return set.negate
}
