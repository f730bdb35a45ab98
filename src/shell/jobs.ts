/**
 * Background jobs: each is a pipeline (or a subshell) of real processes in its own process
 * group. The table keeps their exit statuses once they end, for `wait` and `jobs`.
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

/** A job's state as `jobs` shows it: Running, Done, Exit N, Terminated… */
function stateOf(status: number | undefined): string {
  if (status === undefined) return 'Running'
  if (status === 0) return 'Done'
  if (status > 128) return SIGNAL_ENDINGS[status - 128] ?? `Signal ${status - 128}`
  return `Exit ${status}`
}

/**
 * One job. It holds one callback per process and no promise of its own until something waits for
 * it: a shell may keep thousands of jobs running.
 */
export class Job {
  /** The last process's status, once every process has ended. */
  status: number | undefined
  private running: number
  private lastStatus = 0
  private waiters: ((status: number) => void)[] | undefined

  constructor(
    readonly id: number,
    readonly pgid: number,
    /** The pids of its processes; the last is $!. */
    readonly pids: number[],
    readonly text: string,
    children: ChildProcess[],
  ) {
    this.running = children.length
    children.forEach((c, i) => this.watch(c, i === children.length - 1))
  }

  /** Its own method, so the callbacks hold only the job and `last`, not every child. */
  private watch(child: ChildProcess, last: boolean): void {
    void child.wait().then(
      (status) => this.ended(last, status),
      () => this.ended(last, 127),
    )
  }

  /** Resolves with the last process's status when every process has ended. */
  get done(): Promise<number> {
    if (this.status !== undefined) return Promise.resolve(this.status)
    return new Promise((resolve) => (this.waiters ??= []).push(resolve))
  }

  private ended(last: boolean, status: number): void {
    if (last) this.lastStatus = status
    if (--this.running > 0) return
    this.status = this.lastStatus
    const waiters = this.waiters
    this.waiters = undefined
    if (waiters) for (const w of waiters) w(this.lastStatus)
  }
}

export class JobTable {
  private readonly jobs: Job[] = []

  add(children: ChildProcess[], pgid: number, text: string): Job {
    // Ids grow along the table, so the last job has the highest.
    const id = (this.jobs[this.jobs.length - 1]?.id ?? 0) + 1
    const job = new Job(id, pgid, children.map((c) => c.pid), text, children)
    this.jobs.push(job)
    return job
  }

  list(): readonly Job[] {
    return this.jobs
  }

  /** The current job (%+ or %%): the most recent. */
  current(): Job | undefined {
    return this.jobs[this.jobs.length - 1]
  }

  /** %n, %+, %%, %-, %string, %?string, or a pid. */
  find(spec: string): Job | undefined {
    if (!spec.startsWith('%')) {
      const pid = Number(spec)
      return this.jobs.find((j) => j.pids.includes(pid))
    }
    const s = spec.slice(1)
    if (s === '' || s === '+' || s === '%') return this.current()
    if (s === '-') return this.jobs[this.jobs.length - 2]
    if (/^[0-9]+$/.test(s)) return this.jobs.find((j) => j.id === Number(s))
    if (s.startsWith('?')) return this.jobs.find((j) => j.text.includes(s.slice(1)))
    return this.jobs.find((j) => j.text.startsWith(s))
  }

  remove(job: Job): void {
    const i = this.jobs.indexOf(job)
    if (i >= 0) this.jobs.splice(i, 1)
  }

  /** `[1]+  Running                 cmd` (or Done, Exit N, Terminated), laid out as bash does. */
  describe(job: Job): string {
    const mark = job === this.current() ? '+' : job === this.jobs[this.jobs.length - 2] ? '-' : ' '
    return `[${job.id}]${mark}  ${stateOf(job.status).padEnd(24)}${job.text}${job.status === undefined ? ' &' : ''}`
  }

  /** Forgets finished jobs, returning how each ended (for the interactive shell's notices). */
  reapFinished(): string[] {
    const done = this.jobs.filter((j) => j.status !== undefined)
    const notices = done.map((j) => this.describe(j))
    for (const j of done) this.remove(j)
    return notices
  }
}
