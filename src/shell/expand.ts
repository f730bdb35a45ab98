/**
 * Word expansion (XCU 2.6): tilde, parameters, command substitution and arithmetic, then field
 * splitting on IFS, pathname expansion and quote removal. Quoted text is carried escaped in a
 * parallel "pattern" string, so globbing and `case` see only the unquoted wildcards.
 */
import type { List, ParamPart, Word, WordPart } from './ast.ts'
import { evaluate } from './arith.ts'
import { ShellError } from './errors.ts'
import { glob } from './glob.ts'
import { escapePattern, hasWildcard, trimPattern } from './pattern.ts'
import type { ShellState } from './state.ts'
import type { ProcContext } from '../kernel/types.ts'

export interface ExpandHost {
  readonly proc: ProcContext
  readonly state: ShellState
  /** Runs the command and returns its output (the caller strips trailing newlines). */
  commandSubstitution(body: List): Promise<string>
  /** A user's home directory, for ~user. */
  home(user: string): Promise<string | undefined>
}

const DEFAULT_IFS = ' \t\n'
const isIfsWhite = (c: string): boolean => c === ' ' || c === '\t' || c === '\n'

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
  ) {}

  quoted(s: string): void {
    this.text += s
    this.pat += escapePattern(s)
    this.at = 'open'
  }

  literal(s: string): void {
    this.text += s
    this.pat += s
    if (!this.glob && /[*?[]/.test(s)) this.glob = true
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
    this.pat += s.includes('\\') ? s.replace(/\\/g, '\\\\') : s
    if (!this.glob && /[*?[]/.test(s)) this.glob = true
    this.at = 'open'
  }

  /** Between the fields of "$@" (or unquoted $@ / $*). */
  separate(): void {
    if (this.join) {
      this.quoted(' ')
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

/** Whether a dquote part holds "$@" (which may expand to no field at all). */
function hasAt(parts: WordPart[]): boolean {
  return parts.some((p) => p.type === 'param' && p.name === '@' && p.op === undefined && !p.length)
}

export class Expander {
  constructor(private readonly host: ExpandHost) {}

  private ifs(): string {
    return this.host.state.get('IFS') ?? DEFAULT_IFS
  }

  /** Full expansion into fields: command arguments and `for` lists. */
  async fields(words: readonly Word[]): Promise<string[]> {
    const out: string[] = []
    for (const w of words) {
      if (w.literal !== undefined) {
        out.push(w.literal)
        continue
      }
      const f = new Fields(this.ifs(), false)
      await this.parts(w.parts, f, false, false)
      for (const field of f.finish()) {
        if (field.glob && !this.host.state.options.noglob && hasWildcard(field.pat)) {
          const matches = await glob(this.host.proc, field.pat)
          if (matches.length > 0) {
            out.push(...matches)
            continue
          }
        }
        out.push(field.text)
      }
    }
    return out
  }

  /** Expansion to one string without splitting or globbing: assignments, redirections, here-documents. */
  async word(w: Word): Promise<string> {
    if (w.literal !== undefined) return w.literal
    const f = new Fields(this.ifs(), true)
    await this.parts(w.parts, f, false, false)
    return f.text
  }

  /** Expansion to a pattern (quoted characters escaped): `case` patterns and ${x#pattern}. */
  async pattern(w: Word): Promise<string> {
    if (w.literal !== undefined) return w.literal
    const f = new Fields(this.ifs(), true)
    await this.parts(w.parts, f, false, false)
    return f.pat
  }

  /** Arithmetic on text that may hold expansions. */
  async arithmetic(expr: Word): Promise<number> {
    const text = await this.word(expr)
    const state = this.host.state
    return evaluate(text, {
      get: (name) => {
        const v = state.get(name)
        if (v === undefined && state.options.nounset) throw new ShellError(`${name}: parameter not set`)
        return v
      },
      set: (name, value) => state.set(name, value),
    })
  }

  /** `splitLits`: the unquoted text of a ${x:-word} word splits like an expansion result. */
  private async parts(parts: readonly WordPart[], f: Fields, quoted: boolean, splitLits: boolean): Promise<void> {
    for (const p of parts) {
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
          await this.parts(p.parts, f, true, false)
          break
        case 'tilde': {
          const home = p.user === '' ? this.host.state.get('HOME') : await this.host.home(p.user)
          if (home === undefined) f.literal('~' + p.user)
          else f.quoted(home)
          break
        }
        case 'param':
          await this.param(p, f, quoted)
          break
        case 'cmdsub': {
          const out = (await this.host.commandSubstitution(p.body)).replace(/\n+$/, '')
          if (quoted) f.quoted(out)
          else f.splittable(out)
          break
        }
        case 'arith': {
          const v = String(await this.arithmetic(p.expr))
          if (quoted) f.quoted(v)
          else f.splittable(v)
          break
        }
      }
    }
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
    return s.get(name)
  }

  private async param(p: ParamPart, f: Fields, quoted: boolean): Promise<void> {
    const state = this.host.state
    const emit = (v: string): void => (quoted ? f.quoted(v) : f.splittable(v))
    if ((p.name === '@' || p.name === '*') && p.op === undefined && !p.length) {
      const params = state.positional
      if (quoted && p.name === '*') {
        const ifs = this.ifs()
        f.quoted(params.join(ifs === '' ? '' : ifs[0]))
        return
      }
      params.forEach((v, i) => {
        if (i > 0) f.separate()
        emit(v)
      })
      return
    }
    const value = this.value(p.name)
    if (p.length) {
      if (value === undefined && state.options.nounset && p.name !== '@' && p.name !== '*') throw new ShellError(`${p.name}: parameter not set`)
      emit(String(p.name === '@' || p.name === '*' ? state.positional.length : [...(value ?? '')].length))
      return
    }
    const isUnset = value === undefined || (p.colon === true && value === '')
    switch (p.op) {
      case undefined:
        if (value === undefined && state.options.nounset) throw new ShellError(`${p.name}: parameter not set`)
        if (value !== undefined) emit(value)
        return
      case '-':
        if (isUnset) await this.parts(p.word!.parts, f, quoted, !quoted)
        else emit(value!)
        return
      case '+':
        if (!isUnset) await this.parts(p.word!.parts, f, quoted, !quoted)
        return
      case '=': {
        if (!isUnset) {
          emit(value!)
          return
        }
        if (!/^[A-Za-z_]/.test(p.name)) throw new ShellError(`${p.name}: cannot assign in this way`)
        const v = await this.word(p.word!)
        state.set(p.name, v)
        emit(v)
        return
      }
      case '?': {
        if (!isUnset) {
          emit(value!)
          return
        }
        const msg = p.word!.parts.length > 0 ? await this.word(p.word!) : value === undefined ? 'parameter not set' : 'parameter null or not set'
        throw new ShellError(`${p.name}: ${msg}`)
      }
      default: {
        if (value === undefined && state.options.nounset) throw new ShellError(`${p.name}: parameter not set`)
        emit(trimPattern(value ?? '', await this.pattern(p.word!), p.op))
      }
    }
  }
}
