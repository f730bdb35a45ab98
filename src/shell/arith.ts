/**
 * Shell arithmetic ($((…))): C's integer operators with their precedence (and bash's `**`),
 * variables by name (and bash's array elements `a[i]`), assignments (= += -= …) and ++/--,
 * numbers in decimal, 0x hex, 0 octal and bash's base#digits. Parsed expressions are cached by
 * text, so a loop's `$((i+1))` is parsed once.
 */
import { ArithError, type ShellError } from './errors.ts'

/** A variable, or an array element: `index` is evaluated (an associative array's subscript is `raw`, as written). */
interface Ref {
  name: string
  index?: Node
  raw?: string
}

/** A 64-bit integer: a number while it fits exactly (the common case, fast), a bigint beyond. */
export type Int = number | bigint

type Node =
  | { k: 'num'; v: Int }
  | { k: 'var'; ref: Ref }
  | { k: 'un'; op: string; e: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'assign'; op: string; ref: Ref; e: Node }
  /** ++x, --x (prefix) and x++, x-- (postfix). */
  | { k: 'step'; ref: Ref; delta: number; prefix: boolean }
  | { k: 'cond'; c: Node; a: Node; b: Node }

/** Variables by name; an element is named `a[key]`. */
export interface ArithVars {
  get(name: string): string | undefined
  set(name: string, value: string): void
  /** Whether `name` is an associative array (its subscripts are strings, not arithmetic). */
  assoc?(name: string): boolean
}

const BINARY: Record<string, number> = {
  ',': 1,
  '||': 4,
  '&&': 5,
  '|': 6,
  '^': 7,
  '&': 8,
  '==': 9,
  '!=': 9,
  '<': 10,
  '<=': 10,
  '>': 10,
  '>=': 10,
  '<<': 11,
  '>>': 11,
  '+': 12,
  '-': 12,
  '*': 13,
  '/': 13,
  '%': 13,
  '**': 15,
}
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|='])
const TOKEN = /\s*(?:(0[xX][0-9a-fA-F]+|[0-9]+#[A-Za-z0-9@_]+|[0-9]+[A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*)|(<<=|>>=|\*\*|\+\+|--|\+=|-=|\*=|\/=|%=|&=|\^=|\|=|\|\||&&|==|!=|<=|>=|<<|>>|[-+*/%<>=!~&^|?:(),[\]]))/y

function arithError(expr: string, why: string): ShellError {
  return new ArithError(`arithmetic expression: ${why}: "${expr}"`)
}

/** bash's base#digits: digits 0-9, a-z, A-Z, @, _ (bases up to 36 ignore case). */
function baseNumber(base: number, digits: string): Int | undefined {
  if (base < 2 || base > 64) return undefined
  let v = 0n
  for (const c of digits) {
    const d = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c >= 'a' && c <= 'z' ? c.charCodeAt(0) - 87 : c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - (base <= 36 ? 55 : 29) : c === '@' ? 62 : c === '_' ? 63 : 99
    if (d >= base) return undefined
    v = BigInt.asIntN(64, v * BigInt(base) + BigInt(d))
  }
  return norm(v)
}

/** Parses a number the way C and the shell do: 0x hex, leading-0 octal, decimal, base#digits. */
export function parseNumber(s: string): Int | undefined {
  const plain = plainDecimal(s)
  if (plain !== undefined) return plain
  const t = s.trim()
  if (t === '') return 0
  const based = /^([-+]?)([0-9]+)#([A-Za-z0-9@_]+)$/.exec(t)
  if (based) {
    const v = baseNumber(Number(based[2]), based[3]!)
    return v === undefined ? undefined : based[1] === '-' ? neg(v) : v
  }
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(t)
  if (!m) return undefined
  const body = m[2]!
  const octal = body.length > 1 && body[0] === '0' && body[1] !== 'x' && body[1] !== 'X'
  // up to 15 digits a number is exact; longer ones go through BigInt and wrap at 64 bits
  const v: Int = body.length <= 15 ? (octal ? parseInt(body, 8) : Number(body)) : norm(BigInt(octal ? '0o' + body.slice(1) : body))
  return m[1] === '-' ? neg(v) : v
}

/** A decimal of at most 15 characters with no sign but `-`, no leading 0 and no blanks (most values), read without a regular expression. */
function plainDecimal(s: string): number | undefined {
  const n = s.length
  const from = s.charCodeAt(0) === 45 ? 1 : 0
  if (n === from || n > 15 || (s.charCodeAt(from) === 48 && n - from > 1)) return undefined
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return undefined
  }
  return Number(s)
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** Wraps to a signed 64-bit integer, as the shell's intmax_t does, and back to a number when exact. */
function norm(r: bigint): Int {
  r = BigInt.asIntN(64, r)
  return r >= -SAFE && r <= SAFE ? Number(r) : r
}

const big = (v: Int): bigint => (typeof v === 'bigint' ? v : BigInt(v))
const neg = (v: Int): Int => (typeof v === 'number' ? -v : norm(-v))

class ArithParser {
  private tokens: string[] = []
  private kinds: ('num' | 'name' | 'op')[] = []
  /** Where each token ends in the text (for the raw text of a subscript). */
  private ends: number[] = []
  private i = 0

  constructor(private readonly text: string) {
    TOKEN.lastIndex = 0
    let at = 0
    while (at < text.length) {
      if (/^\s*$/.test(text.slice(at))) break
      TOKEN.lastIndex = at
      const m = TOKEN.exec(text)
      if (!m) throw arithError(text, `unexpected "${text.slice(at).trim()[0]}"`)
      at = TOKEN.lastIndex
      this.ends.push(at)
      this.tokens.push(m[1] ?? m[2] ?? m[3]!)
      this.kinds.push(m[1] !== undefined ? 'num' : m[2] !== undefined ? 'name' : 'op')
    }
  }

  parse(): Node {
    if (this.tokens.length === 0) return { k: 'num', v: 0 }
    const n = this.expr()
    if (this.i < this.tokens.length) throw arithError(this.text, `unexpected "${this.tokens[this.i]}"`)
    return n
  }

  private peekOp(): string | undefined {
    return this.kinds[this.i] === 'op' ? this.tokens[this.i] : undefined
  }

  private expect(op: string): void {
    if (this.peekOp() !== op) throw arithError(this.text, `expected "${op}"`)
    this.i++
  }

  /** The comma operator: evaluates both sides, yields the right one. */
  private expr(): Node {
    let left = this.assignment()
    while (this.peekOp() === ',') {
      this.i++
      left = { k: 'bin', op: ',', a: left, b: this.assignment() }
    }
    return left
  }

  /** Precedence climbing over the binary operators from `||` up (`**` groups to the right). */
  private binary(minPrec: number): Node {
    let left = this.unary()
    for (;;) {
      const op = this.peekOp()
      const prec = op === undefined ? undefined : BINARY[op]
      if (prec === undefined || prec < minPrec || prec < 4) return left
      this.i++
      left = { k: 'bin', op: op!, a: left, b: op === '**' ? this.binary(prec) : this.binary(prec + 1) }
    }
  }

  /** A variable name just read, with its subscript if one follows. */
  private ref(name: string): Ref {
    if (this.peekOp() !== '[') return { name }
    const from = this.ends[this.i]!
    this.i++
    const index = this.expr()
    const to = this.ends[this.i - 1]!
    this.expect(']')
    return { name, index, raw: this.text.slice(from, to).trim() }
  }

  private assignment(): Node {
    if (this.kinds[this.i] === 'name') {
      const at = this.i
      const ref = this.ref(this.tokens[this.i++]!)
      const op = this.peekOp()
      if (op !== undefined && ASSIGN_OPS.has(op)) {
        this.i++
        return { k: 'assign', op, ref, e: this.assignment() }
      }
      this.i = at
    }
    const c = this.binary(4)
    if (this.peekOp() !== '?') return c
    this.i++
    const a = this.expr()
    this.expect(':')
    return { k: 'cond', c, a, b: this.assignment() }
  }

  private unary(): Node {
    const op = this.peekOp()
    if (op === '++' || op === '--') {
      this.i++
      if (this.kinds[this.i] !== 'name') throw arithError(this.text, `${op} needs a variable`)
      return { k: 'step', ref: this.ref(this.tokens[this.i++]!), delta: op === '++' ? 1 : -1, prefix: true }
    }
    if (op === '!' || op === '~' || op === '-' || op === '+') {
      this.i++
      return { k: 'un', op, e: this.unary() }
    }
    return this.postfix()
  }

  private postfix(): Node {
    const kind = this.kinds[this.i]
    const tok = this.tokens[this.i]
    if (tok === undefined) throw arithError(this.text, 'unexpected end of expression')
    this.i++
    if (kind === 'num') {
      const v = parseNumber(tok)
      if (v === undefined) throw arithError(this.text, `bad number "${tok}"`)
      return { k: 'num', v }
    }
    if (kind === 'name') {
      const ref = this.ref(tok)
      const op = this.peekOp()
      if (op === '++' || op === '--') {
        this.i++
        return { k: 'step', ref, delta: op === '++' ? 1 : -1, prefix: false }
      }
      return { k: 'var', ref }
    }
    if (tok === '(') {
      const n = this.expr()
      this.expect(')')
      return n
    }
    throw arithError(this.text, `unexpected "${tok}"`)
  }
}

const cache = new Map<string, Node>()

function parse(text: string): Node {
  let node = cache.get(text)
  if (node === undefined) {
    node = new ArithParser(text).parse()
    if (cache.size > 1000) cache.clear()
    cache.set(text, node)
  }
  return node
}

function bitwise(op: string, a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && (b | 0) === b && op !== '<<' && op !== '>>') {
    return op === '&' ? a & b : op === '|' ? a | b : a ^ b
  }
  const x = big(a)
  const y = big(b)
  return norm(op === '&' ? x & y : op === '|' ? x | y : op === '^' ? x ^ y : op === '<<' ? x << (y & 63n) : x >> (y & 63n))
}

const SMALL = 2 ** 31

/** A binary operator on numbers that fit, where the result is exact; undefined otherwise. */
function applySmall(op: string, a: number, b: number): number | undefined {
  switch (op) {
    case '+':
    case '-':
    case '*': {
      const r = op === '+' ? a + b : op === '-' ? a - b : a * b
      return Number.isSafeInteger(r) ? r : undefined
    }
    case '/':
      return b !== 0 && Math.abs(a) < SMALL && Math.abs(b) < SMALL ? Math.trunc(a / b) : undefined
    case '%':
      return b !== 0 ? a % b : undefined
  }
  return undefined
}

function apply(text: string, op: string, a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = applySmall(op, a, b)
    if (r !== undefined) return r
  }
  switch (op) {
    case '+':
      return norm(big(a) + big(b))
    case '-':
      return norm(big(a) - big(b))
    case '*':
      return norm(big(a) * big(b))
    case '/':
    case '%':
      if (b === 0) throw arithError(text, 'division by zero')
      return op === '/' ? norm(big(a) / big(b)) : norm(big(a) % big(b))
    case '<':
      return a < b ? 1 : 0
    case '<=':
      return a <= b ? 1 : 0
    case '>':
      return a > b ? 1 : 0
    case '>=':
      return a >= b ? 1 : 0
    // values are kept normal (a number whenever exact), so equal values have the same type
    case '==':
      return a === b ? 1 : 0
    case '!=':
      return a !== b ? 1 : 0
    case ',':
      return b
    case '**': {
      if (b < 0) throw arithError(text, 'exponent less than 0')
      // beyond 64 steps the product cycles only for 0, 1 and -1, whose powers are known
      if (b >= 64) return a === 0 || a === 1 ? a : a === -1 ? (big(b) % 2n === 0n ? 1 : -1) : 0
      let r = 1n
      const base = big(a)
      for (let e = 0; e < Number(b); e++) r = BigInt.asIntN(64, r * base)
      return norm(r)
    }
    default:
      return bitwise(op, a, b)
  }
}

/** Evaluates `text`; variables are read and assigned through `vars`. Throws ShellError. */
export function evaluate(text: string, vars: ArithVars): Int {
  return new Evaluation(text, vars).ev(parse(text))
}

/** One evaluation of a parsed text (an object, where closures would make one each). */
class Evaluation {
  constructor(
    private readonly text: string,
    private readonly vars: ArithVars,
  ) {}

  private nameOf(r: Ref): string {
    return r.index === undefined ? r.name : `${r.name}[${this.vars.assoc?.(r.name) ? r.raw : this.ev(r.index)}]`
  }

  private value(name: string): Int {
    const s = this.vars.get(name)
    if (s === undefined) return 0
    const v = parseNumber(s)
    if (v === undefined) throw arithError(this.text, `bad number "${s}" in ${name}`)
    return v
  }

  ev(n: Node): Int {
    switch (n.k) {
      case 'num':
        return n.v
      case 'var':
        return this.value(this.nameOf(n.ref))
      case 'un': {
        const v = this.ev(n.e)
        return n.op === '-' ? neg(v) : n.op === '+' ? v : n.op === '!' ? (v === 0 ? 1 : 0) : bitwise('^', v, -1)
      }
      case 'bin':
        if (n.op === '&&') return this.ev(n.a) !== 0 && this.ev(n.b) !== 0 ? 1 : 0
        if (n.op === '||') return this.ev(n.a) !== 0 || this.ev(n.b) !== 0 ? 1 : 0
        return apply(this.text, n.op, this.ev(n.a), this.ev(n.b))
      case 'cond':
        return this.ev(n.c) !== 0 ? this.ev(n.a) : this.ev(n.b)
      case 'assign': {
        const name = this.nameOf(n.ref)
        const rhs = this.ev(n.e)
        const v = n.op === '=' ? rhs : apply(this.text, n.op.slice(0, -1), this.value(name), rhs)
        this.vars.set(name, String(v))
        return v
      }
      case 'step': {
        const name = this.nameOf(n.ref)
        const old = this.value(name)
        const v = apply(this.text, '+', old, n.delta)
        this.vars.set(name, String(v))
        return n.prefix ? v : old
      }
    }
  }
}
