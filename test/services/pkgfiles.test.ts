/** An Extension's files arrive the same way whichever road it takes: boot, System.install, pkg install. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { boot, stdSystem } from '../../src/index.ts'
import type { Extension } from '../../src/extension.ts'

const withFiles = (name: string): Extension => ({ name, files: { [`/usr/share/${name}/README`]: `${name} notes\n` }, bins: { [`${name}-hello`]: async () => 0 } })

test('pkg install applies a package\'s files; pkg remove takes them away', async () => {
  const sys = await boot({ presets: [stdSystem()], loadModule: async () => ({ default: () => withFiles('docs') }) })
  const r = await sys.run('pkg install /host/docs.js; cat /usr/share/docs/README; pkg remove docs; cat /usr/share/docs/README', { user: 'root' })
  assert.equal(r.stdout, 'installed docs: docs-hello\ndocs notes\nremoved docs\n')
  assert.equal(r.stderr, 'cat: /usr/share/docs/README: file does not exist\n')
  await sys.shutdown()
})

test('boot and System.install write the files too', async () => {
  const sys = await boot({ presets: [stdSystem(), withFiles('atboot')] })
  await sys.install(withFiles('later'))
  assert.equal((await sys.run('cat /usr/share/atboot/README /usr/share/later/README')).stdout, 'atboot notes\nlater notes\n')
  await sys.shutdown()
})

test('a package that fails to apply leaves none of its files behind', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  // its device is no fileserver: the mount fails after the files were written
  const broken = { name: 'broken', files: { '/usr/share/broken/README': 'x' }, mounts: { '/n/broken': {} } } as unknown as Extension
  await assert.rejects(sys.install(broken))
  assert.equal((await sys.run('ls /usr/share/broken/README')).stderr, 'ls: /usr/share/broken/README: file does not exist\n')
  await sys.shutdown()
})
