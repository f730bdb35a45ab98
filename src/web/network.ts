/**
 * The network of a system in a page: a browser can open WebSockets and nothing else, so
 * `ws!host!port` dials (9P at ws://host:port/9p) and every other dial string, and any listener,
 * fails with a reason.
 */
import type { Network } from '../9p/dial.ts'
import type { Transport } from '../9p/transport.ts'
import { NineError } from '../kernel/errors.ts'

export const browserNetwork: Network = {
  async dial(address) {
    if (address.net !== 'ws') throw new NineError('ENOTIMPL', undefined, `a browser dials only ws!host!port, not ${address.net}`)
    // the WebSocket transport is fetched by the first dial
    const { webSocketTransport, webSocketUrl } = await import('../9p/websocket.ts')
    return new Promise<Transport>((resolve, reject) => {
      let socket: WebSocket
      try {
        socket = new WebSocket(webSocketUrl(address.host, address.port))
      } catch (e) {
        reject(new NineError('EIO', undefined, `dial: ${e instanceof Error ? e.message : String(e)}`))
        return
      }
      const failed = (): void => reject(new NineError('EIO', undefined, 'dial: connection refused'))
      socket.addEventListener('error', failed, { once: true })
      socket.addEventListener(
        'open',
        () => {
          socket.removeEventListener('error', failed)
          resolve(webSocketTransport(socket))
        },
        { once: true },
      )
    })
  },
  listen() {
    return Promise.reject(new NineError('ENOTIMPL', undefined, 'a browser cannot listen for connections'))
  },
}
