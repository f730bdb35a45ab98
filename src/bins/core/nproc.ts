/** nproc: the number of processors the host offers (navigator.hardwareConcurrency where there is one). */
import { command, UsageError } from '../lib.ts'
import { processorCount } from '../util/processors.ts'

export const nproc = command({
  name: 'nproc',
  usage: '[--all] [--ignore=N]',
  summary: 'print the number of processing units available',
  async run(proc) {
    let ignore = 0
    for (const arg of proc.argv.slice(1)) {
      if (arg === '--all') continue
      const m = /^--ignore=(\d+)$/.exec(arg)
      if (!m) throw new UsageError(`unrecognized option '${arg}'`)
      ignore = Number(m[1])
    }
    await proc.stdout.write(`${Math.max(1, processorCount() - ignore)}\n`)
    return 0
  },
})
