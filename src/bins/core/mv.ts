/**
 * mv: rename within a directory (wstat of the name, as Plan 9 does), or move elsewhere by
 * copying (mode and times kept) and then removing the original.
 */
import { basename, dirname } from '../../kernel/path.ts'
import type { Dir, ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs } from '../lib.ts'
import { copyTree, isDir, lastElement, removeTree, statOrUndefined, type Report } from '../util/files.ts'
import { insideItself, targetOf } from '../util/targets.ts'

const USAGE = '[-f] source target | [-f] source ... directory'

export const mv = command({
  name: 'mv',
  usage: USAGE,
  summary: 'move or rename files and directories',
  help: '  -f  accepted (existing targets are always replaced)',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, 'f')
    const target = await targetOf(proc, 'mv', USAGE, operands)
    if (typeof target === 'number') return target
    let status: ExitCode = 0
    const report = async (path: string, e: unknown): Promise<void> => {
      status = 1
      await fail(proc, 'mv', path, e)
    }
    for (const src of operands.slice(0, -1)) {
      const dst = target.intoDir ? target.path + '/' + lastElement(src) : target.path
      try {
        await move(proc, src, dst, report)
      } catch (e) {
        await report(src, e)
      }
    }
    return status
  },
})

async function move(proc: ProcContext, src: string, dst: string, report: Report): Promise<void> {
  const srcAbs = proc.abs(src)
  const dstAbs = proc.abs(dst)
  if (srcAbs === dstAbs) throw new Error(`'${src}' and '${dst}' are the same file`)
  const dir = await proc.stat(src)
  if (isDir(dir) && insideItself(srcAbs, dstAbs)) throw new Error(`cannot move a directory into itself, '${dst}'`)
  const existing = await statOrUndefined(proc, dst)
  if (existing) await clearTarget(proc, dst, existing, dir)
  if (dirname(srcAbs) === dirname(dstAbs)) {
    await proc.wstat(src, { name: basename(dstAbs) })
    return
  }
  if (await copyTree(proc, src, dst, dir, { preserve: true, report })) await removeTree(proc, src, dir, report)
}

/** Removes what is at the target so the source can take its name; a directory must be empty. */
async function clearTarget(proc: ProcContext, dst: string, existing: Dir, src: Dir): Promise<void> {
  if (isDir(existing) && !isDir(src)) throw new Error(`cannot overwrite directory '${dst}' with non-directory`)
  if (!isDir(existing) && isDir(src)) throw new Error(`cannot overwrite non-directory '${dst}' with directory`)
  await proc.remove(dst)
}
