/**
 * The user database: names, groups and homes. Like Plan 9, users and groups are names; a user's
 * primary group is the group of the same name.
 */
import { NineError } from './errors.ts'
import type { Cred } from './types.ts'

export interface User {
  name: string
  home: string
  /** Groups beyond the user's own. */
  groups: string[]
  /** Login shell argv. */
  shell: string
}

export class UserDb {
  private readonly users = new Map<string, User>()
  /** Each user's credentials as last made (every run makes one): dropped at any change. */
  private readonly creds = new Map<string, Readonly<Cred>>()
  /** Told after every change (a root kept across boots records the users). */
  readonly changed = new Set<() => void>()

  add(user: User): void {
    if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(user.name)) throw new NineError('EBADCHAR', user.name)
    if (this.users.has(user.name)) throw new NineError('EEXIST', user.name)
    this.users.set(user.name, user)
    this.creds.clear()
    for (const told of this.changed) told()
  }

  get(name: string): User | undefined {
    return this.users.get(name)
  }

  list(): User[] {
    return [...this.users.values()]
  }

  /** Adds `user` to `group` (a group is named after a user, Plan 9 style). */
  join(user: string, group: string): void {
    const u = this.require(user)
    this.require(group)
    if (!u.groups.includes(group)) u.groups.push(group)
    this.creds.clear()
    for (const told of this.changed) told()
  }

  require(name: string): User {
    const u = this.users.get(name)
    if (u === undefined) throw new NineError('ENOUSER', name)
    return u
  }

  cred(name: string): Cred {
    const u = this.require(name)
    return { uid: u.name, gid: u.name, groups: [u.name, ...u.groups] }
  }

  /** A user's credentials to copy from (a process copies its own): one frozen object until the database changes. */
  sharedCred(name: string): Readonly<Cred> {
    let cred = this.creds.get(name)
    if (cred === undefined) {
      cred = Object.freeze(this.cred(name))
      this.creds.set(name, cred)
    }
    return cred
  }

  /** The database as /etc/users text: `name:home:shell:group,group` a line. */
  format(): string {
    return this.list()
      .map((u) => `${u.name}:${u.home}:${u.shell}:${u.groups.join(',')}\n`)
      .join('')
  }
}
