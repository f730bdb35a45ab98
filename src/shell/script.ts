/**
 * Reading a script command by command. Without aliases one parser reads the whole text. With
 * aliases, each command is parsed from a window of whole lines past the last one (doubled until
 * the command fits in it): substituting an alias copies the text its parser holds, which must
 * not be the whole of a long script every time.
 */
import type { List } from './ast.ts'
import { ShellSyntaxError } from './errors.ts'
import { Parser } from './parser.ts'

/** The first window: most commands are one short line. */
const WINDOW = 1024

export class ScriptReader {
  /** The parser of the whole text, while no alias is defined. */
  private whole: Parser | undefined
  /** Where the next command starts, when reading by windows. */
  private at: number
  /** The line of `at`, and where it was counted to. */
  private line: number
  private counted: number
  /** What the parse warned of since takeWarnings was last asked. */
  private warnings: string[] = []
  private readonly warn = (w: string): void => void this.warnings.push(w)

  constructor(
    private readonly text: string,
    start: number,
    private readonly baseLine: number,
    /** The text of an alias, or undefined; `aliases()` tells whether any is defined. */
    private readonly alias: (name: string) => string | undefined,
    private readonly aliases: () => boolean,
  ) {
    this.at = start
    this.line = baseLine
    this.counted = 0
  }

  /** The next complete command, or null at the end of the text. Throws ShellSyntaxError. */
  next(): List | null {
    if (!this.aliases()) {
      this.whole ??= new Parser(this.text, this.at, { final: true, baseLine: this.baseLine, warn: this.warn })
      const list = this.whole.next()
      this.at = this.whole.resumeAt
      return list
    }
    this.whole = undefined
    for (let size = WINDOW; ; size *= 2) {
      const nl = this.text.indexOf('\n', this.at + size)
      const end = nl < 0 ? this.text.length : nl + 1
      const final = end === this.text.length
      const parser = new Parser(this.text.slice(this.at, end), 0, { final, baseLine: this.lineOf(this.at), alias: this.alias, warn: this.warn })
      let list: List | null
      try {
        list = parser.next()
      } catch (e) {
        if (e instanceof ShellSyntaxError && e.incomplete) continue
        throw e
      }
      // alias substitution changed the window's text before the point it stopped at
      if (list !== null || final) {
        this.at += parser.resumeAt - parser.grown
        return list
      }
      this.at = end
    }
  }

  takeWarnings(): string[] {
    const taken = this.warnings
    if (taken.length > 0) this.warnings = []
    return taken
  }

  private lineOf(pos: number): number {
    if (pos < this.counted) {
      this.counted = 0
      this.line = this.baseLine
    }
    for (let i = this.counted; i < pos; i++) if (this.text.charCodeAt(i) === 10) this.line++
    this.counted = pos
    return this.line
  }
}
