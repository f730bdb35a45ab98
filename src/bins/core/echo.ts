/**
 * echo [-neE] [arg ...], as GNU coreutils /bin/echo: escapes only with -e; an argument is an
 * option only if it is made of n, e, E alone (so `echo -x` prints -x).
 */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { command } from '../command.ts'
import { onFirstUse } from '../lazy.ts'

// escapes are for -e only: their code loads then
const escapeCode = onFirstUse(() => import('../util/escapes.ts'))

/**
 * echo's body, for the shell's builtin (which, like bash's, prints `--help` as an argument). Its
 * line written at once (the descriptor takes it so), it returns its status rather than a promise.
 */
export function echoArguments(proc: ProcContext): ExitCode | Promise<ExitCode> {
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
  if (escapes) return echoEscaped(proc, argv, i, newline)
  // through the descriptor: a builtin's view then makes no stream
  const text = line(argv, i, newline)
  return proc.writeNow(1, text) === undefined ? proc.write(1, text).then(succeeded) : 0
}

const succeeded = (): ExitCode => 0

/** `echo -e`: the words from `from` on with their escapes, up to a `\c`. */
async function echoEscaped(proc: ProcContext, argv: readonly string[], from: number, newline: boolean): Promise<ExitCode> {
  const { ByteBuilder, writeEscaped } = await escapeCode()
  const out = new ByteBuilder()
  let complete = true
  for (let w = from; w < argv.length && complete; w++) {
    if (w > from) out.str(' ')
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
