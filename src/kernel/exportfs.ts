/**
 * exportfs: a fileserver that is a view of a namespace below a path (Plan 9's exportfs), so a
 * process can post part of what it sees to /srv. Calls run with the caller's credentials, so
 * file permissions still apply to whoever mounts the view.
 */
import type { Namespace } from './namespace.ts'
import type { Fileserver } from './types.ts'

export function exportfs(ns: Namespace, root: string): Fileserver {
  const at = (path: string): string => (root === '/' ? path : path === '/' ? root : root + path)
  return {
    kind: 'exportfs',
    stat: async (path, cred) => {
      const dir = await ns.stat(at(path), cred)
      return path === '/' ? { ...dir, name: '/' } : dir
    },
    readdir: (path, cred) => ns.readdir(at(path), cred),
    open: (path, mode, cred) => ns.open(at(path), mode, cred),
    create: (path, perm, mode, cred) => ns.create(at(path), perm, mode, cred),
    remove: (path, cred) => ns.remove(at(path), cred),
    wstat: async (path, changes, cred) => {
      const { chan } = await ns.resolve(at(path), cred)
      await chan.fs.wstat(chan.path, changes, cred)
    },
  }
}
