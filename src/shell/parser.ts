/**
 * A recursive-descent parser for the POSIX shell grammar (XCU 2.10), producing the tree of
 * ast.ts. `Parser.next()` returns one complete command at a time, so a script runs command by
 * command and a syntax error late in a file does not stop the commands before it.
 */
import type { AndOr, Assign, CaseItem, Command, CompoundCommand, CondExpr, List, Pipeline, Redir, RedirOp, SimpleCommand, Word, WordPart } from './ast.ts'
import { ShellSyntaxError } from './errors.ts'
import { Lexer, isName, makeWord, type LexOptions, type Token } from './lexer.ts'

const LIST_END = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}'])
const RESERVED = new Set([...LIST_END, 'if', 'while', 'until', 'for', 'case', '{', '!', 'in', '[[', 'function', 'select', 'coproc'])
/** The words that begin a compound command: a coproc's NAME comes only before one. */
const COMPOUND_START = new Set(['{', 'if', 'while', 'until', 'for', 'case', 'select', '[['])
const REDIR_OPS = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '<<', '<<-', '<<<', '&>', '&>>'])
/** The unary operators of `[[ ]]` (test's, plus -v and -R). */
const COND_UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v', '-R'])
const COND_BINARY = new Set(['==', '=', '!=', '=~', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef'])

export class Parser {
  private readonly lex: Lexer

  constructor(src: string, start = 0, options: LexOptions = { final: true, baseLine: 1 }) {
    this.lex = new Lexer(src, start, options, parseNested, parseWhole)
  }

  /** The next complete command (a list ended by a newline), or null at the end of the text. */
  next(): List | null {
    this.skipNewlines()
    if (this.lex.peek().kind === 'eof') return null
    const list = this.compoundList(true)
    const t = this.lex.peek()
    if (t.kind === 'newline') this.lex.next()
    else if (t.kind !== 'eof') throw this.unexpected(t)
    return list
  }

  /** Every command of the text. */
  all(): List[] {
    const out: List[] = []
    for (let l = this.next(); l !== null; l = this.next()) out.push(l)
    return out
  }

  /** Position after the last token consumed. */
  get end(): number {
    return this.lex.lastEnd
  }

  /** Where the command after the last one `next()` returned starts (past its here-document bodies). */
  get resumeAt(): number {
    return this.lex.pos
  }

  /** How many characters alias substitution has added to the text. */
  get grown(): number {
    return this.lex.grown
  }

  /** The `)` that ends a command substitution. */
  closeParen(): void {
    this.expectOp(')')
  }

  private skipNewlines(): void {
    while (this.lex.peek().kind === 'newline') this.lex.next()
  }

  /**
   * The token that starts a command, after alias substitution: a word that is not a reserved
   * word and names an alias is replaced by the alias's text, and the text's first word looked
   * up in turn.
   */
  private commandStart(): Token {
    for (;;) {
      const t = this.lex.peek()
      this.lex.followsBlankAlias(t)
      if (t.kind === 'word' && t.word.literal !== undefined && RESERVED.has(t.word.literal)) return t
      if (!this.lex.substituteAlias(t)) return t
    }
  }

  private describe(t: Token): string {
    switch (t.kind) {
      case 'word':
        return `"${t.raw}"`
      case 'op':
        return `"${t.op}"`
      case 'newline':
        return 'newline'
      case 'eof':
        return 'end of file'
    }
  }

  private unexpected(t: Token, expected?: string): ShellSyntaxError {
    const detail = `unexpected ${this.describe(t)}${expected ? ` (expected ${expected})` : ''}`
    return this.lex.error(t.start, detail, t.kind === 'eof')
  }

  private isOp(t: Token, op: string): boolean {
    return t.kind === 'op' && t.op === op
  }

  /** A reserved word: an unquoted literal word in command position. */
  private isReserved(t: Token, word: string): boolean {
    return t.kind === 'word' && t.word.literal === word
  }

  private expectReserved(word: string): void {
    const t = this.lex.next()
    if (!this.isReserved(t, word)) throw this.unexpected(t, `"${word}"`)
  }

  private expectOp(op: string): void {
    const t = this.lex.next()
    if (!this.isOp(t, op)) throw this.unexpected(t, `"${op}"`)
  }

  /**
   * and-or lists separated by ; & or newlines. At top level it stops at a newline (not consumed);
   * inside compound commands it stops at a reserved word, `)`, `;;` or the end.
   */
  compoundList(top: boolean, allowEmpty = false): List {
    const items: List['items'] = []
    for (;;) {
      if (!top) this.skipNewlines()
      const t = this.commandStart()
      if (t.kind === 'eof' || (top && t.kind === 'newline') || this.isOp(t, ')') || this.isCaseEnd(t)) break
      if (t.kind === 'word' && t.word.literal !== undefined && LIST_END.has(t.word.literal)) break
      const command = this.andOr()
      const sep = this.lex.peek()
      if (this.isOp(sep, ';') || this.isOp(sep, '&')) {
        this.lex.next()
        items.push({ command, async: sep.kind === 'op' && sep.op === '&' })
        continue
      }
      items.push({ command, async: false })
      if (sep.kind === 'newline' && !top) continue
      break
    }
    if (items.length === 0 && !allowEmpty && !top) throw this.unexpected(this.lex.peek(), 'a command')
    return { type: 'list', items }
  }

  private andOr(): AndOr {
    const start = this.lex.peek().start
    const first = this.pipeline()
    const rest: AndOr['rest'] = []
    for (;;) {
      const t = this.lex.peek()
      if (!this.isOp(t, '&&') && !this.isOp(t, '||')) break
      this.lex.next()
      this.skipNewlines()
      rest.push({ op: (t as { op: '&&' | '||' }).op, pipeline: this.pipeline() })
    }
    return { type: 'andor', first, rest, text: this.lex.src.slice(start, this.lex.lastEnd) }
  }

  private pipeline(): Pipeline {
    let negate = false
    let timed: Pipeline['timed']
    if (this.isReserved(this.commandStart(), 'time')) {
      this.lex.next()
      timed = true
      if (this.isReserved(this.lex.peek(), '-p')) {
        this.lex.next()
        timed = 'posix'
      }
    }
    if (this.isReserved(this.commandStart(), '!')) {
      this.lex.next()
      negate = true
    }
    const commands = [this.command()]
    for (let t = this.lex.peek(); this.isOp(t, '|') || this.isOp(t, '|&'); t = this.lex.peek()) {
      this.lex.next()
      // `a |& b` is `a 2>&1 | b`
      if (this.isOp(t, '|&')) redirsOf(commands[commands.length - 1]!).push({ fd: 2, op: '>&', target: { parts: [{ type: 'lit', text: '1' }], literal: '1' }, line: this.lex.lineAt(t.start) })
      this.skipNewlines()
      commands.push(this.command())
    }
    return timed !== undefined ? { type: 'pipeline', negate, commands, timed } : { type: 'pipeline', negate, commands }
  }

  private command(): Command {
    const t = this.commandStart()
    let compound: CompoundCommand | undefined
    if (this.isOp(t, '(') && this.lex.src[t.start + 1] === '(') {
      const text = this.lex.arithCommand(t.start)
      if (text !== undefined) compound = { type: 'arithcmd', expr: this.lex.arithWord(text), redirs: [] }
    }
    if (compound !== undefined) {
      // (( … )) read above
    } else if (this.isOp(t, '(')) {
      this.lex.next()
      const body = this.compoundList(false)
      this.expectOp(')')
      compound = { type: 'subshell', body, redirs: [] }
    } else if (this.isReserved(t, 'function')) {
      return this.functionKeyword()
    } else if (t.kind === 'word' && t.word.literal !== undefined && RESERVED.has(t.word.literal)) {
      compound = this.compound(t)
    }
    if (compound === undefined) return this.simple()
    if (compound.type === 'subshell' || compound.type === 'arithcmd' || compound.type === 'cond') {
      compound.line = this.lex.lineAt(t.start)
      compound.text = this.lex.src.slice(t.start, this.lex.lastEnd)
    }
    this.redirects(compound.redirs)
    return compound
  }

  private compound(t: Token & { kind: 'word' }): CompoundCommand {
    switch (t.word.literal) {
      case '{': {
        this.lex.next()
        const body = this.compoundList(false)
        this.expectReserved('}')
        return { type: 'group', body, redirs: [] }
      }
      case 'if':
        return this.ifCommand()
      case 'while':
      case 'until': {
        this.lex.next()
        const cond = this.compoundList(false)
        this.expectReserved('do')
        const body = this.compoundList(false)
        this.expectReserved('done')
        return { type: 'loop', until: t.word.literal === 'until', cond, body, redirs: [] }
      }
      case 'for':
        return this.forCommand()
      case 'select':
        return this.forCommand()
      case 'coproc':
        return this.coprocCommand()
      case 'case':
        return this.caseCommand()
      case '[[': {
        this.lex.next()
        const expr = this.condOr()
        this.expectReserved(']]')
        return { type: 'cond', expr, redirs: [] }
      }
      default:
        throw this.unexpected(t)
    }
  }

  // ---- [[ … ]]

  private condOr(): CondExpr {
    let a = this.condAnd()
    while (this.isOp(this.lex.peek(), '||')) {
      this.lex.next()
      this.skipNewlines()
      a = { k: 'or', a, b: this.condAnd() }
    }
    return a
  }

  private condAnd(): CondExpr {
    let a = this.condNot()
    while (this.isOp(this.lex.peek(), '&&')) {
      this.lex.next()
      this.skipNewlines()
      a = { k: 'and', a, b: this.condNot() }
    }
    return a
  }

  private condNot(): CondExpr {
    this.skipNewlines()
    if (this.isReserved(this.lex.peek(), '!')) {
      this.lex.next()
      return { k: 'not', e: this.condNot() }
    }
    return this.condPrimary()
  }

  private condPrimary(): CondExpr {
    const t = this.lex.next()
    if (this.isOp(t, '(')) {
      const e = this.condOr()
      this.skipNewlines()
      this.expectOp(')')
      return e
    }
    if (t.kind !== 'word' || this.isReserved(t, ']]')) throw this.unexpected(t, 'a conditional expression')
    const next = this.lex.peek()
    if (t.word.literal !== undefined && COND_UNARY.has(t.word.literal) && next.kind === 'word' && !this.isReserved(next, ']]')) {
      this.lex.next()
      return { k: 'unary', op: t.word.literal, w: next.word }
    }
    const op = next.kind === 'op' && (next.op === '<' || next.op === '>') ? next.op : next.kind === 'word' && next.word.literal !== undefined && COND_BINARY.has(next.word.literal) ? next.word.literal : undefined
    if (op === undefined) return { k: 'unary', op: '-n', w: t.word }
    this.lex.next()
    if (op === '=~') return { k: 'binary', op, a: t.word, b: this.lex.regexWord() }
    const b = this.lex.next()
    if (b.kind !== 'word') throw this.unexpected(b, 'a word')
    return { k: 'binary', op: op === '=' ? '==' : op, a: t.word, b: b.word }
  }

  private ifCommand(): CompoundCommand {
    this.lex.next()
    const clauses: { cond: List; body: List }[] = []
    let elseBody: List | undefined
    for (;;) {
      const cond = this.compoundList(false)
      this.expectReserved('then')
      clauses.push({ cond, body: this.compoundList(false) })
      const t = this.lex.next()
      if (this.isReserved(t, 'elif')) continue
      if (this.isReserved(t, 'else')) {
        elseBody = this.compoundList(false)
        this.expectReserved('fi')
      } else if (!this.isReserved(t, 'fi')) throw this.unexpected(t, '"fi"')
      break
    }
    return elseBody ? { type: 'if', clauses, elseBody, redirs: [] } : { type: 'if', clauses, redirs: [] }
  }

  /** bash's `coproc [NAME] command`: a NAME only before a compound command, as bash reads it. */
  private coprocCommand(): CompoundCommand {
    this.lex.next()
    const first = this.lex.peek()
    if (first.kind === 'word' && first.word.literal !== undefined && isName(first.word.literal) && !RESERVED.has(first.word.literal)) {
      this.lex.next()
      const after = this.lex.peek()
      if ((after.kind === 'word' && after.word.literal !== undefined && COMPOUND_START.has(after.word.literal)) || this.isOp(after, '(')) return { type: 'coproc', name: first.word.literal, body: this.command(), redirs: [] }
      // the word was the command's own name
      this.lex.rewind(first)
    }
    return { type: 'coproc', name: 'COPROC', body: this.command(), redirs: [] }
  }

  /** for, and bash's select (the same shape). */
  private forCommand(): CompoundCommand {
    const keyword = this.lex.next()
    const select = this.isReserved(keyword, 'select')
    const paren = this.lex.peek()
    if (!select && this.isOp(paren, '(') && this.lex.src[paren.start + 1] === '(') return this.arithFor(paren.start)
    const nameTok = this.lex.next()
    if (nameTok.kind !== 'word' || nameTok.word.literal === undefined || !isName(nameTok.word.literal)) throw this.unexpected(nameTok, 'a variable name')
    const name = nameTok.word.literal
    this.skipNewlines()
    let words: Word[] | undefined
    const raws: string[] = []
    if (this.isReserved(this.lex.peek(), 'in')) {
      this.lex.next()
      words = []
      for (let t = this.lex.peek(); t.kind === 'word'; t = this.lex.peek()) {
        const w = this.lex.next() as Token & { kind: 'word' }
        words.push(w.word)
        raws.push(w.raw)
      }
      const sep = this.lex.next()
      if (!this.isOp(sep, ';') && sep.kind !== 'newline') throw this.unexpected(sep, '"do"')
    } else if (this.isOp(this.lex.peek(), ';')) this.lex.next()
    this.skipNewlines()
    this.expectReserved('do')
    const body = this.compoundList(false)
    this.expectReserved('done')
    const type = select ? 'select' : 'for'
    const header = `${type} ${name} in ${words ? raws.join(' ') : '"$@"'}`
    const line = this.lex.lineAt(keyword.start)
    return words ? { type, name, words, body, redirs: [], header, line } : { type, name, body, redirs: [], header, line }
  }

  /** bash's `for (( init; cond; step ))`, then `do … done` or a `{ … }` group. */
  private arithFor(start: number): CompoundCommand {
    const text = this.lex.arithCommand(start)
    const clauses = text?.split(';')
    if (clauses === undefined || clauses.length !== 3) throw this.lex.error(start, 'bad for (( … )) loop')
    // an empty condition is true
    const [init, cond, step] = clauses.map((c, i) => this.lex.arithWord(i === 1 && c.trim() === '' ? '1' : c)) as [Word, Word, Word]
    if (this.isOp(this.lex.peek(), ';')) this.lex.next()
    this.skipNewlines()
    let body: List
    if (this.isReserved(this.lex.peek(), '{')) {
      this.lex.next()
      body = this.compoundList(false)
      this.expectReserved('}')
    } else {
      this.expectReserved('do')
      body = this.compoundList(false)
      this.expectReserved('done')
    }
    return { type: 'arithfor', init, cond, step, body, redirs: [] }
  }

  /** `;;`, or bash's `;&` and `;;&`: the end of a case item. */
  private isCaseEnd(t: Token): boolean {
    return this.isOp(t, ';;') || this.isOp(t, ';&') || this.isOp(t, ';;&')
  }

  private caseCommand(): CompoundCommand {
    this.lex.next()
    const wordTok = this.lex.next()
    if (wordTok.kind !== 'word') throw this.unexpected(wordTok, 'a word')
    this.skipNewlines()
    this.expectReserved('in')
    const items: CaseItem[] = []
    for (;;) {
      this.skipNewlines()
      let t = this.lex.peek()
      if (this.isReserved(t, 'esac')) {
        this.lex.next()
        break
      }
      if (this.isOp(t, '(')) {
        this.lex.next()
        t = this.lex.peek()
      }
      const patterns: Word[] = []
      for (;;) {
        const p = this.lex.next()
        if (p.kind !== 'word') throw this.unexpected(p, 'a pattern')
        patterns.push(p.word)
        const sep = this.lex.next()
        if (this.isOp(sep, ')')) break
        if (!this.isOp(sep, '|')) throw this.unexpected(sep, '")"')
      }
      const body = this.compoundList(false, true)
      const item: CaseItem = { patterns, body }
      items.push(item)
      const end = this.lex.peek()
      if (this.isCaseEnd(end)) {
        this.lex.next()
        if (!this.isOp(end, ';;')) item.then = this.isOp(end, ';&') ? ';&' : ';;&'
        continue
      }
      this.skipNewlines()
      this.expectReserved('esac')
      break
    }
    return { type: 'case', word: wordTok.word, items, redirs: [] }
  }

  private simple(): Command {
    const start = this.lex.peek()
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirs: [], line: this.lex.lineAt(start.start), text: '' }
    for (;;) {
      const t = this.lex.peek()
      // the command name may follow assignments and redirections; after it, only a word after an alias ending in a blank
      const aliasPlace = this.lex.followsBlankAlias(t) || cmd.words.length === 0
      if (aliasPlace && this.lex.substituteAlias(t)) continue
      if (t.kind === 'op' && REDIR_OPS.has(t.op)) {
        cmd.redirs.push(this.redirect())
        continue
      }
      if (t.kind !== 'word') break
      this.lex.next()
      const assign = cmd.words.length === 0 ? asAssignment(t.word) : undefined
      if (assign) {
        cmd.assigns.push(assign)
        continue
      }
      cmd.words.push(t.word)
      if (cmd.words.length === 1 && cmd.assigns.length === 0 && cmd.redirs.length === 0 && this.isOp(this.lex.peek(), '(')) {
        return this.functionDef(t)
      }
    }
    if (cmd.assigns.length === 0 && cmd.words.length === 0 && cmd.redirs.length === 0) throw this.unexpected(this.lex.peek(), 'a command')
    cmd.text = this.lex.src.slice(start.start, this.lex.lastEnd)
    return cmd
  }

  /** bash's `function name { … }` and `function name() { … }`. */
  private functionKeyword(): Command {
    this.lex.next()
    const nameTok = this.lex.next()
    if (nameTok.kind !== 'word') throw this.unexpected(nameTok, 'a function name')
    return this.functionDef(nameTok, this.isOp(this.lex.peek(), '('))
  }

  private functionDef(nameTok: Token & { kind: 'word' }, parens = true): Command {
    const name = nameTok.word.literal
    if (name === undefined || !/^[^\s$`'"\\=]+$/.test(name)) throw this.lex.error(nameTok.start, `bad function name "${nameTok.raw}"`)
    if (parens) {
      this.expectOp('(')
      this.expectOp(')')
    }
    this.skipNewlines()
    const t = this.lex.peek()
    const body = this.command()
    if (body.type === 'simple' || body.type === 'function') throw this.unexpected(t, 'a compound command')
    return { type: 'function', name, body, text: this.lex.src.slice(t.start, this.lex.lastEnd) }
  }

  private redirects(into: Redir[]): void {
    for (let t = this.lex.peek(); t.kind === 'op' && REDIR_OPS.has(t.op); t = this.lex.peek()) into.push(this.redirect())
  }

  private redirect(): Redir {
    const t = this.lex.next() as Token & { kind: 'op' }
    const op = t.op as RedirOp
    const target = this.lex.next()
    if (target.kind !== 'word') throw this.unexpected(target, 'a file name')
    const fd = t.fd ?? (op[0] === '<' ? 0 : 1)
    const redir: Redir = { fd, op, target: target.word, line: this.lex.lineAt(t.start) }
    if (t.fdVar !== undefined) redir.fdVar = t.fdVar
    if (op === '<<' || op === '<<-') {
      const quoted = target.word.parts.some((p) => p.type !== 'lit')
      this.lex.addHeredoc(redir, target.raw.replace(/\\(.)|['"]/gs, '$1'), op === '<<-', quoted)
    }
    return redir
  }
}

/** The redirections of a command (a function definition has none of its own: its body's). */
function redirsOf(cmd: Command): Redir[] {
  if (cmd.type === 'function') return redirsOf(cmd.body)
  return cmd.redirs
}

/**
 * `NAME=value` (or bash's `NAME+=value`, `NAME[i]=value`, `NAME=(…)`) as an assignment, or
 * undefined. Tildes after = and : in the value expand.
 */
export function asAssignment(word: Word): Assign | undefined {
  const first = word.parts[0]
  if (first === undefined || first.type !== 'lit') return undefined
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.text)
  const target = word.assignIndex
  if (!m && target === undefined) return undefined
  const name = m ? m[1]! : /^[A-Za-z_][A-Za-z0-9_]*/.exec(first.text)![0]
  const prefix = target === undefined ? m![0].length : target.length
  const assign: Assign = { name, value: { parts: [] } }
  if (target !== undefined) assign.index = target.index
  if (first.text[prefix - 2] === '+') assign.append = true
  if (word.array !== undefined) {
    assign.array = word.array
    return assign
  }
  const rest = first.text.slice(prefix)
  const parts: WordPart[] = []
  const pieces = rest.split(':')
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) parts.push({ type: 'lit', text: ':' })
    // a tilde prefix ends at '/', ':' or the end of the word
    const t = /^~([A-Za-z0-9._-]*)(\/.*)?$/s.exec(piece)
    if (t && (t[2] !== undefined || i < pieces.length - 1 || word.parts.length === 1)) {
      parts.push({ type: 'tilde', user: t[1]! })
      if (t[2]) parts.push({ type: 'lit', text: t[2] })
    } else if (piece !== '') parts.push({ type: 'lit', text: piece })
  }
  assign.value = makeWord([...mergeLits(parts), ...word.parts.slice(1)])
  return assign
}

function mergeLits(parts: WordPart[]): WordPart[] {
  const out: WordPart[] = []
  for (const p of parts) {
    const last = out[out.length - 1]
    if (p.type === 'lit' && last?.type === 'lit') last.text += p.text
    else out.push(p)
  }
  return out
}

function parseNested(src: string, pos: number, options: LexOptions): { body: List; end: number } {
  const p = new Parser(src, pos, options)
  const body = p.compoundList(false, true)
  p.closeParen()
  // the caller reads on in its own text, which has none of this parser's alias substitutions
  return { body, end: p.end - p.grown }
}

function parseWhole(src: string, options: LexOptions): List {
  const items: List['items'] = []
  for (const l of new Parser(src, 0, options).all()) items.push(...l.items)
  return { type: 'list', items }
}

/** Parses a whole text into one list (for eval, traps, `sh -c`). Throws ShellSyntaxError. */
export function parseScript(src: string): List {
  return parseWhole(src, { final: true, baseLine: 1 })
}

/** A text with expansions but no quoting, as in a here-document body (the prompt, $PS1). */
export function parseTemplate(text: string): Word {
  const lexer = new Lexer(text, 0, { final: true, baseLine: 1 }, parseNested, parseWhole)
  return { parts: [{ type: 'dquote', parts: lexer.readParts('heredoc', false) }] }
}
