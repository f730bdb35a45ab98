/** rmdir: remove empty directories; -p removes each parent named in the path too, -v says each. */
import { NineError } from '../../kernel/errors.ts'
import { dirname } from '../../kernel/path.ts'
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, usage } from '../lib.ts'
import { isDir } from '../util/files.ts'
import { longOptions } from '../util/longopts.ts'

const USAGE = '[-pv] directory ...'

export const rmdir = command({
  name: 'rmdir',
  usage: USAGE,
  summary: 'remove empty directories',
  help: '  -p  also remove the parent directories named in each path   -v  say each as it goes',
  async run(proc) {
    const { flags, operands } = parseArgs(longOptions(proc.argv, { parents: 'p', verbose: 'v' }, 'pv').argv, 'pv', { permute: true })
    if (operands.length === 0) return usage(proc, 'rmdir', USAGE, 'missing operand')
    let status: ExitCode = 0
    for (const operand of operands) {
      let path = operand.replace(/(.)\/+$/, '$1')
      for (;;) {
        try {
          if (flags.v) await proc.stdout.write(`rmdir: removing directory, '${path}'\n`)
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
