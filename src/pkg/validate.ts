/**
 * Checks that what a package's module gave is a well-formed Extension, before anything of it is
 * applied. A package is untrusted input: every field is checked for shape, nothing is assumed.
 */
import { NineError } from '../kernel/errors.ts'
import { validName } from '../kernel/path.ts'
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

export function validateExtension(ext: unknown): Extension {
  if (!isRecord(ext)) bad('it is not an Extension object')
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
    for (const [path, fs] of Object.entries(ext.mounts)) {
      if (!path.startsWith('/') || path === '/') bad(`mount path "${path}" must be absolute and not /`)
      if (!isFileserver(fs)) bad(`mount "${path}" is not a fileserver`)
    }
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
    for (const s of ext.services) validateService(s)
  }
  return ext as Extension
}

function validateService(s: unknown): asserts s is ServiceDef {
  if (!isRecord(s)) bad('a service must be an object')
  if (typeof s.name !== 'string' || validName(s.name) !== 'ok') bad('a service needs a name')
  if (typeof s.bin !== 'string' || s.bin === '') bad(`service "${s.name}" needs a bin`)
  if (s.args !== undefined && !(Array.isArray(s.args) && s.args.every((a) => typeof a === 'string'))) bad(`service "${s.name}": args must be strings`)
  if (s.postMount !== undefined) {
    if (!isRecord(s.postMount)) bad(`service "${s.name}": postMount must map srv names to paths`)
    for (const [name, path] of Object.entries(s.postMount)) if (validName(name) !== 'ok' || typeof path !== 'string' || !path.startsWith('/')) bad(`service "${s.name}": bad postMount ${name}`)
  }
  if (s.restart !== undefined) {
    if (!isRecord(s.restart) || !['no', 'on-failure', 'always'].includes(s.restart.policy as string)) bad(`service "${s.name}": restart.policy must be no, on-failure or always`)
  }
}
