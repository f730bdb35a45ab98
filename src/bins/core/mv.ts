/**
 * mv: rename within a directory (wstat of the name, as Plan 9 does), or move elsewhere by
 * copying (mode and times kept) and then removing the original.
 */
import { isNineError } from '../../kernel/errors.ts'
import { basename, dirname } from '../../kernel/path.ts'
import type { Dir, ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs } from '../lib.ts'
import { copyTree, isDir, lastElement, removeTree, statOrUndefined, type Report } from '../util/files.ts'
import { insideItself, refusedAsSameFile, targetKept, targetOf } from '../util/targets.ts'

const USAGE = '[-fnuvT] source target | [-fnuv] source ... directory | [-fnuv] -t directory source ...'

export const mv = command({
  name: 'mv',
  long: { force: 'f', 'no-clobber': 'n', update: 'u', verbose: 'v', 'target-directory': 't:', 'no-target-directory': 'T' },
  usage: USAGE,
  summary: 'move or rename files and directories',
  help: [
    '  -f  replace existing targets (the default)   -n  never replace an existing target',
    '  -u  replace a target only if the source is newer   -v  say what was renamed',
    '  -t DIR  move every source into DIR   -T  the target is the new name, even of a directory',
  ].join('\n'),
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'fnuvt:T', { permute: true })
    // -t DIR: every operand is a source; -T: the last is the new name, even of a directory
    if (typeof flags.t === 'string') operands.push(flags.t)
    const target = await targetOf(proc, 'mv', USAGE, operands, typeof flags.t === 'string' ? 'directory' : flags.T ? 'name' : undefined)
    if (typeof target === 'number') return target
    let status: ExitCode = 0
    const report = async (path: string, e: unknown): Promise<void> => {
      status = 1
      await fail(proc, 'mv', path, e)
    }
    for (const src of operands.slice(0, -1)) {
      const dst = target.intoDir ? target.path + '/' + lastElement(src) : target.path
      try {
        if (await refusedAsSameFile(proc, 'mv', src, dst)) status = 1
        else if (!targetKept(await statOrUndefined(proc, dst), await proc.stat(src), flags)) {
          await move(proc, src, dst, report)
          if (flags.v) await proc.stdout.write(`renamed '${src}' -> '${dst}'\n`)
        }
      } catch (e) {
        await report(src, e)
      }
    }
    return status
  },
})

/** Moves `src` to `dst`, which is not the same file; nothing at `dst` is destroyed before the source is known to be movable. */
async function move(proc: ProcContext, src: string, dst: string, report: Report): Promise<void> {
  const srcAbs = proc.abs(src)
  const dstAbs = proc.abs(dst)
  const dir = await proc.stat(src)
  if (isDir(dir) && (await insideItself(proc, srcAbs, dstAbs))) throw new Error(`cannot move a directory into itself, '${dst}'`)
  const existing = await statOrUndefined(proc, dst)
  if (existing) checkKinds(dst, existing, dir)
  if (dirname(srcAbs) === dirname(dstAbs)) {
    await renameOver(proc, src, dst, basename(dstAbs), existing !== undefined)
    return
  }
  // A copy: a file at `dst` is truncated only once the source is open; an (empty) directory gives
  // way only once the source directory is readable (remove refuses a full one).
  if (existing && isDir(existing)) {
    await proc.readdir(src)
    await proc.remove(dst)
  }
  if (await copyTree(proc, src, dst, dir, { preserve: true, report })) await removeTree(proc, src, dir, report)
}

/** A rename within the directory; a target in the way is removed only once the rename was refused for it alone. */
async function renameOver(proc: ProcContext, src: string, dst: string, name: string, exists: boolean): Promise<void> {
  try {
    await proc.wstat(src, { name })
  } catch (e) {
    // permission and the sticky bit are checked before the name: EEXIST means only the target is in the way
    if (!exists || !isNineError(e, 'EEXIST')) throw e
    await proc.remove(dst)
    await proc.wstat(src, { name })
  }
}

/** A directory replaces only a directory, a file only a file. */
function checkKinds(dst: string, existing: Dir, src: Dir): void {
  if (isDir(existing) && !isDir(src)) throw new Error(`cannot overwrite directory '${dst}' with non-directory`)
  if (!isDir(existing) && isDir(src)) throw new Error(`cannot overwrite non-directory '${dst}' with directory`)
}
