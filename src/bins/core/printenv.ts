/** printenv: print all or part of the environment. */
import { command, parseArgs } from '../lib.ts'

export const printenv = command({
  name: 'printenv',
  usage: '[-0] [name ...]',
  summary: 'print all or part of the environment',
  help: '  -0  end each entry with NUL, not newline',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, '0')
    const end = flags['0'] ? '\0' : '\n'
    if (operands.length === 0) {
      await proc.stdout.write(Object.entries(proc.env).map(([k, v]) => `${k}=${v}${end}`).join(''))
      return 0
    }
    let status = 0
    const out: string[] = []
    for (const name of operands) {
      if (Object.hasOwn(proc.env, name) && !name.includes('=')) out.push(proc.env[name]! + end)
      else status = 1
    }
    await proc.stdout.write(out.join(''))
    return status
  },
})
