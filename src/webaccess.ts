/**
 * The web as a process sees it: the host's fetch, refused for every origin the system's
 * allowlist does not name. Denied by default: a system booted without `allowNet` reaches
 * nothing, and a sandboxed process (isolated, or barred from mounting) reaches nothing either.
 */
import { NineError } from './kernel/errors.ts'

/** The host's fetch, as the WHATWG Fetch standard defines it (Node and browsers both have one). */
export type HostFetch = (url: string, init: RequestInit) => Promise<Response>

export interface WebAccess {
  /**
   * Fetches `url` if its origin is allowed. Redirects are not followed: the caller follows them,
   * and each hop is checked again, so a redirect cannot lead out of the allowlist.
   */
  fetch(url: string, init: RequestInit): Promise<Response>
}

/** A request to an origin the allowlist does not name. */
export class WebDenied extends Error {
  constructor(readonly origin: string) {
    super(`access to ${origin} denied: the system allows no network access to it (allowNet)`)
  }
}

/**
 * The origin of an allowlist entry (`https://example.org`, `http://127.0.0.1:8080`), or `*` for
 * every origin. Anything else is refused at boot, so a typo cannot silently allow nothing.
 */
export function allowedOrigin(entry: string): string {
  if (entry === '*') return entry
  let url: URL
  try {
    url = new URL(entry)
  } catch {
    throw new NineError('EINVAL', entry, 'not an origin (scheme://host[:port])')
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname.length > 1 || url.search || url.hash) throw new NineError('EINVAL', entry, 'not an http or https origin')
  return url.origin
}

export function webAccess(allow: readonly string[], hostFetch: HostFetch | undefined): WebAccess {
  const origins = new Set(allow.map(allowedOrigin))
  return {
    fetch(url, init) {
      const origin = new URL(url).origin
      if (!origins.has('*') && !origins.has(origin)) return Promise.reject(new WebDenied(origin))
      if (hostFetch === undefined) return Promise.reject(new NineError('ENOTIMPL', undefined, 'this host has no fetch'))
      return hostFetch(url, { ...init, redirect: 'manual' })
    },
  }
}
