/**
 * Shell patterns matched without backtracking: the atoms of a pattern compiled to a Thompson NFA
 * and run as a set of states over the text (for trims, replacements and sub-patterns), and a
 * whole match of plain atoms that goes back only to the last `*`; either costs at most
 * text × pattern steps, never the exponential backtracking of a RegExp on `*0*0*0*0*0*1`.
 *
 * The automaton is built from the end backwards: every node is made knowing its successor. A
 * node reads one character (CHAR, ANY, SET), forks without reading (SPLIT: `out` and `arg`),
 * or accepts (MATCH). `*` is a SPLIT whose one branch is an ANY leading back to the SPLIT.
 * An extglob atom plugs in at `emit`: `@(a|b)` is a chain of SPLITs into each alternative's
 * sequence, all built with the same successor; `*(p)`, `+(p)`, `?(p)` are that alternation with
 * a SPLIT looping back or skipping it.
 *
 * `!(p)` is no regular construction: it is a NEG node that consumes any span of text p does not
 * match. A thread reaching it at position i leaves a pending exit (node, i); p's own automaton
 * (reversed with the rest) is run once from i, listing every position j where p matches the span
 * between i and j, and at each later position the exit leads on unless that position is listed.
 * So each pending exit costs text × p steps once and one comparison a position: a whole run is
 * bounded by text² × pattern steps, polynomial whatever the pattern (no backtracking).
 */
import { inSet, type Atom, type CharSet } from './pattern-syntax.ts'

const CHAR = 0
const ANY = 1
const SET = 2
const SPLIT = 3
const MATCH = 4
const NEG = 5

/** A thread waiting at a `!(…)` node: it started its span at `start`; `ends` are where the negated pattern matches that span. */
interface Pending {
  node: number
  start: number
  from: number
  ends: number[]
  /** How far into `ends` the run has gone. */
  seen: number
}

/** The character before `pos`, reading surrogate pairs as one code point. */
function codeBefore(s: string, pos: number): number {
  const low = s.charCodeAt(pos - 1)
  if (low >= 0xdc00 && low <= 0xdfff && pos >= 2) {
    const high = s.charCodeAt(pos - 2)
    if (high >= 0xd800 && high <= 0xdbff) return s.codePointAt(pos - 2)!
  }
  return low
}

export class Automaton {
  private readonly op: Uint8Array
  private readonly arg: Int32Array
  private readonly out: Int32Array
  private readonly sets: CharSet[]
  /** The automata of the `!(…)` nodes' sub-patterns. */
  private readonly negs: Automaton[]
  private readonly reverse: boolean
  private readonly start: number
  private readonly match: number
  // scratch of one run; runs are synchronous, so one automaton's runs never overlap
  private cur: Int32Array
  private next: Int32Array
  private curFrom: Int32Array
  private nextFrom: Int32Array
  private readonly stack: Int32Array
  private readonly mark: Uint32Array
  private gen = 0
  /** Where the thread that reached MATCH in this generation started. */
  private matchFrom = -1
  /** The position the run has reached, where threads added now stand. */
  private at = 0
  /** Threads inside a `!(…)`, in order of their `from`; empty for patterns without one. */
  private pending: Pending[] = []
  private fresh: Pending[] = []
  /** How many pending threads the current step has let leave. */
  private leaving = 0
  private subject = ''

  constructor(atoms: Atom[], reverse: boolean) {
    const op: number[] = []
    const arg: number[] = []
    const out: number[] = []
    const sets: CharSet[] = []
    const negs: Automaton[] = []
    const node = (o: number, a: number, next: number): number => {
      op.push(o)
      arg.push(a)
      out.push(next)
      return op.length - 1
    }
    // one of the alternatives, each a sequence leading to `next`: a chain of SPLITs into them
    const alternation = (alts: Atom[][], next: number): number => {
      let start = sequence(alts[alts.length - 1]!, next)
      for (let k = alts.length - 2; k >= 0; k--) start = node(SPLIT, sequence(alts[k]!, next), start)
      return start
    }
    const sequence = (seq: Atom[], next: number): number => {
      for (let k = 0; k < seq.length; k++) {
        const atom = seq[reverse ? k : seq.length - 1 - k]!
        switch (atom.kind) {
          case 'char':
            next = node(CHAR, atom.code, next)
            break
          case 'any':
            next = node(ANY, 0, next)
            break
          case 'set':
            sets.push(atom.set)
            next = node(SET, sets.length - 1, next)
            break
          case 'star': {
            const fork = node(SPLIT, next, -1)
            out[fork] = node(ANY, 0, fork)
            next = fork
            break
          }
          case 'group':
            if (atom.op === '!') {
              negs.push(new Automaton([{ kind: 'group', op: '@', alts: atom.alts }], reverse))
              next = node(NEG, negs.length - 1, next)
            } else if (atom.op === '@') next = alternation(atom.alts, next)
            else if (atom.op === '?') next = node(SPLIT, alternation(atom.alts, next), next)
            else {
              // *(…) and +(…): a SPLIT that goes on or loops back into the alternatives
              const fork = node(SPLIT, next, -1)
              const body = alternation(atom.alts, fork)
              out[fork] = body
              next = atom.op === '*' ? fork : body
            }
        }
      }
      return next
    }
    this.match = node(MATCH, 0, -1)
    this.start = sequence(atoms, this.match)
    this.op = Uint8Array.from(op)
    this.arg = Int32Array.from(arg)
    this.out = Int32Array.from(out)
    this.sets = sets
    this.negs = negs
    this.reverse = reverse
    const n = op.length
    this.cur = new Int32Array(n)
    this.next = new Int32Array(n)
    this.curFrom = new Int32Array(n)
    this.nextFrom = new Int32Array(n)
    this.stack = new Int32Array(2 * n + 1)
    this.mark = new Uint32Array(n)
  }

  /** A new generation of marks: a state is in the set being built when marked with it. */
  private newGeneration(): void {
    if (++this.gen === 0xffffffff) {
      this.mark.fill(0)
      this.gen = 1
    }
  }

  /** Adds `node` and the states it forks to without reading, each started at `from`; returns the new count. */
  private add(list: Int32Array, froms: Int32Array, count: number, node: number, from: number): number {
    const { stack, mark, op, gen } = this
    let sp = 0
    stack[sp++] = node
    while (sp > 0) {
      const s = stack[--sp]!
      if (mark[s] === gen) continue
      mark[s] = gen
      if (op[s] === SPLIT) {
        stack[sp++] = this.arg[s]!
        stack[sp++] = this.out[s]!
      } else if (op[s] === NEG) {
        const ends = this.negs[this.arg[s]!]!.ends(this.subject, this.at, this.reverse)
        this.fresh.push({ node: s, start: this.at, from, ends, seen: 0 })
        // the empty span: !(p) matches it unless p does
        if (ends[0] !== this.at) stack[sp++] = this.out[s]!
      } else {
        if (s === this.match) this.matchFrom = from
        list[count] = s
        froms[count++] = from
      }
    }
    return count
  }

  private reads(node: number, code: number): boolean {
    switch (this.op[node]) {
      case CHAR:
        return this.arg[node] === code
      case ANY:
        return true
      case SET:
        return inSet(this.sets[this.arg[node]!]!, code)
      default:
        return false
    }
  }

  /**
   * Reads one character, which brings the run to `at`: the states after `code` from the current
   * `count` ones, and those leaving a `!(…)` at `at`; returns the new count. Threads are added in
   * order of their start, so that of two in one state the earlier start is kept.
   */
  private step(count: number, code: number, until: number, at: number): number {
    this.newGeneration()
    this.at = at
    const pending = this.pending
    this.leaving = 0
    let n = 0
    for (let k = 0; k < count; k++) {
      const s = this.cur[k]!
      const from = this.curFrom[k]!
      if (this.leaving < pending.length) n = this.leave(n, from, until)
      if (from <= until && this.reads(s, code)) n = this.add(this.next, this.nextFrom, n, this.out[s]!, from)
    }
    if (pending.length > 0) n = this.leave(n, Infinity, until)
    const list = this.cur
    this.cur = this.next
    this.next = list
    const froms = this.curFrom
    this.curFrom = this.nextFrom
    this.nextFrom = froms
    if (this.fresh.length > 0) this.settle()
    return n
  }

  /** Lets the pending threads that started before `before` leave their `!(…)` at `at` where its pattern does not match the span; returns the new count. */
  private leave(n: number, before: number, until: number): number {
    const pending = this.pending
    while (this.leaving < pending.length && pending[this.leaving]!.from <= before) {
      const w = pending[this.leaving++]!
      if (w.from > until) continue
      const ends = w.ends
      while (w.seen < ends.length && (this.reverse ? ends[w.seen]! > this.at : ends[w.seen]! < this.at)) w.seen++
      if (ends[w.seen] !== this.at) n = this.add(this.next, this.nextFrom, n, this.out[w.node]!, w.from)
    }
    return n
  }

  /** Moves the threads that entered a `!(…)` in this generation among the pending ones, in order of their start. */
  private settle(): void {
    for (const w of this.fresh) {
      let k = this.pending.length
      while (k > 0 && this.pending[k - 1]!.from > w.from) k--
      this.pending.splice(k, 0, w)
    }
    this.fresh.length = 0
  }

  /** Starts a run over `s`: no thread is pending. */
  private begin(s: string, at: number): void {
    this.subject = s
    this.at = at
    this.pending.length = 0
    this.fresh.length = 0
    this.newGeneration()
  }

  /** Every position where what was read from `from` (forwards, or backwards for a reversed automaton) matches, in the order reached. */
  ends(s: string, from: number, backward: boolean): number[] {
    const out: number[] = []
    this.begin(s, from)
    let count = this.add(this.cur, this.curFrom, 0, this.start, from)
    this.settle()
    for (let pos = from; ; ) {
      if (this.mark[this.match] === this.gen) out.push(pos)
      if ((count === 0 && this.pending.length === 0) || (backward ? pos <= 0 : pos >= s.length)) return out
      const code = backward ? codeBefore(s, pos) : s.codePointAt(pos)!
      pos += (code > 0xffff ? 2 : 1) * (backward ? -1 : 1)
      count = this.step(count, code, Infinity, pos)
    }
  }

  /**
   * Runs over `s` starting at `from`, forwards or (for a reversed automaton) backwards, and
   * returns the first or the last position where what was read matches, or -1.
   */
  scan(s: string, from: number, backward: boolean, first: boolean): number {
    this.begin(s, from)
    let count = this.add(this.cur, this.curFrom, 0, this.start, from)
    this.settle()
    let last = -1
    let pos = from
    for (;;) {
      if (this.mark[this.match] === this.gen) {
        last = pos
        if (first) return pos
      }
      if (!this.alive(count, Infinity) || (backward ? pos <= 0 : pos >= s.length)) return last
      const code = backward ? codeBefore(s, pos) : s.codePointAt(pos)!
      pos += (code > 0xffff ? 2 : 1) * (backward ? -1 : 1)
      count = this.step(count, code, Infinity, pos)
    }
  }

  /** Whether a thread is left: one of the `count` states, or one inside a `!(…)` that started by `until`. */
  private alive(count: number, until: number): boolean {
    if (count > 0) return true
    for (const w of this.pending) if (w.from <= until) return true
    return false
  }

  /**
   * The leftmost of the longest matches in `s` at or after `from`, as [start, end], or
   * undefined. One pass: a thread starts at every position until a match is found, and of two
   * threads in one state the earlier start wins (their futures are the same).
   */
  search(s: string, from: number): [number, number] | undefined {
    let bestStart = -1
    let bestEnd = -1
    this.begin(s, from)
    let count = 0
    let pos = from
    for (;;) {
      if (bestStart < 0) {
        count = this.add(this.cur, this.curFrom, count, this.start, pos)
        this.settle()
      }
      if (this.mark[this.match] === this.gen && (bestStart < 0 || this.matchFrom <= bestStart)) {
        bestStart = this.matchFrom
        bestEnd = pos
      }
      const until = bestStart < 0 ? Infinity : bestStart
      if (pos >= s.length || !this.alive(count, until)) break
      const code = s.codePointAt(pos)!
      pos += code > 0xffff ? 2 : 1
      count = this.step(count, code, until, pos)
    }
    return bestStart < 0 ? undefined : [bestStart, bestEnd]
  }
}

/**
 * Whether the whole of `s` matches `atoms`, without an automaton: when every atom reads one
 * character or is `*`, a failure need only go back to the last `*` and let it take one more
 * character (an earlier `*` taking more could only give the later one less to choose from).
 * At most text × pattern steps, with no allocation. A sub-pattern (extglob) needs the automaton.
 */
export function matchAtoms(atoms: readonly Atom[], s: string): boolean {
  let next = 0
  let pos = 0
  let star = -1
  let starPos = 0
  while (pos < s.length) {
    const code = s.codePointAt(pos)!
    const atom = atoms[next]
    if (atom !== undefined && atom.kind === 'star') {
      star = next++
      starPos = pos
      continue
    }
    if (atom !== undefined && readsAtom(atom, code)) {
      next++
      pos += code > 0xffff ? 2 : 1
      continue
    }
    if (star < 0) return false
    next = star + 1
    starPos += s.codePointAt(starPos)! > 0xffff ? 2 : 1
    pos = starPos
  }
  while (next < atoms.length && atoms[next]!.kind === 'star') next++
  return next === atoms.length
}

function readsAtom(atom: Atom, code: number): boolean {
  switch (atom.kind) {
    case 'char':
      return atom.code === code
    case 'any':
      return true
    case 'set':
      return inSet(atom.set, code)
    default:
      return false
  }
}
