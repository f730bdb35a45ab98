/**
 * rm: remove files; -r removes directories and their contents, -d empty directories, -f ignores
 * missing files, -v says what it removed. Never `/`.
 */
import { isNineError, NineError } from '../../kernel/errors.ts'
import type { Dir, ExitCode } from '../../kernel/types.ts'
import { command, fail, parseArgs, usage } from '../lib.ts'
import { isDir, lastElement, removeTree } from '../util/files.ts'
import { longOptions } from '../util/longopts.ts'

/** GNU's long names. */
const LONG = { recursive: 'r', force: 'f', dir: 'd', verbose: 'v' }

const USAGE = '[-rdfv] file ...'

export const rm = command({
  name: 'rm',
  usage: USAGE,
  summary: 'remove files and directories',
  help: '  -r, -R  remove directories and everything in them   -d  remove empty directories\n  -f      no error for missing files, no error without operands   -v  say what was removed',
  async run(proc) {
    const { argv } = longOptions(proc.argv, LONG, 'rRfdv')
    const { flags, operands } = parseArgs(argv, 'rRfdv', { permute: true })
    const force = flags.f === true
    const recursive = flags.r === true || flags.R === true
    const said = flags.v ? (p: string, d: Dir) => proc.stdout.write(`removed ${isDir(d) ? 'directory ' : ''}'${p}'\n`) : undefined
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
        if (isDir(dir) && !recursive) {
          if (!flags.d) throw new NineError('EISDIR', path)
          // -d: an empty directory goes as a file would; one with entries is refused by remove
          await proc.remove(path)
          await said?.(path, dir)
          continue
        }
        await removeTree(proc, path, dir, report, said)
      } catch (e) {
        if (force && isNineError(e, 'ENOENT')) continue
        await report(path, e)
      }
    }
    return status
  },
})
