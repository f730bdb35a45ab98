/**
 * init's services as the system holds them. The supervisor (supervisor.ts, with its mount units
 * and logs) is loaded with the first service registered: a system without services, as a
 * browser's page at its first prompt, never loads it. Until then there is no service to list,
 * start or read.
 */
import { FirstUse } from '../../bins/lazy.ts'
import { NineError } from '../../kernel/errors.ts'
import type { Cred } from '../../kernel/types.ts'
import type { ServiceDef } from '../../extension.ts'
import type { Supervisor, SupervisorHost } from './supervisor.ts'

const supervisorModule = new FirstUse(() => import('./supervisor.ts'))

export class Services {
  private supervisor: Supervisor | undefined

  constructor(private readonly host: SupervisorHost) {}

  private async loaded(): Promise<Supervisor> {
    const { Supervisor } = await supervisorModule.get()
    return (this.supervisor ??= new Supervisor(this.host))
  }

  /** The supervisor of the services registered, which the files of a listed service may assume. */
  private registered(name: string): Supervisor {
    if (this.supervisor === undefined) throw new NineError('ENOENT', name, 'no such service')
    return this.supervisor
  }

  /** Init calls this for every post, so waiting mount units can mount. */
  posted(name: string): void {
    this.supervisor?.posted(name)
  }

  names(): string[] {
    return this.supervisor?.names() ?? []
  }

  async register(def: ServiceDef, owner: string): Promise<void> {
    ;(await this.loaded()).register(def, owner)
  }

  async unregister(name: string): Promise<void> {
    await (await this.loaded()).unregister(name)
  }

  /** Starts the enabled services, each after the ones it names in `after`. */
  async startEnabled(): Promise<void> {
    await this.supervisor?.startEnabled()
  }

  async start(name: string, cred: Cred): Promise<void> {
    await (await this.loaded()).start(name, cred)
  }

  async stop(name: string, cred: Cred): Promise<void> {
    await (await this.loaded()).stop(name, cred)
  }

  async restart(name: string, cred: Cred): Promise<void> {
    await (await this.loaded()).restart(name, cred)
  }

  async setEnabled(name: string, enabled: boolean, cred: Cred): Promise<void> {
    ;(await this.loaded()).setEnabled(name, enabled, cred)
  }

  /** Text of /svc/NAME/status and `svc status`. */
  status(name: string): string {
    return this.registered(name).status(name)
  }

  /** Text of /svc/NAME/summary, a line of `svc list`. */
  summary(name: string): string {
    return this.registered(name).summary(name)
  }

  log(name: string): Uint8Array {
    return this.registered(name).log(name)
  }
}
