import { boot, stdSystem } from '/work/main/src/index.ts'
import { Bash } from 'just-bash'
import { Sandbox } from '@lifo-sh/core'
import { execFileSync } from 'node:child_process'
const N = Number(process.argv[2] ?? 1000)
const spawn = (t: string) => `i=0; while [ $i -lt ${N} ]; do ${t}; i=$((i+1)); done; echo $i`
const builtin = `i=0; s=; while [ $i -lt ${N} ]; do i=$((i+1)); t="x\${i}y"; s=\${t#x}; n=\${#s}; done; echo $i $s $n`
const pipe = `seq 1 ${N*10} | grep 7 | wc -l`
const sys = await boot({ presets: [stdSystem()] })
const Inf = Infinity
const b = new Bash({ executionLimits: { maxCommandCount: Inf, maxLoopIterations: Inf, maxExecutionTimeMs: Inf, maxOutputSize: 2**40, maxFileSystemBytes: 2**40 } as any })
const l = await Sandbox.create()
const sysm: [string, (s: string) => Promise<any>][] = [['nf', (s) => sys.run(s)], ['jb', (s) => b.exec(s)], ['lifo', (s) => l.commands.run(s)], ['dash-skip', async (s) => ({ stdout: execFileSync('/bin/dash', ['-c', s]).toString() })]]
for (const [name, run] of sysm.filter(x => !x[0].endsWith("skip"))) for (const [w, s] of [['spawn', spawn(name === 'lifo' ? 'true' : '/bin/true')], ['builtin', builtin], ['pipe', pipe]]) {
  const t = performance.now(); const r = await run(s); console.log(name, w, (performance.now() - t).toFixed(1), 'ms', JSON.stringify(r.stdout), r.stderr?.slice(0, 200))
}
process.exit(0)
