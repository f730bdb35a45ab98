/**
 * 6. Namespace: stat of a path behind 1, 4 and 16 union layers, from inside a process (ninefold
 * only). The file is in the last layer, so every layer is searched. Beside it, the floor: a plain
 * stat(2) from Node (`fs.statSync`).
 */
import { statSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ninefold as load } from '../ninefold.ts'
import { repeat, row, type Target, type Workload, type WorkloadResult } from '../harness.ts'

const { boot, stdSystem } = await load()

const STATS = 200_000
const RUNS = 5
const LAYERS = [1, 4, 16]

async function ninefoldRates(): Promise<Map<number, Awaited<ReturnType<typeof repeat>>>> {
  const sys = await boot({ presets: [stdSystem()] })
  const out = new Map<number, Awaited<ReturnType<typeof repeat>>>()
  try {
    for (let i = 1; i <= 16; i++) await sys.mkdirAll(`/tmp/layers/l${i}`, 0o755)
    for (const layers of LAYERS) {
      // A name only the last layer has, so every layer before it is searched.
      await sys.writeFile(`/tmp/layers/l${layers}/file${layers}`, 'x')
      let result: Awaited<ReturnType<typeof repeat>> | undefined
      // A command of its own, in a private copy of the namespace, builds the union and stats through it.
      sys.bins.add(`statbench${layers}`, async (proc) => {
        await proc.mkdir(`/tmp/union${layers}`)
        await proc.bind('/tmp/layers/l1', `/tmp/union${layers}`)
        for (let i = 2; i <= layers; i++) await proc.bind(`/tmp/layers/l${i}`, `/tmp/union${layers}`, { after: true })
        const path = `/tmp/union${layers}/file${layers}`
        if ((await proc.stat(path)).length !== 1) throw new Error('wrong file')
        result = await repeat(RUNS, async () => {
          const t = performance.now()
          for (let i = 0; i < STATS; i++) await proc.stat(path)
          return (STATS * 1000) / (performance.now() - t)
        })
        return 0
      })
      const r = await sys.exec([`statbench${layers}`], { user: 'root', rfork: 'n' })
      if (r.exitCode !== 0 || result === undefined) throw new Error(`statbench: ${r.stderr}`)
      out.set(layers, result)
    }
  } finally {
    await sys.shutdown()
  }
  return out
}

async function hostRate(): Promise<Awaited<ReturnType<typeof repeat>>> {
  const file = join(tmpdir(), `ninefold-bench-stat-${process.pid}`)
  writeFileSync(file, 'x')
  try {
    return await repeat(RUNS, async () => {
      const t = performance.now()
      for (let i = 0; i < STATS; i++) statSync(file)
      return (STATS * 1000) / (performance.now() - t)
    })
  } finally {
    rmSync(file, { force: true })
  }
}

export const namespaceWorkload: Workload = {
  id: 6,
  title: 'Namespace',
  async run(): Promise<WorkloadResult> {
    const rates = await ninefoldRates()
    const rows = LAYERS.map((n) => ({ system: `ninefold, ${n} layer${n > 1 ? 's' : ''}`, stats: rates.get(n)! }))
    rows.push({ system: 'Linux stat(2) from Node (floor)', stats: await hostRate() })
    return {
      id: 6,
      title: this.title,
      description: `\`proc.stat(path)\` from inside a ninefold process, ${STATS.toLocaleString('en')} calls a run, the file in the last of N union layers (\`bind\`, then \`bind -a\` N-1 times); beside it \`fs.statSync\` of a host file. Stats per second. Higher is better.`,
      unit: 'stats/s',
      higherIsBetter: true,
      rows,
    }
  },
  targets(r): Target[] {
    const one = row(r, 'ninefold, 1 layer')
    const sixteen = row(r, 'ninefold, 16 layers')
    return [
      { text: '6. Namespace: at least 1,000,000 stats/s through one layer', met: (one?.median ?? 0) >= 1e6, evidence: `${Math.round(one?.median ?? 0).toLocaleString('en')} stats/s` },
      { text: '6. Namespace: at least 250,000 stats/s through 16 layers', met: (sixteen?.median ?? 0) >= 250_000, evidence: `${Math.round(sixteen?.median ?? 0).toLocaleString('en')} stats/s` },
    ]
  },
}
