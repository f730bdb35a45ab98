/**
 * The shape most workloads share: boot a system once, prepare it, then time one script several
 * times, checking its output each time (a fast wrong answer is no answer).
 */
import { log, repeat, timed, type Row } from '../harness.ts'
import { measured, same, type Instance, type SystemKind } from '../systems.ts'

export interface ScriptRun {
  system: SystemKind
  script: string
  expect: string | ((stdout: string) => boolean)
  runs: number
  /** Turns one run's milliseconds into the workload's unit. */
  value: (ms: number) => number
  setup?: (sys: Instance) => Promise<void>
  note?: string
  warmup?: number
}

export async function measureScript(spec: ScriptRun): Promise<Row> {
  const { system, script } = spec
  log(`  ${system.name}: ${script.length > 90 ? script.slice(0, 87) + '...' : script}`)
  const sys = await system.boot()
  try {
    await spec.setup?.(sys)
    const stats = await repeat(
      spec.runs,
      async () => {
        let out: Awaited<ReturnType<Instance['run']>> | undefined
        const ms = await timed(async () => {
          out = await sys.run(script)
        })
        const ok = typeof spec.expect === 'string' ? same(out!.stdout, spec.expect) : spec.expect(out!.stdout)
        if (!ok) throw new Error(`wrong output: ${JSON.stringify(out!.stdout.slice(0, 80))} ${JSON.stringify(out!.stderr.slice(0, 160))}`)
        return spec.value(ms)
      },
      spec.warmup ?? 1,
    )
    return { system: system.name, stats, ...(spec.note ? { note: spec.note } : {}) }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    log(`    failed: ${msg}`)
    return { system: system.name, note: `could not run it: ${msg}` }
  } finally {
    await sys.close()
  }
}

/** Commands per second from a count and milliseconds. */
export const perSecond = (count: number) => (ms: number): number => (count * 1000) / ms
export const asMs = (ms: number): number => ms

/** Which systems a workload runs, each with its count and number of runs. */
export type Plan = [SystemKind, number, number][]

/** Measures one script per system of a plan; `spec` makes each system's script from its count. */
export async function measurePlan(plan: Plan, spec: (system: SystemKind, n: number) => Omit<ScriptRun, 'system' | 'runs'>): Promise<Row[]> {
  const rows: Row[] = []
  for (const [system, n, runs] of plan) if (measured(system)) rows.push(await measureScript({ system, runs, ...spec(system, n) }))
  return rows
}
