/**
 * Camera sources. A source fills RGBA frames (or gives JPEG itself); the webcam server encodes
 * them. In a browser the default is the real camera (browsercamera.ts); under Node the synthetic
 * camera draws a moving test pattern with the frame number.
 */
import { BrowserCamera } from './browsercamera.ts'

export interface Frame {
  width: number
  height: number
  /** RGBA, width * height * 4 bytes. */
  data: Uint8Array
}

export interface CameraSource {
  /** Opens the device before the server posts: a camera that cannot be had fails here. */
  start?(width: number, height: number): Promise<void>
  /** The resolution changed (ctl). */
  resize?(width: number, height: number): Promise<void>
  stop?(): void
  capture(width: number, height: number, frameNumber: number): Promise<Frame> | Frame
  /** A frame as JPEG, for sources that encode natively. */
  captureJpeg?(width: number, height: number, frameNumber: number, quality: number): Promise<Uint8Array>
}

/** The camera this runtime has: a browser's real one, or the synthetic test pattern. */
export function defaultCamera(): CameraSource {
  return globalThis.navigator?.mediaDevices?.getUserMedia === undefined ? new SyntheticCamera() : new BrowserCamera()
}

// 3x5 digit glyphs, one row a string.
const DIGITS = ['111101101101111', '010110010010111', '111001111100111', '111001111001111', '101101111001001', '111100111001111', '111100111101111', '111001001001001', '111101111101111', '111101111001111']

const BARS: [number, number, number][] = [
  [235, 235, 235],
  [235, 235, 16],
  [16, 235, 235],
  [16, 235, 16],
  [235, 16, 235],
  [235, 16, 16],
  [16, 16, 235],
]

/** Colour bars that scroll one step a frame, with the frame number in a black box. */
export class SyntheticCamera implements CameraSource {
  capture(width: number, height: number, frameNumber: number): Frame {
    const data = new Uint8Array(width * height * 4)
    const barWidth = Math.max(1, Math.ceil(width / BARS.length))
    const shift = (frameNumber * 4) % width
    for (let x = 0; x < width; x++) {
      const [r, g, b] = BARS[Math.floor(((x + shift) % width) / barWidth) % BARS.length]!
      data[x * 4] = r
      data[x * 4 + 1] = g
      data[x * 4 + 2] = b
      data[x * 4 + 3] = 255
    }
    // every row of the bars is the first one
    const rowBytes = width * 4
    for (let y = 1; y < height; y++) data.copyWithin(y * rowBytes, 0, rowBytes)
    drawNumber(data, width, height, frameNumber)
    return { width, height, data }
  }
}

function drawNumber(data: Uint8Array, width: number, height: number, n: number): void {
  const text = String(n)
  const scale = Math.max(1, Math.floor(Math.min(width, height) / 40))
  const boxW = (text.length * 4 + 1) * scale
  const boxH = 7 * scale
  const set = (x: number, y: number, v: number): void => {
    if (x < 0 || y < 0 || x >= width || y >= height) return
    const i = (y * width + x) * 4
    data[i] = data[i + 1] = data[i + 2] = v
  }
  for (let y = 0; y < boxH; y++) for (let x = 0; x < boxW; x++) set(x, y, 0)
  for (let d = 0; d < text.length; d++) {
    const glyph = DIGITS[text.charCodeAt(d) - 48]!
    for (let gy = 0; gy < 5; gy++)
      for (let gx = 0; gx < 3; gx++)
        if (glyph[gy * 3 + gx] === '1')
          for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) set((1 + d * 4 + gx) * scale + sx, (1 + gy) * scale + sy, 255)
  }
}
