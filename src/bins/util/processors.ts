/** The processors the host offers: navigator.hardwareConcurrency where there is one (Node has it too), else 1. */
export function processorCount(): number {
  const g = globalThis as { navigator?: { hardwareConcurrency?: number } }
  return Math.max(1, g.navigator?.hardwareConcurrency ?? 1)
}
