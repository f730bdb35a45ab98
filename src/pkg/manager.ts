/**
 * The package manager: installs Extensions from the catalogue or (root only) a host module,
 * all or nothing. A package's bins become runnable at once (binfs is live), its stateless
 * devices are mounted in the system namespace, and removal takes them away again.
 */
import { own } from '../kernel/own.ts'
import { isNineError, NineError } from '../kernel/errors.ts'
import { dirname, resolvePath } from '../kernel/path.ts'
import { administers, SUPERUSER } from '../kernel/perm.ts'
import type { BinRegistry } from '../kernel/fileservers/binfs.ts'
import type { Cred, ProcContext } from '../kernel/types.ts'
import type { Extension, PackageSummary, Packages } from '../extension.ts'
import type { Supervisor } from '../runtime/init/supervisor.ts'
import { catalogue } from './catalogue.ts'

/**
 * Where the installed packages are recorded, so a root kept across boots brings them back: a
 * line each, `name owner` for the catalogue's, `name owner path` for one installed from a host
 * path (loaded again from that path at the next boot).
 */
export const INSTALLED_RECORD = '/var/lib/pkg/installed'

/** Writes one of an Extension's files (boot writes straight into the root filesystem). */
export type FileWriter = (path: string, data: string | Uint8Array) => void | Promise<void>

interface Installed {
  ext: Extension
  source: string
  /** Who installed it: only they (or root) may remove it. */
  owner: string
}

/** What installing needs of the system: its commands, init's supervisor, and the system namespace. */
export interface PackageHost {
  readonly bins: Pick<BinRegistry, 'get' | 'add' | 'remove'>
  readonly supervisor: Pick<Supervisor, 'names' | 'register' | 'unregister' | 'start'>
  /** The system namespace, where stateless devices are mounted and files written, as root. */
  readonly context: Pick<ProcContext, 'mount' | 'unmount' | 'remove'>
  mkdirAll(path: string, mode: number): Promise<void>
  writeFile(path: string, data: string | Uint8Array, options?: { owner?: string; mode?: number }): Promise<void>
  readFile(path: string): Promise<Uint8Array>
  /** A user's credentials, if the user exists (recorded packages are installed again for their owners). */
  credOf(user: string): Cred | undefined
}

export class PackageManager {
  private readonly installed = new Map<string, Installed>()

  constructor(
    private readonly system: () => PackageHost,
    private readonly loadModule?: (path: string) => Promise<unknown>,
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
      info: async (name) => this.list().find((p) => p.name === name),
    }
  }

  async install(spec: string, cred: Cred): Promise<PackageSummary> {
    const isPath = spec.includes('/') || /\.(m?js|ts)$/.test(spec)
    let module: unknown
    if (isPath) {
      // Host code runs with the host's powers: only the superuser may bring it in.
      if (cred.uid !== SUPERUSER) throw new NineError('EPERM', spec)
      if (!this.loadModule) throw new NineError('ENOTIMPL', spec, 'loading host modules in this runtime')
      module = await this.loadModule(spec)
    } else {
      const entry = own(catalogue, spec)
      if (entry === undefined) throw new NineError('ENOENT', spec, 'no such package')
      if (this.installed.has(spec)) throw new NineError('EEXIST', spec)
      module = await entry.load()
    }
    // a refusal names what the user asked to install; the checks load with the first install
    const { extensionOf } = await import('./validate.ts')
    const ext = await extensionOf(module).catch((e: unknown) => {
      throw isNineError(e) && e.path === 'package' ? e.withPath(spec) : e
    })
    const name = isPath ? (ext.name ?? spec) : spec
    if (this.installed.has(name)) throw new NineError('EEXIST', name)
    await this.apply(ext, cred.uid)
    this.installed.set(name, { ext, source: isPath ? spec : 'catalogue', owner: cred.uid })
    await this.record()
    const sup = this.system().supervisor
    for (const s of ext.services ?? []) if (s.enabled) await sup.start(s.name, cred).catch(() => {})
    return summarize(name, ext, true, isPath ? spec : 'catalogue')
  }

  /**
   * Applies an Extension: its files (written as root through `write`, by default into the system
   * namespace), bins, mounts and services (registered, owned by `owner`). The one way an Extension
   * enters a system: boot, System.install and pkg install all come here. On any failure it undoes
   * what it did and rethrows.
   */
  async apply(ext: Extension, owner: string = SUPERUSER, write: FileWriter = (path, data) => this.writeFile(path, data)): Promise<void> {
    const sys = this.system()
    for (const name of Object.keys(ext.bins ?? {})) if (sys.bins.get(name)) throw new NineError('EEXIST', `/bin/${name}`)
    for (const s of ext.services ?? []) if (sys.supervisor.names().includes(s.name)) throw new NineError('EEXIST', `service ${s.name}`)
    const written: string[] = []
    const added: string[] = []
    const mounted: string[] = []
    const registered: string[] = []
    try {
      for (const [path, data] of Object.entries(ext.files ?? {})) {
        await write(path, data)
        written.push(path)
      }
      for (const [name, fn] of Object.entries(ext.bins ?? {})) {
        sys.bins.add(name, fn)
        added.push(name)
      }
      for (const [path, fs] of Object.entries(ext.mounts ?? {})) {
        await sys.mkdirAll(path, 0o755)
        await sys.context.mount(fs, path, {}, { srv: fs.kind })
        mounted.push(path)
      }
      for (const s of ext.services ?? []) {
        sys.supervisor.register(s, owner)
        registered.push(s.name)
      }
    } catch (e) {
      for (const name of registered) await sys.supervisor.unregister(name)
      for (const path of mounted) await sys.context.unmount(path).catch(() => {})
      for (const name of added) sys.bins.remove(name)
      await this.removeFiles(written)
      throw e
    }
  }

  private async writeFile(path: string, data: string | Uint8Array): Promise<void> {
    const sys = this.system()
    await sys.mkdirAll(dirname(resolvePath('/', path)), 0o755)
    await sys.writeFile(path, data)
  }

  private async removeFiles(paths: string[]): Promise<void> {
    for (const path of paths) await this.system().context.remove(path).catch(() => {})
  }

  async remove(name: string, cred: Cred): Promise<void> {
    const pkg = this.installed.get(name)
    if (pkg === undefined) throw new NineError('ENOENT', name, 'not installed')
    if (cred.uid !== SUPERUSER && cred.uid !== pkg.owner) throw new NineError('EPERM', name)
    const sys = this.system()
    for (const s of pkg.ext.services ?? []) await sys.supervisor.unregister(s.name)
    for (const path of Object.keys(pkg.ext.mounts ?? {})) await sys.context.unmount(path).catch(() => {})
    for (const bin of Object.keys(pkg.ext.bins ?? {})) if (sys.bins.get(bin)) sys.bins.remove(bin)
    await this.removeFiles(Object.keys(pkg.ext.files ?? {}))
    this.installed.delete(name)
    await this.record()
  }

  private async record(): Promise<void> {
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

  list(): PackageSummary[] {
    const out: PackageSummary[] = []
    for (const [name, p] of this.installed) out.push(summarize(name, p.ext, true, p.source))
    for (const [name, entry] of Object.entries(catalogue))
      if (!this.installed.has(name)) out.push({ name, description: entry.description, installed: false, source: 'catalogue', bins: [], mounts: [], services: [] })
    return out.sort((a, b) => a.name.localeCompare(b.name))
  }
}

function summarize(name: string, ext: Extension, installed: boolean, source: string): PackageSummary {
  return {
    name,
    description: ext.description ?? own(catalogue, name)?.description ?? '',
    installed,
    source,
    bins: Object.keys(ext.bins ?? {}),
    mounts: Object.keys(ext.mounts ?? {}),
    services: (ext.services ?? []).map((s) => s.name),
  }
}
