/**
 * bind, mount, umount, rfork and nsgroup as builtins: they must change the shell's own process
 * (its namespace, environment, descriptors), and a shell in a clean namespace has no /bin to run
 * them from. Each runs the command's own function in the shell's process (view.ts), loaded when
 * first run (a browser fetches it then, not before the first prompt).
 */
import type { BinFunction } from '../../kernel/types.ts'
import type { Builtin } from './builtin.ts'
import { shellView } from './view.ts'
import { onFirstUse } from '../../bins/lazy.ts'

function asBuiltin(load: () => Promise<BinFunction>): Builtin {
  const command = onFirstUse(load)
  return { run: async (sh, argv) => (await command())(shellView(sh, argv)) }
}

export const namespaceBuiltins: [string, Builtin][] = [
  ['bind', asBuiltin(async () => (await import('../../bins/system/bind.ts')).bind)],
  ['mount', asBuiltin(async () => (await import('../../bins/system/mount.ts')).mount)],
  ['umount', asBuiltin(async () => (await import('../../bins/system/umount.ts')).umount)],
  ['rfork', asBuiltin(async () => (await import('../../bins/system/rfork.ts')).rfork)],
  ['nsgroup', asBuiltin(async () => (await import('../../bins/system/nsgroup.ts')).nsgroup)],
]
