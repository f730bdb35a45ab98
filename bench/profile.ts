/**
 * The ninefold side of one workload, alone, for the profiler (after `npm run bench` built
 * bench/.build; without NINEFOLD_BUILD it profiles the sources through tsx):
 *   NINEFOLD_BUILD=bench/.build node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts spawn
 *   node --import tsx bench/top.ts /tmp/prof/<the largest .cpuprofile>
 * Workloads: boot, spawn, builtins, pipeline, throughput, stat1, stat16, ls, fib, caseloop, readloop,
 * tr, grepc, sortuniq, cutsort, grepr (10,000 files), find (10,000 files), sysrun.
 */
import { ninefold as load } from './ninefold.ts'
import { CASE, FIB, lines, readScript } from './workloads/scripts.ts'
import { loop } from './workloads/spawn.ts'
import { makeLog, treeFiles } from './workloads/text.ts'

const { boot, stdSystem } = await load()

const which = process.argv[2] ?? ''
const sys = await boot({ presets: [stdSystem()] })

async function times(n: number, script: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await sys.run(script)
    if (r.exitCode !== 0) throw new Error(r.stderr)
  }
}

async function withLog(n: number, script: string): Promise<void> {
  await sys.writeFile('/tmp/log', makeLog(50_000_000).bytes)
  await times(n, script)
}

async function withTree(n: number, script: string): Promise<void> {
  for (const f of treeFiles(10_000)) {
    if (f.path.endsWith('00.ts')) await sys.mkdirAll(`/tmp/tree/${f.path.slice(0, f.path.indexOf('/'))}`, 0o777)
    await sys.writeFile(`/tmp/tree/${f.path}`, f.text)
  }
  await times(n, `cd /tmp/tree && ${script}`)
}

async function statLoop(layers: number): Promise<void> {
  for (let i = 1; i <= layers; i++) await sys.mkdirAll(`/tmp/layers/l${i}`, 0o755)
  await sys.writeFile(`/tmp/layers/l${layers}/file`, 'x')
  sys.bins.add('statloop', async (proc) => {
    await proc.mkdir('/tmp/union')
    await proc.bind('/tmp/layers/l1', '/tmp/union')
    for (let i = 2; i <= layers; i++) await proc.bind(`/tmp/layers/l${i}`, '/tmp/union', { after: true })
    for (let i = 0; i < 1_000_000; i++) await proc.stat('/tmp/union/file')
    return 0
  })
  const r = await sys.exec(['statloop'], { user: 'root', rfork: 'n' })
  if (r.exitCode !== 0) throw new Error(r.stderr)
}

const t = performance.now()
switch (which) {
  case 'boot':
    for (let i = 0; i < 200; i++) {
      const s = await boot({ presets: [stdSystem()] })
      await s.run('true')
      await s.shutdown()
    }
    break
  case 'spawn':
    await times(1, loop(200_000, '/bin/true'))
    break
  case 'builtins':
    await times(1, 'i=0; s=; while [ $i -lt 300000 ]; do i=$((i+1)); t="x${i}y"; s=${t#x}; n=${#s}; done')
    break
  case 'pipeline':
    await times(5, 'seq 1 1000000 | grep 7 | wc -l')
    break
  case 'throughput':
    await sys.writeFile('/tmp/big', new Uint8Array(256 << 20).fill(120))
    await times(5, 'cat /tmp/big | wc -c')
    break
  case 'stat1':
    await statLoop(1)
    break
  case 'stat16':
    await statLoop(16)
    break
  case 'ls':
    await sys.mkdirAll('/tmp/dir', 0o777)
    for (let i = 0; i < 10_000; i++) await sys.writeFile(`/tmp/dir/file${i}`, '')
    await times(100, 'ls /tmp/dir')
    break
  case 'fib':
    await times(10, FIB)
    break
  case 'caseloop':
    await times(10, CASE)
    break
  case 'readloop':
    await sys.writeFile('/tmp/lines.txt', lines)
    await times(5, readScript('/tmp/lines.txt'))
    break
  case 'tr':
    await withLog(5, 'tr a-z A-Z < /tmp/log | wc -c')
    break
  case 'grepc':
    await withLog(5, 'grep -c ERROR /tmp/log')
    break
  case 'sortuniq':
    await withLog(1, 'sort /tmp/log | uniq -c | sort -rn | head')
    break
  case 'cutsort':
    await withLog(3, "cut -d' ' -f1 /tmp/log | sort -u")
    break
  case 'grepr':
    await withTree(10, 'grep -r TODO . | wc -l')
    break
  case 'find':
    await withTree(10, "find . -name '*.ts' | wc -l")
    break
  case 'sysrun':
    for (let i = 0; i < 20_000; i++) await sys.run('echo hi')
    break
  default:
    throw new Error(`profile.ts: unknown workload ${JSON.stringify(which)}`)
}
console.error(`${which}: ${(performance.now() - t).toFixed(0)} ms`)
await sys.shutdown()
process.exit(0)
