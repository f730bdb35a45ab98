/**
 * test and [: the expression is evaluated by the test command's own code (src/bins/core/test.ts),
 * with the shell's descriptor map for -t, as bash reads it; sh reads the arguments as dash does
 * (dashtest.ts). The builtin adds `[`'s closing bracket and sh's errors. That code is loaded
 * when first used, so a browser does not fetch it before the first prompt.
 */
import type { Builtin } from './builtin.ts'
import { onFirstUse } from '../../bins/lazy.ts'

const testCommand = onFirstUse(() => import('../../bins/core/test.ts'))
const dashTest = onFirstUse(() => import('./dashtest.ts'))

export const test: Builtin = {
  async run(sh, argv) {
    let args = argv.slice(1)
    if (argv[0] === '[') {
      if (args[args.length - 1] !== ']') {
        await sh.error('[: missing ]')
        return 2
      }
      args = args.slice(0, -1)
    }
    const { evaluateTest, TestSyntaxError } = await testCommand()
    const evaluate = sh.state.bash ? evaluateTest : (await dashTest()).evaluateDashTest
    try {
      return (await evaluate(sh.proc, args, { fd: (n: number) => sh.io.get(n) })) ? 0 : 1
    } catch (e) {
      if (!(e instanceof TestSyntaxError)) throw e
      await sh.error(`${argv[0]}: ${e.message}`)
      return 2
    }
  },
}
