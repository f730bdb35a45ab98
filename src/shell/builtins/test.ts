/**
 * test and [: the expression is evaluated by the test command's own code (src/bins/core/test.ts),
 * with the shell's descriptor map for -t, as bash reads it; sh reads the arguments as dash does
 * (dashtest.ts). The builtin adds `[`'s closing bracket and sh's errors. That code is loaded
 * when first used, so a browser does not fetch it before the first prompt.
 */
import type { Builtin, ShellHost } from './builtin.ts'
import { onFirstUse } from '../../bins/lazy.ts'

const testCommand = onFirstUse(() => import('../../bins/core/test.ts'))
const dashTest = onFirstUse(() => import('./dashtest.ts'))

/** Decimal integers whose comparison as numbers is exact. */
const SMALL_INTEGER = /^-?[0-9]{1,15}$/

/**
 * `a -lt b` and the other integer comparisons of two plain decimal numbers, as both dash and
 * bash read three arguments whose middle is a binary operator; undefined for any other form.
 */
function compareIntegers(a: string, op: string, b: string): boolean | undefined {
  if (op.length !== 3 || op[0] !== '-' || !SMALL_INTEGER.test(a) || !SMALL_INTEGER.test(b)) return undefined
  const x = Number(a)
  const y = Number(b)
  switch (op) {
    case '-eq':
      return x === y
    case '-ne':
      return x !== y
    case '-lt':
      return x < y
    case '-le':
      return x <= y
    case '-gt':
      return x > y
    case '-ge':
      return x >= y
  }
  return undefined
}

export const test: Builtin = {
  run(sh, argv) {
    const bracket = argv[0] === '[' ? 1 : 0
    if (argv.length === 4 + bracket && (bracket === 0 || argv[4] === ']')) {
      const r = compareIntegers(argv[1]!, argv[2]!, argv[3]!)
      if (r !== undefined) return r ? 0 : 1
    }
    return evaluate(sh, argv)
  },
}

async function evaluate(sh: ShellHost, argv: readonly string[]): Promise<number> {
  let args = argv.slice(1)
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      await sh.error('[: missing ]')
      return 2
    }
    args = args.slice(0, -1)
  }
  const { evaluateTest, TestSyntaxError, shellWording } = await testCommand()
  const evaluate = sh.state.bash ? evaluateTest : (await dashTest()).evaluateDashTest
  try {
    return (await evaluate(sh.proc, args, { fd: (n: number) => sh.io.get(n) })) ? 0 : 1
  } catch (e) {
    if (!(e instanceof TestSyntaxError)) throw e
    await sh.error(`${argv[0]}: ${shellWording(sh.state.bash, e)}`)
    return 2
  }
}
