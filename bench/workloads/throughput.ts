/** 5. Throughput: a 256 MiB file through `cat FILE | wc -c`, in MB/s. */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rm } from 'node:fs/promises'
import { row, type Target, type Workload, type WorkloadResult } from '../harness.ts'
import { all, measured, type SystemKind } from '../systems.ts'
import { measureScript } from './script.ts'

const MIB = 1 << 20

/** Text lines, so a line-oriented command would see realistic input. */
function content(bytes: number): Uint8Array {
  const line = new TextEncoder().encode('the quick brown fox jumps over the lazy dog 0123456789\n')
  const out = new Uint8Array(bytes)
  for (let at = 0; at < bytes; at += line.length) out.set(line.subarray(0, Math.min(line.length, bytes - at)), at)
  return out
}

/** The full size for ninefold and the host; the in-memory peers get less if 256 MiB is beyond them. */
const PLAN: [SystemKind, number, number][] = [
  [all[0]!, 256, 5],
  [all[1]!, 32, 3],
  [all[2]!, 8, 3],
  [all[3]!, 256, 5],
]

export const throughputWorkload: Workload = {
  id: 5,
  title: 'Throughput',
  perSystem: true,
  async run(): Promise<WorkloadResult> {
    const rows = []
    const hostFile = join(tmpdir(), `ninefold-bench-${process.pid}.txt`)
    for (const [system, mib, runs] of PLAN.filter(([system]) => measured(system))) {
      const path = system.name === 'dash' ? hostFile : '/tmp/big'
      const bytes = mib * MIB
      rows.push(
        await measureScript({
          system,
          script: `cat ${path} | wc -c`,
          expect: String(bytes),
          runs,
          value: (ms) => bytes / 1e6 / (ms / 1000),
          setup: (sys) => sys.writeFile(path, content(bytes)),
          ...(mib === 256 ? {} : { note: `${mib} MiB file (256 MiB exhausts it or takes minutes)` }),
        }),
      )
    }
    await rm(hostFile, { force: true })
    return {
      id: 5,
      title: this.title,
      description: '`cat FILE | wc -c` of a 256 MiB text file in the system\'s own filesystem (dash: the host\'s cat and wc on a file in the host\'s tmpdir); MB/s (10^6 bytes). Higher is better.',
      unit: 'MB/s',
      higherIsBetter: true,
      rows,
    }
  },
  targets(r): Target[] {
    const nf = row(r, 'ninefold')
    const host = row(r, 'dash')
    return [
      { text: '5. Throughput: at least 1 GB/s', met: nf !== undefined && nf.median >= 1000, evidence: `ninefold ${nf?.median.toFixed(0) ?? '?'} MB/s` },
      {
        text: "5. Throughput: at least half of the host's `cat FILE \\| wc -c`",
        met: nf !== undefined && host !== undefined && nf.median >= host.median / 2,
        evidence: `ninefold ${nf?.median.toFixed(0) ?? '?'} MB/s vs host ${host?.median.toFixed(0) ?? '?'} MB/s`,
      },
    ]
  },
}
