/** The last operand of cp and mv: a directory to put the sources in, or the one new name. */
import { dirname } from '../../kernel/path.ts'
import type { Dir, ExitCode, ProcContext } from '../../kernel/types.ts'
import { usage } from '../lib.ts'
import { isDir, statOrUndefined } from './files.ts'

export interface Target {
  /** The last operand, trailing slashes removed. */
  path: string
  /** Sources go inside it, under their own names. */
  intoDir: boolean
}

/**
 * The target, or the exit status after complaining about the operands. `as` is how -t or -T
 * said to read the last operand: a directory the sources go in (-t DIR, appended to the
 * operands), or the one new name even where a directory has it.
 */
export async function targetOf(proc: ProcContext, cmd: string, synopsis: string, operands: string[], as?: 'directory' | 'name'): Promise<Target | ExitCode> {
  if (operands.length === (as === 'directory' ? 1 : 0)) return usage(proc, cmd, synopsis, 'missing file operand')
  if (operands.length === 1) return usage(proc, cmd, synopsis, `missing destination file operand after '${operands[0]}'`)
  if (as === 'name' && operands.length > 2) return usage(proc, cmd, synopsis, `extra operand '${operands[2]}'`)
  const last = operands[operands.length - 1]!
  const path = last.length > 1 ? last.replace(/\/+$/, '') || '/' : last
  const existing = await statOrUndefined(proc, path).catch(() => undefined)
  if (as === 'directory' && (existing === undefined || !isDir(existing))) {
    await proc.stderr.write(`${cmd}: target directory '${last}': ${existing === undefined ? 'file does not exist' : 'not a directory'}\n`)
    return 1
  }
  const intoDir = as !== 'name' && existing !== undefined && isDir(existing)
  if (!intoDir && operands.length > 2) {
    await proc.stderr.write(`${cmd}: ${last}: target is not a directory\n`)
    return 1
  }
  return { path: path === '/' ? '' : path, intoDir }
}

/**
 * GNU's refusal to copy or move a file onto itself, whatever two names reach it (a bind makes
 * `/n/f` the same file as `/tmp/f`): reports it and returns true.
 */
export async function refusedAsSameFile(proc: ProcContext, cmd: string, src: string, dst: string): Promise<boolean> {
  if (!(await proc.sameFile(src, dst))) return false
  await proc.stderr.write(`${cmd}: '${src}' and '${dst}' are the same file\n`)
  return true
}

/**
 * Whether `dst` lies inside the directory `src` (both absolute): by name, or through a bind (a
 * directory above `dst` is the same file as `src`), where a copy would never end.
 */
export async function insideItself(proc: ProcContext, src: string, dst: string): Promise<boolean> {
  if (src === '/' || dst.startsWith(src + '/')) return true
  for (let above = dirname(dst); above !== '/'; above = dirname(above)) if (await proc.sameFile(src, above)) return true
  return false
}

/** Whether -n (never overwrite) or -u (overwrite only an older target) keeps `existing` as it is. */
export function targetKept(existing: Dir | undefined, src: Dir, flags: Record<string, string | true>): boolean {
  if (existing === undefined) return false
  return flags.n === true || (flags.u === true && existing.mtime >= src.mtime)
}
