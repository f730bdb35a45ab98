import assert from 'node:assert/strict'
import { test } from 'node:test'
import { boot, stdSystem } from '../../src/index.ts'

test("the roadmap's .profile route: a new login shell has the service's server mounted", async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const setup = await sys.run("pkg install ramfs && mkdir -p /tmp/data && echo 'svc start ramfs-srv && mount -c ramfs /tmp/data' >> ~/.profile")
  assert.equal(setup.exitCode, 0, setup.stderr)
  const login = await sys.exec(['sh', '-l', '-c', 'echo kept > /tmp/data/f; cat /tmp/data/f; svc status ramfs-srv | grep ^state'])
  assert.equal(login.stderr, '')
  assert.equal(login.stdout, 'kept\nstate\trunning\n')
  // a second login runs the profile again: svc start of a running service succeeds, and the
  // mount replaces the first (replace is the default), so the namespace holds it once
  const again = await sys.exec(['sh', '-l', '-c', 'ns | grep -c "mount -c ramfs /tmp/data"'])
  assert.equal(again.stderr, '')
  assert.equal(again.stdout, '1\n')
  await sys.exec(['svc', 'stop', 'ramfs-srv'])
  await sys.shutdown()
})
