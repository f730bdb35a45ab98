/** rm: remove files; -r removes directories and their contents, -f ignores missing files. Never `/`. */
import { isNineError, NineError } from '../../kernel/errors.ts'
import type { ExitCode } from '../../kernel/types.ts'
import { command, fail, parseArgs, usage } from '../lib.ts'
import { isDir, lastElement, removeTree } from '../util/files.ts'

const USAGE = '[-rf] file ...'

export const rm = command({
  name: 'rm',
  usage: USAGE,
  summary: 'remove files and directories',
  help: '  -r, -R  remove directories and everything in them\n  -f      no error for missing files, no error without operands',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'rRf', { permute: true })
    const force = flags.f === true
    const recursive = flags.r === true || flags.R === true
    if (operands.length === 0) return force ? 0 : usage(proc, 'rm', USAGE, 'missing operand')
    let status: ExitCode = 0
    const report = async (path: string, e: unknown): Promise<void> => {
      status = 1
      await fail(proc, 'rm', path, e)
    }
    for (const path of operands) {
      const last = lastElement(path)
      if (proc.abs(path) === '/') {
        await report(path, new Error('refusing to remove the root'))
        continue
      }
      if (last === '.' || last === '..') {
        await report(path, new Error("refusing to remove '.' or '..'"))
        continue
      }
      try {
        const dir = await proc.stat(path)
        if (isDir(dir) && !recursive) throw new NineError('EISDIR', path)
        await removeTree(proc, path, dir, report)
      } catch (e) {
        if (force && isNineError(e, 'ENOENT')) continue
        await report(path, e)
      }
    }
    return status
  },
})
