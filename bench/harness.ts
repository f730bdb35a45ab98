/**
 * The benchmark harness: repeated measurement, median and spread, and the shape of a workload's
 * result (one row a system). Workloads return samples in their own unit; the report formats them.
 */

export interface Stats {
  median: number
  min: number
  max: number
  runs: number
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b)
  const mid = s.length >> 1
  const median = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
  return { median, min: s[0]!, max: s[s.length - 1]!, runs: s.length }
}

/** Runs `once` `runs` times after `warmup` unmeasured runs; each call returns one sample. */
export async function repeat(runs: number, once: () => Promise<number>, warmup = 1): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await once()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) samples.push(await once())
  return stats(samples)
}

/** Milliseconds `fn` takes. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

export interface Row {
  system: string
  /** Absent when the system cannot run the workload (the note says why). */
  stats?: Stats
  /** Scale or caveats for this row (a smaller count, a different command). */
  note?: string
}

export interface WorkloadResult {
  id: number
  title: string
  /** What was run, shown above the table. */
  description: string
  unit: string
  higherIsBetter: boolean
  rows: Row[]
}

export interface Target {
  text: string
  met: boolean
  evidence: string
}

export interface Workload {
  id: number
  title: string
  run(): Promise<WorkloadResult>
  /** It measures every system of systems.ts `all`: run.ts gives each a Node process of its own. */
  perSystem?: boolean
  /** The targets this workload decides, from its result (and the others', for comparisons). */
  targets?(result: WorkloadResult): Target[]
}

export function fmt(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}K`
  if (n >= 100) return n.toFixed(0)
  if (n >= 10) return n.toFixed(1)
  if (n >= 1) return n.toFixed(2)
  return n.toFixed(3)
}

export function formatStats(s: Stats): string {
  return `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)}, n=${s.runs})`
}

export function row(result: WorkloadResult, system: string): Stats | undefined {
  return result.rows.find((r) => r.system === system)?.stats
}

/** Whether `a` beats `b` in this workload's direction (medians). */
export function beats(result: WorkloadResult, a: Stats, b: Stats): boolean {
  return result.higherIsBetter ? a.median > b.median : a.median < b.median
}

/** Prints progress on stderr, so stdout stays the report. */
export function log(msg: string): void {
  process.stderr.write(msg + '\n')
}
