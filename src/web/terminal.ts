/**
 * A ninefold system on a web page: xterm.js as the terminal (its DOM renderer, so the screen's
 * text is there for screen readers and tests), the line editor every ninefold terminal shares,
 * and a login shell that starts again when it ends.
 */
import { FitAddon } from '@xterm/addon-fit'
import { Terminal } from '@xterm/xterm'
import { boot, type BootOptions, type System } from '../image.ts'
import { stdSystem } from '../presets/std.ts'
import { shellCompleter } from '../term/completion.ts'
import { TermConsole } from '../term/console.ts'
import { browserNetwork } from './network.ts'
import { savedRoot, type RootChoice } from './savedroot.ts'

export interface WebTerminalOptions {
  /** Added to the standard system's presets. */
  presets?: BootOptions['presets']
  /** Where the history is kept between visits (default: the page's localStorage). */
  historyKey?: string
  /** Where the root filesystem is kept between visits (default `saved`: OPFS, else IndexedDB). */
  root?: RootChoice
  /** The origins curl and wget may fetch from (default: none). */
  allowNet?: BootOptions['allowNet']
}

export interface WebTerminal {
  system: System
  terminal: Terminal
  /** Writes a file into the login user's home (a file dropped on the page). */
  put(name: string, data: Uint8Array): Promise<void>
}

const HISTORY_KEY = 'ninefold.history'

export async function startTerminal(element: HTMLElement, options: WebTerminalOptions = {}): Promise<WebTerminal> {
  const terminal = new Terminal({ cursorBlink: true, convertEol: false, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 14 })
  const fit = new FitAddon()
  terminal.loadAddon(fit)
  terminal.open(element)
  fit.fit()
  addEventListener('resize', () => fit.fit())

  let system: System | undefined
  let shellPid: number | undefined
  const historyKey = options.historyKey ?? HISTORY_KEY
  const console = new TermConsole({
    display: (text) => terminal.write(text),
    columns: () => terminal.cols,
    interrupt: () => system?.interrupt(),
    suspend: () => system?.suspend(),
    complete: shellCompleter(() => (system !== undefined && shellPid !== undefined ? system.contextOf(shellPid) : undefined)),
    history: loadHistory(historyKey),
    saveHistory: (lines) => saveHistory(historyKey, lines),
  })
  terminal.onData((data) => console.input(data))

  const download = {
    load: async () => {
      const { downloadCommand, saveInBrowser } = await import('./download.ts')
      return downloadCommand(saveInBrowser)
    },
  }
  const web = { name: 'web', bins: { download } }
  const setup: BootOptions = { presets: [stdSystem(), web, ...(options.presets ?? [])], console, loadModule: sameOriginModule, network: browserNetwork, workers: () => import('./workers.ts').then((m) => m.startPageWorker()), ...(options.allowNet ? { allowNet: options.allowNet } : {}) }
  const saved = await savedRoot(options.root ?? 'saved')
  const notKept = (reason: string): void => terminal.write(`[files are not kept after this page: ${reason}]\r\n`)
  if ('reason' in saved) notKept(saved.reason)
  try {
    system = await boot('root' in saved ? { ...setup, root: saved.root } : setup)
  } catch (e) {
    // saved files that cannot be read still leave a working page
    if ('reason' in saved) throw e
    notKept(`the saved files cannot be read (${e instanceof Error ? e.message : String(e)})`)
    system = await boot(setup)
  }
  const sys = system
  void (async () => {
    for (;;) {
      await sys.login({ onSpawn: (pid) => (shellPid = pid) })
      terminal.write('\r\n[the shell ended; a new login follows]\r\n')
    }
  })()
  terminal.focus()
  return {
    system: sys,
    terminal,
    put: async (name, data) => {
      const user = sys.defaultUser
      const home = sys.kernel.users.require(user).home
      const result = await sys.exec(['sh', '-c', 'cat > "$1"', 'sh', `${home}/${name.replace(/\//g, '_')}`], { user, stdin: data })
      if (result.exitCode !== 0) throw new Error(result.stderr.trim())
    },
  }
}

/** `pkg install URL` in a browser: an ES module served by this page's own origin, nothing else. */
function sameOriginModule(spec: string): Promise<unknown> {
  const url = new URL(spec, location.href)
  if (url.origin !== location.origin) throw new Error(`not this page's origin: ${url.origin}`)
  return import(/* @vite-ignore */ url.href)
}

function loadHistory(key: string): string[] {
  try {
    const saved = localStorage.getItem(key)
    const lines: unknown = saved === null ? [] : JSON.parse(saved)
    return Array.isArray(lines) ? lines.filter((l): l is string => typeof l === 'string') : []
  } catch {
    return []
  }
}

function saveHistory(key: string, lines: readonly string[]): void {
  try {
    localStorage.setItem(key, JSON.stringify(lines))
  } catch {
    // no history this time (storage full or refused)
  }
}
