/**
 * The shell's tokenizer: operators, newlines and words, where a word keeps its structure
 * (quotes, parameter, command and arithmetic expansions) as WordParts. Here-document bodies are
 * read at the newline that follows their operator. Command substitutions are parsed by a nested
 * parser over the same text (the `nested` hook), so `$(case x in a) …;; esac)` just works.
 */
import type { List, ParamPart, Redir, Word, WordPart } from './ast.ts'
import { ShellSyntaxError } from './errors.ts'
import { groupEnd, hasWildcard } from './wildcard.ts'

/** bash's `{NAME}` before a redirection operator: the descriptor is chosen and NAME holds it. */
const FD_VARIABLE = /^\{([A-Za-z_][A-Za-z0-9_]*(?:\[[A-Za-z0-9_]+\])?)\}[<>]/

export type Token =
  | { kind: 'word'; word: Word; raw: string; start: number; end: number }
  | { kind: 'op'; op: string; fd?: number; fdVar?: string; start: number; end: number }
  | { kind: 'newline'; start: number; end: number }
  | { kind: 'eof'; start: number; end: number }

export interface LexOptions {
  /** No more input will come: a missing here-document delimiter ends the body, not the parse. */
  final: boolean
  /** The line number of the text's first line. */
  baseLine: number
  /** The text an alias stands for, looked up as the parser asks (undefined: no aliases). */
  alias?: (name: string) => string | undefined
  /** Aliases whose text encloses this (nested) text: not substituted again inside it, as in dash. */
  aliasesInUse?: readonly string[]
  /** Told what bash warns of as it parses (`line N: warning: …`): a here-document ended by the end of the text. */
  warn?: (message: string) => void
}

/** Parses a command substitution's body starting at `pos` in `src`; returns it and the position after `)`. */
export type NestedParse = (src: string, pos: number, options: LexOptions) => { body: List; end: number }
/** Parses a whole text (a backquoted command). */
export type WholeParse = (src: string, options: LexOptions) => List

interface PendingHeredoc {
  redir: Redir
  delimiter: string
  strip: boolean
  quoted: boolean
}

const OPERATORS = ['&>>', '&>', '&&', '||', '|&', ';;&', ';;', ';&', '<<<', '<<-', '<<', '<&', '<>', '>>', '>&', '>|', '&', '|', ';', '(', ')', '<', '>']
const SPECIAL_PARAMS = '@*#?-$!0'

const isMeta = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>'
const isNameStart = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_')
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || (c !== undefined && c >= '0' && c <= '9')
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'

export const isName = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s)

function pushText(parts: WordPart[], type: 'lit' | 'quoted', text: string): void {
  if (text === '') return
  const last = parts[parts.length - 1]
  if (last !== undefined && last.type === type) last.text += text
  else parts.push({ type, text })
}

/** Finishes a word: marks plain literals for the interpreter's fast path. */
export function makeWord(parts: WordPart[]): Word {
  const only = parts[0]
  if (parts.length === 1 && only!.type === 'lit' && !hasWildcard(only!.text, true)) return { parts, literal: only!.text }
  return { parts }
}

/** Whether a word's unquoted text has a `{` (brace expansion may then apply). */
export function hasBraceText(word: Word): boolean {
  return word.parts.some((p) => p.type === 'lit' && p.text.includes('{'))
}

/**
 * Where a word is being read: each stops at different characters and treats quotes differently.
 * `regex` is the right side of `[[ x =~ re ]]`: a word where parentheses and `|` are characters.
 */
type Mode = 'word' | 'dquote' | 'param' | 'heredoc' | 'regex'

/**
 * bash's $'…' escapes (\n \t \xHH \uHHHH \NNN \cX …), from the text after `$'` to the closing
 * quote (undefined if there is none); with `whole`, all of `src` (${x@E}).
 */
function ansiC(src: string, start: number, whole = false): { text: string; end: number } | undefined {
  const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' }
  let text = ''
  for (let i = start; i < src.length; i++) {
    const c = src[i]!
    if (c === "'" && !whole) return { text, end: i + 1 }
    if (c !== '\\' || i + 1 >= src.length) {
      text += c
      continue
    }
    const n = src[++i]!
    if (simple[n] !== undefined) text += simple[n]
    else if (n >= '0' && n <= '7') {
      const m = /^[0-7]{1,3}/.exec(src.slice(i, i + 3))![0]
      text += String.fromCharCode(parseInt(m, 8) & 255)
      i += m.length - 1
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const m = new RegExp(`^[0-9a-fA-F]{1,${n === 'x' ? 2 : n === 'u' ? 4 : 8}}`).exec(src.slice(i + 1))
      if (m === null) text += '\\' + n
      else {
        text += String.fromCodePoint(Math.min(parseInt(m[0], 16), 0x10ffff))
        i += m[0].length
      }
    } else if (n === 'c' && i + 1 < src.length) text += String.fromCharCode(src.charCodeAt(++i) & 31)
    else text += '\\' + n
  }
  return whole ? { text, end: src.length } : undefined
}

/** A text with its $'…' escapes applied. */
export const ansiCText = (text: string): string => ansiC(text, 0, true)!.text

/** An alias whose text is being read: its name, and where its text starts and ends in the source. */
interface AliasExpansion {
  name: string
  start: number
  end: number
}

export class Lexer {
  pos: number
  /** End of the last token handed out (for source slices). */
  lastEnd: number
  private peeked: Token | null = null
  private pending: PendingHeredoc[] = []
  /** Aliases substituted into the source whose text the lexer has not yet read past. */
  private expansions: AliasExpansion[] = []
  /** The end of an alias's text that ended in a blank (or was empty): the word after it is looked up too. */
  private aliasNext: number | undefined
  /** How many characters alias substitution has added to the source (removed, if negative). */
  grown = 0
  /** The last position lineAt was asked about, and its line. */
  private lineFrom = 0
  private lineOfFrom: number

  constructor(
    /** The text being read; alias substitution replaces a word by its alias's text in it. */
    public src: string,
    start: number,
    readonly options: LexOptions,
    private readonly nested: NestedParse,
    private readonly whole: WholeParse,
  ) {
    this.pos = start
    this.lastEnd = start
    this.lineOfFrom = options.baseLine
  }

  lineAt(pos: number): number {
    // counted on from the last answer: the parser asks in order, so a script is scanned once
    let from = this.lineFrom
    let line = this.lineOfFrom
    if (pos < from) {
      from = 0
      line = this.options.baseLine
    }
    for (let i = from; i < pos; i++) if (this.src.charCodeAt(i) === 10) line++
    this.lineFrom = pos
    this.lineOfFrom = line
    return line
  }

  error(pos: number, detail: string, incomplete = false): ShellSyntaxError {
    const at = Math.min(pos, this.src.length)
    const end = this.src.indexOf('\n', at)
    const lineText = this.src.slice(this.src.lastIndexOf('\n', at - 1) + 1, end < 0 ? this.src.length : end)
    return new ShellSyntaxError(this.lineAt(at), detail, incomplete && !this.options.final, lineText)
  }

  peek(): Token {
    if (this.peeked === null) this.peeked = this.scan()
    return this.peeked
  }

  next(): Token {
    const t = this.peek()
    this.peeked = null
    this.lastEnd = t.end
    return t
  }

  /** Reads again from the word `t` (taken by next() just before: one word of look-ahead more). */
  rewind(t: Token): void {
    this.pos = t.start
    this.peeked = null
  }

  /**
   * Replaces the word `t` (just peeked) by the text of its alias, as POSIX's alias substitution
   * does, unless it has none, is quoted, or is that alias's own text being read (`alias ls='ls
   * -l'`). Returns whether it did; the parser then peeks again.
   */
  substituteAlias(t: Token): boolean {
    const name = t.kind === 'word' ? t.word.literal : undefined
    const text = name === undefined ? undefined : this.options.alias?.(name)
    if (text === undefined) return false
    this.expansions = this.expansions.filter((e) => e.end > t.start)
    if (this.expansions.some((e) => e.name === name) || this.options.aliasesInUse?.includes(name!)) return false
    const delta = text.length - (t.end - t.start)
    // the substitution lies inside every expansion still being read
    for (const e of this.expansions) e.end += delta
    if (this.aliasNext !== undefined && this.aliasNext > t.start) this.aliasNext += delta
    this.src = this.src.slice(0, t.start) + text + this.src.slice(t.end)
    if (this.lineFrom > t.start) {
      this.lineFrom = 0
      this.lineOfFrom = this.options.baseLine
    }
    this.grown += delta
    this.expansions.push({ name: name!, start: t.start, end: t.start + text.length })
    const last = text[text.length - 1]
    if (last === undefined || last === ' ' || last === '\t') this.aliasNext = t.start + text.length
    this.pos = t.start
    this.peeked = null
    return true
  }

  /**
   * Whether `t` is the first word after an alias text that ended in a blank, which POSIX looks up
   * as an alias too (`alias nohup='nohup '`); asking uses the answer up.
   */
  followsBlankAlias(t: Token): boolean {
    if (this.aliasNext === undefined || t.start < this.aliasNext) return false
    this.aliasNext = undefined
    return t.kind === 'word'
  }

  /**
   * The options of a text nested at `pos` (`$(…)`, backquotes): an alias whose text is being read
   * there is not substituted inside it either (`alias e='e $(e)'` would never end).
   */
  private nestedOptions(pos: number): LexOptions {
    const active = this.expansions.filter((e) => e.start <= pos && pos < e.end)
    if (active.length === 0) return this.options
    return { ...this.options, aliasesInUse: [...(this.options.aliasesInUse ?? []), ...active.map((e) => e.name)] }
  }

  /** Registers a here-document whose body starts after the next newline. */
  addHeredoc(redir: Redir, delimiter: string, strip: boolean, quoted: boolean): void {
    this.pending.push({ redir, delimiter, strip, quoted })
  }

  private scan(): Token {
    const src = this.src
    for (;;) {
      const c = src[this.pos]
      if (c === ' ' || c === '\t') this.pos++
      else if (c === '\\' && src[this.pos + 1] === '\n') {
        this.pos += 2
        if (this.pos >= src.length && !this.options.final) throw this.error(this.pos, 'unexpected end of file', true)
      } else if (c === '#') {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++
      } else break
    }
    const start = this.pos
    if (start >= src.length) {
      if (this.pending.length > 0) this.readHeredocs()
      return { kind: 'eof', start, end: start }
    }
    const c = src[start]!
    if (c === '\n') {
      this.pos++
      if (this.pending.length > 0) this.readHeredocs()
      return { kind: 'newline', start, end: start + 1 }
    }
    if (isDigit(c)) {
      let i = start
      while (isDigit(src[i])) i++
      if ((src[i] === '<' || src[i] === '>') && i - start < 10) {
        const fd = Number(src.slice(start, i))
        this.pos = i
        const op = this.scanOperator()!
        return { ...op, fd, start }
      }
    }
    if (c === '{') {
      const named = FD_VARIABLE.exec(src.slice(start, start + 260))
      if (named !== null) {
        this.pos = start + named[0].length - 1
        const op = this.scanOperator()!
        return { ...op, fdVar: named[1]!, start }
      }
    }
    if (isMeta(c) && !((c === '<' || c === '>') && src[start + 1] === '(')) return this.scanOperator()!
    const word = this.readWord()
    return { kind: 'word', word, raw: src.slice(start, this.pos), start, end: this.pos }
  }

  private scanOperator(): { kind: 'op'; op: string; start: number; end: number } | undefined {
    for (const op of OPERATORS) {
      if (this.src.startsWith(op, this.pos)) {
        const start = this.pos
        this.pos += op.length
        return { kind: 'op', op, start, end: this.pos }
      }
    }
    return undefined
  }

  private readHeredocs(): void {
    const src = this.src
    for (const h of this.pending) {
      let body = ''
      for (;;) {
        if (this.pos >= src.length) {
          if (!this.options.final) throw this.error(this.pos, `here-document delimited by end of file (wanted "${h.delimiter}")`, true)
          const last = this.lineAt(src.endsWith('\n') ? src.length - 1 : src.length)
          this.options.warn?.(`line ${last}: warning: here-document at line ${h.redir.line} delimited by end-of-file (wanted \`${h.delimiter}')`)
          break
        }
        let nl = src.indexOf('\n', this.pos)
        if (nl < 0) nl = src.length
        let line = src.slice(this.pos, nl)
        this.pos = Math.min(nl + 1, src.length)
        if (h.strip) line = line.replace(/^\t+/, '')
        if (line === h.delimiter) break
        body += line + '\n'
      }
      const parts: WordPart[] = h.quoted ? [] : this.sub(body).readParts('heredoc', false)
      if (h.quoted) pushText(parts, 'quoted', body)
      h.redir.heredoc = { body: { parts: [{ type: 'dquote', parts }] }, quoted: h.quoted }
    }
    this.pending = []
  }

  /** A lexer over another text (here-document bodies, arithmetic), sharing the hooks. */
  private sub(text: string): Lexer {
    return new Lexer(text, 0, { ...this.options, final: true }, this.nested, this.whole)
  }

  private readWord(): Word {
    const start = this.pos
    const parts: WordPart[] = []
    const assignment = this.readSubscriptAssignment(parts)
    if (this.src[this.pos] === '~') this.readTilde(parts)
    this.readInto(parts, 'word', false)
    const word = makeWord(parts)
    if (assignment) word.assignIndex = assignment
    // name=( … ): an array literal, elements separated by blanks and newlines
    if (this.src[this.pos] === '(' && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(this.src.slice(start, this.pos))) {
      this.pos++
      word.array = []
      for (;;) {
        const c = this.src[this.pos]
        if (c === ' ' || c === '\t' || c === '\n') this.pos++
        else if (c === '#') while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++
        else if (c === ')') {
          this.pos++
          break
        } else if (c === undefined) throw this.error(start, 'unterminated array (expected ")")', true)
        else if (isMeta(c)) throw this.error(this.pos, `unexpected "${c}" in an array`)
        else word.array.push(this.readWord())
      }
    }
    return word
  }

  /**
   * `name[subscript]=` or `+=` at the start of a word: reads it into `parts` (so the word is
   * still right where it is not an assignment) and returns the subscript.
   */
  private readSubscriptAssignment(parts: WordPart[]): { index: Word; length: number } | undefined {
    const src = this.src
    const m = /^[A-Za-z_][A-Za-z0-9_]*\[/.exec(src.slice(this.pos, this.pos + 256))
    if (m === null) return undefined
    let depth = 0
    let i = this.pos + m[0].length - 1
    for (; i < src.length; i++) {
      const c = src[i]
      if (c === '[') depth++
      else if (c === ']' && --depth === 0) break
      else if (c === '\n' || (depth === 1 && (c === ' ' || c === '\t'))) return undefined
      else if (c === "'" || c === '"') {
        // a quoted key: m["sky blue"]=…
        const close = src.indexOf(c, i + 1)
        if (close < 0) return undefined
        i = close
      }
    }
    const after = src.startsWith('+=', i + 1) ? 2 : src[i + 1] === '=' ? 1 : 0
    if (i >= src.length || after === 0) return undefined
    const index = this.subscript(src.slice(this.pos + m[0].length, i))
    const length = i + 1 + after - this.pos
    pushText(parts, 'lit', src.slice(this.pos, i + 1 + after))
    this.pos = i + 1 + after
    return { index, length }
  }

  /** A subscript's text as a word: quotes and expansions work, blanks are characters. */
  subscript(text: string): Word {
    const lexer = this.sub(text)
    const parts: WordPart[] = []
    while (lexer.pos < text.length) {
      lexer.readInto(parts, 'word', false)
      if (lexer.pos < text.length) pushText(parts, 'quoted', text[lexer.pos++]!)
    }
    return makeWord(parts)
  }

  /** The text of `(( … ))` starting at `start` (the first `(`), or undefined if it is not one. */
  arithCommand(start: number): string | undefined {
    const src = this.src
    const i = arithEnd(src, start + 2)
    if (i === undefined) return undefined
    if (i >= src.length) {
      if (!this.options.final) throw this.error(start, 'unterminated ((', true)
      return undefined
    }
    this.peeked = null
    this.pos = i + 2
    this.lastEnd = this.pos
    return src.slice(start + 2, i)
  }

  /** The right side of `=~`: up to a blank outside parentheses. */
  regexWord(): Word {
    this.peeked = null
    while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos++
    const parts: WordPart[] = []
    this.readInto(parts, 'regex', false)
    this.lastEnd = this.pos
    return makeWord(parts)
  }

  /** Arithmetic text as a word: expansions work, quotes are characters. */
  arithWord(text: string): Word {
    return { parts: this.sub(text).readParts('heredoc', false) }
  }

  /** ~ or ~user, where the name ends the word, at a slash, or at one of `ends`. */
  private readTilde(parts: WordPart[], ends = ''): void {
    const src = this.src
    let i = this.pos + 1
    while (i < src.length && /[A-Za-z0-9._-]/.test(src[i]!)) i++
    if (i >= src.length || src[i] === '/' || isMeta(src[i]!) || ends.includes(src[i]!)) {
      parts.push({ type: 'tilde', user: src.slice(this.pos + 1, i) })
      this.pos = i
    }
  }

  /** Reads parts to the end of the text (heredoc and arithmetic bodies). */
  readParts(mode: 'heredoc', inDquote: boolean): WordPart[] {
    const parts: WordPart[] = []
    this.readInto(parts, mode, inDquote)
    return parts
  }

  /**
   * The heart of word reading. Stops (without consuming) at the mode's terminator:
   * a metacharacter for words, `"` for double quotes, `}` for ${…} words, end of text for heredocs.
   */
  private readInto(parts: WordPart[], mode: Mode, inDquote: boolean, stop = ''): void {
    const src = this.src
    const textType = mode === 'word' || mode === 'regex' || (mode === 'param' && !inDquote) ? 'lit' : 'quoted'
    const unquoted = mode === 'word' || mode === 'regex' || (mode === 'param' && !inDquote)
    let runStart = this.pos
    let depth = 0
    const flush = (): void => pushText(parts, textType, src.slice(runStart, this.pos))
    while (this.pos < src.length) {
      const c = src[this.pos]!
      if (mode === 'word' && (c === '<' || c === '>') && src[this.pos + 1] === '(') {
        // bash's process substitution
        flush()
        const { body, end } = this.nested(src, this.pos + 2, this.nestedOptions(this.pos))
        parts.push({ type: 'procsub', output: c === '>', body })
        this.pos = end
        runStart = this.pos
        continue
      }
      // bash's extglob group, ?(…) *(…) +(…) @(…) !(…): one word with the pattern it holds
      if (mode === 'word' && c === '(' && this.pos > runStart && '?*+@!'.includes(src[this.pos - 1]!)) {
        const close = groupEnd(src, this.pos)
        if (close > 0) {
          this.pos = close + 1
          continue
        }
      }
      if (mode === 'word' && isMeta(c)) break
      if (mode === 'regex') {
        if (c === '(') depth++
        else if (c === ')' && depth-- === 0) break
        else if ((c === ' ' || c === '\t' || c === '\n') && depth === 0) break
      }
      if (mode === 'dquote' && c === '"') break
      if (mode === 'param' && (c === '}' || (stop !== '' && stop.includes(c)))) break
      if (c === '\\') {
        flush()
        this.readBackslash(parts, mode, inDquote)
        runStart = this.pos
      } else if (c === "'" && unquoted) {
        flush()
        const close = src.indexOf("'", this.pos + 1)
        if (close < 0) throw this.error(this.pos, 'unterminated quoted string', true)
        parts.push({ type: 'quoted', text: src.slice(this.pos + 1, close) })
        this.pos = close + 1
        runStart = this.pos
      } else if (c === '"' && mode !== 'heredoc' && mode !== 'dquote') {
        flush()
        const open = this.pos++
        const inner: WordPart[] = []
        this.readInto(inner, 'dquote', true)
        if (src[this.pos] !== '"') throw this.error(open, 'unterminated quoted string', true)
        this.pos++
        parts.push({ type: 'dquote', parts: inner })
        runStart = this.pos
      } else if (c === '$' && src[this.pos + 1] === "'" && unquoted) {
        flush()
        const r = ansiC(src, this.pos + 2)
        if (r === undefined) throw this.error(this.pos, 'unterminated quoted string', true)
        parts.push({ type: 'quoted', text: r.text })
        this.pos = r.end
        runStart = this.pos
      } else if (c === '$') {
        flush()
        this.readDollar(parts, inDquote || mode === 'heredoc')
        runStart = this.pos
      } else if (c === '`') {
        flush()
        parts.push({ type: 'cmdsub', body: this.readBackquote(inDquote) })
        runStart = this.pos
      } else this.pos++
    }
    flush()
  }

  private readBackslash(parts: WordPart[], mode: Mode, inDquote: boolean): void {
    const src = this.src
    const next = src[this.pos + 1]
    if (next === '\n') {
      this.pos += 2
      if (this.pos >= src.length && !this.options.final && mode !== 'heredoc') throw this.error(this.pos, 'unexpected end of file', true)
      return
    }
    if (next === undefined) {
      pushText(parts, 'quoted', '\\')
      this.pos++
      return
    }
    // inside double quotes (and here-documents) a backslash only escapes $ ` " \ newline
    const quotedContext = mode === 'dquote' || mode === 'heredoc' || inDquote
    if (quotedContext && !(next === '$' || next === '`' || next === '\\' || (next === '"' && mode !== 'heredoc') || (next === '}' && mode === 'param'))) {
      pushText(parts, 'quoted', '\\')
      this.pos++
      return
    }
    pushText(parts, 'quoted', next)
    this.pos += 2
  }

  private readDollar(parts: WordPart[], quoted: boolean): void {
    const src = this.src
    const next = src[this.pos + 1]
    if (next === '{') {
      parts.push(this.readBraced(quoted))
    } else if (next === '(') {
      if (src[this.pos + 2] === '(') {
        const arith = this.readArith()
        if (arith) {
          parts.push(arith)
          return
        }
      }
      const { body, end } = this.nested(src, this.pos + 2, this.nestedOptions(this.pos))
      parts.push({ type: 'cmdsub', body })
      this.pos = end
    } else if (isNameStart(next)) {
      let i = this.pos + 1
      while (isNameChar(src[i])) i++
      parts.push({ type: 'param', name: src.slice(this.pos + 1, i) })
      this.pos = i
    } else if (next !== undefined && (isDigit(next) || SPECIAL_PARAMS.includes(next))) {
      parts.push({ type: 'param', name: next })
      this.pos += 2
    } else {
      pushText(parts, quoted ? 'quoted' : 'lit', '$')
      this.pos++
    }
  }

  private readBraced(quoted: boolean): ParamPart {
    const src = this.src
    const open = this.pos
    this.pos += 2
    let length = false
    let indirect = false
    if (src[this.pos] === '#' && src[this.pos + 1] !== '}' && src[this.pos + 1] !== undefined) {
      length = true
      this.pos++
    } else if (src[this.pos] === '!' && src[this.pos + 1] !== '}' && src[this.pos + 1] !== undefined) {
      indirect = true
      this.pos++
    }
    let name: string
    const c = src[this.pos]
    if (isNameStart(c)) {
      const s = this.pos
      while (isNameChar(src[this.pos])) this.pos++
      name = src.slice(s, this.pos)
    } else if (isDigit(c)) {
      const s = this.pos
      while (isDigit(src[this.pos])) this.pos++
      name = src.slice(s, this.pos)
    } else if (c !== undefined && SPECIAL_PARAMS.includes(c)) {
      name = c
      this.pos++
    } else {
      if (this.pos >= src.length) throw this.error(open, 'unterminated ${', true)
      throw this.error(open, 'bad substitution')
    }
    const part: ParamPart = { type: 'param', name }
    if (length) part.length = true
    if (indirect) {
      part.indirect = true
      // ${!prefix*} ${!prefix@}: the names of the variables starting with prefix
      if ((src[this.pos] === '*' || src[this.pos] === '@') && src[this.pos + 1] === '}') {
        part.keys = src[this.pos] as '*' | '@'
        this.pos += 2
        return part
      }
    }
    if (src[this.pos] === '[' && isNameStart(name[0])) {
      const close = this.closingBracket(this.pos)
      if (close < 0) throw this.error(open, 'unterminated ${', true)
      const text = src.slice(this.pos + 1, close)
      part.index = text === '@' || text === '*' ? text : this.subscript(text)
      this.pos = close + 1
      // ${!a[@]}: the subscripts
      if (indirect && (text === '@' || text === '*')) {
        delete part.indirect
        part.keys = text
      }
    }
    if (src[this.pos] === '}') {
      this.pos++
      return part
    }
    if (length) throw this.error(open, 'bad substitution')
    const o = src[this.pos]
    if (o === ':' && !'-=?+'.includes(src[this.pos + 1] ?? '')) {
      // ${x:offset} ${x:offset:length}
      this.pos++
      part.op = ':'
      part.word = this.paramWord(quoted, ':')
      if (src[this.pos] === ':') {
        this.pos++
        part.with = this.paramWord(quoted, '')
      }
    } else if (o === '/') {
      const n = src[this.pos + 1]
      part.op = n === '/' || n === '#' || n === '%' ? (('/' + n) as '//' | '/#' | '/%') : '/'
      this.pos += part.op.length
      // (bash expands a ~ that starts the pattern of / and //, not of /# and /%)
      part.word = this.paramWord(false, '/', part.op === '/' || part.op === '//')
      if (src[this.pos] === '/') {
        this.pos++
        // as the pattern, read as if unquoted even in "${…}": its quotes are removed, and what is
        // quoted is told apart from what is not (an unquoted & is the match)
        part.with = this.paramWord(false, '', true)
      }
    } else if (o === '^' || o === ',' || o === '~') {
      part.op = src[this.pos + 1] === o ? ((o + o) as '^^' | ',,' | '~~') : o
      this.pos += part.op.length
      part.word = this.paramWord(false, '')
    } else if (o === '@') {
      this.pos++
      part.op = '@'
      part.word = this.paramWord(true, '')
    } else {
      if (src[this.pos] === ':') {
        part.colon = true
        this.pos++
      }
      const p = src[this.pos]
      if (p === '-' || p === '=' || p === '?' || p === '+') {
        part.op = p
        this.pos++
      } else if (!part.colon && (p === '#' || p === '%')) {
        part.op = src[this.pos + 1] === p ? (p === '#' ? '##' : '%%') : p
        this.pos += part.op.length
      } else {
        if (this.pos >= src.length) throw this.error(open, 'unterminated ${', true)
        throw this.error(open, 'bad substitution')
      }
      // a trimming pattern stays a pattern inside "…" and here-documents: read it as unquoted text
      const isPattern = part.op === '#' || part.op === '##' || part.op === '%' || part.op === '%%'
      part.word = this.paramWord(quoted && !isPattern, '', true)
    }
    if (src[this.pos] !== '}') throw this.error(open, 'unterminated ${', true)
    this.pos++
    return part
  }

  /** A word inside ${…}, up to `}` or one of `stop`; read unquoted, with `tilde` it may start with ~ (${x:-~}, ${x/#~/}). */
  private paramWord(quoted: boolean, stop: string, tilde = false): Word {
    const parts: WordPart[] = []
    if (tilde && !quoted && this.src[this.pos] === '~') this.readTilde(parts, '}' + stop)
    this.readInto(parts, 'param', quoted, stop)
    return makeWord(parts)
  }

  /** The `]` matching the `[` at `open` (nested brackets count), or -1. */
  private closingBracket(open: number): number {
    let depth = 0
    for (let i = open; i < this.src.length; i++) {
      const c = this.src[i]
      if (c === '[') depth++
      else if (c === ']' && --depth === 0) return i
    }
    return -1
  }

  /** $((…)): undefined when the text turns out to be `$( (…) … )`, a command substitution. */
  private readArith(): WordPart | undefined {
    const src = this.src
    const i = arithEnd(src, this.pos + 3)
    if (i === undefined) return undefined
    if (i >= src.length) throw this.error(this.pos, 'unterminated $((', true)
    const text = src.slice(this.pos + 3, i)
    this.pos = i + 2
    return { type: 'arith', expr: { parts: this.sub(text).readParts('heredoc', false) } }
  }

  private readBackquote(inDquote: boolean): List {
    const src = this.src
    const open = this.pos
    let text = ''
    let i = this.pos + 1
    for (;;) {
      if (i >= src.length) throw this.error(open, 'unterminated `', true)
      const c = src[i]!
      if (c === '`') break
      if (c === '\\') {
        const n = src[i + 1]
        if (n === '\\' || n === '`' || n === '$' || (inDquote && n === '"')) {
          text += n
          i += 2
          continue
        }
      }
      text += c
      i++
    }
    this.pos = i + 1
    return this.whole(text, { ...this.nestedOptions(open), final: true, baseLine: this.lineAt(open) })
  }
}

/**
 * Where the `))` closing an arithmetic text that starts at `from` is (src.length when it is not
 * there yet), or undefined when a lone `)` shows the text is not arithmetic after all.
 */
function arithEnd(src: string, from: number): number | undefined {
  let depth = 0
  let i = from
  for (; i < src.length; i++) {
    const c = src[i]
    if (c === '(') depth++
    else if (c === ')') {
      if (depth > 0) depth--
      else if (src[i + 1] === ')') break
      else return undefined
    }
  }
  return i
}

