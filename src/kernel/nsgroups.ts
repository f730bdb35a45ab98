/**
 * Namespace groups: a namespace given a name, which processes can join to share one mount
 * table (a bind by one member is seen by all). Only the group's owner (or root) lets others in.
 * init's system namespace is the group `system`.
 */
import { NineError } from './errors.ts'
import type { Namespace } from './namespace.ts'
import { checkName, SUPERUSER } from './perm.ts'
import type { Cred } from './types.ts'

export interface NsGroupInfo {
  name: string
  owner: string
  /** Users the owner has let join. */
  allowed: string[]
}

interface Group {
  ns: Namespace
  owner: string
  allowed: Set<string>
}

export class NsGroups {
  private readonly groups = new Map<string, Group>()

  create(name: string, ns: Namespace, cred: Cred): void {
    checkName(name, name)
    if (this.groups.has(name)) throw new NineError('EEXIST', name)
    if (this.nameOf(ns) !== undefined) throw new NineError('EEXIST', name, `this namespace is already the group ${this.nameOf(ns)}`)
    this.groups.set(name, { ns, owner: cred.uid, allowed: new Set() })
  }

  /** The namespace of `name`, if `cred` may join it. */
  join(name: string, cred: Cred): Namespace {
    const g = this.require(name)
    if (cred.uid !== SUPERUSER && cred.uid !== g.owner && !g.allowed.has(cred.uid)) throw new NineError('EPERM', name)
    return g.ns
  }

  allow(name: string, user: string, cred: Cred): void {
    const g = this.require(name)
    if (cred.uid !== SUPERUSER && cred.uid !== g.owner) throw new NineError('EPERM', name)
    g.allowed.add(user)
  }

  remove(name: string, cred: Cred): void {
    const g = this.require(name)
    if (cred.uid !== SUPERUSER && cred.uid !== g.owner) throw new NineError('EPERM', name)
    this.groups.delete(name)
  }

  nameOf(ns: Namespace): string | undefined {
    for (const [name, g] of this.groups) if (g.ns === ns) return name
    return undefined
  }

  list(): NsGroupInfo[] {
    return [...this.groups].map(([name, g]) => ({ name, owner: g.owner, allowed: [...g.allowed].sort() }))
  }

  private require(name: string): Group {
    const g = this.groups.get(name)
    if (g === undefined) throw new NineError('ENOENT', name)
    return g
  }
}
