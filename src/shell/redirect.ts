/**
 * Redirections. The shell keeps a map from its descriptor numbers to the process's real
 * descriptors; a redirection makes a new map for one command (files opened, here-documents fed
 * through pipes) and releases what it opened when the command is done.
 */
import { isNineError, reasonOf } from '../kernel/errors.ts'
import { OAPPEND, OREAD, ORDWR, OTRUNC, OWRITE, type ProcContext } from '../kernel/types.ts'
import type { Redir } from './ast.ts'
import type { Expander } from './expand.ts'
import type { ShellState } from './state.ts'

/** Shell descriptor → process descriptor. */
export type Fds = Map<number, number>

export class RedirError extends Error {
  /** The line of the redirection that failed (applyRedirs sets it). */
  line = 0
}

export interface Applied {
  fds: Fds
  /** The shell descriptors the last redirection set or closed (a `{NAME}` one is chosen as it runs). */
  affected: number[]
  /** Closes what was opened and lets here-document writers finish. */
  release(): Promise<void>
}

/** A process descriptor map as SpawnOptions.fds wants it. */
export function fdRecord(fds: Fds): Record<number, number> {
  const out: Record<number, number> = {}
  for (const [k, v] of fds) out[k] = v
  return out
}

/**
 * set -C refuses to overwrite an existing regular file. Plan 9 has no device file type: the files
 * of /dev (null, cons, …) count as devices.
 */
async function clobberCheck(proc: ProcContext, path: string, state: ShellState): Promise<void> {
  if (proc.abs(path).startsWith('/dev/')) return
  if (await proc.stat(path).then(() => true, () => false)) throw new RedirError(`${path}: ${state.bash ? 'cannot overwrite existing file' : 'file already exists'}`)
}

async function openFor(proc: ProcContext, r: Redir, path: string, state: ShellState): Promise<number> {
  const noclobber = state.options.noclobber
  const orCreate = async (mode: number): Promise<number> => {
    try {
      return await proc.open(path, mode)
    } catch (e) {
      if (!isNineError(e, 'ENOENT')) throw e
      return proc.create(path, 0o666, mode)
    }
  }
  switch (r.op) {
    case '<':
      return proc.open(path, OREAD)
    case '>':
    case '>|':
      if (r.op === '>' && noclobber) await clobberCheck(proc, path, state)
      return orCreate(OWRITE | OTRUNC)
    case '>>':
    case '&>>':
      return orCreate(OWRITE | OAPPEND)
    case '&>':
      if (noclobber) await clobberCheck(proc, path, state)
      return orCreate(OWRITE | OTRUNC)
    default:
      return orCreate(ORDWR)
  }
}

export async function applyRedirs(proc: ProcContext, expander: Expander, redirs: readonly Redir[], base: Fds, state: ShellState): Promise<Applied> {
  const fds = new Map(base)
  const opened: number[] = []
  const writers: Promise<void>[] = []
  const release = async (): Promise<void> => {
    for (const fd of opened) await proc.close(fd).catch(() => {})
    await Promise.all(writers)
  }
  let current: Redir | undefined
  let affected: number[] = []
  try {
    for (const r of redirs) {
      current = r
      const fd = r.fdVar === undefined ? r.fd : namedDescriptor(r, fds, state)
      affected = [fd]
      if (r.heredoc || r.op === '<<<') {
        // a quoted delimiter's body holds only quoted text, so this expands nothing; `<<< word` is a one-line here-document
        const text = r.heredoc ? await expander.word(r.heredoc.body) : (await expander.word(r.target)) + '\n'
        const [rd, wr] = proc.pipe()
        opened.push(rd)
        writers.push(
          (text === '' ? Promise.resolve() : proc.write(wr, text).then(() => {}))
            .catch(() => {})
            .finally(() => proc.close(wr).catch(() => {})),
        )
        fds.set(fd, rd)
        continue
      }
      const target = await expander.word(r.target)
      if (r.op === '<&' || r.op === '>&') {
        if (target === '-') {
          fds.delete(fd)
          continue
        }
        if (/^[0-9]+$/.test(target)) {
          // `3>&3` duplicates a descriptor onto itself: nothing to do, open or not (as dash)
          if (Number(target) === fd) continue
          const real = fds.get(Number(target))
          if (real === undefined) throw new RedirError(`${target}: bad file descriptor`)
          fds.set(fd, real)
          continue
        }
        if (r.op === '<&') throw new RedirError(`${target}: bad file descriptor`)
      }
      let real: number
      try {
        real = await openFor(proc, r, target, state)
      } catch (e) {
        if (e instanceof RedirError) throw e
        throw new RedirError(`${target}: ${reasonOf(e)}`)
      }
      opened.push(real)
      fds.set(fd, real)
      // `>&file` (a csh-ism dash accepts) and bash's `&>file` send both outputs to the file
      if (r.op === '>&' || r.op === '&>' || r.op === '&>>') {
        fds.set(2, real)
        affected = [fd, 2]
      }
    }
  } catch (e) {
    await release()
    if (e instanceof RedirError) e.line = current!.line
    throw e
  }
  return { fds, release, affected }
}

/**
 * The descriptor of a `{NAME}` redirection: for `{NAME}>&-` the one NAME holds, else the lowest
 * free one from 10, which NAME is set to.
 */
function namedDescriptor(r: Redir, fds: Fds, state: ShellState): number {
  const name = r.fdVar!
  // or an array's element, `{COPROC[1]}>&-` (its subscript as written)
  const element = /^(\w+)\[(\w+)\]$/.exec(name)
  if ((r.op === '>&' || r.op === '<&') && r.target.literal === '-') {
    const held = (element ? state.vars.getRaw(element[1]!)?.items?.get(element[2]!) : state.get(name)) ?? ''
    if (!/^[0-9]+$/.test(held)) throw new RedirError(`${name}: ambiguous redirect`)
    return Number(held)
  }
  let fd = FIRST_NAMED_FD
  while (fds.has(fd)) fd++
  if (element) state.setItem(element[1]!, element[2]!, String(fd))
  else state.set(name, String(fd))
  return fd
}

/** bash gives `{NAME}` redirections descriptors from 10 up, clear of the ones scripts number themselves. */
const FIRST_NAMED_FD = 10
