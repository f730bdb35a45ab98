/**
 * Jobs: each is a pipeline (or a subshell) of real processes in its own process group, started
 * in the background or stopped in the foreground (Ctrl-Z). The table keeps their exit statuses
 * once they end, for `wait` and `jobs`, and knows which are stopped.
 */
import type { ChildProcess } from '../kernel/types.ts'

/** How bash names a job ended by a signal, by the signal's number. */
const SIGNAL_ENDINGS: Record<number, string> = {
  1: 'Hangup',
  2: 'Interrupt',
  9: 'Killed',
  10: 'User defined signal 1',
  12: 'User defined signal 2',
  13: 'Broken pipe',
  15: 'Terminated',
}

/** A job's state as `jobs` shows it: Running, Stopped, Done, Exit N, Terminated… */
function stateOf(job: Job): string {
  const status = job.status
  if (status === undefined) return job.stopped ? 'Stopped' : 'Running'
  if (status === 0) return 'Done'
  if (status > 128) return SIGNAL_ENDINGS[status - 128] ?? `Signal ${status - 128}`
  return `Exit ${status}`
}

/**
 * One job. It holds one callback per process and no promise of its own until something waits for
 * it: a shell may keep thousands of jobs running.
 */
export class Job {
  /** Its number in the table (%n); 0 for a foreground job until it stops and joins the table. */
  id = 0
  /** The last process's status, once every process has ended. */
  status: number | undefined
  /** Every process's status, in pipeline order, once the job has ended ($PIPESTATUS). */
  readonly statuses: number[]
  /** The state last reported to the person at the terminal, so a change is told once. */
  reported = 'Running'
  /** When the job was last started, stopped or continued, for choosing the current job. */
  touched = 0
  private running: number
  /** How many of the running processes are stopped. */
  private held = 0
  private waiters: ((status: number) => void)[] | undefined
  private stopWaiters: (() => void)[] | undefined

  constructor(
    readonly pgid: number,
    /** The pids of its processes; the last is $!. */
    readonly pids: number[],
    readonly text: string,
    children: ChildProcess[],
  ) {
    this.running = children.length
    this.statuses = new Array<number>(children.length).fill(0)
    children.forEach((c, i) => this.watch(c, i))
  }

  /** Its own method, so the callbacks hold only the job and the index, not every child. */
  private watch(child: ChildProcess, index: number): void {
    let stopped = false
    child.watchStops?.((now) => {
      stopped = now
      this.stopChanged(now)
    })
    const end = (status: number): void => {
      if (stopped) this.held--
      this.ended(index, status)
    }
    void child.wait().then(end, () => end(127))
  }

  /** Every process still running is stopped (Ctrl-Z, SIGSTOP): the job waits for SIGCONT. */
  get stopped(): boolean {
    return this.status === undefined && this.held > 0 && this.held === this.running
  }

  /** Resolves with the last process's status when every process has ended. */
  get done(): Promise<number> {
    if (this.status !== undefined) return Promise.resolve(this.status)
    return new Promise((resolve) => (this.waiters ??= []).push(resolve))
  }

  /** Resolves with the last process's status when the job ends, or with 'stopped' when it stops first. */
  settled(): Promise<number | 'stopped'> {
    if (this.stopped) return Promise.resolve('stopped')
    return new Promise((resolve) => {
      ;(this.stopWaiters ??= []).push(() => resolve('stopped'))
      void this.done.then(resolve)
    })
  }

  private stopChanged(stopped: boolean): void {
    this.held += stopped ? 1 : -1
    if (!this.stopped) return
    const waiters = this.stopWaiters
    this.stopWaiters = undefined
    if (waiters) for (const w of waiters) w()
  }

  private ended(index: number, status: number): void {
    this.statuses[index] = status
    if (--this.running > 0) return
    const last = this.statuses[this.statuses.length - 1]!
    this.status = last
    this.stopWaiters = undefined
    const waiters = this.waiters
    this.waiters = undefined
    if (waiters) for (const w of waiters) w(last)
  }
}

export class JobTable {
  private readonly jobs: Job[] = []
  private clock = 0

  add(children: ChildProcess[], pgid: number, text: string): Job {
    const job = new Job(pgid, children.map((c) => c.pid), text, children)
    this.adopt(job)
    return job
  }

  /** Puts a job in the table (a background job as it starts, a foreground one as it stops). */
  adopt(job: Job): void {
    // Ids grow along the table, so the last job has the highest.
    job.id = (this.jobs[this.jobs.length - 1]?.id ?? 0) + 1
    this.jobs.push(job)
    this.touch(job)
  }

  has(job: Job): boolean {
    return this.jobs.includes(job)
  }

  /** Makes a job the most recent (started, stopped, moved to the foreground or background). */
  touch(job: Job): void {
    job.touched = ++this.clock
  }

  list(): readonly Job[] {
    return this.jobs
  }

  /** The current job (%+ or %%): as in bash, the most recent stopped one, else the most recent. */
  current(): Job | undefined {
    return this.mostRecent(undefined)
  }

  /** The previous job (%-): chosen the same way, leaving out the current one. */
  previous(): Job | undefined {
    return this.mostRecent(this.current())
  }

  private mostRecent(except: Job | undefined): Job | undefined {
    let best: Job | undefined
    for (const j of this.jobs) {
      if (j === except) continue
      if (best === undefined || j.stopped > best.stopped || (j.stopped === best.stopped && j.touched > best.touched)) best = j
    }
    return best
  }

  /** %n, %+, %%, %-, %string, %?string, or a pid. */
  find(spec: string): Job | undefined {
    if (!spec.startsWith('%')) {
      const pid = Number(spec)
      return this.jobs.find((j) => j.pids.includes(pid))
    }
    const s = spec.slice(1)
    if (s === '' || s === '+' || s === '%') return this.current()
    if (s === '-') return this.previous()
    if (/^[0-9]+$/.test(s)) return this.jobs.find((j) => j.id === Number(s))
    if (s.startsWith('?')) return this.jobs.find((j) => j.text.includes(s.slice(1)))
    return this.jobs.find((j) => j.text.startsWith(s))
  }

  remove(job: Job): void {
    const i = this.jobs.indexOf(job)
    if (i >= 0) this.jobs.splice(i, 1)
  }

  /** `+` for the current job, `-` for the previous one, a space for the others. */
  mark(job: Job): string {
    return job === this.current() ? '+' : job === this.previous() ? '-' : ' '
  }

  /** `[1]+  Running                 cmd &` (or Stopped, Done, Exit N, Terminated), laid out as bash does. */
  describe(job: Job): string {
    job.reported = stateOf(job)
    return this.line(job)
  }

  /** The job's line as `jobs` prints it, without marking its state as told. */
  line(job: Job): string {
    const state = stateOf(job)
    return `[${job.id}]${this.mark(job)}  ${state.padEnd(24)}${job.text}${state === 'Running' ? ' &' : ''}`
  }

  /**
   * What changed since last told, for the interactive shell's notices: jobs that stopped, and
   * jobs that ended (which are then forgotten).
   */
  notices(): string[] {
    const out: string[] = []
    for (const j of [...this.jobs]) {
      const state = stateOf(j)
      // a job continued is not announced (bg and fg say so themselves)
      if (j.status === undefined && (state === j.reported || state === 'Running')) {
        j.reported = state
        continue
      }
      out.push(this.describe(j))
      if (j.status !== undefined) this.remove(j)
    }
    return out
  }

  /** Forgets finished jobs (once `jobs` has shown them). */
  reapFinished(): void {
    for (const j of this.jobs.filter((j) => j.status !== undefined)) this.remove(j)
  }
}
