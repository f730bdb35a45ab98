/** The core commands and the shell: what every ninefold system can run. */
import { coreCommands } from '../bins/registry.ts'
import type { Preset } from '../image.ts'

export function corePreset(): Preset {
  return { name: 'core', bins: coreCommands }
}
