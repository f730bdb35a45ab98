/**
 * awk's tokens. Whether `/` starts a regex or divides depends on where the parser is, so the
 * parser asks for a regex (`regex()`) when it expects an operand and meets `/` or `/=`.
 */

export class AwkSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message)
  }
}

export type TokenKind =
  | 'name'
  /** A user function's name directly followed by `(`. */
  | 'funcname'
  | 'builtin'
  | 'number'
  | 'string'
  | 'regex'
  | 'keyword'
  | 'punct'
  | 'newline'
  | 'eof'

export interface Token {
  kind: TokenKind
  text: string
  /** A number's value; a string's or regex's text after escapes. */
  value?: number | string
  line: number
  /** Where the token starts in the source. */
  at: number
}

const KEYWORDS = new Set(['BEGIN', 'END', 'BEGINFILE', 'ENDFILE', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf', 'switch', 'case', 'default'])

/** gawk's functions beside POSIX's (src/bins/awk/gawk.ts), with how many arguments each takes. */
export const GAWK_ARITY = new Map<string, readonly [number, number]>([
  ['asort', [1, 3]],
  ['asorti', [1, 3]],
  ['strftime', [0, 3]],
  ['systime', [0, 0]],
  ['mktime', [1, 2]],
  ['strtonum', [1, 1]],
  ['and', [2, Infinity]],
  ['or', [2, Infinity]],
  ['xor', [2, Infinity]],
  ['lshift', [2, 2]],
  ['rshift', [2, 2]],
])

export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'sin', 'cos', 'atan2', 'exp', 'log', 'sqrt', 'int', 'rand', 'srand', 'tolower', 'toupper', 'system', 'close', 'fflush', 'gensub', 'patsplit', ...GAWK_ARITY.keys()])

/** Longest first, so `**=` wins over `**` and `*`. */
const PUNCT = ['**=', '...', '&&', '||', '==', '<=', '>=', '!=', '++', '--', '+=', '-=', '*=', '/=', '%=', '^=', '**', '>>', '!~', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '=']

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' }

export class Lexer {
  private i = 0
  line = 1

  constructor(private readonly src: string) {}

  /** The next token. */
  next(): Token {
    this.skipBlanks()
    const { src } = this
    const at = this.i
    const line = this.line
    if (at >= src.length) return { kind: 'eof', text: '', line, at }
    const c = src[at]!
    if (c === '\n') {
      this.i++
      this.line++
      return { kind: 'newline', text: '\n', line, at }
    }
    if (c === '"') return this.string(at, line)
    if (/[0-9.]/.test(c) && /^\.?[0-9]/.test(src.slice(at, at + 2))) return this.number(at, line)
    if (/[A-Za-z_]/.test(c)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(at))![0]
      this.i += name.length
      if (KEYWORDS.has(name)) return { kind: 'keyword', text: name === 'func' ? 'function' : name, line, at }
      if (BUILTINS.has(name)) return { kind: 'builtin', text: name, line, at }
      return { kind: src[this.i] === '(' ? 'funcname' : 'name', text: name, line, at }
    }
    for (const p of PUNCT) {
      if (src.startsWith(p, at)) {
        this.i += p.length
        // ** and **= are ^ and ^=, as in gawk and mawk
        return { kind: 'punct', text: p === '**' ? '^' : p === '**=' ? '^=' : p, line, at }
      }
    }
    throw new AwkSyntaxError(`syntax error at source line ${line}`, line)
  }

  position(): { at: number; line: number } {
    return { at: this.i, line: this.line }
  }

  seek(at: number, line: number): void {
    this.i = at
    this.line = line
  }

  /** Re-reads from a `/` or `/=` token as a regex literal. */
  regex(from: Token): Token {
    this.i = from.at + 1
    this.line = from.line
    const { src } = this
    let text = ''
    let inBracket = false
    for (;;) {
      const c = src[this.i]
      if (c === undefined || c === '\n') throw new AwkSyntaxError(`non-terminated regular expression ${text}... at source line ${from.line}`, from.line)
      this.i++
      if (c === '\\' && src[this.i] === '/') {
        text += '/'
        this.i++
      } else if (c === '\\' && src[this.i] !== undefined) text += c + src[this.i++]
      else if (c === '/' && !inBracket) break
      else if (c === '[' && !inBracket) {
        inBracket = true
        text += c
        // a ] right after [ or [^ is a member, not the end
        if (src[this.i] === '^') text += src[this.i++]
        if (src[this.i] === ']') text += src[this.i++]
      } else if (c === '[' && src[this.i] === ':' && src.indexOf(':]', this.i) > 0) {
        const end = src.indexOf(':]', this.i) + 2
        text += c + src.slice(this.i, end)
        this.i = end
      } else {
        if (c === ']') inBracket = false
        text += c
      }
    }
    return { kind: 'regex', text, value: text, line: from.line, at: from.at }
  }

  private skipBlanks(): void {
    const { src } = this
    for (;;) {
      const c = src[this.i]
      if (c === ' ' || c === '\t' || c === '\r') this.i++
      else if (c === '\\' && src[this.i + 1] === '\n') {
        this.i += 2
        this.line++
      } else if (c === '\\' && src[this.i + 1] === '\r' && src[this.i + 2] === '\n') {
        this.i += 3
        this.line++
      } else if (c === '#') {
        while (this.i < src.length && src[this.i] !== '\n') this.i++
      } else return
    }
  }

  private number(at: number, line: number): Token {
    const m = /^(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/.exec(this.src.slice(at))!
    this.i += m[0].length
    return { kind: 'number', text: m[0], value: Number(m[0]), line, at }
  }

  private string(at: number, line: number): Token {
    const { src } = this
    let i = at + 1
    for (;;) {
      const c = src[i]
      if (c === undefined || c === '\n') throw new AwkSyntaxError(`runaway string constant ${src.slice(at, at + 10)} ... at source line ${line}`, line)
      if (c === '"') break
      if (c === '\\' && src[i + 1] === '\n') this.line++
      i += c === '\\' ? 2 : 1
    }
    this.i = i + 1
    return { kind: 'string', text: src.slice(at, this.i), value: unescape(src.slice(at + 1, i)), line, at }
  }
}

/** A string constant's escapes (also for -v and var=value): \n \t \" \\ \/ \ooo...; an escaped newline is removed. */
export function unescape(raw: string): string {
  if (!raw.includes('\\')) return raw
  let s = ''
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (c !== '\\' || i + 1 >= raw.length) {
      s += c
      continue
    }
    const d = raw[++i]!
    if (d === '\n') continue
    if (d >= '0' && d <= '7') {
      let oct = d
      while (oct.length < 3 && raw[i + 1] !== undefined && raw[i + 1]! >= '0' && raw[i + 1]! <= '7') oct += raw[++i]
      s += String.fromCharCode(parseInt(oct, 8))
    } else if (Object.hasOwn(ESCAPES, d)) s += ESCAPES[d]
    // an unknown escape keeps its backslash (so "\." reaches a dynamic regex as \.), as gawk and mawk
    else s += '\\' + d
  }
  return s
}
