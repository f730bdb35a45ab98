/**
 * bash's caller [N]: where the running function (or sourced file) was called from. Without N,
 * `LINE FILE` of the current call; with N, `LINE NAME FILE` of the call N frames up. Status 1
 * where there is no such frame (FILE is NULL where the caller has none, as bash prints it).
 */
import type { Builtin } from './builtin.ts'

export const caller: Builtin = {
  async run(sh, argv) {
    const { callStack, callLines, sourceStack } = sh.state
    // no frame at all (a -c command's top level): status 1 before the argument is looked at
    if (callLines.length === 0) return 1
    const arg = argv[1]
    if (arg === undefined) {
      await sh.write(1, `${callLines[0]} ${sourceStack[1] ?? 'NULL'}\n`)
      return 0
    }
    if (!/^[0-9]+$/.test(arg)) {
      await sh.error(`caller: ${arg}: invalid number\ncaller: usage: caller [expr]`)
      return 2
    }
    const n = Number(arg)
    if (n + 1 >= callStack.length) return 1
    await sh.write(1, `${callLines[n]} ${callStack[n + 1]} ${sourceStack[n + 1] ?? 'NULL'}\n`)
    return 0
  },
}
