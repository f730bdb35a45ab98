/** awk's grammar (POSIX, with gawk's common extensions) into a syntax tree. */
import { AwkSyntaxError, Lexer, type Token } from './lexer.ts'

export type LValue = { k: 'var'; name: string } | { k: 'field'; index: Expr } | { k: 'elem'; name: string; subs: Expr[] }

export type Expr =
  | LValue
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'regex'; src: string }
  | { k: 'assign'; op: string; target: LValue; value: Expr }
  | { k: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { k: 'logic'; op: '&&' | '||'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; negate: boolean; subject: Expr; re: Expr }
  | { k: 'cmp'; op: string; a: Expr; b: Expr }
  | { k: 'concat'; a: Expr; b: Expr }
  | { k: 'binary'; op: string; a: Expr; b: Expr }
  | { k: 'unary'; op: '-' | '+' | '!'; a: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: LValue }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'getline'; target?: LValue; from: 'main' | 'file' | 'cmd'; source?: Expr }
  /** A parenthesized list, only meaningful before `in` or as print's arguments. */
  | { k: 'grouping'; list: Expr[] }

export interface Redirect {
  op: '>' | '>>' | '|'
  dest: Expr
}

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print'; printf: boolean; args: Expr[]; redirect?: Redirect }
  | { k: 'if'; test: Expr; then: Stmt; else?: Stmt }
  | { k: 'while'; test: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; test: Expr }
  | { k: 'for'; init?: Expr; test?: Expr; step?: Expr; body: Stmt }
  | { k: 'forin'; variable: LValue; name: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit' | 'return'; e?: Expr }
  | { k: 'delete'; name: string; subs?: Expr[] }
  /** gawk's switch: each case a constant (compared as == compares) or a regex; no label is `default`; C's fall-through. */
  | { k: 'switch'; subject: Expr; cases: { label?: Expr; body: Stmt[] }[] }

export interface Rule {
  kind: 'begin' | 'end' | 'beginfile' | 'endfile' | 'main'
  pattern?: Expr
  /** The end of a range pattern. */
  pattern2?: Expr
  /** Undefined: print the record. */
  body?: Stmt[]
}

export interface Func {
  name: string
  params: string[]
  body: Stmt[]
}

export interface Program {
  rules: Rule[]
  funcs: Map<string, Func>
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^='])
const CMP_OPS = new Set(['<', '<=', '==', '!=', '>', '>='])

export function parse(src: string): Program {
  return new Parser(src).program()
}

class Parser {
  private readonly lexer: Lexer
  private tok: Token
  /** Inside print's argument list outside parentheses: `>` redirects, `|` pipes. */
  private inPrint = false
  private readonly funcs = new Map<string, Func>()

  constructor(src: string) {
    this.lexer = new Lexer(src)
    this.tok = this.lexer.next()
  }

  program(): Program {
    const rules: Rule[] = []
    this.skipTerminators()
    while (this.tok.kind !== 'eof') {
      if (this.isKeyword('function')) this.func()
      else rules.push(this.rule())
      this.skipTerminators()
    }
    return { rules, funcs: this.funcs }
  }

  private fail(): never {
    const line = this.tok.line
    if (this.tok.kind === 'eof') throw new AwkSyntaxError(`syntax error at source line ${line}: unexpected end of program`, line)
    throw new AwkSyntaxError(`syntax error at source line ${line}`, line)
  }

  private advance(): Token {
    const t = this.tok
    this.tok = this.lexer.next()
    return t
  }

  private is(text: string): boolean {
    return this.tok.kind === 'punct' && this.tok.text === text
  }

  private isKeyword(text: string): boolean {
    return this.tok.kind === 'keyword' && this.tok.text === text
  }

  private expect(text: string): void {
    if (!(this.tok.text === text && (this.tok.kind === 'punct' || this.tok.kind === 'keyword'))) this.fail()
    this.advance()
  }

  private skipNewlines(): void {
    while (this.tok.kind === 'newline') this.advance()
  }

  private skipTerminators(): void {
    while (this.tok.kind === 'newline' || this.is(';')) this.advance()
  }

  private func(): void {
    this.advance()
    const nameTok = this.advance()
    if (nameTok.kind !== 'name' && nameTok.kind !== 'funcname') this.fail()
    if (this.funcs.has(nameTok.text)) throw new AwkSyntaxError(`function \`${nameTok.text}' redefined at source line ${nameTok.line}`, nameTok.line)
    this.expect('(')
    const params: string[] = []
    while (!this.is(')')) {
      const p = this.advance()
      if (p.kind !== 'name') this.fail()
      params.push(p.text)
      if (this.is(',')) {
        this.advance()
        this.skipNewlines()
      } else if (!this.is(')')) this.fail()
    }
    this.advance()
    this.skipNewlines()
    this.funcs.set(nameTok.text, { name: nameTok.text, params, body: this.block() })
  }

  private rule(): Rule {
    if (this.isKeyword('BEGIN') || this.isKeyword('END') || this.isKeyword('BEGINFILE') || this.isKeyword('ENDFILE')) {
      const kind = this.advance().text.toLowerCase() as 'begin' | 'end' | 'beginfile' | 'endfile'
      this.skipNewlines()
      if (!this.is('{')) this.fail()
      return { kind, body: this.block() }
    }
    const rule: Rule = { kind: 'main' }
    if (!this.is('{')) {
      rule.pattern = this.expr()
      if (this.is(',')) {
        this.advance()
        this.skipNewlines()
        rule.pattern2 = this.expr()
      }
    }
    if (this.is('{')) rule.body = this.block()
    return rule
  }

  private block(): Stmt[] {
    this.expect('{')
    const body: Stmt[] = []
    this.skipTerminators()
    while (!this.is('}')) {
      body.push(this.statement())
      this.skipTerminators()
    }
    this.advance()
    return body
  }

  /** A statement's end: `;`, a newline, or before `}` or the end. */
  private endSimple(): void {
    if (this.is(';') || this.tok.kind === 'newline') this.advance()
    else if (!this.is('}') && this.tok.kind !== 'eof') this.fail()
  }

  /** A statement after `)` or `else` or `do`: newlines may come first; `;` alone is empty. */
  private body(): Stmt {
    this.skipNewlines()
    if (this.is(';')) {
      this.advance()
      return { k: 'block', body: [] }
    }
    return this.statement()
  }

  /** gawk's `switch (e) { case C: … default: … }`. */
  private switchStatement(): Stmt {
    this.advance()
    this.expect('(')
    const subject = this.expr()
    this.expect(')')
    this.skipNewlines()
    this.expect('{')
    this.skipTerminators()
    const cases: { label?: Expr; body: Stmt[] }[] = []
    while (!this.is('}')) {
      let label: Expr | undefined
      if (this.isKeyword('case')) {
        this.advance()
        label = this.expr()
        if (label.k !== 'num' && label.k !== 'str' && label.k !== 'regex' && !(label.k === 'unary' && label.a.k === 'num')) this.fail()
      } else if (this.isKeyword('default')) {
        if (cases.some((c) => c.label === undefined)) this.fail()
        this.advance()
      } else this.fail()
      this.expect(':')
      const body: Stmt[] = []
      this.skipTerminators()
      while (!this.is('}') && !this.isKeyword('case') && !this.isKeyword('default')) {
        body.push(this.statement())
        this.skipTerminators()
      }
      cases.push(label === undefined ? { body } : { label, body })
    }
    this.advance()
    return { k: 'switch', subject, cases }
  }

  private statement(): Stmt {
    if (this.is('{')) return { k: 'block', body: this.block() }
    const t = this.tok
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'if': {
          this.advance()
          this.expect('(')
          const test = this.expr()
          this.expect(')')
          const then = this.body()
          // `if (x) stmt; else` and `if (x) stmt\n else`
          const save = this.saveState()
          this.skipTerminators()
          if (this.isKeyword('else')) {
            this.advance()
            return { k: 'if', test, then, else: this.body() }
          }
          this.restoreState(save)
          return { k: 'if', test, then }
        }
        case 'while': {
          this.advance()
          this.expect('(')
          const test = this.expr()
          this.expect(')')
          if (this.is(';')) {
            this.advance()
            return { k: 'while', test, body: { k: 'block', body: [] } }
          }
          return { k: 'while', test, body: this.body() }
        }
        case 'do': {
          this.advance()
          const body = this.body()
          this.skipTerminators()
          if (!this.isKeyword('while')) this.fail()
          this.advance()
          this.expect('(')
          const test = this.expr()
          this.expect(')')
          this.endSimple()
          return { k: 'do', body, test }
        }
        case 'for':
          return this.forStatement()
        case 'switch':
          return this.switchStatement()
        case 'break':
        case 'continue':
        case 'next':
        case 'nextfile':
          this.advance()
          this.endSimple()
          return { k: t.text }
        case 'exit':
        case 'return': {
          this.advance()
          const e = this.is(';') || this.is('}') || this.tok.kind === 'newline' || this.tok.kind === 'eof' ? undefined : this.expr()
          this.endSimple()
          return e ? { k: t.text, e } : { k: t.text }
        }
        case 'delete': {
          this.advance()
          const name = this.advance()
          if (name.kind !== 'name') this.fail()
          let s: Stmt = { k: 'delete', name: name.text }
          if (this.is('[')) s = { k: 'delete', name: name.text, subs: this.subscripts() }
          this.endSimple()
          return s
        }
        case 'print':
        case 'printf': {
          const s = this.print()
          this.endSimple()
          return s
        }
      }
    }
    if (this.is(';')) {
      this.advance()
      return { k: 'block', body: [] }
    }
    const e = this.expr()
    this.endSimple()
    return { k: 'expr', e }
  }

  private saveState(): { tok: Token; at: number; line: number } {
    return { tok: this.tok, ...this.lexer.position() }
  }

  private restoreState(s: { tok: Token; at: number; line: number }): void {
    this.tok = s.tok
    this.lexer.seek(s.at, s.line)
  }

  private forStatement(): Stmt {
    this.advance()
    this.expect('(')
    // for (name in array) or for ((a,b) in array) is not allowed; only a name
    if (this.tok.kind === 'name') {
      const save = this.saveState()
      const variable = this.advance()
      if (this.isKeyword('in')) {
        this.advance()
        const arr = this.advance()
        if (arr.kind === 'name' && this.is(')')) {
          this.advance()
          return { k: 'forin', variable: { k: 'var', name: variable.text }, name: arr.text, body: this.body() }
        }
      }
      this.restoreState(save)
    }
    const init = this.is(';') ? undefined : this.expr()
    this.expect(';')
    this.skipNewlines()
    const test = this.is(';') ? undefined : this.expr()
    this.expect(';')
    this.skipNewlines()
    const step = this.is(')') ? undefined : this.expr()
    this.expect(')')
    const s: Stmt = { k: 'for', body: this.is(';') ? (this.advance(), { k: 'block', body: [] }) : this.body() }
    if (init) s.init = init
    if (test) s.test = test
    if (step) s.step = step
    return s
  }

  private print(): Stmt {
    const printf = this.advance().text === 'printf'
    let args: Expr[] = []
    const wasInPrint = this.inPrint
    this.inPrint = true
    try {
      if (!(this.is(';') || this.is('}') || this.is('>') || this.is('>>') || this.is('|') || this.tok.kind === 'newline' || this.tok.kind === 'eof')) {
        args = this.exprList()
        // print (a, b) > "f": the grouping is the list
        if (args.length === 1 && args[0]!.k === 'grouping') args = args[0].list
      }
    } finally {
      this.inPrint = wasInPrint
    }
    const s: Stmt = { k: 'print', printf, args }
    if (this.is('>') || this.is('>>') || this.is('|')) {
      const op = this.advance().text as '>' | '>>' | '|'
      // print > "a" "b": POSIX leaves it unspecified; gawk and mawk take the concatenation
      s.redirect = { op, dest: this.concatenation() }
    }
    if (printf && args.length === 0) this.fail()
    return s
  }

  private exprList(): Expr[] {
    const list = [this.expr()]
    while (this.is(',')) {
      this.advance()
      this.skipNewlines()
      list.push(this.expr())
    }
    return list
  }

  private subscripts(): Expr[] {
    this.expect('[')
    const saved = this.inPrint
    this.inPrint = false
    const subs = this.exprList()
    this.inPrint = saved
    this.expect(']')
    return subs
  }

  expr(): Expr {
    return this.ternary()
  }

  private ternary(): Expr {
    const test = this.or()
    if (this.is('?')) {
      this.advance()
      this.skipNewlines()
      const yes = this.ternary()
      this.skipNewlines()
      this.expect(':')
      this.skipNewlines()
      const no = this.ternary()
      return { k: 'cond', test, yes, no }
    }
    if (this.tok.kind === 'punct' && ASSIGN_OPS.has(this.tok.text) && isLValue(test)) {
      const op = this.advance().text
      this.skipNewlines()
      return { k: 'assign', op, target: test, value: this.ternary() }
    }
    return test
  }

  private or(): Expr {
    let a = this.and()
    while (this.is('||')) {
      this.advance()
      this.skipNewlines()
      a = { k: 'logic', op: '||', a, b: this.and() }
    }
    return a
  }

  private and(): Expr {
    let a = this.inExpr()
    while (this.is('&&')) {
      this.advance()
      this.skipNewlines()
      a = { k: 'logic', op: '&&', a, b: this.inExpr() }
    }
    return a
  }

  private inExpr(): Expr {
    let a = this.matchExpr()
    while (this.isKeyword('in')) {
      this.advance()
      const name = this.advance()
      if (name.kind !== 'name') this.fail()
      a = { k: 'in', subs: a.k === 'grouping' ? a.list : [a], name: name.text }
    }
    return a
  }

  private matchExpr(): Expr {
    let a = this.comparison()
    while (this.is('~') || this.is('!~')) {
      const negate = this.advance().text === '!~'
      a = { k: 'match', negate, subject: a, re: this.comparison() }
    }
    return a
  }

  private comparison(): Expr {
    const a = this.pipeGetline()
    if (this.tok.kind === 'punct' && CMP_OPS.has(this.tok.text) && !(this.inPrint && this.is('>'))) {
      const op = this.advance().text
      return { k: 'cmp', op, a, b: this.pipeGetline() }
    }
    return a
  }

  /** `cmd | getline [var]`, left-associative: "cmd" | getline > 0 compares the result. */
  private pipeGetline(): Expr {
    let a = this.concatenation()
    while (this.is('|') && this.peekIsGetline()) {
      this.advance()
      this.advance()
      const target = this.optionalLValue()
      a = target ? { k: 'getline', from: 'cmd', source: a, target } : { k: 'getline', from: 'cmd', source: a }
    }
    return a
  }

  private peekIsGetline(): boolean {
    const save = this.saveState()
    this.advance()
    const yes = this.isKeyword('getline')
    this.restoreState(save)
    return yes
  }

  private concatenation(): Expr {
    let a = this.additive()
    while (this.startsOperand()) a = { k: 'concat', a, b: this.additive() }
    return a
  }

  private startsOperand(): boolean {
    const t = this.tok
    switch (t.kind) {
      case 'name':
      case 'funcname':
      case 'builtin':
      case 'number':
      case 'string':
        return true
      case 'keyword':
        return false
      case 'punct':
        return t.text === '$' || t.text === '(' || t.text === '!' || t.text === '-' || t.text === '+' || t.text === '++' || t.text === '--'
      default:
        return false
    }
  }

  private additive(): Expr {
    let a = this.multiplicative()
    while (this.is('+') || this.is('-')) {
      const op = this.advance().text
      a = { k: 'binary', op, a, b: this.multiplicative() }
    }
    return a
  }

  private multiplicative(): Expr {
    let a = this.unary()
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.advance().text
      a = { k: 'binary', op, a, b: this.unary() }
    }
    return a
  }

  private unary(): Expr {
    if (this.is('!')) {
      this.advance()
      return { k: 'unary', op: '!', a: this.unary() }
    }
    if (this.is('-') || this.is('+')) {
      const op = this.advance().text as '-' | '+'
      return { k: 'unary', op, a: this.unary() }
    }
    return this.power()
  }

  private power(): Expr {
    const a = this.postfix()
    if (this.is('^')) {
      this.advance()
      // right-associative, and -x binds looser than ^ on its left but tighter on its right: 2^-1
      const b = this.is('-') || this.is('+') || this.is('!') ? this.unary() : this.power()
      return { k: 'binary', op: '^', a, b }
    }
    return a
  }

  private postfix(): Expr {
    if (this.is('++') || this.is('--')) {
      const op = this.advance().text as '++' | '--'
      const target = this.postfix()
      if (!isLValue(target)) this.fail()
      return { k: 'incdec', op, prefix: true, target }
    }
    const a = this.primary()
    if (isLValue(a) && (this.is('++') || this.is('--'))) {
      const op = this.advance().text as '++' | '--'
      return { k: 'incdec', op, prefix: false, target: a }
    }
    return a
  }

  private optionalLValue(): LValue | undefined {
    if (this.is('$') || this.tok.kind === 'name') {
      const e = this.primary()
      if (isLValue(e)) return e
      this.fail()
    }
    return undefined
  }

  private primary(): Expr {
    const t = this.tok
    switch (t.kind) {
      case 'number':
        this.advance()
        return { k: 'num', v: t.value as number }
      case 'string':
        this.advance()
        return { k: 'str', v: t.value as string }
      case 'name': {
        this.advance()
        if (this.is('[')) return { k: 'elem', name: t.text, subs: this.subscripts() }
        return { k: 'var', name: t.text }
      }
      case 'funcname': {
        this.advance()
        return { k: 'call', name: t.text, args: this.callArgs() }
      }
      case 'builtin':
        return this.builtin()
      case 'keyword':
        if (t.text === 'getline') {
          this.advance()
          const target = this.optionalLValue()
          if (this.is('<')) {
            this.advance()
            // the file is one operand: getline < "a" "b" reads "a"
            const source = this.postfix()
            return target ? { k: 'getline', from: 'file', source, target } : { k: 'getline', from: 'file', source }
          }
          return target ? { k: 'getline', from: 'main', target } : { k: 'getline', from: 'main' }
        }
        this.fail()
      // falls through (fail never returns)
      case 'punct':
        break
      default:
        this.fail()
    }
    if (t.text === '$') {
      this.advance()
      // $ binds tighter than ++ and -: $NF-1 is ($NF)-1, $i++ is ($i)++
      let index: Expr
      if (this.is('++') || this.is('--') || this.is('-') || this.is('+') || this.is('!')) index = this.unary()
      else index = this.primary()
      return { k: 'field', index }
    }
    if (t.text === '(') {
      this.advance()
      const saved = this.inPrint
      this.inPrint = false
      this.skipNewlines()
      const list = this.exprList()
      this.skipNewlines()
      this.inPrint = saved
      this.expect(')')
      if (list.length > 1) {
        if (!this.isKeyword('in') && !this.inPrint) this.fail()
        return { k: 'grouping', list }
      }
      // (x) is not an lvalue for ++ but is grouping for print (a) > "f"
      return this.inPrint ? { k: 'grouping', list } : wrapNonLValue(list[0]!)
    }
    if (t.text === '/' || t.text === '/=') {
      const re = this.lexer.regex(t)
      this.tok = this.lexer.next()
      return { k: 'regex', src: re.value as string }
    }
    if (t.text === '-' || t.text === '+' || t.text === '!') return this.unary()
    return this.fail()
  }

  private callArgs(): Expr[] {
    this.expect('(')
    const saved = this.inPrint
    this.inPrint = false
    this.skipNewlines()
    const args = this.is(')') ? [] : this.exprList()
    this.skipNewlines()
    this.inPrint = saved
    this.expect(')')
    return args
  }

  private builtin(): Expr {
    const name = this.advance().text
    // length without parentheses is length($0)
    if (name === 'length' && !this.is('(')) return { k: 'builtin', name, args: [] }
    return { k: 'builtin', name, args: this.callArgs() }
  }
}

function isLValue(e: Expr): e is LValue {
  return e.k === 'var' || e.k === 'field' || e.k === 'elem'
}

/** A parenthesized lvalue stays usable as a value but not as an assignment target: (x) = 1 is an error. */
function wrapNonLValue(e: Expr): Expr {
  return isLValue(e) ? { k: 'grouping', list: [e] } : e
}
