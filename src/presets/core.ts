/** The core commands and the shell: what every ninefold system can run. */
import { coreBins } from '../bins/core/index.ts'
import type { Preset } from '../image.ts'
import { sh } from '../shell/index.ts'

export function corePreset(): Preset {
  // the same shell answers to `bash`: scripts written for bash find it (and its bash features)
  return { name: 'core', bins: { ...coreBins, sh, bash: sh } }
}
