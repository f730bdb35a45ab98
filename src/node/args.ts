/** The ninefold command line: options first, then a script file or nothing, as sh takes them. */

export const SYNOPSIS = 'usage: ninefold [--user NAME] [--root DIR | --ephemeral] [--bind HOSTDIR:PATH[:ro|:rw|:cow]]... [-c COMMANDS [NAME [ARG...]] | FILE [ARG...]]\n'

export const HELP = `${SYNOPSIS}Boots a ninefold system and runs its shell as a login shell.

  ninefold                  an interactive shell on a terminal; otherwise the script on standard input
  ninefold -c COMMANDS      runs COMMANDS ($0 is NAME, then ARGs are $1...), exits with their status
  ninefold FILE [ARG...]    runs the host file FILE as a shell script ($0 is FILE, ARGs are $1...)

options:
  -c COMMANDS      run COMMANDS
  --user NAME      log in as NAME (default: the system's default user)
  --root DIR       keep the whole root filesystem in the host directory DIR: a later
                   session with the same DIR finds it as this one left it (default for an
                   interactive shell: $XDG_DATA_HOME/ninefold or ~/.local/share/ninefold;
                   -c, FILE and scripts on standard input start from a fresh system in memory)
  --ephemeral      keep the root filesystem in memory, even for an interactive shell
  --bind HOSTDIR:PATH[:MODE]
                   mount the host directory HOSTDIR at PATH (made if missing); MODE is ro
                   (read-only, the default), rw (read-write) or cow (copy-on-write: changes stay
                   in memory, HOSTDIR never changes); repeatable
  --help           print this help and exit
  --version        print the version and exit
`

/** A host directory to mount (--bind). */
export interface HostBind {
  host: string
  at: string
  mode: 'ro' | 'rw' | 'cow'
}

/** Where the root filesystem lives: --root DIR, --ephemeral, or the default for the kind of session. */
export type RootChoice = { root: string } | { ephemeral: true } | Record<string, never>

interface Common {
  user?: string
  storage: RootChoice
  binds: HostBind[]
}

export type Invocation =
  | { kind: 'help' }
  | { kind: 'version' }
  /** An interactive shell, or the script on standard input. */
  | ({ kind: 'shell' } & Common)
  | ({ kind: 'command'; command: string; args: string[] } & Common)
  | ({ kind: 'file'; file: string; args: string[] } & Common)

export class UsageError extends Error {}

/** HOSTDIR:PATH[:ro|:rw|:cow]; HOSTDIR may itself hold colons (the last one or two separate the rest). */
export function parseBind(spec: string): HostBind {
  const parts = spec.split(':')
  let mode: HostBind['mode'] = 'ro'
  const last = parts[parts.length - 1]
  if (parts.length >= 3 && (last === 'ro' || last === 'rw' || last === 'cow')) {
    mode = last
    parts.pop()
  }
  const at = parts.pop()
  const host = parts.join(':')
  if (parts.length === 0 || host === '' || at === undefined || !at.startsWith('/')) throw new UsageError(`--bind: expected HOSTDIR:/PATH[:ro|:rw|:cow], got '${spec}'`)
  return { host, at, mode }
}

export function parseArgs(argv: readonly string[]): Invocation {
  let user: string | undefined
  let storage: RootChoice = {}
  const binds: HostBind[] = []
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
    else if (arg === '--root') storage = { root: value(arg) }
    else if (arg.startsWith('--root=')) storage = { root: arg.slice('--root='.length) }
    else if (arg === '--ephemeral') storage = { ephemeral: true }
    else if (arg === '--bind') binds.push(parseBind(value(arg)))
    else if (arg.startsWith('--bind=')) binds.push(parseBind(arg.slice('--bind='.length)))
    else if (arg === '-c') return { kind: 'command', ...(user === undefined ? {} : { user }), storage, binds, command: value(arg), args: argv.slice(i + 1) }
    else throw new UsageError(`unknown option: ${arg}`)
  }
  const who = { ...(user === undefined ? {} : { user }), storage, binds }
  const file = argv[i]
  if (file === undefined) return { kind: 'shell', ...who }
  return { kind: 'file', ...who, file, args: argv.slice(i + 1) }
}
