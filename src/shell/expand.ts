/**
 * Word expansion (XCU 2.6): tilde, parameters, command substitution and arithmetic, then field
 * splitting on IFS, pathname expansion and quote removal. Quoted text is carried escaped in a
 * parallel "pattern" string, so globbing and `case` see only the unquoted wildcards.
 */
import type { List, ParamPart, Word, WordPart } from './ast.ts'
import type { ArithVars, Int } from './arith.ts'
import { ShellError } from './errors.ts'
import { ansiCText, hasBraceText } from './lexer.ts'
import * as ondemand from './ondemand.ts'
import { escapePattern, hasWildcard } from './wildcard.ts'
import { dquote, keyText, shellQuote } from './quote.ts'
import { attributeLetters, type ShellState, type Var } from './state.ts'
import type { ProcContext } from '../kernel/types.ts'

export interface ExpandHost {
  readonly proc: ProcContext
  readonly state: ShellState
  /** Runs the command and returns its output (the caller strips trailing newlines). */
  commandSubstitution(body: List): Promise<string>
  /** <(…) and >(…): starts the list on a pipe and returns the /dev/fd path of the shell's end. */
  processSubstitution(body: List, output: boolean): Promise<string>
  /** A user's home directory, for ~user. */
  home(user: string): Promise<string | undefined>
}

const DEFAULT_IFS = ' \t\n'
const escapeRegex = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
const escapeReplacement = (s: string): string => s.replace(/[\\&]/g, '\\$&')
const NO_PIECES = ['']

const isIfsWhite = (c: string): boolean => c === ' ' || c === '\t' || c === '\n'
/** Unquoted text that may make a pattern: a wildcard, or an extglob group opening (`+(`, `@(`, `!(`; `?(` and `*(` have one already). */
const MAY_GLOB = /[*?[]|[+@!]\(/
/** A character past U+FFFF: a surrogate pair, two UTF-16 units. */
const ASTRAL = /[^\0-\uffff]/gu
/** ${#x}: characters (code points), counted without a string for each ([...s] of 32 million took 1 s). */
const characters = (s: string): number => s.length - (s.match(ASTRAL)?.length ?? 0)

interface Field {
  text: string
  pat: string
  glob: boolean
}

/**
 * Builds fields from expanded pieces. In `join` mode (assignments, redirections, `case`) there
 * is no field splitting and separate fields are joined with spaces.
 */
class Fields {
  readonly out: Field[] = []
  text = ''
  pat = ''
  glob = false
  /** open: a field is being built; white/delim: the last field ended at IFS white space / another IFS char. */
  private at: 'open' | 'white' | 'delim' = 'delim'

  constructor(
    private readonly ifs: string,
    private readonly join: boolean,
    /**
     * How quoted text is made literal in `pat`: for glob patterns, or regular expressions; null
     * where only the text is wanted (`word`: a string built by `x="$x…"` in a loop is not scanned
     * again on every pass).
     */
    private readonly escape: ((s: string) => string) | null = escapePattern,
  ) {}

  quoted(s: string): void {
    this.text += s
    if (this.escape !== null) this.pat += this.escape(s)
    this.at = 'open'
  }

  literal(s: string): void {
    this.text += s
    if (this.escape === null) {
      this.at = 'open'
      return
    }
    this.pat += s
    if (!this.glob && MAY_GLOB.test(s)) this.glob = true
    this.at = 'open'
  }

  /** The result of an unquoted expansion: split on IFS, wildcards active. */
  splittable(s: string): void {
    if (this.join || this.ifs === '' || !hasAny(s, this.ifs)) {
      if (s !== '') this.active(s)
      return
    }
    let run = ''
    for (const c of s) {
      if (!this.ifs.includes(c)) {
        run += c
        continue
      }
      if (run !== '') {
        this.active(run)
        run = ''
      }
      if (isIfsWhite(c)) {
        if (this.at === 'open') {
          this.push()
          this.at = 'white'
        }
      } else {
        if (this.at === 'open') this.push()
        else if (this.at === 'delim') this.pushEmpty()
        this.at = 'delim'
      }
    }
    if (run !== '') this.active(run)
  }

  /** Expanded text: its wildcards work, its backslashes are plain characters. */
  private active(s: string): void {
    this.text += s
    if (this.escape === null) {
      this.at = 'open'
      return
    }
    // (a regular expression keeps an expansion's backslashes: `re='a\.b'; [[ $x =~ $re ]]`)
    this.pat += s.includes('\\') && this.escape === escapePattern ? s.replace(/\\/g, '\\\\') : s
    if (!this.glob && MAY_GLOB.test(s)) this.glob = true
    this.at = 'open'
  }

  /** Between the fields of "$@" (or unquoted $@ / $*); where nothing is split, `joiner` goes between. */
  separate(joiner: string): void {
    if (this.join) {
      this.quoted(joiner)
      return
    }
    if (this.at === 'open') this.push()
    this.at = 'white'
  }

  /** "" and "$empty" make an empty field. */
  open(): void {
    this.at = 'open'
  }

  finish(): Field[] {
    if (this.at === 'open') this.push()
    return this.out
  }

  private push(): void {
    this.out.push({ text: this.text, pat: this.pat, glob: this.glob })
    this.text = ''
    this.pat = ''
    this.glob = false
  }

  private pushEmpty(): void {
    this.out.push({ text: '', pat: '', glob: false })
  }
}

function hasAny(s: string, chars: string): boolean {
  for (let i = 0; i < chars.length; i++) if (s.includes(chars[i]!)) return true
  return false
}

/** Whether a dquote part holds "$@" or "${a[@]}" (which may expand to no field at all). */
function hasAt(parts: WordPart[]): boolean {
  return parts.some((p) => p.type === 'param' && !p.length && (p.index === '@' || p.keys === '@' || (p.name === '@' && p.index === undefined)) && (p.op === undefined || isPerElement(p.op)))
}

/** `$x`, `${x}` or `${#x}` of a plain variable or positional parameter. */
function isPlainParam(p: ParamPart): boolean {
  return p.op === undefined && p.keys === undefined && !p.indirect && p.index === undefined && p.name !== '@' && p.name !== '*'
}

/** A part that expands without waiting: text, or a plain parameter (an arithmetic text of those is read at once). */
const isAtOnce = (p: WordPart): boolean => p.type === 'lit' || p.type === 'quoted' || (p.type === 'param' && isPlainParam(p))

export class Expander {
  private vars: ArithVars | undefined
  constructor(private readonly host: ExpandHost) {}

  private ifs(): string {
    return this.host.state.get('IFS') ?? DEFAULT_IFS
  }

  /** An expansion that cannot be made (`${x:?}`, set -u): the shell fails with dash's 2, or bash's 1. */
  private expansionError(message: string): ShellError {
    return new ShellError(message, this.host.state.bash ? 1 : 2)
  }

  /** set -u met an unset variable: dash's words, or bash's. */
  private unbound(name: string): ShellError {
    return this.expansionError(`${name}: ${this.host.state.bash ? 'unbound variable' : 'parameter not set'}`)
  }

  /** Full expansion into fields: command arguments and `for` lists. At once when no word waits or globs. */
  fields(words: readonly Word[]): string[] | Promise<string[]> {
    if (this.host.state.options.braceexpand && words.some(hasBraceText)) {
      const braces = ondemand.braces.get()
      if (braces instanceof Promise) return braces.then(({ expandBraces }) => this.fieldsFrom(words.flatMap(expandBraces), 0, []))
      words = words.flatMap(braces.expandBraces)
    }
    return this.fieldsFrom(words, 0, [])
  }

  private fieldsFrom(words: readonly Word[], from: number, out: string[]): string[] | Promise<string[]> {
    for (let i = from; i < words.length; i++) {
      const w = words[i]!
      if (w.literal !== undefined) {
        out.push(w.literal)
        continue
      }
      const ifs = this.ifs()
      const lone = w.parts.length === 1 ? this.loneValue(w.parts[0]!) : undefined
      // one field, or none, when the value neither splits nor globs
      if (lone !== undefined && !hasAny(lone, ifs) && !MAY_GLOB.test(lone)) {
        if (lone !== '') out.push(lone)
        continue
      }
      const f = new Fields(ifs, false)
      if (lone !== undefined) f.splittable(lone)
      else {
        const wait = this.parts(w.parts, f, false, false)
        if (wait !== undefined) return this.fieldsWaiting(wait, f, words, i, out)
      }
      const done = this.finishWord(f.finish(), 0, out)
      if (done !== undefined) return this.fieldsWaiting(done, undefined, words, i, out)
    }
    return out
  }

  /** The value of an unquoted `$x` or `$((…))` that waits for nothing; undefined for any other part. */
  private loneValue(p: WordPart): string | undefined {
    if (p.type === 'param') return isPlainParam(p) && !p.length ? this.value(p.name) : undefined
    if (p.type !== 'arith' || !(p.expr.literal !== undefined || p.expr.parts.every(isAtOnce))) return undefined
    const arithmetic = ondemand.arithmetic.get()
    if (arithmetic instanceof Promise) return undefined
    return String(arithmetic.evaluate(this.word(p.expr) as string, this.arithVars()))
  }

  /** The rest of `fieldsFrom` after word `i` waited (for its parts, then `f` finishes; or for its glob). */
  private async fieldsWaiting(wait: Promise<void>, f: Fields | undefined, words: readonly Word[], i: number, out: string[]): Promise<string[]> {
    await wait
    if (f !== undefined) await this.finishWord(f.finish(), 0, out)
    return await this.fieldsFrom(words, i + 1, out)
  }

  /** A word's fields (from `from`) into `out`: at once, or a promise from the first that globs. */
  private finishWord(fields: readonly Field[], from: number, out: string[]): Promise<void> | undefined {
    const options = this.host.state.options
    for (let j = from; j < fields.length; j++) {
      const field = fields[j]!
      if (field.glob && !options.noglob && hasWildcard(field.pat, options.extglob)) return this.globField(fields, j, out)
      out.push(field.text)
    }
    return undefined
  }

  private async globField(fields: readonly Field[], at: number, out: string[]): Promise<void> {
    const options = this.host.state.options
    const field = fields[at]!
    const { glob } = await ondemand.globbing.get()
    const matches = await glob(this.host.proc, field.pat, options)
    if (matches.length === 0 && options.failglob) throw new ShellError(`no match: ${field.text}`, 1)
    out.push(...(matches.length > 0 || options.nullglob ? matches : [field.text]))
    await this.finishWord(fields, at + 1, out)
  }

  /** Expansion to one string without splitting or globbing (assignments, redirections, here-documents): at once when nothing in the word waits. */
  word(w: Word): string | Promise<string> {
    if (w.literal !== undefined) return w.literal
    const text = this.textAtOnce(w.parts)
    if (text !== undefined) return text
    const f = new Fields(this.ifs(), true, null)
    const wait = this.parts(w.parts, f, false, false)
    return wait === undefined ? f.text : this.textWaiting(wait, f)
  }

  /** A word's text when it is all text and plain parameters (set, or unset without `set -u`); else undefined. */
  private textAtOnce(parts: readonly WordPart[]): string | undefined {
    let text = ''
    for (const p of parts) {
      if (p.type === 'lit' || p.type === 'quoted') text += p.text
      else if (p.type !== 'param' || p.length || !isPlainParam(p)) return undefined
      else {
        const v = this.value(p.name)
        if (v === undefined && this.host.state.options.nounset) return undefined
        if (v !== undefined) text += v
      }
    }
    return text
  }

  private async textWaiting(wait: Promise<void>, f: Fields): Promise<string> {
    await wait
    return f.text
  }

  /** Expansion to a pattern (quoted characters escaped): `case` patterns and ${x#pattern}. */
  async pattern(w: Word): Promise<string> {
    if (w.literal !== undefined) return w.literal
    const f = new Fields(this.ifs(), true)
    await this.parts(w.parts, f, false, false)
    return f.pat
  }

  /**
   * ${x/p/r}'s replacement as the pieces between the places of the match: bash 5.2's
   * patsub_replacement makes an unquoted & the matched text, and a backslash quotes a & or a
   * backslash (in an expansion's value too: `r='\\&'`); quoted, both are plain.
   */
  private async replacement(w: Word): Promise<string[]> {
    const f = new Fields(this.ifs(), true, escapeReplacement)
    if (w.literal !== undefined) f.literal(w.literal)
    else await this.parts(w.parts, f, false, false)
    return this.host.state.options.patsubReplacement ? (await ondemand.patterns.get()).matchPieces(f.pat) : [f.text]
  }

  /** Expansion to an extended regular expression (`[[ x =~ re ]]`): quoted characters are literal. */
  async regex(w: Word): Promise<string> {
    if (w.literal !== undefined) return w.literal
    const f = new Fields(this.ifs(), true, escapeRegex)
    await this.parts(w.parts, f, false, false)
    return f.pat
  }

  /** Arithmetic for a position or a count (offsets, lengths, subscripts): as a number. */
  async position(expr: Word): Promise<number> {
    return Number(await this.arithmetic(expr))
  }

  /** Arithmetic on text that may hold expansions; `trace` is shown the expanded text first (set -x). */
  async arithmetic(expr: Word, trace?: (text: string) => Promise<void>): Promise<Int> {
    const word = this.word(expr)
    const text = typeof word === 'string' ? word : await word
    if (trace !== undefined) await trace(text)
    const arithmetic = ondemand.arithmetic.get()
    const { evaluate } = arithmetic instanceof Promise ? await arithmetic : arithmetic
    return evaluate(text, this.arithVars())
  }

  /** Variables as arithmetic reads and assigns them. */
  arithVars(): ArithVars {
    return (this.vars ??= this.makeArithVars())
  }

  private makeArithVars(): ArithVars {
    const state = this.host.state
    const element = (name: string): [string, string] | undefined => {
      const open = name.indexOf('[')
      return open < 0 ? undefined : [name.slice(0, open), name.slice(open + 1, -1)]
    }
    return {
      get: (name) => {
        const e = element(name)
        const v = e === undefined ? (state.get(name) ?? this.dynamic(name)?.[0]) : elementValue(state.vars.get(e[0]), e[1])
        if (v === undefined && state.options.nounset) throw this.unbound(name)
        return v
      },
      set: (name, value) => {
        const e = element(name)
        if (e === undefined) state.set(name, value)
        else state.setItem(e[0], e[1], value)
      },
      assoc: (name) => state.vars.get(name)?.assoc === true,
    }
  }

  /**
   * Expands `parts` into `f`, from `from` on. `splitLits`: the unquoted text of a ${x:-word} word
   * splits like an expansion result. Synchronous (undefined) until a part must wait (a command
   * substitution, ~user, an operator on a parameter); the rest then follows that promise. Most
   * words wait for nothing, and a chain of async calls per word was most of a simple command's
   * cost.
   */
  private parts(parts: readonly WordPart[], f: Fields, quoted: boolean, splitLits: boolean, from = 0): Promise<void> | undefined {
    for (let i = from; i < parts.length; i++) {
      const p = parts[i]!
      let wait: Promise<void> | undefined
      switch (p.type) {
        case 'lit':
          if (quoted) f.quoted(p.text)
          else if (splitLits) f.splittable(p.text)
          else f.literal(p.text)
          break
        case 'quoted':
          f.quoted(p.text)
          break
        case 'dquote':
          if (!hasAt(p.parts)) f.open()
          wait = this.parts(p.parts, f, true, false)
          break
        case 'tilde':
          if (p.user === '') this.tilde(f, this.host.state.get('HOME'), p.user)
          else wait = this.userHome(f, p.user)
          break
        case 'param':
          if (!this.plainParam(p, f, quoted)) wait = this.param(p, f, quoted)
          break
        case 'cmdsub':
          wait = this.substitution(p.body, f, quoted)
          break
        case 'procsub':
          wait = this.processSubstitution(p.body, p.output, f)
          break
        case 'arith': {
          const text = this.word(p.expr)
          const arithmetic = ondemand.arithmetic.get()
          if (typeof text === 'string' && !(arithmetic instanceof Promise)) this.emitArithmetic(text, f, quoted)
          else wait = this.arithmeticWaiting(text, arithmetic, f, quoted)
          break
        }
      }
      if (wait !== undefined) return this.partsAfter(wait, parts, f, quoted, splitLits, i + 1)
    }
    return undefined
  }

  private async partsAfter(wait: Promise<void>, parts: readonly WordPart[], f: Fields, quoted: boolean, splitLits: boolean, from: number): Promise<void> {
    await wait
    await this.parts(parts, f, quoted, splitLits, from)
  }

  // The parts that wait, apart from `parts`: a closure there would make V8 allocate its context on every call.

  private async userHome(f: Fields, user: string): Promise<void> {
    this.tilde(f, await this.host.home(user), user)
  }

  private async substitution(body: List, f: Fields, quoted: boolean): Promise<void> {
    const out = (await this.host.commandSubstitution(body)).replace(/\n+$/, '')
    if (quoted) f.quoted(out)
    else f.splittable(out)
  }

  private async processSubstitution(body: List, output: boolean, f: Fields): Promise<void> {
    f.quoted(await this.host.processSubstitution(body, output))
  }

  private async arithmeticWaiting(text: string | Promise<string>, arithmetic: unknown, f: Fields, quoted: boolean): Promise<void> {
    const t = await text
    await arithmetic
    this.emitArithmetic(t, f, quoted)
  }

  private emitArithmetic(text: string, f: Fields, quoted: boolean): void {
    const v = String(ondemand.arithmetic.now().evaluate(text, this.arithVars()))
    if (quoted) f.quoted(v)
    else f.splittable(v)
  }

  private tilde(f: Fields, home: string | undefined, user: string): void {
    if (home === undefined) f.literal('~' + user)
    else f.quoted(home)
  }

  /** `$x`, `${x}`, `${#x}` of a plain variable or positional parameter, at once; false for any other. */
  private plainParam(p: ParamPart, f: Fields, quoted: boolean): boolean {
    if (!isPlainParam(p)) return false
    const value = this.value(p.name)
    if (value === undefined && this.host.state.options.nounset) throw this.unbound(p.name)
    const v = p.length ? String(characters(value ?? '')) : value
    if (v === undefined) return true
    if (quoted) f.quoted(v)
    else f.splittable(v)
    return true
  }

  /** A parameter's value; undefined when unset. */
  private value(name: string): string | undefined {
    const s = this.host.state
    switch (name) {
      case '?':
        return String(s.status)
      case '$':
        return String(s.shellPid)
      case '!':
        return s.lastBackground === undefined ? undefined : String(s.lastBackground)
      case '#':
        return String(s.positional.length)
      case '-':
        return s.flags()
      case '0':
        return s.name
      case '@':
      case '*':
        return s.positional.length === 0 ? undefined : s.positional.join(' ')
    }
    const c = name.charCodeAt(0)
    if (c >= 48 && c <= 57) return s.positional[Number(name) - 1]
    return s.get(name) ?? this.dynamic(name)?.[0]
  }

  /** bash's variables that are computed when read (unless the script set them). */
  private dynamic(name: string): string[] | undefined {
    const s = this.host.state
    switch (name) {
      case 'RANDOM':
        return [String(Math.floor(Math.random() * 32768))]
      case 'SECONDS':
        return [String(Math.floor((Date.now() - s.startTime) / 1000))]
      case 'LINENO':
        return [String(s.shownLine)]
      case 'BASH_COMMAND':
        return s.bash ? [s.command] : undefined
      case 'BASHPID':
        return [String(this.host.proc.pid)]
      case 'EPOCHSECONDS':
        return s.bash ? [String(Math.floor(Date.now() / 1000))] : undefined
      case 'EPOCHREALTIME': {
        if (!s.bash) return undefined
        const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000)
        return [`${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`]
      }
      case 'SRANDOM':
        return s.bash ? [String(globalThis.crypto.getRandomValues(new Uint32Array(1))[0])] : undefined
      case 'BASH_SUBSHELL':
        return [String(s.subshells)]
      case 'FUNCNAME':
        return s.functionDepth === 0 ? undefined : s.callStack.slice()
      case 'BASH_SOURCE':
        return s.sourceStack.length === 0 ? undefined : s.sourceStack.slice()
      case 'BASH_LINENO':
        return s.callLines.length === 0 ? undefined : s.callLines.map(String)
      case 'PIPESTATUS':
        return (s.pipeStatus ?? [s.status]).map(String)
    }
    return undefined
  }

  /** Every element of a parameter: "$@", "${a[@]}", a scalar as one element. */
  private elements(name: string): string[] {
    const s = this.host.state
    if (name === '@' || name === '*') return s.positional
    if (s.vars.has(name)) return s.values(name)
    return this.dynamic(name) ?? []
  }

  /** The key a subscript names: an associative array's word, or an indexed array's number (negative counts from the end). */
  async subscript(name: string, index: Word): Promise<string> {
    const v = this.host.state.vars.get(name)
    if (v?.assoc) return this.word(index)
    let n = await this.position(index)
    if (n < 0) {
      const keys = this.host.state.keys(name)
      n += keys.length === 0 ? 0 : Number(keys[keys.length - 1]) + 1
      if (n < 0) throw new ShellError(`${name}: bad array subscript`, 1)
    }
    return String(n)
  }

  /** ${a[i]}: one element; undefined when unset. */
  private async element(name: string, index: Word): Promise<string | undefined> {
    const v = this.host.state.vars.get(name)
    const key = await this.subscript(name, index)
    if (v === undefined) return this.dynamic(name)?.[Number(key)]
    return elementValue(v, key)
  }

  /** `name`, or `a[i]` as ${!ref} may name it: the value. */
  private async named(ref: string): Promise<string | undefined> {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$/s.exec(ref)
    if (m === null) {
      if (!/^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!0-])$/.test(ref)) throw new ShellError(`${ref}: bad substitution`, 1)
      return this.value(ref)
    }
    if (m[2] === '@' || m[2] === '*') return this.elements(m[1]!).join(' ')
    return this.element(m[1]!, makeLiteral(m[2]!))
  }

  private async param(p: ParamPart, f: Fields, quoted: boolean): Promise<void> {
    const state = this.host.state
    const emit = (v: string): void => (quoted ? f.quoted(v) : f.splittable(v))
    const emitList = (list: readonly string[], star: boolean): void => {
      const ifs = this.ifs()
      const first = ifs === '' ? '' : ifs[0]!
      if (quoted && star) {
        f.quoted(list.join(first))
        return
      }
      // unsplit (x=$*, $(( $* )), case $* in): $* joins with IFS's first character, and so does
      // $@ in dash; bash joins $@ with a space
      const joiner = star || !state.bash ? first : ' '
      list.forEach((v, i) => {
        if (i > 0) f.separate(joiner)
        emit(v)
      })
    }
    if (p.keys !== undefined) {
      // ${!a[@]}: the subscripts; ${!prefix*}: the names of the variables starting with prefix
      const isSet = (v: Var): boolean => v.value !== undefined || v.items !== undefined
      const list = p.indirect ? [...state.vars].filter(([n, v]) => n.startsWith(p.name) && isSet(v)).map(([n]) => n).sort() : state.keys(p.name)
      emitList(list, p.keys === '*')
      return
    }
    let name = p.name
    if (p.indirect) {
      // ${!ref} of a name reference is the name it refers to
      const target = state.vars.getRaw(name)?.nameref
      if (target !== undefined && p.op === undefined && !p.length) {
        emit(target)
        return
      }
      const ref = this.value(name)
      if (ref === undefined) {
        if (state.options.nounset) throw this.unbound(name)
        return
      }
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\[([@*])\]$/.exec(ref)
      if (m !== null) return this.param({ ...p, indirect: false, name: m[1]!, index: m[2] as '@' | '*' }, f, quoted)
      if (p.op === undefined && !p.length) {
        const v = await this.named(ref)
        if (v !== undefined) emit(v)
        return
      }
      name = ref
    }
    const all = p.index === '@' || p.index === '*' || ((name === '@' || name === '*') && p.index === undefined)
    if (all) {
      const star = p.index === '*' || (p.index === undefined && name === '*')
      const list = this.elements(name)
      if (p.length) {
        emit(String(list.length))
        return
      }
      if (p.op === undefined) {
        if (list.length === 0 && state.options.nounset && name !== '@' && name !== '*') throw this.unbound(name)
        emitList(list, star)
        return
      }
      if (p.op === ':') {
        const positional = name === '@' || name === '*'
        emitList(positional || state.vars.get(name)?.items === undefined ? await this.sliceList(list, p, positional) : await this.sliceArray(name, p), star)
        return
      }
      if (p.op === '@' && state.vars.get(name)?.items !== undefined) {
        // ${a[@]@K}: one word of keys and quoted values; ${a[@]@k}: each key and value a word
        const letter = await this.word(p.word!)
        if (letter === 'K' || letter === 'k') return emitPairs(state.vars.get(name)!, state.keys(name), letter, emit, (words) => emitList(words, star))
      }
      if (isPerElement(p.op)) {
        const out: string[] = []
        for (const v of list) out.push(await this.transform(v, p, name))
        emitList(out, star)
        return
      }
      // the defaults (- = ? +) see the elements joined
      return this.applyOp(p, name, list.length === 0 ? undefined : list.join(' '), emit, f, quoted, () => emitList(list, star))
    }
    const index = p.index as Word | undefined
    const value = index !== undefined ? await this.element(name, index) : this.value(name)
    if (p.length) {
      if (value === undefined && state.options.nounset) throw this.unbound(name)
      emit(String(characters(value ?? '')))
      return
    }
    if (p.op === undefined) {
      if (value === undefined && state.options.nounset) throw this.unbound(name)
      if (value !== undefined) emit(value)
      return
    }
    return this.applyOp(p, name, value, emit, f, quoted, () => emit(value!))
  }

  /** The defaults and alternatives (- = ? +), trimming, and the per-value transformations. */
  private async applyOp(p: ParamPart, name: string, value: string | undefined, emit: (v: string) => void, f: Fields, quoted: boolean, emitValue: () => void): Promise<void> {
    const state = this.host.state
    const isUnset = value === undefined || (p.colon === true && value === '')
    switch (p.op) {
      case '-':
        if (isUnset) await this.parts(p.word!.parts, f, quoted, !quoted)
        else emitValue()
        return
      case '+':
        if (!isUnset) await this.parts(p.word!.parts, f, quoted, !quoted)
        return
      case '=': {
        if (!isUnset) {
          emitValue()
          return
        }
        if (!/^[A-Za-z_]/.test(name)) throw new ShellError(`${name}: cannot assign in this way`)
        const v = await this.word(p.word!)
        if (p.index !== undefined && p.index !== '@' && p.index !== '*') state.setItem(name, await this.subscript(name, p.index), v)
        else state.set(name, v)
        emit(v)
        return
      }
      case '?': {
        if (!isUnset) {
          emitValue()
          return
        }
        const msg = p.word!.parts.length > 0 ? await this.word(p.word!) : value === undefined ? 'parameter not set' : 'parameter null or not set'
        // an element is named with its subscript, as written where it is plain
        const subscript = p.index === undefined ? '' : `[${typeof p.index === 'string' ? p.index : (p.index.literal ?? (await this.word(p.index)))}]`
        throw this.expansionError(`${name}${subscript}: ${msg}`)
      }
      default:
        if (value === undefined && state.options.nounset) throw this.unbound(name)
        emit(await this.transform(value ?? '', p, name))
    }
  }

  /** The operations applied to each value: trimming, replacing, substrings, case, @Q. */
  private async transform(v: string, p: ParamPart, name: string): Promise<string> {
    switch (p.op) {
      case '#':
      case '##':
      case '%':
      case '%%': {
        const pattern = await this.pattern(p.word!)
        return (await ondemand.patterns.get()).trimPattern(v, pattern, p.op, this.host.state.options.extglob)
      }
      case '/':
      case '//':
      case '/#':
      case '/%': {
        const pattern = await this.pattern(p.word!)
        const rep = p.with === undefined ? NO_PIECES : await this.replacement(p.with)
        // an empty pattern anchored at the start or end matches there: ${x/#/pre}, ${x/%/suf}
        if (pattern === '' && (p.op === '/#' || p.op === '/%')) return p.op === '/#' ? rep.join('') + v : v + rep.join('')
        const { extglob, nocasematch } = this.host.state.options
        return (await ondemand.patterns.get()).replacePattern(v, pattern, rep, p.op, extglob, nocasematch, this.host.proc)
      }
      case ':': {
        const chars = [...v]
        return (await this.sliceList(chars, p, false)).join('')
      }
      case '^':
      case '^^':
      case ',':
      case ',,':
      case '~':
      case '~~': {
        const { changeCase, matchPattern } = await ondemand.patterns.get()
        if (p.word!.parts.length === 0) return changeCase(v, p.op, () => true)
        const pattern = await this.pattern(p.word!)
        return changeCase(v, p.op, (c) => matchPattern(pattern, c))
      }
      case '@':
        return this.atTransform(v, await this.word(p.word!), name)
      default:
        return v
    }
  }

  /** ${x:offset:length} on characters, ${a[@]:offset:length} on elements ($@ counts $0 as 0). */
  private async sliceList<T>(list: readonly T[], p: ParamPart, positional: boolean): Promise<T[]> {
    const items = positional ? [this.host.state.name as T, ...list] : list
    let start = await this.position(p.word!)
    if (start < 0) start = Math.max(items.length + start, positional ? 1 : 0)
    if (p.with === undefined) return items.slice(start)
    const length = await this.position(p.with)
    if (length < 0) {
      if (positional) throw new ShellError(`${length}: substring expression < 0`, 1)
      return items.slice(start, Math.max(start, items.length + length))
    }
    return items.slice(start, start + length)
  }

  /** ${a[@]:offset:length} of an indexed array: from the first element whose index is at least offset. */
  private async sliceArray(name: string, p: ParamPart): Promise<string[]> {
    const state = this.host.state
    const keys = state.keys(name)
    const v = state.vars.get(name)!
    let start = await this.position(p.word!)
    if (start < 0) start += keys.length === 0 ? 0 : Number(keys[keys.length - 1]) + 1
    const from = v.assoc ? start : keys.findIndex((k) => Number(k) >= start)
    const values = from < 0 ? [] : keys.slice(from).map((k) => v.items!.get(k)!)
    if (p.with === undefined) return values
    const length = await this.position(p.with)
    if (length < 0) throw new ShellError(`${length}: substring expression < 0`, 1)
    return values.slice(0, length)
  }

  private atTransform(v: string, letter: string, name: string): string {
    switch (letter) {
      case 'Q':
        return shellQuote(v)
      case 'E':
        return ansiCText(v)
      case 'U':
        return v.toUpperCase()
      case 'u':
        return v.charAt(0).toUpperCase() + v.slice(1)
      case 'L':
        return v.toLowerCase()
      case 'A':
        return `${name}=${shellQuote(v)}`
      case 'K':
      case 'k':
        return shellQuote(v)
      case 'a': {
        const held = this.host.state.vars.get(name)
        return held === undefined ? '' : attributeLetters(held)
      }
      default:
        throw new ShellError(`\${${name}@${letter}}: bad substitution`, 1)
    }
  }
}

/**
 * bash's ${a[@]@K} (one word: each key, then its value double-quoted; an associative array's
 * ends in a space, as bash's does) and ${a[@]@k} (the keys and values as words).
 */
function emitPairs(v: Var, keys: readonly string[], letter: 'K' | 'k', emit: (v: string) => void, emitWords: (words: string[]) => void): void {
  const items = v.items!
  if (letter === 'k') return emitWords(keys.flatMap((k) => [k, items.get(k)!]))
  const text = keys.map((k) => `${keyText(k)} ${dquote(items.get(k)!)}`).join(' ')
  emit(v.assoc && keys.length > 0 ? text + ' ' : text)
}

/** The operations `${a[@]…}` applies to every element. */
function isPerElement(op: string): boolean {
  return op !== '-' && op !== '=' && op !== '?' && op !== '+'
}

/** An element of a variable by key (a scalar is element 0). */
function elementValue(v: Var | undefined, key: string): string | undefined {
  if (v === undefined) return undefined
  return v.items === undefined ? (key === '0' ? v.value : undefined) : v.items.get(key)
}

/** A word that is exactly `text`. */
function makeLiteral(text: string): Word {
  return { parts: [{ type: 'lit', text }] }
}
