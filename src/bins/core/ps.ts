/** ps: every process, as in Plan 9 (there is no per-terminal view): PID, USER, STATE, COMMAND. */
import { command, parseArgs, UsageError } from '../lib.ts'

export const ps = command({
  name: 'ps',
  usage: '',
  summary: 'list the processes',
  help: 'Lists every process, by pid: PID, USER, STATE and COMMAND (its arguments).',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    if (operands.length > 0) throw new UsageError(`extra operand '${operands[0]}'`)
    const rows = proc
      .procs()
      .sort((a, b) => a.pid - b.pid)
      .map((p) => `${String(p.pid).padStart(5)} ${p.user.padEnd(8)} ${p.state.padEnd(8)} ${p.argv.join(' ')}\n`)
    await proc.stdout.write(`  PID USER     STATE    COMMAND\n${rows.join('')}`)
    return 0
  },
})
