import assert from 'node:assert/strict'
import { test } from 'node:test'
import jpeg from 'jpeg-js'
import { SyntheticCamera, type Frame } from '../../packages/webcam-device/camera.ts'
import { encodeSliced } from '../../packages/webcam-device/slicedjpeg.ts'
import { servicesPreset } from '../../src/presets/services.ts'
import { srvPreset } from '../../src/presets/srv.ts'
import { testSystem } from '../kernel/fixtures.ts'

const noYield = async (): Promise<void> => {}

/** Peak signal-to-noise ratio of the decoded RGB against the source's, in dB. */
function psnr(source: Frame, decoded: Uint8Array): number {
  let squares = 0
  for (let i = 0; i < source.data.length; i++) if (i % 4 !== 3) squares += (decoded[i]! - source.data[i]!) ** 2
  return 10 * Math.log10((255 * 255) / (squares / ((source.data.length / 4) * 3)))
}

/** A smooth gradient: what a camera sees more often than colour bars. */
function gradient(width: number, height: number): Frame {
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, ((x + y) * 127) / (width + height), 255], (y * width + x) * 4)
  return { width, height, data }
}

/** The markers of a JPEG in order (entropy-coded bytes skipped; 0xFF00 is a stuffed byte). */
function markers(bytes: Uint8Array): { marker: number; at: number }[] {
  const found: { marker: number; at: number }[] = []
  let i = 0
  while (i < bytes.length - 1) {
    if (bytes[i] !== 0xff || bytes[i + 1] === 0 || bytes[i + 1] === 0xff) {
      i++
      continue
    }
    const marker = 0xff00 | bytes[i + 1]!
    found.push({ marker, at: i })
    // SOI, EOI and RSTn stand alone; every other marker has a length
    const standalone = marker === 0xffd8 || marker === 0xffd9 || (marker >= 0xffd0 && marker <= 0xffd7)
    i += standalone ? 2 : 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!)
  }
  return found
}

test('a 1280x720 frame decodes to its resolution, close to the source', async () => {
  const source = new SyntheticCamera().capture(1280, 720, 42)
  const decoded = jpeg.decode(await encodeSliced(source, 85, noYield))
  assert.deepEqual([decoded.width, decoded.height], [1280, 720])
  assert.ok(psnr(source, decoded.data) > 40, `PSNR ${psnr(source, decoded.data)}`)
})

test('sizes that are not a multiple of 8 decode whole, edges included', async () => {
  for (const [width, height] of [[17, 13], [16, 16], [1, 1], [641, 9]] as const) {
    const source = gradient(width, height)
    const decoded = jpeg.decode(await encodeSliced(source, 85, noYield))
    assert.deepEqual([decoded.width, decoded.height], [width, height])
    assert.ok(psnr(source, decoded.data) > 35, `${width}x${height}: PSNR ${psnr(source, decoded.data)}`)
  }
})

// Columns white, black, black, white...: the pattern of the largest AC coefficient 8-bit samples give (1020).
test('quality 100 on the largest-coefficient pattern still decodes (coefficients within the tables)', async () => {
  const width = 64
  const height = 16
  const data = new Uint8Array(width * height * 4)
  for (let i = 0; i < width * height; i++) data.fill((((i % width) + 1) >> 1) % 2 === 0 ? 255 : 0, i * 4, i * 4 + 4)
  const source = { width, height, data }
  assert.ok(psnr(source, jpeg.decode(await encodeSliced(source, 100, noYield)).data) > 35)
})

test('lower quality gives fewer bytes and still decodes', async () => {
  const source = gradient(320, 240)
  const high = await encodeSliced(source, 95, noYield)
  const low = await encodeSliced(source, 20, noYield)
  assert.ok(low.length < high.length, `${low.length} < ${high.length}`)
  assert.ok(psnr(source, jpeg.decode(low).data) > 25)
})

test('the encoder yields between strips of 8 rows: 89 times for a 1280x720 frame', async () => {
  let yields = 0
  await encodeSliced(new SyntheticCamera().capture(1280, 720, 0), 85, async () => {
    yields++
    await new Promise((resolve) => setImmediate(resolve))
  })
  assert.equal(yields, 720 / 8 - 1)
})

test('the output is one baseline JPEG: full-size SOF0, DRI of one strip, RST0..RST7 in turn', async () => {
  const bytes = await encodeSliced(new SyntheticCamera().capture(1280, 720, 7), 85, noYield)
  const found = markers(bytes)
  const names = found.map((m) => m.marker)
  assert.equal(names[0], 0xffd8)
  assert.equal(names.at(-1), 0xffd9)
  assert.equal(found.at(-1)!.at, bytes.length - 2)
  for (const single of [0xffd8, 0xffd9, 0xffc0, 0xffdd, 0xffda]) assert.equal(names.filter((m) => m === single).length, 1, single.toString(16))
  const sof = found.find((m) => m.marker === 0xffc0)!.at
  assert.deepEqual([...bytes.subarray(sof + 4, sof + 10)], [8, 720 >> 8, 720 & 0xff, 1280 >> 8, 1280 & 0xff, 3])
  const dri = found.find((m) => m.marker === 0xffdd)!.at
  assert.equal((bytes[dri + 4]! << 8) | bytes[dri + 5]!, 1280 / 8)
  const restarts = names.filter((m) => m >= 0xffd0 && m <= 0xffd7)
  assert.equal(restarts.length, 89)
  restarts.forEach((m, i) => assert.equal(m, 0xffd0 + (i % 8)))
  assert.ok(names.indexOf(0xffda) < names.indexOf(0xffd0), 'restarts follow the scan header')
})

test('a frame without its pixels is refused', async () => {
  await assert.rejects(encodeSliced({ width: 16, height: 16, data: new Uint8Array(10) }, 85, noYield), /bad frame 16x16/)
})

test('the served frame.jpg at 1280x720 decodes to 1280x720', async () => {
  const sys = await testSystem([srvPreset(), servicesPreset()])
  assert.equal((await sys.exec(['pkg', 'install', 'webcam-device'])).exitCode, 0)
  assert.equal((await sys.exec(['svc', 'start', 'webcam-srv'])).exitCode, 0)
  await sys.writeFile('/dev/webcam/ctl', 'resolution 1280x720\n')
  const frame = jpeg.decode(await sys.readFile('/dev/webcam/frame.jpg'))
  assert.deepEqual([frame.width, frame.height], [1280, 720])
  await sys.exec(['svc', 'stop', 'webcam-srv'])
})
