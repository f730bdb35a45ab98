/**
 * The shell as a command: `sh -c 'cmds' [name args…]`, `sh FILE [args…]`, or commands read from
 * standard input, each run as soon as it is complete (interactive when stdin is a console or
 * with -i: prompts on stderr, errors do not end the shell, Ctrl-C does not kill it).
 * `sh -l` (or argv[0] starting with '-') is a login shell: /etc/profile, then $HOME/.profile.
 */
import { decodeBytes } from '../kernel/bytes.ts'
import { reasonOf } from '../kernel/errors.ts'
import type { ExitCode, ProcContext } from '../kernel/types.ts'
import { ExitSignal, InterruptSignal, ShellError, ShellSyntaxError } from './errors.ts'
import { LineReader } from './input.ts'
import { Shell } from './interp.ts'
import { isName } from './lexer.ts'
import type { List } from './ast.ts'
import { Parser, parseScript, parseTemplate } from './parser.ts'
import type { Fds } from './redirect.ts'
import { ShellState, type Variables } from './state.ts'
import { setOptions } from './builtins/vars.ts'
import { onFirstUse } from '../bins/lazy.ts'

interface Invocation {
  command?: string
  file?: string
  /**
   * ninefold's `--text-of-file`: the -c text is the script file $0 names, which is not in the
   * namespace (`ninefold FILE` reads a host file): it runs as that file would (BASH_SOURCE,
   * FUNCNAME's main).
   */
  textOfFile?: boolean
  login: boolean
  interactive: boolean
}

/** Parses the shell's own arguments into the state (options, $0, positional parameters). */
function parseInvocation(argv: readonly string[], state: ShellState): Invocation | string {
  const inv: Invocation = { login: (argv[0] ?? '').startsWith('-'), interactive: false }
  let commandMode = false
  let stdinMode = false
  let i = 1
  for (; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--' || a === '-') {
      i++
      break
    }
    if (a === '--text-of-file') {
      inv.textOfFile = true
      continue
    }
    if (a.length < 2 || (a[0] !== '-' && a[0] !== '+')) break
    let rest = a[0]
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!
      if (c === 'c') commandMode = true
      else if (c === 'l') inv.login = true
      else if (c === 'i') inv.interactive = true
      else if (c === 's') stdinMode = true
      else rest += c
    }
    if (rest.length > 1) {
      const o = rest.includes('o') ? [rest, argv[++i] ?? ''] : [rest]
      const r = setOptions(state.options, o)
      if (typeof r === 'string') return r
    }
  }
  if (commandMode) {
    inv.command = argv[i++]
    if (inv.command === undefined) return '-c: option requires an argument'
    state.name = argv[i++] ?? argv[0] ?? 'sh'
    state.readsFrom = 'c'
  } else if (!stdinMode && argv[i] !== undefined) {
    inv.file = argv[i++]!
    state.name = inv.file
  } else {
    state.name = argv[0] ?? 'sh'
    state.readsFrom = 's'
  }
  state.positional = argv.slice(i)
  return inv
}

function initialState(proc: ProcContext, bash: boolean): ShellState {
  const state = new ShellState()
  state.shellPid = proc.pid
  // what the variables start from is taken now; the table is made when a variable is first used
  const env = proc.env
  const cwd = proc.cwd
  const ppid = proc.ppid
  const root = proc.user.uid === 'root'
  state.vars.startWith((vars) => {
    for (const k in env) if (isName(k)) vars.setRaw(k, { value: env[k]!, exported: true, readonly: false })
    preset(vars, 'PWD', cwd)
    preset(vars, 'PPID', String(ppid))
    preset(vars, 'IFS', ' \t\n')
    preset(vars, 'OPTIND', '1')
    // bash's informational variables (UID, EUID: Plan 9 names users; 0 for root, 1000 for the others)
    if (vars.getRaw('HOSTNAME') === undefined) preset(vars, 'HOSTNAME', 'ninefold')
    if (vars.getRaw('SHELL') === undefined) preset(vars, 'SHELL', '/bin/sh')
    preset(vars, 'UID', root ? '0' : '1000')
    preset(vars, 'EUID', root ? '0' : '1000')
    // the bash whose behaviour the shell follows when started as bash, as scripts ask for it
    if (bash) {
      preset(vars, 'BASH', '/bin/bash')
      preset(vars, 'BASH_VERSION', '5.2.0(1)-release')
      // (scripts test it for GNU tools or BSD ones: ninefold's are GNU's)
      preset(vars, 'OSTYPE', 'ninefold')
      vars.setRaw('BASH_VERSINFO', { value: '5', exported: false, readonly: true, items: new Map(Object.entries(['5', '2', '0', '1', 'release', 'ninefold'])) })
      // one level deeper than the shell that started it, exported (as bash keeps it)
      const level = Number(env['SHLVL'])
      vars.setRaw('SHLVL', { value: String(Number.isInteger(level) && level >= 0 ? level + 1 : 1), exported: true, readonly: false })
    }
  })
  return state
}

/**
 * Sets a variable of a shell being made, as `ShellState.set` would: there are no references,
 * attributes or limits yet, so an environment variable keeps its export and takes the value,
 * and any other is a new unexported one.
 */
function preset(vars: Variables, name: string, value: string): void {
  const v = vars.getRaw(name)
  if (v === undefined) vars.setRaw(name, { value, exported: false, readonly: false })
  else v.value = value
}

/**
 * The functions a parent bash exported (`BASH_FUNC_name%%=() body`), defined and exported again.
 * A value that is not one function definition of that name is ignored, as bash ignores it.
 */
function importFunctions(state: ShellState, env: Readonly<Record<string, string>>): void {
  for (const [k, v] of Object.entries(env)) {
    const name = /^BASH_FUNC_(.+)%%$/s.exec(k)?.[1]
    if (name === undefined || !v.startsWith('() ')) continue
    let list: List
    try {
      list = parseScript(`${name} ${v}`)
    } catch {
      continue
    }
    const only = list.items.length === 1 ? list.items[0]!.command : undefined
    const def = only !== undefined && only.rest.length === 0 && only.first.commands.length === 1 && !only.first.negate ? only.first.commands[0] : undefined
    if (def?.type !== 'function' || def.name !== name) continue
    state.functions.set(name, def)
    state.exportedFunctions.add(name)
  }
}

/** The descriptors the shell was given, of 0 to 9: the ones a script can name (`exec 5<f; sh -c 'cat <&5'`). */
function openFds(proc: ProcContext): Fds {
  const fds: Fds = new Map()
  for (let fd = 0; fd <= 9; fd++) if (proc.isOpen(fd)) fds.set(fd, fd)
  return fds
}

/**
 * The shell's body. `sh -c` that is neither a login nor interactive runs its script at once: its
 * status is returned at once where every command of it ended at once.
 */
export function main(proc: ProcContext): ExitCode | Promise<ExitCode> {
  const bash = namedBash(proc.argv[0] ?? '')
  const state = initialState(proc, bash)
  state.bash = bash
  if (state.bash) importFunctions(state, proc.env)
  state.options.braceexpand = state.bash
  const inv = parseInvocation(proc.argv, state)
  if (typeof inv === 'string') return proc.write(2, `sh: ${inv}\n`).then(usageFailed, usageFailed)
  const shell = new Shell(proc, state, openFds(proc))
  const command = inv.command
  state.commandString = command !== undefined
  state.loginShell = inv.login
  if (inv.textOfFile) {
    enterScript(state, state.name)
    state.readsFrom = ''
  }
  // `sh -c` without a login's profiles: the script is the run (no frame of the closure in session)
  if (command !== undefined && !inv.login && !inv.interactive) return shell.finish(() => shell.runScript(command))
  return session(shell, inv)
}

const usageFailed = (): ExitCode => 2

/** Whether the shell was started as bash: `bash`, `-bash` (a login), or a path to either. */
function namedBash(argv0: string): boolean {
  const name = argv0.slice(argv0.lastIndexOf('/') + 1)
  return name === 'bash' || name === '-bash'
}

/** A shell that reads profiles, a file or its standard input, or is interactive. */
async function session(shell: Shell, inv: Invocation): Promise<ExitCode> {
  const { proc, state } = shell
  const fromStdin = inv.command === undefined && inv.file === undefined
  if (inv.interactive || (fromStdin && proc.isatty(0))) {
    state.options.interactive = true
    // Ctrl-C and Ctrl-Z at the prompt reach the shell, which neither ends nor stops
    shell.traps.catch('SIGINT')
    shell.traps.catch('SIGTSTP')
    if (state.get('PS1') === undefined) state.set('PS1', DEFAULT_PS1)
    await shell.consoleForeground(proc.pgid)
  }
  const command = inv.command
  if (command !== undefined && !inv.login) return shell.finish(() => shell.runScript(command))
  return shell.finish(async () => {
    if (inv.login) {
      await source(shell, '/etc/profile')
      const home = state.get('HOME')
      if (home) await source(shell, `${home.replace(/\/$/, '')}/.profile`)
    }
    if (inv.command !== undefined) return shell.runScript(inv.command)
    if (inv.file !== undefined) {
      let text: string
      try {
        text = decodeBytes(await proc.readFile(inv.file))
      } catch (e) {
        // said by the shell, not at a line of the script it could not read
        await shell.write(2, `${state.bash ? 'bash' : 'sh'}: ${inv.file}: ${reasonOf(e)}\n`).catch(() => {})
        return 127
      }
      enterScript(state, inv.file)
      return shell.runScript(text)
    }
    return readCommands(shell)
  })
}

/** The frame of a script file run by name: FUNCNAME's `main`, BASH_SOURCE's file. */
function enterScript(state: ShellState, file: string): void {
  state.callStack.push('main')
  state.sourceStack.push(file)
  state.callLines.push(0)
}

/** Runs a profile file if it exists; its errors are reported, never fatal to the login. */
async function source(shell: Shell, path: string): Promise<void> {
  const exists = await shell.proc.stat(path).then(() => true, () => false)
  if (!exists) return
  try {
    await shell.invoke(['.', path])
  } catch (e) {
    if (!(e instanceof ShellError)) throw e
    if (!e.reported) await shell.error(e.message)
  }
}

/**
 * bash's prompt escapes, applied before the prompt's expansions: \u user, \h and \H host, \w
 * directory (~ for home), \W its last element, \$ (# for root), \s shell, \n, \\, \[ \] (dropped).
 * Their results are quoted, so a directory named `$(x)` is shown, not run.
 */
function promptEscapes(shell: Shell, template: string): string {
  if (!template.includes('\\')) return template
  const state = shell.state
  const user = shell.proc.user.uid
  const home = state.get('HOME')
  const cwd = shell.proc.cwd
  const dir = home !== undefined && home !== '/' && (cwd === home || cwd.startsWith(home + '/')) ? '~' + cwd.slice(home.length) : cwd
  const host = state.get('HOSTNAME') ?? 'ninefold'
  const quote = (v: string): string => v.replace(/[\\$`"]/g, '\\$&')
  return template.replace(/\\([uhHwW$sn\\[\]])/g, (_, c: string) => {
    switch (c) {
      case 'u':
        return quote(user)
      case 'h':
        return quote(host.split('.')[0]!)
      case 'H':
        return quote(host)
      case 'w':
        return quote(dir)
      case 'W':
        return quote(dir === '/' || dir === '~' ? dir : dir.slice(dir.lastIndexOf('/') + 1))
      case '$':
        return user === 'root' ? '#' : '\\$'
      case 's':
        return quote(state.name.slice(state.name.lastIndexOf('/') + 1))
      case 'n':
        return '\n'
      case '\\':
        return '\\\\'
      default:
        return ''
    }
  })
}

/** The interactive shell's prompt when none is set: `glenda@ninefold:~$ ` (`#` for root). */
const DEFAULT_PS1 = '\\u@\\h:\\w\\$ '

async function prompt(shell: Shell, continuation: boolean): Promise<void> {
  const state = shell.state
  for (const notice of shell.processes.jobs?.notices() ?? []) await shell.write(2, notice + '\n').catch(() => {})
  const template = continuation ? (state.get('PS2') ?? '> ') : (state.get('PS1') ?? '')
  let text = template
  try {
    text = await shell.expander.word(parseTemplate(promptEscapes(shell, template)))
  } catch {
    // a broken prompt is shown as written
  }
  await shell.write(2, text).catch(() => {})
}

/**
 * Waits for the line being typed at the prompt, or for Ctrl-C or Ctrl-Z at the prompt (SIGINT or
 * SIGTSTP to the shell, the console's foreground then): true when one of those came first.
 */
const noSignal = (): undefined => undefined

async function interruptedAtPrompt(shell: Shell, typing: Promise<string | null>): Promise<boolean> {
  for (;;) {
    const arrival = shell.traps.arrival()
    try {
      // (a failed read is reported where the line is awaited)
      const r = await Promise.race([typing.then(noSignal, noSignal), arrival.signal])
      if (r === undefined) return false
      if (r === 'SIGTSTP' || (r === 'SIGINT' && shell.traps.interrupted)) return true
    } finally {
      arrival.cancel()
    }
  }
}

/** bash's history expansion (histexpand.ts), loaded with the first line that has a `!`. */
const historyExpansion = onFirstUse(() => import('./histexpand.ts'))

/**
 * A line an interactive bash read, after history expansion (shown, as bash shows it), added to
 * its history; undefined where expansion failed (reported) or `:p` asked only to print it.
 */
async function historyLine(shell: Shell, text: string): Promise<string | undefined> {
  const history = shell.state.history
  if (text.includes('!') || text.startsWith('^')) {
    const expanded = (await historyExpansion()).expandHistory(text, history)
    if ('error' in expanded) {
      await shell.error(expanded.error)
      return undefined
    }
    if (expanded.changed) {
      text = expanded.line
      await shell.write(2, text + '\n').catch(() => {})
    }
    if (expanded.printOnly) {
      history.push(text)
      return undefined
    }
  }
  if (text.trim() !== '') history.push(text)
  return text
}

/** Reads commands from stdin a line at a time; each complete command runs at once. */
async function readCommands(shell: Shell): Promise<number> {
  const state = shell.state
  const interactive = state.options.interactive
  const fd = shell.fds.get(0)
  if (fd === undefined) return 0
  const reader = new LineReader(shell.proc, fd, true)
  let buffer = ''
  let line = 1
  let typing: Promise<string | null> | undefined
  for (;;) {
    if (interactive) await prompt(shell, buffer !== '')
    typing ??= reader.readLine()
    if (interactive && (await interruptedAtPrompt(shell, typing))) {
      // Ctrl-C drops a command begun at PS2 (status 130, as bash); Ctrl-Z only asks again. The read goes on.
      if (shell.traps.interrupted) {
        buffer = ''
        state.status = 130
      }
      shell.traps.interrupted = false
      continue
    }
    let text = await typing
    typing = undefined
    if (text !== null && interactive && state.bash) {
      const line = await historyLine(shell, text)
      if (line === undefined) continue
      text = line
    }
    // job control's code loads with the first line typed, so no command waits for it between
    // starting a job and giving it the console (a Ctrl-C in that gap would reach the shell)
    if (interactive && text !== null) await shell.processes.jobTable()
    if (text !== null && state.options.verbose) await shell.write(2, text + '\n').catch(() => {})
    if (text !== null) buffer += text + '\n'
    else if (buffer === '') return state.status
    let lists
    const warnings: string[] = []
    try {
      lists = new Parser(buffer, 0, { final: text === null, baseLine: line, alias: state.aliasText, warn: (w) => warnings.push(w) }).all()
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e
      if (e.incomplete && text !== null) continue
      await shell.reportSyntaxError(e)
      state.status = 2
      if (!interactive) throw new ExitSignal(2)
      line += buffer.split('\n').length - 1
      buffer = ''
      continue
    }
    if (state.bash) for (const w of warnings) await shell.error(w)
    line += buffer.split('\n').length - 1
    buffer = ''
    shell.traps.interrupted = false
    for (const list of lists) {
      try {
        await shell.runTopLevel(list)
      } catch (e) {
        if (e instanceof InterruptSignal) {
          state.status = 130
          break
        }
        if (!interactive || e instanceof ExitSignal) throw e
        await shell.error(reasonOf(e))
      }
    }
    if (text === null) return state.status
  }
}
