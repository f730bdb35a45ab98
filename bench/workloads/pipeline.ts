/** 4. Pipeline: `seq 1 1000000 | grep 7 | wc -l`. */
import type { Target, Workload, WorkloadResult } from '../harness.ts'
import { dash, justBash, lifo, ninefold } from '../systems.ts'
import { peerTargets } from './boot.ts'
import { asMs, measurePlan, type Plan } from './script.ts'

/** How many of 1..n contain the digit 7. */
function sevens(n: number): number {
  let count = 0
  for (let i = 1; i <= n; i++) if (String(i).includes('7')) count++
  return count
}

const FULL = 1_000_000
/** Lifo's time grows with the square of the count (100,000: 0.5 s; 200,000: 2.4 s; 400,000: 15 s). */
const PLAN: Plan = [
  [ninefold, FULL, 5],
  [justBash, FULL, 3],
  [lifo, 200_000, 3],
  [dash, FULL, 5],
]

export const pipelineWorkload: Workload = {
  id: 4,
  title: 'Pipeline',
  perSystem: true,
  async run(): Promise<WorkloadResult> {
    const rows = await measurePlan(PLAN, (system, n) => ({
      script: `seq 1 ${n} | grep 7 | wc -l`,
      expect: String(sevens(n)),
      value: asMs,
      ...(n === FULL ? {} : { note: `only \`seq 1 ${n}\`: its time grows with the square of the count, 1,000,000 takes minutes` }),
    }))
    return {
      id: 4,
      title: this.title,
      description: '`seq 1 1000000 | grep 7 | wc -l` (468,559 lines); milliseconds. Lower is better.',
      unit: 'ms',
      higherIsBetter: false,
      rows,
    }
  },
  // Lifo ran a fifth of the input: ninefold beating that time beats it on the whole input too.
  targets: (r): Target[] => peerTargets(r, ['just-bash', 'lifo', 'dash']).map((t) => (t.text.endsWith('lifo') ? { ...t, evidence: `${t.evidence} (Lifo on seq 1 200000 only)` } : t)),
}
