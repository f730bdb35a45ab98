/** Unix-style permission checks shared by fileservers that keep owners and modes. */
import { NineError } from './errors.ts'
import { validName } from './path.ts'
import type { Cred } from './types.ts'

export type Access = 'r' | 'w' | 'x'

const BIT: Record<Access, number> = { r: 4, w: 2, x: 1 }

/** The superuser, allowed everything. */
export const SUPERUSER = 'root'

/** The group whose members administer the system with root: install packages, control services. */
export const SYSGROUP = 'sys'

/**
 * Whether `cred` may change the whole system (packages, services): root, or a member of the
 * group sys outside any sandbox. Anyone else's package or service would reach every user.
 */
export function administers(cred: Cred, sandboxed: boolean): boolean {
  return cred.uid === SUPERUSER || (!sandboxed && cred.groups.includes(SYSGROUP))
}

/** Whether `cred` may access a file with this owner, group and mode. */
export function can(file: { uid: string; gid: string; mode: number }, cred: Cred, need: Access): boolean {
  if (cred.uid === SUPERUSER) return true
  const bit = BIT[need]
  if (cred.uid === file.uid) return ((file.mode >> 6) & bit) !== 0
  if (cred.groups.includes(file.gid)) return ((file.mode >> 3) & bit) !== 0
  return (file.mode & bit) !== 0
}

/** Throws the Plan 9 error for a name a file may not have. */
export function checkName(name: string, path: string): void {
  const v = validName(name)
  if (v !== 'ok') throw new NineError(v, path)
}

/**
 * Whether a process may see another at all (ps, /proc). Everyone sees everyone, except that a
 * sandboxed (isolated) process that is not root sees only its own user's processes.
 */
export function seesProcess(viewer: { cred: Cred; isolated: boolean }, owner: string): boolean {
  return !viewer.isolated || viewer.cred.uid === SUPERUSER || viewer.cred.uid === owner
}
