/** bc's language read into a tree: tokens, expressions with POSIX bc's precedence, statements, function definitions. */

export type Expr =
  | { k: 'num'; text: string }
  | { k: 'var'; name: string }
  | { k: 'elem'; name: string; index: Expr }
  | { k: 'assign'; op: string; target: LValue; value: Expr }
  | { k: 'step'; op: '++' | '--'; prefix: boolean; target: LValue }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'neg' | 'not'; a: Expr }
  | { k: 'call'; name: string; args: Arg[] }
  | { k: 'builtin'; name: 'length' | 'sqrt' | 'scale'; a: Expr }
  | { k: 'read' }
  | { k: 'paren'; e: Expr }

export type LValue = Extract<Expr, { k: 'var' } | { k: 'elem' }>
export type Arg = { array: string } | { expr: Expr }

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'str'; text: string }
  | { k: 'print'; items: ({ str: string } | { expr: Expr })[] }
  | { k: 'block'; body: Stmt[] }
  | { k: 'if'; cond: Expr; then: Stmt; else?: Stmt }
  | { k: 'while'; cond: Expr; body: Stmt }
  | { k: 'for'; init?: Expr; cond?: Expr; step?: Expr; body: Stmt }
  | { k: 'break' | 'continue' | 'halt' | 'empty' }
  | { k: 'return'; e?: Expr }

export interface Param {
  name: string
  array: boolean
}

export interface Define {
  name: string
  params: Param[]
  autos: Param[]
  body: Stmt[]
}

interface Token {
  t: 'num' | 'id' | 'str' | 'op' | 'nl' | 'eof'
  v: string
  line: number
}

export class BcSyntaxError extends Error {
  constructor(
    readonly line: number,
    /** The text ended inside the statement (a string, a comment or braces still open): more lines may complete it. */
    readonly atEnd = false,
  ) {
    super('syntax error')
  }
}

/** `quit` read anywhere: bc stops there, before running the statement it is in. */
export class Quit extends Error {}

const OPS = ['++', '--', '+=', '-=', '*=', '/=', '%=', '^=', '==', '<=', '>=', '!=', '&&', '||', '+', '-', '*', '/', '%', '^', '=', '<', '>', '!', '(', ')', '[', ']', '{', '}', ',', ';']

export function tokenize(src: string, firstLine = 1): Token[] {
  const out: Token[] = []
  let line = firstLine
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (c === '\n') {
      out.push({ t: 'nl', v: '\n', line: line++ })
      i++
    } else if (c === ' ' || c === '\t' || c === '\r') i++
    else if (c === '\\' && src[i + 1] === '\n') {
      i += 2
      line++
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2)
      if (end < 0) throw new BcSyntaxError(line, true)
      const stop = end + 2
      for (let j = i; j < stop; j++) if (src[j] === '\n') line++
      i = stop
    } else if (c === '"') {
      const end = src.indexOf('"', i + 1)
      if (end < 0) throw new BcSyntaxError(line, true)
      const text = src.slice(i + 1, end)
      out.push({ t: 'str', v: text, line })
      for (const ch of text) if (ch === '\n') line++
      i = end + 1
    } else if (/[0-9A-F.]/.test(c) && !(c === '.' && !/[0-9A-F]/.test(src[i + 1] ?? ''))) {
      let j = i
      // a numeral may go on over an escaped newline
      let text = ''
      while (j < src.length && (/[0-9A-F.]/.test(src[j]!) || (src[j] === '\\' && src[j + 1] === '\n'))) {
        if (src[j] === '\\') {
          j += 2
          line++
        } else text += src[j++]
      }
      if (text.indexOf('.') !== text.lastIndexOf('.')) throw new BcSyntaxError(line)
      out.push({ t: 'num', v: text, line })
      i = j
    } else if (c === '.') {
      out.push({ t: 'id', v: 'last', line })
      i++
    } else if (/[a-z_]/.test(c)) {
      let j = i
      while (j < src.length && /[a-z0-9_]/.test(src[j]!)) j++
      out.push({ t: 'id', v: src.slice(i, j), line })
      i = j
    } else {
      const op = OPS.find((o) => src.startsWith(o, i))
      if (op === undefined) throw new BcSyntaxError(line)
      out.push({ t: 'op', v: op, line })
      i += op.length
    }
  }
  out.push({ t: 'eof', v: '', line })
  return out
}

const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^='])
const RELATIONAL = new Set(['==', '<=', '>=', '!=', '<', '>'])
const KEYWORDS = new Set(['if', 'else', 'while', 'for', 'break', 'continue', 'return', 'define', 'auto', 'quit', 'halt', 'print', 'length', 'sqrt', 'scale', 'read', 'limits'])

/** Reads statements one at a time, so each runs before the next is read (as bc runs a line before reading on). */
export class Parser {
  private i = 0
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!
  }
  private next(): Token {
    return this.tokens[this.i++]!
  }
  private is(v: string): boolean {
    const t = this.peek()
    return (t.t === 'op' || t.t === 'id') && t.v === v
  }
  private expect(v: string): void {
    if (!this.is(v)) this.fail()
    this.i++
  }
  private fail(): never {
    const t = this.peek()
    throw new BcSyntaxError(t.line, t.t === 'eof')
  }
  private skipNewlines(): void {
    while (this.peek().t === 'nl') this.i++
  }

  /** After a syntax error: go on from the next line. */
  recover(): void {
    while (this.peek().t !== 'nl' && this.peek().t !== 'eof') this.i++
  }

  /** The next top-level item: a statement, a definition, or undefined at the end. */
  item(): Stmt | Define | undefined {
    while (this.peek().t === 'nl' || this.is(';')) this.i++
    if (this.peek().t === 'eof') return undefined
    if (this.is('define')) return this.define()
    const s = this.statement()
    this.endOfStatement()
    return s
  }

  private endOfStatement(): void {
    const t = this.peek()
    if (t.t === 'nl' || t.t === 'eof' || this.is(';') || this.is('}')) return
    this.fail()
  }

  private define(): Define {
    this.next()
    const name = this.next()
    if (name.t !== 'id' || KEYWORDS.has(name.v)) this.fail()
    this.expect('(')
    const params = this.is(')') ? [] : this.names()
    this.expect(')')
    this.skipNewlines()
    this.expect('{')
    this.skipNewlines()
    let autos: Param[] = []
    if (this.is('auto')) {
      this.next()
      autos = this.names()
      this.endOfStatement()
    }
    return { name: name.v, params, autos, body: this.blockBody() }
  }

  private names(): Param[] {
    const out: Param[] = []
    for (;;) {
      const t = this.next()
      if (t.t !== 'id' || KEYWORDS.has(t.v)) this.fail()
      const array = this.is('[')
      if (array) {
        this.next()
        this.expect(']')
      }
      out.push({ name: t.v, array })
      if (!this.is(',')) return out
      this.next()
    }
  }

  /** Statements up to the closing brace (consumed). */
  private blockBody(): Stmt[] {
    const body: Stmt[] = []
    for (;;) {
      while (this.peek().t === 'nl' || this.is(';')) this.i++
      if (this.is('}')) {
        this.next()
        return body
      }
      if (this.peek().t === 'eof') this.fail()
      body.push(this.statement())
      this.endOfStatement()
    }
  }

  private statement(): Stmt {
    const t = this.peek()
    if (t.t === 'str') {
      this.next()
      return { k: 'str', text: t.v }
    }
    if (this.is('{')) {
      this.next()
      return { k: 'block', body: this.blockBody() }
    }
    if (t.t === 'id') {
      switch (t.v) {
        case 'quit':
          throw new Quit()
        case 'halt':
        case 'break':
        case 'continue':
          this.next()
          return { k: t.v }
        case 'return': {
          this.next()
          if (this.peek().t === 'nl' || this.peek().t === 'eof' || this.is(';') || this.is('}')) return { k: 'return' }
          return { k: 'return', e: this.expr() }
        }
        case 'if': {
          this.next()
          const cond = this.condition()
          const then = this.body()
          const save = this.i
          this.skipNewlines()
          if (this.is('else')) {
            this.next()
            return { k: 'if', cond, then, else: this.body() }
          }
          this.i = save
          return { k: 'if', cond, then }
        }
        case 'while': {
          this.next()
          const cond = this.condition()
          return { k: 'while', cond, body: this.body() }
        }
        case 'for': {
          this.next()
          this.expect('(')
          const init = this.is(';') ? undefined : this.expr()
          this.expect(';')
          const cond = this.is(';') ? undefined : this.expr()
          this.expect(';')
          const step = this.is(')') ? undefined : this.expr()
          this.expect(')')
          return { k: 'for', ...(init ? { init } : {}), ...(cond ? { cond } : {}), ...(step ? { step } : {}), body: this.body() }
        }
        case 'print': {
          this.next()
          const items: ({ str: string } | { expr: Expr })[] = []
          for (;;) {
            const s = this.peek()
            if (s.t === 'str') {
              this.next()
              items.push({ str: s.v })
            } else items.push({ expr: this.expr() })
            if (!this.is(',')) return { k: 'print', items }
            this.next()
          }
        }
      }
    }
    return { k: 'expr', e: this.expr() }
  }

  private condition(): Expr {
    this.expect('(')
    const e = this.expr()
    this.expect(')')
    return e
  }

  /** The statement a control statement governs (an empty one if the line ends first). */
  private body(): Stmt {
    this.skipNewlines()
    if (this.is(';')) return { k: 'empty' }
    return this.statement()
  }

  expr(): Expr {
    let a = this.and()
    while (this.is('||')) {
      this.next()
      a = { k: 'bin', op: '||', a, b: this.and() }
    }
    return a
  }
  private and(): Expr {
    let a = this.not()
    while (this.is('&&')) {
      this.next()
      a = { k: 'bin', op: '&&', a, b: this.not() }
    }
    return a
  }
  private not(): Expr {
    if (this.is('!')) {
      this.next()
      return { k: 'not', a: this.not() }
    }
    return this.relational()
  }
  private relational(): Expr {
    let a = this.assignment()
    while (this.peek().t === 'op' && RELATIONAL.has(this.peek().v)) {
      const op = this.next().v
      a = { k: 'bin', op, a, b: this.assignment() }
    }
    return a
  }
  private assignment(): Expr {
    const target = this.additive()
    if (this.peek().t === 'op' && ASSIGN.has(this.peek().v)) {
      if (target.k !== 'var' && target.k !== 'elem') this.fail()
      const op = this.next().v
      return { k: 'assign', op, target, value: this.assignment() }
    }
    return target
  }
  private additive(): Expr {
    let a = this.multiplicative()
    while (this.is('+') || this.is('-')) {
      const op = this.next().v
      a = { k: 'bin', op, a, b: this.multiplicative() }
    }
    return a
  }
  private multiplicative(): Expr {
    let a = this.power()
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.next().v
      a = { k: 'bin', op, a, b: this.power() }
    }
    return a
  }
  private power(): Expr {
    const a = this.unary()
    if (this.is('^')) {
      this.next()
      return { k: 'bin', op: '^', a, b: this.power() }
    }
    return a
  }
  private unary(): Expr {
    if (this.is('-')) {
      this.next()
      return { k: 'neg', a: this.unary() }
    }
    if (this.is('++') || this.is('--')) {
      const op = this.next().v as '++' | '--'
      return { k: 'step', op, prefix: true, target: this.lvalue(this.primary()) }
    }
    const e = this.primary()
    if ((e.k === 'var' || e.k === 'elem') && (this.is('++') || this.is('--'))) return { k: 'step', op: this.next().v as '++' | '--', prefix: false, target: e }
    return e
  }
  private lvalue(e: Expr): LValue {
    if (e.k !== 'var' && e.k !== 'elem') this.fail()
    return e
  }
  private primary(): Expr {
    const t = this.next()
    if (t.t === 'num') return { k: 'num', text: t.v }
    if (t.t === 'op' && t.v === '(') {
      const e = this.expr()
      this.expect(')')
      // a parenthesized assignment prints its value, as a bare one does not
      return e.k === 'assign' ? { k: 'paren', e } : e
    }
    if (t.t !== 'id') {
      this.i--
      this.fail()
    }
    if (t.v === 'length' || t.v === 'sqrt' || t.v === 'scale') {
      if (t.v === 'scale' && !this.is('(')) return { k: 'var', name: 'scale' }
      this.expect('(')
      const a = this.expr()
      this.expect(')')
      return { k: 'builtin', name: t.v, a }
    }
    if (t.v === 'read') {
      this.expect('(')
      this.expect(')')
      return { k: 'read' }
    }
    if (KEYWORDS.has(t.v)) {
      this.i--
      this.fail()
    }
    if (this.is('(')) {
      this.next()
      const args: Arg[] = []
      while (!this.is(')')) {
        const save = this.i
        const name = this.next()
        if (name.t === 'id' && this.is('[') && this.tokens[this.i + 1]?.v === ']') {
          this.i += 2
          args.push({ array: name.v })
        } else {
          this.i = save
          args.push({ expr: this.expr() })
        }
        if (!this.is(',')) break
        this.next()
      }
      this.expect(')')
      return { k: 'call', name: t.v, args }
    }
    if (this.is('[')) {
      this.next()
      const index = this.expr()
      this.expect(']')
      return { k: 'elem', name: t.v, index }
    }
    return { k: 'var', name: t.v }
  }
}
