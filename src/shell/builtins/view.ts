/**
 * A command's own function run as a builtin sees the shell's process through this view: its argv
 * is the builtin's, its descriptors go through the shell's descriptor map, its environment and
 * the children it spawns get the shell's exported variables.
 */
import { NineError } from '../../kernel/errors.ts'
import type { ProcContext, SpawnOptions, Stream } from '../../kernel/types.ts'
import type { ShellHost } from './builtin.ts'
import { fdRecord } from '../redirect.ts'

/** Where a view's standard output goes instead of descriptor 1 (printf -v). */
export type Capture = (data: Uint8Array | string) => void

export function shellView(sh: ShellHost, argv: readonly string[], capture?: Capture): ProcContext {
  const proc = sh.proc
  const io = sh.io
  const real = (fd: number): number => {
    const r = io.get(fd)
    if (r === undefined) throw new NineError('EBADF')
    return r
  }
  const write = async (fd: number, data: Uint8Array | string): Promise<number> => {
    if (capture !== undefined && fd === 1) {
      capture(data)
      return data.length
    }
    return proc.write(real(fd), data)
  }
  const read = (fd: number, count?: number, into?: Uint8Array): Promise<Uint8Array> => proc.read(real(fd), count, into)
  const stream = (fd: number): Stream => ({
    fd,
    write: async (data) => {
      await write(fd, data)
    },
    read: (count) => read(fd, count),
  })
  return Object.create(proc, {
    argv: { value: argv },
    env: { value: sh.state.env() },
    stdin: { value: stream(0) },
    stdout: { value: stream(1) },
    stderr: { value: stream(2) },
    read: { value: read },
    write: { value: write },
    isatty: { value: (fd: number) => io.has(fd) && proc.isatty(real(fd)) },
    isOpen: { value: (fd: number) => io.has(fd) && proc.isOpen(real(fd)) },
    spawn: { value: (args: readonly string[], options: SpawnOptions = {}) => proc.spawn(args, { fds: fdRecord(io), env: sh.state.env(), cwd: proc.cwd, ...options }) },
  }) as ProcContext
}
