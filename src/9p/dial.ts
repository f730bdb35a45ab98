/**
 * Dial strings as Plan 9 writes them (dial(2)): `tcp!host!port`, `unix!/path`, `ws!host!port`,
 * and the network a system reaches them through. The core cannot open sockets itself (it runs
 * in browsers too): the host hands a `Network` to boot, and commands find it on their process.
 */
import { NineError } from '../kernel/errors.ts'
import type { Transport } from './transport.ts'

export type DialAddress = { net: 'tcp' | 'ws'; host: string; port: number } | { net: 'unix'; path: string }

/** Parses a dial string; a bare `host!port` is tcp, and `*` as the host means every interface. */
export function parseDialString(text: string): DialAddress {
  const parts = text.split('!')
  if (parts.length === 2 && parts[0] === 'unix') {
    if (!parts[1]) throw new NineError('EINVAL', text, 'empty unix path')
    return { net: 'unix', path: parts[1] }
  }
  const [net, host, port] = parts.length === 2 ? ['tcp', parts[0]!, parts[1]!] : parts
  if (parts.length < 2 || parts.length > 3 || (net !== 'tcp' && net !== 'ws') || !host || port === undefined) throw new NineError('EINVAL', text, 'bad dial string')
  const n = Number(port)
  if (!/^\d+$/.test(port) || n > 65535) throw new NineError('EINVAL', text, 'bad port')
  return { net, host, port: n }
}

/** Whether connections from `address` stay on this machine (a listener elsewhere needs a key). */
export function isLoopback(address: DialAddress): boolean {
  if (address.net === 'unix') return true
  return address.host === 'localhost' || address.host === '::1' || /^127\./.test(address.host)
}

export interface Listener {
  /** Where it listens, as a dial string (the port filled in when 0 was asked for). */
  readonly address: string
  close(): Promise<void>
}

/** What the host provides to reach other machines. */
export interface Network {
  dial(address: DialAddress): Promise<Transport>
  listen(address: DialAddress, accept: (conn: Transport) => void): Promise<Listener>
}

/** The network a process may use, or the reason it may not. */
export function networkOf(proc: object): Network {
  const network = (proc as { network?: Network | 'sandboxed' }).network
  if (network === 'sandboxed') throw new NineError('ENOMOUNT', undefined, 'a sandboxed process cannot dial out')
  if (network === undefined) throw new NineError('ENOTIMPL', undefined, 'no network in this system')
  return network
}
