/**
 * Background jobs: each is a pipeline (or a subshell) of real processes in its own process
 * group. The table keeps their exit statuses once they end, for `wait` and `jobs`.
 */
import type { ChildProcess } from '../kernel/types.ts'

export interface Job {
  id: number
  pgid: number
  /** The pids of its processes; the last is $!. */
  pids: number[]
  text: string
  /** Resolves with the last process's status when every process has ended. */
  done: Promise<number>
  status: number | undefined
}

export class JobTable {
  private readonly jobs: Job[] = []

  add(children: ChildProcess[], pgid: number, text: string): Job {
    const id = this.jobs.length === 0 ? 1 : Math.max(...this.jobs.map((j) => j.id)) + 1
    const job: Job = {
      id,
      pgid,
      pids: children.map((c) => c.pid),
      text,
      status: undefined,
      done: Promise.all(children.map((c) => c.wait().catch(() => 127))).then((s) => s[s.length - 1]!),
    }
    void job.done.then((s) => (job.status = s))
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

  /** `[1]+ Running  cmd` (or Done, Exit N). */
  describe(job: Job): string {
    const mark = job === this.current() ? '+' : job === this.jobs[this.jobs.length - 2] ? '-' : ' '
    const state = job.status === undefined ? 'Running' : job.status === 0 ? 'Done' : job.status > 128 ? `Killed(${job.status - 128})` : `Exit ${job.status}`
    return `[${job.id}]${mark} ${state}  ${job.text}`
  }

  /** Forgets finished jobs, returning them (for the interactive shell's notices). */
  reapFinished(): Job[] {
    const done = this.jobs.filter((j) => j.status !== undefined)
    for (const j of done) this.remove(j)
    return done
  }
}
