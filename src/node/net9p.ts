/** The host's network for 9P: TCP and Unix-domain sockets as Transports. */
import net from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import { webSocketTransport, webSocketUrl } from '../9p/websocket.ts'
import type { DialAddress, Listener, Network } from '../9p/dial.ts'
import { NineError } from '../kernel/errors.ts'
import type { Transport } from '../9p/transport.ts'

/** Writes of at most this many bytes are joined into one buffer before they go. */
const JOIN = 4096

/** A read into the transport's own buffer takes at most this much (Node's own reads take as much). */
const READ = 64 * 1024

/**
 * How a socket we dial is read (`net.connect`'s `onread`): straight into the place its receiver
 * wants the next bytes (the rest of a reply's data, in the buffer it was asked into), else into
 * one buffer of the transport's, lent to the receiver for the call; a receiver that names no
 * place gets a copy to keep. Node's own reads allocate a fresh buffer of 64 KiB each, and the
 * receiver copied a reply's data out of them.
 */
class SocketReads {
  private readonly own = new Uint8Array(READ)
  private data: ((chunk: Uint8Array, lent?: boolean) => void) | undefined
  private wanted: (() => Uint8Array | undefined) | undefined
  /** What came before `start`, copied. */
  private readonly early: Uint8Array[] = []
  readonly onread = {
    buffer: (): Uint8Array => this.wanted?.() ?? this.own,
    // true: go on reading (false would pause the socket)
    callback: (n: number, buf: Uint8Array): boolean => {
      this.read(buf.subarray(0, n), buf === this.own)
      return true
    },
  }

  start(data: (chunk: Uint8Array, lent?: boolean) => void, wanted: (() => Uint8Array | undefined) | undefined): void {
    this.data = data
    this.wanted = wanted
    for (const chunk of this.early.splice(0)) data(chunk)
  }

  private read(chunk: Uint8Array, own: boolean): void {
    if (this.data === undefined) this.early.push(chunk.slice())
    else if (own && this.wanted === undefined) this.data(chunk.slice())
    else this.data(chunk, own)
  }
}

/**
 * A connected socket as a Transport. Writes made in one turn of the event loop leave together,
 * in one system call, once the turn's callbacks and promise reactions have run: a stat is three
 * messages each way, and a write each cost more than the rest of the message. Small writes are
 * joined into one buffer; large ones (read data) go as they are, and their writers are told
 * when the socket is done with them.
 */
export function socketTransport(socket: net.Socket, reads?: SocketReads): Transport {
  socket.setNoDelay(true)
  let closed = false
  let queued: Uint8Array[] = []
  let large = false
  /** The `sent` callbacks of what is queued: called when the last of it has been written. */
  let waiting: (() => void)[] = []
  const flush = (): void => {
    const parts = queued
    const callbacks = waiting
    queued = []
    waiting = []
    if (socket.destroyed) return
    // a failed write leaves its bytes to the socket's end: nobody is told they are free
    const done =
      callbacks.length === 0
        ? undefined
        : (e?: Error | null): void => {
            if (!e) for (const sent of callbacks) sent()
          }
    if (parts.length === 1) socket.write(parts[0]!, done)
    else if (!large) {
      socket.write(Buffer.concat(parts))
      done?.()
    } else {
      socket.cork()
      for (let i = 0; i < parts.length - 1; i++) socket.write(parts[i]!)
      socket.write(parts[parts.length - 1]!, done)
      socket.uncork()
    }
    large = false
  }
  return {
    tellsSent: true,
    start(data, onClosed, wanted) {
      if (reads !== undefined) reads.start(data, wanted)
      else socket.on('data', (chunk: Buffer) => data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)))
      const end = (): void => {
        if (closed) return
        closed = true
        onClosed()
      }
      socket.on('close', end)
      // an error is followed by close; handled here so it never reaches the host as uncaught
      socket.on('error', () => socket.destroy())
      if (socket.destroyed) end()
    },
    write(bytes, sent) {
      if (socket.destroyed) return
      if (queued.length === 0) process.nextTick(flush)
      queued.push(bytes)
      if (sent !== undefined) waiting.push(sent)
      if (bytes.length > JOIN) large = true
    },
    close() {
      if (queued.length > 0) flush()
      socket.destroy()
    },
  }
}

function endpoint(address: DialAddress): net.NetConnectOpts & net.ListenOptions {
  if (address.net === 'unix') return { path: address.path }
  return { host: address.host === '*' ? '0.0.0.0' : address.host, port: address.port }
}

export const nodeNetwork: Network = {
  dial(address) {
    if (address.net === 'ws') return dialWebSocket(address.host, address.port)
    return new Promise<Transport>((resolve, reject) => {
      const reads = new SocketReads()
      const socket = net.connect({ ...endpoint(address), onread: reads.onread })
      socket.once('connect', () => {
        socket.removeAllListeners('error')
        resolve(socketTransport(socket, reads))
      })
      socket.once('error', (e: NodeJS.ErrnoException) => reject(new NineError('EIO', undefined, `dial: ${e.code ?? e.message}`)))
    })
  },
  listen(address, accept) {
    if (address.net === 'ws') return listenWebSocket(address.host, address.port, accept)
    return new Promise<Listener>((resolve, reject) => {
      // closing the listener hangs up its connections too: a stopped service serves no one
      const sockets = new Set<net.Socket>()
      const server = net.createServer((socket) => {
        sockets.add(socket)
        socket.once('close', () => sockets.delete(socket))
        accept(socketTransport(socket))
      })
      server.once('error', (e: NodeJS.ErrnoException) => reject(new NineError('EIO', undefined, `listen: ${e.code ?? e.message}`)))
      server.listen(endpoint(address), () => {
        const at = server.address()
        const where = typeof at === 'string' || at === null ? `unix!${String(at)}` : `tcp!${at.address}!${at.port}`
        resolve({
          address: where,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done())
              for (const s of sockets) s.destroy()
            }),
        })
      })
    })
  },
}

function dialWebSocket(host: string, port: number): Promise<Transport> {
  return new Promise<Transport>((resolve, reject) => {
    const socket = new WebSocket(webSocketUrl(host, port))
    socket.once('open', () => {
      socket.removeAllListeners('error')
      resolve(webSocketTransport(socket))
    })
    socket.once('error', (e: NodeJS.ErrnoException) => reject(new NineError('EIO', undefined, `dial: ${e.code ?? e.message}`)))
  })
}

function listenWebSocket(host: string, port: number, accept: (conn: Transport) => void): Promise<Listener> {
  return new Promise<Listener>((resolve, reject) => {
    const server = new WebSocketServer({ host: host === '*' ? '0.0.0.0' : host, port, path: '/9p' })
    server.on('connection', (socket) => accept(webSocketTransport(socket)))
    server.once('error', (e: NodeJS.ErrnoException) => reject(new NineError('EIO', undefined, `listen: ${e.code ?? e.message}`)))
    server.once('listening', () => {
      const at = server.address() as net.AddressInfo
      resolve({
        address: `ws!${at.address}!${at.port}`,
        close: () =>
          new Promise<void>((done) => {
            // closing the listener hangs up its connections too, as for TCP
            for (const client of server.clients) client.terminate()
            server.close(() => done())
          }),
      })
    })
  })
}
