import { command, failWith, parseArgs, UsageError } from '../lib.ts'
import { srvName } from './mount.ts'

export const umount = command({
  name: 'umount',
  usage: '[name] old',
  summary: 'remove a mount or bind from the namespace',
  help: `  umount old        removes everything mounted or bound at old
  umount name old   removes only name (a server in /srv, or a bound path) from the union at old`,
  async run(proc) {
    const args = parseArgs(proc.argv, '')
    if (args.operands.length < 1 || args.operands.length > 2) throw new UsageError('need old, or name and old')
    const old = args.operands[args.operands.length - 1]!
    const name = args.operands.length === 2 ? args.operands[0]! : undefined
    try {
      if (name === undefined) await proc.unmount(old)
      else {
        // A server name names the server; anything else is a path bound there.
        let fs
        if (!name.startsWith('#') && !name.includes('/')) {
          try {
            fs = proc.getServer(srvName(name))
          } catch {
            // not ours to use: fall back to the name as a path
          }
        } else if (name.startsWith('/srv/')) fs = proc.getServer(srvName(name))
        await proc.unmount(old, fs ?? name)
      }
    } catch (e) {
      await failWith(proc, 'umount', e, old)
      return 1
    }
    return 0
  },
})
