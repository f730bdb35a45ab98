/** The srv preset: the namespace commands and the package manager's command. */
import { srvCommands } from '../bins/registry.ts'
import type { Preset } from '../image.ts'

export function srvPreset(): Preset {
  return { name: 'srv', bins: srvCommands }
}
