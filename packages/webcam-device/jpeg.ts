/**
 * JPEG encoding of an RGBA frame. Where the runtime has an image encoder of its own (a
 * browser's OffscreenCanvas, which encodes off the page's thread), that one is used. Elsewhere
 * (Node) the frame is encoded in strips that give the host a turn in between (slicedjpeg.ts).
 */
import type { Frame } from './camera.ts'
import { encodeSliced } from './slicedjpeg.ts'

export async function encodeJpeg(frame: Frame, quality: number, yieldToHost: () => Promise<void>): Promise<Uint8Array> {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(frame.width, frame.height)
    const context = canvas.getContext('2d')
    if (context === null) throw new Error('no 2d canvas')
    context.putImageData(new ImageData(new Uint8ClampedArray(frame.data), frame.width, frame.height), 0, 0)
    return blobBytes(await canvas.convertToBlob({ type: 'image/jpeg', quality: quality / 100 }))
  }
  return encodeSliced(frame, quality, yieldToHost)
}

export async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer())
}
