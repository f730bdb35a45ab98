/**
 * Canonical paths for realpath and readlink -f. Ninefold has no symbolic links, so the
 * canonical form is the clean absolute path; what differs is how much of it must exist.
 */
import { isNineError } from '../../kernel/errors.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { isDir } from './files.ts'

/** all: every element exists; parents: all but the last; none: nothing needs to. */
export type Existence = 'all' | 'parents' | 'none'

export async function canonical(proc: ProcContext, path: string, need: Existence): Promise<string> {
  const abs = proc.abs(path)
  if (need === 'none') return abs
  const parts = abs.split('/').filter((p) => p !== '')
  let at = ''
  for (let i = 0; i < parts.length; i++) {
    at += '/' + parts[i]
    const last = i === parts.length - 1
    try {
      const dir = await proc.stat(at)
      // a file cannot have children: `file/x` fails as ENOTDIR, as on Unix
      if (!last && !isDir(dir)) throw Object.assign(new Error('Not a directory'), { notDir: true })
    } catch (e) {
      if (last && need === 'parents' && isNineError(e, 'ENOENT')) return abs
      throw e
    }
  }
  return abs
}
