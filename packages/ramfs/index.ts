/** `ramfs-srv [-s name]`: posts a fresh RAM filesystem, like Plan 9's `ramfs -s`. */
import { command, parseArgs, UsageError } from '../../src/bins/lib.ts'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import type { Extension } from '../../src/extension.ts'
import { serveUntilTerminated } from '../../src/pkg/daemon.ts'

export const ramfsServer = command({
  name: 'ramfs-srv',
  usage: '[-s name]',
  summary: 'post a fresh RAM filesystem to /srv (default name ramfs)',
  async run(proc) {
    const args = parseArgs(proc.argv, 's:')
    if (args.operands.length > 0) throw new UsageError('no operands expected')
    const name = typeof args.flags.s === 'string' ? args.flags.s : 'ramfs'
    return serveUntilTerminated(proc, name, new Memfs({ owner: proc.user.uid, group: proc.user.gid, mode: 0o755 }))
  },
})

export default function ramfs(): Extension {
  return {
    description: 'a fresh RAM filesystem posted to /srv (ramfs-srv)',
    bins: { 'ramfs-srv': ramfsServer },
    services: [{ name: 'ramfs-srv', bin: 'ramfs-srv', restart: { policy: 'on-failure' } }],
  }
}
