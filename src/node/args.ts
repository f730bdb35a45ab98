/** The ninefold command line: options first, then a script file or nothing, as sh takes them. */
import { allowedOrigin } from '../webaccess.ts'

export const SYNOPSIS = 'usage: ninefold [--user NAME] [--root DIR | --ephemeral] [--bind HOSTDIR:PATH[:ro|:rw|:cow]]... [--listen DIALSTRING] [--import DIALSTRING:MOUNTPOINT]... [--allow-net ORIGIN]... [-c COMMANDS [NAME [ARG...]] | FILE [ARG...]]\n'

export const HELP = `${SYNOPSIS}Boots a ninefold system and runs its shell as a login shell.

  ninefold                  an interactive shell on a terminal; otherwise the script on standard input
  ninefold -c COMMANDS      runs COMMANDS ($0 is NAME, then ARGs are $1...), exits with their status
  ninefold FILE [ARG...]    runs the host file FILE as a shell script ($0 is FILE, ARGs are $1...),
                            under bash if its #! line names bash, else sh

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
  --listen DIALSTRING
                   export the system's namespace over 9P while it runs (tcp!127.0.0.1!5640,
                   unix!/path; loopback only); attach names are paths in root's namespace
  --import DIALSTRING:MOUNTPOINT
                   mount another ninefold's exported namespace at MOUNTPOINT at boot (repeatable)
  --allow-net ORIGIN
                   let curl and wget fetch from ORIGIN (https://example.org,
                   http://127.0.0.1:8080, or * for every origin); repeatable. Without it,
                   every request is denied
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

/** What every session takes besides what it runs. */
interface Common {
  user?: string
  storage: RootChoice
  binds: HostBind[]
  /** 9P: export the namespace on this dial string. */
  listen?: string
  /** 9P: mount these servers at boot. */
  imports?: { address: string; mountpoint: string }[]
  /** The origins curl and wget may fetch from. */
  allowNet?: string[]
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
  const who: Common = { storage: {}, binds: [] }
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
    if (arg === '--user') who.user = value(arg)
    else if (arg.startsWith('--user=')) who.user = arg.slice('--user='.length)
    else if (arg === '--root') who.storage = { root: value(arg) }
    else if (arg.startsWith('--root=')) who.storage = { root: arg.slice('--root='.length) }
    else if (arg === '--ephemeral') who.storage = { ephemeral: true }
    else if (arg === '--bind') who.binds.push(parseBind(value(arg)))
    else if (arg.startsWith('--bind=')) who.binds.push(parseBind(arg.slice('--bind='.length)))
    else if (arg === '--listen') who.listen = value(arg)
    else if (arg === '--import') (who.imports ??= []).push(importArg(value(arg)))
    else if (arg === '--allow-net') (who.allowNet ??= []).push(originArg(value(arg)))
    else if (arg.startsWith('--allow-net=')) (who.allowNet ??= []).push(originArg(arg.slice('--allow-net='.length)))
    else if (arg === '-c') return { kind: 'command', ...who, command: value(arg), args: argv.slice(i + 1) }
    else throw new UsageError(`unknown option: ${arg}`)
  }
  const file = argv[i]
  if (file === undefined) return { kind: 'shell', ...who }
  return { kind: 'file', ...who, file, args: argv.slice(i + 1) }
}

function originArg(text: string): string {
  try {
    return allowedOrigin(text)
  } catch {
    throw new UsageError(`--allow-net wants an origin (https://host[:port]) or *, got '${text}'`)
  }
}

/** `tcp!host!port:/n/remote`: the dial string, then where to mount it. */
function importArg(text: string): { address: string; mountpoint: string } {
  const colon = text.lastIndexOf(':/')
  if (colon < 0) throw new UsageError(`--import wants DIALSTRING:MOUNTPOINT, got ${text}`)
  return { address: text.slice(0, colon), mountpoint: text.slice(colon + 1) }
}
