/**
 * envsubst [-v] [shell-format]: copies standard input to standard output with each `$NAME` and
 * `${NAME}` replaced by the environment variable's value (empty if unset), as GNU gettext's
 * envsubst. With shell-format, only the variables it names are replaced; -v prints those names.
 */
import { command, parseArgs, UsageError } from '../lib.ts'
import { longOptions } from '../util/longopts.ts'
import { LineBatches, OutputBuffer } from '../util/textio.ts'

/** `$NAME` or `${NAME}`, as envsubst finds them (no `${NAME:-…}` forms). */
const REFERENCE = /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})/g

const namesIn = (format: string): string[] => Array.from(format.matchAll(REFERENCE), (m) => m[1] ?? m[2]!)

export const envsubst = command({
  name: 'envsubst',
  usage: '[-v] [shell-format]',
  summary: 'substitute environment variables in a text',
  help: '  shell-format  replace only the variables it names ($A ${B})\n  -v  print the variables shell-format names, one a line',
  async run(proc) {
    const { argv } = longOptions(proc.argv, { variables: 'v' }, 'v')
    const { flags, operands } = parseArgs(argv, 'v')
    if (operands.length > 1) throw new UsageError('too many arguments')
    const format = operands[0]
    if (flags.v) {
      if (format === undefined) throw new UsageError('missing arguments')
      const names = namesIn(format)
      await proc.stdout.write(names.map((n) => n + '\n').join(''))
      return 0
    }
    const only = format === undefined ? undefined : new Set(namesIn(format))
    const env = proc.env
    const replace = (all: string, plain: string | undefined, braced: string | undefined): string => {
      const name = plain ?? braced!
      return only && !only.has(name) ? all : (env[name] ?? '')
    }
    const out = new OutputBuffer(proc)
    const batches = new LineBatches(proc, 0)
    for await (const batch of batches) {
      const end = batches.unterminated ? '' : '\n'
      for (const line of batch) out.push(line.replace(REFERENCE, replace) + end)
      if (out.full) await out.flush()
    }
    await out.flush()
    return 0
  },
})
