/**
 * Mount propagation between the system namespace and its copies: init's changes reach every copy
 * that has not changed that mount point itself; nothing flows back, or between copies.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { Namespace } from '../../src/kernel/namespace.ts'
import type { Cred } from '../../src/kernel/types.ts'

const root: Cred = { uid: 'root', gid: 'root', groups: [] }

/** A system namespace over one memfs holding /n/a, /n/b, /n/c, and three small servers. */
async function setup() {
  const disk = new Memfs({ owner: 'root', mode: 0o755 })
  for (const d of ['/n/a', '/n/b', '/n/c', '/x']) disk.seedDir(d, 0o755, 'root')
  const system = new Namespace({ fs: disk, path: '/' })
  await system.mount(disk, '/', { create: true }, { type: 'mount', srv: 'boot' }, root)
  system.propagate()
  const server = (file: string) => {
    const fs = new Memfs({ owner: 'root', mode: 0o755 })
    fs.seedFile('/' + file, new Uint8Array(), 0o644, 'root')
    return fs
  }
  return { system, one: server('one'), two: server('two'), three: server('three') }
}

const ls = async (ns: Namespace, path: string) => (await ns.readdir(path, root)).map((d) => d.name).sort()
const src = (srv: string) => ({ type: 'mount' as const, srv })

test("init's mounts reach a copy made before them, and an unmount takes them away again", async () => {
  const { system, one } = await setup()
  const login = system.copy()
  await system.mount(one, '/n/a', {}, src('one'), root)
  assert.deepEqual(await ls(login, '/n/a'), ['one'])
  await system.unmount('/n/a', undefined, root)
  assert.deepEqual(await ls(login, '/n/a'), [])
})

test("a copy's own binds reach neither the system namespace nor another copy", async () => {
  const { system, one } = await setup()
  const a = system.copy()
  const b = system.copy()
  await a.mount(one, '/n/a', {}, src('one'), root)
  assert.deepEqual(await ls(a, '/n/a'), ['one'])
  assert.deepEqual(await ls(system, '/n/a'), [])
  assert.deepEqual(await ls(b, '/n/a'), [])
})

test('a mount point the copy changed itself no longer follows the system namespace', async () => {
  const { system, one, two } = await setup()
  const login = system.copy()
  await login.mount(one, '/n/a', {}, src('one'), root)
  await system.mount(two, '/n/a', {}, src('two'), root)
  assert.deepEqual(await ls(login, '/n/a'), ['one'])
  // unmounting is a change too: init's later mount there does not come back
  await system.mount(two, '/n/b', {}, src('two'), root)
  await login.unmount('/n/b', undefined, root)
  await system.unmount('/n/b', undefined, root)
  await system.mount(two, '/n/b', {}, src('two'), root)
  assert.deepEqual(await ls(login, '/n/b'), [])
  // elsewhere it still follows
  await system.mount(two, '/n/c', {}, src('two'), root)
  assert.deepEqual(await ls(login, '/n/c'), ['two'])
})

test("a copy of a copy keeps the copy's binds and receives the system namespace's later mounts", async () => {
  const { system, one, two, three } = await setup()
  const login = system.copy()
  await login.mount(one, '/n/a', {}, src('one'), root)
  const child = login.copy()
  await login.mount(three, '/n/b', {}, src('three'), root)
  await system.mount(two, '/n/c', {}, src('two'), root)
  await system.mount(two, '/n/a', {}, src('two'), root)
  assert.deepEqual(await ls(child, '/n/a'), ['one'])
  assert.deepEqual(await ls(child, '/n/b'), [])
  assert.deepEqual(await ls(child, '/n/c'), ['two'])
})

test("a union in the system namespace grows in a copy that shares the mount point's history", async () => {
  const { system, one, two } = await setup()
  await system.mount(one, '/x', { after: true }, src('one'), root)
  const login = system.copy()
  await system.mount(two, '/x', { after: true }, src('two'), root)
  assert.deepEqual(await ls(login, '/x'), ['one', 'two'])
  assert.deepEqual(await ls(system, '/x'), ['one', 'two'])
})

test('a clean namespace receives nothing', async () => {
  const { system, one } = await setup()
  const disk = (await system.resolve('/', root)).chan
  const clean = new Namespace(disk)
  await system.mount(one, '/n/a', {}, src('one'), root)
  assert.deepEqual(await ls(clean, '/n/a'), [])
})

test('a copy that changed nothing follows, and keeps following once it binds something of its own', async () => {
  const { system, one, two, three } = await setup()
  const login = system.copy()
  const child = login.copy()
  await system.mount(one, '/n/a', {}, src('one'), root)
  assert.deepEqual(await ls(child, '/n/a'), ['one'])
  await login.mount(two, '/n/b', {}, src('two'), root)
  await system.mount(three, '/n/c', {}, src('three'), root)
  assert.deepEqual(await ls(login, '/n/c'), ['three'])
  assert.deepEqual(await ls(child, '/n/c'), ['three'])
  assert.deepEqual(await ls(child, '/n/b'), [])
  assert.deepEqual(await ls(system, '/n/b'), [])
})

test('a copy made before the namespace became a source does not see its later mounts', async () => {
  const disk = new Memfs({ owner: 'root', mode: 0o755 })
  disk.seedDir('/n/a', 0o755, 'root')
  const system = new Namespace({ fs: disk, path: '/' })
  await system.mount(disk, '/', { create: true }, { type: 'mount', srv: 'boot' }, root)
  const early = system.copy()
  system.propagate()
  const one = new Memfs({ owner: 'root', mode: 0o755 })
  one.seedFile('/one', new Uint8Array(), 0o644, 'root')
  await system.mount(one, '/n/a', {}, src('one'), root)
  assert.deepEqual(await ls(system, '/n/a'), ['one'])
  assert.deepEqual(await ls(early, '/n/a'), [])
})
