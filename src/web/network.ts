/**
 * The network of a system in a page: a browser can open WebSockets and nothing else, so
 * `ws!host!port` dials (9P at ws://host:port/9p) and every other dial string, and any listener,
 * fails with a reason.
 */
import type { Network } from '../9p/dial.ts'
import { NineError } from '../kernel/errors.ts'

export const browserNetwork: Network = {
  async dial(address) {
    if (address.net !== 'ws') throw new NineError('ENOTIMPL', undefined, `a browser dials only ws!host!port, not ${address.net}`)
    // the WebSocket dial is fetched by the first dial
    const { dialWebSocket } = await import('./wsdial.ts')
    return dialWebSocket(address.host, address.port)
  },
  listen() {
    return Promise.reject(new NineError('ENOTIMPL', undefined, 'a browser cannot listen for connections'))
  },
}
