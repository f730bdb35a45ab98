/**
 * The webcam fileserver: frame.jpg (each open captures and encodes a new frame), ctl
 * (`resolution WxH`, `fps N`) and status (resolution, fps, frames served).
 */
import { NineError } from '../../src/kernel/errors.ts'
import { file, synthetic } from '../../src/kernel/fileservers/synthetic.ts'
import type { Fileserver } from '../../src/kernel/types.ts'
import type { CameraSource } from './camera.ts'
import { encodeJpeg } from './jpeg.ts'

const QUALITY = 85

export interface WebcamSettings {
  width: number
  height: number
  fps: number
}

/**
 * Under Node a frame is encoded on the host's thread, in strips that give the host a turn in
 * between; its size still bounds how long one read of frame.jpg takes: 1280x720 worth of pixels.
 */
export const LIMITS = { minSide: 16, maxSide: 1920, maxPixels: 1280 * 720, minFps: 1, maxFps: 120 }

export function checkSettings(s: WebcamSettings): string | undefined {
  for (const side of [s.width, s.height]) if (!Number.isInteger(side) || side < LIMITS.minSide || side > LIMITS.maxSide) return `resolution must be ${LIMITS.minSide}..${LIMITS.maxSide} pixels a side`
  if (s.width * s.height > LIMITS.maxPixels) return `resolution must be at most ${LIMITS.maxPixels} pixels (1280x720)`
  if (!Number.isInteger(s.fps) || s.fps < LIMITS.minFps || s.fps > LIMITS.maxFps) return `fps must be ${LIMITS.minFps}..${LIMITS.maxFps}`
  return undefined
}

/** Applies one ctl line to a copy of the settings; throws a NineError naming what was wrong. */
export function applyControl(line: string, current: WebcamSettings): WebcamSettings {
  const words = line.trim().split(/\s+/)
  let next: WebcamSettings
  const res = words[0] === 'resolution' && words.length === 2 ? /^(\d+)x(\d+)$/.exec(words[1]!) : null
  if (res) next = { ...current, width: Number(res[1]), height: Number(res[2]) }
  else if (words[0] === 'fps' && words.length === 2 && /^\d+$/.test(words[1]!)) next = { ...current, fps: Number(words[1]) }
  else throw new NineError('EINVAL', 'ctl', `bad control message: ${line.trim()} (want "resolution WxH" or "fps N")`)
  const problem = checkSettings(next)
  if (problem) throw new NineError('EINVAL', 'ctl', problem)
  return next
}

/**
 * The camera's files, owned by `owner` (the user serving them): only the owner may write ctl.
 * Encoding a frame awaits `yieldToHost` between strips (the serving process's yield).
 */
export function webcamFileserver(camera: CameraSource, initial: WebcamSettings, owner: string, yieldToHost: () => Promise<void>): Fileserver {
  let settings = initial
  let frames = 0
  let lastCapture = 0
  const capture = async (): Promise<Uint8Array> => {
    // Pace captures at the set frame rate, as a real camera delivers them.
    const wait = lastCapture + 1000 / settings.fps - Date.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    lastCapture = Date.now()
    const { width, height } = settings
    const n = frames++
    if (camera.captureJpeg) return camera.captureJpeg(width, height, n, QUALITY)
    return encodeJpeg(await camera.capture(width, height, n), QUALITY, yieldToHost)
  }
  return synthetic(
    {
      'frame.jpg': file({ read: capture }),
      ctl: file({
        read: () => `resolution ${settings.width}x${settings.height}\nfps ${settings.fps}\n`,
        write: async (text) => {
          let next = settings
          for (const line of text.split('\n')) if (line.trim() !== '') next = applyControl(line, next)
          if (next.width !== settings.width || next.height !== settings.height) await camera.resize?.(next.width, next.height)
          settings = next
        },
        mode: 0o644,
      }),
      status: file({ read: () => `resolution ${settings.width}x${settings.height}\nfps ${settings.fps}\nframes ${frames}\n` }),
    },
    { kind: 'webcam', owner },
  )
}
