/**
 * 17–27. Text processing on a 50 MB log, recursive grep and find over trees of small files, and
 * the cost of one `sys.run`. The log and the trees are generated deterministically, so every
 * system (and every run) sees the same bytes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { log, row, stats, type Row, type Target, type Workload, type WorkloadResult } from '../harness.ts'
import { all, dash, justBash, lifo, measured, ninefold, type Instance, type SystemKind } from '../systems.ts'
import { peerTargets } from './boot.ts'
import { measureScript } from './script.ts'

const MB = 1_000_000
const LEVELS = ['INFO request served', 'WARN slow response', 'ERROR upstream failed', 'DEBUG cache miss']

/** A pseudo-random sequence that is the same on every run (a 31-bit LCG). */
function lcg(seed: number): () => number {
  let x = seed
  return () => (x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff)
}

interface LogFile {
  bytes: Uint8Array
  lines: string[]
}

/**
 * About `size` bytes of access log, one request a line: `10.0.A.B GET /api/v1/items/N STATUS
 * LEVEL text`. 200 clients, 50 paths and four levels (one line in 16 an ERROR), so lines repeat
 * (sort | uniq -c has something to count) and the first field has 200 values.
 */
export function makeLog(size: number): LogFile {
  const next = lcg(19)
  const lines: string[] = []
  let total = 0
  while (total < size) {
    const r = next()
    const ip = (r >> 4) % 200
    const level = (r & 15) === 0 ? 2 : (r >> 12) % 8 === 0 ? 1 : (r >> 16) % 5 === 0 ? 3 : 0
    const line = `10.0.${ip >> 4}.${ip & 15} GET /api/v1/items/${(r >> 20) % 50} ${level === 2 ? 502 : 200} ${LEVELS[level]}\n`
    lines.push(line)
    total += line.length
  }
  return { bytes: new TextEncoder().encode(lines.join('')), lines }
}

/** How many lines of `log` contain `word`. */
const countWith = (log: LogFile, word: string): number => log.lines.filter((l) => l.includes(word)).length

/** The counts `sort | uniq -c | sort -rn | head` shows, largest first. */
function topCounts(log: LogFile): number[] {
  const counts = new Map<string, number>()
  for (const l of log.lines) counts.set(l, (counts.get(l) ?? 0) + 1)
  return [...counts.values()].sort((a, b) => b - a).slice(0, 10)
}

const firstFields = (log: LogFile): Set<string> => new Set(log.lines.map((l) => l.slice(0, l.indexOf(' '))))

/** Where a system keeps the log: the host's tmpdir for dash, /tmp inside the others. */
function logPath(system: SystemKind, hostDir: string): string {
  return system === dash ? join(hostDir, 'log') : '/tmp/log'
}

interface TextSpec {
  id: number
  title: string
  /** The pipeline, given the log's path. */
  script: (path: string) => string
  what: string
  check: (log: LogFile) => (stdout: string) => boolean
  /** Megabytes each system runs on: the JS peers less where 50 MB would take minutes. */
  sizes: Partial<Record<SystemKind['name'], number>>
}

function textWorkload(spec: TextSpec): Workload {
  return {
    id: spec.id,
    title: spec.title,
    perSystem: true,
    async run(): Promise<WorkloadResult> {
      const hostDir = mkdtempSync(join(tmpdir(), 'ninefold-bench-text-'))
      const rows: Row[] = []
      try {
        for (const system of all.filter(measured)) {
          const mb = spec.sizes[system.name] ?? 50
          // Only the bytes and the expected answer stay: the log's lines would be heap that every
          // collection in ninefold's process (not in dash's) had to mark while it ran.
          let data: LogFile | undefined = makeLog(mb * MB)
          const expect = spec.check(data)
          const bytes = data.bytes
          data = undefined
          const path = logPath(system, hostDir)
          rows.push(
            await measureScript({
              system,
              script: spec.script(path),
              expect,
              runs: system === ninefold || system === dash ? 5 : 3,
              value: (ms) => bytes.length / MB / (ms / 1000),
              setup: async (sys: Instance) => {
                if (system === dash) writeFileSync(path, bytes)
                else await sys.writeFile(path, bytes)
              },
              ...(mb === 50 ? {} : { note: `on ${mb} MB of the same log (50 MB would take minutes)` }),
            }),
          )
        }
      } finally {
        rmSync(hostDir, { recursive: true, force: true })
      }
      return {
        id: spec.id,
        title: spec.title,
        description: `${spec.what} on a 50 MB access log generated deterministically (dash: the host's GNU tools on a file in its tmpdir, a whole process); MB/s of log (10^6 bytes). Higher is better.`,
        unit: 'MB/s',
        higherIsBetter: true,
        rows,
      }
    },
    targets(r): Target[] {
      const nf = row(r, 'ninefold')
      const d = row(r, 'dash')
      const ratio = nf && d ? d.median / nf.median : Infinity
      return [{ text: `${spec.id}. ${spec.title}: ninefold within 2x of dash+GNU`, met: ratio <= 2, evidence: `ninefold ${nf?.median.toFixed(0) ?? '?'} vs dash ${d?.median.toFixed(0) ?? '?'} MB/s (${ratio.toFixed(2)}x dash's time)` }]
    },
  }
}

/** The check of a pipeline that prints one number (computed before the timed runs). */
const printsNumber = (want: number) => (out: string): boolean => Number(out.trim()) === want

const lineCount = (out: string): number => (out === '' ? 0 : out.split('\n').filter(Boolean).length)

export const trWorkload = textWorkload({
  id: 17,
  title: 'tr',
  what: '`tr a-z A-Z < LOG | wc -c`',
  script: (p) => `tr a-z A-Z < ${p} | wc -c`,
  check: (log) => printsNumber(log.bytes.length),
  sizes: { 'just-bash': 5, lifo: 5 },
})

export const grepCountWorkload = textWorkload({
  id: 18,
  title: 'grep -c',
  what: '`grep -c ERROR LOG`',
  script: (p) => `grep -c ERROR ${p}`,
  check: (log) => printsNumber(countWith(log, 'ERROR')),
  sizes: { 'just-bash': 10, lifo: 10 },
})

export const sortUniqWorkload = textWorkload({
  id: 19,
  title: 'sort | uniq -c',
  what: '`sort LOG | uniq -c | sort -rn | head`',
  script: (p) => `sort ${p} | uniq -c | sort -rn | head`,
  check: (log) => {
    const want = topCounts(log).join(' ')
    return (out) => out.split('\n').filter(Boolean).map((l) => parseInt(l.trim(), 10)).join(' ') === want
  },
  sizes: { 'just-bash': 5, lifo: 5 },
})

export const cutSortWorkload = textWorkload({
  id: 20,
  title: 'cut | sort -u',
  what: "`cut -d' ' -f1 LOG | sort -u`",
  script: (p) => `cut -d' ' -f1 ${p} | sort -u`,
  check: (log) => {
    const want = firstFields(log)
    return (out) => {
      const got = out.split('\n').filter(Boolean)
      return got.length === want.size && got.every((f) => want.has(f))
    }
  },
  sizes: { 'just-bash': 5, lifo: 5 },
})

/** A tree of `files` small files, 100 a directory, half `.ts` and half `.md`; every seventh has a TODO. */
export function treeFiles(files: number): { path: string; text: string }[] {
  const out = []
  for (let n = 0; n < files; n++) {
    const name = `d${String(Math.floor(n / 100)).padStart(4, '0')}/f${String(n % 100).padStart(2, '0')}.${n % 2 === 0 ? 'ts' : 'md'}`
    out.push({ path: name, text: `// file ${n}\n${n % 7 === 0 ? 'const x = 1 // TODO: check\n' : 'const x = 1\n'}export default x\n` })
  }
  return out
}

const todos = (files: number): number => Math.ceil(files / 7)

interface TreeSpec {
  id: number
  title: string
  files: number
  command: string
  check: (files: number) => (stdout: string) => boolean
  /** Files each peer runs on, where the whole tree would take minutes. */
  sizes?: Partial<Record<SystemKind['name'], number>>
}

function treeWorkload(spec: TreeSpec): Workload {
  return {
    id: spec.id,
    title: spec.title,
    perSystem: true,
    async run(): Promise<WorkloadResult> {
      const rows: Row[] = []
      for (const system of all.filter(measured)) {
        const files = spec.sizes?.[system.name] ?? spec.files
        const tree = treeFiles(files)
        const hostDir = system === dash ? mkdtempSync(join(tmpdir(), 'ninefold-bench-tree-')) : '/tmp/tree'
        try {
          rows.push(
            await measureScript({
              system,
              script: `cd ${hostDir} && ${spec.command}`,
              expect: spec.check(files),
              runs: system === ninefold || system === dash ? 5 : 3,
              value: (ms) => files / (ms / 1000),
              setup: async (sys) => {
                const t = performance.now()
                for (const f of tree) {
                  if (f.path.endsWith('00.ts')) await sys.mkdir(`${hostDir}/${f.path.slice(0, f.path.indexOf('/'))}`)
                  if (system === dash) writeFileSync(join(hostDir, f.path), f.text)
                  else await sys.writeFile(`${hostDir}/${f.path}`, f.text)
                }
                log(`    ${files} files made in ${(performance.now() - t).toFixed(0)} ms`)
              },
              ...(files === spec.files ? {} : { note: `${files.toLocaleString('en')} files (${spec.files.toLocaleString('en')} would take minutes)` }),
            }),
          )
        } finally {
          if (system === dash) rmSync(hostDir, { recursive: true, force: true })
        }
      }
      return {
        id: spec.id,
        title: spec.title,
        description: `\`cd DIR && ${spec.command}\` over ${spec.files.toLocaleString('en')} small files, 100 a directory, generated deterministically (dash: GNU tools on the host's tmpdir, a whole process); files per second. Higher is better.`,
        unit: 'files/s',
        higherIsBetter: true,
        rows,
      }
    },
    targets: (r) => peerTargets(r, ['just-bash', 'lifo']),
  }
}

const grepCheck = (numbered: boolean) => (files: number) => (out: string) => {
  const lines = out.split('\n').filter(Boolean)
  return lines.length === todos(files) && lines.every((l) => l.includes(numbered ? ':2:const x = 1 // TODO' : ':const x = 1 // TODO'))
}
const findCheck = (files: number) => (out: string) => lineCount(out) === Math.ceil(files / 2)

const SIZES = [1_000, 10_000, 100_000]
export const treeWorkloads: Workload[] = [
  ...SIZES.map((files, i) => treeWorkload({ id: 21 + i, title: `grep -r, ${files.toLocaleString('en')} files`, files, command: 'grep -r TODO .', check: grepCheck(false) })),
  treeWorkload({ id: 24, title: 'grep -rn, 2,000 files', files: 2_000, command: 'grep -rn TODO .', check: grepCheck(true) }),
  ...SIZES.map((files, i) => treeWorkload({ id: 25 + i, title: `find -name, ${files.toLocaleString('en')} files`, files, command: "find . -name '*.ts'", check: findCheck })),
]

const CALLS = 1_000
const BATCHES = 5

/**
 * Milliseconds of each of `CALLS` runs of `echo hi` in a freshly booted system, sorted, and the
 * minor page faults the process took meanwhile: a batch whose allocations land on pages the heap
 * has not touched yet pays for each page's first touch, which on this VM is a large part of a call.
 */
async function batch(system: SystemKind): Promise<{ times: number[]; faults: number }> {
  const sys = await system.boot()
  const times: number[] = []
  const faultsBefore = process.resourceUsage().minorPageFault
  try {
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now()
      const r = await sys.run('echo hi')
      times.push(performance.now() - t)
      if (r.stdout !== 'hi\n') throw new Error(`${system.name}: echo hi gave ${JSON.stringify(r.stdout)}`)
    }
  } finally {
    await sys.close()
  }
  return { times: times.sort((a, b) => a - b), faults: process.resourceUsage().minorPageFault - faultsBefore }
}

export const runCallWorkload: Workload = {
  id: 28,
  title: 'sys.run',
  perSystem: true,
  async run(): Promise<WorkloadResult> {
    const rows: Row[] = []
    for (const system of [ninefold, justBash, lifo].filter(measured)) {
      log(`  ${system.name}: ${BATCHES} x ${CALLS} run('echo hi')`)
      const medians: number[] = []
      const p99s: number[] = []
      const faults: number[] = []
      for (let b = 0; b < BATCHES; b++) {
        const { times, faults: f } = await batch(system)
        medians.push(times[CALLS >> 1]!)
        p99s.push(times[Math.floor(CALLS * 0.99)]!)
        faults.push(f)
      }
      const batches = `batches in order: ${medians.map((m) => m.toFixed(3)).join(' / ')} ms; page faults ${faults.join(' / ')}`
      const first = `first batch (a fresh Node process) ${p99s[0]!.toFixed(3)} ms`
      rows.push({ system: system.name, stats: stats(medians), note: batches }, { system: `${system.name} p99`, stats: stats(p99s), note: first })
    }
    return {
      id: 28,
      title: this.title,
      description: `${BATCHES} batches of ${CALLS.toLocaleString('en')} calls of the embedder's run('echo hi'), each batch in a freshly booted system, one Node process; the median call of each batch, and the 99th percentile (row "p99"); milliseconds. Lower is better. The notes give each batch's median in order and the minor page faults the process took during it.`,
      unit: 'ms',
      higherIsBetter: false,
      rows,
    }
  },
  targets(r): Target[] {
    const p99 = row(r, 'ninefold p99')
    return [...peerTargets(r, ['lifo']).map((t) => ({ ...t, text: t.text.replace('faster than', 'median call at most'), met: (row(r, 'ninefold')?.median ?? Infinity) <= (row(r, 'lifo')?.median ?? 0) })), { text: '28. sys.run: p99 at most 1 ms', met: (p99?.median ?? Infinity) <= 1, evidence: `ninefold p99 ${p99?.median.toFixed(3) ?? '?'} ms (median of ${BATCHES} batches)` }]
  },
}
