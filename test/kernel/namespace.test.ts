/** bind, mount and unmount as the spec page §1 states them: unions, walk order, create routing, errors. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { DMDIR, OAPPEND, OEXCL, OREAD, OTRUNC, OWRITE, type ProcContext } from '../../src/kernel/types.ts'
import { asProc, fails, inChild, names, text, withSystem } from './helpers.ts'

/**
 * /tmp/a: common ("from a"), onlya, sub/x      /tmp/b: common ("from b"), onlyb, sub/y
 * /tmp/c: onlyc                                 /n/u: orig (the directory unions are made on)
 * /n/v, /n/w: empty directories                 /tmp/file, /tmp/file2: plain files
 */
async function seed(sys: System): Promise<void> {
  for (const d of ['/tmp/a/sub', '/tmp/b/sub', '/tmp/c', '/n/u', '/n/v', '/n/w']) await sys.mkdirAll(d, 0o777)
  const files: Record<string, string> = {
    '/tmp/a/common': 'from a',
    '/tmp/a/onlya': 'only in a',
    '/tmp/a/sub/x': 'x',
    '/tmp/b/common': 'from b',
    '/tmp/b/onlyb': 'only in b',
    '/tmp/b/sub/y': 'y',
    '/tmp/c/onlyc': 'only in c',
    '/n/u/orig': 'original',
    '/tmp/file': 'the file, longer',
    '/tmp/file2': 'file2',
  }
  for (const [path, data] of Object.entries(files)) await sys.writeFile(path, data)
}

/** Each member lists its entries in creation order. */
const A = ['sub', 'common', 'onlya']
const B = ['sub', 'common', 'onlyb']

/** Runs `body` as root on a seeded system. */
function nsTest(name: string, body: (p: ProcContext, sys: System) => Promise<void>): void {
  test(name, async () => {
    await withSystem(async (sys) => {
      await seed(sys)
      await asProc(sys, (p) => body(p, sys))
    })
  })
}

/** Directory entry names in listing order (not sorted: order is part of the semantics). */
async function listing(p: ProcContext, path: string): Promise<string[]> {
  return (await p.readdir(path)).map((d) => d.name)
}

async function read(p: ProcContext, path: string): Promise<string> {
  return text(await p.readFile(path))
}

async function exists(p: ProcContext, path: string): Promise<boolean> {
  return p.stat(path).then(
    () => true,
    () => false,
  )
}

// ---- replace, before, after

nsTest('bind (replace) shows new in place of old; old\'s own entries are hidden', async (p) => {
  await p.bind('/tmp/a', '/n/u')
  assert.deepEqual(await listing(p, '/n/u'), [...A])
  assert.equal(await read(p, '/n/u/common'), 'from a')
  await fails(p.stat('/n/u/orig'), 'file does not exist')
  // The same files, not copies.
  await p.writeFile('/n/u/onlya', 'changed through the bind')
  assert.equal(await read(p, '/tmp/a/onlya'), 'changed through the bind')
  // stat names the last element of the path used
  assert.equal((await p.stat('/n/u')).name, 'u')
  assert.deepEqual((await p.stat('/n/u')).qid, (await p.stat('/tmp/a')).qid)
})

nsTest('replace discards the whole member list', async (p) => {
  await p.bind('/tmp/a', '/n/u', { after: true })
  await p.bind('/tmp/b', '/n/u', { after: true })
  await p.bind('/tmp/c', '/n/u')
  assert.deepEqual(await listing(p, '/n/u'), ['onlyc'])
})

nsTest('a first bind -b keeps the original directory as a member, after the new one', async (p) => {
  await p.bind('/tmp/a', '/n/u', { before: true })
  assert.deepEqual(await listing(p, '/n/u'), [...A, 'orig'])
  assert.equal(await read(p, '/n/u/orig'), 'original')
  await p.bind('/tmp/b', '/n/u', { before: true })
  assert.deepEqual(await listing(p, '/n/u'), [...B, ...A, 'orig'])
  assert.equal(await read(p, '/n/u/common'), 'from b', 'before prepends: b is looked in first')
  assert.equal(await read(p, '/n/u/onlya'), 'only in a')
})

nsTest('a first bind -a keeps the original directory as a member, before the new one', async (p) => {
  await p.bind('/tmp/a', '/n/u', { after: true })
  assert.deepEqual(await listing(p, '/n/u'), ['orig', ...A])
  await p.bind('/tmp/b', '/n/u', { after: true })
  assert.deepEqual(await listing(p, '/n/u'), ['orig', ...A, ...B])
  assert.equal(await read(p, '/n/u/common'), 'from a', 'after appends: a is still first')
  assert.equal(await read(p, '/n/u/onlyb'), 'only in b')
  assert.equal(await read(p, '/n/u/orig'), 'original')
})

nsTest('a union is one level deep: a subdirectory comes from the first member that has it', async (p) => {
  await p.bind('/tmp/a', '/n/u')
  await p.bind('/tmp/b', '/n/u', { after: true })
  assert.deepEqual(await listing(p, '/n/u/sub'), ['x'])
  assert.equal(await read(p, '/n/u/sub/x'), 'x')
  // the walk into b's sub does not happen: failing partway fails the whole walk
  await fails(p.stat('/n/u/sub/y'), 'file does not exist')
  await fails(p.readFile('/n/u/sub/y'), 'file does not exist')
  await fails(p.stat('/n/u/nonesuch/y'), 'file does not exist')
  // a file created under the subdirectory lands in that member
  await p.writeFile('/n/u/sub/new', 'n')
  assert.equal(await read(p, '/tmp/a/sub/new'), 'n')
  assert.equal(await exists(p, '/tmp/b/sub/new'), false)
})

nsTest('reading a union concatenates the members, duplicates kept, failing members skipped', async (p, sys) => {
  await sys.mkdirAll('/tmp/gone', 0o777)
  await sys.mkdirAll('/tmp/private', 0o700)
  await sys.writeFile('/tmp/private/hidden', 'h')
  await p.bind('/tmp/a', '/n/u')
  await p.bind('/tmp/gone', '/n/u', { after: true })
  await p.bind('/tmp/private', '/n/u', { after: true })
  await p.bind('/tmp/b', '/n/u', { after: true })
  assert.deepEqual(await listing(p, '/n/u'), [...A, 'hidden', ...B])
  await p.remove('/tmp/gone')
  assert.deepEqual(await listing(p, '/n/u'), [...A, 'hidden', ...B], 'a vanished member is skipped')
  // glenda may not read /tmp/private: that member is skipped for her (she shares this namespace)
  const hers = await inChild(p, (g) => listing(g, '/n/u'), { user: 'glenda' })
  assert.deepEqual(hers, [...A, ...B])
})

nsTest('new is resolved through the namespace when bound; old is not entered at its last element', async (p) => {
  await p.bind('/tmp/a', '/n/v')
  await p.bind('/tmp/b', '/n/v', { after: true })
  // binding /n/v binds what is mounted there: the union of a and b
  await p.bind('/n/v', '/n/w')
  assert.deepEqual(await listing(p, '/n/w'), [...A, ...B])
  // captured at bind time: changing /n/v later does not change /n/w
  await p.bind('/tmp/c', '/n/v')
  assert.deepEqual(await listing(p, '/n/v'), ['onlyc'])
  assert.deepEqual(await listing(p, '/n/w'), [...A, ...B])
})

nsTest('a mount point is the file it covers: a bind under a bound directory shows through both names', async (p) => {
  await p.bind('/tmp/a', '/n/v')
  await p.bind('/tmp/c', '/n/v/sub')
  assert.deepEqual(await listing(p, '/n/v/sub'), ['onlyc'])
  assert.deepEqual(await listing(p, '/tmp/a/sub'), ['onlyc'])
})

// ---- create routing

nsTest('create in a union: an existing name is opened (truncated) in the member that has it', async (p) => {
  await p.bind('/tmp/a', '/n/u')
  await p.bind('/tmp/b', '/n/u', { after: true, create: true })
  await p.writeFile('/n/u/onlya', 'rewritten')
  assert.equal(await read(p, '/tmp/a/onlya'), 'rewritten')
  assert.equal(await exists(p, '/tmp/b/onlya'), false)
  await p.writeFile('/n/u/common', 'c')
  assert.equal(await read(p, '/tmp/a/common'), 'c', 'the first member that has it')
  assert.equal(await read(p, '/tmp/b/common'), 'from b')
  await fails(p.create('/n/u/onlyb', 0o644, OWRITE | OEXCL), 'file already exists')
  await fails(p.mkdir('/n/u/sub'), 'file already exists')
  assert.equal(await read(p, '/tmp/b/onlyb'), 'only in b')
})

nsTest('create in a union: a new name goes to the first member bound with -c', async (p) => {
  await p.bind('/tmp/a', '/n/u')
  await p.bind('/tmp/b', '/n/u', { after: true, create: true })
  await p.bind('/tmp/c', '/n/u', { after: true, create: true })
  await p.writeFile('/n/u/fresh', 'new file')
  await p.mkdir('/n/u/freshdir')
  assert.equal(await read(p, '/tmp/b/fresh'), 'new file')
  assert.ok((await p.stat('/tmp/b/freshdir')).mode & DMDIR)
  for (const path of ['/tmp/a/fresh', '/tmp/c/fresh', '/tmp/a/freshdir', '/tmp/c/freshdir']) assert.equal(await exists(p, path), false, path)
  // -b -c puts the create member first
  await p.bind('/tmp/c', '/n/u', { before: true, create: true })
  await p.writeFile('/n/u/fresher', 'x')
  assert.equal(await exists(p, '/tmp/c/fresher'), true)
  assert.equal(await exists(p, '/tmp/b/fresher'), false)
})

nsTest('create in a union with no -c member: mounted directory forbids creation', async (p) => {
  await p.bind('/tmp/a', '/n/u', { after: true })
  await p.bind('/tmp/b', '/n/u', { after: true })
  await fails(p.writeFile('/n/u/fresh', 'x'), 'mounted directory forbids creation')
  await fails(p.mkdir('/n/u/freshdir'), 'mounted directory forbids creation')
  await fails(p.create('/n/u/fresh', 0o644), 'mounted directory forbids creation')
  for (const d of ['/tmp/a', '/tmp/b', '/n/u']) assert.equal(await exists(p, `${d}/fresh`), false)
})

nsTest('a plain replace bind without -c forbids creation too; with -c it allows it', async (p) => {
  await p.bind('/tmp/a', '/n/v')
  await fails(p.writeFile('/n/v/fresh', 'x'), 'mounted directory forbids creation')
  assert.equal(await exists(p, '/tmp/a/fresh'), false)
  // existing files may still be rewritten
  await p.writeFile('/n/v/onlya', 'ok')
  assert.equal(await read(p, '/tmp/a/onlya'), 'ok')
  await p.bind('/tmp/a', '/n/v', { create: true })
  await p.writeFile('/n/v/fresh', 'x')
  assert.equal(await read(p, '/tmp/a/fresh'), 'x')
  // a mounted fileserver without -c, likewise
  await p.mount(new Memfs(), '/n/w')
  await fails(p.writeFile('/n/w/f', 'x'), 'mounted directory forbids creation')
})

nsTest('create of a file a union member has: truncated, except to append (two >> racing to create one file)', async (p, sys) => {
  await sys.mkdirAll('/tmp/m', 0o777)
  await p.writeFile('/tmp/m/f', 'first\n')
  await p.bind('/tmp/m', '/n/u', { create: true })
  const appending = await p.create('/n/u/f', 0o666, OWRITE | OAPPEND)
  await p.write(appending, 'second\n')
  await p.close(appending)
  assert.equal(await read(p, '/tmp/m/f'), 'first\nsecond\n')
  await p.close(await p.create('/n/u/f', 0o666, OWRITE | OTRUNC))
  assert.equal(await read(p, '/tmp/m/f'), '')
  // and so on the fileserver itself, not through a union
  await p.writeFile('/tmp/m/f', 'first\n')
  await p.close(await p.create('/tmp/m/f', 0o666, OWRITE | OAPPEND))
  assert.equal(await read(p, '/tmp/m/f'), 'first\n')
})

nsTest('create in a union does not fall back to a later member when the -c member refuses', async (p, sys) => {
  await sys.mkdirAll('/tmp/rootonly', 0o755)
  await sys.mkdirAll('/tmp/open', 0o777)
  await p.bind('/tmp/rootonly', '/n/u', { create: true })
  await p.bind('/tmp/open', '/n/u', { after: true, create: true })
  await inChild(p, (g) => fails(g.writeFile('/n/u/f', 'x'), 'permission denied'), { user: 'glenda' })
  assert.equal(await exists(p, '/tmp/open/f'), false)
  assert.equal(await exists(p, '/tmp/rootonly/f'), false)
})

// ---- errors

nsTest('inconsistent mount: directory onto file, file onto directory, -a/-b with files', async (p) => {
  await fails(p.bind('/tmp/a', '/tmp/file'), 'inconsistent mount')
  await fails(p.bind('/tmp/file', '/n/u'), 'inconsistent mount')
  await fails(p.bind('/tmp/file', '/tmp/file2', { after: true }), 'inconsistent mount')
  await fails(p.bind('/tmp/file', '/tmp/file2', { before: true }), 'inconsistent mount')
  await fails(p.mount(new Memfs(), '/tmp/file'), 'inconsistent mount')
  assert.equal(await read(p, '/tmp/file2'), 'file2', 'nothing was bound')
  assert.deepEqual(await listing(p, '/n/u'), ['orig'])
  // a file onto a file with replace is fine
  await p.bind('/tmp/file', '/tmp/file2')
  assert.equal(await read(p, '/tmp/file2'), 'the file, longer')
  await p.bind('/tmp/file', '/tmp/file2', { create: true })
  assert.equal(await read(p, '/tmp/file2'), 'the file, longer')
})

nsTest('before and after together: bad arg in system call', async (p) => {
  await fails(p.bind('/tmp/a', '/n/u', { before: true, after: true }), 'bad arg in system call')
  await fails(p.mount(new Memfs(), '/n/u', { before: true, after: true }), 'bad arg in system call')
  assert.deepEqual(await listing(p, '/n/u'), ['orig'])
})

nsTest('a missing new or old: file does not exist, naming the path', async (p) => {
  let e = await fails(p.bind('/tmp/nonesuch', '/n/u'), 'file does not exist')
  assert.equal(e.path, '/tmp/nonesuch')
  e = await fails(p.bind('/tmp/a', '/n/nonesuch'), 'file does not exist')
  assert.equal(e.path, '/n/nonesuch')
  await fails(p.mount(new Memfs(), '/n/nonesuch'), 'file does not exist')
  await fails(p.bind('#nonesuch', '/n/u'), 'file does not exist')
  await fails(p.unmount('/n/nonesuch'), 'file does not exist')
})

nsTest('removing a mount point: is a mount point', async (p) => {
  await p.bind('/tmp/a', '/n/v')
  await fails(p.remove('/n/v'), 'is a mount point')
  await p.bind('/tmp/file', '/tmp/file2')
  await fails(p.remove('/tmp/file2'), 'is a mount point')
  assert.equal(await exists(p, '/tmp/file2'), true)
  // what is inside a mount may be removed
  await p.remove('/n/v/onlya')
  assert.equal(await exists(p, '/tmp/a/onlya'), false)
  // once unmounted, the directory is an ordinary one again
  await p.unmount('/n/v')
  await p.remove('/n/v')
  assert.equal(await exists(p, '/n/v'), false)
})

nsTest('cd into a mount point stays on it: a later bind there shows through', async (p) => {
  await p.bind('/tmp/a', '/n/v')
  await p.chdir('/n/v')
  assert.deepEqual(await listing(p, '.'), [...A])
  await p.bind('/tmp/c', '/n/v')
  assert.deepEqual(await listing(p, '.'), ['onlyc'])
  assert.equal(await read(p, 'onlyc'), 'only in c')
  await p.bind('/tmp/b', '.', { after: true })
  assert.deepEqual(await listing(p, '.'), ['onlyc', ...B])
  // and cd into a plain directory that becomes a mount point later
  await p.chdir('/n/w')
  await p.bind('/tmp/b', '/n/w')
  assert.deepEqual(await listing(p, '.'), [...B])
})

// ---- unmount

nsTest('unmount old removes the whole mount point, the implicit original member included', async (p) => {
  await p.bind('/tmp/a', '/n/u', { after: true })
  await p.bind('/tmp/b', '/n/u', { before: true })
  await p.unmount('/n/u')
  assert.deepEqual(await listing(p, '/n/u'), ['orig'])
  await fails(p.unmount('/n/u'), 'not mounted')
  // the original directory is a plain directory again: creation works
  await p.writeFile('/n/u/new', 'x')
  assert.equal(await read(p, '/n/u/new'), 'x')
})

nsTest('unmount new old removes one member; the last one takes the mount point with it', async (p) => {
  await p.bind('/tmp/a', '/n/u', { after: true })
  await p.bind('/tmp/b', '/n/u', { after: true })
  await p.unmount('/n/u', '/tmp/a')
  assert.deepEqual(await listing(p, '/n/u'), ['orig', ...B])
  await fails(p.unmount('/n/u', '/tmp/a'), 'not in union')
  await fails(p.unmount('/n/u', '/tmp/c'), 'not in union')
  await fails(p.unmount('/n/u', '/tmp/nonesuch'), 'file does not exist')
  // a replace bind has one member: removing it removes the mount point
  await p.bind('/tmp/c', '/n/v')
  await p.unmount('/n/v', '/tmp/c')
  assert.deepEqual(await listing(p, '/n/v'), [])
  await fails(p.unmount('/n/v'), 'not mounted')
})

nsTest('unmount of something never mounted: not mounted', async (p) => {
  await fails(p.unmount('/n/w'), 'not mounted')
  await fails(p.unmount('/tmp/a/sub'), 'not mounted')
  await fails(p.unmount('/n/w', '/tmp/a'), 'not mounted')
})

nsTest('unmount of a mounted fileserver by the fileserver itself', async (p) => {
  const fs1 = new Memfs()
  const fs2 = new Memfs()
  await p.mount(fs1, '/n/w', { create: true })
  await p.writeFile('/n/w/in1', 'one')
  await p.mount(fs2, '/n/w', { after: true, create: true })
  assert.deepEqual(await listing(p, '/n/w'), ['in1'])
  await fails(p.unmount('/n/w', new Memfs()), 'not in union')
  await p.unmount('/n/w', fs1)
  assert.deepEqual(await listing(p, '/n/w'), [])
  await p.writeFile('/n/w/in2', 'two')
  await p.unmount('/n/w', fs2)
  await fails(p.stat('/n/w/in2'), 'file does not exist')
  assert.deepEqual(await listing(p, '/n/w'), [])
})

// ---- listings and devices

nsTest('a mount point in a directory listing shows what is mounted there, under the old name', async (p, sys) => {
  await sys.mkdirAll('/n/d/sub', 0o777)
  await sys.writeFile('/n/d/small', 's')
  await p.bind('/tmp/file', '/n/d/small')
  await p.bind('#p', '/n/d/sub')
  const entries = await p.readdir('/n/d')
  const small = entries.find((d) => d.name === 'small')!
  const file = await p.stat('/tmp/file')
  assert.equal(small.length, file.length)
  assert.deepEqual(small.qid, file.qid)
  const sub = entries.find((d) => d.name === 'sub')!
  const proc = await p.stat('/proc')
  assert.deepEqual(sub.qid, proc.qid)
  assert.equal(sub.mode, proc.mode)
  assert.equal(sub.uid, proc.uid)
  assert.equal((await p.stat('/n/d/small')).name, 'small')
  assert.equal((await p.stat('/n/d/sub')).name, 'sub')
  assert.ok((await names(p, '/n/d/sub')).includes('self'))
})

nsTest('kernel devices attach by # names', async (p) => {
  await p.bind('#p', '/n/v')
  assert.ok((await names(p, '/n/v')).includes(String(p.pid)))
  await p.bind('#c', '/n/w')
  assert.equal((await p.readFile('/n/w/null')).length, 0)
  await p.bind('#b', '/n/u')
  assert.ok((await names(p, '/n/u')).includes('echo'))
  await p.unmount('/n/u', '#b')
  assert.deepEqual(await listing(p, '/n/u'), ['orig'])
})

nsTest('mount attaches a fileserver\'s root', async (p) => {
  const fs = new Memfs()
  await p.mount(fs, '/n/u', { before: true, create: true })
  await p.writeFile('/n/u/inmem', 'memory')
  assert.deepEqual(await listing(p, '/n/u'), ['inmem', 'orig'])
  assert.equal(text(await (await fs.open('/inmem', OREAD, { uid: 'root', gid: 'root', groups: ['root'] })).read(0, 100)), 'memory')
  assert.equal(await exists(p, '/tmp/inmem'), false)
})
