/** Runs an awk program: compiles it, then BEGIN, the records of the main input, and END. */
import { isNineError } from '../../kernel/errors.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { RegexError } from '../util/regex.ts'
import { generate } from './codegen.ts'
import * as gawk from './gawk.ts'
import { AwkSyntaxError, unescape } from './lexer.ts'
import { parse } from './parser.ts'
import { AwkError, ExitSignal, MainInput, Runtime } from './runtime.ts'
import { FormatError, StrNum, type Value } from './values.ts'

export interface AwkOptions {
  source: string
  /** -v assignments, in order. */
  assignments: [string, string][]
  /** -F. */
  fs?: string
  /** The operands: files and var=value. */
  operands: readonly string[]
}

interface CompiledProgram {
  begin(): Promise<void>
  records(input: MainInput): Promise<void>
  end(): Promise<void>
  setVar(name: string, v: Value): boolean
  hasMain: boolean
  hasEnd: boolean
}

const SETTABLE_SPECIALS = new Set(['NR', 'FNR', 'FS', 'OFS', 'ORS', 'RS', 'SUBSEP', 'CONVFMT', 'OFMT', 'RSTART', 'RLENGTH', 'FILENAME'])

/** Parses and compiles; throws AwkSyntaxError. The program reaches the runtime as rt and gawk's functions as gx. */
function compile(source: string, rt: Runtime): CompiledProgram {
  const js = generate(parse(source))
  // the generated source quotes every constant with JSON.stringify and prefixes every name
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('rt', 'gx', js)(rt, gawk) as CompiledProgram
}

export async function runAwk(proc: ProcContext, options: AwkOptions): Promise<number> {
  const rt = new Runtime(proc)
  let prog: CompiledProgram
  try {
    prog = compile(options.source, rt)
  } catch (e) {
    // (RangeError: a program nested deeper than the stack)
    if (e instanceof AwkSyntaxError || e instanceof RegexError || e instanceof AwkError || e instanceof RangeError) {
      await proc.stderr.write(`awk: ${e.message}\n`)
      return 2
    }
    throw e
  }
  const assign = (name: string, raw: string): void => {
    const v = new StrNum(unescape(raw))
    if (name === 'NF') rt.setNF(v)
    else if (SETTABLE_SPECIALS.has(name)) (rt as unknown as Record<string, Value>)[name] = name === 'NR' || name === 'FNR' ? rt.num(v) : v
    else prog.setVar(name, v)
  }
  for (const [k, v] of Object.entries(proc.env)) rt.ENVIRON.set(k, new StrNum(v))
  rt.ARGV.set('0', 'awk')
  options.operands.forEach((a, i) => rt.ARGV.set(String(i + 1), new StrNum(a)))
  rt.ARGC = options.operands.length + 1
  if (options.fs !== undefined) rt.FS = options.fs === 't' ? '\t' : unescape(options.fs)
  for (const [name, value] of options.assignments) assign(name, value)
  const input = new MainInput(rt, assign)
  rt.main = input
  let status = 0
  try {
    try {
      await prog.begin()
      if (prog.hasMain || prog.hasEnd) await prog.records(input)
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e
      status = e.status ?? 0
    }
    try {
      await prog.end()
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e
      if (e.status !== undefined) status = e.status
    }
    await rt.closeAll()
    return status & 0xff
  } catch (e) {
    await rt.closeAll().catch(() => {})
    if (e instanceof AwkError || e instanceof RegexError || e instanceof FormatError || e instanceof RangeError || isNineError(e, 'ELIMIT')) {
      await proc.stderr.write(`awk: ${e.message}\n`)
      return 2
    }
    if (isNineError(e, 'EPIPE')) return 2
    throw e
  }
}
