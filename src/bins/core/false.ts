/** false: exit 1, ignoring its arguments. */
import { command } from '../lib.ts'

export const falseCmd = command({
  name: 'false',
  usage: '[ignored ...]',
  summary: 'do nothing, unsuccessfully',
  run: async () => 1,
})
