/**
 * Installing, removing and listing packages: loaded with the first of them (a browser fetches it
 * then, not before the first prompt), on the manager's book of what is installed.
 */
import { own } from '../kernel/own.ts'
import { isNineError, NineError } from '../kernel/errors.ts'
import { SUPERUSER } from '../kernel/perm.ts'
import type { Extension, PackageSummary } from '../extension.ts'
import type { BinRegistry } from '../kernel/fileservers/binfs.ts'
import type { Cred, ProcContext } from '../kernel/types.ts'
import type { Services } from '../runtime/init/services.ts'
import { catalogue } from './catalogue.ts'

/** A package installed: what it is, where it came from, who installed it. */
export interface Installed {
  ext: Extension
  source: string
  /** Who installed it: only they (or root) may remove it. */
  owner: string
}

/** What installing needs of the system: its commands, init's supervisor, and the system namespace. */
export interface PackageHost {
  readonly bins: Pick<BinRegistry, 'get' | 'addAll' | 'taken' | 'remove'>
  readonly supervisor: Pick<Services, 'names' | 'register' | 'unregister' | 'start'>
  /** The system namespace, where stateless devices are mounted and files written, as root. */
  readonly context: Pick<ProcContext, 'mount' | 'unmount' | 'remove'>
  mkdirAll(path: string, mode: number): Promise<void>
  writeFile(path: string, data: string | Uint8Array, options?: { owner?: string; mode?: number }): Promise<void>
  readFile(path: string): Promise<Uint8Array>
  /** A user's credentials, if the user exists (recorded packages are installed again for their owners). */
  credOf(user: string): Cred | undefined
}

/** What installing and removing work on: the manager's record of what is installed, and its ways. */
export interface PackageBook {
  readonly installed: Map<string, Installed>
  readonly system: () => PackageHost
  readonly loadModule?: (path: string) => Promise<unknown>
  apply(ext: Extension, owner: string): Promise<void>
  removeFiles(paths: string[]): Promise<void>
  /** Writes the record of installed packages. */
  record(): Promise<void>
}

/** Installs a package of the catalogue, or (root only) a host module, all or nothing. */
export async function install(book: PackageBook, spec: string, cred: Cred): Promise<PackageSummary> {
  const isPath = spec.includes('/') || /\.(m?js|ts)$/.test(spec)
  let module: unknown
  if (isPath) {
    // Host code runs with the host's powers: only the superuser may bring it in.
    if (cred.uid !== SUPERUSER) throw new NineError('EPERM', spec)
    if (!book.loadModule) throw new NineError('ENOTIMPL', spec, 'loading host modules in this runtime')
    module = await book.loadModule(spec)
  } else {
    const entry = own(catalogue, spec)
    if (entry === undefined) throw new NineError('ENOENT', spec, 'no such package')
    if (book.installed.has(spec)) throw new NineError('EEXIST', spec)
    module = await entry.load()
  }
  // a refusal names what the user asked to install; the checks load with the first install
  const { extensionOf } = await import('./validate.ts')
  const ext = await extensionOf(module).catch((e: unknown) => {
    throw isNineError(e) && e.path === 'package' ? e.withPath(spec) : e
  })
  const name = isPath ? (ext.name ?? spec) : spec
  if (book.installed.has(name)) throw new NineError('EEXIST', name)
  await book.apply(ext, cred.uid)
  book.installed.set(name, { ext, source: isPath ? spec : 'catalogue', owner: cred.uid })
  await book.record()
  const sup = book.system().supervisor
  for (const s of ext.services ?? []) if (s.enabled) await sup.start(s.name, cred).catch(() => {})
  return summarize(name, ext, true, isPath ? spec : 'catalogue')
}

/** Removes a package: only whoever installed it, or root. */
export async function remove(book: PackageBook, name: string, cred: Cred): Promise<void> {
  const pkg = book.installed.get(name)
  if (pkg === undefined) throw new NineError('ENOENT', name, 'not installed')
  if (cred.uid !== SUPERUSER && cred.uid !== pkg.owner) throw new NineError('EPERM', name)
  const sys = book.system()
  for (const s of pkg.ext.services ?? []) await sys.supervisor.unregister(s.name)
  for (const path of Object.keys(pkg.ext.mounts ?? {})) await sys.context.unmount(path).catch(() => {})
  for (const bin of Object.keys(pkg.ext.bins ?? {})) if (sys.bins.get(bin)) sys.bins.remove(bin)
  await book.removeFiles(Object.keys(pkg.ext.files ?? {}))
  book.installed.delete(name)
  await book.record()
}

/** Every package: the installed ones and the rest of the catalogue, by name. */
export function list(book: PackageBook): PackageSummary[] {
  const out: PackageSummary[] = []
  for (const [name, p] of book.installed) out.push(summarize(name, p.ext, true, p.source))
  for (const [name, entry] of Object.entries(catalogue))
    if (!book.installed.has(name)) out.push({ name, description: entry.description, installed: false, source: 'catalogue', bins: [], mounts: [], services: [] })
  return out.sort((a, b) => a.name.localeCompare(b.name))
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
