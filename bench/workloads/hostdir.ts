/**
 * 12 and 13. A host directory: `grep -r` and `find` over 10,000 files on the host, ninefold
 * reading them through hostfs (mounted read-only at /work) beside dash running GNU grep and
 * find on the same directory.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { row, type Row, type Target, type Workload, type WorkloadResult } from '../harness.ts'
import { dash, measured, ninefold as ninefoldKind, type Instance, type SystemKind } from '../systems.ts'
import { ninefold } from '../ninefold.ts'
import { asMs, measureScript } from './script.ts'

const DIRS = 100
const FILES = 100
/** Every seventh file has the word the grep looks for. */
const MATCHES = Math.ceil((DIRS * FILES) / 7)

function makeTree(): string {
  const top = mkdtempSync(join(tmpdir(), 'ninefold-bench-host-'))
  let n = 0
  for (let d = 0; d < DIRS; d++) {
    const dir = join(top, `d${String(d).padStart(3, '0')}`)
    mkdirSync(dir)
    for (let f = 0; f < FILES; f++, n++) writeFileSync(join(dir, `f${String(f).padStart(3, '0')}.txt`), `line one of ${n}\n${n % 7 === 0 ? 'a needle here\n' : 'nothing\n'}last line\n`)
  }
  return top
}

/** ninefold with the host tree mounted read-only at /work, from the same build the other workloads use. */
function ninefoldOver(top: string): SystemKind {
  return {
    ...ninefoldKind,
    async boot(): Promise<Instance> {
      const nf = await ninefold()
      const build = process.env.NINEFOLD_BUILD
      const node = (await (build ? import(pathToFileURL(`${build}/src/node/index.js`).href) : import('../../src/node/index.ts'))) as typeof import('../../src/node/index.ts')
      const sys = await nf.boot({ presets: [nf.stdSystem()], mounts: { '/work': node.hostDir(top) } })
      return { run: (s) => sys.run(s), writeFile: (p, d) => sys.writeFile(p, d), mkdir: (p) => sys.mkdirAll(p, 0o777), close: () => sys.shutdown() }
    },
  }
}

function hostWorkload(id: number, title: string, script: (dir: string) => string, expected: number, what: string): Workload {
  return {
    id,
    title,
    perSystem: true,
    async run(): Promise<WorkloadResult> {
      const top = makeTree()
      const rows: Row[] = []
      try {
        for (const system of [ninefoldOver(top), dash].filter(measured)) {
          rows.push(await measureScript({ system, script: script(system === dash ? top : '/work'), expect: (out) => Number(out.trim()) === expected, runs: 5, value: asMs }))
        }
      } finally {
        rmSync(top, { recursive: true, force: true })
      }
      return { id, title, description: `${what} over a host directory of ${(DIRS * FILES).toLocaleString('en')} small files in ${DIRS} directories (ninefold through hostfs, read-only; dash: GNU tools, whole processes); milliseconds. Lower is better.`, unit: 'ms', higherIsBetter: false, rows }
    },
    targets(r): Target[] {
      const nf = row(r, 'ninefold')
      const d = row(r, 'dash')
      const ratio = nf && d ? nf.median / d.median : Infinity
      return [{ text: `${id}. ${title}: ninefold within 2x of dash+GNU`, met: ratio <= 2, evidence: `ninefold ${nf?.median.toFixed(1) ?? '?'} vs dash ${d?.median.toFixed(1) ?? '?'} ms (${ratio.toFixed(2)}x)` }]
    },
  }
}

export const hostGrepWorkload = hostWorkload(12, 'Host grep -r', (dir) => `grep -r needle ${dir} | wc -l`, MATCHES, '`grep -r needle DIR | wc -l`')
export const hostFindWorkload = hostWorkload(13, 'Host find', (dir) => `find ${dir} | wc -l`, 1 + DIRS + DIRS * FILES, '`find DIR | wc -l`')
