/**
 * The package manager: installs Extensions from the catalogue or (root only) a host module,
 * all or nothing. A package's bins become runnable at once (binfs is live), its stateless
 * devices are mounted in the system namespace, and removal takes them away again.
 */
import { FirstUse } from '../bins/lazy.ts'
import { NineError } from '../kernel/errors.ts'
import { dirname, resolvePath } from '../kernel/path.ts'
import { administers, SUPERUSER } from '../kernel/perm.ts'
import type { Cred } from '../kernel/types.ts'
import type { Extension, PackageSummary, Packages } from '../extension.ts'
import type { Installed, PackageBook, PackageHost } from './changes.ts'
import { catalogue } from './catalogue.ts'

/** Installing, removing and listing (changes.ts): loaded with the first of them. */
const changes = new FirstUse(() => import('./changes.ts'))

/**
 * Where the installed packages are recorded, so a root kept across boots brings them back: a
 * line each, `name owner` for the catalogue's, `name owner path` for one installed from a host
 * path (loaded again from that path at the next boot).
 */
export const INSTALLED_RECORD = '/var/lib/pkg/installed'

/** Writes one of an Extension's files (boot writes straight into the root filesystem). */
export type FileWriter = (path: string, data: string | Uint8Array) => void | Promise<void>

export class PackageManager implements PackageBook {
  readonly installed = new Map<string, Installed>()

  constructor(
    readonly system: () => PackageHost,
    readonly loadModule?: (path: string) => Promise<unknown>,
  ) {}

  /**
   * The manager as a process running as `cred` sees it. Packages change the whole system: only
   * root and the group sys install or remove them, and not from a sandbox (a clean or frozen
   * namespace); anyone may look.
   */
  as(cred: Cred, sandboxed = false): Packages {
    const allowed = (name: string): Cred => {
      if (!administers(cred, sandboxed)) throw new NineError('EPERM', name)
      return cred
    }
    return {
      install: async (spec) => this.install(spec, allowed(spec)),
      remove: async (name) => this.remove(name, allowed(name)),
      list: async () => this.list(),
      info: async (name) => (await this.list()).find((p) => p.name === name),
    }
  }

  async install(spec: string, cred: Cred): Promise<PackageSummary> {
    return (await changes.get()).install(this, spec, cred)
  }

  async remove(name: string, cred: Cred): Promise<void> {
    return (await changes.get()).remove(this, name, cred)
  }

  async list(): Promise<PackageSummary[]> {
    return (await changes.get()).list(this)
  }

  /**
   * Applies an Extension: its files (written as root through `write`, by default into the system
   * namespace), bins, mounts and services (registered, owned by `owner`). The one way an Extension
   * enters a system: boot, System.install and pkg install all come here. On any failure it undoes
   * what it did and rethrows.
   */
  async apply(ext: Extension, owner: string = SUPERUSER, write: FileWriter = (path, data) => this.writeFile(path, data)): Promise<void> {
    const sys = this.system()
    const taken = ext.bins === undefined ? undefined : sys.bins.taken(ext.bins)
    if (taken !== undefined) throw new NineError('EEXIST', `/bin/${taken}`)
    for (const s of ext.services ?? []) if (sys.supervisor.names().includes(s.name)) throw new NineError('EEXIST', `service ${s.name}`)
    const written: string[] = []
    let added = false
    const mounted: string[] = []
    const registered: string[] = []
    try {
      for (const [path, data] of Object.entries(ext.files ?? {})) {
        await write(path, data)
        written.push(path)
      }
      if (ext.bins !== undefined) {
        sys.bins.addAll(ext.bins)
        added = true
      }
      for (const [path, fs] of Object.entries(ext.mounts ?? {})) {
        await sys.mkdirAll(path, 0o755)
        await sys.context.mount(fs, path, {}, { srv: fs.kind })
        mounted.push(path)
      }
      for (const s of ext.services ?? []) {
        await sys.supervisor.register(s, owner)
        registered.push(s.name)
      }
    } catch (e) {
      for (const name of registered) await sys.supervisor.unregister(name)
      for (const path of mounted) await sys.context.unmount(path).catch(() => {})
      if (added) for (const name of Object.keys(ext.bins!)) sys.bins.remove(name)
      await this.removeFiles(written)
      throw e
    }
  }

  private async writeFile(path: string, data: string | Uint8Array): Promise<void> {
    const sys = this.system()
    await sys.mkdirAll(dirname(resolvePath('/', path)), 0o755)
    await sys.writeFile(path, data)
  }

  async removeFiles(paths: string[]): Promise<void> {
    for (const path of paths) await this.system().context.remove(path).catch(() => {})
  }

  async record(): Promise<void> {
    let text = ''
    for (const [name, p] of this.installed) {
      if (p.source === 'catalogue') text += `${name} ${p.owner}\n`
      else if (!p.source.includes('\n')) text += `${name} ${p.owner} ${p.source}\n`
    }
    await this.system().writeFile(INSTALLED_RECORD, text, { owner: SUPERUSER, mode: 0o644 })
  }

  /** Installs again, for their owners, the packages the root filesystem records (a root kept from an earlier boot). */
  async restore(): Promise<void> {
    const sys = this.system()
    let text: string
    try {
      text = new TextDecoder().decode(await sys.readFile(INSTALLED_RECORD))
    } catch {
      return // a fresh root
    }
    for (const line of text.split('\n')) {
      const [name, owner, ...path] = line.split(' ')
      const cred = owner === undefined ? undefined : sys.credOf(owner)
      if (!name || cred === undefined || this.installed.has(name)) continue
      if (path.length > 0) await this.install(path.join(' '), cred).catch(() => {})
      else if (Object.hasOwn(catalogue, name)) await this.install(name, cred).catch(() => {})
    }
  }
}
