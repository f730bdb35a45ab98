/**
 * A real camera in a browser: getUserMedia → a video element → a canvas → JPEG. The stream is
 * opened once, at `start` (so a denied permission or a missing camera fails the server with the
 * browser's reason before it posts anything), and its resolution follows `resize`.
 */
import type { CameraSource, Frame } from './camera.ts'
import { blobBytes } from './jpeg.ts'

export class BrowserCamera implements CameraSource {
  private video: HTMLVideoElement | undefined
  private track: MediaStreamTrack | undefined
  private canvas: OffscreenCanvas | undefined

  async start(width: number, height: number): Promise<void> {
    const media = globalThis.navigator?.mediaDevices
    if (media?.getUserMedia === undefined) throw new Error('no camera in this browser')
    let stream: MediaStream
    try {
      stream = await media.getUserMedia({ video: { width: { ideal: width }, height: { ideal: height } }, audio: false })
    } catch (e) {
      throw new Error(cameraError(e))
    }
    const video = document.createElement('video')
    video.muted = true
    video.playsInline = true
    video.srcObject = stream
    await video.play()
    this.video = video
    this.track = stream.getVideoTracks()[0]
  }

  async resize(width: number, height: number): Promise<void> {
    await this.track?.applyConstraints({ width: { ideal: width }, height: { ideal: height } })
  }

  stop(): void {
    this.track?.stop()
    this.video = undefined
  }

  capture(width: number, height: number): Frame {
    const context = this.draw(width, height)
    const pixels = context.getImageData(0, 0, width, height)
    return { width, height, data: new Uint8Array(pixels.data.buffer) }
  }

  async captureJpeg(width: number, height: number, _frameNumber: number, quality: number): Promise<Uint8Array> {
    this.draw(width, height)
    return blobBytes(await this.canvas!.convertToBlob({ type: 'image/jpeg', quality: quality / 100 }))
  }

  /** The current video frame scaled to width × height on the canvas. */
  private draw(width: number, height: number): OffscreenCanvasRenderingContext2D {
    const video = this.video
    if (video === undefined) throw new Error('camera not started')
    if (this.canvas === undefined || this.canvas.width !== width || this.canvas.height !== height) this.canvas = new OffscreenCanvas(width, height)
    const context = this.canvas.getContext('2d')
    if (context === null) throw new Error('no 2d canvas')
    context.drawImage(video, 0, 0, width, height)
    return context
  }
}

/** The browser's reason in words a person at the terminal understands. */
function cameraError(e: unknown): string {
  const name = e instanceof Error ? e.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'camera permission denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no camera found'
  if (name === 'NotReadableError') return 'camera in use by another program'
  return `camera unavailable: ${e instanceof Error ? e.message : String(e)}`
}
