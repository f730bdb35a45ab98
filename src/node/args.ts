/** The ninefold command line: options first, then a script file or nothing, as sh takes them. */

export const SYNOPSIS = 'usage: ninefold [--user NAME] [-c COMMANDS [NAME [ARG...]] | FILE [ARG...]]\n'

export const HELP = `${SYNOPSIS}Boots a ninefold system and runs its shell as a login shell.

  ninefold                  an interactive shell on a terminal; otherwise the script on standard input
  ninefold -c COMMANDS      runs COMMANDS ($0 is NAME, then ARGs are $1...), exits with their status
  ninefold FILE [ARG...]    runs the host file FILE as a shell script ($0 is FILE, ARGs are $1...)

options:
  -c COMMANDS      run COMMANDS
  --user NAME      log in as NAME (default: the system's default user)
  --help           print this help and exit
  --version        print the version and exit
`

export type Invocation =
  | { kind: 'help' }
  | { kind: 'version' }
  /** An interactive shell, or the script on standard input. */
  | { kind: 'shell'; user?: string }
  | { kind: 'command'; user?: string; command: string; args: string[] }
  | { kind: 'file'; user?: string; file: string; args: string[] }

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Invocation {
  let user: string | undefined
  let i = 0
  const value = (flag: string): string => {
    const v = argv[++i]
    if (v === undefined) throw new UsageError(`option requires an argument: ${flag}`)
    return v
  }
  for (; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      i++
      break
    }
    if (!arg.startsWith('-')) break
    if (arg === '--help') return { kind: 'help' }
    if (arg === '--version') return { kind: 'version' }
    if (arg === '--user') user = value(arg)
    else if (arg.startsWith('--user=')) user = arg.slice('--user='.length)
    else if (arg === '-c') return { kind: 'command', ...(user === undefined ? {} : { user }), command: value(arg), args: argv.slice(i + 1) }
    else throw new UsageError(`unknown option: ${arg}`)
  }
  const who = user === undefined ? {} : { user }
  const file = argv[i]
  if (file === undefined) return { kind: 'shell', ...who }
  return { kind: 'file', ...who, file, args: argv.slice(i + 1) }
}
