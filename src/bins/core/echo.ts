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
  const words = argv.slice(i)
  if (!escapes) {
    await proc.stdout.write(words.join(' ') + (newline ? '\n' : ''))
    return 0
  }
  const { ByteBuilder, writeEscaped } = await escapeCode()
  const out = new ByteBuilder()
  let complete = true
  for (let w = 0; w < words.length && complete; w++) {
    if (w > 0) out.str(' ')
    complete = writeEscaped(words[w]!, out, 'echo')
  }
  if (complete && newline) out.str('\n')
  await proc.stdout.write(out.take())
  return 0
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
