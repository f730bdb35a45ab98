/**
 * Run by workloads/memory.ts in a fresh `node --expose-gc` process: boots ninefold, starts
 * COUNT `sleep 1000 &` in one shell and, from a command that shell runs last, measures the heap
 * and resident set against the idle system's. Prints one JSON line.
 */
import { ninefold as load } from '../ninefold.ts'

const { boot, stdSystem } = await load()

const COUNT = Number(process.argv[2] ?? 500)
const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('run with --expose-gc')

function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 4; i++) gc!()
  return process.memoryUsage()
}

const sys = await boot({ presets: [stdSystem()] })
// A throwaway run of the same loop, so what V8 compiles for it (about 900 bytes a process
// when spread over 500) is in the baseline rather than counted as the sleepers' memory.
await sys.run(`i=0; while [ $i -lt ${COUNT} ]; do sleep 0 & i=$((i+1)); done; wait`)
const before = settle()
let sleeping = 0
// The sleepers keep the shell's standard output open, so sys.run would wait for them: the probe
// (the shell's last command) hands over the figures instead.
const measured = new Promise<NodeJS.MemoryUsage>((resolve) => {
  sys.bins.add('memprobe', async (proc) => {
    sleeping = proc.procs().filter((p) => p.argv[0] === 'sleep' && p.state === 'Running').length
    resolve(settle())
    return 0
  })
})
void sys.run(`i=0; while [ $i -lt ${COUNT} ]; do sleep 1000 & i=$((i+1)); done; memprobe`)
const after = await measured
console.log(JSON.stringify({ sleeping, heap: (after.heapUsed - before.heapUsed) / sleeping, rss: (after.rss - before.rss) / sleeping }))
await sys.shutdown()
process.exit(0)
