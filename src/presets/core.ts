/** The core commands and the shell: what every ninefold system can run. */
import { coreBins } from '../bins/core/index.ts'
import type { Preset } from '../image.ts'
import { sh } from '../shell/index.ts'

export function corePreset(): Preset {
  return { name: 'core', bins: { ...coreBins, sh } }
}
