/** The system's name: $sysname (Plan 9's variable), else $HOSTNAME, else "ninefold". */
import type { ProcContext } from '../../kernel/types.ts'

export function sysname(proc: ProcContext): string {
  return proc.env['sysname'] || proc.env['HOSTNAME'] || 'ninefold'
}
