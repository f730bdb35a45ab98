/**
 * init, pid 1: the parent of every orphan (the kernel reaps them at once) and the supervisor of
 * services. It runs until the system shuts down; signals do not end it.
 */
import type { BinFunction } from '../../kernel/types.ts'

export const init: BinFunction = async (proc) => {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) proc.on(sig, () => {})
  await new Promise<void>((resolve) => proc.ended.addEventListener('abort', () => resolve(), { once: true }))
  return 0
}
