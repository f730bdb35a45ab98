/**
 * A backtracking matcher for the few patterns RE2 cannot run (back-references, `\<` and `\>`),
 * over the source regex.ts translates to, and for grep -P's Perl patterns that need look-around,
 * `\K` or back-references. Every step is counted and a match that needs more than STEP_LIMIT
 * steps fails with TooComplex, so `\(a*\)*\1b` on a long line is an error in the command, never a
 * frozen host. Matches are leftmost-first, as Perl's, not POSIX's leftmost-longest.
 */

/** A match gave up: too many steps, or too deep for the stack. */
export class TooComplex extends Error {
  constructor() {
    super('regular expression too complex for this input (it is matched by backtracking)')
  }
}

type Node =
  | { kind: 'char'; test: (c: string) => boolean }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; alts: Node[] }
  | { kind: 'group'; n: number; body: Node }
  | { kind: 'repeat'; body: Node; min: number; max: number; lazy: boolean }
  | { kind: 'backref'; n: number }
  | { kind: 'assert'; at: Anchor }
  | { kind: 'look'; behind: boolean; negate: boolean; body: Node; width: Width }
  | { kind: 'keep' }
  /** `(?>…)` and possessive quantifiers: the body's first match, never tried another way. */
  | { kind: 'atomic'; body: Node }

/** `\A`, `\z` and `\Z` are Perl's: the text's start, its end, its end or before a final newline. */
type Anchor = '^' | '$' | 'b' | 'B' | '<' | '>' | 'A' | 'z' | 'Z'

/** The fewest and most characters a node can match: a look-behind tries only starts that far back. */
interface Width {
  min: number
  max: number
}

/** A pattern the parser cannot read; the message is for the user. */
export class PatternError extends Error {}

const STEP_LIMIT = 5_000_000

const isWord = (c: string | undefined): boolean => c !== undefined && /\w/.test(c)

/**
 * Reads the RE2-syntax source regex.ts makes (which is well formed), or under `perl` a user's
 * Perl pattern, checked as it is read: lazy quantifiers, `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`,
 * atomic groups and possessive quantifiers, named groups, `\K`, `\d`, `\A`, `\z`, `\Z`, `\xHH`, `\x{H…}` and `\Q…\E`.
 */
class Parser {
  private i = 0
  groups = 0
  /** Named groups' numbers, for `\k<name>` and `(?P=name)`. */
  private readonly names = new Map<string, number>()
  private highestReference = 0
  constructor(
    private readonly s: string,
    private readonly ignoreCase: boolean,
    private readonly perl: boolean,
  ) {}

  parse(): Node {
    const node = this.alternation()
    if (this.i < this.s.length) throw new PatternError('unmatched closing parenthesis')
    if (this.highestReference > this.groups) throw new PatternError('reference to non-existent subpattern')
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
      if (this.perl && (atom.kind === 'assert' || atom.kind === 'keep' || atom.kind === 'look' || atom.kind === 'repeat' || atom.kind === 'atomic')) throw new PatternError('quantifier does not follow a repeatable item')
      const suffix = this.perl ? this.s[this.i] : undefined
      if (suffix === '?' || suffix === '+') this.i++
      atom = { kind: 'repeat', body: atom, min, max, lazy: suffix === '?' }
      if (suffix === '+') atom = { kind: 'atomic', body: atom }
    }
  }

  private atom(): Node {
    const c = this.s[this.i++]!
    if (c === '(') return this.group()
    if (this.perl && '*+?'.includes(c)) throw new PatternError('quantifier does not follow a repeatable item')
    if (c === '[') return this.bracket()
    if (c === '.') return { kind: 'char', test: this.perl ? (c) => c !== '\n' : () => true }
    if (c === '^' || c === '$') return { kind: 'assert', at: c }
    if (c === '\\') {
      const d = this.s[this.i++]
      if (d === undefined) throw new PatternError('\\ at end of pattern')
      if (d >= '1' && d <= '9') {
        const digits = /^[0-9]*/.exec(this.s.slice(this.i))![0]
        this.i += digits.length
        return this.reference(Number(d + digits))
      }
      if (d === 'b' || d === 'B' || d === '<' || d === '>') return { kind: 'assert', at: d }
      if ('wWsS'.includes(d) || (this.perl && 'dD'.includes(d))) return this.classOf('\\' + d)
      if (d === 'n') return this.literal('\n')
      if (d === 't') return this.literal('\t')
      if (this.perl) {
        const perl = this.perlEscape(d)
        if (perl) return perl
      }
      return this.literal(d)
    }
    return this.literal(c)
  }

  /** After `(`: a group, numbered unless `(?:`; under perl also look-arounds and named groups. */
  private group(): Node {
    let n = 0
    let look: { behind: boolean; negate: boolean } | undefined
    let atomic = false
    const rest = this.s.slice(this.i, this.i + 3)
    if (rest.startsWith('?:')) this.i += 2
    else if (this.perl && rest.startsWith('?>')) {
      this.i += 2
      atomic = true
    } else if (this.perl && rest[0] === '?') {
      const m = /^\?(?:(=|!|<=|<!)|P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)'|P=([A-Za-z_]\w*)\))/.exec(this.s.slice(this.i))
      if (!m) throw new PatternError(`not implemented: (${this.s.slice(this.i, this.i + 2)} groups`)
      this.i += m[0].length
      if (m[4] !== undefined) return this.namedReference(m[4])
      if (m[1] !== undefined) look = { behind: m[1].startsWith('<'), negate: m[1].endsWith('!') }
      else {
        n = ++this.groups
        this.names.set(m[2] ?? m[3]!, n)
      }
    } else n = ++this.groups
    const body = this.alternation()
    if (this.s[this.i] !== ')') throw new PatternError('missing closing parenthesis')
    this.i++
    if (look?.behind && !fixedBranches(body)) throw new PatternError('lookbehind assertion is not fixed length')
    if (look) return { kind: 'look', ...look, body, width: widthOf(body) }
    if (atomic) return { kind: 'atomic', body }
    return { kind: 'group', n, body }
  }

  /** Perl's escapes beyond the ones the translated source uses; undefined for a character escaped as itself. */
  private perlEscape(d: string): Node | undefined {
    if (d === 'K') return { kind: 'keep' }
    if (d === 'k' || d === 'g') return this.perlReference(d)
    if (d === 'A' || d === 'z' || d === 'Z') return { kind: 'assert', at: d }
    const controls: Record<string, string> = { r: '\r', f: '\f', e: '\x1b', a: '\x07', v: '\v' }
    if (controls[d] !== undefined) return this.literal(controls[d])
    if (d === 'x') {
      const m = /^(?:\{([0-9A-Fa-f]{1,6})\}|[0-9A-Fa-f]{1,2})/.exec(this.s.slice(this.i))
      if (!m) return this.literal('\0')
      this.i += m[0].length
      return this.literal(String.fromCodePoint(parseInt(m[1] ?? m[0], 16)))
    }
    if (d === 'Q') {
      const end = this.s.indexOf('\\E', this.i)
      const text = this.s.slice(this.i, end < 0 ? undefined : end)
      this.i = end < 0 ? this.s.length : end + 2
      return { kind: 'seq', items: [...text].map((ch) => this.literal(ch)) }
    }
    if (/[A-Za-z]/.test(d)) throw new PatternError(`not implemented: \\${d}`)
    return undefined
  }

  /** After `\k` or `\g`: `\k<name>`, `\k'name'`, `\k{name}`, `\gN`, `\g{N}`, `\g{-N}`, `\g{name}`. */
  private perlReference(d: string): Node {
    const m = (d === 'k' ? /^(?:<(\w+)>|'(\w+)'|\{(\w+)\})/ : /^(?:(\d+)|\{(-?\d+)\}|\{(\w+)\})/).exec(this.s.slice(this.i))
    if (!m) throw new PatternError(`\\${d} is not followed by a group name or number`)
    this.i += m[0].length
    const ref = m[1] ?? m[2] ?? m[3]!
    if (!/^-?\d+$/.test(ref)) return this.namedReference(ref)
    const n = Number(ref) < 0 ? this.groups + 1 + Number(ref) : Number(ref)
    return this.reference(n)
  }

  private namedReference(name: string): Node {
    const n = this.names.get(name)
    if (n === undefined) throw new PatternError('reference to non-existent subpattern')
    return this.reference(n)
  }

  private reference(n: number): Node {
    if (n < 1) throw new PatternError('reference to non-existent subpattern')
    this.highestReference = Math.max(this.highestReference, n)
    return { kind: 'backref', n }
  }

  private bracket(): Node {
    const start = this.i - 1
    if (this.s[this.i] === '^') this.i++
    // a ] first in a Perl set is a member
    if (this.perl && this.s[this.i] === ']') this.i++
    while (this.i < this.s.length && this.s[this.i] !== ']') this.i += this.s[this.i] === '\\' ? 2 : 1
    if (this.i >= this.s.length) throw new PatternError('missing terminating ] for character class')
    this.i++
    const set = this.s.slice(start, this.i)
    if (this.perl && /\[:\w+:\]/.test(set)) throw new PatternError('not implemented: POSIX classes in a set with look-around or back-references')
    return this.classOf(this.perl ? set.replace(/^\[(\^?)\]/, '[$1\\]') : set)
  }

  private classOf(source: string): Node {
    let re: RegExp
    try {
      re = new RegExp(source, this.ignoreCase ? 'i' : '')
    } catch {
      throw new PatternError(`invalid character class ${source}`)
    }
    return { kind: 'char', test: (c) => re.test(c) }
  }

  private literal(ch: string): Node {
    if (!this.ignoreCase) return { kind: 'char', test: (c) => c === ch }
    const lower = ch.toLowerCase()
    return { kind: 'char', test: (c) => c.toLowerCase() === lower }
  }
}

/** How many characters a node matches at least and at most. */
function widthOf(node: Node): Width {
  switch (node.kind) {
    case 'char':
      return { min: 1, max: 1 }
    case 'seq':
      return node.items.map(widthOf).reduce((a, b) => ({ min: a.min + b.min, max: a.max + b.max }), { min: 0, max: 0 })
    case 'alt': {
      const widths = node.alts.map(widthOf)
      return { min: Math.min(...widths.map((w) => w.min)), max: Math.max(...widths.map((w) => w.max)) }
    }
    case 'group':
    case 'atomic':
      return widthOf(node.body)
    case 'repeat': {
      const w = widthOf(node.body)
      return { min: w.min * node.min, max: w.max === 0 ? 0 : w.max * node.max }
    }
    case 'backref':
      return { min: 0, max: Infinity }
    default:
      return { min: 0, max: 0 }
  }
}

/** Whether each branch of a look-behind matches one length only, as PCRE asks. */
function fixedBranches(body: Node): boolean {
  return (body.kind === 'alt' ? body.alts : [body]).every((branch) => {
    const w = widthOf(branch)
    return w.min === w.max
  })
}

export interface BacktrackOptions {
  ignoreCase: boolean
  /** `^` and `$` also match at newlines inside the text. */
  multiline: boolean
  /** The source is a user's Perl pattern (grep -P), not regex.ts's translation. */
  perl?: boolean
}

export class Backtracker {
  readonly groups: number
  private readonly root: Node
  private readonly ignoreCase: boolean
  private readonly multiline: boolean
  private s = ''
  private steps = 0
  /** caps[2n], caps[2n+1]: where group n starts and ends, -1 when it took no part. */
  private caps: number[] = []
  /** Where the match's reported text starts once a `\K` was passed; -1 before. */
  private kept = -1

  constructor(source: string, options: BacktrackOptions) {
    this.ignoreCase = options.ignoreCase
    this.multiline = options.multiline
    const parser = new Parser(source, options.ignoreCase, !!options.perl)
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
        this.kept = -1
        let end = -1
        if (this.match(this.root, start, (i) => ((end = i), true))) {
          this.caps[0] = this.kept < 0 ? start : this.kept
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
      case 'look':
        return this.looks(node, i) !== node.negate && k(i)
      case 'atomic': {
        let end = -1
        return this.match(node.body, i, (j) => ((end = j), true)) && k(end)
      }
      case 'keep': {
        const old = this.kept
        this.kept = i
        if (k(i)) return true
        this.kept = old
        return false
      }
    }
  }

  /** Whether a look-around's body matches here: ahead, starting at i; behind, ending at i. */
  private looks(node: { behind: boolean; body: Node; width: Width }, i: number): boolean {
    const saved = this.caps.slice()
    let found = false
    if (!node.behind) found = this.match(node.body, i, () => true)
    else for (let from = i - node.width.min; !found && from >= 0 && from >= i - node.width.max; from--) found = this.match(node.body, from, (j) => j === i)
    // a look-around that fails (or is negated) leaves no captures behind
    if (!found) for (let g = 0; g < saved.length; g++) this.caps[g] = saved[g]!
    return found
  }

  private sequence(items: Node[], at: number, i: number, k: (i: number) => boolean): boolean {
    if (at === items.length) return k(i)
    return this.match(items[at]!, i, (j) => this.sequence(items, at + 1, j, k))
  }

  /** Greedy: one more iteration first (never an empty one past the minimum), then the rest; lazy: the other way round. */
  private repeat(node: { body: Node; min: number; max: number; lazy: boolean }, count: number, i: number, k: (i: number) => boolean): boolean {
    if (node.lazy && count >= node.min && k(i)) return true
    if (count < node.max) {
      const more = this.match(node.body, i, (j) => (j === i && count >= node.min ? false : this.repeat(node, count + 1, j, k)))
      if (more) return true
    }
    return !node.lazy && count >= node.min && k(i)
  }

  private holds(at: Anchor, i: number): boolean {
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
      case 'A':
        return i === 0
      case 'z':
        return i === s.length
      case 'Z':
        return i === s.length || (i === s.length - 1 && s[i] === '\n')
    }
  }
}
