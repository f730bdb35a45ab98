/**
 * bash's extended patterns (shopt -s extglob): `?(a|b)` zero or one, `*(a|b)` any number,
 * `+(a|b)` one or more, `@(a|b)` exactly one of the alternatives, `!(a|b)` anything but them.
 * Read here into the atoms of pattern-syntax.ts, with a group atom for each construct, which
 * automaton.ts compiles like the other atoms (Thompson's alternation and repetition), so an
 * extended pattern is matched without backtracking too (`!(…)` in polynomial time, see there).
 */
import { parseAtoms, type Atom } from './pattern-syntax.ts'
import { EXTGLOB_OPENERS, groupEnd } from './wildcard.ts'

/** The atoms of an extended pattern (with `nocase`, letters match either case). */
export function parseExtglob(p: string, nocase = false): Atom[] {
  const atoms: Atom[] = []
  let plain = ''
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!
    if (c === '\\' && i + 1 < p.length) {
      plain += c + p[++i]
      continue
    }
    const close = EXTGLOB_OPENERS.includes(c) && p[i + 1] === '(' ? groupEnd(p, i + 1) : -1
    if (close < 0) {
      plain += c
      continue
    }
    atoms.push(...parseAtoms(plain, nocase))
    plain = ''
    atoms.push({ kind: 'group', op: c as '?' | '*' | '+' | '@' | '!', alts: alternatives(p.slice(i + 2, close)).map((alt) => parseExtglob(alt, nocase)) })
    i = close
  }
  atoms.push(...parseAtoms(plain, nocase))
  return atoms
}

/** The alternatives of a group's body: split at the `|`s outside nested groups. */
function alternatives(body: string): string[] {
  const out: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c === '\\') i++
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) {
      out.push(body.slice(start, i))
      start = i + 1
    }
  }
  out.push(body.slice(start))
  return out
}
