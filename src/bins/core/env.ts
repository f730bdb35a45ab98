/**
 * env [-i] [-u name]... [name=value]... [command [arg ...]]: prints or changes the environment.
 * Its own errors are status 125, as GNU env (so they differ from the command's).
 */
import { command, parseArgs, usage, UsageError } from '../lib.ts'
import { runCommand } from '../util/spawn.ts'

const USAGE = '[-i] [-u name]... [name=value]... [command [arg ...]]'

export const env = command({
  name: 'env',
  usage: USAGE,
  summary: 'run a command in a changed environment, or print the environment',
  help: '-i  start from an empty environment   -u NAME  remove NAME   -0  end output lines with NUL',
  async run(proc) {
    let args
    try {
      args = parseArgs(proc.argv, 'iu:0')
    } catch (e) {
      if (!(e instanceof UsageError)) throw e
      await usage(proc, 'env', USAGE, e.message)
      return 125
    }
    const { flags, values, operands } = args
    // `env - cmd` is the old spelling of -i
    const clean = !!flags['i'] || operands[0] === '-'
    const vars: Record<string, string> = clean ? {} : { ...proc.env }
    for (const name of values['u'] ?? []) delete vars[name]
    let i = operands[0] === '-' ? 1 : 0
    for (; i < operands.length; i++) {
      const eq = operands[i]!.indexOf('=')
      if (eq <= 0) break
      vars[operands[i]!.slice(0, eq)] = operands[i]!.slice(eq + 1)
    }
    const cmd = operands.slice(i)
    if (cmd.length === 0) {
      const end = flags['0'] ? '\0' : '\n'
      await proc.stdout.write(Object.entries(vars).map(([k, v]) => `${k}=${v}${end}`).join(''))
      return 0
    }
    return runCommand(proc, 'env', cmd, { env: vars })
  },
})
