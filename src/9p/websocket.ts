/**
 * A WebSocket as a 9P transport, one 9P byte stream carried in binary messages (a message may
 * hold part of a frame or several). Written against the WHATWG WebSocket interface, which
 * browsers have and the `ws` package implements on Node, so the core stays browser-clean.
 */
import type { Transport } from './transport.ts'

/** The part of the WebSocket interface used here. */
export interface WebSocketLike {
  binaryType: string
  readonly readyState: number
  send(data: Uint8Array): void
  close(): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
  addEventListener(type: 'close' | 'error', listener: () => void): void
}

const OPEN = 1
const CLOSING = 2

export function webSocketTransport(socket: WebSocketLike): Transport {
  socket.binaryType = 'arraybuffer'
  let closed = false
  // A socket drops messages no one listens for: those that come before start (a client's
  // Tversion while the server still makes its export) are kept for it.
  const early: Uint8Array[] = []
  let deliver = (bytes: Uint8Array): void => void early.push(bytes)
  socket.addEventListener('message', (event) => {
    // text messages are not 9P: the peer is not speaking the protocol
    if (!(event.data instanceof ArrayBuffer)) return socket.close()
    deliver(new Uint8Array(event.data))
  })
  return {
    start(data, onClosed) {
      deliver = data
      for (const bytes of early.splice(0)) data(bytes)
      const end = (): void => {
        if (closed) return
        closed = true
        onClosed()
      }
      socket.addEventListener('close', end)
      socket.addEventListener('error', () => socket.close())
      if (socket.readyState >= CLOSING) end()
    },
    write(bytes) {
      if (socket.readyState === OPEN) socket.send(bytes)
    },
    close() {
      socket.close()
    },
  }
}

/** The URL a `ws!host!port` dial string names: 9P is served at /9p. */
export function webSocketUrl(host: string, port: number): string {
  return `ws://${host.includes(':') ? `[${host}]` : host}:${port}/9p`
}
