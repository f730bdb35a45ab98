/**
 * What a preset or package adds to a system image, and package management as a process sees it.
 * The kernel knows nothing of these: the image (src/image.ts) applies Extensions and gives
 * processes their package manager.
 */
import type { BinFunction, Fileserver, LazyBin, ProcContext } from './kernel/types.ts'

/** A unit of composition: presets and packages are Extensions. */
export interface Extension {
  name?: string
  /** One line for `pkg list` and `pkg info`. */
  description?: string
  /** Commands by name; a LazyBin is loaded when it first runs. */
  bins?: Record<string, BinFunction | LazyBin>
  /** Stateless devices: path → fileserver, mounted at boot and on install. */
  mounts?: Record<string, Fileserver>
  /** Files written into the root filesystem at boot (path → contents). */
  files?: Record<string, string | Uint8Array>
  /** Supervised services, started by init. */
  services?: ServiceDef[]
}

export interface RestartPolicy {
  policy: 'no' | 'on-failure' | 'always'
  /** First restart delay (default 100 ms); each further one doubles, up to maxDelayMs (default 5000). */
  delayMs?: number
  maxDelayMs?: number
  /** More than this many restarts within windowMs (default 5 in 30000) marks the service failed. */
  burst?: number
  windowMs?: number
}

/** A service init supervises: started, restarted by its policy, its posts mounted. */
export interface ServiceDef {
  name: string
  bin: string
  args?: string[]
  env?: Record<string, string>
  user?: string
  restart?: RestartPolicy
  /** srv name → path: after the service posts the name, init mounts it there. */
  postMount?: Record<string, string>
  after?: string[]
  /** Started at boot (and on install). */
  enabled?: boolean
  /** How long a postMount name may take to be posted before its mount unit fails (default 5000). */
  postTimeoutMs?: number
  /** How long `svc stop` waits after SIGTERM before SIGKILL (default 3000). */
  stopTimeoutMs?: number
}

/** A package as `pkg list` and `pkg info` show it. */
export interface PackageSummary {
  name: string
  description: string
  installed: boolean
  /** Where it comes from: `catalogue` or the host path it was installed from. */
  source: string
  bins: string[]
  mounts: string[]
  services: string[]
}

/** Package management as a process sees it (wired by the system image; the pkg command uses it). */
export interface Packages {
  /** Installs a catalogue package by name, or (root only) a host ES module by path. */
  install(spec: string): Promise<PackageSummary>
  remove(name: string): Promise<void>
  /** Installed packages and the catalogue's. */
  list(): Promise<PackageSummary[]>
  info(name: string): Promise<PackageSummary | undefined>
}

/** A process that may manage packages: the system image gives every process one. */
export interface PackagesCapable {
  readonly packages: Packages
}

export function isPackagesCapable(proc: ProcContext): proc is ProcContext & PackagesCapable {
  return typeof (proc as Partial<PackagesCapable>).packages === 'object'
}
