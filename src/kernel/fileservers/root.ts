/**
 * `#/`: the kernel's minimal root, like Plan 9's. Empty directories that serve as mount points;
 * a clean namespace (rfork -n) starts from here with only /dev bound.
 */
import type { Fileserver } from '../types.ts'
import { synthetic, type Entries } from './synthetic.ts'

export const ROOT_DIRS = ['bin', 'dev', 'env', 'etc', 'home', 'mnt', 'n', 'proc', 'srv', 'tmp', 'usr'] as const

export function rootdev(): Fileserver {
  const tree: Entries = {}
  for (const name of ROOT_DIRS) tree[name] = {}
  return synthetic(tree, { kind: 'root' })
}
