/** Job control: wait, jobs, fg, bg, kill. Jobs are real processes in their own process groups. */
import { reasonOf } from '../../kernel/errors.ts'
import { SIGNALS, type SignalName } from '../../kernel/types.ts'
import type { Job } from '../jobs.ts'
import { builtinOptions } from './options.ts'
import { trapCondition } from './trap.ts'
import type { Builtin, ShellHost } from './builtin.ts'

/** Waits for the first of `jobs` to end (one that has ended comes at once), unless a trapped signal comes first (then 128 + its number). */
async function waitFirst(sh: ShellHost, jobs: readonly Job[]): Promise<{ job?: Job; status: number }> {
  const arrival = sh.traps.arrival()
  try {
    const ended = jobs.map((job) => job.done.then((status) => ({ job, status })))
    const r: { job?: Job; status: number } = await Promise.race([...ended, arrival.signal.then((s) => ({ status: 128 + SIGNALS[s] }))])
    if (r.job !== undefined) (await sh.jobTable()).remove(r.job)
    return r
  } finally {
    arrival.cancel()
  }
}

/** bash's options: -n (the next job to end), -p VAR (its pid into VAR), -f (accepted: there is no job control to wait past). */
function waitOptions(args: string[]): { next: boolean; pidVar?: string } | string {
  const options: { next: boolean; pidVar?: string } = { next: false }
  while (args[0]?.startsWith('-') && args[0].length > 1) {
    const word = args.shift()!
    if (word === '--') break
    for (let i = 1; i < word.length; i++) {
      const c = word[i]
      if (c === 'n') options.next = true
      else if (c === 'p') {
        const name = i + 1 < word.length ? word.slice(i + 1) : args.shift()
        if (name === undefined) return '-p: option requires an argument'
        options.pidVar = name
        break
      } else if (c !== 'f') return `-${c}: invalid option`
    }
  }
  return options
}

export const wait: Builtin = {
  async run(sh, argv) {
    const specs = argv.slice(1)
    const options = sh.state.bash ? waitOptions(specs) : { next: false }
    if (typeof options === 'string') {
      await sh.error(`wait: ${options}\nwait: usage: wait [-fn] [-p var] [id ...]`)
      return 2
    }
    const own = await sh.jobTable()
    if (options.next) {
      const jobs = specs.length === 0 ? own.list() : specs.map((spec) => own.find(spec)).filter((job) => job !== undefined)
      if (jobs.length === 0) return 127
      const { job, status } = await waitFirst(sh, jobs)
      if (job !== undefined && options.pidVar !== undefined) sh.state.set(options.pidVar, String(job.pids[job.pids.length - 1]))
      return status
    }
    if (specs.length === 0) {
      for (const job of [...own.list()]) {
        const s = (await waitFirst(sh, [job])).status
        if (s > 128 && job.status === undefined) return s
      }
      return 0
    }
    let status = 0
    for (const spec of specs) {
      const job = own.find(spec)
      if (job === undefined) {
        // a pid that is not a child: 127; not a pid at all: an error (a missing %job too, in dash)
        const isPid = /^[0-9]+$/.test(spec)
        if (!isPid) await sh.error(`wait: ${spec}: ${spec.startsWith('%') ? 'no such job' : 'not a pid or valid job spec'}`)
        else if (sh.state.bash) await sh.error(`wait: pid ${spec} is not a child of this shell`)
        status = isPid || (spec.startsWith('%') && sh.state.bash) ? 127 : 2
        continue
      }
      status = (await waitFirst(sh, [job])).status
    }
    return status
  },
}

export const jobs: Builtin = {
  async run(sh, argv) {
    const pidsOnly = argv.includes('-p')
    const long = argv.includes('-l')
    const onlyStopped = argv.includes('-s')
    const onlyRunning = argv.includes('-r')
    // a child shell of a pipeline or $(…) has no jobs of its own and shows its parent's, as bash
    const own = await sh.jobTable()
    const table = own.list().length === 0 && sh.parentJobs !== undefined ? sh.parentJobs : own
    const specs = argv.slice(1).filter((a) => !a.startsWith('-'))
    const chosen: Job[] = []
    for (const spec of specs) {
      const job = table.find(spec)
      if (job === undefined) {
        await sh.error(`jobs: ${spec}: no such job`)
        return 1
      }
      chosen.push(job)
    }
    let out = ''
    for (const job of specs.length === 0 ? table.list() : chosen) {
      if ((onlyStopped && !job.stopped) || (onlyRunning && (job.stopped || job.status !== undefined))) continue
      if (pidsOnly) out += `${job.pgid}\n`
      else {
        const line = table === own ? own.describe(job) : table.line(job)
        out += long ? line.replace(/^(\[\d+\][+ -]) {2}/, `$1 ${job.pgid} `) + '\n' : line + '\n'
      }
    }
    await sh.write(1, out)
    if (table === own) own.reapFinished()
    return 0
  },
}

async function jobArg(sh: ShellHost, name: string, spec: string | undefined): Promise<Job | undefined> {
  // bash's fg and bg need job control (an interactive shell, or set -m)
  if (sh.state.bash && !sh.state.options.monitor && !sh.state.options.interactive) {
    await sh.error(`${name}: no job control`)
    return undefined
  }
  const table = await sh.jobTable()
  const job = spec === undefined ? table.current() : table.find(spec)
  if (job === undefined) await sh.error(`${name}: ${spec ?? 'current'}: no such job`)
  return job
}

/** Sends SIGCONT to a stopped job's process group. */
function continueJob(sh: ShellHost, job: Job): void {
  if (job.stopped) sh.proc.kill(-job.pgid, 'SIGCONT')
}

export const fg: Builtin = {
  async run(sh, argv) {
    const job = await jobArg(sh, 'fg', argv[1])
    if (job === undefined) return 1
    await sh.write(1, job.text + '\n')
    ;(await sh.jobTable()).touch(job)
    continueJob(sh, job)
    const r = await sh.foregroundJob(job)
    return r === 'stopped' ? 128 + SIGNALS.SIGTSTP : r
  },
}

/** Continues a stopped job in the background. */
export const bg: Builtin = {
  async run(sh, argv) {
    const job = await jobArg(sh, 'bg', argv[1])
    if (job === undefined) return 1
    if (!job.stopped) {
      await sh.error(`bg: job ${job.id} already in background`)
      return 0
    }
    continueJob(sh, job)
    job.reported = 'Running'
    const table = await sh.jobTable()
    table.touch(job)
    await sh.write(1, `[${job.id}]${table.mark(job)} ${job.text} &\n`)
    return 0
  },
}

/** A signal kill can send; 0 sends none (kill -0: does the process exist?). */
function signalName(s: string): SignalName | 0 | undefined {
  if (s === '0') return 0
  const c = trapCondition(s)
  return c?.startsWith('SIG') ? (c as SignalName) : undefined
}

/**
 * kill -l: with no operand every signal's name (bash: its numbered table); an operand that is a
 * number (or an exit status above 128) becomes a name, a name becomes its number.
 */
async function listSignals(sh: ShellHost, args: readonly string[]): Promise<number> {
  const names = Object.keys(SIGNALS) as SignalName[]
  if (args.length === 0) {
    const text = sh.state.bash
      ? names.map((s, i) => `${String(SIGNALS[s]).padStart(2)}) ${s}${i % 5 === 4 || i === names.length - 1 ? '\n' : '\t'}`).join('')
      : names.map((s) => s.slice(3) + '\n').join('')
    await sh.write(1, text)
    return 0
  }
  let status = 0
  for (const arg of args) {
    const n = Number(arg)
    const sig = /^[0-9]+$/.test(arg) ? names.find((s) => SIGNALS[s] === (n > 128 ? n - 128 : n)) : signalName(arg.toUpperCase())
    if (sig === undefined || sig === 0) {
      await sh.error(`kill: ${arg}: ${sh.state.bash ? 'invalid signal specification' : 'bad signal'}`)
      status = 1
    } else await sh.write(1, /^[0-9]+$/.test(arg) ? sig.slice(3) + '\n' : `${SIGNALS[sig]}\n`)
  }
  return status
}

export const kill: Builtin = {
  async run(sh, argv) {
    let sig: SignalName | 0 = 'SIGTERM'
    let i = 1
    const a = argv[1]
    if (a === '-l' || a === '-L') return listSignals(sh, argv.slice(2))
    if (a === '-s' || a === '-n') {
      const s = argv[2] === undefined ? undefined : signalName(argv[2])
      if (s === undefined) {
        await sh.error(`kill: ${argv[2] ?? ''}: bad signal`)
        return 1
      }
      sig = s
      i = 3
    } else if (a !== undefined && a.startsWith('-') && a !== '--' && !(/^-[0-9]+$/.test(a) && argv.length === 2)) {
      // -TERM, -15 (a lone negative number is a process group)
      const s = signalName(a.slice(1))
      if (s === undefined) {
        await sh.error(`kill: ${a.slice(1)}: bad signal`)
        return 1
      }
      sig = s
      i = 2
    }
    if (argv[i] === '--') i++
    if (i >= argv.length) {
      await sh.error('usage: kill [-s signal | -signal] pid... | kill -l [status]')
      return 2
    }
    let status = 0
    // a stopped job is continued so that it can act on the signal (bash does the same)
    const continues = sig !== 'SIGSTOP' && sig !== 'SIGTSTP' && sig !== 'SIGCONT'
    for (const target of argv.slice(i)) {
      let pid: number
      let job: Job | undefined
      if (target.startsWith('%')) {
        job = (await sh.jobTable()).find(target)
        if (job === undefined) {
          await sh.error(`kill: ${target}: no such job`)
          status = 1
          continue
        }
        pid = -job.pgid
      } else if (/^-?[0-9]+$/.test(target)) pid = Number(target)
      else {
        await sh.error(`kill: ${target}: arguments must be process or job IDs`)
        status = 1
        continue
      }
      try {
        sh.proc.kill(pid, sig)
        // (unless the signal has ended every process of the job already)
        if (job !== undefined && continues && sh.proc.procs().some((p) => p.pgid === job.pgid && p.state === 'Stopped')) sh.proc.kill(pid, 'SIGCONT')
      } catch (e) {
        await sh.error(`kill: ${target}: ${reasonOf(e)}`)
        status = 1
      }
    }
    return status
  },
}

/**
 * bash's disown: takes jobs out of the table (-a all of them, -r the running ones; with neither
 * and no operand, the current one). With -h they stay listed: the shell sends no SIGHUP as it
 * exits, so there is nothing more to keep from them.
 */
export const disown: Builtin = {
  async run(sh, argv) {
    const options = new Set<string>()
    const at = builtinOptions(argv, '', (c) => ('ahr'.includes(c) ? void options.add(c) : `-${c}: invalid option`))
    if (typeof at === 'string') {
      await sh.error(`disown: ${at}\ndisown: usage: disown [-h] [-ar] [jobspec ... | pid ...]`)
      return 2
    }
    const table = await sh.jobTable()
    const specs = argv.slice(at)
    let status = 0
    let jobs: Job[] = []
    if (specs.length > 0) {
      for (const spec of specs) {
        const job = table.find(spec)
        if (job === undefined) {
          await sh.error(`disown: ${spec}: no such job`)
          status = 1
        } else jobs.push(job)
      }
    } else if (options.has('a') || options.has('r')) jobs = table.list().filter((j) => !options.has('r') || j.status === undefined)
    else {
      const current = table.current()
      if (current === undefined) {
        await sh.error('disown: current: no such job')
        return 1
      }
      jobs = [current]
    }
    if (!options.has('h')) for (const job of jobs) table.remove(job)
    return status
  },
}
