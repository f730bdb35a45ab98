/**
 * sh's test and [ read their arguments as dash does, which settles forms POSIX leaves open
 * (`[ -z -a -a ]`, `[ x -a ]`, `[ ( ) ]`): a word is an operator unless it is a unary operator
 * that must be an operand (isoperand below), a missing operand after -a, -o or ( counts as
 * false, and what is left over after the expression is an error. bash's test follows POSIX's
 * table for up to four arguments instead (src/bins/core/test.ts).
 */
import { binary, BINARY, TestSyntaxError, unary, UNARY, type TestOptions } from '../../bins/core/test.ts'
import type { ProcContext } from '../../kernel/types.ts'

/** What a word is where it stands: an operator of some kind, an operand, or the end. */
type Token = 'unary' | 'binary' | '!' | '-a' | '-o' | '(' | ')' | 'operand' | 'end'

/** The primaries' meaning (test.ts's), for one process. */
interface Primaries {
  unary(op: string, operand: string): Promise<boolean>
  binary(left: string, op: string, right: string): Promise<boolean>
}

class DashTest {
  /** The word last looked at (dash's t_wp): expressions leave it on the last word they used. */
  private at = 0

  constructor(
    private readonly args: readonly string[],
    private readonly primaries: Primaries,
  ) {}

  /** The kind of the word at `i`, dash's t_lex. */
  private kind(i: number): Token {
    const w = this.args[i]
    if (w === undefined) return 'end'
    if (UNARY.has(w)) return this.isOperand(i) ? 'operand' : 'unary'
    if (w === '(' && this.args[i + 1] === undefined) return 'operand'
    if (BINARY.has(w)) return 'binary'
    if (w === '!' || w === '-a' || w === '-o' || w === '(' || w === ')') return w
    return 'operand'
  }

  /** A unary operator is an operand when it is last, or when a binary operator follows it and more comes after. */
  private isOperand(i: number): boolean {
    const next = this.args[i + 1]
    if (next === undefined) return true
    if (this.args[i + 2] === undefined) return false
    return BINARY.has(next)
  }

  /** The whole expression; `first` is what the first word counts as. */
  async evaluate(first: Token = this.kind(0)): Promise<boolean> {
    const r = await this.or(first)
    if (this.args[this.at] !== undefined && this.args[this.at + 1] !== undefined) {
      throw new TestSyntaxError(`${this.args[this.at]}: unexpected operator`)
    }
    return r
  }

  private async or(t: Token): Promise<boolean> {
    let r = false
    for (;;) {
      if (await this.and(t)) r = true
      if (this.kind(this.at + 1) !== '-o') return r
      this.at += 2
      t = this.kind(this.at)
    }
  }

  private async and(t: Token): Promise<boolean> {
    let r = true
    for (;;) {
      if (!(await this.not(t))) r = false
      if (this.kind(this.at + 1) !== '-a') return r
      this.at += 2
      t = this.kind(this.at)
    }
  }

  private async not(t: Token): Promise<boolean> {
    if (t !== '!') return this.primary(t)
    return !(await this.not(this.kind(++this.at)))
  }

  private async primary(t: Token): Promise<boolean> {
    const a = this.args
    if (t === 'end') return false
    if (t === '(') {
      const inner = this.kind(++this.at)
      if (inner === ')') return false
      const r = await this.or(inner)
      if (this.kind(++this.at) !== ')') throw new TestSyntaxError('closing paren expected')
      return r
    }
    if (t === 'unary') {
      const op = a[this.at]!
      const operand = a[++this.at]
      if (operand === undefined) throw new TestSyntaxError(`${op}: argument expected`)
      return this.primaries.unary(op, operand)
    }
    if (this.kind(this.at + 1) === 'binary') {
      const left = a[this.at]!
      const op = a[this.at + 1]!
      this.at += 2
      const right = a[this.at]
      if (right === undefined) throw new TestSyntaxError(`${op}: argument expected`)
      return this.primaries.binary(left, op, right)
    }
    return a[this.at] !== ''
  }
}

/** Evaluates the arguments of sh's test as dash does. Throws TestSyntaxError. */
export async function evaluateDashTest(proc: ProcContext, args: readonly string[], options: TestOptions): Promise<boolean> {
  let list = args
  let negate = false
  let first: Token | undefined
  for (;;) {
    if (list.length === 0) return negate
    // POSIX's rules for three and four arguments, as dash applies them
    if (list.length === 3 && BINARY.has(list[1]!)) {
      first = 'operand'
      break
    }
    if (list.length !== 3 && list.length !== 4) break
    if (list[0] === '(' && list[list.length - 1] === ')') {
      list = list.slice(1, -1)
      break
    }
    if (list[0] !== '!') break
    negate = true
    list = list.slice(1)
  }
  const primaries: Primaries = {
    unary: (op, operand) => unary(proc, op, operand, options),
    binary: (left, op, right) => binary(proc, left, op, right),
  }
  const r = await new DashTest(list, primaries).evaluate(first)
  return negate ? !r : r
}
