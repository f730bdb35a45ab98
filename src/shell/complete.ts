/**
 * Tab completion: the word under the cursor completed as a command name (builtins and every
 * program in $PATH) when it is the first word of a command, otherwise as a path through the
 * namespace (directories with a trailing '/'). Returns whole replacement words, sorted.
 */
import { DMDIR, type ProcContext } from '../kernel/types.ts'
import { BUILTINS } from './builtins/index.ts'

/** Characters that end a word, and those after which a new command starts. */
const BREAKS = /[\s;|&()<>]/
const COMMAND_START = /(^|[;|&(]|\$\(|`)\s*$/

export async function complete(proc: ProcContext, line: string, cursor = line.length): Promise<string[]> {
  const before = line.slice(0, cursor)
  let start = before.length
  while (start > 0 && !BREAKS.test(before[start - 1]!)) start--
  const word = before.slice(start)
  const isCommand = COMMAND_START.test(before.slice(0, start)) && !word.includes('/')
  const found = isCommand ? await commands(proc, word) : await paths(proc, word)
  return [...new Set(found)].sort()
}

async function commands(proc: ProcContext, prefix: string): Promise<string[]> {
  const out = [...BUILTINS.keys()].filter((n) => n.startsWith(prefix))
  for (const dir of (proc.env.PATH ?? '/bin').split(':')) {
    try {
      for (const d of await proc.readdir(dir || '.')) if (d.name.startsWith(prefix) && !(d.mode & DMDIR)) out.push(d.name)
    } catch {
      // a missing $PATH directory has nothing to offer
    }
  }
  return out
}

async function paths(proc: ProcContext, word: string): Promise<string[]> {
  const slash = word.lastIndexOf('/')
  const dirPart = slash < 0 ? '' : word.slice(0, slash + 1)
  const prefix = word.slice(slash + 1)
  let dir = dirPart === '' ? '.' : dirPart
  const home = proc.env.HOME
  if (home !== undefined && (dir === '~/' || dir.startsWith('~/'))) dir = home + dir.slice(1)
  try {
    const out: string[] = []
    for (const d of await proc.readdir(dir)) {
      if (!d.name.startsWith(prefix) || (d.name.startsWith('.') && !prefix.startsWith('.'))) continue
      out.push(dirPart + d.name + (d.mode & DMDIR ? '/' : ''))
    }
    return out
  } catch {
    return []
  }
}
