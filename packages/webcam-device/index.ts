/**
 * The webcam device package: the roadmap's example, following its Server Daemon Pattern.
 * `webcam-srv [--name webcam] [--width W] [--height H] [--fps N]` posts a webcam fileserver to
 * /srv and serves until SIGTERM.
 */
import { command, UsageError } from '../../src/bins/lib.ts'
import type { BinFunction } from '../../src/kernel/types.ts'
import type { Extension } from '../../src/extension.ts'
import { serveUntilTerminated } from '../../src/pkg/daemon.ts'
import { defaultCamera, type CameraSource } from './camera.ts'
import { checkSettings, webcamFileserver, type WebcamSettings } from './server.ts'

export type { CameraSource, Frame } from './camera.ts'

interface Config extends WebcamSettings {
  name: string
}

function parseConfig(argv: readonly string[]): Config {
  const config: Config = { name: 'webcam', width: 640, height: 480, fps: 15 }
  for (let i = 1; i < argv.length; i++) {
    const flag = argv[i]!
    const value = argv[++i]
    if (value === undefined) throw new UsageError(`${flag} needs a value`)
    if (flag === '--name') config.name = value
    else if (flag === '--width' || flag === '--height' || flag === '--fps') {
      if (!/^\d+$/.test(value)) throw new UsageError(`${flag}: not a number: ${value}`)
      config[flag.slice(2) as 'width' | 'height' | 'fps'] = Number(value)
    } else throw new UsageError(`unknown option ${flag}`)
  }
  const problem = checkSettings(config)
  if (problem) throw new UsageError(problem)
  return config
}

/** The daemon: post, block until SIGTERM, unpost, exit 0. */
export function webcamServer(camera: CameraSource = defaultCamera()): BinFunction {
  return command({
    name: 'webcam-srv',
    usage: '[--name webcam] [--width W] [--height H] [--fps N]',
    summary: 'serve a camera as a fileserver posted in /srv',
    help: '  files: frame.jpg (a new JPEG each open), ctl (resolution WxH, fps N), status',
    async run(proc) {
      const config = parseConfig(proc.argv)
      try {
        await camera.start?.(config.width, config.height)
      } catch (e) {
        await proc.stderr.write(`webcam-srv: ${e instanceof Error ? e.message : String(e)}\n`)
        return 1
      }
      try {
        return await serveUntilTerminated(proc, config.name, webcamFileserver(camera, config, proc.user.uid, () => proc.yield()))
      } finally {
        camera.stop?.()
      }
    },
  })
}

export default function webcamDevice(): Extension {
  return {
    description: 'a camera as a fileserver: frame.jpg, ctl and status (webcam-srv)',
    bins: { 'webcam-srv': webcamServer() },
    services: [
      {
        name: 'webcam-srv',
        bin: 'webcam-srv',
        restart: { policy: 'on-failure' },
        postMount: { webcam: '/dev/webcam' },
        // After the service starts and posts 'webcam' to /srv, init mounts it at /dev/webcam.
      },
    ],
  }
}
