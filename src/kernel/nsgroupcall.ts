/**
 * The nsgroup system call (Context.nsgroup): names a process's namespace so that others may share
 * it, and shares, leaves, allows or removes one. Loaded by the first call.
 */
import { NineError } from './errors.ts'
import type { Kernel } from './kernel.ts'
import { SUPERUSER } from './perm.ts'
import type { Process } from './process.ts'
import type { NsGroupInfo, NsGroupOp } from './types.ts'

export function nsgroupCall(kernel: Kernel, p: Process, op: NsGroupOp, name: string | undefined, user: string | undefined): NsGroupInfo[] {
  const groups = kernel.nsgroups
  const need = (v: string | undefined, what: string): string => {
    if (v === undefined || v === '') throw new NineError('EINVAL', 'nsgroup', `${op} needs a ${what}`)
    return v
  }
  switch (op) {
    case 'create':
      // A group can be joined and changed by others: a frozen namespace must not become one.
      if (p.noMount) throw new NineError('ENOMOUNT', need(name, 'name'))
      // Naming a namespace another user's process shares would let its members change that process's view.
      if (p.cred.uid !== SUPERUSER && kernel.sharedWithOthers(p)) throw new NineError('EPERM', need(name, 'name'))
      groups.create(need(name, 'name'), p.ns, p.cred)
      break
    case 'join':
      // Joining swaps the namespace wholesale: a frozen process may not.
      if (p.noMount) throw new NineError('ENOMOUNT', need(name, 'name'))
      p.ns = groups.join(need(name, 'name'), p.cred)
      break
    case 'leave':
      p.ns = p.ns.copy()
      break
    case 'allow':
      groups.allow(need(name, 'name'), kernel.users.require(need(user, 'user')).name, p.cred)
      break
    case 'remove':
      groups.remove(need(name, 'name'), p.cred)
      break
    case 'list':
      break
    default:
      throw new NineError('EINVAL', 'nsgroup', `unknown operation ${String(op)}`)
  }
  return groups.list()
}
