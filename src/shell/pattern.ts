/**
 * Shell pattern matching (XCU 2.13): `*`, `?`, bracket expressions with ranges, negation and
 * character classes. A backslash makes the next character literal; the expander escapes quoted
 * characters that way, so `"*"` never matches as a wildcard. Patterns compile to automata
 * (automaton.ts) that run in time linear in text × pattern; compiled patterns are cached.
 */
import type { ProcContext } from '../kernel/types.ts'
import { inStretches, LONG_TEXT } from '../bins/util/matchwalk.ts'
import { TextBuilder } from '../bins/util/textbuilder.ts'
import { lowerEach, upperEach } from '../bins/util/casemap.ts'
import { Automaton, matchAtoms } from './automaton.ts'
import { parseExtglob } from './extglob.ts'
import { parseAtoms, type Atom } from './pattern-syntax.ts'
import { hasExtglob, hasWildcard, unescapePattern } from './wildcard.ts'

/** A pattern compiled once: its literal text when it has no wildcard, its atoms, and its automata as needed. */
interface Compiled {
  literal: string | undefined
  atoms: Atom[]
  forward?: Automaton
  backward?: Automaton
}

const plain = new Map<string, Compiled>()
const extended = new Map<string, Compiled>()
const caseless = new Map<string, Compiled>()

/** `p` compiled, as a plain pattern or (`extglob`) an extended one; `nocase` (nocasematch) lets letters match either case. */
function compiled(p: string, extglob = false, nocase = false): Compiled {
  // a caseless pattern is rare: one cache, keyed with whether it is extended
  const cache = nocase ? caseless : extglob ? extended : plain
  const key = nocase ? (extglob ? '+' : '-') + p : p
  let c = cache.get(key)
  if (c === undefined) {
    if (nocase) c = { literal: undefined, atoms: extglob ? parseExtglob(p, true) : parseAtoms(p, true) }
    else c = extglob ? { literal: undefined, atoms: parseExtglob(p) } : { literal: hasWildcard(p) ? undefined : unescapePattern(p), atoms: parseAtoms(p) }
    if (cache.size > 2000) cache.clear()
    cache.set(key, c)
  }
  return c
}

/** The automaton of `p`, reading forwards or (`reverse`) from the end of the text; with `extglob`, of the extended pattern. */
function automaton(p: string, reverse: boolean, extglob = false, nocase = false): Automaton {
  const c = compiled(p, extglob, nocase)
  if (reverse) return (c.backward ??= new Automaton(c.atoms, true))
  return (c.forward ??= new Automaton(c.atoms, false))
}

/** Whether `s` matches `p`; `extglob` reads extended patterns, `nocase` (bash's nocasematch) lets letters match either case. */
export function matchPattern(p: string, s: string, extglob = false, nocase = false): boolean {
  const extended = extglob && hasExtglob(p)
  if (extended || (nocase && /[a-z]/i.test(p))) return automaton(p, false, extended, nocase).scan(s, 0, false, false) === s.length
  const c = compiled(p)
  return c.literal !== undefined ? c.literal === s : matchAtoms(c.atoms, s)
}

/**
 * bash's ${s/p/r} (first match), ${s//p/r} (every match), ${s/#p/r} (at the start) and
 * ${s/%p/r} (at the end): each match is the longest at its place. bash's nocasematch applies
 * here (`nocase`), though not to the trims. The replacement comes as the pieces between the
 * places of the matched text (bash 5.2's `&`: ['<', '>'] puts each match in brackets). Given
 * `proc`, a long text is walked with turns for the host, in a promise (inStretches).
 */
export function replacePattern(s: string, p: string, rep: readonly string[], op: '/' | '//' | '/#' | '/%', extglob = false, nocase = false, proc?: ProcContext): string | Promise<string> {
  if (p === '') return s
  if (op === '/#') {
    const end = automaton(p, false, extglob, nocase).scan(s, 0, false, false)
    return end >= 0 ? rep.join(s.slice(0, end)) + s.slice(end) : s
  }
  if (op === '/%') {
    const start = automaton(p, true, extglob, nocase).scan(s, s.length, true, false)
    return start >= 0 ? s.slice(0, start) + rep.join(s.slice(start)) : s
  }
  // a pattern without wildcards is its text: the engine's own search (40 times faster a match)
  const literal = nocase || (extglob && hasExtglob(p)) ? undefined : compiled(p).literal
  let find: (from: number) => Span | undefined
  if (literal !== undefined && literal !== '') {
    if (op === '/') {
      const at = s.indexOf(literal)
      return at < 0 ? s : s.slice(0, at) + rep.join(literal) + s.slice(at + literal.length)
    }
    const hit: Span = [0, 0]
    find = (from) => {
      const at = s.indexOf(literal, from)
      if (at < 0) return undefined
      hit[0] = at
      hit[1] = at + literal.length
      return hit
    }
  } else {
    const a = automaton(p, false, extglob, nocase)
    find = (from) => a.search(s, from)
  }
  const r = new Replacing(s, rep, find, op === '/')
  if (proc === undefined || s.length < LONG_TEXT) {
    r.run(Infinity)
    return r.text()
  }
  return inStretches((until) => r.run(until), proc).then(() => r.text())
}

/** The pieces of a replacement between its unescaped &s (the Expander marks what was quoted with a backslash). */
export function matchPieces(pat: string): string[] {
  const pieces: string[] = []
  let piece = ''
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!
    if (c === '&') {
      pieces.push(piece)
      piece = ''
    } else if (c === '\\' && (pat[i + 1] === '&' || pat[i + 1] === '\\')) piece += pat[++i]
    else piece += c
  }
  pieces.push(piece)
  return pieces
}

/** Where a match starts and ends. */
type Span = [number, number]

/** ${s/p/r}'s walk through `s`: the text between matches, and `rep` for each (its pieces joined by the match). */
class Replacing {
  private readonly out = new TextBuilder()
  private from = 0
  private done = 0
  /** A match found at or past the end of the last stretch. */
  private ahead: Span | undefined

  constructor(
    private readonly s: string,
    private readonly rep: readonly string[],
    private readonly find: (from: number) => Span | undefined,
    private readonly first: boolean,
  ) {}

  /** Replaces the matches that start before `until`; true once there are no more to replace. */
  run(until: number): boolean {
    const s = this.s
    while (this.from <= s.length) {
      const m = this.ahead ?? this.find(this.from)
      // bash puts no empty match after the last character
      if (m === undefined || (m[1] === m[0] && m[0] === s.length && s.length > 0)) return true
      if (m[0] >= until) {
        this.ahead = m
        return false
      }
      this.ahead = undefined
      const start = m[0]
      const end = m[1]
      this.out.add(s.slice(this.done, start))
      this.out.add(this.rep.length === 1 ? this.rep[0]! : this.rep.join(s.slice(start, end)))
      this.done = this.from = end
      if (end === start) {
        // an empty match: the character after it stays, and the search goes on after it
        this.done = this.from = start + (s.codePointAt(start)! > 0xffff ? 2 : 1)
        this.out.add(s.slice(start, this.done))
      }
      if (this.first) return true
    }
    return true
  }

  text(): string {
    this.out.add(this.s.slice(this.done))
    return this.out.text()
  }
}

/**
 * ${x#p} ${x##p} ${x%p} ${x%%p}: removes the shortest or longest prefix or suffix of `s`
 * matching `p`.
 */
export function trimPattern(s: string, p: string, op: '#' | '##' | '%' | '%%', extglob = false): string {
  if (op === '#' || op === '##') {
    const end = automaton(p, false, extglob).scan(s, 0, false, op === '#')
    return end < 0 ? s : s.slice(end)
  }
  const start = automaton(p, true, extglob).scan(s, s.length, true, op === '%')
  return start < 0 ? s : s.slice(0, start)
}

/** ${x^} ${x^^} ${x,} ${x,,} ${x~} ${x~~}: changes the first or every character `matches` (the pattern's, or any). */
export function changeCase(v: string, op: '^' | '^^' | ',' | ',,' | '~' | '~~', matches: (c: string) => boolean): string {
  const change = op[0] === '^' ? upper : op[0] === ',' ? lower : toggle
  const every = op.length === 2
  let out = ''
  let first = true
  for (const c of v) {
    if ((every || first) && matches(c)) out += change(c)
    else out += c
    first = false
  }
  return out
}

const upper = upperEach
const lower = lowerEach
const toggle = (c: string): string => (c === upperEach(c) ? lowerEach(c) : upperEach(c))
