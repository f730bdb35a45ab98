/**
 * Tab completion for the terminal: the shell's `complete` (run with the login shell's own
 * process, so its namespace, cwd and $PATH) in readline's shape.
 */
import { onFirstUse } from '../bins/lazy.ts'
import type { ProcContext } from '../kernel/types.ts'
import type { Completer } from './editor.ts'

// loaded at the first Tab: a browser does not fetch it before the first prompt
const completion = onFirstUse(() => import('../shell/complete.ts'))

/** `shell()` is the login shell's process, once it runs. */
export function shellCompleter(shell: () => ProcContext | undefined): Completer {
  return async (line) => {
    const proc = shell()
    if (proc === undefined) return [[], '']
    const words = await (await completion()).complete(proc, line)
    // a word completed for good is followed by a space, as in sh's line editors; a directory is not
    const finished = words.length === 1 && !words[0]!.endsWith('/') ? [words[0] + ' '] : words
    return [finished, replaced(line, words)]
  }
}

/**
 * The end of `line` the completions replace: `complete` returns whole words, each starting with
 * the word typed so far, so that word is the longest end of the line they all start with.
 */
function replaced(line: string, words: readonly string[]): string {
  for (let start = 0; start < line.length; start++) {
    const tail = line.slice(start)
    if (words.every((w) => w.startsWith(tail))) return tail
  }
  return ''
}
