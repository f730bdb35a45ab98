/**
 * The shell's syntax tree, as the parser produces it and the interpreter walks it.
 * Words keep their structure (quotes, expansions) until run time, when the expander turns
 * them into fields.
 */

/** A word: a sequence of parts that expand and concatenate. */
export interface Word {
  parts: WordPart[]
  /** Set when the word is a plain unquoted literal with nothing to expand or glob (a fast path). */
  literal?: string
  /** `name=(…)` or `name+=(…)`: the words of the array literal (the word itself holds `name=`). */
  array?: Word[]
  /** `name[subscript]=…`: the subscript, and the length of `name[subscript]=` (the parts still hold the whole word's text). */
  assignIndex?: { index: Word; length: number }
}

export type WordPart =
  /** Unquoted text from the source: subject to globbing, never to field splitting. */
  | { type: 'lit'; text: string }
  /** Quoted text ('…' or a backslash escape): taken as is. */
  | { type: 'quoted'; text: string }
  /** "…": its parts expand without field splitting or globbing. */
  | { type: 'dquote'; parts: WordPart[] }
  | ParamPart
  | { type: 'cmdsub'; body: List }
  /** bash's <(…) and >(…): a /dev/fd path to a pipe from or to the list. */
  | { type: 'procsub'; output: boolean; body: List }
  /** $((…)): the expression's text after parameter and command expansion. */
  | { type: 'arith'; expr: Word }
  /** ~ or ~user at the start of a word (or after : or = in an assignment). */
  | { type: 'tilde'; user: string }

export type ParamOp =
  | '-' | '=' | '?' | '+' | '#' | '##' | '%' | '%%'
  /** bash: ${x/p/r} ${x//p/r} ${x/#p/r} ${x/%p/r}; `word` is the pattern, `with` the replacement. */
  | '/' | '//' | '/#' | '/%'
  /** bash: ${x:offset} ${x:offset:length}; `word` is the offset, `with` the length. */
  | ':'
  /** bash: ${x^} ${x^^} ${x,} ${x,,} ${x~} ${x~~} (toggled); `word` is an optional pattern of the characters to change. */
  | '^' | '^^' | ',' | ',,' | '~' | '~~'
  /** bash: ${x@Q} and the other transformations; `word` holds the letter. */
  | '@'

export interface ParamPart {
  type: 'param'
  /** A variable name, a positional number ("1", "10") or a special parameter (@ * # ? - $ ! 0). */
  name: string
  /** ${a[i]}: the subscript; '@' and '*' for all the elements. */
  index?: Word | '@' | '*'
  /** ${!name}: the value names the variable to expand; with `keys`, ${!a[@]} and ${!prefix*}. */
  indirect?: boolean
  /** ${!a[@]}: the subscripts; ${!prefix@}: the names starting with `name`. */
  keys?: '@' | '*'
  /** ${#name}: the length of the value. */
  length?: boolean
  op?: ParamOp
  /** With `-`, `=`, `?`, `+`: whether a colon was given (null counts as unset). */
  colon?: boolean
  word?: Word
  /** The replacement of ${x/p/r}, the length of ${x:o:l}. */
  with?: Word
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<' | '<<-' | '<<<' | '&>' | '&>>'

export interface Redir {
  /** The descriptor redirected; defaults to 0 for input operators and 1 for output ones. */
  fd: number
  /** bash's `{NAME}>…`: a new descriptor (10 or above) whose number goes into NAME; `{NAME}>&-` closes NAME's. */
  fdVar?: string
  op: RedirOp
  /** The file name, descriptor number or `-`; for here-documents, the delimiter. */
  target: Word
  /** Here-documents: the body, expanded at run time unless the delimiter was quoted. */
  heredoc?: HereDoc
  /** The source line of the operator: an error in this redirection is placed there, as bash places it. */
  line: number
}

export interface HereDoc {
  body: Word
  /** The delimiter had quotes: the body is taken literally. */
  quoted: boolean
}

export interface Assign {
  name: string
  value: Word
  /** a[i]=v: the subscript. */
  index?: Word
  /** `+=`: appends to the value (or the array). */
  append?: boolean
  /** a=(…): the elements, each `word` or `[key]=word`. */
  array?: Word[]
}

export interface SimpleCommand {
  type: 'simple'
  assigns: Assign[]
  words: Word[]
  redirs: Redir[]
  /** The source line, for error messages. */
  line: number
  /** The command as written, bash's $BASH_COMMAND while it runs. */
  text: string
}

/** Where a compound command that fails as a whole was written: its line, and its text for $BASH_COMMAND. */
export interface Placed {
  line?: number
  text?: string
}

export interface Group {
  type: 'group'
  body: List
  redirs: Redir[]
}

export interface Subshell extends Placed {
  type: 'subshell'
  body: List
  redirs: Redir[]
}

export interface If {
  type: 'if'
  /** `if` and each `elif`, in order. */
  clauses: { cond: List; body: List }[]
  elseBody?: List
  redirs: Redir[]
}

export interface Loop {
  type: 'loop'
  /** `until` runs the body while the condition fails. */
  until: boolean
  cond: List
  body: List
  redirs: Redir[]
}

export interface For {
  type: 'for'
  name: string
  /** Absent: iterate over "$@". */
  words?: Word[]
  body: List
  redirs: Redir[]
  /** `for NAME in WORDS` as written: set -x shows it at each pass, and the DEBUG trap's $BASH_COMMAND. */
  header: string
  /** The line of `for`: the DEBUG trap's $LINENO at each pass. */
  line: number
}

export interface CaseItem {
  patterns: Word[]
  body: List
  /** bash's `;&` runs the next item's body too; `;;&` goes on testing the next items' patterns. */
  then?: ';&' | ';;&'
}

export interface Case {
  type: 'case'
  word: Word
  items: CaseItem[]
  redirs: Redir[]
}

export interface FunctionDef {
  type: 'function'
  name: string
  body: Command
  /** The body's source text, as `export -f` passes it to child shells. */
  text: string
}

/** bash's `(( expr ))`: status 0 when the expression is not zero. */
export interface ArithCommand extends Placed {
  type: 'arithcmd'
  expr: Word
  redirs: Redir[]
}

/** bash's `[[ … ]]`. */
export interface CondCommand extends Placed {
  type: 'cond'
  expr: CondExpr
  redirs: Redir[]
}

export type CondExpr =
  | { k: 'and' | 'or'; a: CondExpr; b: CondExpr }
  | { k: 'not'; e: CondExpr }
  /** -f file, -z string, …; a lone word is -n word. */
  | { k: 'unary'; op: string; w: Word }
  /** ==, !=, =~, <, >, -eq, -nt, … */
  | { k: 'binary'; op: string; a: Word; b: Word }

/** bash's `for (( init; cond; step )); do …; done`. */
export interface ArithFor {
  type: 'arithfor'
  init: Word
  cond: Word
  step: Word
  body: List
  redirs: Redir[]
}

/** bash's `select name in words; do …; done`. */
export interface Select {
  type: 'select'
  name: string
  words?: Word[]
  body: List
  redirs: Redir[]
  header: string
}

/** bash's `coproc [NAME] command`: the command runs as a job joined to the shell by two pipes. */
export interface Coproc {
  type: 'coproc'
  /** The array that gets the shell's ends of the pipes (`COPROC` unless named). */
  name: string
  body: Command
  redirs: Redir[]
}

export type CompoundCommand = Group | Subshell | If | Loop | For | Case | ArithCommand | CondCommand | Select | ArithFor | Coproc
export type Command = SimpleCommand | CompoundCommand | FunctionDef

export interface Pipeline {
  type: 'pipeline'
  negate: boolean
  /** bash's `time`: report how long the pipeline took on standard error (`posix`: `time -p`'s form). */
  timed?: true | 'posix'
  commands: Command[]
}

export interface AndOr {
  type: 'andor'
  first: Pipeline
  rest: { op: '&&' | '||'; pipeline: Pipeline }[]
  /** The source text, for `jobs`. */
  text: string
}

export interface List {
  type: 'list'
  items: { command: AndOr; async: boolean }[]
}
