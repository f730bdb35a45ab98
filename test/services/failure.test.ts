/** A service that fails says why: `svc status` shows the last line it wrote. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { command } from '../../src/bins/lib.ts'
import { servicesPreset } from '../../src/presets/services.ts'
import { srvPreset } from '../../src/presets/srv.ts'
import { testSystem } from '../kernel/fixtures.ts'

const broken = command({
  name: 'broken-srv',
  usage: '',
  summary: 'a daemon whose device is missing',
  async run(proc) {
    await proc.stderr.write('broken-srv: starting\nbroken-srv: no camera found\n')
    return 1
  },
})

test('a failed service shows the last line it wrote as its error', async () => {
  const sys = await testSystem([srvPreset(), servicesPreset(), { name: 'broken', bins: { 'broken-srv': broken }, services: [{ name: 'broken-srv', bin: 'broken-srv', restart: { policy: 'no' } }] }])
  await sys.exec(['svc', 'start', 'broken-srv'], { user: 'root' })
  const deadline = Date.now() + 5000
  let status = ''
  while (!/^state\tfailed/m.test(status) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10))
    status = (await sys.exec(['svc', 'status', 'broken-srv'], { user: 'root' })).stdout
  }
  assert.match(status, /^state\tfailed \(exited with status 1\)$/m)
  assert.match(status, /^error\tbroken-srv: no camera found$/m)
  await sys.shutdown()
})
