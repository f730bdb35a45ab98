/**
 * 9. Responsiveness: while a job that never waits runs, how late a host timer fires, and how
 * long Ctrl-C takes to give the prompt back at an interactive login (ninefold only).
 */
import { stats, type Target, type Workload, type WorkloadResult } from '../harness.ts'
import { ninefold } from '../ninefold.ts'

const { boot, stdSystem } = await ninefold()

const BUSY = ['yes > /dev/null', 'cat /dev/zero > /dev/null', 'while true; do :; done']
const RUNS = 20
/** How long each busy run goes before the timer is set, and the timer's delay. */
const RUN_FOR_MS = 30
const TIMER_MS = 10

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** One busy run: how late a host timer set while it runs fires. */
async function timerLateness(sys: Awaited<ReturnType<typeof boot>>, script: string): Promise<number> {
  const stop = new AbortController()
  const run = sys.run(script, { signal: stop.signal })
  await sleep(RUN_FOR_MS)
  const start = performance.now()
  await sleep(TIMER_MS)
  const late = performance.now() - start - TIMER_MS
  stop.abort()
  await run
  return late
}

/**
 * A console a script types into: lines queued as input, output kept. The interrupt is sent from
 * a host timer, as a terminal's key arrives, so a starved host delays it as it would the key.
 */
class ScriptedConsole {
  readonly interactive = true
  foreground = 0
  output = ''
  private lines: string[] = []
  private waiting: ((line: Uint8Array) => void) | undefined

  type(line: string): void {
    if (this.waiting) {
      const w = this.waiting
      this.waiting = undefined
      w(new TextEncoder().encode(line))
    } else this.lines.push(line)
  }

  read(): Promise<Uint8Array> {
    const line = this.lines.shift()
    if (line !== undefined) return Promise.resolve(new TextEncoder().encode(line))
    return new Promise((resolve) => (this.waiting = resolve))
  }

  write(data: Uint8Array): void {
    this.output += new TextDecoder().decode(data)
  }

  /** Resolves when the output since `from` ends with a prompt (the console does not echo what is typed). */
  async prompt(from: number): Promise<void> {
    while (!this.output.slice(from).endsWith('$ ')) await sleep(0)
  }
}

/** Ctrl-C on a busy foreground job: milliseconds from the key (a host timer's due time) to the next prompt. */
async function interruptToPrompt(script: string): Promise<number> {
  const console = new ScriptedConsole()
  const sys = await boot({ presets: [stdSystem()], console })
  const login = sys.login()
  await console.prompt(0)
  const before = console.output.length
  console.type(`${script}\n`)
  const due = performance.now() + RUN_FOR_MS
  await sleep(RUN_FOR_MS)
  sys.interrupt()
  await console.prompt(before)
  const took = performance.now() - due
  console.type('exit\n')
  await login
  await sys.shutdown()
  return took
}

export const responsivenessWorkload: Workload = {
  id: 9,
  title: 'Responsiveness',
  async run(): Promise<WorkloadResult> {
    const rows = []
    const sys = await boot({ presets: [stdSystem()] })
    for (const script of BUSY) {
      await timerLateness(sys, script)
      const samples = []
      for (let i = 0; i < RUNS; i++) samples.push(await timerLateness(sys, script))
      rows.push({ system: `host timer late, \`${script}\``, stats: stats(samples) })
    }
    await sys.shutdown()
    for (const script of BUSY) {
      await interruptToPrompt(script)
      const samples = []
      for (let i = 0; i < 5; i++) samples.push(await interruptToPrompt(script))
      rows.push({ system: `Ctrl-C to prompt, \`${script}\``, stats: stats(samples) })
    }
    return {
      id: 9,
      title: this.title,
      description: `While a job that never waits runs in ninefold: how late a ${TIMER_MS} ms host timer fires (set ${RUN_FOR_MS} ms into each of ${RUNS} runs), and at an interactive login how long Ctrl-C takes from the key to the next prompt. Lower is better.`,
      unit: 'ms',
      higherIsBetter: false,
      rows,
    }
  },
  targets(r): Target[] {
    const timers = r.rows.filter((x) => x.system.startsWith('host timer'))
    const keys = r.rows.filter((x) => x.system.startsWith('Ctrl-C'))
    const worst = (rows: typeof r.rows, pick: 'max' | 'median'): number => Math.max(...rows.map((x) => x.stats?.[pick] ?? Infinity))
    return [
      { text: '9. Responsiveness: a host timer at most 50 ms late while a busy job runs (max over 20 runs)', met: worst(timers, 'max') <= 50, evidence: `worst max ${worst(timers, 'max').toFixed(1)} ms, worst median ${worst(timers, 'median').toFixed(1)} ms` },
      { text: '9. Responsiveness: Ctrl-C to prompt within 100 ms on a busy job', met: worst(keys, 'max') <= 100, evidence: `worst max ${worst(keys, 'max').toFixed(1)} ms, worst median ${worst(keys, 'median').toFixed(1)} ms` },
    ]
  },
}
