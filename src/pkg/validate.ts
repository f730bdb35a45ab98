/**
 * Checks that what a package's module gave is a well-formed Extension, before anything of it is
 * applied. A package is untrusted input: every field is checked for shape, nothing is assumed.
 */
import { NineError } from '../kernel/errors.ts'
import { cleanname, validName } from '../kernel/path.ts'
import type { Fileserver } from '../kernel/types.ts'
import type { Extension, ServiceDef } from '../extension.ts'

const FS_METHODS = ['stat', 'readdir', 'open', 'create', 'remove', 'wstat'] as const

function bad(what: string): never {
  throw new NineError('EINVAL', 'package', what)
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

export function isFileserver(x: unknown): x is Fileserver {
  return isRecord(x) && FS_METHODS.every((m) => typeof x[m] === 'function')
}

/** Calls the module's default export and validates the Extension it returns. */
export async function extensionOf(module: unknown): Promise<Extension> {
  const factory = isRecord(module) ? module.default : undefined
  if (typeof factory !== 'function') bad('its module has no default export function returning an Extension')
  let ext: unknown
  try {
    ext = await factory()
  } catch (e) {
    bad(`its default export threw: ${e instanceof Error ? e.message : String(e)}`)
  }
  return validateExtension(ext)
}

export function validateExtension(given: unknown): Extension {
  if (!isRecord(given)) bad('it is not an Extension object')
  let ext = given
  const known = new Set(['name', 'description', 'bins', 'mounts', 'files', 'services'])
  for (const key of Object.keys(ext)) if (!known.has(key)) bad(`unknown field "${key}"`)
  if (ext.name !== undefined && typeof ext.name !== 'string') bad('name must be a string')
  if (ext.bins !== undefined) {
    if (!isRecord(ext.bins)) bad('bins must be an object of functions')
    for (const [name, fn] of Object.entries(ext.bins)) {
      if (validName(name) !== 'ok') bad(`bad command name "${name}"`)
      if (typeof fn !== 'function') bad(`bin "${name}" is not a function`)
    }
  }
  if (ext.mounts !== undefined) {
    if (!isRecord(ext.mounts)) bad('mounts must be an object of fileservers')
    const cleaned: Record<string, Fileserver> = {}
    for (const [path, fs] of Object.entries(ext.mounts)) {
      if (!isFileserver(fs)) bad(`mount "${path}" is not a fileserver`)
      cleaned[mountPath(path, `mount path "${path}"`)] = fs
    }
    ext = { ...ext, mounts: cleaned }
  }
  if (ext.files !== undefined) {
    if (!isRecord(ext.files)) bad('files must be an object')
    for (const [path, data] of Object.entries(ext.files)) {
      if (!path.startsWith('/')) bad(`file path "${path}" must be absolute`)
      if (typeof data !== 'string' && !(data instanceof Uint8Array)) bad(`file "${path}" must be text or bytes`)
    }
  }
  if (ext.services !== undefined) {
    if (!Array.isArray(ext.services)) bad('services must be an array')
    ext = { ...ext, services: ext.services.map(validService) }
  }
  return ext as Extension
}

/** The service, checked, as a copy with its paths cleaned (the package's own object is left alone). */
function validService(def: unknown): ServiceDef {
  if (!isRecord(def)) bad('a service must be an object')
  const s = { ...def }
  if (typeof s.name !== 'string' || validName(s.name) !== 'ok') bad('a service needs a name')
  if (typeof s.bin !== 'string' || s.bin === '') bad(`service "${s.name}" needs a bin`)
  if (s.args !== undefined && !(Array.isArray(s.args) && s.args.every((a) => typeof a === 'string'))) bad(`service "${s.name}": args must be strings`)
  if (s.postMount !== undefined) {
    if (!isRecord(s.postMount)) bad(`service "${s.name}": postMount must map srv names to paths`)
    const cleaned: Record<string, string> = {}
    for (const [name, path] of Object.entries(s.postMount)) {
      if (validName(name) !== 'ok' || typeof path !== 'string') bad(`service "${s.name}": bad postMount ${name}`)
      cleaned[name] = mountPath(path, `service "${s.name}": postMount ${name} path "${path}"`)
    }
    s.postMount = cleaned
  }
  if (s.restart !== undefined) {
    if (!isRecord(s.restart) || !['no', 'on-failure', 'always'].includes(s.restart.policy as string)) bad(`service "${s.name}": restart.policy must be no, on-failure or always`)
    const restart = { ...s.restart }
    for (const [field, [min, max]] of Object.entries(RESTART_BOUNDS)) inRange(restart[field], min, max, `service "${s.name}": restart.${field}`)
    const { delayMs, maxDelayMs } = restart
    if (typeof delayMs === 'number' && typeof maxDelayMs === 'number' && maxDelayMs < delayMs) bad(`service "${s.name}": restart.maxDelayMs must not be below restart.delayMs`)
    s.restart = restart
  }
  for (const field of ['postTimeoutMs', 'stopTimeoutMs'] as const) inRange(s[field], 0, HOUR, `service "${s.name}": ${field}`)
  return s as unknown as ServiceDef
}

const HOUR = 3_600_000

/**
 * What a restart policy may ask: a restart loop as fast as the host can spin (`delayMs: 0`) or
 * unbounded (`burst: 1e9`) would be a tenant's way to keep the system busy for ever.
 */
const RESTART_BOUNDS: Record<string, [number, number]> = {
  delayMs: [10, HOUR],
  maxDelayMs: [10, HOUR],
  burst: [1, 100],
  windowMs: [1000, 24 * HOUR],
}

/** An optional field that, when given, is a whole number from `min` to `max`. */
function inRange(value: unknown, min: number, max: number, what: string): void {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) bad(`${what} must be a whole number from ${min} to ${max}`)
}

/** A mount path cleaned (`/tmp/..` is `/`): absolute, and never covering the whole tree. */
function mountPath(path: string, what: string): string {
  if (!path.startsWith('/')) bad(`${what} must be absolute`)
  const clean = cleanname(path)
  if (clean === '/') bad(`${what} covers /`)
  return clean
}
