/**
 * The line editor behind ed: a buffer of lines, addresses (. $ N 'x /re/ ?re? +- , ;), and the
 * commands of Unix ed (a i c d p n l s w W q Q e E r m t j g v G? = k u f h H P). Commands come a
 * line at a time from `input`; errors print `?` (and the reason after `H`) and are remembered
 * for the exit status, as GNU ed does.
 */
import { compileRegex, RegexError, type Regex, type RegexMatch } from '../util/regex.ts'

export interface EditorIo {
  /** The next line of standard input (without its newline), or undefined at its end. */
  readLine(): Promise<string | undefined>
  write(text: string): Promise<void>
  /** Diagnostics (a file that cannot be read) go to standard error. */
  complain(text: string): Promise<void>
  readFile(name: string): Promise<string>
  writeFile(name: string, text: string, append: boolean): Promise<void>
  /** Lets the host and other processes run (a g command over many lines makes no call that would). */
  yield(): Promise<void>
}

/** Marked lines a g command runs its list on between two turns given to the kernel. */
const LINES_BETWEEN_TURNS = 256

class EdError extends Error {}
/** q or Q: the editor ends. */
class Done extends Error {}

interface Line {
  text: string
}

const visible = (text: string): string => {
  let out = ''
  for (const ch of text) {
    const c = ch.charCodeAt(0)
    if (ch === '\\') out += '\\\\'
    else if (c < 32 || c === 127) out += ({ 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' } as Record<number, string>)[c] ?? `\\${c.toString(8).padStart(3, '0')}`
    else out += ch
  }
  // ed folds long lines after 72 characters with a backslash
  let folded = ''
  for (; out.length > 72; out = out.slice(72)) folded += out.slice(0, 72) + '\\\n'
  folded += out
  return folded + '$'
}

export class Editor {
  private lines: Line[] = []
  private dot = 0
  private file = ''
  private modified = false
  private warned = false
  private helpMode = false
  private lastError = ''
  private regex: Regex | undefined
  private replacement: string | undefined
  private marks = new Map<string, Line>()
  private undo: { lines: Line[]; dot: number; modified: boolean } | undefined
  /** Lines z prints. */
  private window = 22
  /** The exit status: 1 after an error, 2 when input ended with unsaved changes. */
  status = 0
  /** Lines of a g command's list still to run (they come before standard input). */
  private pending: string[] = []
  /** A g command is running its list. */
  private inGlobal = false

  constructor(
    private readonly io: EditorIo,
    private readonly silent: boolean,
    private readonly prompt: string | undefined,
  ) {}

  async open(name: string): Promise<void> {
    await this.edit(name)
  }

  private async nextLine(): Promise<string | undefined> {
    return this.pending.length > 0 ? this.pending.shift() : this.io.readLine()
  }

  async run(): Promise<void> {
    for (;;) {
      if (this.prompt !== undefined) await this.io.write(this.prompt)
      const line = await this.nextLine()
      if (line === undefined) {
        // the end of input with unsaved changes: a warning, and status 2 (GNU ed's)
        if (this.modified && !this.warned) {
          await this.error('warning: buffer modified')
          this.status = 2
        }
        return
      }
      try {
        await this.command(line, false)
        this.warned = false
      } catch (e) {
        if (e instanceof Done) return
        if (!(e instanceof EdError)) throw e
        if (e.message !== 'warning: buffer modified') this.warned = false
        await this.error(e.message)
      }
    }
  }

  private async error(message: string): Promise<void> {
    this.status = 1
    this.lastError = message
    await this.io.write(this.helpMode ? `?\n${message}\n` : '?\n')
  }

  // ---- addresses

  private index(line: Line): number {
    const i = this.lines.indexOf(line)
    if (i < 0) throw new EdError('Invalid address')
    return i + 1
  }

  private compile(pattern: string): Regex {
    if (pattern === '') {
      if (this.regex === undefined) throw new EdError('No previous pattern')
      return this.regex
    }
    try {
      return (this.regex = compileRegex(pattern, { extended: false }))
    } catch (e) {
      if (e instanceof RegexError) throw new EdError('Invalid regular expression')
      throw e
    }
  }

  /** The text up to an unescaped `delim`, and where it ends. */
  private delimited(text: string, at: number, delim: string): [string, number] {
    let out = ''
    let i = at
    for (; i < text.length && text[i] !== delim; i++) {
      if (text[i] === '\\' && i + 1 < text.length) {
        out += text[i + 1] === delim ? delim : text[i]! + text[i + 1]!
        i++
      } else out += text[i]
    }
    return [out, i]
  }

  private search(re: Regex, forward: boolean): number {
    const n = this.lines.length
    for (let k = 1; k <= n; k++) {
      const i = forward ? ((this.dot - 1 + k) % n) + 1 : ((this.dot - 1 - k + 2 * n) % n) + 1
      if (re.test(this.lines[i - 1]!.text)) return i
    }
    throw new EdError('No match')
  }

  /** One address at `at`: [line number or undefined, index after it]. */
  private address(text: string, at: number): [number | undefined, number] {
    let i = at
    let value: number | undefined
    const c = text[i]
    if (c === '.') {
      value = this.dot
      i++
    } else if (c === '$') {
      value = this.lines.length
      i++
    } else if (c !== undefined && /\d/.test(c)) {
      const m = /^\d+/.exec(text.slice(i))![0]
      value = Number(m)
      i += m.length
    } else if (c === "'") {
      const mark = this.marks.get(text[i + 1] ?? '')
      if (mark === undefined) throw new EdError('Invalid mark character')
      value = this.index(mark)
      i += 2
    } else if (c === '/' || c === '?') {
      const [pattern, end] = this.delimited(text, i + 1, c)
      value = this.search(this.compile(pattern), c === '/')
      i = end < text.length ? end + 1 : end
    }
    for (;;) {
      while (text[i] === ' ') i++
      const op = text[i]
      if (op !== '+' && op !== '-' && op !== '^') break
      i++
      const m = /^\d+/.exec(text.slice(i))
      const n = m ? Number(m[0]) : 1
      if (m) i += m[0].length
      value = (value ?? this.dot) + (op === '+' ? n : -n)
    }
    return [value, i]
  }

  /** The addresses before a command: [first, second, how many were given (0-2), index after]. */
  private range(text: string): [number, number, number, number] {
    let i = 0
    while (text[i] === ' ') i++
    const [a, end] = this.address(text, i)
    i = end
    let left = a
    let pair: [number, number] | undefined
    while (text[i] === ',' || text[i] === ';') {
      const sep = text[i++]
      // `,` alone is 1,$ and `;` alone is .,$
      const start = left ?? (sep === ',' ? 1 : this.dot)
      if (sep === ';') this.dot = this.check(start)
      const [b, after] = this.address(text, i)
      i = after
      pair = [start, b ?? (left === undefined ? this.lines.length : start)]
      left = pair[1]
    }
    if (pair !== undefined) return [pair[0], pair[1], 2, i]
    return a === undefined ? [this.dot, this.dot, 0, i] : [a, a, 1, i]
  }

  private check(n: number): number {
    if (n < 0 || n > this.lines.length) throw new EdError('Invalid address')
    return n
  }

  // ---- commands

  private snapshot(): void {
    // a g command's commands are undone together, from the copy it took before them
    if (this.inGlobal) return
    this.undo = { lines: [...this.lines], dot: this.dot, modified: this.modified }
  }

  private changed(): void {
    this.modified = true
  }

  private async input(): Promise<Line[]> {
    const out: Line[] = []
    for (;;) {
      const line = await this.nextLine()
      if (line === undefined || line === '.') return out
      out.push({ text: line })
    }
  }

  private async print(from: number, to: number, mode: string): Promise<void> {
    let text = ''
    for (let i = from; i <= to; i++) {
      const line = this.lines[i - 1]!.text
      text += mode === 'n' ? `${i}\t${line}\n` : mode === 'l' ? `${visible(line)}\n` : `${line}\n`
    }
    await this.io.write(text)
    this.dot = to
  }

  async command(text: string, global: boolean): Promise<void> {
    const [rawFirst, rawSecond, count, at] = this.range(text)
    const first = this.check(rawFirst)
    const second = this.check(rawSecond)
    if (count === 2 && first > second) throw new EdError('Invalid address')
    const cmd = text[at] ?? ''
    const rest = text.slice(at + 1)
    const needLine = (): void => {
      if (first === 0 || second === 0) throw new EdError('Invalid address')
    }
    const suffix = async (s: string): Promise<void> => {
      const mode = s.trim()
      if (mode === '') return
      if (!/^[pnl]$/.test(mode)) throw new EdError('Invalid command suffix')
      await this.print(this.dot, this.dot, mode)
    }
    switch (cmd) {
      case '':
        if (global) return this.print(this.dot, this.dot, 'p')
        {
          const target = count > 0 ? second : this.dot + 1
          if (target < 1 || target > this.lines.length) throw new EdError('Invalid address')
          return this.print(target, target, 'p')
        }
      case 'p':
      case 'n':
      case 'l':
        needLine()
        await this.print(first, second, cmd)
        return suffix(rest.replace(/^[pnl]/, ''))
      case 'z': {
        // a screenful from the line (the next one by default); z N sets the screen's height
        const from = count > 0 ? second : this.dot + 1
        if (from < 1 || from > this.lines.length) throw new EdError('Invalid address')
        if (/^\d+$/.test(rest)) this.window = Number(rest)
        else if (rest !== '') throw new EdError('Invalid command suffix')
        return this.print(from, Math.min(this.lines.length, from + this.window - 1), 'p')
      }
      case '=':
        await this.io.write(`${count > 0 ? second : this.lines.length}\n`)
        return
      case 'a':
      case 'i':
      case 'c': {
        if (cmd === 'c') needLine()
        const added = await this.input()
        this.snapshot()
        let where = cmd === 'a' ? second : cmd === 'i' ? Math.max(0, second - 1) : first - 1
        if (cmd === 'c') this.lines.splice(first - 1, second - first + 1)
        this.lines.splice(where, 0, ...added)
        where += added.length
        this.dot = added.length > 0 ? where : cmd === 'c' ? Math.min(first, this.lines.length) : where
        this.changed()
        return
      }
      case 'd':
        needLine()
        this.snapshot()
        this.lines.splice(first - 1, second - first + 1)
        this.dot = first <= this.lines.length ? first : this.lines.length
        this.changed()
        return suffix(rest)
      case 'j': {
        needLine()
        if (count === 1) return
        const [from, to] = count === 0 ? [first, first + 1] : [first, second]
        if (to > this.lines.length) throw new EdError('Invalid address')
        if (from === to) return
        this.snapshot()
        const joined = this.lines.slice(from - 1, to).map((l) => l.text).join('')
        this.lines.splice(from - 1, to - from + 1, { text: joined })
        this.dot = from
        this.changed()
        return suffix(rest)
      }
      case 'm':
      case 't': {
        needLine()
        const [dest, after] = this.address(rest, 0)
        const target = this.check(dest ?? this.dot)
        if (cmd === 'm' && target >= first && target < second) throw new EdError('Invalid destination')
        this.snapshot()
        const moved = this.lines.slice(first - 1, second)
        if (cmd === 'm') {
          this.lines.splice(first - 1, moved.length)
          const at2 = target >= second ? target - moved.length : target
          this.lines.splice(at2, 0, ...moved)
          this.dot = at2 + moved.length
        } else {
          this.lines.splice(target, 0, ...moved.map((l) => ({ text: l.text })))
          this.dot = target + moved.length
        }
        this.changed()
        return suffix(rest.slice(after))
      }
      case 'k': {
        needLine()
        if (!/^[a-z]$/.test(rest)) throw new EdError('Invalid mark character')
        this.marks.set(rest, this.lines[second - 1]!)
        return
      }
      case 's':
        needLine()
        return this.substitute(first, second, rest)
      case 'g':
      case 'v':
        if (global) throw new EdError('Cannot nest global commands')
        return this.global(count > 0 ? first : 1, count > 0 ? second : this.lines.length, rest, cmd === 'g')
      case 'u':
        if (this.undo === undefined) throw new EdError('Nothing to undo')
        {
          const now = { lines: this.lines, dot: this.dot, modified: this.modified }
          this.lines = this.undo.lines
          this.dot = this.undo.dot
          this.modified = this.undo.modified
          this.undo = now
        }
        return
      case 'w':
      case 'W': {
        const quit = rest.startsWith('q')
        const name = (quit ? rest.slice(1) : rest).trim() || this.file
        if (name === '') throw new EdError('No current filename')
        if (this.file === '') this.file = name
        const [from, to] = count > 0 ? [first, second] : [1, this.lines.length]
        const body = this.lines.slice(Math.max(0, from - 1), to).map((l) => l.text + '\n').join('')
        try {
          await this.io.writeFile(name, body, cmd === 'W')
        } catch {
          throw new EdError(`Cannot open output file`)
        }
        if (count === 0 || (from === 1 && to === this.lines.length)) this.modified = false
        if (!this.silent) await this.io.write(`${new TextEncoder().encode(body).length}\n`)
        if (quit) throw new Done()
        return
      }
      case 'q':
      case 'Q':
        if (rest.trim() !== '') throw new EdError('Invalid command suffix')
        if (cmd === 'q' && this.modified && !this.warned) {
          this.warned = true
          throw new EdError('warning: buffer modified')
        }
        throw new Done()
      case 'e':
      case 'E': {
        if (cmd === 'e' && this.modified && !this.warned) {
          this.warned = true
          throw new EdError('warning: buffer modified')
        }
        return this.edit(rest.trim() || this.file)
      }
      case 'r': {
        const name = rest.trim() || this.file
        if (name === '') throw new EdError('No current filename')
        const body = await this.read(name)
        this.snapshot()
        const added = splitText(body)
        const where = count > 0 ? second : this.lines.length
        this.lines.splice(where, 0, ...added)
        this.dot = where + added.length
        if (this.file === '') this.file = name
        if (added.length > 0) this.changed()
        if (!this.silent) await this.io.write(`${new TextEncoder().encode(body).length}\n`)
        return
      }
      case 'f':
        if (rest.trim() !== '') this.file = rest.trim()
        await this.io.write(`${this.file}\n`)
        return
      case 'h':
        if (this.lastError) await this.io.write(`${this.lastError}\n`)
        return
      case 'H':
        this.helpMode = !this.helpMode
        if (this.helpMode && this.lastError) await this.io.write(`${this.lastError}\n`)
        return
      default:
        throw new EdError('Unknown command')
    }
  }

  private async read(name: string): Promise<string> {
    try {
      return await this.io.readFile(name)
    } catch {
      throw new EdError('Cannot open input file')
    }
  }

  private async edit(name: string): Promise<void> {
    if (name === '') throw new EdError('No current filename')
    this.file = name
    let body: string
    try {
      body = await this.io.readFile(name)
    } catch (e) {
      this.lines = []
      this.dot = 0
      this.modified = false
      await this.io.complain(`${name}: ${(e as Error).message}\n`)
      return
    }
    this.lines = splitText(body)
    this.dot = this.lines.length
    this.modified = false
    this.undo = undefined
    this.marks.clear()
    if (!this.silent) await this.io.write(`${new TextEncoder().encode(body).length}\n`)
  }

  private async substitute(first: number, second: number, command: string): Promise<void> {
    let rest = command
    const delim = rest[0]
    let re: Regex
    let replacement: string
    let flags: string
    if (delim === undefined || delim === ' ' || delim === '\n' || /[gpnl0-9]/.test(delim)) {
      // `s` alone repeats the last substitution
      if (this.regex === undefined || this.replacement === undefined) throw new EdError('No previous substitution')
      re = this.regex
      replacement = this.replacement
      flags = rest
    } else {
      const [pattern, end] = this.delimited(rest, 1, delim)
      re = this.compile(pattern)
      let [rep, end2] = this.delimited(rest, end + 1, delim)
      // a replacement ending in a backslash goes on with the next input line (an escaped newline)
      while (end2 >= rest.length && rep.endsWith('\\')) {
        const more = await this.nextLine()
        if (more === undefined) break
        rest += '\n' + more
        ;[rep, end2] = this.delimited(rest, end + 1, delim)
      }
      if (rep === '%') {
        if (this.replacement === undefined) throw new EdError('No previous substitution')
        rep = this.replacement
      }
      this.replacement = replacement = rep
      // without its closing delimiter, s prints the last line it changed
      flags = end2 < rest.length ? rest.slice(end2 + 1) : 'p'
    }
    const m = /^(g?)(\d*)(g?)([pnl]?)$/.exec(flags.trim())
    if (!m) throw new EdError('Invalid command suffix')
    const all = m[1] === 'g' || m[3] === 'g'
    const nth = m[2] ? Number(m[2]) : 1
    let lastChanged = 0
    // under a g command, its own copy is what u goes back to
    const before = this.inGlobal ? undefined : { lines: [...this.lines], dot: this.dot, modified: this.modified }
    const length = this.lines.length
    for (let n = first; n <= second; n++) {
      const line = this.lines[n - 1 + (this.lines.length - length)]
      if (line === undefined) continue
      const replaced = replaceIn(line.text, re, replacement, all, nth)
      if (replaced === undefined) continue
      const at = n - 1 + (this.lines.length - length)
      const parts = replaced.split('\n').map((text) => ({ text }))
      this.lines.splice(at, 1, ...parts)
      lastChanged = at + parts.length
    }
    if (lastChanged === 0) throw new EdError('No match')
    if (before !== undefined) this.undo = before
    this.dot = lastChanged
    this.changed()
    if (m[4]) await this.print(this.dot, this.dot, m[4])
  }

  private async global(first: number, second: number, rest: string, matching: boolean): Promise<void> {
    const delim = rest[0]
    if (delim === undefined || delim === ' ') throw new EdError('Invalid pattern delimiter')
    const [pattern, end] = this.delimited(rest, 1, delim)
    const re = this.compile(pattern)
    let list = end < rest.length ? rest.slice(end + 1) : ''
    // a command list goes on over lines ending in a backslash
    while (list.endsWith('\\')) {
      const more = await this.nextLine()
      if (more === undefined) break
      list = list.slice(0, -1) + '\n' + more
    }
    const commands = list === '' ? ['p'] : list.split('\n')
    const marked = this.lines.slice(first - 1, second).filter((l) => re.test(l.text) === matching)
    const before = { lines: [...this.lines], dot: this.dot, modified: this.modified }
    // the next marked line is usually at or after where the last one was (before its commands ran)
    let last = 0
    this.inGlobal = true
    try {
      for (let i = 0; i < marked.length; i++) {
        if (i % LINES_BETWEEN_TURNS === LINES_BETWEEN_TURNS - 1) await this.io.yield()
        const line = marked[i]!
        let at = this.lines.indexOf(line, last)
        if (at < 0) at = this.lines.lastIndexOf(line, last)
        if (at < 0) continue
        last = at
        this.dot = at + 1
        for (const c of commands) await this.command(c, true)
      }
    } finally {
      this.inGlobal = false
      this.undo = before
    }
  }
}

function splitText(body: string): Line[] {
  if (body === '') return []
  const parts = body.split('\n')
  if (parts[parts.length - 1] === '') parts.pop()
  return parts.map((text) => ({ text }))
}

/** The line with `re` replaced (all matches, or the nth), or undefined if nothing matched. */
function replaceIn(text: string, re: Regex, replacement: string, all: boolean, nth: number): string | undefined {
  let out = ''
  let from = 0
  let count = 0
  let changed = false
  while (from <= text.length) {
    const m = re.exec(text, from)
    if (m === undefined) break
    count++
    const { start, end } = m
    if (all ? count >= nth : count === nth) {
      out += text.slice(from, start) + expand(replacement, m)
      changed = true
    } else out += text.slice(from, end)
    if (end === start) {
      if (start < text.length) out += text[start]
      from = start + 1
    } else from = end
    if (changed && !all) break
  }
  if (!changed) return undefined
  return out + text.slice(from)
}

function expand(replacement: string, m: RegexMatch): string {
  let out = ''
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!
    if (c === '&') out += m.text
    else if (c === '\\' && i + 1 < replacement.length) {
      const d = replacement[++i]!
      out += /[1-9]/.test(d) ? (m.group(Number(d)) ?? '') : d
    } else out += c
  }
  return out
}
