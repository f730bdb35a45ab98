/** basename path [suffix], basename -a [-s suffix] path...: the last element of a path, as GNU. */
import { command, parseArgs, UsageError } from '../lib.ts'

/** POSIX basename: trailing slashes dropped, `/` stays `/`, then an optional suffix removed. */
function baseOf(path: string, suffix = ''): string {
  if (path === '') return ''
  const trimmed = path.replace(/\/+$/, '')
  if (trimmed === '') return '/'
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1)
  return suffix !== '' && base !== suffix && base.endsWith(suffix) ? base.slice(0, -suffix.length) : base
}

export const basename = command({
  name: 'basename',
  long: { multiple: 'a', suffix: 's:', zero: 'z' },
  usage: 'path [suffix] | -a [-s suffix] path ...',
  summary: 'strip directories (and a suffix) from a path',
  help: '-a  every argument is a path   -s SUFFIX  remove SUFFIX too (implies -a)',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'as:z')
    if (operands.length === 0) throw new UsageError('missing operand')
    const many = !!flags['a'] || flags['s'] !== undefined
    if (!many && operands.length > 2) throw new UsageError(`extra operand '${operands[2]}'`)
    const suffix = typeof flags['s'] === 'string' ? flags['s'] : many ? '' : (operands[1] ?? '')
    const paths = many ? operands : [operands[0]!]
    const end = flags['z'] ? '\0' : '\n'
    await proc.stdout.write(paths.map((p) => baseOf(p, suffix) + end).join(''))
    return 0
  },
})
