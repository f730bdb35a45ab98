/**
 * bind, mount, umount, rfork and nsgroup as builtins: they must change the shell's own process
 * (its namespace, environment, descriptors), and a shell in a clean namespace has no /bin to run
 * them from. Each runs the command's own function in the shell's process (view.ts).
 */
import { bind } from '../../bins/system/bind.ts'
import { mount } from '../../bins/system/mount.ts'
import { nsgroup } from '../../bins/system/nsgroup.ts'
import { rfork } from '../../bins/system/rfork.ts'
import { umount } from '../../bins/system/umount.ts'
import type { BinFunction } from '../../kernel/types.ts'
import type { Builtin } from './builtin.ts'
import { shellView } from './view.ts'

function asBuiltin(fn: BinFunction): Builtin {
  return { run: (sh, argv) => fn(shellView(sh, argv)) }
}

export const namespaceBuiltins: [string, Builtin][] = [
  ['bind', asBuiltin(bind)],
  ['mount', asBuiltin(mount)],
  ['umount', asBuiltin(umount)],
  ['rfork', asBuiltin(rfork)],
  ['nsgroup', asBuiltin(nsgroup)],
]
