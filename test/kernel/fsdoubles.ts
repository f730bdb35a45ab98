/** Fileserver helpers the tests of the synchronous paths share: making files as root, and a server that must wait. */
import { DMDIR, OWRITE, type Cred, type Fileserver } from '../../src/kernel/types.ts'

const rootCred: Cred = { uid: 'root', gid: 'root', groups: ['root'] }

export async function mkdir(fs: Fileserver, path: string, perm = 0o777): Promise<void> {
  await (await fs.create(path, DMDIR | perm, 0, rootCred)).close()
}

export async function write(fs: Fileserver, path: string, data: string, perm = 0o666): Promise<void> {
  const h = await fs.create(path, perm, OWRITE, rootCred)
  await h.write(0, new TextEncoder().encode(data))
  await h.close()
}

/** The six methods only: no statNow, readdirNow, readNow or walk (a server that can answer only later). */
export function asyncOnly(inner: Fileserver): Fileserver {
  return {
    kind: 'async-only',
    stat: (p, c) => inner.stat(p, c),
    readdir: (p, c) => inner.readdir(p, c),
    open: (p, m, c) => inner.open(p, m, c),
    create: (p, perm, m, c) => inner.create(p, perm, m, c),
    remove: (p, c) => inner.remove(p, c),
    wstat: (p, ch, c) => inner.wstat(p, ch, c),
  }
}
