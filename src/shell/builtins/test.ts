/**
 * test and [: the expression is evaluated by the test command's own code (src/bins/core/test.ts),
 * with the shell's descriptor map for -t, as bash reads it; sh reads the arguments as dash does
 * (dashtest.ts). The builtin adds `[`'s closing bracket and sh's errors.
 */
import { evaluateTest, TestSyntaxError } from '../../bins/core/test.ts'
import type { Builtin } from './builtin.ts'
import { evaluateDashTest } from './dashtest.ts'

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
    try {
      const options = { fd: (n: number) => sh.io.get(n) }
      return (await (sh.state.bash ? evaluateTest : evaluateDashTest)(sh.proc, args, options)) ? 0 : 1
    } catch (e) {
      if (!(e instanceof TestSyntaxError)) throw e
      await sh.error(`${argv[0]}: ${e.message}`)
      return 2
    }
  },
}
