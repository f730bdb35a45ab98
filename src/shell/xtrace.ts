/**
 * A line of set -x, loaded the first time a script traces: PS4 before it, expanded (not itself
 * traced); bash repeats PS4's first character once more for each command substitution the shell
 * runs in.
 */
import type { Word } from './ast.ts'
import { parseTemplate } from './parser.ts'
import type { ShellState } from './state.ts'

/** What tracing needs of the shell. */
interface Tracer {
  readonly state: ShellState
  readonly expander: { word(w: Word): string | Promise<string> }
  write(fd: number, text: string): Promise<void>
}

export async function traceLine(sh: Tracer, text: string): Promise<void> {
  const state = sh.state
  const ps4 = state.get('PS4') ?? '+ '
  let prefix = ps4
  if (ps4.includes('$') || ps4.includes('`')) {
    state.options.xtrace = false
    try {
      prefix = await sh.expander.word(parseTemplate(ps4))
    } catch {
      // a PS4 that fails to expand is shown as written
    } finally {
      state.options.xtrace = true
    }
  }
  if (prefix !== '' && state.substitutions > 0 && state.bash) prefix = prefix[0]!.repeat(state.substitutions) + prefix
  await sh.write(2, `${prefix}${text}\n`).catch(() => {})
}
