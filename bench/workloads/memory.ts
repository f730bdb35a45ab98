/** 8. Memory: heap and resident bytes per sleeping process, 500 `sleep 1000 &` in one shell (ninefold). */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { stats, row, type Target, type Workload, type WorkloadResult } from '../harness.ts'

/** Sleepers: a run may have at most 512 live processes (DEFAULT_LIMITS in kernel/limits.ts), the shell and the probe among them. */
const COUNT = 500
const RUNS = 3
const child = fileURLToPath(new URL('./memory-child.ts', import.meta.url))

function once(): Promise<{ sleeping: number; heap: number; rss: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', '--import', 'tsx', child, String(COUNT)], { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`))
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!))
    })
  })
}

export const memoryWorkload: Workload = {
  id: 8,
  title: 'Memory',
  async run(): Promise<WorkloadResult> {
    const samples = []
    for (let i = 0; i < RUNS; i++) {
      const s = await once()
      if (s.sleeping !== COUNT) throw new Error(`expected ${COUNT} sleeping processes, found ${s.sleeping}`)
      samples.push(s)
    }
    return {
      id: 8,
      title: this.title,
      description: `Bytes per sleeping process: ${COUNT.toLocaleString('en')} \`sleep 1000 &\` in one ninefold shell, measured (after forced GC, in a fresh \`node --expose-gc\`) from a command that shell runs while they sleep, against the idle booted system. Each run is a new Node process. Lower is better.`,
      unit: 'bytes/process',
      higherIsBetter: false,
      rows: [
        { system: 'ninefold, heap', stats: stats(samples.map((s) => s.heap)) },
        { system: 'ninefold, resident (rss)', stats: stats(samples.map((s) => s.rss)) },
      ],
    }
  },
  targets(r): Target[] {
    const heap = row(r, 'ninefold, heap')
    return [{ text: '8. Memory: under 4 KiB of heap per sleeping process', met: (heap?.median ?? Infinity) < 4096, evidence: `${Math.round(heap?.median ?? 0).toLocaleString('en')} bytes of heap, ${Math.round(row(r, 'ninefold, resident (rss)')?.median ?? 0).toLocaleString('en')} bytes resident` }]
  },
}
