/**
 * Service state as files (the roadmap's "filesystem is the API"):
 *   /svc/NAME/status   state, pid, uptime, restarts, last exit, mount units
 *   /svc/NAME/summary  one line: name, state, pid (a line of `svc list`)
 *   /svc/NAME/log      the bounded log of its stdout and stderr (also /var/log/NAME)
 *   /svc/NAME/ctl      write start, stop, restart, enable or disable (root or the service's owner)
 * The svc command is a client of these files.
 */
import { NineError } from '../../kernel/errors.ts'
import { dynamicDir, file, synthetic, type Entries } from '../../kernel/fileservers/synthetic.ts'
import type { Fileserver } from '../../kernel/types.ts'
import type { Services } from './services.ts'

export function svcfs(sup: Services): Fileserver {
  return synthetic(
    dynamicDir(() => {
      const entries: Entries = {}
      for (const name of sup.names()) {
        entries[name] = {
          status: file({ read: () => sup.status(name) }),
          summary: file({ read: () => sup.summary(name) }),
          log: file({ read: () => sup.log(name) }),
          ctl: file({
            mode: 0o666,
            write: async (text, cred) => {
              const verb = text.trim()
              if (verb === 'start') await sup.start(name, cred)
              else if (verb === 'stop') await sup.stop(name, cred)
              else if (verb === 'restart') await sup.restart(name, cred)
              else if (verb === 'enable' || verb === 'disable') await sup.setEnabled(name, verb === 'enable', cred)
              else throw new NineError('EINVAL', 'ctl', `unknown control "${verb}" (start, stop, restart, enable, disable)`)
            },
          }),
        }
      }
      return entries
    }),
    { kind: 'svcfs' },
  )
}

/** /var/log: one file a service, its bounded log. */
export function logfs(sup: Services): Fileserver {
  return synthetic(
    dynamicDir(() => {
      const entries: Entries = {}
      for (const name of sup.names()) entries[name] = file({ read: () => sup.log(name) })
      return entries
    }),
    { kind: 'logfs' },
  )
}
