/** 2. Spawn rate: `true` as a command (not a builtin: /bin/true where the system has paths) from a shell loop. */
import type { Workload, WorkloadResult } from '../harness.ts'
import { dash, justBash, lifo, ninefold } from '../systems.ts'
import { peerTargets } from './boot.ts'
import { measurePlan, perSecond, type Plan } from './script.ts'

/** The counts: 100,000 where one run takes seconds, fewer where it would take minutes. */
const PLAN: Plan = [
  [ninefold, 100_000, 5],
  [justBash, 20_000, 3],
  [lifo, 50_000, 3],
  [dash, 1_000, 3],
]

export const loop = (n: number, body: string): string => `i=0; while [ $i -lt ${n} ]; do ${body}; i=$((i+1)); done; echo $i`

export const spawnWorkload: Workload = {
  id: 2,
  title: 'Spawn rate',
  perSystem: true,
  async run(): Promise<WorkloadResult> {
    const rows = await measurePlan(PLAN, (system, n) => ({
      script: loop(n, system.truePath),
      expect: String(n),
      value: perSecond(n),
      ...(n === 100_000 ? {} : { note: `${n.toLocaleString('en')} iterations (100,000 would take minutes)` }),
      ...(system === lifo ? { note: `${n.toLocaleString('en')} iterations; \`true\` (Lifo has no /bin/true file)` } : {}),
    }))
    return {
      id: 2,
      title: this.title,
      description: '`i=0; while [ $i -lt N ]; do /bin/true; i=$((i+1)); done` in one shell; commands per second (the loop\'s own test and arithmetic included). Higher is better.',
      unit: 'commands/s',
      higherIsBetter: true,
      rows,
    }
  },
  targets: (r) => peerTargets(r, ['just-bash', 'lifo', 'dash']),
}
