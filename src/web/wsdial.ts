/** A page's dial of `ws!host!port`: 9P over a WebSocket to ws://host:port/9p. Loaded by the first dial (network.ts). */
import type { Transport } from '../9p/transport.ts'
import { webSocketTransport, webSocketUrl } from '../9p/websocket.ts'
import { NineError } from '../kernel/errors.ts'

export function dialWebSocket(host: string, port: number): Promise<Transport> {
  return new Promise<Transport>((resolve, reject) => {
    let socket: WebSocket
    try {
      socket = new WebSocket(webSocketUrl(host, port))
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
}
