/**
 * `npm run bench`: every workload, ninefold beside its peers, then bench/RESULTS.md.
 * `npm run bench -- --only 2,4` runs some workloads and prints their tables without writing
 * RESULTS.md (add `--write` to write it anyway, with only those workloads). ninefold runs as the
 * package is shipped, compiled by tsc (see ninefold.ts); `--source` runs the sources through tsx.
 *
 * Each workload runs in a fresh Node process (this file with `--workload N --result FILE`), and
 * each system a workload compares in one of its own, so no figure depends on what ran before it:
 * the heap another run left behind, or code it warmed up for other shapes (in one process,
 * workload 6 after 2 and 4 measured 2.5 times slower than alone).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, totalmem, platform, release, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatStats, log, type Target, type Workload, type WorkloadResult } from './harness.ts'
import { buildPackage } from './ninefold.ts'

// Built before the workloads load: they import ninefold at load time (see ninefold.ts). A
// workload's child process inherits NINEFOLD_BUILD instead.
if (!process.argv.includes('--source') && !process.argv.includes('--workload')) buildPackage()
const { workloads } = await import('./workloads/index.ts')
const { all } = await import('./systems.ts')

function parseOnly(argv: string[]): Set<number> | undefined {
  const i = argv.indexOf('--only')
  if (i < 0) return undefined
  const ids = (argv[i + 1] ?? '').split(',').map(Number)
  if (ids.length === 0 || ids.some((n) => !workloads.some((w) => w.id === n))) throw new Error(`--only: expected workload numbers 1-${workloads.length}, like --only 2,4`)
  return new Set(ids)
}

function table(r: WorkloadResult): string {
  const lines = [`### ${r.id}. ${r.title}`, '', r.description, '', `| system | ${r.unit}: median (min–max, runs) | notes |`, '|---|---|---|']
  for (const row of r.rows) lines.push(`| ${row.system} | ${row.stats ? formatStats(row.stats) : '—'} | ${row.note ?? ''} |`)
  return lines.join('\n')
}

function machine(): string {
  const cpu = cpus()
  return [
    `- Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${platform()} ${release()}`,
    `- Node: ${process.version}`,
    `- Date: ${new Date().toISOString()}`,
    `- ninefold: ${process.env.NINEFOLD_BUILD ? 'compiled by tsc, as the package ships (bench/.build)' : 'the TypeScript sources through tsx (--source)'}`,
    `- Command: \`npm run bench\`${process.argv.includes('--only') ? ` (with \`${process.argv.slice(process.argv.indexOf('--only')).join(' ')}\`)` : ''}`,
  ].join('\n')
}

function targetsSection(targets: Target[]): string {
  const lines = ['## Targets', '', '| target | result | figures (medians) |', '|---|---|---|']
  for (const t of targets) lines.push(`| ${t.text} | ${t.met ? 'met' : '**not met**'} | ${t.evidence} |`)
  return lines.join('\n')
}

/** The child's side: runs one workload and writes its result as JSON. */
async function runOne(id: number, resultFile: string): Promise<void> {
  const w = workloads.find((x) => x.id === id)
  if (w === undefined) throw new Error(`--workload: no workload ${id}`)
  writeFileSync(resultFile, JSON.stringify(await w.run()))
}

/** Runs workload `id` in a fresh Node process with this process's flags and environment, measuring only `system` if given. */
function inChild(id: number, dir: string, system?: string): WorkloadResult {
  const resultFile = join(dir, `${id}.json`)
  const env = system === undefined ? process.env : { ...process.env, NINEFOLD_BENCH_SYSTEM: system }
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--workload', String(id), '--result', resultFile], { stdio: 'inherit', env })
  if (child.status !== 0) throw new Error(`workload ${id} failed (exit ${child.status ?? child.signal})`)
  return JSON.parse(readFileSync(resultFile, 'utf8')) as WorkloadResult
}

/** A workload's result, with each system it compares measured in a process of its own. */
function measure(w: Workload, dir: string): WorkloadResult {
  if (!w.perSystem) return inChild(w.id, dir)
  const parts = all.map((system) => inChild(w.id, dir, system.name))
  return { ...parts[0]!, rows: parts.flatMap((p) => p.rows) }
}

async function main(): Promise<void> {
  const only = parseOnly(process.argv)
  const results: WorkloadResult[] = []
  const targets: Target[] = []
  const dir = mkdtempSync(join(tmpdir(), 'ninefold-bench-'))
  for (const w of workloads) {
    if (only && !only.has(w.id)) continue
    log(`${w.id}. ${w.title}`)
    const r = measure(w, dir)
    results.push(r)
    targets.push(...(w.targets?.(r) ?? []))
    log(table(r) + '\n')
  }
  rmSync(dir, { recursive: true, force: true })
  const here = fileURLToPath(new URL('.', import.meta.url))
  const changesFile = here + 'changes.md'
  const changes = existsSync(changesFile) ? readFileSync(changesFile, 'utf8').trim() : ''
  const doc = [
    '# Benchmarks',
    '',
    'ninefold beside the systems users would pick instead: [just-bash](https://www.npmjs.com/package/just-bash) and [@lifo-sh/core](https://www.npmjs.com/package/@lifo-sh/core) (both in-process JavaScript shells, devDependencies used only here) and the host\'s `/bin/dash` with its coreutils. Every figure comes from the code in `bench/` (one module a workload in `bench/workloads/`) and is the median of several runs, with the spread (min–max) and the number of runs; one unmeasured warm-up run comes first. Each workload, and each system a workload compares, runs in a fresh Node process, so no figure depends on what ran before it. Where a peer would take minutes at the full count, it runs a smaller count and the row says so (rates stay comparable).',
    '',
    machine(),
    '',
    targetsSection(targets),
    '',
    '## Results',
    '',
    results.map(table).join('\n\n'),
    '',
    changes,
    '',
  ].join('\n')
  if (!only || process.argv.includes('--write')) {
    writeFileSync(here + 'RESULTS.md', doc)
    log(`wrote ${here}RESULTS.md`)
  } else process.stdout.write(targetsSection(targets) + '\n')
}

const workloadArg = process.argv.indexOf('--workload')
if (workloadArg >= 0) await runOne(Number(process.argv[workloadArg + 1]), process.argv[process.argv.indexOf('--result') + 1]!)
else await main()
process.exit(0)
