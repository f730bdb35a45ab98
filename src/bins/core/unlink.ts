/** unlink file: removes one file, never a directory (rm -d and rmdir do that). */
import { NineError } from '../../kernel/errors.ts'
import { command, fail, parseArgs, UsageError } from '../lib.ts'
import { isDir } from '../util/files.ts'

export const unlink = command({
  name: 'unlink',
  usage: 'file',
  summary: 'remove a file',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    if (operands.length === 0) throw new UsageError('missing operand')
    if (operands.length > 1) throw new UsageError(`extra operand '${operands[1]}'`)
    const file = operands[0]!
    try {
      if (isDir(await proc.stat(file))) throw new NineError('EISDIR', file)
      await proc.remove(file)
    } catch (e) {
      await fail(proc, 'unlink', file, e)
      return 1
    }
    return 0
  },
})
