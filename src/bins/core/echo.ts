/**
 * echo [-neE] [arg ...], as GNU coreutils /bin/echo: escapes only with -e; an argument is an
 * option only if it is made of n, e, E alone (so `echo -x` prints -x).
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command } from '../command.ts'
import { onFirstUse } from '../lazy.ts'

// escapes are for -e only: their code loads then
const escapeCode = onFirstUse(() => import('../util/escapes.ts'))

/** echo's body, for the shell's builtin (which, like bash's, prints `--help` as an argument). */
export async function echoArguments(proc: ProcContext): Promise<number> {
  const argv = proc.argv
  let newline = true
  let escapes = false
  let i = 1
  for (; i < argv.length && argv[i]!.startsWith('-') && /^-[neE]+$/.test(argv[i]!); i++) {
    for (const f of argv[i]!.slice(1)) {
      if (f === 'n') newline = false
      else escapes = f === 'e'
    }
  }
  if (!escapes) {
    // through the descriptor: a builtin's view then makes no stream
    await proc.write(1, line(argv, i, newline))
    return 0
  }
  const { ByteBuilder, writeEscaped } = await escapeCode()
  const out = new ByteBuilder()
  let complete = true
  for (let w = i; w < argv.length && complete; w++) {
    if (w > i) out.str(' ')
    complete = writeEscaped(argv[w]!, out, 'echo')
  }
  if (complete && newline) out.str('\n')
  await proc.stdout.write(out.take())
  return 0
}

/** The words from `from` on, joined by spaces, with a newline unless `-n` said not to. */
function line(words: readonly string[], from: number, newline: boolean): string {
  let text = from < words.length ? words[from]! : ''
  for (let w = from + 1; w < words.length; w++) text += ' ' + words[w]!
  return newline ? text + '\n' : text
}

export const echo = command({
  name: 'echo',
  usage: '[-neE] [arg ...]',
  summary: 'print arguments',
  help: `-n  no trailing newline
-e  interpret backslash escapes (\\n \\t \\\\ \\0NNN \\xHH \\c ...)
-E  do not interpret escapes (the default)`,
  run: echoArguments,
})
