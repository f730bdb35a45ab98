/**
 * The supervisor inside init (pid 1): starts services, restarts them by their policy with
 * doubling back-off and a burst limit, collects their output in bounded logs, and drives their
 * mount units. On a restart it follows the roadmap: the old /srv entry is removed, the new
 * process posts, the unit re-mounts, old direct mounts are hung up, the path reaches the new
 * server.
 */
import { NineError, reasonOf } from '../../kernel/errors.ts'
import type { Kernel } from '../../kernel/kernel.ts'
import { administers, SUPERUSER } from '../../kernel/perm.ts'
import type { Process } from '../../kernel/process.ts'
import type { Cred, ExitCode } from '../../kernel/types.ts'
import type { ServiceDef } from '../../extension.ts'
import { RingLog } from './log.ts'
import { MountUnit, type MountHost } from './mountunit.ts'

export type ServiceState = 'inactive' | 'starting' | 'running' | 'stopping' | 'failed'

const DEFAULTS = { delayMs: 100, maxDelayMs: 5000, burst: 5, windowMs: 30000, postTimeoutMs: 5000, stopTimeoutMs: 3000 }

class Service {
  state: ServiceState = 'inactive'
  reason = ''
  proc: Process | undefined
  startedAt = 0
  restarts = 0
  lastExit: ExitCode | undefined
  enabled: boolean
  readonly log = new RingLog()
  /** The last line the service itself wrote: why it failed, when it says. */
  lastWords = ''
  readonly units: MountUnit[]
  /** When each automatic restart happened, for the burst limit. */
  restartTimes: number[] = []
  restartTimer: ReturnType<typeof setTimeout> | undefined
  stopping = false
  exitWaiters: (() => void)[] = []

  constructor(
    readonly def: ServiceDef,
    /** Who may control it besides root: whoever registered it. */
    readonly owner: string,
    host: MountHost,
  ) {
    this.enabled = def.enabled === true
    const started = () => (this.proc?.exited === false ? this.proc.pid : undefined)
    this.units = Object.entries(def.postMount ?? {}).map(([what, where]) => new MountUnit(what, where, {}, def.name, host, def.postTimeoutMs ?? DEFAULTS.postTimeoutMs, started))
  }
}

/** What the supervisor needs from the image: the kernel, init, and /srv post notifications. */
export interface SupervisorHost extends MountHost {
  kernel: Kernel
  init: () => Process
  removeServer(name: string): void
}

export class Supervisor {
  private readonly services = new Map<string, Service>()

  constructor(private readonly host: SupervisorHost) {}

  /** Init calls this for every post, so waiting mount units can mount. */
  posted(name: string): void {
    for (const s of this.services.values()) for (const u of s.units) u.posted(name)
  }

  register(def: ServiceDef, owner: string): void {
    if (this.services.has(def.name)) throw new NineError('EEXIST', `service ${def.name}`)
    this.services.set(def.name, new Service(def, owner, this.host))
  }

  async unregister(name: string): Promise<void> {
    await this.stop(name, { uid: SUPERUSER, gid: SUPERUSER, groups: [] })
    this.services.delete(name)
  }

  names(): string[] {
    return [...this.services.keys()].sort()
  }

  private get(name: string): Service {
    const s = this.services.get(name)
    if (s === undefined) throw new NineError('ENOENT', name, 'no such service')
    return s
  }

  /** Services run for everyone: only root and the group sys control them, and not from a sandbox. */
  private authorize(s: Service, cred: Cred): void {
    const p = cred.pid === undefined ? undefined : this.host.kernel.procs.get(cred.pid)
    if (!administers(cred, p !== undefined && (p.isolated || p.noMount))) throw new NineError('EPERM', s.def.name)
  }

  /** Starts the enabled services, each after the ones it names in `after`. */
  async startEnabled(): Promise<void> {
    const root: Cred = { uid: SUPERUSER, gid: SUPERUSER, groups: [] }
    for (const s of this.services.values()) if (s.enabled) await this.start(s.def.name, root).catch(() => {})
  }

  /** Starts a service (its `after` services first) and waits until its mount units settle. */
  async start(name: string, cred: Cred, chain: string[] = []): Promise<void> {
    const s = this.get(name)
    this.authorize(s, cred)
    if (chain.includes(name)) throw new NineError('EINVAL', name, `ordering cycle: ${[...chain, name].join(' -> ')}`)
    for (const dep of s.def.after ?? []) if (this.services.has(dep)) await this.start(dep, { uid: SUPERUSER, gid: SUPERUSER, groups: [] }, [...chain, name])
    if (s.state === 'running' || s.state === 'starting') {
      await this.settled(s)
      return
    }
    s.restartTimes = []
    s.restarts = 0
    await this.launch(s)
    await this.settled(s)
    const failed = s.units.find((u) => u.state === 'failed')
    if (failed) throw new NineError('EIO', name, failed.reason)
    if (s.state === 'failed') throw new NineError('EIO', name, s.reason)
  }

  private async settled(s: Service): Promise<void> {
    await Promise.all(s.units.map((u) => u.ready()))
  }

  private async launch(s: Service): Promise<void> {
    const { kernel } = this.host
    const init = this.host.init()
    const ctx = this.host.ctx
    s.state = 'starting'
    s.reason = ''
    s.stopping = false
    for (const u of s.units) u.activate()
    const devnull = await ctx.open('/dev/null')
    const [logR, logW] = ctx.pipe()
    try {
      const proc = await kernel.spawn(init, [s.def.bin, ...(s.def.args ?? [])], {
        fds: { 0: devnull, 1: logW, 2: logW },
        user: s.def.user ?? s.owner,
        cwd: '/',
        env: { PATH: '/bin', ...s.def.env },
        pgid: 'new',
      })
      s.proc = proc
      s.startedAt = Date.now()
      s.state = 'running'
      s.log.note(`-- started pid ${proc.pid}\n`)
      // it may have posted before spawn returned
      for (const u of s.units) u.posted(u.what)
      proc.onExit((status) => void this.exited(s, proc, status))
    } catch (e) {
      s.state = 'failed'
      s.reason = `cannot start ${s.def.bin}: ${reasonOf(e)}`
      s.log.note(`-- ${s.reason}\n`)
      for (const u of s.units) await u.deactivate()
      await ctx.close(logR)
      throw new NineError('EIO', s.def.name, s.reason)
    } finally {
      await ctx.close(devnull)
      await ctx.close(logW)
    }
    void this.pump(s, logR)
  }

  private async pump(s: Service, fd: number): Promise<void> {
    const ctx = this.host.ctx
    try {
      for (;;) {
        const chunk = await ctx.read(fd)
        if (chunk.length === 0) break
        s.log.append(chunk)
        s.lastWords = lastLine(chunk) ?? s.lastWords
      }
    } catch {
      // init is shutting down
    } finally {
      await ctx.close(fd).catch(() => {})
    }
  }

  private async exited(s: Service, proc: Process, status: ExitCode): Promise<void> {
    if (s.proc !== proc) return
    s.proc = undefined
    s.lastExit = status
    s.log.note(`-- pid ${proc.pid} exited with status ${status}\n`)
    for (const u of s.units) await u.deactivate()
    const waiters = s.exitWaiters
    s.exitWaiters = []
    for (const w of waiters) w()
    if (s.stopping) {
      s.state = 'inactive'
      return
    }
    const policy = s.def.restart?.policy ?? 'no'
    if (policy === 'no' || (policy === 'on-failure' && status === 0)) {
      s.state = status === 0 ? 'inactive' : 'failed'
      s.reason = status === 0 ? '' : `exited with status ${status}`
      return
    }
    const r = { ...DEFAULTS, ...s.def.restart }
    const now = Date.now()
    s.restartTimes = s.restartTimes.filter((t) => now - t < r.windowMs)
    if (s.restartTimes.length >= r.burst) {
      s.state = 'failed'
      s.reason = `restarted ${s.restartTimes.length} times in ${r.windowMs} ms; giving up (last status ${status})`
      s.log.note(`-- ${s.reason}\n`)
      return
    }
    const delay = Math.min(r.delayMs * 2 ** s.restartTimes.length, r.maxDelayMs)
    s.restartTimes.push(now)
    s.state = 'starting'
    s.reason = `restarting in ${delay} ms`
    s.restartTimer = setTimeout(() => {
      s.restartTimer = undefined
      if (s.stopping) return
      s.restarts++
      // The roadmap's first step: the old entry goes before the new process posts.
      for (const u of s.units) this.host.removeServer(u.what)
      this.launch(s).catch(() => {})
    }, delay)
  }

  /** SIGTERM, then SIGKILL after the grace period. */
  async stop(name: string, cred: Cred): Promise<void> {
    const s = this.get(name)
    this.authorize(s, cred)
    s.stopping = true
    if (s.restartTimer !== undefined) clearTimeout(s.restartTimer)
    s.restartTimer = undefined
    const proc = s.proc
    if (proc === undefined) {
      s.state = s.state === 'failed' ? 'failed' : 'inactive'
      for (const u of s.units) await u.deactivate()
      return
    }
    s.state = 'stopping'
    const gone = new Promise<void>((resolve) => s.exitWaiters.push(resolve))
    this.host.kernel.deliver(proc, 'SIGTERM')
    const grace = s.def.stopTimeoutMs ?? DEFAULTS.stopTimeoutMs
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = await Promise.race([gone.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), grace)))])
    clearTimeout(timer)
    if (timedOut) {
      s.log.note(`-- pid ${proc.pid} ignored SIGTERM for ${grace} ms; sending SIGKILL\n`)
      this.host.kernel.deliver(proc, 'SIGKILL')
      await gone
    }
  }

  async restart(name: string, cred: Cred): Promise<void> {
    await this.stop(name, cred)
    await this.start(name, cred)
  }

  setEnabled(name: string, enabled: boolean, cred: Cred): void {
    const s = this.get(name)
    this.authorize(s, cred)
    s.enabled = enabled
  }

  /** Text of /svc/NAME/status and `svc status`. */
  status(name: string): string {
    const s = this.get(name)
    const uptime = s.proc ? `${Math.floor((Date.now() - s.startedAt) / 1000)}s` : '-'
    const lines = [
      `name\t${s.def.name}`,
      `state\t${s.state}${s.reason ? ` (${s.reason})` : ''}`,
      `pid\t${s.proc?.pid ?? '-'}`,
      `uptime\t${uptime}`,
      `restarts\t${s.restarts}`,
      `lastexit\t${s.lastExit ?? '-'}`,
      ...(s.state === 'failed' && s.lastWords !== '' ? [`error\t${s.lastWords}`] : []),
      `policy\t${s.def.restart?.policy ?? 'no'}`,
      `enabled\t${s.enabled ? 'yes' : 'no'}`,
      `user\t${s.def.user ?? s.owner}`,
      ...s.units.map((u) => `unit\t${u.describe()}`),
    ]
    return lines.join('\n') + '\n'
  }

  /** Text of /svc/NAME/summary, a line of `svc list`: name, state, pid. */
  summary(name: string): string {
    const s = this.get(name)
    return `${s.def.name}\t${s.state}\t${s.proc?.pid ?? '-'}\n`
  }

  log(name: string): Uint8Array {
    return this.get(name).log.bytes()
  }
}

/** The last non-empty line of a chunk of output, at most 200 characters. */
function lastLine(chunk: Uint8Array): string | undefined {
  const lines = new TextDecoder().decode(chunk).split('\n')
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.trim() !== '') return lines[i]!.trim().slice(0, 200)
  return undefined
}
