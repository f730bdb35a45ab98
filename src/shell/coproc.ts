/**
 * bash's `coproc [NAME] command`: the command runs as a background job whose standard input is
 * a pipe the shell writes and whose standard output is a pipe the shell reads. NAME (COPROC)
 * becomes the array (read end, write end) of the shell's descriptors for them, as bash's 63 and
 * 60 (lower where those are taken), and NAME_PID the job's process. Loaded the first time a
 * script starts one.
 */
import type { ChildProcess } from '../kernel/types.ts'
import type { Command, Coproc } from './ast.ts'
import type { ShellHost } from './builtins/builtin.ts'
import type { Processes } from './processes.ts'

/**
 * `body` as a job in its own process group reading a pipe and writing another; the shell's ends
 * (open in its process, in no descriptor map yet) and the job's process, which $! names.
 */
async function start(sh: ShellHost & { readonly processes: Processes }, body: Command): Promise<{ read: number; write: number; pid: number }> {
  const proc = sh.proc
  const [input, write] = proc.pipe()
  const [read, output] = proc.pipe()
  const fds = new Map(sh.io)
  fds.set(0, input)
  fds.set(1, output)
  let child: ChildProcess
  try {
    child = await sh.processes.startElement(body, fds, 'new')
  } catch (e) {
    for (const fd of [read, write]) await proc.close(fd).catch(() => {})
    throw e
  } finally {
    for (const fd of [input, output]) await proc.close(fd).catch(() => {})
  }
  ;(await sh.processes.jobTable()).add([child], child.pid, sh.processes.jobText)
  sh.state.lastBackground = child.pid
  return { read, write, pid: child.pid }
}

/** The highest descriptor from `top` down that the shell has not opened. */
function freeBelow(sh: ShellHost, top: number): number {
  let fd = top
  while (sh.io.has(fd)) fd--
  return fd
}

/** Moves the process's descriptor `real` to the highest free one from `top` down, the shell's own number for it (as exec's). */
async function place(sh: ShellHost, real: number, top: number): Promise<number> {
  const fd = freeBelow(sh, top)
  await sh.proc.dup(real, fd)
  await sh.proc.close(real)
  sh.io.set(fd, fd)
  return fd
}

export async function coproc(sh: ShellHost & { readonly processes: Processes }, cmd: Coproc): Promise<number> {
  if (!sh.state.bash) {
    // dash has no coproc: the word is a command it cannot find
    await sh.error('coproc: not found')
    return 127
  }
  const { read, write, pid } = await start(sh, cmd.body)
  const readFd = await place(sh, read, 63)
  const writeFd = await place(sh, write, 60)
  sh.state.setItems(cmd.name, new Map([['0', String(readFd)], ['1', String(writeFd)]]))
  sh.state.set(`${cmd.name}_PID`, String(pid))
  return 0
}
