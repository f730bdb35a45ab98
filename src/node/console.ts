/**
 * The console on a host terminal, through Node's readline: line editing, history and tab
 * completion while a program reads /dev/cons, Ctrl-C for the foreground job, Ctrl-D for end of
 * input.
 *
 * Programs write their prompt to the console and then read. The text after the last newline
 * written is that prompt: when the read starts, readline takes it over as its own prompt (it is
 * redrawn in place), so editing keys know where the input begins. Output that arrives while a
 * person is typing is put above the line being edited, which is then redrawn.
 *
 * readline stays open while commands run, so Ctrl-C reaches us (the terminal is in raw mode);
 * a line typed meanwhile is kept for the next read, as a terminal's type-ahead is.
 */
import { createInterface, type Interface } from 'node:readline'
import type { ReadStream, WriteStream } from 'node:tty'
import { NineError } from '../kernel/errors.ts'
import type { Console } from '../kernel/fileservers/devfs.ts'
import { HISTORY_SIZE, type HistoryFile } from './history.ts'
import { HostOutput } from './output.ts'

const EMPTY: Uint8Array = new Uint8Array(0)
const encoder = new TextEncoder()
/** Carriage return, then erase the line: the start of a redraw. */
const CLEAR_LINE = '\r\x1b[K'

/** Completions for the text before the cursor, and the part of it they replace (readline's shape). */
export type Completer = (line: string) => Promise<[string[], string]>

export interface TerminalOptions {
  input: ReadStream
  output: WriteStream
  /** Sends Ctrl-C to the foreground job (System.interrupt). */
  interrupt: () => void
  history?: HistoryFile
  complete?: Completer
}

/** A read waiting for a line: null is end of input. */
type Waiter = (line: string | null) => void

export class TerminalConsole implements Console {
  readonly interactive = true
  foreground = 0
  private readonly out: HostOutput
  private readonly decoder = new TextDecoder()
  private rl: Interface | undefined
  private history: string[]
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

  constructor(private readonly options: TerminalOptions) {
    this.out = new HostOutput(options.output)
    this.history = options.history?.load() ?? []
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
    const rl = this.rl
    if (rl === undefined || this.waiters.length === 0) {
      const nl = text.lastIndexOf('\n')
      this.tail = nl < 0 ? this.tail + text : text.slice(nl + 1)
      return this.out.write(text)
    }
    // Someone is typing: the output goes above their line, which is then drawn again below it.
    this.out.write(CLEAR_LINE + (text.endsWith('\n') ? text : text + '\n'))
    rl.prompt(true)
  }

  /** Gives the terminal back as it was (cooked mode); reads end. */
  close(): void {
    this.closed = true
    this.rl?.close()
  }

  private nextLine(signal: AbortSignal | undefined): Promise<string | null> {
    const typed = this.typed.shift()
    if (typed !== undefined) return Promise.resolve(typed)
    if (this.eof || this.closed) {
      this.eof = false
      return Promise.resolve(null)
    }
    if (signal?.aborted) return Promise.reject(new NineError('EEXITED'))
    const rl = this.rl ?? this.open()
    if (this.waiters.length === 0) this.prompt(rl)
    return new Promise((resolve, reject) => {
      const waiter: Waiter = (line) => {
        signal?.removeEventListener('abort', onAbort)
        resolve(line)
      }
      // The reader ended (killed, interrupted): its prompt is no longer asked for.
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((w) => w !== waiter)
        if (this.waiters.length === 0) this.rl?.setPrompt('')
        reject(new NineError('EEXITED'))
      }
      this.waiters.push(waiter)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** readline redraws the prompt already on the screen as its own, with any type-ahead after it. */
  private prompt(rl: Interface): void {
    if (this.tail !== '') this.out.write(CLEAR_LINE)
    rl.setPrompt(this.tail)
    this.tail = ''
    rl.prompt(true)
  }

  private open(): Interface {
    const { input, output, complete, history } = this.options
    const rl = createInterface({
      input,
      output,
      terminal: true,
      history: [...this.history],
      historySize: HISTORY_SIZE,
      removeHistoryDuplicates: true,
      ...(complete
        ? {
            completer: (line: string, callback: (err: null, result: [string[], string]) => void) => {
              complete(line).then(
                (result) => callback(null, result),
                () => callback(null, [[], line]),
              )
            },
          }
        : {}),
    })
    rl.setPrompt('')
    rl.on('line', (line) => this.lineTyped(line))
    rl.on('history', (lines: string[]) => {
      this.history = lines
      history?.save(lines)
    })
    rl.on('SIGINT', () => this.interrupted(rl))
    rl.on('close', () => this.endOfInput(rl))
    this.rl = rl
    return rl
  }

  private lineTyped(line: string): void {
    const waiter = this.waiters.shift()
    if (waiter === undefined) this.typed.push(line)
    else waiter(line)
    if (this.waiters.length === 0) this.rl?.setPrompt('')
  }

  /**
   * Ctrl-C: the foreground job gets SIGINT, type-ahead is dropped, and the line being edited is
   * abandoned: whoever still reads (the shell at its prompt) gets a fresh prompt.
   */
  private interrupted(rl: Interface): void {
    this.typed = []
    this.pending = EMPTY
    this.options.interrupt()
    this.out.write('^C\r\n')
    this.tail = ''
    // Ctrl-E, Ctrl-U: to the end of the line, then delete it all; readline redraws the prompt.
    rl.write(null, { ctrl: true, name: 'e' })
    rl.write(null, { ctrl: true, name: 'u' })
  }

  /**
   * readline closes on Ctrl-D at an empty line: that is end of input for one reader (or the
   * next), and a new readline takes over at once, so the terminal never drops back to its own
   * line mode. When the terminal itself has gone, or on close(), every read ends.
   */
  private endOfInput(rl: Interface): void {
    if (this.rl === rl) this.rl = undefined
    const input = this.options.input
    if (this.closed || input.readableEnded || input.destroyed) {
      this.closed = true
      for (const waiter of this.waiters.splice(0)) waiter(null)
      return
    }
    const waiter = this.waiters.shift()
    if (waiter === undefined) this.eof = true
    else {
      // what comes next (the host's prompt, if the shell exits) starts on a line of its own
      if (rl.getPrompt() !== '') this.out.write('\n')
      waiter(null)
    }
    const next = this.open()
    if (this.waiters.length > 0) this.prompt(next)
  }
}
