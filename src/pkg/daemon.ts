/**
 * The roadmap's Server Daemon Pattern in one place: post a fileserver to /srv, block until
 * SIGTERM, remove the entry, exit 0. Package daemons call it after parsing their arguments.
 */
import type { ExitCode, Fileserver, ProcContext } from '../kernel/types.ts'

export async function serveUntilTerminated(proc: ProcContext, name: string, fs: Fileserver, mode?: number): Promise<ExitCode> {
  proc.postServer(name, fs, mode)
  await new Promise<void>((resolve) => {
    proc.on('SIGTERM', () => {
      try {
        proc.removeServer(name)
      } catch {
        // already removed (by its owner, root, or init on restart)
      } finally {
        resolve()
      }
    })
  })
  return 0
}
