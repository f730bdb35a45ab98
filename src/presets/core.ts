/** The core commands and the shell: what every ninefold system can run. */
import { coreCommands } from '../bins/registry.ts'
import type { Preset } from '../image.ts'

// the same shell answers to `bash`: scripts written for bash find it (and its bash features)
const coreBins = Object.freeze({ ...coreCommands, bash: coreCommands.sh! })

export function corePreset(): Preset {
  return { name: 'core', bins: coreBins }
}
