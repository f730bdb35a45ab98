/** true: exit 0, ignoring its arguments. */
import { command } from '../lib.ts'

export const trueCmd = command({
  name: 'true',
  usage: '[ignored ...]',
  summary: 'do nothing, successfully',
  run: async () => 0,
})
