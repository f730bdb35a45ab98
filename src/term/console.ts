/**
 * /dev/cons on a character terminal: what a host terminal (Node, in raw mode) and xterm.js in a
 * browser have in common. The host passes what the person types to `input` and shows what
 * `display` is given; this class does the rest: line editing, Ctrl-C and Ctrl-Z for the
 * foreground job, Ctrl-D for end of input.
 *
 * Programs write their prompt to the console and then read. The text after the last newline
 * written is that prompt: when the read starts, the editor takes it over as its own prompt (it
 * is drawn again in place), so editing keys know where the input begins. Output that arrives
 * while a person is typing is put above the line being edited, which is then drawn again.
 * Lines typed while no one reads are kept for the next read, as a terminal's type-ahead is.
 */
import { NineError } from '../kernel/errors.ts'
import type { Console } from '../kernel/fileservers/devfs.ts'
import { LineEditor, type Completer } from './editor.ts'
import { KeyReader } from './keys.ts'

const EMPTY: Uint8Array = new Uint8Array(0)
const encoder = new TextEncoder()

export interface TermConsoleOptions {
  /** Shows text on the terminal. */
  display: (text: string) => void | Promise<void>
  /** The terminal's width in columns. */
  columns: () => number
  /** Sends Ctrl-C to the foreground job (System.interrupt). */
  interrupt: () => void
  /** Sends Ctrl-Z to the foreground job (System.suspend). */
  suspend?: () => void
  complete?: Completer
  /** Saved history, oldest first, and where changes go. */
  history?: readonly string[]
  saveHistory?: (lines: readonly string[]) => void
}

/** A read waiting for a line: null is end of input. */
type Waiter = (line: string | null) => void

export class TermConsole implements Console {
  readonly interactive = true
  foreground = 0
  private readonly editor: LineEditor
  private readonly keys = new KeyReader()
  private readonly decoder = new TextDecoder()
  private waiters: Waiter[] = []
  /** Lines typed while no one was reading, oldest first. */
  private typed: string[] = []
  /** Ctrl-D typed while no one was reading: the next read gets end of input. */
  private eof = false
  /** The rest of a line a reader took only part of. */
  private pending = EMPTY
  /** What was written after the last newline: the prompt, when a read follows. */
  private tail = ''
  private closed = false

  constructor(private readonly options: TermConsoleOptions) {
    this.editor = new LineEditor(
      {
        write: (text) => {
          try {
            void options.display(text)
          } catch {
            // the terminal has gone: the echo of a key is lost with it
          }
        },
        columns: options.columns,
        interrupt: () => this.interrupted(),
        suspend: () => this.suspended(),
        line: (text) => this.lineTyped(text),
        endOfInput: () => this.endOfInput(),
        ...(options.complete ? { complete: options.complete } : {}),
        ...(options.saveHistory ? { historyChanged: options.saveHistory } : {}),
      },
      options.history,
    )
  }

  /** What the person typed, as the terminal sends it. */
  input(data: string): void {
    if (this.closed) return
    if (!this.editor.active) this.editor.begin(this.takeTail())
    this.editor.feed(this.keys.keys(data))
  }

  async read(count: number, signal?: AbortSignal): Promise<Uint8Array> {
    if (this.pending.length === 0) {
      const line = await this.nextLine(signal)
      if (line === null) return EMPTY
      this.pending = encoder.encode(line + '\n')
    }
    const out = this.pending.subarray(0, count)
    this.pending = this.pending.subarray(out.length)
    return out
  }

  write(data: Uint8Array): void | Promise<void> {
    const text = this.decoder.decode(data, { stream: true })
    if (text === '') return
    // a terminal moves to the next row on LF only with CR: programs write LF
    const shown = text.replace(/\r?\n/g, '\r\n')
    const nl = text.lastIndexOf('\n')
    this.tail = nl < 0 ? this.tail + text : text.slice(nl + 1)
    if (!this.editor.active) return this.options.display(shown)
    // Someone is typing: the output goes where their line was, which is drawn again below it.
    // Output ending in a partial line is a prompt when no one is reading yet (the person typed
    // ahead): it becomes the line's prompt. Otherwise the line keeps its prompt, on a row of its own.
    this.editor.hide()
    const partial = !text.endsWith('\n')
    const done = this.options.display(partial && this.waiters.length > 0 ? shown + '\r\n' : shown)
    if (partial && this.waiters.length === 0) this.editor.show(this.takeTail())
    else {
      this.tail = ''
      this.editor.show(this.editor.promptText)
    }
    return done
  }

  /** Reads end; what is typed from now on is ignored. */
  close(): void {
    this.closed = true
    for (const waiter of this.waiters.splice(0)) waiter(null)
  }

  private takeTail(): string {
    const tail = this.tail
    this.tail = ''
    return tail
  }

  private nextLine(signal: AbortSignal | undefined): Promise<string | null> {
    const typed = this.typed.shift()
    if (typed !== undefined) return Promise.resolve(typed)
    if (this.eof || this.closed) {
      this.eof = false
      return Promise.resolve(null)
    }
    if (signal?.aborted) return Promise.reject(new NineError('EEXITED'))
    if (this.waiters.length === 0 && !this.editor.active) this.editor.begin(this.takeTail())
    return new Promise((resolve, reject) => {
      const waiter: Waiter = (line) => {
        signal?.removeEventListener('abort', onAbort)
        resolve(line)
      }
      // The reader ended (killed, interrupted): its line is no longer asked for.
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((w) => w !== waiter)
        reject(new NineError('EEXITED'))
      }
      this.waiters.push(waiter)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  private lineTyped(line: string): void {
    const waiter = this.waiters.shift()
    if (waiter === undefined) this.typed.push(line)
    else waiter(line)
  }

  /**
   * Ctrl-C: the foreground job gets SIGINT, type-ahead is dropped, and the line being edited is
   * abandoned. Whoever still reads goes on waiting on a fresh row; a shell at its prompt takes
   * the signal and writes its prompt again (PS1: a command begun at PS2 is dropped).
   */
  private interrupted(): void {
    this.dropInput()
    this.options.interrupt()
  }

  /** Ctrl-Z: as Ctrl-C, but the foreground job gets SIGTSTP and stops. */
  private suspended(): void {
    this.dropInput()
    this.options.suspend?.()
  }

  private dropInput(): void {
    this.typed = []
    this.pending = EMPTY
    this.tail = ''
  }

  /** Ctrl-D at an empty line: end of input for one reader, or the next. */
  private endOfInput(): void {
    const waiter = this.waiters.shift()
    if (waiter === undefined) this.eof = true
    else waiter(null)
  }
}
