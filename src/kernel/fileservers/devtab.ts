/**
 * The device table, as Plan 9's `devtab`: every kernel device, the letter that attaches it
 * (`bind '#p' /proc`), and where the standard and clean namespaces bind it. Boot makes each
 * device from its row; attach, the standard namespace, clean namespaces and the help texts of
 * bind and rfork all read this one table. Adding a device is one row here plus its file.
 *
 * Letters kept for devices to come (docs/plan9-differences.md): `#M` 9P mounts, `#|` pipes,
 * `#e` environment, `#H` host files.
 */
import type { Kernel } from '../kernel.ts'
import type { Device } from '../types.ts'
import type { UserDb } from '../users.ts'
import { Binfs, type BinRegistry } from './binfs.ts'
import { devfs, type Console } from './devfs.ts'
import { procfs } from './procfs.ts'
import { rootdev } from './root.ts'
import type { SrvFs } from './srv.ts'
import { userfs } from './userfs.ts'

/** What the devices are made from: the kernel and the system's shared state. */
export interface DeviceHost {
  readonly kernel: Kernel
  readonly console: Console
  readonly users: UserDb
  readonly bins: BinRegistry
  readonly srv: SrvFs
}

/** One row: a device without its fileserver, and how to make it. */
export interface DevtabEntry extends Omit<Device, 'fs'> {
  make(host: DeviceHost): Device['fs']
}

export const devtab: readonly DevtabEntry[] = [
  { letter: '/', name: 'root', make: () => rootdev() },
  { letter: 'c', name: 'cons', make: (h) => devfs(h.console, (cred) => h.kernel.caller(cred)), std: { at: '/dev', flags: { before: true } }, clean: { at: '/dev' } },
  { letter: 'p', name: 'proc', make: (h) => procfs(h.kernel), std: { at: '/proc' } },
  { letter: 'b', name: 'bin', make: (h) => new Binfs(h.bins), std: { at: '/bin' } },
  { letter: 's', name: 'srv', make: (h) => h.srv, std: { at: '/srv' } },
  { letter: 'U', name: 'users', make: (h) => userfs(h.users), std: { at: '/adm' } },
]

/** Every device of the table, made for one system. */
export function makeDevices(host: DeviceHost): Device[] {
  return devtab.map(({ make, ...row }) => ({ ...row, fs: make(host) }))
}
