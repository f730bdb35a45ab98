/** Runs an awk program: compiles it, then BEGIN, the records of the main input, and END. */
import { isNineError } from '../../kernel/errors.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { RegexError } from '../util/regex.ts'
import { generate } from './codegen.ts'
import * as gawk from './gawk.ts'
import { AwkSyntaxError, unescape } from './lexer.ts'
import { parse } from './parser.ts'
import { AwkError, ExitSignal, MainInput, Runtime, type FileActions } from './runtime.ts'
import { FormatError, StrNum, type Value } from './values.ts'

export interface AwkOptions {
  source: string
  /** -v assignments, in order. */
  assignments: [string, string][]
  /** -F. */
  fs?: string
  /** The operands: files and var=value. */
  operands: readonly string[]
  /** gawk's -i inplace: each file's output replaces the file. */
  inplace?: boolean
}

interface CompiledProgram {
  begin(): Promise<void>
  records(input: MainInput): Promise<void>
  end(): Promise<void>
  beginfile(): Promise<void>
  endfile(): Promise<void>
  setVar(name: string, v: Value): boolean
  hasMain: boolean
  hasEnd: boolean
  hasFileRules: boolean
}

const SETTABLE_SPECIALS = new Set(['NR', 'FNR', 'FS', 'OFS', 'ORS', 'RS', 'SUBSEP', 'CONVFMT', 'OFMT', 'RSTART', 'RLENGTH', 'FILENAME', 'IGNORECASE', 'FPAT', 'FIELDWIDTHS'])

/** Parses and compiles; throws AwkSyntaxError. The program reaches the runtime as rt and gawk's functions as gx. */
function compile(source: string, rt: Runtime): CompiledProgram {
  const js = generate(parse(source))
  // the generated source quotes every constant with JSON.stringify and prefixes every name
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('rt', 'gx', js)(rt, gawk) as CompiledProgram
}

export async function runAwk(proc: ProcContext, options: AwkOptions): Promise<number> {
  const rt = new Runtime(proc)
  // IGNORECASE set from the command line (-v, or an operand) needs the regexes that look at it
  rt.caseAware = options.assignments.some(([name]) => name === 'IGNORECASE') || options.operands.some((a) => a.startsWith('IGNORECASE='))
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
  const input = new MainInput(rt, assign, fileActions(rt, prog, options.inplace === true))
  rt.main = input
  let status = 0
  try {
    try {
      await prog.begin()
      if (prog.hasMain || prog.hasEnd || prog.hasFileRules || options.inplace) await prog.records(input)
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

/**
 * What runs as each input starts and ends: the program's BEGINFILE and ENDFILE, and for -i inplace
 * (gawk's extension) the capture of a named file's output, ENDFILE's included, written over the
 * file at its end; a file that fails or is skipped before its end is left as it was.
 * Undefined where there is nothing to run.
 */
function fileActions(rt: Runtime, prog: CompiledProgram, inplace: boolean): FileActions | undefined {
  if (!inplace && !prog.hasFileRules) return undefined
  const named = (): string | undefined => {
    const name = rt.str(rt.FILENAME)
    return name === '' || name === '-' || name === '/dev/stdin' ? undefined : name
  }
  let editing: string | undefined
  return {
    async start() {
      editing = inplace ? named() : undefined
      if (editing !== undefined) await rt.capture()
      await prog.beginfile()
    },
    async end() {
      // ENDFILE's output goes into the file too, as gawk's
      await prog.endfile()
      if (editing === undefined) return
      const file = editing
      editing = undefined
      await rt.proc.writeFile(file, await rt.captureEnd())
    },
    async skipped() {
      // a file BEGINFILE skipped is left as it was
      if (editing !== undefined) await rt.captureEnd()
      editing = undefined
      await prog.endfile()
    },
  }
}