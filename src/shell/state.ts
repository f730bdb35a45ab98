/**
 * The shell's state: variables (with export and readonly flags), positional parameters,
 * options, functions, traps and `local` frames. A subshell runs with a copy.
 */
import type { FunctionDef } from './ast.ts'
import { ShellError } from './errors.ts'

export interface Var {
  /** Undefined for a name exported or made readonly before it was given a value. */
  value: string | undefined
  exported: boolean
  readonly: boolean
}

export interface Options {
  errexit: boolean
  xtrace: boolean
  nounset: boolean
  noglob: boolean
  noclobber: boolean
  interactive: boolean
  verbose: boolean
  noexec: boolean
}

/** Option letters for `set -x` and `$-`. */
export const OPTION_LETTERS: Record<string, keyof Options> = {
  e: 'errexit',
  x: 'xtrace',
  u: 'nounset',
  f: 'noglob',
  C: 'noclobber',
  i: 'interactive',
  v: 'verbose',
  n: 'noexec',
}

export class ShellState {
  readonly vars = new Map<string, Var>()
  positional: string[] = []
  /** $0 */
  name = 'sh'
  /** $$: the pid of the shell a subshell was started from. */
  shellPid = 0
  options: Options = { errexit: false, xtrace: false, nounset: false, noglob: false, noclobber: false, interactive: false, verbose: false, noexec: false }
  readonly functions = new Map<string, FunctionDef>()
  /** Trap actions by condition ('EXIT', 'SIGINT', …). */
  readonly traps = new Map<string, string>()
  /** $? */
  status = 0
  /** $! */
  lastBackground: number | undefined
  /** > 0 while running a condition (if, while, &&, !), where `set -e` does not apply. */
  errexitSuppressed = 0
  loopDepth = 0
  functionDepth = 0
  sourceDepth = 0
  /** Functions, `eval`, `.` and command substitutions running now, for the process's depth limit. */
  nesting = 0
  /** The longest value a variable may hold: the process's string limit. */
  maxString = Infinity
  /** Where getopts stopped inside a word of grouped options (-abc), valid while OPTIND is still `optind`. */
  getoptsPlace: { optind: string; offset: number } | undefined
  /** For each running function: the variables `local` saved (undefined: was unset). */
  readonly localFrames: Map<string, Var | undefined>[] = []
  private envCache: Record<string, string> | undefined

  get(name: string): string | undefined {
    return this.vars.get(name)?.value
  }

  set(name: string, value: string): void {
    if (value.length > this.maxString) throw new ShellError(`${name}: value longer than the limit (${this.maxString})`, 2)
    const v = this.vars.get(name)
    if (v === undefined) {
      this.vars.set(name, { value, exported: false, readonly: false })
      return
    }
    if (v.readonly) throw new ShellError(`${name}: is read only`, 2)
    v.value = value
    if (v.exported) this.envCache = undefined
  }

  unset(name: string): void {
    const v = this.vars.get(name)
    if (v === undefined) return
    if (v.readonly) throw new ShellError(`${name}: is read only`, 2)
    this.vars.delete(name)
    if (v.exported) this.envCache = undefined
  }

  /** Marks a variable exported, setting it first when `value` is given. */
  export(name: string, value?: string): void {
    if (value !== undefined) this.set(name, value)
    const v = this.vars.get(name)
    if (v === undefined) this.vars.set(name, { value: undefined, exported: true, readonly: false })
    else v.exported = true
    this.envCache = undefined
  }

  setReadonly(name: string): void {
    const v = this.vars.get(name)
    if (v === undefined) this.vars.set(name, { value: undefined, exported: false, readonly: true })
    else v.readonly = true
  }

  /** The environment for commands: the exported variables. */
  env(): Record<string, string> {
    if (this.envCache === undefined) {
      const env: Record<string, string> = {}
      for (const [k, v] of this.vars) if (v.exported && v.value !== undefined) env[k] = v.value
      this.envCache = env
    }
    return this.envCache
  }

  /** Puts back a variable saved earlier (undefined: it did not exist). */
  restore(name: string, saved: Var | undefined): void {
    if (saved === undefined) this.vars.delete(name)
    else this.vars.set(name, saved)
    this.envCache = undefined
  }

  /** Saves a variable for `local` in the current function (once per name). */
  makeLocal(name: string): void {
    const frame = this.localFrames[this.localFrames.length - 1]
    if (frame === undefined) throw new ShellError('local: not in a function', 2)
    if (frame.has(name)) return
    const v = this.vars.get(name)
    frame.set(name, v === undefined ? undefined : { ...v })
  }

  /** Restores what `local` saved when a function returns. */
  popLocals(): void {
    const frame = this.localFrames.pop()
    if (frame === undefined) return
    for (const [name, saved] of frame) this.restore(name, saved)
  }

  /** `$-`: the letters of the options that are on. */
  flags(): string {
    let s = ''
    for (const [letter, key] of Object.entries(OPTION_LETTERS)) if (this.options[key]) s += letter
    return s
  }

  /** A copy for a subshell: same variables and functions; traps other than ignored ones reset. */
  copy(): ShellState {
    const s = new ShellState()
    for (const [k, v] of this.vars) s.vars.set(k, { ...v })
    s.positional = this.positional.slice()
    s.name = this.name
    s.shellPid = this.shellPid
    s.options = { ...this.options, interactive: false }
    for (const [k, f] of this.functions) s.functions.set(k, f)
    for (const [k, a] of this.traps) if (a === '') s.traps.set(k, a)
    s.status = this.status
    s.lastBackground = this.lastBackground
    s.getoptsPlace = this.getoptsPlace
    s.functionDepth = this.functionDepth
    s.nesting = this.nesting
    s.maxString = this.maxString
    s.loopDepth = this.loopDepth
    s.errexitSuppressed = this.errexitSuppressed
    return s
  }
}
