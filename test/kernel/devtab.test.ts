/** The device table drives attach, the standard namespace, clean namespaces and the help texts. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { devtab } from '../../src/kernel/fileservers/devtab.ts'
import { boot } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'
import { asProc, fails, withSystem } from './helpers.ts'

test('every row of the device table attaches by its letter, and nothing else does', async () => {
  await withSystem((sys) =>
    asProc(sys, async (p) => {
      await p.mkdir('/tmp/m')
      for (const d of devtab) {
        await p.bind(`#${d.letter}`, '/tmp/m')
        assert.deepEqual((await p.stat('/tmp/m')).qid, (await sys.kernel.attach(`#${d.letter}`).stat('/', p.user)).qid, d.name)
        await p.unmount('/tmp/m')
      }
      await fails(p.bind('#Q', '/tmp/m'), 'file does not exist')
    }),
  )
})

test('the standard namespace binds each device where its row says, in the order of the table', async () => {
  await withSystem(async (sys) => {
    const binds = (await sys.context.nsText()).split('\n').filter((l) => l.startsWith('bind') && l.includes("'#"))
    assert.deepEqual(
      binds,
      devtab.filter((d) => d.std).map((d) => `bind ${d.std!.flags?.before ? '-b ' : ''}'#${d.letter}' ${d.std!.at}`),
    )
  })
})

test('a clean namespace holds the minimal root and only the devices whose rows give it one', async () => {
  await withSystem((sys) =>
    asProc(sys, async (p) => {
      await p.rfork({ cleanNamespace: true })
      const expected = devtab.filter((d) => d.clean).map((d) => `bind '#${d.letter}' ${d.clean!.at}`)
      assert.deepEqual((await p.nsText()).trim().split('\n').filter((l) => !l.startsWith('cd ')), expected)
    }),
  )
})

test('bind and rfork list the table in their help', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  try {
    const bind = (await sys.run('bind --help')).stdout
    for (const d of devtab) assert.ok(bind.includes(`'#${d.letter}' ${d.name}`), d.name)
    const rfork = (await sys.run('rfork --help')).stdout
    for (const d of devtab.filter((r) => r.std && !r.clean)) assert.ok(rfork.includes(`'#${d.letter}' ${d.std!.at}`), d.name)
  } finally {
    await sys.shutdown()
  }
})
