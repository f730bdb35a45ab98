/**
 * nice [-n adjustment | -adjustment] [command [arg ...]]: runs a command at a lower priority.
 * ninefold's processes take turns with no priorities, so the command runs as it would anyway,
 * and without one nice prints the niceness, always 0. Status 125 for nice's own errors, 126 and
 * 127 where the command cannot run or is not found, else the command's.
 */
import { command } from '../lib.ts'
import { runCommand } from '../util/spawn.ts'

const FAILED = 125

export const nice = command({
  name: 'nice',
  usage: '[-n adjustment] [command [arg ...]]',
  summary: 'run a command with a niceness (ninefold has no priorities: it runs as it is)',
  async run(proc) {
    let argv = proc.argv.slice(1)
    let adjustment: string | undefined
    if (argv[0] === '-n' || argv[0] === '--adjustment') {
      adjustment = argv[1]
      if (adjustment === undefined) {
        await proc.stderr.write(`nice: option requires an argument -- 'n'\nTry 'nice --help' for more information.\n`)
        return FAILED
      }
      argv = argv.slice(2)
    } else if (/^-n./.test(argv[0] ?? '') || /^--adjustment=/.test(argv[0] ?? '')) {
      adjustment = argv[0]!.replace(/^-n|^--adjustment=/, '')
      argv = argv.slice(1)
    } else if (/^-[0-9]+$/.test(argv[0] ?? '')) {
      adjustment = argv[0]!.slice(1)
      argv = argv.slice(1)
    }
    if (adjustment !== undefined && !/^[-+]?[0-9]+$/.test(adjustment)) {
      await proc.stderr.write(`nice: invalid adjustment '${adjustment}'\nTry 'nice --help' for more information.\n`)
      return FAILED
    }
    if (argv[0] === '--') argv = argv.slice(1)
    if (argv.length === 0) {
      if (adjustment !== undefined) {
        await proc.stderr.write(`nice: a command must be given with an adjustment\nTry 'nice --help' for more information.\n`)
        return FAILED
      }
      await proc.stdout.write('0\n')
      return 0
    }
    return runCommand(proc, 'nice', argv)
  },
})
