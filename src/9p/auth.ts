/**
 * The shared-secret handshake a listener others can reach requires, run on the transport before
 * 9P starts (docs/9p.md). Both sides prove they hold the key without sending it, each over
 * nonces of both sides, so a recorded handshake cannot be replayed:
 *
 *   server → client  nonceS[32]
 *   client → server  nonceC[32] HMAC-SHA256(key, "9fc" nonceS nonceC)[32]
 *   server → client  HMAC-SHA256(key, "9fs" nonceS nonceC)[32]
 *
 * A wrong proof closes the connection. The channel is not encrypted: it authenticates who
 * connects, it does not hide what they read.
 */
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { NineError } from '../kernel/errors.ts'
import type { Transport } from './transport.ts'

const NONCE = 32
const MAC = 32
const encoder = new TextEncoder()

function proof(key: Uint8Array, label: string, nonceS: Uint8Array, nonceC: Uint8Array): Uint8Array {
  const msg = new Uint8Array(3 + NONCE * 2)
  msg.set(encoder.encode(label), 0)
  msg.set(nonceS, 3)
  msg.set(nonceC, 3 + NONCE)
  return hmac(sha256, key, msg)
}

/** Constant-time comparison: how much of a proof matched must not show in the time taken. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

function nonce(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(NONCE))
}

/**
 * Reads exactly `n` bytes from a transport, then hands it (and what came after those bytes) on:
 * the handshake's steps, then 9P, read from one stream.
 */
class Handshaking {
  private buffered = new Uint8Array(0)
  private want = 0
  private waiting: ((bytes: Uint8Array | undefined) => void) | undefined
  private closed = false
  private data: ((chunk: Uint8Array) => void) | undefined
  private onClosed: (() => void) | undefined

  constructor(readonly inner: Transport) {
    inner.start(
      (chunk) => this.received(chunk),
      () => {
        this.closed = true
        this.waiting?.(undefined)
        this.onClosed?.()
      },
    )
  }

  private received(chunk: Uint8Array): void {
    if (this.data) return this.data(chunk)
    const joined = new Uint8Array(this.buffered.length + chunk.length)
    joined.set(this.buffered)
    joined.set(chunk, this.buffered.length)
    this.buffered = joined
    this.deliver()
  }

  private deliver(): void {
    if (this.waiting === undefined || this.buffered.length < this.want) return
    const out = this.buffered.slice(0, this.want)
    this.buffered = this.buffered.slice(this.want)
    const w = this.waiting
    this.waiting = undefined
    w(out)
  }

  read(n: number): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new NineError('EPERM', undefined, 'authentication failed'))
      this.want = n
      this.waiting = (bytes) => (bytes === undefined ? reject(new NineError('EPERM', undefined, 'authentication failed')) : resolve(bytes))
      this.deliver()
    })
  }

  /** The transport 9P runs on once the handshake is done. */
  rest(): Transport {
    return {
      start: (data, closed) => {
        this.data = data
        this.onClosed = closed
        const early = this.buffered
        this.buffered = new Uint8Array(0)
        if (early.length > 0) data(early)
        if (this.closed) closed()
      },
      write: (bytes, sent) => this.inner.write(bytes, sent),
      tellsSent: this.inner.tellsSent,
      close: () => this.inner.close(),
    }
  }
}

/** The server's side: resolves with the transport 9P runs on, or rejects (and hangs up) when the client does not hold the key. */
export async function acceptAuthenticated(transport: Transport, key: Uint8Array): Promise<Transport> {
  const h = new Handshaking(transport)
  const nonceS = nonce()
  transport.write(nonceS)
  try {
    const reply = await h.read(NONCE + MAC)
    const nonceC = reply.subarray(0, NONCE)
    if (!same(reply.subarray(NONCE), proof(key, '9fc', nonceS, nonceC))) throw new NineError('EPERM', undefined, 'authentication failed')
    transport.write(proof(key, '9fs', nonceS, nonceC))
    return h.rest()
  } catch (e) {
    transport.close()
    throw e
  }
}

/** The client's side: proves it holds the key and checks that the server does too. */
export async function dialAuthenticated(transport: Transport, key: Uint8Array): Promise<Transport> {
  const h = new Handshaking(transport)
  try {
    const nonceS = await h.read(NONCE)
    const nonceC = nonce()
    const out = new Uint8Array(NONCE + MAC)
    out.set(nonceC)
    out.set(proof(key, '9fc', nonceS, nonceC), NONCE)
    transport.write(out)
    if (!same(await h.read(MAC), proof(key, '9fs', nonceS, nonceC))) throw new NineError('EPERM', undefined, 'authentication failed: the server does not hold the key')
    return h.rest()
  } catch (e) {
    transport.close()
    throw e
  }
}
