/**
 * A line editor for a character terminal, the same for a host terminal (Node) and xterm.js in a
 * browser: editing keys (Emacs style, as sh's line editors), history, Tab completion (a second
 * Tab lists the candidates) and Ctrl-R search. It draws with ANSI sequences only.
 *
 * Drawing: the prompt and the line occupy one or more rows. The editor remembers the row of the
 * cursor relative to the first one, so a redraw moves up to the start, erases to the end of the
 * screen and writes everything again; the cursor then moves back to its place. A line that ends
 * exactly at the right margin leaves the terminal waiting to wrap; writing CR LF there puts the
 * cursor on the next row, where the arithmetic expects it.
 */
import type { Key } from './keys.ts'

/** Candidates for the text before the cursor, and the end of that text they replace. */
export type Completer = (line: string) => Promise<[string[], string]>

export interface EditorHost {
  /** Writes to the screen. */
  write(text: string): void
  /** The terminal's width in columns. */
  columns(): number
  /** Ctrl-C. */
  interrupt(): void
  /** Ctrl-Z. */
  suspend?(): void
  /** A finished line (without its newline). */
  line(text: string): void
  /** Ctrl-D at an empty line. */
  endOfInput(): void
  complete?: Completer
  /** The history changed (oldest first), for a host that keeps it. */
  historyChanged?(lines: readonly string[]): void
}

export const HISTORY_SIZE = 1000

interface Search {
  query: string
  /** The history index of the match shown, or -1 for none. */
  at: number
  /** The line before the search started, restored by Ctrl-G. */
  saved: string[]
  savedCursor: number
}

export class LineEditor {
  /** Whether a line is on the screen being edited. */
  active = false
  private prompt = ''
  private chars: string[] = []
  private cursor = 0
  /** Row of the cursor below the prompt's first row, as last drawn. */
  private cursorRow = 0
  private history: string[]
  /** The history entry shown (history.length: the line being typed). */
  private historyAt = 0
  private draft: string[] = []
  private search: Search | undefined
  private lastWasTab = false
  private completing = 0

  constructor(
    private readonly host: EditorHost,
    history: readonly string[] = [],
  ) {
    this.history = history.slice(-HISTORY_SIZE)
    this.historyAt = this.history.length
  }

  /** Starts editing a line after `prompt`, which is already on the screen at the start of its row. */
  begin(prompt: string): void {
    this.prompt = prompt
    this.active = true
    this.cursorRow = 0
    // The prompt is drawn again by the editor, over the copy the program wrote.
    this.host.write('\r\x1b[K')
    this.redraw()
  }

  /** Erases the line from the screen (output is about to be written where it was). */
  hide(): void {
    if (!this.active) return
    this.host.write(this.toStart() + '\x1b[J')
    this.cursorRow = 0
  }

  /** Draws the line again after `hide`, after `prompt`, which is on the screen already at the start of its row. */
  show(prompt: string): void {
    this.cursorRow = 0
    this.begin(prompt)
  }

  /** Forgets the line being edited and leaves the screen as it is. */
  abandon(): void {
    this.chars = []
    this.cursor = 0
    this.active = false
    this.search = undefined
  }

  /** The prompt of the line being edited, or of the last one. */
  get promptText(): string {
    return this.prompt
  }

  get text(): string {
    return this.chars.join('')
  }

  feed(keys: readonly Key[]): void {
    for (const key of keys) {
      if (this.search !== undefined && this.searchKey(key)) continue
      const tab = key.kind === 'special' && key.name === 'tab'
      this.key(key)
      this.lastWasTab = tab
    }
  }

  private key(key: Key): void {
    switch (key.kind) {
      case 'text':
        return this.insert(Array.from(key.text))
      case 'ctrl':
        return this.control(key.letter)
      case 'meta':
        if (key.letter === 'b') return this.move(this.wordStart())
        if (key.letter === 'f') return this.move(this.wordEnd())
        if (key.letter === 'd') return this.cut(this.cursor, this.wordEnd())
        return
      case 'special':
        return this.special(key.name)
    }
  }

  private control(letter: string): void {
    switch (letter) {
      case 'a':
        return this.move(0)
      case 'e':
        return this.move(this.chars.length)
      case 'b':
        return this.move(this.cursor - 1)
      case 'f':
        return this.move(this.cursor + 1)
      case 'k':
        return this.cut(this.cursor, this.chars.length)
      case 'u':
        return this.cut(0, this.cursor)
      case 'w':
        return this.cut(this.wordStart(), this.cursor)
      case 'h':
        return this.cut(this.cursor - 1, this.cursor)
      case 'p':
        return this.recall(this.historyAt - 1)
      case 'n':
        return this.recall(this.historyAt + 1)
      case 'l':
        this.host.write('\x1b[H\x1b[2J')
        this.cursorRow = 0
        return this.redraw()
      case 'c':
        return this.interrupt()
      case 'z':
        return this.suspend()
      case 'd':
        if (this.chars.length > 0) return this.cut(this.cursor, this.cursor + 1)
        this.finish()
        return this.host.endOfInput()
      case 'r':
        return this.startSearch()
      case 'j':
      case 'm':
        return this.enter()
    }
  }

  private special(name: string): void {
    switch (name) {
      case 'enter':
        return this.enter()
      case 'backspace':
        return this.cut(this.cursor - 1, this.cursor)
      case 'delete':
        return this.cut(this.cursor, this.cursor + 1)
      case 'left':
        return this.move(this.cursor - 1)
      case 'right':
        return this.move(this.cursor + 1)
      case 'home':
        return this.move(0)
      case 'end':
        return this.move(this.chars.length)
      case 'word-left':
        return this.move(this.wordStart())
      case 'word-right':
        return this.move(this.wordEnd())
      case 'up':
        return this.recall(this.historyAt - 1)
      case 'down':
        return this.recall(this.historyAt + 1)
      case 'tab':
        return void this.complete()
    }
  }

  private enter(): void {
    const line = this.text
    this.move(this.chars.length)
    this.finish()
    this.remember(line)
    this.host.line(line)
  }

  /** The line is done: the cursor goes to a new row and the editor forgets it. */
  private finish(): void {
    this.host.write('\r\n')
    this.abandon()
    this.historyAt = this.history.length
    this.draft = []
  }

  private interrupt(): void {
    this.abandonWith('^C')
    this.host.interrupt()
  }

  /** Ctrl-Z: the line is abandoned as by Ctrl-C, and the foreground job is stopped. */
  private suspend(): void {
    this.abandonWith('^Z')
    this.host.suspend?.()
  }

  /** Shows the control key typed at the end of the line and leaves the line for a new row. */
  private abandonWith(echo: string): void {
    this.move(this.chars.length)
    this.host.write(echo)
    this.finish()
  }

  private remember(line: string): void {
    if (line.trim() === '' || this.history[this.history.length - 1] === line) return
    this.history.push(line)
    if (this.history.length > HISTORY_SIZE) this.history.shift()
    this.historyAt = this.history.length
    this.host.historyChanged?.(this.history)
  }

  private recall(at: number): void {
    if (at < 0 || at > this.history.length) return
    if (this.historyAt === this.history.length) this.draft = this.chars
    this.historyAt = at
    this.chars = at === this.history.length ? this.draft : Array.from(this.history[at]!)
    this.cursor = this.chars.length
    this.redraw()
  }

  private insert(text: string[]): void {
    this.chars = [...this.chars.slice(0, this.cursor), ...text, ...this.chars.slice(this.cursor)]
    this.cursor += text.length
    // Typing at the end of a line that fits needs no redraw, only the characters.
    if (this.cursor === this.chars.length && this.search === undefined && !this.endsAtMargin()) {
      this.host.write(text.join(''))
      this.cursorRow = Math.floor((visibleWidth(this.prompt) + this.cursor) / Math.max(1, this.host.columns()))
    } else this.redraw()
  }

  private cut(from: number, to: number): void {
    from = Math.max(0, from)
    to = Math.min(this.chars.length, to)
    if (from >= to) return
    this.chars = [...this.chars.slice(0, from), ...this.chars.slice(to)]
    this.cursor = from
    this.redraw()
  }

  private move(to: number): void {
    const next = Math.max(0, Math.min(this.chars.length, to))
    if (next === this.cursor) return
    this.cursor = next
    this.redraw()
  }

  private wordStart(): number {
    let i = this.cursor
    while (i > 0 && this.chars[i - 1] === ' ') i--
    while (i > 0 && this.chars[i - 1] !== ' ') i--
    return i
  }

  private wordEnd(): number {
    let i = this.cursor
    while (i < this.chars.length && this.chars[i] === ' ') i++
    while (i < this.chars.length && this.chars[i] !== ' ') i++
    return i
  }

  /** Tab: the common start of the candidates; a second Tab with nothing to add lists them. */
  private async complete(): Promise<void> {
    const completer = this.host.complete
    if (completer === undefined) return
    const before = this.chars.slice(0, this.cursor).join('')
    const listing = this.lastWasTab
    const ticket = ++this.completing
    let candidates: string[]
    let replaced: string
    try {
      ;[candidates, replaced] = await completer(before)
    } catch {
      return
    }
    // The line changed while the candidates were found: they no longer apply.
    if (ticket !== this.completing || !this.active || this.chars.slice(0, this.cursor).join('') !== before) return
    if (candidates.length === 0) return this.host.write('\x07')
    const common = commonPrefix(candidates)
    if (common.length > replaced.length) return this.insert(Array.from(common.slice(replaced.length)))
    if (candidates.length === 1) return
    if (!listing) return this.host.write('\x07')
    this.move(this.chars.length)
    this.host.write('\r\n' + columns(candidates, this.host.columns()))
    this.cursorRow = 0
    this.redraw()
  }

  private startSearch(): void {
    this.search = { query: '', at: -1, saved: this.chars, savedCursor: this.cursor }
    this.redraw()
  }

  /** A key during Ctrl-R; false when it ends the search and must be handled as usual. */
  private searchKey(key: Key): boolean {
    const s = this.search!
    if (key.kind === 'text') {
      s.query += key.text
      this.findFrom(s.at >= 0 ? s.at : this.history.length - 1)
      return true
    }
    if (key.kind === 'ctrl' && key.letter === 'r') {
      this.findFrom(s.at - 1)
      return true
    }
    if (key.kind === 'special' && key.name === 'backspace') {
      s.query = s.query.slice(0, -1)
      this.findFrom(this.history.length - 1)
      return true
    }
    if ((key.kind === 'ctrl' && key.letter === 'g') || (key.kind === 'special' && key.name === 'escape')) {
      this.chars = s.saved
      this.cursor = s.savedCursor
      this.search = undefined
      this.redraw()
      return true
    }
    // Anything else takes the match as the line and then acts as usual.
    this.search = undefined
    this.redraw()
    return false
  }

  private findFrom(start: number): void {
    const s = this.search!
    for (let i = Math.min(start, this.history.length - 1); i >= 0; i--) {
      const at = this.history[i]!.indexOf(s.query)
      if (at < 0) continue
      s.at = i
      this.chars = Array.from(this.history[i]!)
      this.cursor = Array.from(this.history[i]!.slice(0, at)).length
      return this.redraw()
    }
    this.host.write('\x07')
    this.redraw()
  }

  private shownPrompt(): string {
    const s = this.search
    return s === undefined ? this.prompt : `(reverse-i-search)'${s.query}': `
  }

  private endsAtMargin(): boolean {
    const total = visibleWidth(this.shownPrompt()) + this.chars.length
    return total % this.host.columns() === 0
  }

  /** Moves from the cursor to the start of the prompt's first row. */
  private toStart(): string {
    return (this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : '') + '\r'
  }

  /** Draws the prompt and the line from the prompt's first row, and puts the cursor in place. */
  private redraw(): void {
    if (!this.active) return
    const cols = Math.max(1, this.host.columns())
    const prompt = this.shownPrompt()
    const promptWidth = visibleWidth(prompt)
    let out = this.toStart() + '\x1b[J' + prompt
    out += this.chars.join('')
    const total = promptWidth + this.chars.length
    const row = Math.floor(total / cols)
    if (total > 0 && total % cols === 0) out += '\r\n'
    const target = promptWidth + this.cursor
    const targetRow = Math.floor(target / cols)
    const targetCol = target % cols
    if (row > targetRow) out += `\x1b[${row - targetRow}A`
    out += '\r' + (targetCol > 0 ? `\x1b[${targetCol}C` : '')
    this.cursorRow = targetRow
    this.host.write(out)
  }
}

/** The columns a text takes on the screen: escape sequences take none. */
export function visibleWidth(text: string): number {
  let width = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x1b) {
      // CSI: up to its final byte; anything else: ESC and one character
      if (text[i + 1] === '[') {
        i += 2
        while (i < text.length && !(text.charCodeAt(i) >= 0x40 && text.charCodeAt(i) <= 0x7e)) i++
      } else i++
      continue
    }
    // the second half of a surrogate pair adds nothing; control characters take no column
    if ((c & 0xfc00) === 0xdc00 || c < 32) continue
    width++
  }
  return width
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? ''
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1)
  return prefix
}

/** Candidates in columns across the screen, as sh's editors list them. */
function columns(words: readonly string[], width: number): string {
  const cell = Math.max(...words.map((w) => w.length)) + 2
  const perRow = Math.max(1, Math.floor(width / cell))
  const rows = Math.ceil(words.length / perRow)
  let out = ''
  for (let r = 0; r < rows; r++) {
    let line = ''
    for (let c = 0; c < perRow; c++) {
      const w = words[c * rows + r]
      if (w !== undefined) line += w.padEnd(cell)
    }
    out += line.trimEnd() + '\r\n'
  }
  return out
}
