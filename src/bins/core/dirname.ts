/** dirname path...: each path without its last element, as GNU. */
import { command, parseArgs, UsageError } from '../lib.ts'

function dirOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  if (trimmed === '') return path.startsWith('/') ? '/' : '.'
  const slash = trimmed.lastIndexOf('/')
  if (slash < 0) return '.'
  const dir = trimmed.slice(0, slash).replace(/\/+$/, '')
  return dir === '' ? '/' : dir
}

export const dirname = command({
  name: 'dirname',
  long: { zero: 'z' },
  usage: 'path ...',
  summary: 'strip the last element from a path',
  help: '-z  end each output line with NUL instead of newline',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'z', { permute: true })
    if (operands.length === 0) throw new UsageError('missing operand')
    const end = flags['z'] ? '\0' : '\n'
    await proc.stdout.write(operands.map((p) => dirOf(p) + end).join(''))
    return 0
  },
})
