/**
 * Running bc: variables, arrays and functions (bc's scoping is dynamic: a function's parameters
 * and autos hide the globals of the same name from everything it calls), the special variables
 * scale, ibase, obase and last, and the statements' control flow.
 */
import { mathlib, MATHLIB_ARITY } from './mathlib.ts'
import { add, BcError, compare, div, format, length, mod, mul, neg, num, parseNumeral, pow, rescale, sqrt, sub, ZERO, type Num } from './number.ts'
import type { Define, Expr, LValue, Stmt } from './parser.ts'

class Break {}
class Continue {}
class Return {
  constructor(readonly value: Num) {}
}
/** `halt`: bc ends when the statement runs. */
export class Halt {}

/** How deep functions may call; a deeper call is an error, not a crash. */
const MAX_DEPTH = 1000
/** The most digits a power may have. */
const MAX_DIGITS = 1_000_000

type BcArray = Map<string, Num>

export interface Io {
  write(text: string): Promise<void>
  /** Lets the host run (Ctrl-C, timers) during long loops. */
  yield(): Promise<void>
  /** A line of standard input for read(), or undefined at its end. */
  readLine(): Promise<string | undefined>
}

export class Interpreter {
  scale = 0
  ibase = 10
  obase = 10
  last: Num = ZERO
  private readonly vars = new Map<string, Num[]>()
  private readonly arrays = new Map<string, BcArray[]>()
  private readonly funcs = new Map<string, Define>()
  private depth = 0
  private ticks = 0

  constructor(
    private readonly io: Io,
    private readonly library: boolean,
  ) {}

  define(d: Define): void {
    this.funcs.set(d.name, d)
  }

  async run(s: Stmt): Promise<void> {
    try {
      await this.exec(s)
    } catch (e) {
      if (e instanceof Break || e instanceof Continue) throw new BcError(`${e instanceof Break ? 'break' : 'continue'} outside a loop`)
      if (e instanceof Return) throw new BcError('return outside a function')
      throw e
    }
  }

  private async exec(s: Stmt): Promise<void> {
    switch (s.k) {
      case 'expr': {
        const v = await this.eval(s.e)
        if (s.e.k !== 'assign') {
          this.last = v
          await this.io.write(format(v, this.obase) + '\n')
        }
        return
      }
      case 'str':
        return this.io.write(s.text)
      case 'print':
        for (const item of s.items) {
          if ('str' in item) await this.io.write(unescape(item.str))
          else {
            const v = await this.eval(item.expr)
            this.last = v
            await this.io.write(format(v, this.obase))
          }
        }
        return
      case 'block':
        for (const b of s.body) await this.exec(b)
        return
      case 'if':
        if (truth(await this.eval(s.cond))) await this.exec(s.then)
        else if (s.else) await this.exec(s.else)
        return
      case 'while':
        while (truth(await this.eval(s.cond))) if (await this.loopBody(s.body)) break
        return
      case 'for':
        if (s.init) await this.eval(s.init)
        for (; s.cond === undefined || truth(await this.eval(s.cond)); s.step && (await this.eval(s.step))) if (await this.loopBody(s.body)) break
        return
      case 'break':
        throw new Break()
      case 'continue':
        throw new Continue()
      case 'return':
        throw new Return(s.e ? await this.eval(s.e) : ZERO)
      case 'halt':
        throw new Halt()
      case 'empty':
        return
    }
  }

  /** One turn of a loop; true when it broke out. */
  private async loopBody(body: Stmt): Promise<boolean> {
    if (++this.ticks % 4096 === 0) await this.io.yield()
    try {
      await this.exec(body)
    } catch (e) {
      if (e instanceof Break) return true
      if (!(e instanceof Continue)) throw e
    }
    return false
  }

  private async eval(e: Expr): Promise<Num> {
    switch (e.k) {
      case 'num':
        return parseNumeral(e.text, this.ibase)
      case 'paren':
        return this.eval(e.e)
      case 'var':
        return this.get(e.name)
      case 'elem':
        return this.array(e.name).get(await this.indexOf(e.index)) ?? ZERO
      case 'assign': {
        let v = await this.eval(e.value)
        if (e.op !== '=') v = this.binary(e.op.slice(0, -1), await this.eval(e.target), v)
        await this.set(e.target, v)
        return this.eval(e.target)
      }
      case 'step': {
        const old = await this.eval(e.target)
        const v = e.op === '++' ? add(old, num(1n)) : sub(old, num(1n))
        await this.set(e.target, v)
        return e.prefix ? this.eval(e.target) : old
      }
      case 'bin': {
        if (e.op === '&&') return bool(truth(await this.eval(e.a)) && truth(await this.eval(e.b)))
        if (e.op === '||') return bool(truth(await this.eval(e.a)) || truth(await this.eval(e.b)))
        const a = await this.eval(e.a)
        return this.binary(e.op, a, await this.eval(e.b))
      }
      case 'neg':
        return neg(await this.eval(e.a))
      case 'not':
        return bool(!truth(await this.eval(e.a)))
      case 'builtin': {
        const a = await this.eval(e.a)
        if (e.name === 'length') return num(BigInt(length(a)))
        if (e.name === 'scale') return num(BigInt(a.s))
        return sqrt(a, this.scale)
      }
      case 'read': {
        const line = await this.io.readLine()
        return line === undefined ? ZERO : parseNumeral(line.trim() || '0', this.ibase)
      }
      case 'call':
        return this.call(e)
    }
  }

  private binary(op: string, a: Num, b: Num): Num {
    switch (op) {
      case '+':
        return add(a, b)
      case '-':
        return sub(a, b)
      case '*':
        return mul(a, b, this.scale)
      case '/':
        return div(a, b, this.scale)
      case '%':
        return mod(a, b, this.scale)
      case '^': {
        const digits = (a.v < 0n ? -a.v : a.v).toString().length * Math.abs(Number(rescale(b, 0).v))
        if (digits > MAX_DIGITS && a.v !== 0n && a.v !== 1n && a.v !== -1n) throw new BcError('exponent too large')
        return pow(a, b, this.scale)
      }
      case '==':
        return bool(compare(a, b) === 0)
      case '!=':
        return bool(compare(a, b) !== 0)
      case '<':
        return bool(compare(a, b) < 0)
      case '<=':
        return bool(compare(a, b) <= 0)
      case '>':
        return bool(compare(a, b) > 0)
      default:
        return bool(compare(a, b) >= 0)
    }
  }

  private get(name: string): Num {
    if (name === 'scale') return num(BigInt(this.scale))
    if (name === 'ibase') return num(BigInt(this.ibase))
    if (name === 'obase') return num(BigInt(this.obase))
    if (name === 'last') return this.last
    const stack = this.vars.get(name)
    return stack?.[stack.length - 1] ?? ZERO
  }

  private async set(target: LValue, v: Num): Promise<void> {
    if (target.k === 'elem') {
      this.array(target.name).set(await this.indexOf(target.index), v)
      return
    }
    const whole = Number(rescale(v, 0).v)
    switch (target.name) {
      case 'scale':
        if (whole < 0) throw new BcError('negative scale')
        this.scale = Math.min(whole, 100_000)
        return
      case 'ibase':
        this.ibase = Math.min(16, Math.max(2, whole))
        return
      case 'obase':
        // as GNU bc, out-of-range bases are brought into range
        this.obase = Math.min(Math.max(2, whole), 1_000_000)
        return
      case 'last':
        this.last = v
        return
    }
    const stack = this.vars.get(target.name)
    if (stack === undefined || stack.length === 0) this.vars.set(target.name, [v])
    else stack[stack.length - 1] = v
  }

  private array(name: string): BcArray {
    let stack = this.arrays.get(name)
    if (stack === undefined || stack.length === 0) this.arrays.set(name, (stack = [new Map()]))
    return stack[stack.length - 1]!
  }

  private async indexOf(e: Expr): Promise<string> {
    const i = rescale(await this.eval(e), 0).v
    if (i < 0n || i > 16777215n) throw new BcError('Array index out of bounds')
    return i.toString()
  }

  private async call(e: Extract<Expr, { k: 'call' }>): Promise<Num> {
    const f = this.funcs.get(e.name)
    if (f === undefined) {
      if (this.library && MATHLIB_ARITY[e.name] === e.args.length && e.args.every((a) => 'expr' in a)) {
        const args: Num[] = []
        for (const a of e.args) args.push(await this.eval((a as { expr: Expr }).expr))
        return mathlib[e.name]!(args, this.scale)
      }
      throw new BcError(`Function ${e.name} not defined.`)
    }
    if (f.params.length !== e.args.length) throw new BcError(`Parameter number mismatch`)
    // arguments are evaluated before any of the function's names take effect
    const values: (Num | BcArray)[] = []
    for (let i = 0; i < f.params.length; i++) {
      const p = f.params[i]!
      const a = e.args[i]!
      if (p.array !== 'array' in a) throw new BcError('Parameter type mismatch')
      values.push('array' in a ? new Map(this.array(a.array)) : await this.eval(a.expr))
    }
    if (this.depth >= MAX_DEPTH) throw new BcError('function calls nested too deeply')
    const locals = [...f.params, ...f.autos]
    locals.forEach((p, i) => {
      const value = values[i]
      if (p.array) push(this.arrays, p.name, (value as BcArray | undefined) ?? new Map())
      else push(this.vars, p.name, (value as Num | undefined) ?? ZERO)
    })
    this.depth++
    try {
      for (const s of f.body) await this.exec(s)
      return ZERO
    } catch (x) {
      if (x instanceof Return) return x.value
      throw x
    } finally {
      this.depth--
      for (const p of locals) (p.array ? this.arrays : this.vars).get(p.name)!.pop()
    }
  }
}

function push<T>(map: Map<string, T[]>, name: string, value: T): void {
  const stack = map.get(name)
  if (stack === undefined) map.set(name, [value])
  else stack.push(value)
}

const truth = (n: Num): boolean => n.v !== 0n
const bool = (b: boolean): Num => num(b ? 1n : 0n)

/** The escapes of print's strings (GNU bc). */
function unescape(s: string): string {
  return s.replace(/\\(.)/g, (all, c: string) => ({ a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', q: '"', t: '\t', e: '\\', '\\': '\\' })[c] ?? all)
}
