/**
 * Mount units: a declared mount (what: a /srv name; where: a path; flags; the service that
 * provides it) with a lifecycle. A unit waits for its name to be posted, mounts it in the system
 * namespace, and unmounts when its service stops. postMount entries are mount units.
 */
import { reasonOf } from '../../kernel/errors.ts'
import type { BindFlags, Fileserver, ProcContext } from '../../kernel/types.ts'

export type MountState = 'inactive' | 'waiting' | 'mounted' | 'failed'

export interface MountHost {
  /** The system namespace's calls (init's context). */
  ctx: ProcContext
  mkdirAll(path: string): Promise<void>
  /** The pid of the process that posted `name`, if it is posted. */
  posterOf(name: string): number | undefined
  /** Whether process `pid` is `ancestor` or was started by it (or by its children). */
  descendsFrom(pid: number, ancestor: number): boolean
}

export class MountUnit {
  state: MountState = 'inactive'
  reason = ''
  private fs: Fileserver | undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  private settled: (() => void)[] = []

  constructor(
    readonly what: string,
    readonly where: string,
    readonly flags: BindFlags,
    readonly service: string,
    private readonly host: MountHost,
    private readonly timeoutMs: number,
    /** The service's process, while it runs: only its post (or its children's) counts. */
    private readonly started: () => number | undefined,
  ) {}

  /** Posted by the process the service started: anyone else's post of the name is a squatter's, root's too. */
  private ours(): boolean {
    const pid = this.host.posterOf(this.what)
    const service = this.started()
    return pid !== undefined && service !== undefined && this.host.descendsFrom(pid, service)
  }

  /** Starts waiting for the post; mounts at once if the name is already there. */
  activate(): void {
    this.clearTimer()
    this.state = 'waiting'
    this.reason = `waiting for /srv/${this.what}`
    this.timer = setTimeout(() => this.fail(`timed out after ${this.timeoutMs} ms waiting for /srv/${this.what}`), this.timeoutMs)
    if (this.ours()) void this.mount()
  }

  /** A name was posted: ours, if we are waiting. */
  posted(name: string): void {
    if (name === this.what && this.state === 'waiting' && this.ours()) void this.mount()
  }

  private async mount(): Promise<void> {
    this.clearTimer()
    try {
      const fs = this.host.ctx.getServer(this.what)
      if (fs === undefined) throw new Error(`/srv/${this.what} went away`)
      await this.host.mkdirAll(this.where)
      await this.host.ctx.mount(fs, this.where, this.flags, { srv: this.what })
      this.fs = fs
      this.state = 'mounted'
      this.reason = ''
      this.settle()
    } catch (e) {
      this.fail(`mount failed: ${reasonOf(e)}`)
    }
  }

  private fail(reason: string): void {
    this.clearTimer()
    this.state = 'failed'
    this.reason = reason
    this.settle()
  }

  /** Unmounts (if mounted) and goes inactive. */
  async deactivate(): Promise<void> {
    this.clearTimer()
    const fs = this.fs
    this.fs = undefined
    if (fs !== undefined && this.state === 'mounted') await this.host.ctx.unmount(this.where, fs).catch(() => {})
    if (this.state !== 'failed') {
      this.state = 'inactive'
      this.reason = ''
    }
    this.settle()
  }

  /** Resolves once the unit is no longer waiting. */
  ready(): Promise<void> {
    if (this.state !== 'waiting') return Promise.resolve()
    return new Promise((resolve) => this.settled.push(resolve))
  }

  private settle(): void {
    const s = this.settled
    this.settled = []
    for (const r of s) r()
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
  }

  describe(): string {
    return `mount ${this.what} ${this.where}: ${this.state}${this.reason ? ` (${this.reason})` : ''}`
  }
}
