/** The core commands and the shell: what every ninefold system can run. */
import { coreCommands } from '../bins/registry.ts'
import type { Preset } from '../image.ts'

export function corePreset(): Preset {
  // the same shell answers to `bash`: scripts written for bash find it (and its bash features)
  return { name: 'core', bins: { ...coreCommands, bash: coreCommands.sh! } }
}
