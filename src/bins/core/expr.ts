/**
 * expr: evaluate an expression given as separate arguments. Status 0 when the result is
 * neither empty nor 0, 1 when it is, 2 for an invalid expression or argument.
 */
import type { ExitCode } from '../../kernel/types.ts'
import { command } from '../lib.ts'
import { compileRegex, RegexError, type Regex } from '../util/regex.ts'

class ExprSyntax extends Error {}
class ExprError extends Error {}

type Value = string | bigint

const INTEGER = /^[-+]?\d+$/
const isNumber = (v: Value): boolean => typeof v === 'bigint' || INTEGER.test(v)
const toBig = (v: Value, what = 'non-integer argument'): bigint => {
  if (typeof v === 'bigint') return v
  if (!INTEGER.test(v)) throw new ExprError(what)
  return BigInt(v)
}
const text = (v: Value): string => (typeof v === 'bigint' ? v.toString() : v)
const isNull = (v: Value): boolean => (typeof v === 'bigint' ? v === 0n : v === '' || /^-?0+$/.test(v))

class Parser {
  private at = 0
  constructor(private readonly args: readonly string[]) {}

  parse(): Value {
    const v = this.or()
    if (this.at < this.args.length) throw new ExprSyntax(`syntax error: unexpected argument '${this.args[this.at]}'`)
    return v
  }

  private peek(): string | undefined {
    return this.args[this.at]
  }

  private or(): Value {
    let left = this.and()
    while (this.peek() === '|') {
      this.at++
      const right = this.and()
      left = !isNull(left) ? left : !isNull(right) ? right : 0n
    }
    return left
  }

  private and(): Value {
    let left = this.compare()
    while (this.peek() === '&') {
      this.at++
      const right = this.compare()
      left = !isNull(left) && !isNull(right) ? left : 0n
    }
    return left
  }

  private compare(): Value {
    let left = this.additive()
    for (;;) {
      const op = this.peek()
      if (op !== '<' && op !== '<=' && op !== '=' && op !== '==' && op !== '!=' && op !== '>=' && op !== '>') return left
      this.at++
      const right = this.additive()
      let order: number
      if (isNumber(left) && isNumber(right)) {
        const a = toBig(left)
        const b = toBig(right)
        order = a < b ? -1 : a > b ? 1 : 0
      } else order = text(left) < text(right) ? -1 : text(left) > text(right) ? 1 : 0
      const truth = op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '=' || op === '==' ? order === 0 : op === '!=' ? order !== 0 : op === '>=' ? order >= 0 : order > 0
      left = truth ? 1n : 0n
    }
  }

  private additive(): Value {
    let left = this.multiplicative()
    for (;;) {
      const op = this.peek()
      if (op !== '+' && op !== '-') return left
      this.at++
      const right = this.multiplicative()
      left = op === '+' ? toBig(left) + toBig(right) : toBig(left) - toBig(right)
    }
  }

  private multiplicative(): Value {
    let left = this.match()
    for (;;) {
      const op = this.peek()
      if (op !== '*' && op !== '/' && op !== '%') return left
      this.at++
      const right = this.match()
      const a = toBig(left)
      const b = toBig(right)
      if (op !== '*' && b === 0n) throw new ExprError('division by zero')
      left = op === '*' ? a * b : op === '/' ? a / b : a % b
    }
  }

  private match(): Value {
    let left = this.unary()
    while (this.peek() === ':') {
      this.at++
      left = regexMatch(left, this.unary())
    }
    return left
  }

  private unary(): Value {
    const word = this.peek()
    if (word === undefined) throw new ExprSyntax(this.at === 0 ? 'missing operand' : `syntax error: missing argument after '${this.args[this.at - 1]}'`)
    const operand = (): Value => this.unary()
    switch (word) {
      case 'match': {
        this.at++
        const s = operand()
        return regexMatch(s, operand())
      }
      case 'substr': {
        this.at++
        const s = [...text(operand())]
        const pos = Number(toBig(operand()))
        const len = Number(toBig(operand()))
        if (pos < 1 || len < 1 || pos > s.length) return ''
        return s.slice(pos - 1, pos - 1 + len).join('')
      }
      case 'index': {
        this.at++
        const s = [...text(operand())]
        const chars = text(operand())
        const i = s.findIndex((c) => chars.includes(c))
        return BigInt(i + 1)
      }
      case 'length':
        this.at++
        return BigInt([...text(operand())].length)
      case '+':
        this.at++
        if (this.peek() === undefined) throw new ExprSyntax("syntax error: missing argument after '+'")
        return this.args[this.at++]!
      case '(': {
        this.at++
        const v = this.or()
        if (this.peek() !== ')') throw new ExprSyntax(this.peek() === undefined ? "syntax error: expecting ')' after " + `'${this.args[this.at - 1]}'` : `syntax error: expecting ')' instead of '${this.peek()}'`)
        this.at++
        return v
      }
      case ')':
        throw new ExprSyntax("syntax error: unexpected ')'")
      default:
        this.at++
        return word
    }
  }
}

/** `s : re`: the anchored match's length, or its first group (empty when no match). */
function regexMatch(s: Value, re: Value): Value {
  let compiled: Regex
  try {
    compiled = compileRegex(text(re), { extended: false })
  } catch (e) {
    if (e instanceof RegexError) throw new ExprSyntax(e.message)
    throw e
  }
  // the leftmost match: when one starts at 0, it is the anchored one
  const m = compiled.exec(text(s))
  const anchored = m !== undefined && m.start === 0 ? m : undefined
  if (compiled.groups > 0) return anchored?.group(1) ?? ''
  return anchored ? BigInt([...anchored.text].length) : 0n
}

export const expr = command({
  name: 'expr',
  usage: 'expression',
  summary: 'evaluate expressions',
  help: '  operators, loosest first: |  &  < <= = != >= >  + -  * / %  :\n  match s re, substr s pos len, index s chars, length s, + token, ( expr )',
  async run(proc): Promise<ExitCode> {
    const args = proc.argv.slice(1)
    if (args[0] === '--') args.shift()
    try {
      const v = new Parser(args).parse()
      await proc.stdout.write(text(v) + '\n')
      return isNull(v) ? 1 : 0
    } catch (e) {
      if (e instanceof ExprSyntax) {
        await proc.stderr.write(`expr: ${e.message}\n`)
        return 2
      }
      if (e instanceof ExprError) {
        await proc.stderr.write(`expr: ${e.message}\n`)
        return 2
      }
      throw e
    }
  },
})
