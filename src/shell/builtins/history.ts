/**
 * bash's history [-c] [-d N] [N]: the lines an interactive bash has read (after history
 * expansion), numbered from 1, the last N of them; -c forgets them, -d N forgets line N. A shell
 * that is not interactive keeps none; there is no history file (-a, -n, -r, -w are refused).
 */
import type { Builtin } from './builtin.ts'

export const history: Builtin = {
  async run(sh, argv) {
    const lines = sh.state.history
    const arg = argv[1]
    if (arg === '-c') {
      lines.length = 0
      return 0
    }
    if (arg === '-d') {
      const n = Number(argv[2])
      if (!Number.isInteger(n) || n < 1 || n > lines.length) {
        await sh.error(`history: ${argv[2] ?? ''}: history position out of range`)
        return 1
      }
      lines.splice(n - 1, 1)
      return 0
    }
    if (arg !== undefined && /^-[anrw]$/.test(arg)) {
      await sh.error(`history: ${arg}: not implemented: history files`)
      return 1
    }
    if (arg !== undefined && !/^[0-9]+$/.test(arg)) {
      await sh.error(`history: ${arg}: numeric argument required`)
      return 1
    }
    const from = arg === undefined ? 0 : Math.max(0, lines.length - Number(arg))
    let out = ''
    for (let i = from; i < lines.length; i++) out += `${String(i + 1).padStart(5)}  ${lines[i]}\n`
    await sh.write(1, out)
    return 0
  },
}
