/** bash's let: evaluates each argument as arithmetic; status 0 when the last is not zero. */
import type { Int } from '../arith.ts'
import type { Builtin } from './builtin.ts'

export const letBuiltin: Builtin = {
  async run(sh, argv) {
    if (argv.length < 2) {
      await sh.error('let: expression expected')
      return 1
    }
    return sh.arithmeticCommand(async () => {
      let last: Int = 0
      for (const expr of argv.slice(1)) last = await sh.expander.arithmetic({ parts: [{ type: 'quoted', text: expr }] })
      return last === 0 ? 1 : 0
    })
  },
}
