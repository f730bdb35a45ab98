/**
 * env [-i] [-u name]... [-C dir] [name=value]... [command [arg ...]]: prints or changes the
 * environment. Its own errors are status 125, as GNU env (so they differ from the command's).
 */
import { reasonOf } from '../../kernel/errors.ts'
import { command, parseArgs, usage, UsageError } from '../lib.ts'
import { isDir } from '../util/files.ts'
import { runCommand } from '../util/spawn.ts'

const USAGE = '[-i] [-u name]... [-C dir] [name=value]... [command [arg ...]]'

export const env = command({
  name: 'env',
  long: { 'ignore-environment': 'i', null: '0', unset: 'u:', chdir: 'C:' },
  usage: USAGE,
  summary: 'run a command in a changed environment, or print the environment',
  help: '-i  start from an empty environment   -u NAME  remove NAME   -C DIR  run the command in DIR\n-0  end output lines with NUL',
  async run(proc) {
    let args
    try {
      args = parseArgs(proc.argv, 'iu:C:0')
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
    const dir = typeof flags['C'] === 'string' ? flags['C'] : undefined
    if (dir !== undefined) {
      if (cmd.length === 0) {
        await proc.stderr.write("env: must specify command with --chdir (-C)\nTry 'env --help' for more information.\n")
        return 125
      }
      const problem = await proc.stat(dir).then(
        (d) => (isDir(d) ? undefined : 'not a directory'),
        (e: unknown) => reasonOf(e),
      )
      if (problem !== undefined) {
        await proc.stderr.write(`env: cannot change directory to '${dir}': ${problem}\n`)
        return 125
      }
    }
    if (cmd.length === 0) {
      const end = flags['0'] ? '\0' : '\n'
      await proc.stdout.write(Object.entries(vars).map(([k, v]) => `${k}=${v}${end}`).join(''))
      return 0
    }
    return runCommand(proc, 'env', cmd, { env: vars, ...(dir === undefined ? {} : { cwd: proc.abs(dir) }) })
  },
})
