/**
 * Pathname expansion through the process's namespace: each path element with a wildcard is
 * matched against proc.readdir of the directory so far. Names starting with `.` match only a
 * pattern element that starts with a literal `.` (any, with bash's dotglob). Results are sorted;
 * no match gives [].
 */
import { DMDIR, type ProcContext } from '../kernel/types.ts'
import { matchPattern } from './pattern.ts'
import { hasWildcard, unescapePattern } from './wildcard.ts'

/** bash's shopt options that change globbing: `**` matches any depth of directories; wildcards match hidden names. */
export interface GlobOptions {
  globstar?: boolean
  dotglob?: boolean
  /** Extended patterns, ?(…) *(…) +(…) @(…) !(…) (extglob.ts). */
  extglob?: boolean
  /** Letters match in either case. */
  nocaseglob?: boolean
}

export async function glob(proc: ProcContext, pattern: string, { globstar = false, dotglob = false, extglob = false, nocaseglob = false }: GlobOptions = {}): Promise<string[]> {
  const elements = pattern.split('/')
  // the paths matched so far; '' is the cwd (a relative pattern)
  let found: string[] = [elements[0] === '' ? '/' : '']
  const first = elements[0] === '' ? 1 : 0
  for (let i = first; i < elements.length; i++) {
    const el = elements[i]!
    if (el === '') continue
    const last = i === elements.length - 1
    const next: string[] = []
    if (!hasWildcard(el, extglob)) {
      const name = unescapePattern(el)
      for (const dir of found) next.push(join(dir, name))
      if (last) {
        const exists = await Promise.all(next.map((p) => proc.stat(p).then(() => true, () => false)))
        found = next.filter((_, j) => exists[j])
      } else found = next
      continue
    }
    if (globstar && el === '**') {
      // the directories so far and every directory below them (hidden ones with dotglob); a last `**` lists files too
      const below: string[] = []
      for (const dir of found) await walk(proc, dir, last, dotglob, below)
      found = below
      continue
    }
    const dotOk = dotglob || el.startsWith('.') || el.startsWith('\\.')
    for (const dir of found) {
      let names: string[]
      try {
        names = (await proc.readdir(dir === '' ? '.' : dir)).map((d) => d.name)
      } catch {
        continue
      }
      for (const n of names) {
        if (n[0] === '.' && !dotOk) continue
        if (matchPattern(el, n, extglob, nocaseglob)) next.push(join(dir, n))
      }
    }
    found = next
    if (found.length === 0) return []
  }
  if (pattern.endsWith('/')) {
    found = found.filter((p) => p !== '')
    const dirs = await Promise.all(found.map((p) => proc.stat(p).then((d) => (d.mode & DMDIR) !== 0, () => false)))
    found = found.filter((_, j) => dirs[j]).map((p) => p + '/')
  }
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** `dir` itself (unless it is the cwd and `files` is set) and everything below it, depth first. */
async function walk(proc: ProcContext, dir: string, files: boolean, hidden: boolean, out: string[]): Promise<void> {
  if (!(files && dir === '')) out.push(dir)
  let entries
  try {
    entries = await proc.readdir(dir === '' ? '.' : dir)
  } catch {
    return
  }
  for (const d of entries) {
    if (d.name[0] === '.' && !hidden) continue
    const path = join(dir, d.name)
    if (d.mode & DMDIR) await walk(proc, path, files, hidden, out)
    else if (files) out.push(path)
  }
}

function join(dir: string, name: string): string {
  if (dir === '') return name
  return dir.endsWith('/') ? dir + name : dir + '/' + name
}
