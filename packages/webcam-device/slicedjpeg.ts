/**
 * A baseline JPEG encoder (4:4:4, the standard's example tables) that gives the host a turn
 * between strips of 8 pixel rows. Each strip is one restart interval (DRI, then RST0..RST7 in
 * turn), so a strip starts its DC prediction afresh and depends on nothing before it. jpeg-js
 * encodes a frame in one synchronous call and builds ~65,000 small arrays for each call, so
 * neither one call a frame nor one call a strip keeps the host responsive.
 */
import type { Frame } from './camera.ts'
import { CHROMA_AC, CHROMA_DC, CHROMA_QUANT, LUMA_AC, LUMA_DC, LUMA_QUANT, type HuffmanSpec } from './jpegtables.ts'

/** Zigzag position → natural (row-major) index in an 8x8 block. */
const ZIGZAG = ((): Uint8Array => {
  const order = new Uint8Array(64)
  let k = 0
  for (let s = 0; s < 15; s++) {
    const low = Math.max(0, s - 7)
    const high = Math.min(s, 7)
    // odd diagonals run down-left, even ones up-right
    for (let i = 0; i <= high - low; i++) {
      const row = s % 2 === 1 ? low + i : high - i
      order[k++] = row * 8 + (s - row)
    }
  }
  return order
})()

// The float AAN DCT leaves coefficient (u, v) scaled by SCALE[u] * SCALE[v] * 8.
const SCALE = [1.0, 1.387039845, 1.306562965, 1.175875602, 1.0, 0.785694958, 0.5411961, 0.275899379]

/** The quality's table (natural order) and its reciprocal divisors for the scaled DCT output. */
function quantTable(base: readonly number[], quality: number): { table: Uint8Array; divisors: Float64Array } {
  const q = Math.min(100, Math.max(1, Math.round(quality)))
  const factor = q < 50 ? Math.floor(5000 / q) : 200 - q * 2
  const table = new Uint8Array(64)
  const divisors = new Float64Array(64)
  for (let i = 0; i < 64; i++) {
    table[i] = Math.min(255, Math.max(1, Math.floor((base[i]! * factor + 50) / 100)))
    divisors[i] = 1 / (table[i]! * SCALE[i >> 3]! * SCALE[i & 7]! * 8)
  }
  return { table, divisors }
}

/** Collects bytes, and entropy-coded bits with 0xFF stuffed as the format requires. */
class JpegWriter {
  bytes = new Uint8Array(1 << 16)
  length = 0
  private bits = 0
  private count = 0

  byte(b: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2)
      grown.set(this.bytes)
      this.bytes = grown
    }
    this.bytes[this.length++] = b
  }

  word(w: number): void {
    this.byte(w >> 8)
    this.byte(w & 0xff)
  }

  segment(marker: number, payload: ArrayLike<number>): void {
    this.word(marker)
    this.word(payload.length + 2)
    for (let i = 0; i < payload.length; i++) this.byte(payload[i]!)
  }

  put(code: number, length: number): void {
    this.bits = (this.bits << length) | (code & ((1 << length) - 1))
    this.count += length
    while (this.count >= 8) {
      const b = (this.bits >> (this.count - 8)) & 0xff
      this.byte(b)
      if (b === 0xff) this.byte(0)
      this.count -= 8
    }
    this.bits &= (1 << this.count) - 1
  }

  /** Pads the last byte with 1 bits, as before a marker. */
  align(): void {
    if (this.count > 0) this.put(0x7f, 8 - this.count)
  }
}

/** One colour component's state while encoding. */
interface Component {
  divisors: Float64Array
  dc: HuffmanSpec
  ac: HuffmanSpec
  previousDc: number
}

const block = new Float64Array(64)

/** Forward DCT of `block` in place (float AAN, rows then columns). */
function forwardDct(d: Float64Array): void {
  for (let step = 0; step < 2; step++) {
    const stride = step === 0 ? 1 : 8
    const next = step === 0 ? 8 : 1
    for (let line = 0; line < 8; line++) {
      const o = line * next
      const d0 = d[o]!, d1 = d[o + stride]!, d2 = d[o + 2 * stride]!, d3 = d[o + 3 * stride]!
      const d4 = d[o + 4 * stride]!, d5 = d[o + 5 * stride]!, d6 = d[o + 6 * stride]!, d7 = d[o + 7 * stride]!
      const t0 = d0 + d7, t7 = d0 - d7, t1 = d1 + d6, t6 = d1 - d6
      const t2 = d2 + d5, t5 = d2 - d5, t3 = d3 + d4, t4 = d3 - d4
      const e10 = t0 + t3, e13 = t0 - t3, e11 = t1 + t2, e12 = t1 - t2
      d[o] = e10 + e11
      d[o + 4 * stride] = e10 - e11
      const z1 = (e12 + e13) * 0.707106781
      d[o + 2 * stride] = e13 + z1
      d[o + 6 * stride] = e13 - z1
      const o10 = t4 + t5, o11 = t5 + t6, o12 = t6 + t7
      const z5 = (o10 - o12) * 0.382683433
      const z2 = 0.5411961 * o10 + z5
      const z4 = 1.306562965 * o12 + z5
      const z3 = o11 * 0.707106781
      const z11 = t7 + z3, z13 = t7 - z3
      d[o + 5 * stride] = z13 + z2
      d[o + 3 * stride] = z13 - z2
      d[o + stride] = z11 + z4
      d[o + 7 * stride] = z11 - z4
    }
  }
}

/** Bits of `v` in its size category: the magnitude for positives, one's complement for negatives. */
function category(v: number): number {
  return v === 0 ? 0 : 32 - Math.clz32(v < 0 ? -v : v)
}

function huffmanPut(out: JpegWriter, table: HuffmanSpec, symbol: number): void {
  out.put(table.codes[symbol]!, table.lengths[symbol]!)
}

const quantized = new Int32Array(64)

/** Transforms, quantizes and entropy-codes `block` for one component. */
function encodeBlock(out: JpegWriter, c: Component): void {
  forwardDct(block)
  for (let i = 0; i < 64; i++) quantized[i] = Math.round(block[ZIGZAG[i]!]! * c.divisors[ZIGZAG[i]!]!)
  const diff = quantized[0]! - c.previousDc
  c.previousDc = quantized[0]!
  const dcSize = category(diff)
  huffmanPut(out, c.dc, dcSize)
  if (dcSize > 0) out.put(diff < 0 ? diff - 1 : diff, dcSize)
  let run = 0
  for (let i = 1; i < 64; i++) {
    const v = quantized[i]!
    if (v === 0) {
      run++
      continue
    }
    for (; run >= 16; run -= 16) huffmanPut(out, c.ac, 0xf0)
    const size = category(v)
    huffmanPut(out, c.ac, (run << 4) | size)
    out.put(v < 0 ? v - 1 : v, size)
    run = 0
  }
  if (run > 0) huffmanPut(out, c.ac, 0x00)
}

function writeHeader(out: JpegWriter, frame: Frame, luma: Uint8Array, chroma: Uint8Array, restartInterval: number): void {
  out.word(0xffd8)
  out.segment(0xffe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]) // JFIF 1.1, aspect 1:1
  const dqt = [0]
  for (let i = 0; i < 64; i++) dqt.push(luma[ZIGZAG[i]!]!)
  dqt.push(1)
  for (let i = 0; i < 64; i++) dqt.push(chroma[ZIGZAG[i]!]!)
  out.segment(0xffdb, dqt)
  // three components, each sampled 1x1 (4:4:4), Y with table 0 and Cb, Cr with table 1
  out.segment(0xffc0, [8, frame.height >> 8, frame.height & 0xff, frame.width >> 8, frame.width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1])
  const dht: number[] = []
  for (const [id, spec] of [[0x00, LUMA_DC], [0x10, LUMA_AC], [0x01, CHROMA_DC], [0x11, CHROMA_AC]] as const) dht.push(id, ...spec.spec)
  out.segment(0xffc4, dht)
  out.segment(0xffdd, [restartInterval >> 8, restartInterval & 0xff])
  out.segment(0xffda, [3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0])
}

/**
 * Encodes an RGBA frame (alpha ignored) as one baseline JPEG, calling `yieldToHost` between
 * strips of 8 rows. Edge blocks repeat the last column and row.
 */
export async function encodeSliced(frame: Frame, quality: number, yieldToHost: () => Promise<void>): Promise<Uint8Array> {
  const { width, height, data } = frame
  if (width < 1 || height < 1 || width > 0xffff || height > 0xffff || data.length < width * height * 4) throw new Error(`bad frame ${width}x${height}`)
  const luma = quantTable(LUMA_QUANT, quality)
  const chroma = quantTable(CHROMA_QUANT, quality)
  const blocksAcross = Math.ceil(width / 8)
  const out = new JpegWriter()
  writeHeader(out, frame, luma.table, chroma.table, blocksAcross)
  const y: Component = { divisors: luma.divisors, dc: LUMA_DC, ac: LUMA_AC, previousDc: 0 }
  const cb: Component = { divisors: chroma.divisors, dc: CHROMA_DC, ac: CHROMA_AC, previousDc: 0 }
  const cr: Component = { ...cb }
  const pixels = new Float64Array(64 * 3)
  for (let strip = 0, top = 0; top < height; strip++, top += 8) {
    if (strip > 0) {
      await yieldToHost()
      out.align()
      out.word(0xffd0 + ((strip - 1) & 7))
      y.previousDc = cb.previousDc = cr.previousDc = 0
    }
    for (let left = 0; left < width; left += 8) {
      for (let row = 0; row < 8; row++) {
        const rowStart = Math.min(top + row, height - 1) * width
        for (let col = 0; col < 8; col++) {
          const p = (rowStart + Math.min(left + col, width - 1)) * 4
          const r = data[p]!, g = data[p + 1]!, b = data[p + 2]!
          const i = row * 8 + col
          pixels[i] = 0.299 * r + 0.587 * g + 0.114 * b - 128
          pixels[64 + i] = -0.168736 * r - 0.331264 * g + 0.5 * b
          pixels[128 + i] = 0.5 * r - 0.418688 * g - 0.081312 * b
        }
      }
      block.set(pixels.subarray(0, 64))
      encodeBlock(out, y)
      block.set(pixels.subarray(64, 128))
      encodeBlock(out, cb)
      block.set(pixels.subarray(128))
      encodeBlock(out, cr)
    }
  }
  out.align()
  out.word(0xffd9)
  return out.bytes.slice(0, out.length)
}
