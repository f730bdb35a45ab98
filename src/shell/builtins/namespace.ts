/**
 * bind, mount, umount, rfork and nsgroup as builtins: they must change the shell's own process
 * (its namespace, environment, descriptors), and a shell in a clean namespace has no /bin to run
 * them from. Each runs the command's own function in the shell's process, through a view of the
 * ProcContext that follows the shell's descriptor map and exported variables.
 */
import { bind } from '../../bins/system/bind.ts'
import { mount } from '../../bins/system/mount.ts'
import { nsgroup } from '../../bins/system/nsgroup.ts'
import { rfork } from '../../bins/system/rfork.ts'
import { umount } from '../../bins/system/umount.ts'
import type { BinFunction, ProcContext, SpawnOptions, Stream } from '../../kernel/types.ts'
import type { Shell } from '../interp.ts'
import { fdRecord } from '../redirect.ts'
import type { Builtin } from './builtin.ts'

function inShell(sh: Shell, argv: readonly string[]): ProcContext {
  const proc = sh.proc
  const real = (fd: number): number => {
    const r = sh.io.get(fd)
    if (r === undefined) throw new Error(`${fd}: bad file descriptor`)
    return r
  }
  const stream = (fd: number): Stream => ({
    fd,
    write: async (data) => {
      await proc.write(real(fd), data)
    },
    read: (count) => proc.read(real(fd), count),
  })
  return Object.create(proc, {
    argv: { value: argv },
    env: { value: sh.state.env() },
    stdin: { value: stream(0) },
    stdout: { value: stream(1) },
    stderr: { value: stream(2) },
    read: { value: (fd: number, count?: number) => proc.read(real(fd), count) },
    write: { value: (fd: number, data: Uint8Array | string) => proc.write(real(fd), data) },
    spawn: { value: (args: readonly string[], options: SpawnOptions = {}) => proc.spawn(args, { fds: fdRecord(sh.io), env: sh.state.env(), cwd: proc.cwd, ...options }) },
  }) as ProcContext
}

function asBuiltin(fn: BinFunction): Builtin {
  return { run: (sh, argv) => fn(inShell(sh, argv)) }
}

export const namespaceBuiltins: [string, Builtin][] = [
  ['bind', asBuiltin(bind)],
  ['mount', asBuiltin(mount)],
  ['umount', asBuiltin(umount)],
  ['rfork', asBuiltin(rfork)],
  ['nsgroup', asBuiltin(nsgroup)],
]
