/**
 * stdSystem(): the standard ninefold tree and users. /, /bin, /dev, /proc, /tmp, /usr/local/bin,
 * /home/<user>, /etc; the users `root`, `sys` (the group that administers the system with root)
 * and `glenda` (the default login, a member of sys).
 */
import type { Preset } from '../image.ts'
import { SYSGROUP } from '../kernel/perm.ts'
import { corePreset } from './core.ts'
import { servicesPreset } from './services.ts'
import { srvPreset } from './srv.ts'

export const DEFAULT_USER = 'glenda'

const PROFILE = `# /etc/profile: read by every login shell
PATH=/bin
export PATH
`

// Frozen and made once: every system adds this one table of commands (see binfs's BinRegistry).
const stdBins = Object.freeze({ ...corePreset().bins, ...srvPreset().bins, ...servicesPreset().bins })

// /n is sticky and open to all, as /tmp is, so any user can make a mount point there for what
// they import (Plan 9 serves /n with mntgen, where every name is an empty directory).
export function stdSystem(): Preset {
  return {
    name: 'std',
    bins: stdBins,
    dirs: { '/tmp': 0o1777, '/usr/local/bin': 0o775, '/etc': 0o755, '/root': 0o700, '/mnt': 0o755, '/n': 0o1777, '/home': 0o755, '/var': 0o755, '/usr/share': 0o755 },
    users: [
      { name: 'root', home: '/root', groups: [], shell: '/bin/sh' },
      // the group sys administers the system with root (packages, services); the console's user is in it
      { name: SYSGROUP, home: '/usr/sys', groups: [], shell: '/bin/sh' },
      { name: DEFAULT_USER, home: `/home/${DEFAULT_USER}`, groups: [SYSGROUP], shell: '/bin/sh' },
    ],
    defaultUser: DEFAULT_USER,
    files: { '/etc/profile': PROFILE },
  }
}
