import { ninefold as load } from './ninefold.ts'
import { treeFiles } from './workloads/text.ts'
const { boot, stdSystem } = await load()
const sys = await boot({ presets: [stdSystem()] })
const n = Number(process.argv[2] ?? 1000)
for (const f of treeFiles(n)) {
  if (f.path.endsWith('00.ts')) await sys.mkdirAll(`/tmp/tree/${f.path.slice(0, f.path.indexOf('/'))}`, 0o777)
  await sys.writeFile(`/tmp/tree/${f.path}`, f.text)
}
for (const script of ["find . -name '*.ts'", 'grep -r TODO .', 'true']) {
  const ts: number[] = []
  for (let i = 0; i < 15; i++) { const t = performance.now(); const r = await sys.run(`cd /tmp/tree && ${script}`); ts.push(performance.now() - t); if (r.exitCode !== 0) throw new Error(r.stderr) }
  console.log(script, ts.map((x) => x.toFixed(1)).join(' '))
}
await sys.shutdown(); process.exit(0)
