/** The srv preset: the namespace commands and the package manager's command (phase A). */
import { bind } from '../bins/system/bind.ts'
import { mount } from '../bins/system/mount.ts'
import { pkg } from '../bins/system/pkg.ts'
import { umount } from '../bins/system/umount.ts'
import type { Preset } from '../image.ts'

export function srvPreset(): Preset {
  return { name: 'srv', bins: { bind, mount, umount, pkg } }
}
