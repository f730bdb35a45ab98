/**
 * Resource limits: what one process, one user or one run may take, so that no tenant can take
 * the host down (a fork bomb, a memory bomb, unbounded recursion). A process's limits are
 * inherited by its children and can only be lowered (the shell's `ulimit`, a run's options).
 */
import { NineError } from './errors.ts'

export interface Limits {
  /** Live processes one user may have; a run (a sandbox) is held to it too. */
  processes: number
  /** Descriptors one process may hold open. */
  fds: number
  /** Bytes of argv one command may be given. */
  argvBytes: number
  /** How deep shell functions, `eval`, `.` and command substitutions may nest. */
  depth: number
  /** The longest string a shell may build (a variable, a command substitution's output), in UTF-16 units. */
  stringLength: number
  /** Bytes of output a run collects from each of standard output and error. */
  outputBytes: number
  /** Bytes one user may keep in the in-memory filesystems. */
  storeBytes: number
  /**
   * Bytes of data the processes of one run (or login) hold at once while they work, and one
   * process of them: lines sort and tac keep, awk's arrays, an input read whole (ProcContext.hold).
   */
  memoryBytes: number
  /** Mount-table entries one namespace may hold. */
  mounts: number
  /** Servers one user may post in /srv. */
  srvPosts: number
}

export type LimitName = keyof Limits

const MIB = 1 << 20

/** For scripts nobody has vetted: generous for real work, far below what would hurt the host. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  processes: 512,
  fds: 1024,
  argvBytes: 2 * MIB,
  depth: 1000,
  stringLength: 64 * MIB,
  outputBytes: 64 * MIB,
  storeBytes: 256 * MIB,
  memoryBytes: 256 * MIB,
  mounts: 1024,
  srvPosts: 64,
})

/** The system's own processes (init, services): nothing is held to a limit. */
export const NO_LIMITS: Readonly<Limits> = Object.freeze({
  processes: Infinity,
  fds: Infinity,
  argvBytes: Infinity,
  depth: Infinity,
  stringLength: Infinity,
  outputBytes: Infinity,
  storeBytes: Infinity,
  memoryBytes: Infinity,
  mounts: Infinity,
  srvPosts: Infinity,
})

export function isLimitName(name: string): name is LimitName {
  return Object.hasOwn(DEFAULT_LIMITS, name)
}

/**
 * `base` lowered by `changes`: a limit can only go down (raising one is refused, as for an
 * unprivileged `ulimit`), and each must be a whole number of at least zero.
 */
export function lowered(base: Readonly<Limits>, changes: Partial<Limits> | undefined): Readonly<Limits> {
  if (changes === undefined) return base
  const out: Limits = { ...base }
  for (const [name, value] of Object.entries(changes)) {
    if (!isLimitName(name)) throw new NineError('EINVAL', 'limits', `unknown limit ${name}`)
    if (value === undefined) continue
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (value !== Infinity && !Number.isSafeInteger(value))) throw new NineError('EINVAL', 'limits', `${name}: bad value`)
    if (value > base[name]) throw new NineError('EPERM', 'limits', `${name} cannot be raised`)
    out[name] = value
  }
  return Object.freeze(out)
}
