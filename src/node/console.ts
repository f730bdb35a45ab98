/**
 * The console on a host terminal: the terminal in raw mode, its keys passed to the line editor
 * ninefold shares with the web terminal (src/term/), what programs write shown on it. Raw mode
 * stays on while commands run, so Ctrl-C reaches us as a key; the terminal is given back in its
 * own mode on close.
 */
import type { ReadStream, WriteStream } from 'node:tty'
import type { Console } from '../kernel/fileservers/devfs.ts'
import { TermConsole } from '../term/console.ts'
import type { Completer } from '../term/editor.ts'
import type { HistoryFile } from './history.ts'
import { HostOutput } from './output.ts'

export interface TerminalOptions {
  input: ReadStream
  output: WriteStream
  /** Sends Ctrl-C to the foreground job (System.interrupt). */
  interrupt: () => void
  /** Sends Ctrl-Z to the foreground job (System.suspend). */
  suspend?: () => void
  history?: HistoryFile
  complete?: Completer
}

export class TerminalConsole implements Console {
  readonly interactive = true
  private readonly term: TermConsole
  private readonly onData = (text: string): void => this.term.input(text)
  private readonly onEnd = (): void => this.term.close()

  constructor(private readonly options: TerminalOptions) {
    const out = new HostOutput(options.output)
    const { history } = options
    this.term = new TermConsole({
      display: (text) => out.write(text),
      columns: () => options.output.columns || 80,
      interrupt: options.interrupt,
      ...(options.suspend ? { suspend: options.suspend } : {}),
      ...(options.complete ? { complete: options.complete } : {}),
      ...(history ? { history: history.load(), saveHistory: (lines: readonly string[]) => history.save(lines) } : {}),
    })
    options.input.setRawMode(true)
    options.input.setEncoding('utf8')
    options.input.on('data', this.onData)
    options.input.on('end', this.onEnd)
    options.input.resume()
  }

  get foreground(): number {
    return this.term.foreground
  }

  set foreground(pgid: number) {
    this.term.foreground = pgid
  }

  read(count: number, signal?: AbortSignal): Promise<Uint8Array> {
    return this.term.read(count, signal)
  }

  write(data: Uint8Array): void | Promise<void> {
    return this.term.write(data)
  }

  /** Gives the terminal back as it was (its own line mode); reads end. */
  close(): void {
    const { input } = this.options
    input.off('data', this.onData)
    input.off('end', this.onEnd)
    if (input.isTTY) input.setRawMode(false)
    input.pause()
    this.term.close()
  }
}
