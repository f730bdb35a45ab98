/** rmdir: remove empty directories; -p removes each parent named in the path too. */
import { NineError } from '../../kernel/errors.ts'
import { dirname } from '../../kernel/path.ts'
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, usage } from '../lib.ts'
import { isDir } from '../util/files.ts'

const USAGE = '[-p] directory ...'

export const rmdir = command({
  name: 'rmdir',
  usage: USAGE,
  summary: 'remove empty directories',
  help: '  -p  also remove the parent directories named in each path',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'p', { permute: true })
    if (operands.length === 0) return usage(proc, 'rmdir', USAGE, 'missing operand')
    let status: ExitCode = 0
    for (const operand of operands) {
      let path = operand.replace(/(.)\/+$/, '$1')
      for (;;) {
        try {
          await removeDirectory(proc, path)
        } catch (e) {
          await fail(proc, 'rmdir', path, e)
          status = 1
          break
        }
        if (!flags.p) break
        path = dirname(path)
        if (path === '.' || path === '/') break
      }
    }
    return status
  },
})

async function removeDirectory(proc: ProcContext, path: string): Promise<void> {
  if (!isDir(await proc.stat(path))) throw new NineError('ENOTDIR', path)
  await proc.remove(path)
}
