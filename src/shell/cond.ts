/**
 * bash's `[[ … ]]`: no field splitting or globbing of its words; `==`/`!=` match a pattern (the
 * quoted parts of the right side are literal), `=~` an extended regular expression (its groups go
 * to BASH_REMATCH), `-eq` and the other integer tests take arithmetic expressions; the file and
 * string tests are test's own (src/bins/core/test.ts). test's code and the regex engine are
 * loaded when first used, so a browser does not fetch them before the first prompt.
 */
import type { Regex } from '../bins/util/regex.ts'
import type { Int } from './arith.ts'
import type { CondExpr } from './ast.ts'
import { ShellError } from './errors.ts'
import { onFirstUse } from '../bins/lazy.ts'
import type { Expander } from './expand.ts'
import type { Fds } from './redirect.ts'
import type { ShellState } from './state.ts'
import type { ProcContext } from '../kernel/types.ts'

/** What `[[ ]]` needs of the shell. */
interface Shell {
  readonly expander: Expander
  readonly state: ShellState
  readonly proc: ProcContext
  readonly io: Fds
  /** Writes a line of set -x's trace. */
  traceLine(text: string): Promise<void>
}
import { matchPattern } from './pattern.ts'

const INTEGER_TESTS: Record<string, (a: Int, b: Int) => boolean> = {
  '-eq': (a, b) => a === b,
  '-ne': (a, b) => a !== b,
  '-lt': (a, b) => a < b,
  '-le': (a, b) => a <= b,
  '-gt': (a, b) => a > b,
  '-ge': (a, b) => a >= b,
}

export async function evalCond(sh: Shell, e: CondExpr, negated = false): Promise<boolean> {
  const ex = sh.expander
  switch (e.k) {
    case 'and':
      return (await evalCond(sh, e.a)) && evalCond(sh, e.b)
    case 'or':
      return (await evalCond(sh, e.a)) || evalCond(sh, e.b)
    case 'not':
      return !(await evalCond(sh, e.e, true))
    case 'unary': {
      const v = await ex.word(e.w)
      if (sh.state.options.xtrace) await traceTest(sh, negated, `${e.op} ${v}`)
      if (e.op === '-v') return isSet(sh, v)
      if (e.op === '-n') return v !== ''
      if (e.op === '-z') return v === ''
      return test(sh, [e.op, v])
    }
    case 'binary': {
      const a = await ex.word(e.a)
      const integer = INTEGER_TESTS[e.op]
      // a pattern or a number is read from the word itself (set -x shows its text: expanded once more)
      const b = integer !== undefined || e.op === '==' || e.op === '!=' || e.op === '=~' ? undefined : await ex.word(e.b)
      if (sh.state.options.xtrace) await traceTest(sh, negated, `${a} ${e.op} ${b ?? (await ex.word(e.b))}`)
      if (integer !== undefined) return integer(await ex.arithmetic(e.a), await ex.arithmetic(e.b))
      switch (e.op) {
        // bash matches [[ == ]] with extended patterns whether or not extglob is set
        case '==':
          return matchPattern(await ex.pattern(e.b), a, true, sh.state.options.nocasematch)
        case '!=':
          return !matchPattern(await ex.pattern(e.b), a, true, sh.state.options.nocasematch)
        case '<':
          return a < b!
        case '>':
          return a > b!
        case '=~':
          return regexMatch(sh, a, await ex.regex(e.b))
        default:
          return test(sh, [a, e.op, b!])
      }
    }
  }
}

/** set -x's line for one test of `[[ ]]` (a `!` right before it shown with it). */
function traceTest(sh: Shell, negated: boolean, text: string): Promise<void> {
  return sh.traceLine(`[[ ${negated ? '! ' : ''}${text} ]]`)
}

const testCommand = onFirstUse(() => import('../bins/core/test.ts'))
const regexEngine = onFirstUse(() => import('../bins/util/regex.ts'))

async function test(sh: Shell, args: string[]): Promise<boolean> {
  const { evaluateTest, TestSyntaxError } = await testCommand()
  try {
    return await evaluateTest(sh.proc, args, { fd: (n) => sh.io.get(n) })
  } catch (e) {
    if (e instanceof TestSyntaxError) throw new ShellError(`[[: ${e.message}`, 2)
    throw e
  }
}

/** -v name, -v a[i]: whether the variable (or element) is set. */
function isSet(sh: Shell, ref: string): boolean {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/s.exec(ref)
  if (m === null) return false
  const v = sh.state.vars.get(m[1]!)
  if (v === undefined) return false
  if (m[2] === undefined) return v.items === undefined ? v.value !== undefined : v.items.has('0')
  if (m[2] === '@' || m[2] === '*') return v.items === undefined ? v.value !== undefined : v.items.size > 0
  return v.items === undefined ? m[2] === '0' && v.value !== undefined : v.items.has(m[2])
}

/** `=~`: sets BASH_REMATCH to the match and its groups; a bad expression is status 2. */
async function regexMatch(sh: Shell, subject: string, pattern: string): Promise<boolean> {
  const { compileRegex, RegexError } = await regexEngine()
  let re: Regex
  try {
    re = compileRegex(pattern, { extended: true }, { ignoreCase: sh.state.options.nocasematch })
  } catch (e) {
    if (e instanceof RegexError) throw new ShellError(`[[: ${pattern}: ${e.message}`, 2)
    throw e
  }
  const m = re.exec(subject)
  const items = new Map<string, string>()
  if (m !== undefined) for (let i = 0; i <= re.groups; i++) items.set(String(i), m.group(i) ?? '')
  sh.state.setItems('BASH_REMATCH', items)
  return m !== undefined
}
