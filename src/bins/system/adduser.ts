/** adduser: add a user to /adm/users and make its home. Root only (the file says so). */
import { command, failWith, parseArgs, UsageError } from '../lib.ts'

export const adduser = command({
  name: 'adduser',
  usage: '[-d home] [-G group,...] NAME',
  summary: 'add a user (root only)',
  help: '  writes NAME:HOME:/bin/sh:GROUPS to /adm/users, then makes HOME owned by NAME (default /home/NAME)',
  async run(proc) {
    const args = parseArgs(proc.argv, 'd:G:')
    if (args.operands.length !== 1) throw new UsageError('one user name expected')
    const name = args.operands[0]!
    const home = typeof args.flags.d === 'string' ? args.flags.d : `/home/${name}`
    const groups = typeof args.flags.G === 'string' ? args.flags.G : ''
    try {
      await proc.writeFile('/adm/users', `${name}:${home}:/bin/sh:${groups}\n`, { append: true })
      await proc.mkdir(home, 0o755).catch(async (e) => {
        if ((await proc.stat(home).catch(() => undefined)) === undefined) throw e
      })
      await proc.wstat(home, { uid: name, gid: name })
      return 0
    } catch (e) {
      await failWith(proc, 'adduser', e, name)
      return 1
    }
  },
})
