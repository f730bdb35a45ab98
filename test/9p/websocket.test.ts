/** The WebSocket transport keeps what arrives before it is started: a socket drops messages no one listens for. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { webSocketTransport, type WebSocketLike } from '../../src/9p/websocket.ts'

/** A socket that, as a real one, hands a message only to the listeners there when it comes. */
function fakeSocket(): WebSocketLike & { receive(bytes: number[]): void } {
  const listeners: Record<string, ((event: { data: unknown }) => void)[]> = {}
  return {
    binaryType: 'blob',
    readyState: 1,
    send() {},
    close() {},
    addEventListener(type: string, listener: (event: { data: unknown }) => void) {
      ;(listeners[type] ??= []).push(listener)
    },
    receive(bytes) {
      for (const l of listeners.message ?? []) l({ data: new Uint8Array(bytes).buffer })
    },
  }
}

test('messages that come before start are delivered at start, in order, then the rest as they come', () => {
  const socket = fakeSocket()
  const transport = webSocketTransport(socket)
  socket.receive([1, 2])
  socket.receive([3])
  const got: number[][] = []
  transport.start(
    (bytes) => got.push([...bytes]),
    () => {},
  )
  assert.deepEqual(got, [[1, 2], [3]])
  socket.receive([4])
  assert.deepEqual(got, [[1, 2], [3], [4]])
})
