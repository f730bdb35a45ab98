/** 10. awk: `awk '{s+=$3} END {print s}'` over a 50 MB file, ninefold's awk beside the host's mawk. */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rm } from 'node:fs/promises'
import { row, type Target, type Workload, type WorkloadResult } from '../harness.ts'
import { dash, measured, ninefold } from '../systems.ts'
import { measureScript } from './script.ts'

const BYTES = 50 * 1000 * 1000
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel']

/** Deterministic lines of five fields, the third a number; and the sum awk must print. */
export function awkInput(bytes: number): { data: Uint8Array; sum: number } {
  const lines: string[] = []
  let size = 0
  let sum = 0
  for (let i = 0; size < bytes; i++) {
    const n = (i * 7919) % 1000
    const line = `${WORDS[i % WORDS.length]} ${i} ${n} ${WORDS[(i * 3) % WORDS.length]}.${i % 97} x${i % 13}\n`
    if (size + line.length > bytes) break
    lines.push(line)
    size += line.length
    sum += n
  }
  return { data: new TextEncoder().encode(lines.join('')), sum }
}

const PROGRAM = "'{s+=$3} END {print s}'"

export const awkWorkload: Workload = {
  id: 10,
  title: 'awk',
  perSystem: true,
  async run(): Promise<WorkloadResult> {
    const rows = []
    const { data, sum } = awkInput(BYTES)
    const hostFile = join(tmpdir(), `ninefold-bench-awk-${process.pid}.txt`)
    const value = (ms: number): number => BYTES / 1e6 / (ms / 1000)
    for (const [system, awk, path] of [
      [ninefold, 'awk', '/tmp/awk50'],
      [dash, 'mawk', hostFile],
    ] as const) {
      if (!measured(system)) continue
      const row = await measureScript({ system, script: `${awk} ${PROGRAM} ${path}`, expect: String(sum), runs: 5, value, setup: (sys) => sys.writeFile(path, data) })
      rows.push({ ...row, system: system === dash ? 'mawk' : row.system })
    }
    await rm(hostFile, { force: true })
    return {
      id: 10,
      title: this.title,
      description: "`awk '{s+=$3} END {print s}' FILE` over a 50 MB file of five-field lines, in the system's own filesystem (mawk: the host's, on a file in the host's tmpdir); MB/s. Higher is better.",
      unit: 'MB/s',
      higherIsBetter: true,
      rows,
    }
  },
  targets(r): Target[] {
    const nf = row(r, 'ninefold')
    const mawk = row(r, 'mawk')
    return [
      {
        text: "10. awk: `awk '{s+=$3} END {print s}'` on 50 MB within 3x mawk",
        met: nf !== undefined && mawk !== undefined && nf.median * 3 >= mawk.median,
        evidence: `ninefold ${nf?.median.toFixed(0) ?? '?'} MB/s vs mawk ${mawk?.median.toFixed(0) ?? '?'} MB/s`,
      },
    ]
  },
}
