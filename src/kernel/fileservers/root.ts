/**
 * `#/`: the kernel's minimal root, like Plan 9's. Empty directories that serve as mount points;
 * a clean namespace (rfork -n) starts from here with only /dev bound.
 */
import type { Fileserver } from '../types.ts'
import { synthetic, type Entries } from './synthetic.ts'

/** The mount points; /usr/share is one so a sandbox can be given a shared read-only view there. */
export const ROOT_DIRS = ['adm', 'bin', 'dev', 'env', 'etc', 'home', 'mnt', 'n', 'proc', 'srv', 'tmp', 'usr', 'usr/share'] as const

export function rootdev(): Fileserver {
  const tree: Entries = {}
  for (const path of ROOT_DIRS) {
    let dir = tree
    for (const name of path.split('/')) dir = (dir[name] ??= {}) as Entries
  }
  return synthetic(tree, { kind: 'root' })
}
