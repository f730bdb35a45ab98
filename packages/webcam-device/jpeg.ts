/**
 * JPEG encoding of an RGBA frame. Where the runtime has an image encoder of its own (a
 * browser's OffscreenCanvas), that one is used: it is native, and jpeg-js's output takes a Node
 * branch inside a bundle. Elsewhere (Node) jpeg-js, loaded on first use.
 */
import type { Frame } from './camera.ts'

export async function encodeJpeg(frame: Frame, quality: number): Promise<Uint8Array> {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(frame.width, frame.height)
    const context = canvas.getContext('2d')
    if (context === null) throw new Error('no 2d canvas')
    context.putImageData(new ImageData(new Uint8ClampedArray(frame.data), frame.width, frame.height), 0, 0)
    return blobBytes(await canvas.convertToBlob({ type: 'image/jpeg', quality: quality / 100 }))
  }
  const { default: jpeg } = await import('jpeg-js')
  return new Uint8Array(jpeg.encode({ data: frame.data, width: frame.width, height: frame.height }, quality).data)
}

export async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer())
}
