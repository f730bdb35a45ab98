/** The last operand of cp and mv: a directory to put the sources in, or the one new name. */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { usage } from '../lib.ts'
import { isDir, statOrUndefined } from './files.ts'

export interface Target {
  /** The last operand, trailing slashes removed. */
  path: string
  /** Sources go inside it, under their own names. */
  intoDir: boolean
}

/** The target, or the exit status after complaining about the operands. */
export async function targetOf(proc: ProcContext, cmd: string, synopsis: string, operands: string[]): Promise<Target | ExitCode> {
  if (operands.length === 0) return usage(proc, cmd, synopsis, 'missing file operand')
  if (operands.length === 1) return usage(proc, cmd, synopsis, `missing destination file operand after '${operands[0]}'`)
  const last = operands[operands.length - 1]!
  const path = last.length > 1 ? last.replace(/\/+$/, '') || '/' : last
  const existing = await statOrUndefined(proc, path).catch(() => undefined)
  const intoDir = existing !== undefined && isDir(existing)
  if (!intoDir && operands.length > 2) {
    await proc.stderr.write(`${cmd}: ${last}: target is not a directory\n`)
    return 1
  }
  return { path: path === '/' ? '' : path, intoDir }
}

/** Whether `dst` lies inside the directory `src` (both absolute). */
export function insideItself(src: string, dst: string): boolean {
  return src === '/' || dst.startsWith(src + '/')
}
