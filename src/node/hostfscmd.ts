/**
 * hostfs: post a host directory to /srv for `mount`, read-only (-r, the default), read-write (-w)
 * or copy-on-write (-c), serving until SIGTERM like srvfs. Host directories are the host's: only
 * root may bring them in. A Node command: the CLI registers it.
 */
import { resolve } from 'node:path'
import { command, failWith, parseArgs, UsageError } from '../bins/lib.ts'
import { NineError } from '../kernel/errors.ts'
import { SUPERUSER } from '../kernel/perm.ts'
import { serveUntilTerminated } from '../pkg/daemon.ts'
import { hostDir } from './hostfs.ts'

export const hostfs = command({
  name: 'hostfs',
  usage: '[-r|-w|-c] [-s name] [-o owner] hostdir',
  summary: 'post a host directory to /srv (root only; serves until SIGTERM)',
  help: `  -r        read-only (the default)
  -w        read-write: changes reach the host directory
  -c        copy-on-write: changes stay in memory, the host directory never changes
  -s name   post as /srv/name (default hostfs)
  -o owner  who the files appear to belong to (default: the caller)
  Run it in the background (hostfs -w dir &), then: mount name /some/dir`,
  async run(proc) {
    const args = parseArgs(proc.argv, 'rwcs:o:')
    if (args.operands.length !== 1) throw new UsageError('need one host directory')
    const modes = (['r', 'w', 'c'] as const).filter((f) => args.flags[f])
    if (modes.length > 1) throw new UsageError('-r, -w and -c exclude each other')
    const mode = modes[0] === 'w' ? 'rw' : modes[0] === 'c' ? 'cow' : 'ro'
    const name = typeof args.flags.s === 'string' ? args.flags.s : 'hostfs'
    const host = args.operands[0]!
    let served
    try {
      if (proc.user.uid !== SUPERUSER) throw new NineError('EPERM', host)
      served = hostDir(resolve(host), { mode, owner: typeof args.flags.o === 'string' ? args.flags.o : proc.user.uid })
    } catch (e) {
      // The host's path is the caller's own words; the reason never carries one.
      await failWith(proc, 'hostfs', e instanceof NineError ? new NineError(e.code, host) : e, host)
      return 1
    }
    try {
      return await serveUntilTerminated(proc, name, served)
    } catch (e) {
      await failWith(proc, 'hostfs', e, `/srv/${name}`)
      return 1
    } finally {
      await served.shutdown?.()
    }
  },
})
