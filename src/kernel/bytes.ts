import type { ProcContext } from './types.ts'

/** Joins byte chunks into one array (the chunk itself when there is only one). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  let total = 0
  for (const c of chunks) total += c.length
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

/**
 * Reads a descriptor to its end, `count` bytes a call at most (default: the read's own). What it
 * gathers is held (ProcContext.hold) until it returns, so an endless input ends in ELIMIT.
 */
export async function readAll(proc: Pick<ProcContext, 'read' | 'hold'>, fd: number, count?: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let held = 0
  try {
    for (;;) {
      const chunk = await proc.read(fd, count)
      if (chunk.length === 0) return concatBytes(chunks)
      proc.hold(chunk.length)
      held += chunk.length
      chunks.push(chunk)
    }
  } finally {
    proc.hold(-held)
  }
}

/*
 * Text that keeps its bytes. Programs see text as JavaScript strings, but a file, a pipe or a
 * variable may hold bytes that are not UTF-8. Decoding maps each byte of an invalid sequence
 * to a lone surrogate U+DC80–U+DCFF (Python's "surrogateescape"), and encoding maps those back,
 * so bytes → text → bytes gives back every byte; valid UTF-8 decodes to its ordinary string.
 */

const utf8Decoder = new TextDecoder()
const utf8Encoder = new TextEncoder()
const ESCAPE_BASE = 0xdc00
/** A surrogate half: text that may hold escaped bytes (or broken UTF-16) takes the slow way. */
const SURROGATE = /[\ud800-\udfff]/

/** Bytes as text, each byte of an invalid UTF-8 sequence becoming U+DC80–U+DCFF. */
export function decodeBytes(bytes: Uint8Array): string {
  const text = utf8Decoder.decode(bytes)
  // U+FFFD in the result is either a real one or a replaced invalid sequence: look closer
  return text.includes('\ufffd') ? decodeEscaping(bytes) : text
}

function decodeEscaping(bytes: Uint8Array): string {
  let out = ''
  let runStart = 0
  let i = 0
  while (i < bytes.length) {
    const len = validSequenceAt(bytes, i)
    if (len > 0) {
      i += len
      continue
    }
    if (i > runStart) out += utf8Decoder.decode(bytes.subarray(runStart, i))
    out += String.fromCharCode(ESCAPE_BASE + bytes[i]!)
    runStart = ++i
  }
  if (i > runStart) out += utf8Decoder.decode(bytes.subarray(runStart, i))
  return out
}

/** The length of the well-formed UTF-8 sequence starting at `i`, or 0 if there is none. */
function validSequenceAt(b: Uint8Array, i: number): number {
  const c = b[i]!
  if (c < 0x80) return 1
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0
  if (c >= 0xe0 && c <= 0xef) {
    // no overlong forms (E0 80–9F) and no encoded surrogates (ED A0–BF)
    const lo = c === 0xe0 ? 0xa0 : 0x80
    const hi = c === 0xed ? 0x9f : 0xbf
    return cont(1, lo, hi) && cont(2) ? 3 : 0
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80
    const hi = c === 0xf4 ? 0x8f : 0xbf
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0
  }
  return 0
}

/** Text as UTF-8, with the escaped bytes U+DC80–U+DCFF written back as the bytes they stand for. */
export function encodeText(text: string): Uint8Array {
  return (text.length <= SHORT_TEXT && asciiBytes(text)) || (SURROGATE.test(text) ? encodeEscaping(text) : utf8Encoder.encode(text))
}

/** How many bytes encodeText makes of a text, without making them. */
export function encodedLength(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n++
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      n += 4
      i++
    } else n += c >= 0xdc80 && c <= 0xdcff ? 1 : 3
  }
  return n
}

/**
 * Texts up to this long are tried as ASCII first: copying their codes is cheaper than the
 * encoder's call into the host, which makes a buffer of its own for every text (a line of echo).
 */
const SHORT_TEXT = 64

/** The bytes of a text that is all ASCII; undefined when it is not. */
function asciiBytes(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c > 0x7f) return undefined
    out[i] = c
  }
  return out
}

function encodeEscaping(text: string): Uint8Array {
  const chunks: Uint8Array[] = []
  let runStart = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++ // a pair: one character outside the BMP
        continue
      }
    }
    if (c < 0xdc80 || c > 0xdcff) continue // a lone surrogate of another kind encodes as U+FFFD
    if (i > runStart) chunks.push(utf8Encoder.encode(text.slice(runStart, i)))
    chunks.push(Uint8Array.of(c - ESCAPE_BASE))
    runStart = i + 1
  }
  if (text.length > runStart) chunks.push(utf8Encoder.encode(text.slice(runStart)))
  return concatBytes(chunks)
}
