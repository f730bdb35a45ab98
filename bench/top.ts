/** Summarizes a V8 .cpuprofile: the functions with the most self time, and where they are. */
import { readFileSync } from 'node:fs'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: Node[]
  samples: number[]
  timeDeltas: number[]
}

const file = process.argv[2]
if (!file) throw new Error('usage: top.ts FILE.cpuprofile [count]')
const count = Number(process.argv[3] ?? 30)
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const self = new Map<string, number>()
let total = 0
p.samples.forEach((id, i) => {
  const dt = p.timeDeltas[i] ?? 0
  total += dt
  const f = byId.get(id)!.callFrame
  const key = `${f.functionName || '(anonymous)'}  ${f.url.replace(/^.*\/work\/main\//, '')}:${f.lineNumber + 1}`
  self.set(key, (self.get(key) ?? 0) + dt)
})
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, count)
for (const [k, us] of rows) console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
