/**
 * A command's own function run as a builtin sees the shell's process through this view: its argv
 * is the builtin's, its descriptors go through the shell's descriptor map, its environment and
 * the children it spawns get the shell's exported variables.
 */
import { fdStream } from '../../kernel/context.ts'
import { NineError } from '../../kernel/errors.ts'
import type { Fds } from '../redirect.ts'
import type { ProcContext, SpawnOptions, Stream } from '../../kernel/types.ts'
import type { ShellHost } from './builtin.ts'
import { fdRecord } from '../redirect.ts'

/** Where a view's standard output goes instead of descriptor 1 (printf -v). */
export type Capture = (data: Uint8Array | string) => void

/**
 * The view is a Proxy of the process's context, answering the names it changes itself: an object
 * made with the context as its prototype would turn that context into a prototype, which costs V8
 * a map of its own for every process (every run's shell) and the shell's property accesses with it.
 */
export function shellView(sh: ShellHost, argv: readonly string[], capture?: Capture): ProcContext {
  return new Proxy(sh.proc, new View(sh, argv, capture))
}

type Read = ProcContext['read']
type Write = ProcContext['write']
type WriteNow = ProcContext['writeNow']

class View implements ProxyHandler<ProcContext> {
  private readonly proc: ProcContext
  /** The descriptor map of the command's moment (its redirections applied). */
  private readonly io: Fds
  private environment: Record<string, string> | undefined
  private streams: Stream[] | undefined
  private readFn: Read | undefined
  private writeFn: Write | undefined
  private writeNowFn: WriteNow | undefined

  constructor(
    private readonly sh: ShellHost,
    private readonly argv: readonly string[],
    private readonly capture: Capture | undefined,
  ) {
    this.proc = sh.proc
    this.io = sh.io
  }

  get(proc: ProcContext, key: string | symbol, receiver: unknown): unknown {
    switch (key) {
      case 'argv':
        return this.argv
      case 'env':
        return (this.environment ??= this.sh.state.env())
      case 'stdin':
        return this.stream(0)
      case 'stdout':
        return this.stream(1)
      case 'stderr':
        return this.stream(2)
      case 'read':
        // bound, not arrows: V8 keeps a closure held in a named field alive through young collections
        return (this.readFn ??= this.read.bind(this))
      case 'write':
        return (this.writeFn ??= this.write.bind(this))
      case 'writeNow':
        return (this.writeNowFn ??= this.writeNow.bind(this))
      case 'isatty':
        return (fd: number) => this.io.has(fd) && this.proc.isatty(this.real(fd))
      case 'isOpen':
        return (fd: number) => this.io.has(fd) && this.proc.isOpen(this.real(fd))
      case 'spawn':
        return (args: readonly string[], options: SpawnOptions = {}) => this.proc.spawn(args, { fds: fdRecord(this.io), env: this.sh.state.env(), cwd: this.proc.cwd, ...options })
      default:
        return Reflect.get(proc, key, receiver)
    }
  }

  private real(fd: number): number {
    const r = this.io.get(fd)
    if (r === undefined) throw new NineError('EBADF')
    return r
  }

  read(fd: number, count?: number, into?: Uint8Array): Promise<Uint8Array> {
    return this.proc.read(this.real(fd), count, into)
  }

  // Not async: a write the context answers at once goes through no promise frame of the view's.
  write(fd: number, data: Uint8Array | string): Promise<number> {
    try {
      if (this.capture !== undefined && fd === 1) {
        this.capture(data)
        return Promise.resolve(data.length)
      }
      return this.proc.write(this.real(fd), data)
    } catch (e) {
      return Promise.reject(e)
    }
  }

  writeNow(fd: number, data: Uint8Array | string): number | undefined {
    if (this.capture !== undefined && fd === 1) {
      this.capture(data)
      return data.length
    }
    const real = this.io.get(fd)
    // a descriptor the command's map lacks: write gives the reason
    return real === undefined ? undefined : this.proc.writeNow(real, data)
  }

  private stream(fd: number): Stream {
    this.streams ??= []
    return (this.streams[fd] ??= fdStream(fd, this))
  }
}
