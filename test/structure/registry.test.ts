/** The command registry: one line a command, named as its file declares, loaded on first use. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { coreCommands, serviceCommands, srvCommands } from '../../src/bins/registry.ts'
import { commandsFrom } from '../../src/bins/lazy.ts'
import { BinRegistry, Binfs } from '../../src/kernel/fileservers/binfs.ts'
import { OREAD, type BinFunction, type ProcContext } from '../../src/kernel/types.ts'

const groups = { coreCommands, srvCommands, serviceCommands }
const root = { uid: 'root', gid: 'root', groups: [] }

test('every registry line loads the command of its own name', async () => {
  for (const [group, bins] of Object.entries(groups))
    for (const [name, bin] of Object.entries(bins)) {
      const fn = typeof bin === 'function' ? bin : await bin.load()
      assert.equal(fn.name, name, `${group}.${name}`)
      assert.equal(typeof (fn as { summary?: unknown }).summary, 'string', name)
    }
})

test('every command in src/bins/core and src/bins/system has a registry line, once', async () => {
  const registered = Object.values(groups).flatMap((g) => Object.keys(g))
  assert.equal(new Set(registered).size, registered.length, 'a name is registered twice')
  for (const dir of ['core', 'system'])
    for (const file of readdirSync(new URL(`../../src/bins/${dir}/`, import.meta.url))) {
      const module = (await import(`../../src/bins/${dir}/${file}`)) as Record<string, unknown>
      for (const value of Object.values(module))
        if (typeof value === 'function' && typeof (value as { summary?: unknown }).summary === 'string') assert.ok(registered.includes(value.name), `${dir}/${file}: ${value.name}`)
    }
})

test('a lazy command loads when it first runs or its file is read, once; then lookup finds the command itself', async () => {
  let loads = 0
  const real: BinFunction = Object.assign(async () => 7, { summary: 'the real one' })
  const registry = new BinRegistry()
  registry.add('late', {
    load: async () => {
      loads++
      return real
    },
  })
  assert.equal(loads, 0)
  const standIn = registry.get('late')!
  assert.notEqual(standIn, real)
  assert.equal(await standIn({} as ProcContext), 7)
  assert.equal(loads, 1)
  assert.equal(registry.get('late'), real)
  const binfs = new Binfs(registry)
  const h = await binfs.open('/late', OREAD, root)
  assert.equal(new TextDecoder().decode(await h.read(0, 100)), '#!builtin late\n# the real one\n')
  assert.equal(loads, 1)
})

test('a registry line naming the wrong command fails when it runs, not at boot', async () => {
  const registry = new BinRegistry()
  const bins = commandsFrom({ cat: () => import('../../src/bins/core/ls.ts') })
  registry.add('cat', bins.cat!)
  await assert.rejects(async () => registry.get('cat')!({} as ProcContext), /cat: exec header invalid/)
})
