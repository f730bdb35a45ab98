/** The CLI's --listen and --import: a system's namespace exported over 9P, others' mounted at boot. */
import { isLoopback, parseDialString, type Listener } from '../9p/dial.ts'
import { dial9p, serveNamespace } from '../9p/proc.ts'
import { NineError } from '../kernel/errors.ts'
import type { System } from '../image.ts'
import { nodeNetwork } from './net9p.ts'

/** Serves the system namespace (as root sees it) to every client of `address` until closed. */
export async function listenSystem(sys: System, address: string): Promise<Listener> {
  const at = parseDialString(address)
  if (!isLoopback(at)) throw new NineError('EPERM', address, 'only loopback and unix addresses may be listened on (no authentication yet)')
  return nodeNetwork.listen(at, (transport) => {
    serveNamespace(sys.context, transport, '/', false).catch(() => transport.close())
  })
}

/** Mounts the root of the 9P server at `address` on `mountpoint` of the system namespace. */
export async function importAtBoot(sys: System, address: string, mountpoint: string): Promise<void> {
  const client = await dial9p(sys.context, address, { aname: '/' })
  await sys.mkdirAll(mountpoint, 0o755)
  await sys.context.mount(client, mountpoint, { create: true }, { srv: address, spec: '/' })
}
