/** 3. Builtin-heavy script: a loop doing arithmetic and string expansion, no commands. */
import type { Workload, WorkloadResult } from '../harness.ts'
import { dash, justBash, lifo, ninefold } from '../systems.ts'
import { peerTargets } from './boot.ts'
import { measurePlan, perSecond, type Plan } from './script.ts'

const PLAN: Plan = [
  [ninefold, 100_000, 5],
  [justBash, 30_000, 3],
  [lifo, 30_000, 3],
  [dash, 100_000, 5],
]

const script = (n: number): string => `i=0; s=; while [ $i -lt ${n} ]; do i=$((i+1)); t="x\${i}y"; s=\${t#x}; n=\${#s}; done; echo $i $s $n`

export const builtinsWorkload: Workload = {
  id: 3,
  title: 'Builtin-heavy script',
  perSystem: true,
  async run(): Promise<WorkloadResult> {
    const rows = await measurePlan(PLAN, (system, n) => ({
      script: script(n),
      expect: `${n} ${n}y ${String(n).length + 1}`,
      value: perSecond(n),
      ...(n === 100_000 ? {} : { note: `${n.toLocaleString('en')} iterations (100,000 would take about a minute a run)` }),
    }))
    return {
      id: 3,
      title: this.title,
      description: '`i=0; s=; while [ $i -lt N ]; do i=$((i+1)); t="x${i}y"; s=${t#x}; n=${#s}; done; echo $i $s $n`; iterations per second. Higher is better.',
      unit: 'iterations/s',
      higherIsBetter: true,
      rows,
    }
  },
  targets: (r) => peerTargets(r, ['just-bash', 'lifo']),
}
