/**
 * 9P as a process uses it: dialing a server as the process's user, serving the process's
 * namespace to whoever attaches (as a user the exporter may act for), and a process's
 * descriptors as a transport (exportfs on standard input and output).
 */
import { NineError } from '../kernel/errors.ts'
import { SUPERUSER } from '../kernel/perm.ts'
import type { Cred, ProcContext } from '../kernel/types.ts'
import { acceptAuthenticated, dialAuthenticated } from './auth.ts'
import { connect9p, type NineClient } from './client.ts'
import type { Dialect } from './codec.ts'
import { networkOf, parseDialString } from './dial.ts'
import { serve9p, type ServerConnection, type WireUsers } from './server.ts'
import type { Transport } from './transport.ts'

/** Dials `address` and attaches to `aname` as the process's user. */
export async function dial9p(proc: ProcContext, address: string, options: { aname?: string; dialect?: Dialect; lazyAttach?: boolean; key?: Uint8Array } = {}): Promise<NineClient> {
  const network = networkOf(proc)
  const dialed = await network.dial(parseDialString(address))
  const transport = options.key === undefined ? dialed : await dialAuthenticated(dialed, options.key)
  return connect9p(transport, { uname: proc.user.uid, aname: options.aname ?? '', dialect: options.dialect ?? '9P2000', lazyAttach: options.lazyAttach ?? false })
}

/**
 * The users an exporter may serve: root's export serves every user of /adm/users; anyone
 * else's serves only that user, so no one gains rights by attaching to another's export.
 */
export async function exportUsers(proc: ProcContext): Promise<WireUsers> {
  const text = new TextDecoder().decode(await proc.readFile('/adm/users'))
  const users = new Map<string, Cred>()
  for (const line of text.split('\n')) {
    const [name, , , groups] = line.split(':')
    if (!name) continue
    users.set(name, { uid: name, gid: name, groups: [name, ...(groups ? groups.split(',').filter(Boolean) : [])] })
  }
  const others = [...users.keys()].filter((n) => n !== SUPERUSER)
  const exporter = proc.user.uid
  return {
    cred: (name) => (exporter === SUPERUSER || name === exporter ? users.get(name) : undefined),
    id: (name) => (name === SUPERUSER ? 0 : others.includes(name) ? 1000 + others.indexOf(name) : 65534),
    name: (id) => (id === 0 ? SUPERUSER : others[id - 1000]),
  }
}

/** Serves the process's namespace below `root` on `transport`; with a key, only to a client that proves it holds it. */
export async function serveNamespace(proc: ProcContext, transport: Transport, root: string, readonly: boolean, key?: Uint8Array): Promise<ServerConnection> {
  const [fs, users, conn] = await Promise.all([proc.exportfs(root), exportUsers(proc), key === undefined ? transport : acceptAuthenticated(transport, key)])
  return serve9p(conn, { fs, users, readonly })
}

/** A key file's contents, without the newline an editor or echo leaves at its end. */
export async function readKey(proc: ProcContext, path: string): Promise<Uint8Array> {
  let key = await proc.readFile(path)
  if (key[key.length - 1] === 10) key = key.subarray(0, key.length - 1)
  if (key.length < 16) throw new NineError('EINVAL', path, 'a key needs at least 16 bytes')
  return key
}

/**
 * Two of a process's descriptors as a transport: reads from `inFd`, writes to `outFd` in order.
 * The end of input ends the connection, but answers still go out until `close`; `drained`
 * resolves when every write has been made.
 */
export function fdTransport(proc: ProcContext, inFd: number, outFd: number): Transport & { drained(): Promise<void> } {
  let closed = false
  let ended = false
  let writing: Promise<unknown> = Promise.resolve()
  let onEnded = (): void => {}
  const end = (): void => {
    if (ended) return
    ended = true
    onEnded()
  }
  return {
    start(data, endedCallback) {
      onEnded = endedCallback
      void (async () => {
        try {
          while (!ended) {
            const chunk = await proc.read(inFd, 65536)
            if (chunk.length === 0) break
            data(chunk)
          }
        } catch {
          // the descriptor failed or the process ended: the connection is over either way
        }
        end()
      })()
    },
    write(bytes) {
      if (closed) return
      writing = writing.then(() => proc.write(outFd, bytes)).catch(() => {
        closed = true
        end()
      })
    },
    close() {
      closed = true
      end()
    },
    drained: () => writing.then(() => undefined),
  }
}

