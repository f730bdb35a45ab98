/**
 * Compiles an awk syntax tree to JavaScript source, run with `new Function`: V8 then compiles
 * the program itself, which a tree-walking interpreter cannot match. Every name from the program
 * is prefixed (G_ global, L_ local, F_ function) and every constant is a JSON literal, so the
 * source cannot be made to say anything else. Rules run inside async functions that await only
 * for I/O and, every few thousand loop iterations or records, to let the kernel run others.
 */
import type { Expr, Func, LValue, Program, Stmt } from './parser.ts'
import { AwkSyntaxError, GAWK_ARITY } from './lexer.ts'

/** Special variables held by the runtime (NF is special-cased). */
const SPECIALS = new Set(['NR', 'FNR', 'FS', 'OFS', 'ORS', 'RS', 'SUBSEP', 'CONVFMT', 'OFMT', 'RSTART', 'RLENGTH', 'FILENAME', 'ARGC', 'IGNORECASE', 'FPAT', 'FIELDWIDTHS'])
const SPECIAL_ARRAYS = new Set(['ARGV', 'ENVIRON', 'PROCINFO'])
const NUMERIC_SPECIALS = new Set(['NR', 'FNR'])
/** Loop iterations and records between two offers of a turn to the host (Runtime.tick). */
export const TICKS_BETWEEN_TURNS = 4096
const TICK = `if (++rt.ticks >= ${TICKS_BETWEEN_TURNS}) await rt.tick();`

export function generate(program: Program): string {
  return new Codegen(program).program()
}

class Codegen {
  private readonly arrays = new Set<string>()
  /** Function name → which of its parameters are arrays. */
  private readonly arrayParams = new Map<string, Set<string>>()
  private readonly asyncFuncs = new Set<string>()
  private readonly globals = new Set<string>()
  /** The program reads or sets IGNORECASE (gawk's): its regexes and comparisons must look at it. */
  private namesIgnoreCase = false
  private readonly regexes: string[] = []
  private temps = 0
  private switches = 0
  private maxTemps = 0
  /** The function being compiled (its parameters are locals), or undefined in a rule. */
  private func: Func | undefined
  /** The action being generated outside the record loop (BEGIN, END, BEGINFILE, ENDFILE), for next's errors. */
  private action: string | undefined
  private ranges = 0
  /** The program names PROCINFO, whose "sorted_in" may order its scans of arrays. */
  private sortedScans = false

  constructor(private readonly prog: Program) {
    this.inferTypes()
  }

  // --- what each name is

  private inferTypes(): void {
    for (const f of this.prog.funcs.values()) this.arrayParams.set(f.name, new Set())
    // to a fixpoint: a name is an array if used as one, or passed where an array parameter is
    for (let changed = true; changed; ) {
      changed = false
      const mark = (scope: Func | undefined, name: string): void => {
        const set = scope && scope.params.includes(name) ? this.arrayParams.get(scope.name)! : this.arrays
        if (!set.has(name)) {
          set.add(name)
          changed = true
        }
      }
      const isArray = (scope: Func | undefined, name: string): boolean => (scope && scope.params.includes(name) ? this.arrayParams.get(scope.name)!.has(name) : this.arrays.has(name))
      const visit = (scope: Func | undefined, node: unknown): void => {
        if (!node || typeof node !== 'object') return
        if (Array.isArray(node)) return node.forEach((n) => visit(scope, n))
        const n = node as Expr | Stmt
        switch (n.k) {
          case 'var':
            if (n.name === 'IGNORECASE') this.namesIgnoreCase = true
            break
          case 'elem':
          case 'in':
          case 'forin':
          case 'delete':
            if (n.name === 'PROCINFO') this.sortedScans = true
            mark(scope, n.name)
            break
          case 'builtin':
            if (n.name === 'split' || n.name === 'patsplit') for (const a of [n.args[1], n.args[3]]) if (a?.k === 'var') mark(scope, a.name)
            if (n.name === 'asort' || n.name === 'asorti') for (const a of n.args.slice(0, 2)) if (a.k === 'var') mark(scope, a.name)
            if (n.name === 'length' && n.args[0]?.k === 'var' && isArray(scope, n.args[0].name)) break
            break
          case 'call': {
            const f = this.prog.funcs.get(n.name)
            if (!f) throw new AwkSyntaxError(`calling undefined function ${n.name}`, 0)
            n.args.forEach((a, i) => {
              const p = f.params[i]
              if (a.k !== 'var' || p === undefined) return
              if (this.arrayParams.get(f.name)!.has(p)) mark(scope, a.name)
              else if (isArray(scope, a.name)) mark(f, p)
            })
            break
          }
        }
        for (const v of Object.values(n)) if (v && typeof v === 'object') visit(scope, v)
      }
      for (const r of this.prog.rules) visit(undefined, r)
      for (const f of this.prog.funcs.values()) visit(f, f.body)
    }
    // a function is async when it does I/O, loops, substitutes, or calls an async function
    for (let changed = true; changed; ) {
      changed = false
      for (const f of this.prog.funcs.values()) {
        if (!this.asyncFuncs.has(f.name) && this.needsAwait(f.body)) {
          this.asyncFuncs.add(f.name)
          changed = true
        }
      }
    }
  }

  private needsAwait(node: unknown): boolean {
    if (!node || typeof node !== 'object') return false
    if (Array.isArray(node)) return node.some((n) => this.needsAwait(n))
    const n = node as Expr | Stmt
    switch (n.k) {
      case 'getline':
      case 'nextfile':
      case 'while':
      case 'do':
      case 'for':
      case 'forin':
        return true
      case 'print':
        if (n.redirect) return true
        break
      case 'builtin':
        // sub, gsub and gensub walk a long text with turns for the host (Runtime.substitute)
        if (n.name === 'system' || n.name === 'close' || n.name === 'fflush' || n.name === 'sub' || n.name === 'gsub' || n.name === 'gensub') return true
        break
      case 'call':
        if (this.asyncFuncs.has(n.name)) return true
        break
    }
    return Object.values(n).some((v) => v && typeof v === 'object' && this.needsAwait(v))
  }

  private isLocal(name: string): boolean {
    return this.func !== undefined && this.func.params.includes(name)
  }

  private isArrayName(name: string): boolean {
    return this.isLocal(name) ? this.arrayParams.get(this.func!.name)!.has(name) : this.arrays.has(name) || SPECIAL_ARRAYS.has(name)
  }

  /** The JavaScript expression for an array by name. */
  private arrayRef(name: string): string {
    if (SPECIAL_ARRAYS.has(name)) return `rt.${name}`
    if (this.isLocal(name)) return `L_${name}`
    this.globals.add(name)
    return `G_${name}`
  }

  private temp(): string {
    const t = `t${this.temps++}`
    this.maxTemps = Math.max(this.maxTemps, this.temps)
    return t
  }

  // --- the program

  program(): string {
    const funcs = [...this.prog.funcs.values()].map((f) => this.function(f)).join('\n')
    const ends = this.prog.rules.filter((r) => r.kind === 'end')
    const mains = this.prog.rules.filter((r) => r.kind === 'main')
    // BEGIN, END and gawk's BEGINFILE and ENDFILE are functions of their own, outside the record loop
    const fileRules = this.prog.rules.filter((r) => r.kind === 'beginfile' || r.kind === 'endfile')
    const action = (kind: 'begin' | 'end' | 'beginfile' | 'endfile'): string => {
      this.action = kind.toUpperCase()
      const code = this.body(this.prog.rules.filter((r) => r.kind === kind).flatMap((r) => r.body!))
      this.action = undefined
      return code
    }
    const begin = action('begin')
    const end = action('end')
    const beginfile = action('beginfile')
    const endfile = action('endfile')
    const mainRules = mains.map((r) => this.rule(r)).join('\n')
    const main = this.withTemps(mainRules)
    const rangeDecl = this.ranges ? `let ${Array.from({ length: this.ranges }, (_, i) => `r${i} = false`).join(', ')};` : ''
    const globalDecl = [...this.globals].filter((g) => !SPECIALS.has(g) && g !== 'NF' && !SPECIAL_ARRAYS.has(g))
    const decls = globalDecl.map((g) => (this.arrays.has(g) ? `const G_${g} = rt.array();` : `let G_${g};`)).join('\n')
    const setters = globalDecl
      .filter((g) => !this.arrays.has(g))
      .map((g) => `case ${JSON.stringify(g)}: G_${g} = v; return true;`)
      .join('\n')
    // a program that names IGNORECASE gets regexes that look at it (made before any rule runs)
    return `"use strict";
${this.namesIgnoreCase ? 'rt.caseAware = true;' : ''}
${this.regexes.map((src, i) => `const R${i} = rt.regex(${JSON.stringify(src)});`).join('\n')}
${decls}
${rangeDecl}
${funcs}
async function begin() { ${begin} }
async function records(input) {
  ${main.decl}
  REC: for (;;) {
    const rec = input.take();
    if (rec === undefined) { if (!(await input.fill())) break; continue; }
    rt.setRecord(rec); rt.NR++; rt.FNR++;
    ${TICK}
    try {
      ${main.code}
    } catch (e) { if (e === rt.NEXT) continue REC; throw e; }
  }
}
async function end() { ${end} }
async function beginfile() { ${beginfile} }
async function endfile() { ${endfile} }
function setVar(name, v) { switch (name) { ${setters} } return false; }
return { begin, records, end, beginfile, endfile, setVar, hasMain: ${mains.length > 0}, hasEnd: ${ends.length > 0}, hasFileRules: ${fileRules.length > 0} };`
  }

  private withTemps(code: string): { decl: string; code: string } {
    const decl = this.maxTemps ? `let ${Array.from({ length: this.maxTemps }, (_, i) => `t${i}`).join(', ')};` : ''
    this.temps = this.maxTemps = 0
    return { decl, code }
  }

  private body(stmts: Stmt[]): string {
    const code = stmts.map((s) => this.stmt(s)).join('\n')
    const t = this.withTemps(code)
    return t.decl + '\n' + t.code
  }

  private function(f: Func): string {
    this.func = f
    // A local array (an array parameter the caller left out) is counted against the memory limit
    // as a global one is, and let go of when the call returns: no awk value can keep it.
    const locals = f.params.filter((p) => this.arrayParams.get(f.name)!.has(p))
    const prologue = locals.map((p) => `const O_${p} = L_${p} === undefined; if (O_${p}) L_${p} = rt.array();`).join(' ')
    const epilogue = locals.map((p) => `if (O_${p}) L_${p}.release();`).join(' ')
    const code = this.body(f.body)
    this.func = undefined
    const body = locals.length === 0 ? code : `try { ${code} } finally { ${epilogue} }`
    return `${this.asyncFuncs.has(f.name) ? 'async ' : ''}function F_${f.name}(${f.params.map((p) => `L_${p}`).join(', ')}) { ${prologue} ${body} }`
  }

  private rule(r: { pattern?: Expr; pattern2?: Expr; body?: Stmt[] }): string {
    const action = r.body ? r.body.map((s) => this.stmt(s)).join('\n') : 'rt.write(rt.get0() + rt.str(rt.ORS));'
    if (!r.pattern) return `{ ${action} }`
    if (!r.pattern2) return `if (${this.bool(r.pattern)}) { ${action} }`
    const state = `r${this.ranges++}`
    return `if (${state} || ${this.bool(r.pattern)}) { if (${this.bool(r.pattern2)}) ${state} = false; else ${state} = true; ${action} }`
  }

  // --- statements

  private stmt(s: Stmt): string {
    switch (s.k) {
      case 'expr':
        return this.value(s.e) + ';'
      case 'print':
        return this.print(s)
      case 'if':
        return `if (${this.bool(s.test)}) { ${this.stmt(s.then)} }` + (s.else ? ` else { ${this.stmt(s.else)} }` : '')
      case 'while':
        return `while (${this.bool(s.test)}) { ${TICK} ${this.stmt(s.body)} }`
      case 'do':
        return `do { ${TICK} ${this.stmt(s.body)} } while (${this.bool(s.test)});`
      case 'for':
        return `for (${s.init ? this.value(s.init) : ''}; ${s.test ? this.bool(s.test) : ''}; ${s.step ? this.value(s.step) : ''}) { ${TICK} ${this.stmt(s.body)} }`
      case 'forin': {
        const k = this.temp()
        const arr = this.arrayRef(s.name)
        const keys = this.sortedScans ? `gx.scanOrder(rt, ${arr}, rt.PROCINFO.get("sorted_in"))` : `[...${arr}.keys()]`
        const code = `for (${k} of ${keys}) { ${TICK} ${this.assign(s.variable, `new rt.StrNum(${k})`)}; ${this.stmt(s.body)} }`
        return code
      }
      case 'block':
        return s.body.map((b) => this.stmt(b)).join('\n')
      case 'next':
        if (this.action !== undefined && !this.func) throw new AwkSyntaxError(`\`next' used in ${this.action} action`, 0)
        return this.func ? 'throw rt.NEXT;' : 'continue REC;'
      case 'nextfile':
        // in BEGINFILE it skips the file
        if (this.action !== undefined && this.action !== 'BEGINFILE' && !this.func) throw new AwkSyntaxError(`\`nextfile' used in ${this.action} action`, 0)
        return `await rt.main.skipFile(); ${this.func ? 'throw rt.NEXT;' : this.action === 'BEGINFILE' ? 'return;' : 'continue REC;'}`
      case 'break':
        return 'break;'
      case 'continue':
        return 'continue;'
      case 'exit':
        return `throw new rt.ExitSignal(${s.e ? `rt.num(${this.value(s.e)})` : 'undefined'});`
      case 'return':
        return `return ${s.e ? this.value(s.e) : 'undefined'};`
      case 'delete':
        return s.subs ? `${this.arrayRef(s.name)}.delete(${this.key(s.subs)});` : `${this.arrayRef(s.name)}.clear();`
      case 'switch': {
        // the subject is kept in a variable of its own, and each case is the test of a JavaScript
        // switch (true), which falls through and breaks as gawk's does
        // ($ is in no awk name, so no program's variable is this one)
        const subject: Expr = { k: 'var', name: `$switch${this.switches++}` }
        const cases = s.cases.map((c) => {
          const test: Expr | undefined = c.label === undefined ? undefined : c.label.k === 'regex' ? { k: 'match', negate: false, subject, re: c.label } : { k: 'cmp', op: '==', a: subject, b: c.label }
          return `${test === undefined ? 'default' : `case ${this.bool(test)}`}: { ${c.body.map((b) => this.stmt(b)).join('\n')} }`
        })
        return `${this.assign(subject, this.value(s.subject))}; switch (true) { ${cases.join('\n')} }`
      }
    }
  }

  private print(s: Extract<Stmt, { k: 'print' }>): string {
    let text: string
    if (s.printf) text = `rt.sprintf([${s.args.map((a) => this.value(a)).join(', ')}])`
    else if (s.args.length === 0) text = `rt.get0() + rt.str(rt.ORS)`
    else text = s.args.map((a) => this.printed(a)).join(' + rt.str(rt.OFS) + ') + ' + rt.str(rt.ORS)'
    if (!s.redirect) return `rt.write(${text});`
    return `await rt.writeTo(${JSON.stringify(s.redirect.op)}, ${this.str(s.redirect.dest)}, ${text});`
  }

  /** An expression as print writes it (numbers by OFMT). */
  private printed(e: Expr): string {
    if (e.k === 'field') return `rt.fieldStr(${this.num(e.index)})`
    if (e.k === 'str') return JSON.stringify(e.v)
    if (e.k === 'concat') return this.str(e)
    return `rt.ostr(${this.value(e)})`
  }

  // --- expressions: as a value, a number, a string, a JS boolean

  private num(e: Expr): string {
    switch (e.k) {
      case 'num':
        return `(${e.v})`
      case 'field':
        return `rt.fieldNum(${this.num(e.index)})`
      case 'binary':
        return this.arith(e.op, e.a, e.b)
      case 'unary':
        if (e.op === '-') return `(-${this.num(e.a)})`
        if (e.op === '+') return this.num(e.a)
        return `(${this.bool(e.a)} ? 0 : 1)`
      case 'cmp':
      case 'match':
      case 'in':
      case 'logic':
      case 'regex':
        return `(${this.bool(e)} ? 1 : 0)`
      case 'var':
        if (NUMERIC_SPECIALS.has(e.name)) return `rt.${e.name}`
        if (e.name === 'NF') return 'rt.getNF()'
        return `rt.num(${this.value(e)})`
      default:
        return `rt.num(${this.value(e)})`
    }
  }

  private arith(op: string, a: Expr, b: Expr): string {
    return this.arithCode(op, this.num(a), this.num(b))
  }

  private str(e: Expr): string {
    switch (e.k) {
      case 'str':
        return JSON.stringify(e.v)
      case 'field':
        return `rt.fieldStr(${this.num(e.index)})`
      case 'concat':
        return `rt.cat(${this.str(e.a)}, ${this.str(e.b)})`
      default:
        return `rt.str(${this.value(e)})`
    }
  }

  private bool(e: Expr): string {
    switch (e.k) {
      case 'regex':
        return `${this.regexRef(e.src)}.test(rt.get0())`
      case 'match':
        return `(${e.negate ? '!' : ''}${this.re(e.re)}.test(${this.str(e.subject)}))`
      case 'cmp':
        return this.comparison(e.op, e.a, e.b)
      case 'logic':
        return `(${this.bool(e.a)} ${e.op} ${this.bool(e.b)})`
      case 'in':
        return `${this.arrayRef(e.name)}.has(${this.key(e.subs)})`
      case 'unary':
        if (e.op === '!') return `!${this.bool(e.a)}`
        return `(${this.num(e)} !== 0)`
      case 'num':
        return e.v !== 0 ? 'true' : 'false'
      case 'binary':
        return `(${this.num(e)} !== 0)`
      case 'grouping':
        if (e.list.length === 1) return this.bool(e.list[0]!)
        break
    }
    return `rt.bool(${this.value(e)})`
  }

  private comparison(op: string, a: Expr, b: Expr): string {
    const jsOp = op === '==' ? '===' : op === '!=' ? '!==' : op
    // a string constant makes it a string comparison (IGNORECASE's, where the program names it); numbers on both sides a numeric one
    if (a.k === 'str' || b.k === 'str') return this.namesIgnoreCase ? `(rt.strcmp(${this.str(a)}, ${this.str(b)}) ${jsOp} 0)` : `(${this.str(a)} ${jsOp} ${this.str(b)})`
    if (isNumeric(a) && isNumeric(b)) return `(${this.num(a)} ${jsOp} ${this.num(b)})`
    return `(rt.cmp(${this.value(a)}, ${this.value(b)}) ${jsOp} 0)`
  }

  /** A regex operand: a literal is compiled once; anything else is a dynamic regex. */
  private re(e: Expr): string {
    if (e.k === 'regex') return this.regexRef(e.src)
    return `rt.regex(${this.str(e)})`
  }

  private regexRef(src: string): string {
    let i = this.regexes.indexOf(src)
    if (i < 0) i = this.regexes.push(src) - 1
    return `R${i}`
  }

  private key(subs: Expr[]): string {
    if (subs.length === 1) {
      const s = subs[0]!
      if (s.k === 'str') return JSON.stringify(s.v)
      return `rt.key(${this.value(s)})`
    }
    return `rt.keys([${subs.map((s) => this.value(s)).join(', ')}])`
  }

  /** An expression's awk value. */
  private value(e: Expr): string {
    switch (e.k) {
      case 'num':
        return `(${e.v})`
      case 'str':
        return JSON.stringify(e.v)
      case 'regex':
      case 'cmp':
      case 'match':
      case 'in':
      case 'logic':
        return `(${this.bool(e)} ? 1 : 0)`
      case 'var':
        return this.varRef(e.name)
      case 'field':
        return `rt.field(${this.num(e.index)})`
      case 'elem':
        // a reference creates the element
        return `rt.aget(${this.arrayRef(e.name)}, ${this.key(e.subs)})`
      case 'grouping':
        if (e.list.length !== 1) throw new AwkSyntaxError('syntax error: a list in parentheses is only allowed before `in`', 0)
        return this.value(e.list[0]!)
      case 'cond':
        return `(${this.bool(e.test)} ? ${this.value(e.yes)} : ${this.value(e.no)})`
      case 'concat':
        return this.str(e)
      case 'binary':
      case 'unary':
        return this.num(e)
      case 'assign':
        return this.assignment(e.op, e.target, e.value)
      case 'incdec':
        return this.incdec(e)
      case 'call':
        return this.call(e.name, e.args)
      case 'builtin':
        return this.builtin(e.name, e.args)
      case 'getline':
        return this.getline(e)
    }
  }

  private varRef(name: string): string {
    if (name === 'NF') return 'rt.getNF()'
    if (SPECIALS.has(name)) return `rt.${name}`
    if (this.isArrayName(name)) return this.arrayRef(name)
    if (this.isLocal(name)) return `L_${name}`
    this.globals.add(name)
    return `G_${name}`
  }

  /** Code that stores the JS expression `v` (an awk value) in an lvalue and yields it. */
  private assign(target: LValue, v: string): string {
    switch (target.k) {
      case 'var':
        if (target.name === 'NF') return `rt.setNF(${v})`
        if (NUMERIC_SPECIALS.has(target.name)) return `(rt.${target.name} = rt.num(${v}))`
        if (SPECIALS.has(target.name)) return `(rt.${target.name} = ${v})`
        if (this.isArrayName(target.name)) throw new AwkSyntaxError(`can't assign to ${target.name}; it's an array name.`, 0)
        return `(${this.varRef(target.name)} = ${v})`
      case 'field':
        return `rt.setField(${this.num(target.index)}, ${v})`
      case 'elem': {
        const t = this.temp()
        return `(${t} = ${v}, ${this.arrayRef(target.name)}.set(${this.key(target.subs)}, ${t}), ${t})`
      }
    }
  }

  private assignment(op: string, target: LValue, value: Expr): string {
    if (op === '=') return this.assign(target, this.value(value))
    const arith = op.slice(0, -1)
    // x op= y: the target is read once (its subscript or field index evaluated once)
    if (target.k === 'elem') {
      const arr = this.arrayRef(target.name)
      const k = this.temp()
      const x = `rt.num(${arr}.get(${k}))`
      const result = this.arithCode(arith, x, this.num(value))
      const t = this.temp()
      return `(${k} = ${this.key(target.subs)}, ${t} = ${result}, ${arr}.set(${k}, ${t}), ${t})`
    }
    if (target.k === 'field') {
      const i = this.temp()
      return `(${i} = ${this.num(target.index)}, rt.setField(${i}, ${this.arithCode(arith, `rt.fieldNum(${i})`, this.num(value))}))`
    }
    return this.assign(target, this.arithCode(arith, this.num(target), this.num(value)))
  }

  private arithCode(op: string, x: string, y: string): string {
    if (op === '/') return `rt.div(${x}, ${y})`
    if (op === '%') return `rt.mod(${x}, ${y})`
    if (op === '^') return `Math.pow(${x}, ${y})`
    return `(${x} ${op} ${y})`
  }

  private incdec(e: Extract<Expr, { k: 'incdec' }>): string {
    const delta = e.op === '++' ? '+ 1' : '- 1'
    const old = this.temp()
    const target = e.target
    if (target.k === 'elem') {
      const arr = this.arrayRef(target.name)
      const k = this.temp()
      return `(${k} = ${this.key(target.subs)}, ${old} = rt.num(${arr}.get(${k})), ${arr}.set(${k}, ${old} ${delta}), ${e.prefix ? `${old} ${delta}` : old})`
    }
    if (target.k === 'field') {
      const i = this.temp()
      return `(${i} = ${this.num(target.index)}, ${old} = rt.fieldNum(${i}), rt.setField(${i}, ${old} ${delta}), ${e.prefix ? `${old} ${delta}` : old})`
    }
    return `(${old} = ${this.num(target)}, ${this.assign(target, `${old} ${delta}`)}, ${e.prefix ? `${old} ${delta}` : old})`
  }

  private call(name: string, args: Expr[]): string {
    const f = this.prog.funcs.get(name)!
    if (args.length > f.params.length) throw new AwkSyntaxError(`function \`${name}' called with more arguments than declared`, 0)
    const arrays = this.arrayParams.get(name)!
    const list = args.map((a, i) => (arrays.has(f.params[i]!) && a.k === 'var' ? this.arrayRef(a.name) : this.value(a)))
    const call = `F_${name}(${list.join(', ')})`
    return this.asyncFuncs.has(name) ? `(await ${call})` : call
  }

  private builtin(name: string, args: Expr[]): string {
    const arity = GAWK_ARITY.get(name)
    if (arity !== undefined) return this.gawkBuiltin(name, args, arity)
    const v = (i: number): string => (args[i] ? this.value(args[i]) : 'undefined')
    const n = (i: number): string => (args[i] ? this.num(args[i]) : '0')
    const s = (i: number): string => (args[i] ? this.str(args[i]) : '""')
    switch (name) {
      case 'length':
        if (args.length === 0) return 'rt.length(rt.get0())'
        if (args[0]!.k === 'var' && this.isArrayName(args[0]!.name)) return `${this.arrayRef(args[0]!.name)}.size`
        return `rt.length(${v(0)})`
      case 'substr':
        return `rt.substr(${v(0)}, ${v(1)}${args[2] ? ', ' + v(2) : ''})`
      case 'index':
        return `rt.index(${v(0)}, ${v(1)})`
      case 'patsplit':
      case 'split': {
        const arr = args[1]
        if (!arr || arr.k !== 'var') throw new AwkSyntaxError(`${name}: second argument is not an array`, 0)
        const fs = args[2] ? (args[2].k === 'regex' ? this.regexRef(args[2].src) : this.value(args[2])) : 'undefined'
        // gawk's fourth argument: the separators found
        const seps = args[3]
        if (seps !== undefined && seps.k !== 'var') throw new AwkSyntaxError(`${name}: fourth argument is not an array`, 0)
        if (name === 'patsplit') return `rt.patsplitInto(${v(0)}, ${this.arrayRef(arr.name)}, ${fs}${seps ? `, ${this.arrayRef(seps.name)}` : ''})`
        return `rt.splitInto(${v(0)}, ${this.arrayRef(arr.name)}, ${fs}${seps ? `, ${this.arrayRef(seps.name)}` : ''})`
      }
      case 'sub':
      case 'gsub': {
        const target: LValue = args[2] && (args[2].k === 'var' || args[2].k === 'field' || args[2].k === 'elem') ? args[2] : { k: 'field', index: { k: 'num', v: 0 } }
        const r = this.temp()
        const text = args[2] && target !== args[2] ? this.str(args[2]) : this.str(target)
        // a promise only where a long text was walked with turns for the host
        const call = `rt.substitute(${this.re(args[0]!)}, ${v(1)}, ${text}, ${name === 'gsub'})`
        return `(((${r} = ${call}) instanceof Promise ? (${r} = await ${r}) : ${r}) ? (${this.assign(target, `${r}.text`)}, ${r}.count) : 0)`
      }
      case 'match': {
        // gawk's third argument: the match and each group, with their starts and lengths
        const groups = args[2]
        if (groups !== undefined && groups.k !== 'var') throw new AwkSyntaxError('match: third argument is not an array', 0)
        return `rt.match(${v(0)}, ${this.re(args[1]!)}${groups ? `, ${this.arrayRef(groups.name)}` : ''})`
      }
      case 'gensub': {
        const call = `rt.gensub(${this.re(args[0]!)}, ${v(1)}, ${v(2)}, ${args[3] ? v(3) : 'rt.get0()'})`
        const t = this.temp()
        return `((${t} = ${call}) instanceof Promise ? await ${t} : ${t})`
      }
      case 'sprintf':
        return `rt.sprintf([${args.map((a) => this.value(a)).join(', ')}])`
      case 'sin':
      case 'cos':
      case 'exp':
      case 'log':
      case 'sqrt':
        return `Math.${name}(${n(0)})`
      case 'atan2':
        return `Math.atan2(${n(0)}, ${n(1)})`
      case 'int':
        return `Math.trunc(${n(0)})`
      case 'rand':
        return 'rt.rand()'
      case 'srand':
        return `rt.srand(${args[0] ? v(0) : ''})`
      case 'tolower':
        return `rt.lower(${s(0)})`
      case 'toupper':
        return `rt.upper(${s(0)})`
      case 'system':
        return `(await rt.system(${v(0)}))`
      case 'close':
        return `(await rt.close(${v(0)}))`
      case 'fflush':
        return `(await rt.fflush(${args[0] ? v(0) : ''}))`
    }
    throw new AwkSyntaxError(`function ${name} not defined`, 0)
  }

  /** gawk's functions (gawk.ts, reached as gx): every argument evaluated, in order, as gawk does. */
  private gawkBuiltin(name: string, args: Expr[], [least, most]: readonly [number, number]): string {
    if (args.length < least || args.length > most) throw new AwkSyntaxError(`${args.length} is invalid as number of arguments for ${name}`, 0)
    const v = (i: number): string => (args[i] ? this.value(args[i]) : 'undefined')
    switch (name) {
      case 'asort':
      case 'asorti': {
        const array = (i: number, which: string): string => {
          const a = args[i]!
          if (a.k !== 'var' || !this.isArrayName(a.name)) throw new AwkSyntaxError(`${name}: ${which} argument is not an array`, 0)
          return this.arrayRef(a.name)
        }
        const source = array(0, 'first')
        return `gx.sortInto(rt, ${source}, ${args[1] ? array(1, 'second') : source}, ${v(2)}, ${name === 'asorti'})`
      }
      case 'strftime':
        return `gx.formatTime(rt, ${v(0)}, ${v(1)}${args[2] ? `, ${v(2)}` : ''})`
      case 'systime':
        return 'gx.systime()'
      case 'mktime':
        return `gx.makeTime(rt, rt.str(${v(0)})${args[1] ? `, ${v(1)}` : ''})`
      case 'strtonum':
        return `gx.strtonum(${v(0)})`
      case 'lshift':
      case 'rshift':
        return `gx.shift(${JSON.stringify(name)}, ${v(0)}, ${v(1)})`
      default:
        return `gx.bitwise(${JSON.stringify(name)}, [${args.map((a) => this.value(a)).join(', ')}])`
    }
  }

  private getline(e: Extract<Expr, { k: 'getline' }>): string {
    const status = this.temp()
    const read = e.from === 'main' ? 'rt.getlineMain()' : `rt.getlineFrom(${JSON.stringify(e.from)}, ${this.value(e.source!)})`
    // getline sets $0 (or the variable); reading the main input counts NR and FNR (in getlineMain)
    const store = e.target ? this.assign(e.target, 'new rt.StrNum(rt.line)') : 'rt.setRecord(rt.line)'
    return `((${status} = await ${read}) > 0 ? (${store}, ${status}) : ${status})`
  }
}

/** Whether an expression is surely a number (so a comparison with it is numeric when the other side is too). */
function isNumeric(e: Expr): boolean {
  return e.k === 'num' || e.k === 'binary' || (e.k === 'unary' && e.op !== '!') || e.k === 'cmp' || e.k === 'logic' || e.k === 'in' || e.k === 'match'
}
