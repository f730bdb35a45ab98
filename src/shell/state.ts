/**
 * The shell's state: variables (with export and readonly flags), positional parameters,
 * options, functions, traps and `local` frames. A subshell runs with a copy.
 */
import type { FunctionDef } from './ast.ts'
import { ShellError } from './errors.ts'
import { SIGNALS, type ProcContext, type SignalName } from '../kernel/types.ts'

export interface Var {
  /** Undefined for a name exported or made readonly before it was given a value. */
  value: string | undefined
  exported: boolean
  readonly: boolean
  /** An array's elements by subscript (indexed arrays: decimal numbers); its value is element 0. */
  items?: Map<string, string>
  /** With `items`: an associative array (declare -A), keyed by any string. */
  assoc?: boolean
  /** declare -i: assignments are evaluated as arithmetic. */
  integer?: boolean
  /** declare -l, declare -u: assigned values change case. */
  letterCase?: 'lower' | 'upper'
  /** declare -n: a name reference, standing for the variable it names. */
  nameref?: string
}

/** A variable's attribute letters in bash's order (declare -p, ${x@a}); empty for none. */
export function attributeLetters(v: Var): string {
  let f = ''
  if (v.items !== undefined) f += v.assoc ? 'A' : 'a'
  if (v.integer) f += 'i'
  if (v.letterCase === 'lower') f += 'l'
  if (v.nameref !== undefined) f += 'n'
  if (v.readonly) f += 'r'
  if (v.letterCase === 'upper') f += 'u'
  if (v.exported) f += 'x'
  return f
}

/**
 * What an entry (a variable, an element, a parameter, an alias) costs the host besides its
 * characters: a guess at V8's, as for awk's arrays.
 */
export const ENTRY_BYTES = 128
/** A function's parsed body against its text (a guess: syntax nodes with their fields). */
const BODY_BYTES_PER_CHAR = 8
/** What may be assigned between two counts, at least (see ShellState.charge). */
const COUNT_STEP = 1 << 20

/** What the host holds for a variable: its name, value and elements, by estimate. */
function varBytes(name: string, v: Var): number {
  let bytes = ENTRY_BYTES + name.length + (v.value?.length ?? 0)
  if (v.items !== undefined) bytes += itemsBytes(v.items)
  return bytes
}

function itemsBytes(items: Map<string, string>): number {
  let bytes = items.size * ENTRY_BYTES
  for (const [k, x] of items) bytes += k.length + x.length
  return bytes
}

/** What an absent table iterates as. */
const NONE: readonly never[] = []

/** How many references a name may go through before it is taken as a loop (bash's limit is 8 too). */
const MAX_REFERENCES = 8

/**
 * The variables by name. A name reference (declare -n) stands for the variable it names:
 * get, has, set and delete follow it; the raw forms see the reference itself (declare, local,
 * copies). Iterating gives the entries as stored.
 */
export class Variables extends Map<string, Var> {
  /** Makes the variables the shell starts with; run before anything reads or changes one. */
  private starting: ((vars: Variables) => void) | undefined

  /**
   * Has `fill` make the starting variables (the environment's, PWD, IFS, …) when any variable is
   * first read or changed: a run's `echo hi` touches none, and filling a table of ten took about
   * a microsecond, a sixth of such a run.
   */
  startWith(fill: (vars: Variables) => void): void {
    this.starting = fill
  }

  private started(): void {
    const fill = this.starting
    if (fill === undefined) return
    this.starting = undefined
    fill(this)
  }

  override get(name: string): Var | undefined {
    this.started()
    const v = super.get(name)
    return v?.nameref === undefined ? v : super.get(this.resolve(name))
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined
  }

  override set(name: string, v: Var): this {
    this.started()
    return super.set(super.get(name)?.nameref === undefined ? name : this.resolve(name), v)
  }

  override delete(name: string): boolean {
    this.started()
    return super.delete(super.get(name)?.nameref === undefined ? name : this.resolve(name))
  }

  /** The name a name stands for, through any references. */
  resolve(name: string): string {
    this.started()
    let n = name
    for (let i = 0; i < MAX_REFERENCES; i++) {
      const target = super.get(n)?.nameref
      if (target === undefined) return n
      n = target
    }
    throw new ShellError(`${name}: circular name reference`, 1)
  }

  getRaw(name: string): Var | undefined {
    this.started()
    return super.get(name)
  }

  setRaw(name: string, v: Var): void {
    this.started()
    super.set(name, v)
  }

  deleteRaw(name: string): void {
    this.started()
    super.delete(name)
  }

  // Map's own ways of looking at the entries make the starting variables first too.
  override get size(): number {
    this.started()
    return super.size
  }

  override clear(): void {
    this.started()
    super.clear()
  }

  override forEach(fn: (v: Var, name: string, map: Map<string, Var>) => void, self?: unknown): void {
    this.started()
    super.forEach(fn, self)
  }

  override keys(): MapIterator<string> {
    this.started()
    return super.keys()
  }

  override values(): MapIterator<Var> {
    this.started()
    return super.values()
  }

  override entries(): MapIterator<[string, Var]> {
    this.started()
    return super.entries()
  }

  override [Symbol.iterator](): MapIterator<[string, Var]> {
    this.started()
    return super[Symbol.iterator]()
  }
}

/** The value a variable with attributes (-i, -l, -u) keeps when `value` is assigned. */
function converted(v: Var, value: string, state: ShellState): string {
  if (v.integer && state.integers) value = state.integers.integerValue(value)
  if (v.letterCase === 'lower') return value.toLowerCase()
  if (v.letterCase === 'upper') return value.toUpperCase()
  return value
}

/** An indexed array's subscripts in numeric order (a Map keeps insertion order). */
export function indexOrder(items: Map<string, string>): string[] {
  return [...items.keys()].sort((a, b) => Number(a) - Number(b))
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
  allexport: boolean
  pipefail: boolean
  /** set -m: accepted; stopped and continued jobs are tracked whether or not it is on. */
  monitor: boolean
  /** bash's brace expansion (set -B): on when run as bash; dash has none, so sh starts without it. */
  braceexpand: boolean
  /** shopt: unmatched globs expand to nothing, extended patterns, `**` across directories, hidden names matched by wildcards. */
  nullglob: boolean
  extglob: boolean
  /** shopt nocasematch: `case` and `[[ == ]]`/`=~` match letters in either case. */
  nocasematch: boolean
  globstar: boolean
  dotglob: boolean
  /** shopt expand_aliases: a bash that is not interactive substitutes aliases only with it. */
  expandAliases: boolean
  /** shopt patsub_replacement (bash 5.2, on): an unquoted & in ${x/p/r}'s r is the matched text. */
  patsubReplacement: boolean
  /** bash's set -E: functions, substitutions and subshells inherit the ERR trap. */
  errtrace: boolean
  /** bash's set -T: functions, substitutions and subshells inherit the DEBUG and RETURN traps. */
  functrace: boolean
  /** shopt failglob: a glob that matches nothing is an error; nocaseglob: globs match letters in either case. */
  failglob: boolean
  nocaseglob: boolean
  /** shopt inherit_errexit: $( ) keeps set -e (bash turns it off there otherwise). */
  inheritErrexit: boolean
  /** shopt lastpipe: the last command of a pipeline runs in the shell itself, when not interactive. */
  lastpipe: boolean
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
  a: 'allexport',
  B: 'braceexpand',
  m: 'monitor',
  E: 'errtrace',
  T: 'functrace',
}

/** The order of bash's `$-`. */
const BASH_FLAG_ORDER = 'aefhimnuvxBCET'

export class ShellState {
  readonly vars = new Variables()
  positional: string[] = []
  /** $0 */
  name = 'sh'
  /** Run as `bash`: where dash and bash differ (`local x` unsets x), do as bash does. */
  bash = false
  /** $$: the pid of the shell a subshell was started from. */
  shellPid = 0
  options: Options = { errexit: false, xtrace: false, nounset: false, noglob: false, noclobber: false, interactive: false, verbose: false, noexec: false, allexport: false, pipefail: false, monitor: false, braceexpand: false, nullglob: false, extglob: false, nocasematch: false, globstar: false, dotglob: false, expandAliases: false, patsubReplacement: true, errtrace: false, functrace: false, failglob: false, nocaseglob: false, inheritErrexit: false, lastpipe: false }
  // The tables below are made on first use: most shells (every `sh -c` of a run) define no
  // function, alias or trap, and a run starts one shell.
  private functionTable: Map<string, FunctionDef> | undefined
  private exportedTable: Set<string> | undefined
  private aliasTable: Map<string, string> | undefined
  private aliasLookup: ((name: string) => string | undefined) | undefined
  private trapTable: Map<string, string> | undefined
  private sourceTable: Map<string, string> | undefined
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
  /** The statuses of the last pipeline's commands ($PIPESTATUS); undefined: a single command, `status`. */
  pipeStatus: number[] | undefined
  /** The line of the command running ($LINENO). */
  lineno = 0
  /** The lines an interactive bash has read, after history expansion (bash's history list). */
  history: string[] = []
  /** A login shell (`sh -l`, or $0 starting with `-`): logout ends only it. */
  loginShell = false
  /** Run as `sh -c TEXT`: bash's syntax errors say `-c:`. */
  commandString = false
  /** Inside bash's eval: what its text's line numbers are counted from (the eval's line, less one); else undefined. */
  evalLines: number | undefined
  /** The line $LINENO and errors name: the command's, counted in the eval's script inside an eval (as bash). */
  get shownLine(): number {
    return (this.trappedLine ?? this.lineno) + (this.evalLines ?? 0)
  }
  /** bash's DEBUG and RETURN traps' actions (also in the trap table), read before every command and at every return. */
  debugTrap: string | undefined
  returnTrap: string | undefined
  /** While the ERR trap runs: the line of the command that failed, which $LINENO says there (as bash's). */
  trappedLine: number | undefined
  /** The command running, as written ($BASH_COMMAND); while a trap runs, the one it interrupted. */
  command = ''
  /**
   * What is running, innermost first: functions, sourced files ('source') and a script file
   * ('main'), as bash's $FUNCNAME shows them while a function runs.
   */
  readonly callStack: string[] = []
  /** The file each entry of callStack comes from ($BASH_SOURCE): a function's, where it was defined. */
  readonly sourceStack: string[] = []
  /** The line each entry of callStack was called from ($BASH_LINENO; 0 for the script itself). */
  readonly callLines: number[] = []
  /** How many subshells deep this shell is ($BASH_SUBSHELL): ( ), $( ) and each command of a pipeline add one. */
  subshells = 0
  /** How many command substitutions deep this shell is: set -x repeats PS4's first character this many times more. */
  substitutions = 0
  /** pushd's directories below the working directory, the most recent first. */
  dirStack: string[] = []
  /** When the shell started, for $SECONDS (ms). */
  startTime = Date.now()
  /**
   * Evaluates the arithmetic of an assignment to a `declare -i` variable: the shell itself. An
   * object rather than a closure: V8 keeps a closure held in a named field alive through young
   * collections (only a full one frees it), and a closure of the shell would keep its whole run.
   */
  integers: { integerValue(text: string): string } | undefined
  /** For each running function: the variables `local` saved (undefined: was unset); the map is made by its first `local`. */
  readonly localFrames: (Map<string, Var | undefined> | undefined)[] = []
  private envCache: Record<string, string> | undefined
  /** The process what the state holds is counted against (ProcContext.hold): the shell running it. */
  private holder: Pick<ProcContext, 'hold'> | undefined
  /** What the last flattening search found (kept, so that the compiler cannot drop it as unused). */
  flattened = 0
  /** What the last count found, and told the holder. */
  private heldBytes = 0
  /** Bytes assigned since the last count; at `countAt` everything is counted again. */
  private assigned = 0
  private countAt = COUNT_STEP

  /**
   * Counts what the state holds against `holder` from now on: a copy for a subshell holds its
   * variables again, in the subshell's process.
   */
  holdAgainst(holder: Pick<ProcContext, 'hold'>): void {
    this.holder = holder
    this.charge(0)
  }

  /**
   * Notes that `bytes` were assigned (a value, an element, a parameter, a definition). Keeping an
   * exact total through every way a variable changes (unset, local, name references, copies) would
   * touch each of them; instead, once as much has been assigned as a quarter of what was held (at
   * least COUNT_STEP), everything is counted again and the difference told to the kernel. So the
   * variables hold at most a quarter more than the process's memory limit before the shell
   * fails with ELIMIT, and a count costs a constant share of the assignments between counts.
   */
  charge(bytes: number): void {
    if ((this.assigned += bytes) >= this.countAt) this.count()
  }

  private count(): void {
    this.assigned = 0
    const bytes = this.measure()
    this.countAt = Math.max(COUNT_STEP, bytes / 4)
    if (this.holder === undefined) return
    try {
      this.holder.hold(bytes - this.heldBytes)
    } catch (e) {
      throw new ShellError((e as Error).message, 2)
    }
    this.heldBytes = bytes
  }

  /** What the variables, saved locals, parameters, functions and aliases hold, by estimate. */
  private measure(): number {
    let bytes = 0
    for (const [name, v] of this.vars) bytes += varBytes(name, v)
    for (const frame of this.localFrames) for (const [name, v] of frame ?? NONE) if (v !== undefined) bytes += varBytes(name, v)
    for (const p of this.positional) bytes += ENTRY_BYTES + p.length
    for (const [name, f] of this.functionTable ?? NONE) bytes += ENTRY_BYTES + name.length + f.text.length * BODY_BYTES_PER_CHAR
    for (const [name, text] of this.aliasTable ?? NONE) bytes += ENTRY_BYTES + name.length + text.length
    return bytes
  }

  /** Notes a function defined (see charge). */
  chargeFunction(fn: FunctionDef): void {
    this.charge(ENTRY_BYTES + fn.text.length * BODY_BYTES_PER_CHAR)
  }

  /** Notes the positional parameters set (see charge). */
  chargePositional(): void {
    this.charge(this.positional.length * ENTRY_BYTES)
  }

  get functions(): Map<string, FunctionDef> {
    return (this.functionTable ??= new Map())
  }

  /** A function by name, without making the table. */
  functionNamed(name: string): FunctionDef | undefined {
    return this.functionTable?.get(name)
  }

  /** Functions marked with `export -f`: passed to commands as bash does, `BASH_FUNC_name%%=() body`. */
  get exportedFunctions(): Set<string> {
    return (this.exportedTable ??= new Set())
  }

  /** alias's table: a name and the text the parser puts in its place. */
  get aliases(): Map<string, string> {
    return (this.aliasTable ??= new Map())
  }

  get hasAliases(): boolean {
    return this.aliasTable !== undefined && this.aliasTable.size > 0
  }

  /** The text of an alias as the parser asks for it (LexOptions.alias). */
  get aliasText(): (name: string) => string | undefined {
    // bound, not an arrow: V8 keeps a closure held in a named field alive through young collections
    return (this.aliasLookup ??= this.aliasFor.bind(this))
  }

  private aliasFor(name: string): string | undefined {
    return this.bash && !this.options.interactive && !this.options.expandAliases ? undefined : this.aliasTable?.get(name)
  }

  /** Trap actions by condition ('EXIT', 'SIGINT', …). */
  get traps(): Map<string, string> {
    return (this.trapTable ??= new Map())
  }

  /** The signals `trap '' SIG` ignores: the commands the shell starts ignore them too. */
  ignoredSignals(): SignalName[] | undefined {
    let out: SignalName[] | undefined
    for (const [k, a] of this.trapTable ?? NONE) if (a === '' && k in SIGNALS) (out ??= []).push(k as SignalName)
    return out
  }

  /** The action of a trap, without making the table. */
  trapAction(cond: string): string | undefined {
    return this.trapTable?.get(cond)
  }

  /** The file each function was defined in ('environment' outside any file, as bash says). */
  get functionSources(): Map<string, string> {
    return (this.sourceTable ??= new Map())
  }

  get(name: string): string | undefined {
    const v = this.vars.get(name)
    if (v === undefined) return undefined
    return v.items === undefined ? v.value : v.items.get('0')
  }

  set(name: string, value: string): void {
    if (value.length > this.maxString) throw new ShellError(`${name}: value longer than the limit (${this.maxString})`, 2)
    const v = this.vars.get(name)
    if (v === undefined) {
      this.vars.set(name, { value, exported: this.options.allexport, readonly: false })
      if (this.options.allexport) this.envCache = undefined
      this.charge(ENTRY_BYTES + name.length + value.length)
      return
    }
    if (v.readonly) throw this.readOnly(name)
    if (v.integer || v.letterCase) value = converted(v, value, this)
    if (v.items !== undefined) v.items.set('0', value)
    else {
      // V8 keeps `s="${s}a"` as a node over both strings, 32 bytes a piece until the string is
      // read: a long value is flattened (by a search) each 2^20 characters it grows
      if (value.length >>> 20 !== (v.value?.length ?? 0) >>> 20) this.flattened = value.indexOf('\0')
      v.value = value
    }
    if (v.exported || this.options.allexport) {
      v.exported = true
      this.envCache = undefined
    }
    this.charge(value.length)
  }

  /** The variable as an array, made one (keeping a scalar value as element 0) if it is not. */
  array(name: string, assoc = false): Var {
    let v = this.vars.get(name)
    if (v === undefined) {
      v = { value: undefined, exported: false, readonly: false }
      this.vars.set(name, v)
      this.charge(ENTRY_BYTES + name.length)
    }
    if (v.readonly) throw this.readOnly(name)
    if (v.items === undefined) {
      v.items = new Map()
      if (v.value !== undefined) v.items.set('0', v.value)
      v.value = undefined
      if (assoc) v.assoc = true
    }
    return v
  }

  /** Sets one element (a[k]=v); an unset name becomes an indexed array. */
  setItem(name: string, key: string, value: string): void {
    const v = this.array(name)
    if (v.integer || v.letterCase) value = converted(v, value, this)
    v.items!.set(key, value)
    if (v.exported) this.envCache = undefined
    this.charge(ENTRY_BYTES + key.length + value.length)
  }

  /** Replaces the elements (a=(…)), keeping the kind of array. */
  setItems(name: string, items: Map<string, string>, assoc = false): void {
    const v = this.array(name, assoc)
    if (v.integer || v.letterCase) for (const [k, x] of items) items.set(k, converted(v, x, this))
    v.items = items
    if (v.exported) this.envCache = undefined
    this.charge(itemsBytes(items))
  }

  /** The values of an array in order (a scalar is a one-element array; unset, none). */
  values(name: string): string[] {
    const v = this.vars.get(name)
    if (v === undefined) return []
    if (v.items === undefined) return v.value === undefined ? [] : [v.value]
    if (v.assoc) return [...v.items.values()]
    return indexOrder(v.items).map((k) => v.items!.get(k)!)
  }

  /** The subscripts of an array in order (${!a[@]}). */
  keys(name: string): string[] {
    const v = this.vars.get(name)
    if (v === undefined) return []
    if (v.items === undefined) return v.value === undefined ? [] : ['0']
    return v.assoc ? [...v.items.keys()] : indexOrder(v.items)
  }

  unset(name: string): void {
    const v = this.vars.get(name)
    if (v === undefined) return
    if (v.readonly) throw this.readOnly(name)
    this.vars.delete(name)
    if (v.exported) this.envCache = undefined
  }

  /** A function was defined, removed or exported: an exported one's text in the environment changes. */
  functionsChanged(): void {
    if (this.exportedTable !== undefined && this.exportedTable.size > 0) this.envCache = undefined
  }

  /** Marks a variable exported, setting it first when `value` is given. */
  export(name: string, value?: string): void {
    if (value !== undefined) this.set(name, value)
    const v = this.vars.get(name)
    if (v === undefined) {
      this.vars.set(name, { value: undefined, exported: true, readonly: false })
      this.charge(ENTRY_BYTES + name.length)
    } else v.exported = true
    this.envCache = undefined
  }

  /** The variable stays, no longer in the environment (export -n, declare +x). */
  unexport(name: string): void {
    const v = this.vars.get(name)
    if (v === undefined || !v.exported) return
    v.exported = false
    this.envCache = undefined
  }

  setReadonly(name: string): void {
    const v = this.vars.get(name)
    if (v === undefined) {
      this.vars.set(name, { value: undefined, exported: false, readonly: true })
      this.charge(ENTRY_BYTES + name.length)
    } else v.readonly = true
  }

  /** The environment for commands: the exported variables. */
  env(): Record<string, string> {
    if (this.envCache === undefined) {
      const env: Record<string, string> = {}
      for (const [k, v] of this.vars) if (v.exported && v.value !== undefined) env[k] = v.value
      for (const name of this.exportedTable ?? NONE) {
        const f = this.functionTable?.get(name)
        if (f !== undefined) env[`BASH_FUNC_${name}%%`] = `() ${f.text}`
      }
      this.envCache = env
    }
    return this.envCache
  }

  /** Puts back a variable saved earlier (undefined: it did not exist). */
  restore(name: string, saved: Var | undefined): void {
    if (saved === undefined) this.vars.deleteRaw(name)
    else this.vars.setRaw(name, saved)
    this.envCache = undefined
  }

  /** Saves a variable for `local` in the current function (once per name). */
  makeLocal(name: string): void {
    const depth = this.localFrames.length
    if (depth === 0) throw new ShellError('local: not in a function', 2)
    const frame = (this.localFrames[depth - 1] ??= new Map())
    if (frame.has(name)) return
    const v = this.vars.getRaw(name)
    frame.set(name, v === undefined ? undefined : v.items === undefined ? { ...v } : { ...v, items: new Map(v.items) })
    if (v !== undefined) this.charge(varBytes(name, v))
  }

  /** Restores what `local` saved when a function returns. */
  popLocals(): void {
    const frame = this.localFrames.pop()
    if (frame === undefined) return
    for (const [name, saved] of frame) this.restore(name, saved)
  }

  /** How the shell reads its commands, as bash's `$-` ends: c for -c, s for standard input. */
  readsFrom: '' | 'c' | 's' = ''

  /** `$-`: the letters of the options that are on; bash's in its order, with h (hashing is always on) and c or s. */
  flags(): string {
    let s = ''
    if (!this.bash) {
      for (const [letter, key] of Object.entries(OPTION_LETTERS)) if (this.options[key]) s += letter
      return s
    }
    for (const letter of BASH_FLAG_ORDER) if (letter === 'h' || (OPTION_LETTERS[letter] !== undefined && this.options[OPTION_LETTERS[letter]])) s += letter
    return s + this.readsFrom
  }

  /** The error of a change to a read-only variable, in dash's words or bash's (whose status is 1). */
  readOnly(name: string): ShellError {
    return this.bash ? new ShellError(`${name}: readonly variable`, 1) : new ShellError(`${name}: is read only`, 2)
  }

  /** A copy for a subshell: same variables and functions; traps other than ignored ones reset. */
  copy(): ShellState {
    const s = new ShellState()
    for (const [k, v] of this.vars) s.vars.setRaw(k, v.items === undefined ? { ...v } : { ...v, items: new Map(v.items) })
    s.positional = this.positional.slice()
    s.name = this.name
    s.bash = this.bash
    s.shellPid = this.shellPid
    s.options = { ...this.options, interactive: false }
    s.pipeStatus = this.pipeStatus
    s.lineno = this.lineno
    s.evalLines = this.evalLines
    s.commandString = this.commandString
    s.history = this.history
    s.command = this.command
    s.callStack.push(...this.callStack)
    s.sourceStack.push(...this.sourceStack)
    s.callLines.push(...this.callLines)
    if (this.sourceTable !== undefined) s.sourceTable = new Map(this.sourceTable)
    s.startTime = this.startTime
    s.dirStack = this.dirStack.slice()
    s.subshells = this.subshells + 1
    s.readsFrom = this.readsFrom
    s.substitutions = this.substitutions
    if (this.functionTable !== undefined) s.functionTable = new Map(this.functionTable)
    if (this.exportedTable !== undefined) s.exportedTable = new Set(this.exportedTable)
    if (this.aliasTable !== undefined) s.aliasTable = new Map(this.aliasTable)
    // ignored signals stay ignored; the ERR trap goes along under set -E, DEBUG and RETURN under set -T
    for (const [k, a] of this.trapTable ?? NONE) if (a === '' || (k === 'ERR' && this.options.errtrace) || ((k === 'DEBUG' || k === 'RETURN') && this.options.functrace)) s.traps.set(k, a)
    if (this.options.functrace) [s.debugTrap, s.returnTrap] = [this.debugTrap, this.returnTrap]
    s.status = this.status
    s.lastBackground = this.lastBackground
    s.getoptsPlace = this.getoptsPlace
    s.functionDepth = this.functionDepth
    s.nesting = this.nesting
    s.maxString = this.maxString
    // counted again against the subshell's process (holdAgainst)
    s.assigned = this.heldBytes
    s.loopDepth = this.loopDepth
    s.errexitSuppressed = this.errexitSuppressed
    return s
  }
}

/** `x+=v`: added for a `declare -i` variable, appended otherwise. */
export function appended(v: Var | undefined, old: string | undefined, value: string, state: ShellState): string {
  if (v?.integer && state.integers) return state.integers.integerValue(`(${old || 0})+(${value})`)
  return (old ?? '') + value
}
