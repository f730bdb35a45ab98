/**
 * One error class for the whole system. `reason` is Plan 9's error string, so messages read as Plan 9's do;
 * `code` is a stable identifier programs can switch on. Commands print `cmd: path: reason`.
 */
export const Reasons = {
  ENOENT: 'file does not exist',
  EEXIST: 'file already exists',
  EPERM: 'permission denied',
  ENOTDIR: 'not a directory',
  EISDIR: 'file is a directory',
  EINCONS: 'inconsistent mount',
  ENOTMOUNTED: 'not mounted',
  ENOTUNION: 'not in union',
  EISMOUNT: 'is a mount point',
  ENOCREATE: 'mounted directory forbids creation',
  ENOMOUNT: 'mount/attach disallowed',
  EINVAL: 'bad arg in system call',
  EHUNGUP: 'i/o on hungup channel',
  ESHUTDOWN: 'device shut down',
  EEXITED: 'process exited',
  ESYNTAX: 'file name syntax',
  ENAMETOOLONG: 'name too long',
  EBADCHAR: 'bad character in file name',
  ENOTEMPTY: 'directory not empty',
  EBADF: 'fd out of range or not open',
  EBADUSE: 'inappropriate use of fd',
  ESRCH: 'process not found',
  ECHILD: 'no living children',
  EPIPE: 'write on closed pipe',
  EINTR: 'interrupted',
  ENOEXEC: 'exec header invalid',
  ENOTIMPL: 'not implemented',
  EXDEV: 'cross-device link',
  EIO: 'i/o error',
  ENOUSER: 'unknown user or group',
  // resource limits (limits.ts): Plan 9's Enofd and Enoproc, then ninefold's own
  ENOFD: 'no free file descriptors',
  ENOPROC: 'no free processes',
  EQUOTA: 'quota exceeded',
  ELIMIT: 'limit exceeded',
} as const

export type ErrorCode = keyof typeof Reasons

/** V8's (and other engines') limit on captured stack frames, where the engine has one. */
const ErrorWithLimit = Error as { stackTraceLimit?: number }

export class NineError extends Error {
  readonly code: ErrorCode
  readonly reason: string
  /** The path the failing operation was about, when there is one. */
  readonly path: string | undefined

  constructor(code: ErrorCode, path?: string, detail?: string) {
    const reason = detail ? `${Reasons[code]}: ${detail}` : Reasons[code]
    // A NineError is an answer like errno, not a bug: it carries no stack. Capturing one (through
    // the async chain of every caller) was a fifth of the CPU time of a boot, which probes paths.
    const limit = ErrorWithLimit.stackTraceLimit
    if (limit !== undefined) ErrorWithLimit.stackTraceLimit = 0
    super(path === undefined ? reason : `${path}: ${reason}`)
    if (limit !== undefined) ErrorWithLimit.stackTraceLimit = limit
    this.name = 'NineError'
    this.code = code
    this.reason = reason
    this.path = path
  }

  /** The same error, now naming `path` (used when a fileserver-internal path becomes a user's path). */
  withPath(path: string): NineError {
    return new NineError(this.code, path, this.reason === Reasons[this.code] ? undefined : this.reason.slice(Reasons[this.code].length + 2))
  }
}

export function isNineError(e: unknown, code?: ErrorCode): e is NineError {
  return e instanceof NineError && (code === undefined || e.code === code)
}

/** The reason part of any thrown value, for `cmd: path: reason` messages. */
export function reasonOf(e: unknown): string {
  if (e instanceof NineError) return e.reason
  if (e instanceof Error) return e.message
  return String(e)
}

/** The value of `p`, or undefined where it fails with `file does not exist` (a walk's probe: absence is no error). */
export async function unlessAbsent<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p
  } catch (e) {
    if (e instanceof NineError && e.code === 'ENOENT') return undefined
    throw e
  }
}
