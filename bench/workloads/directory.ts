/** 7. Directory: `ls` of a 10,000-entry directory. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { row, type Target, type Workload, type WorkloadResult } from '../harness.ts'
import { all, dash, measured } from '../systems.ts'
import { asMs, measureScript } from './script.ts'

const ENTRIES = 10_000
const names = Array.from({ length: ENTRIES }, (_, i) => `file${String(i).padStart(5, '0')}`)

export const directoryWorkload: Workload = {
  id: 7,
  title: 'Directory',
  perSystem: true,
  async run(): Promise<WorkloadResult> {
    const rows = []
    const hostDir = await mkdtemp(join(tmpdir(), 'ninefold-bench-dir-'))
    for (const system of all.filter(measured)) {
      const dir = system === dash ? hostDir : '/tmp/dir'
      rows.push(
        await measureScript({
          system,
          script: `ls ${dir}`,
          expect: (out) => {
            const lines = out.split(/\s+/).filter(Boolean)
            return lines.length === ENTRIES && lines[0] === names[0] && lines[ENTRIES - 1] === names[ENTRIES - 1]
          },
          runs: 10,
          value: asMs,
          setup: async (sys) => {
            await sys.mkdir(dir)
            if (system === dash) await Promise.all(names.map((n) => writeFile(join(dir, n), '')))
            else for (const n of names) await sys.writeFile(`${dir}/${n}`, '')
          },
        }),
      )
    }
    await rm(hostDir, { recursive: true, force: true })
    return {
      id: 7,
      title: this.title,
      description: `\`ls DIR\` of a directory of ${ENTRIES.toLocaleString('en')} empty files, output collected (dash: the host's ls, a whole process); milliseconds. Lower is better.`,
      unit: 'ms',
      higherIsBetter: false,
      rows,
    }
  },
  targets(r): Target[] {
    const nf = row(r, 'ninefold')
    return [{ text: '7. Directory: `ls` of 10,000 entries under 10 ms', met: (nf?.median ?? Infinity) < 10, evidence: `ninefold ${nf?.median.toFixed(2) ?? '?'} ms` }]
  },
}
