/**
 * A backtracking matcher for the few patterns RE2 cannot run (back-references, `\<` and `\>`),
 * over the source regex.ts translates to. Every step is counted and a match that needs more than
 * STEP_LIMIT steps fails with TooComplex, so `\(a*\)*\1b` on a long line is an error in the
 * command, never a frozen host. Matches are leftmost-first, as Perl's, not POSIX's leftmost-longest.
 */

/** A match gave up: too many steps, or too deep for the stack. */
export class TooComplex extends Error {
  constructor() {
    super('regular expression too complex for this input (back-references are matched by backtracking)')
  }
}

type Node =
  | { kind: 'char'; test: (c: string) => boolean }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; alts: Node[] }
  | { kind: 'group'; n: number; body: Node }
  | { kind: 'repeat'; body: Node; min: number; max: number }
  | { kind: 'backref'; n: number }
  | { kind: 'assert'; at: '^' | '$' | 'b' | 'B' | '<' | '>' }

const STEP_LIMIT = 5_000_000

const isWord = (c: string | undefined): boolean => c !== undefined && /\w/.test(c)

class Parser {
  private i = 0
  groups = 0
  constructor(
    private readonly s: string,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): Node {
    const node = this.alternation()
    return node
  }

  private alternation(): Node {
    const alts = [this.sequence()]
    while (this.s[this.i] === '|') {
      this.i++
      alts.push(this.sequence())
    }
    return alts.length === 1 ? alts[0]! : { kind: 'alt', alts }
  }

  private sequence(): Node {
    const items: Node[] = []
    for (let c = this.s[this.i]; c !== undefined && c !== '|' && c !== ')'; c = this.s[this.i]) {
      const atom = this.atom()
      items.push(this.quantifiers(atom))
    }
    return items.length === 1 ? items[0]! : { kind: 'seq', items }
  }

  private quantifiers(atom: Node): Node {
    for (;;) {
      const c = this.s[this.i]
      let min: number
      let max: number
      if (c === '*') [min, max] = [0, Infinity]
      else if (c === '+') [min, max] = [1, Infinity]
      else if (c === '?') [min, max] = [0, 1]
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i))!
        min = Number(m[1])
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])
        this.i += m[0].length - 1
      } else return atom
      this.i++
      atom = { kind: 'repeat', body: atom, min, max }
    }
  }

  private atom(): Node {
    const c = this.s[this.i++]!
    if (c === '(') {
      let n = 0
      if (this.s.startsWith('?:', this.i)) this.i += 2
      else n = ++this.groups
      const body = this.alternation()
      this.i++ // ')'
      return { kind: 'group', n, body }
    }
    if (c === '[') return this.bracket()
    if (c === '.') return { kind: 'char', test: () => true }
    if (c === '^' || c === '$') return { kind: 'assert', at: c }
    if (c === '\\') {
      const d = this.s[this.i++]!
      if (d >= '1' && d <= '9') {
        const digits = /^[0-9]*/.exec(this.s.slice(this.i))![0]
        this.i += digits.length
        return { kind: 'backref', n: Number(d + digits) }
      }
      if (d === 'b' || d === 'B' || d === '<' || d === '>') return { kind: 'assert', at: d }
      if ('wWsS'.includes(d)) return this.classOf('\\' + d)
      if (d === 'n') return this.literal('\n')
      if (d === 't') return this.literal('\t')
      return this.literal(d)
    }
    return this.literal(c)
  }

  private bracket(): Node {
    const start = this.i - 1
    if (this.s[this.i] === '^') this.i++
    while (this.s[this.i] !== ']') this.i += this.s[this.i] === '\\' ? 2 : 1
    this.i++
    return this.classOf(this.s.slice(start, this.i))
  }

  private classOf(source: string): Node {
    const re = new RegExp(source, this.ignoreCase ? 'i' : '')
    return { kind: 'char', test: (c) => re.test(c) }
  }

  private literal(ch: string): Node {
    if (!this.ignoreCase) return { kind: 'char', test: (c) => c === ch }
    const lower = ch.toLowerCase()
    return { kind: 'char', test: (c) => c.toLowerCase() === lower }
  }
}

export class Backtracker {
  readonly groups: number
  private readonly root: Node
  private s = ''
  private steps = 0
  /** caps[2n], caps[2n+1]: where group n starts and ends, -1 when it took no part. */
  private caps: number[] = []

  constructor(
    source: string,
    private readonly ignoreCase: boolean,
    private readonly multiline: boolean,
  ) {
    const parser = new Parser(source, ignoreCase)
    this.root = parser.parse()
    this.groups = parser.groups
  }

  /** The first match starting at or after `from`: [start, end] of each group (0 = the match), -1 where a group took no part. */
  exec(s: string, from: number): number[] | undefined {
    this.s = s
    this.steps = 0
    try {
      for (let start = from; start <= s.length; start++) {
        this.caps = new Array<number>(2 * (this.groups + 1)).fill(-1)
        let end = -1
        if (this.match(this.root, start, (i) => ((end = i), true))) {
          this.caps[0] = start
          this.caps[1] = end
          return this.caps
        }
      }
      return undefined
    } catch (e) {
      if (e instanceof RangeError) throw new TooComplex()
      throw e
    } finally {
      this.s = ''
    }
  }

  private match(node: Node, i: number, k: (i: number) => boolean): boolean {
    if (++this.steps > STEP_LIMIT) throw new TooComplex()
    const s = this.s
    switch (node.kind) {
      case 'char':
        return i < s.length && node.test(s[i]!) && k(i + 1)
      case 'seq':
        return this.sequence(node.items, 0, i, k)
      case 'alt':
        return node.alts.some((alt) => this.match(alt, i, k))
      case 'group': {
        if (node.n === 0) return this.match(node.body, i, k)
        const caps = this.caps
        const [oldStart, oldEnd] = [caps[2 * node.n]!, caps[2 * node.n + 1]!]
        const ok = this.match(node.body, i, (j) => {
          const [innerStart, innerEnd] = [caps[2 * node.n]!, caps[2 * node.n + 1]!]
          caps[2 * node.n] = i
          caps[2 * node.n + 1] = j
          if (k(j)) return true
          caps[2 * node.n] = innerStart
          caps[2 * node.n + 1] = innerEnd
          return false
        })
        if (!ok) {
          caps[2 * node.n] = oldStart
          caps[2 * node.n + 1] = oldEnd
        }
        return ok
      }
      case 'repeat':
        return this.repeat(node, 0, i, k)
      case 'backref': {
        const start = this.caps[2 * node.n]!
        if (start < 0) return false
        const text = s.slice(start, this.caps[2 * node.n + 1])
        const here = s.slice(i, i + text.length)
        const same = this.ignoreCase ? here.toLowerCase() === text.toLowerCase() : here === text
        return same && k(i + text.length)
      }
      case 'assert':
        return this.holds(node.at, i) && k(i)
    }
  }

  private sequence(items: Node[], at: number, i: number, k: (i: number) => boolean): boolean {
    if (at === items.length) return k(i)
    return this.match(items[at]!, i, (j) => this.sequence(items, at + 1, j, k))
  }

  /** Greedy: one more iteration first (never an empty one past the minimum), then the rest. */
  private repeat(node: { body: Node; min: number; max: number }, count: number, i: number, k: (i: number) => boolean): boolean {
    if (count < node.max) {
      const more = this.match(node.body, i, (j) => (j === i && count >= node.min ? false : this.repeat(node, count + 1, j, k)))
      if (more) return true
    }
    return count >= node.min && k(i)
  }

  private holds(at: '^' | '$' | 'b' | 'B' | '<' | '>', i: number): boolean {
    const s = this.s
    const before = isWord(s[i - 1])
    const after = isWord(s[i])
    switch (at) {
      case '^':
        return i === 0 || (this.multiline && s[i - 1] === '\n')
      case '$':
        return i === s.length || (this.multiline && s[i] === '\n')
      case 'b':
        return before !== after
      case 'B':
        return before === after
      case '<':
        return !before && after
      case '>':
        return before && !after
    }
  }
}
