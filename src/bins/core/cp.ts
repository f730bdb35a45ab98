/** cp: copy files, or with -r directories, to a file or into a directory. */
import type { ExitCode } from '../../kernel/types.ts'
import { command, fail, parseArgs } from '../lib.ts'
import { copyTree, isDir, lastElement, statOrUndefined } from '../util/files.ts'
import { insideItself, refusedAsSameFile, targetKept, targetOf } from '../util/targets.ts'

const USAGE = '[-anprRuv] source target | [-anprRuv] source ... directory'

export const cp = command({
  name: 'cp',
  usage: USAGE,
  summary: 'copy files and directories',
  help: [
    '  -r, -R  copy directories and everything in them',
    '  -p      keep the mode and the times of the sources   -a  both: -rp',
    '  -n      never overwrite an existing target   -u  overwrite only a target older than its source',
    '  -v      say what was copied (each operand)   -f  accepted (existing targets are always overwritten)',
  ].join('\n'),
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'arRpfnuv')
    const target = await targetOf(proc, 'cp', USAGE, operands)
    if (typeof target === 'number') return target
    let status: ExitCode = 0
    const report = async (path: string, e: unknown): Promise<void> => {
      status = 1
      await fail(proc, 'cp', path, e)
    }
    for (const src of operands.slice(0, -1)) {
      const dst = target.intoDir ? target.path + '/' + lastElement(src) : target.path
      try {
        if (await refusedAsSameFile(proc, 'cp', src, dst)) {
          status = 1
          continue
        }
        const dir = await proc.stat(src)
        if (isDir(dir) && !(flags.r || flags.R || flags.a)) throw new Error('-r not specified; omitting directory')
        const srcAbs = proc.abs(src)
        const dstAbs = proc.abs(dst)
        if (isDir(dir) && (await insideItself(proc, srcAbs, dstAbs))) throw new Error(`cannot copy a directory into itself, '${dst}'`)
        const existing = await statOrUndefined(proc, dst)
        if (existing && isDir(existing) && !isDir(dir)) throw new Error(`cannot overwrite directory '${dst}' with non-directory`)
        if (targetKept(existing, dir, flags)) continue
        await copyTree(proc, src, dst, dir, { preserve: flags.p === true || flags.a === true, report })
        if (flags.v) await proc.stdout.write(`'${src}' -> '${dst}'\n`)
      } catch (e) {
        await report(src, e)
      }
    }
    return status
  },
})
