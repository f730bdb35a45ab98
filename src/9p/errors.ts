/**
 * Errors on the wire. 9P2000 carries Plan 9's reason strings (Rerror), so a NineError crosses
 * unchanged; 9P2000.L carries Linux errno numbers (Rlerror), mapped both ways here.
 */
import { NineError, Reasons, type ErrorCode } from '../kernel/errors.ts'

/** Linux errno values 9P2000.L uses. */
export const Errno = {
  EPERM: 1,
  ENOENT: 2,
  EINTR: 4,
  EIO: 5,
  EBADF: 9,
  EACCES: 13,
  EEXIST: 17,
  EXDEV: 18,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  EMFILE: 24,
  EPIPE: 32,
  ENAMETOOLONG: 36,
  ENOLCK: 37,
  ENOSYS: 38,
  ENOTEMPTY: 39,
  ENODATA: 61,
  EPROTO: 71,
  EOPNOTSUPP: 95,
  ESHUTDOWN: 108,
  ECONNRESET: 104,
} as const

const TO_ERRNO: Partial<Record<ErrorCode, number>> = {
  ENOENT: Errno.ENOENT,
  EEXIST: Errno.EEXIST,
  EPERM: Errno.EACCES,
  ENOTDIR: Errno.ENOTDIR,
  EISDIR: Errno.EISDIR,
  EINVAL: Errno.EINVAL,
  ENOTEMPTY: Errno.ENOTEMPTY,
  ENAMETOOLONG: Errno.ENAMETOOLONG,
  EBADCHAR: Errno.EINVAL,
  ESYNTAX: Errno.EINVAL,
  EBADF: Errno.EBADF,
  EBADUSE: Errno.EBADF,
  EINTR: Errno.EINTR,
  EPIPE: Errno.EPIPE,
  ENOTIMPL: Errno.EOPNOTSUPP,
  ESHUTDOWN: Errno.ESHUTDOWN,
  EHUNGUP: Errno.ECONNRESET,
  ENOCREATE: Errno.EACCES,
  ENOMOUNT: Errno.EACCES,
  ENOUSER: Errno.EINVAL,
}

const FROM_ERRNO = new Map<number, ErrorCode>([
  [Errno.EPERM, 'EPERM'],
  [Errno.EACCES, 'EPERM'],
  [Errno.ENOENT, 'ENOENT'],
  [Errno.EEXIST, 'EEXIST'],
  [Errno.ENOTDIR, 'ENOTDIR'],
  [Errno.EISDIR, 'EISDIR'],
  [Errno.EINVAL, 'EINVAL'],
  [Errno.ENOTEMPTY, 'ENOTEMPTY'],
  [Errno.ENAMETOOLONG, 'ENAMETOOLONG'],
  [Errno.EBADF, 'EBADF'],
  [Errno.EINTR, 'EINTR'],
  [Errno.EPIPE, 'EPIPE'],
  [Errno.EOPNOTSUPP, 'ENOTIMPL'],
  [Errno.ENOSYS, 'ENOTIMPL'],
  [Errno.ESHUTDOWN, 'ESHUTDOWN'],
  [Errno.ECONNRESET, 'EHUNGUP'],
  [Errno.EIO, 'EIO'],
])

/** The errno a failure answers with in Rlerror. */
export function errnoOf(e: unknown): number {
  if (e instanceof WireError) return e.errno
  if (e instanceof NineError) return TO_ERRNO[e.code] ?? Errno.EIO
  return Errno.EIO
}

/** The reason string a failure answers with in Rerror. */
export function enameOf(e: unknown): string {
  if (e instanceof WireError) return e.ename
  if (e instanceof NineError) return e.reason
  return Reasons.EIO
}

const BY_REASON = new Map<string, ErrorCode>(Object.entries(Reasons).map(([code, reason]) => [reason, code as ErrorCode]))

/** An Rerror's string as a NineError: Plan 9's reasons keep their code, others are i/o errors saying what the peer said. */
export function fromEname(ename: string, path?: string): NineError {
  const exact = BY_REASON.get(ename)
  if (exact !== undefined) return new NineError(exact, path)
  for (const [reason, code] of BY_REASON) if (ename.startsWith(reason + ': ')) return new NineError(code, path, ename.slice(reason.length + 2))
  return new NineError('EIO', path, ename)
}

/** An Rlerror's errno as a NineError. */
export function fromErrno(ecode: number, path?: string): NineError {
  const code = FROM_ERRNO.get(ecode)
  return code === undefined ? new NineError('EIO', path, `errno ${ecode}`) : new NineError(code, path)
}

/** A protocol-level refusal (unknown fid, fid in use…): lib9p's strings, and the errno Linux expects. */
export class WireError extends Error {
  constructor(
    readonly ename: string,
    readonly errno: number,
  ) {
    super(ename)
  }
}
