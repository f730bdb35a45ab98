/**
 * What curl and wget share: a request through the process's web access (webaccess.ts) that
 * follows redirects hop by hop, each hop checked against the allowlist again, and the failures
 * sorted into the kinds both commands report.
 */
import { NineError, reasonOf } from '../../kernel/errors.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { WebDenied, type WebAccess } from '../../webaccess.ts'

/** The web a process may use, or the reason it may not. */
function webOf(proc: object): WebAccess {
  const web = (proc as { web?: WebAccess | 'sandboxed' }).web
  if (web === 'sandboxed') throw new NineError('ENOMOUNT', undefined, 'a sandboxed process cannot reach the network')
  if (web === undefined) throw new NineError('ENOTIMPL', undefined, 'no web access in this system')
  return web
}

export interface Fetched {
  response: Response
  /** The URL of the last hop. */
  url: string
  redirects: number
}

export interface Request {
  method: string
  headers: [string, string][]
  body: Uint8Array | undefined
  /** Follow redirects at most this many times (0: never follow). */
  maxRedirects: number
}

/** Why a request failed before any response came. */
export type WebFailure =
  | { kind: 'denied'; origin: string }
  | { kind: 'url'; reason: string }
  | { kind: 'connect'; host: string; reason: string }
  | { kind: 'redirects'; count: number }

export class WebError extends Error {
  constructor(readonly failure: WebFailure) {
    super(failure.kind)
  }
}

/** A URL as curl and wget accept it: a missing scheme means http. */
export function parseUrl(text: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new WebError({ kind: 'url', reason: 'Malformed input to a URL function' })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebError({ kind: 'url', reason: `Protocol "${url.protocol.slice(0, -1)}" not supported` })
  return url
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

export async function request(proc: ProcContext, start: URL, req: Request): Promise<Fetched> {
  const web = webOf(proc)
  let url = start
  let { method, body } = req
  for (let redirects = 0; ; redirects++) {
    let response: Response
    try {
      response = await web.fetch(url.href, { method, headers: req.headers, ...(body === undefined ? {} : { body: body.slice() }), signal: proc.ended })
    } catch (e) {
      if (e instanceof WebDenied) throw new WebError({ kind: 'denied', origin: e.origin })
      throw new WebError({ kind: 'connect', host: url.host, reason: causeOf(e) })
    }
    const location = response.headers.get('location')
    if (!REDIRECTS.has(response.status) || location === null || req.maxRedirects === 0) return { response, url: url.href, redirects }
    if (redirects >= req.maxRedirects) throw new WebError({ kind: 'redirects', count: redirects })
    await response.body?.cancel()
    url = new URL(location, url)
    // As browsers and curl do: a 303, and a 301 or 302 after a POST, turn into a GET without a body.
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = method === 'HEAD' ? 'HEAD' : 'GET'
      body = undefined
    }
  }
}

/** The host's reason a fetch failed (Node wraps the socket's error as the cause of "fetch failed"). */
function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause
  if (cause?.code === 'ECONNREFUSED') return 'Connection refused'
  if (cause?.code === 'ENOTFOUND') return 'Could not resolve host'
  return cause?.message ?? reasonOf(e)
}

/** Writes a response's body to `fd` as it arrives; returns the bytes written. */
export async function saveBody(proc: ProcContext, response: Response, fd: number): Promise<number> {
  let size = 0
  if (response.body === null) return 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return size
    size += value.length
    await proc.write(fd, value)
  }
}

/** `Name: value` as curl's -H and wget's --header take it. */
export function parseHeader(text: string): [string, string] | undefined {
  const colon = text.indexOf(':')
  if (colon <= 0) return undefined
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()]
}
