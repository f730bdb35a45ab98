/**
 * A ninefold session on the host: boots the standard system with the host's terminal (or its
 * standard streams) as the console, runs a login shell on it and resolves with its status.
 */
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { boot, type System } from '../image.ts'
import { NineError } from '../kernel/errors.ts'
import type { Fileserver } from '../kernel/types.ts'
import { DEFAULT_USER, stdSystem } from '../presets/std.ts'
import { shellCompleter } from '../term/completion.ts'
import type { HostBind, RootChoice } from './args.ts'
import { hostDir } from './hostfs.ts'
import { hostfs } from './hostfscmd.ts'
import { Persistfs } from './persistfs.ts'
import { TerminalConsole } from './console.ts'
import { HistoryFile } from './history.ts'
import { nodeNetwork } from './net9p.ts'
import { nodeWorkers } from './workers.ts'
import { importAtBoot, listenSystem } from './share.ts'
import type { HostOutput } from './output.ts'
import { StreamConsole } from './streamconsole.ts'

export interface SessionOptions {
  /** The login shell's argv: ['sh', '-l'] or ['sh', '-l', '-c', ...]. */
  argv: string[]
  user?: string
  /** Where the root filesystem lives (--root, --ephemeral, or the default for this kind of session). */
  storage: RootChoice
  /** Host directories to mount (--bind). */
  binds: HostBind[]
  /** The shell reads its commands from the console (no -c). */
  scriptFromConsole: boolean
  stdout: HostOutput
  stderr: HostOutput
  /** 9P: export the system's namespace on this dial string while the session runs. */
  listen?: string
  /** 9P: servers mounted at boot. */
  imports?: { address: string; mountpoint: string }[]
  /** The origins curl and wget may fetch from (--allow-net). */
  allowNet?: string[]
}

/**
 * The host directory that keeps the root filesystem, if any: --root's; with neither --root nor
 * --ephemeral, an interactive shell's is the user's data directory and anything else (-c, a
 * script) starts from a fresh system in memory.
 */
export function rootDir(storage: RootChoice, interactive: boolean): string | undefined {
  if ('root' in storage) return resolve(storage.root)
  if ('ephemeral' in storage || !interactive) return undefined
  const data = process.env.XDG_DATA_HOME
  return join(data !== undefined && data.startsWith('/') ? data : join(homedir(), '.local', 'share'), 'ninefold')
}

/** Opens a host directory the user named; a failure names it as they wrote it. */
function hostOrFail<T>(named: string, open: () => T): T {
  try {
    return open()
  } catch (e) {
    throw e instanceof NineError ? e.withPath(named) : new NineError('EIO', named)
  }
}

export async function runSession(options: SessionOptions): Promise<number> {
  const onTerminal = process.stdin.isTTY && process.stdout.isTTY
  const interactiveShell = onTerminal && options.scriptFromConsole
  // The terminal is made before the system it belongs to: it reaches the system late.
  let sys: System | undefined
  let shellPid: number | undefined
  const terminal = onTerminal
    ? new TerminalConsole({
        input: process.stdin,
        output: process.stdout,
        interrupt: () => sys?.interrupt(),
        suspend: () => sys?.suspend(),
        history: new HistoryFile(join(homedir(), '.ninefold_history')),
        complete: shellCompleter(() => (sys !== undefined && shellPid !== undefined ? sys.contextOf(shellPid) : undefined)),
      })
    : undefined
  // A script piped in is handed over a line at a time, so its commands can read the lines after theirs.
  const console = terminal ?? new StreamConsole(process.stdin, options.stdout, options.scriptFromConsole)
  const root = rootDir(options.storage, interactiveShell)
  const mounts: Record<string, Fileserver> = {}
  for (const b of options.binds) mounts[b.at] = hostOrFail(b.host, () => hostDir(resolve(b.host), { mode: b.mode, owner: options.user ?? DEFAULT_USER }))
  const system = (sys = await boot({
    presets: [stdSystem(), { name: 'node', bins: { hostfs } }],
    console,
    loadModule: (path) => import(pathToFileURL(resolve(path)).href),
    ...(root === undefined ? {} : { root: hostOrFail(root, () => new Persistfs(root)) }),
    mounts,
    network: nodeNetwork,
    workers: nodeWorkers,
    ...(options.allowNet === undefined ? {} : { allowNet: options.allowNet }),
  }))
  for (const { address, mountpoint } of options.imports ?? []) await importAtBoot(system, address, mountpoint)
  const listener = options.listen === undefined ? undefined : await listenSystem(system, options.listen)
  // the address as listened on (the port filled in when 0 was asked for), for scripts that start us
  if (listener !== undefined) await options.stderr.write(`ninefold: listening on ${listener.address}\n`)

  // Ctrl-C outside readline (the terminal in its normal mode, or SIGINT sent to ninefold): the
  // foreground is interrupted; with none (before the shell runs, or an interactive shell at its
  // prompt) a script ends and an interactive shell stays.
  let onInterrupt = (): void => {}
  const interrupted = new Promise<number>((resolve) => {
    onInterrupt = () => {
      if (!system.interrupt() && !interactiveShell) resolve(130)
    }
  })
  process.on('SIGINT', onInterrupt)
  try {
    const login = system.login({
      ...(options.user === undefined ? {} : { user: options.user }),
      argv: options.argv,
      // Standard error is the console too when both are the one terminal (a tty, as there).
      ...(process.stdout.isTTY && process.stderr.isTTY ? {} : { stderr: options.stderr }),
      onSpawn: (pid) => {
        shellPid = pid
        // Without job control the whole login (its own process group) is in the foreground, as
        // on a Unix terminal: Ctrl-C reaches the shell and its commands alike.
        if (!interactiveShell) console.foreground = pid
      },
    })
    return await Promise.race([login, interrupted])
  } finally {
    process.off('SIGINT', onInterrupt)
    terminal?.close()
    await listener?.close()
    await system.shutdown()
  }
}
