/**
 * devfs (`#c`): the console and the classic devices. /dev/cons is the terminal (a Console the
 * host supplies); /dev/consctl takes `fg PGID` from an interactive shell, naming the group
 * Ctrl-C interrupts. Both open only to the session logged in on the console (and the system):
 * a sandbox's /dev, even a clean one, reads no one's typing and takes no one's Ctrl-C; /dev/null, /dev/zero, /dev/random (and Linux's /dev/urandom); /dev/fd/N and /dev/std{in,out,err}
 * reopen the caller's own descriptors.
 */
import { NineError } from '../errors.ts'
import type { TtyHandle } from '../fd.ts'
import type { Caller, Cred, Fileserver, Handle } from '../types.ts'
import { contentHandle, dynamicDir, file, synthetic, type Entries } from './synthetic.ts'

/** The host's terminal. */
export interface Console {
  /** Input bytes as the person types them (a line at a time); empty at end of input. */
  read(count: number, signal?: AbortSignal): Promise<Uint8Array>
  write(data: Uint8Array): void | Promise<void>
  /** Whether a person is typing (the shell prompts only then). */
  readonly interactive: boolean
  /** The process group that Ctrl-C interrupts, as set through /dev/consctl (0: none). */
  foreground: number
}

/** A console with no one at it: reads end at once, writes vanish. */
export function nullConsole(): Console {
  return { read: async () => new Uint8Array(0), write() {}, interactive: false, foreground: 0 }
}

const EMPTY = new Uint8Array(0)
/** /dev/null keeps no state, so every open shares one handle (each background job opens it). */
const NULL_HANDLE: Handle = Object.freeze({ read: async () => EMPTY, write: async (_o: number, d: Uint8Array) => d.length, close() {} })

export function devfs(console: Console, callerOf: (cred: Cred) => Caller): Fileserver {
  const consHandle = (): TtyHandle => ({
    tty: true,
    read: (_o, count, signal) => console.read(count, signal),
    write: async (_o, data) => {
      await console.write(data)
      return data.length
    },
    close() {},
  })
  const mustHold = (cred: Cred, name: string): void => {
    if (!callerOf(cred).holdsConsole()) throw new NineError('EPERM', name)
  }
  const cons = file({
    open: (_mode, cred) => {
      mustHold(cred, 'cons')
      // A console that nobody types at is not a terminal: scripts piped in are not "interactive".
      return console.interactive ? consHandle() : { ...consHandle(), tty: undefined }
    },
  })
  const fdFile = (fd: number) => file({ open: (_mode, cred) => callerOf(cred).dupHandle(fd), mode: 0o666 })
  const random = file({
    mode: 0o444,
    open: () => ({
      read: async (_o, count) => globalThis.crypto.getRandomValues(new Uint8Array(Math.min(count, 65536))),
      write: async () => {
        throw new NineError('EPERM', 'random')
      },
      close() {},
    }),
  })
  const tree: Entries = {
    cons,
    consctl: file({
      open: (_mode, cred) => {
        mustHold(cred, 'consctl')
        return contentHandle(EMPTY, 'consctl', (data) => {
          const text = new TextDecoder().decode(data)
          const m = /^fg (\d+)\s*$/.exec(text)
          if (!m) throw new NineError('EINVAL', 'consctl', `unknown control: ${text.trim()}`)
          // Ctrl-C signals the foreground group: only a group the writer may signal itself.
          callerOf(cred).checkSignalGroup(Number(m[1]))
          console.foreground = Number(m[1])
        })
      },
      mode: 0o222,
    }),
    null: file({ open: () => NULL_HANDLE }),
    zero: file({
      open: () => ({ read: async (_o, count) => new Uint8Array(Math.min(count, 65536)), write: async (_o, d) => d.length, close() {} }),
    }),
    random,
    // Linux's name for the same bytes, which scripts ask for far more often than Plan 9's.
    urandom: random,
    fd: dynamicDir((cred) => {
      const entries: Entries = {}
      for (const fd of callerOf(cred).fds()) entries[String(fd)] = fdFile(fd)
      return entries
    }),
    stdin: fdFile(0),
    stdout: fdFile(1),
    stderr: fdFile(2),
  }
  return synthetic(tree, { kind: 'devfs' })
}
