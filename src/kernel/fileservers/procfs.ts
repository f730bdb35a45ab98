/**
 * procfs (`#p`): /proc/<pid>/ for every process, and /proc/self for the caller. Each holds
 * status, args, env, cwd, fd, ns (the namespace in replayable form) and nsgroup (the name of
 * its namespace group, if any). env, fd and ns belong
 * to the process's user and are unreadable to others (root excepted).
 */
import type { Kernel } from '../kernel.ts'
import { seesProcess } from '../perm.ts'
import type { Process } from '../process.ts'
import { NineError } from '../errors.ts'
import type { Fileserver, SignalName } from '../types.ts'
import { dynamicDir, file, synthetic, type Entries } from './synthetic.ts'

function status(p: Process): string {
  return (
    `name\t${p.argv[0] ?? ''}\n` +
    `pid\t${p.pid}\n` +
    `ppid\t${p.parent?.pid ?? 0}\n` +
    `pgid\t${p.pgid}\n` +
    `user\t${p.cred.uid}\n` +
    `group\t${p.cred.gid}\n` +
    `state\t${p.state}\n` +
    `started\t${Math.floor(p.started / 1000)}\n`
  )
}

function processDir(kernel: Kernel, p: Process): Entries {
  const mine = { uid: p.cred.uid, mode: 0o400 }
  return {
    status: file({ read: () => status(p), uid: p.cred.uid }),
    args: file({ read: () => p.argv.join(' ') + '\n', uid: p.cred.uid }),
    cwd: file({ read: () => p.cwd + '\n', uid: p.cred.uid }),
    env: file({ ...mine, read: () => Object.entries(p.env).map(([k, v]) => `${k}=${v}\n`).join('') }),
    fd: file({ ...mine, read: () => p.fds.entries().map(([fd, f]) => `${fd} ${f.mode & 3 ? (f.mode & 3) === 2 ? 'rw' : 'w' : 'r'} ${f.offset} ${f.name}\n`).join('') }),
    ns: file({ ...mine, read: async () => (await import('../nsformat.ts')).formatNs(p.ns, p.cwd) }),
    nsgroup: file({ uid: p.cred.uid, read: () => `${kernel.nsgroups.nameOf(p.ns) ?? ''}\n` }),
    note: file({
      uid: p.cred.uid,
      mode: 0o200,
      write: (text, cred) => {
        const sender = kernel.procs.get(cred.pid ?? -1)
        if (sender === undefined) throw new NineError('EPERM', 'note')
        kernel.kill(sender, p.pid, text.trim() as SignalName)
      },
    }),
  }
}

export function procfs(kernel: Kernel): Fileserver {
  return synthetic(
    dynamicDir((cred) => {
      const entries: Entries = {}
      const self = cred.pid === undefined ? undefined : kernel.procs.get(cred.pid)
      if (self) entries.self = dynamicDir(() => processDir(kernel, self))
      for (const p of kernel.procs.values()) {
        if (self && !seesProcess(self, p.cred.uid)) continue
        entries[String(p.pid)] = dynamicDir(() => processDir(kernel, p), { uid: p.cred.uid, mode: 0o555 })
      }
      return entries
    }),
    { kind: 'procfs' },
  )
}
