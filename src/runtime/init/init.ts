/**
 * init, pid 1: the parent of every orphan (the kernel reaps them at once) and the supervisor of
 * services. It runs until the system shuts down; signals do not end it.
 */
import type { BinFunction, ExitCode } from '../../kernel/types.ts'

const ignore = (): void => {}

export const init: BinFunction = (proc) => {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) proc.on(sig, ignore)
  // It never returns: shutdown ends it (its status is the kill's). Nothing holds this promise,
  // so a system shut down leaves nothing behind; watching for the end would cost every boot an
  // AbortController and its listener.
  return new Promise<ExitCode>(() => {})
}
