/**
 * srvfs: post a view of a directory (as this process sees it) to /srv, like Plan 9's srvfs.
 * It serves until SIGTERM; run it in the background or as a service.
 */
import { readonly } from '../../kernel/readonly.ts'
import { serveUntilTerminated } from '../../pkg/daemon.ts'
import { command, failWith, parseArgs, UsageError } from '../lib.ts'

export const srvfs = command({
  name: 'srvfs',
  usage: '[-r] [-m mode] name path',
  summary: 'post a view of a directory to /srv (serves until SIGTERM)',
  help: `  -r       the view is read-only: writes through it are refused
  -m mode  the /srv entry's permissions (octal, default 600); mounting needs read permission`,
  async run(proc) {
    const args = parseArgs(proc.argv, 'rm:')
    if (args.operands.length !== 2) throw new UsageError('need name and path')
    const [name, path] = args.operands as [string, string]
    const mode = typeof args.flags.m === 'string' ? parseInt(args.flags.m, 8) : 0o600
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o777) throw new UsageError(`bad mode ${String(args.flags.m)}`)
    let view
    try {
      view = await proc.exportfs(path)
    } catch (e) {
      await failWith(proc, 'srvfs', e, path)
      return 1
    }
    return serveUntilTerminated(proc, name, args.flags.r ? readonly(view) : view, mode)
  },
})
