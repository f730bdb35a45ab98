/** 1. Boot to first result: create a system, run `true`, shut down. */
import { beats, repeat, row, timed, type Target, type Workload, type WorkloadResult } from '../harness.ts'
import { all, measured, type SystemKind } from '../systems.ts'

const RUNS = 15

async function bootOnce(system: SystemKind): Promise<number> {
  return timed(async () => {
    const sys = await system.boot()
    const r = await sys.run('true')
    if (r.exitCode !== 0) throw new Error(`${system.name}: true failed: ${r.stderr}`)
    await sys.close()
  })
}

export const bootWorkload: Workload = {
  id: 1,
  title: 'Boot to first result',
  perSystem: true,
  async run(): Promise<WorkloadResult> {
    const rows = []
    for (const system of all.filter(measured)) rows.push({ system: system.name, stats: await repeat(RUNS, () => bootOnce(system), 2) })
    return {
      id: 1,
      title: this.title,
      description: 'Create a system, run `true`, shut it down (dash: `/bin/dash -c true` from Node, a whole process). Lower is better.',
      unit: 'ms',
      higherIsBetter: false,
      rows,
    }
  },
  targets: (r) => peerTargets(r, ['just-bash', 'lifo']),
}

/** ninefold faster than each named peer (on this workload's medians). */
export function peerTargets(r: WorkloadResult, names: string[]): Target[] {
  const nf = row(r, 'ninefold')
  return names.map((name) => {
    const peer = row(r, name)
    const text = `${r.id}. ${r.title}: ninefold faster than ${name}`
    if (nf === undefined || peer === undefined) return { text, met: false, evidence: `${nf === undefined ? 'ninefold' : name} has no figure` }
    return { text, met: beats(r, nf, peer), evidence: `ninefold ${fmtNum(nf.median)} vs ${name} ${fmtNum(peer.median)} ${r.unit}` }
  })
}

function fmtNum(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(2)
}
