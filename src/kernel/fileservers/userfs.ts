/**
 * userfs (`#U`): the user database as a file, /adm/users (Plan 9 keeps it there too). Reading
 * gives `name:home:shell:group,group` a line; root writes such lines to add users, or
 * `join user group` to add a user to a group.
 */
import { NineError } from '../errors.ts'
import { SUPERUSER } from '../perm.ts'
import type { Fileserver } from '../types.ts'
import type { UserDb } from '../users.ts'
import { file, synthetic } from './synthetic.ts'

function apply(db: UserDb, line: string): void {
  const join = /^join\s+(\S+)\s+(\S+)$/.exec(line)
  if (join) return db.join(join[1]!, join[2]!)
  const fields = line.split(':')
  if (fields.length !== 4) throw new NineError('EINVAL', 'users', `want name:home:shell:groups, got "${line}"`)
  const [name, home, shell, groups] = fields as [string, string, string, string]
  if (!home.startsWith('/')) throw new NineError('EINVAL', 'users', `home must be absolute: ${home}`)
  const list = groups === '' ? [] : groups.split(',')
  for (const g of list) db.require(g)
  db.add({ name, home, shell: shell || '/bin/sh', groups: list })
}

export function userfs(db: UserDb): Fileserver {
  return synthetic(
    {
      users: file({
        mode: 0o644,
        read: () => db.format(),
        write: (text, cred) => {
          if (cred.uid !== SUPERUSER) throw new NineError('EPERM', 'users')
          for (const line of text.split('\n')) if (line.trim() !== '') apply(db, line.trim())
        },
      }),
    },
    { kind: 'userfs' },
  )
}
