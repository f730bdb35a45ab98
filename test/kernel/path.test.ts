/** Path names: cleanname, relative paths from the cwd, and `..` that never leaves a bound directory. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { basename, cleanname, dirname, resolvePath } from '../../src/kernel/path.ts'
import { asProc, fails, names, text, withSystem } from './helpers.ts'

test('cleanname removes `.`, duplicate slashes and trailing slashes', () => {
  assert.equal(cleanname('/a/./b'), '/a/b')
  assert.equal(cleanname('/a//b///c/'), '/a/b/c')
  assert.equal(cleanname('//'), '/')
  assert.equal(cleanname('/.'), '/')
  assert.equal(cleanname('/./'), '/')
  assert.equal(cleanname('a/./b/'), 'a/b')
  assert.equal(cleanname('./'), '.')
  assert.equal(cleanname(''), '.')
  assert.equal(cleanname('/'), '/')
  assert.equal(cleanname('/usr/glenda'), '/usr/glenda')
})

test('cleanname resolves `..` lexically', () => {
  assert.equal(cleanname('/a/b/..'), '/a')
  assert.equal(cleanname('/a/b/../c'), '/a/c')
  assert.equal(cleanname('/a/../../b'), '/b')
  assert.equal(cleanname('a/b/../..'), '.')
  assert.equal(cleanname('a/../..'), '..')
  assert.equal(cleanname('../a'), '../a')
  assert.equal(cleanname('../../a/..'), '../..')
})

test('cleanname: `..` at the root stays at the root', () => {
  assert.equal(cleanname('/..'), '/')
  assert.equal(cleanname('/../..'), '/')
  assert.equal(cleanname('/../a'), '/a')
  assert.equal(cleanname('/a/../../../b/./c/..'), '/b')
})

test('resolvePath joins relative paths to the cwd and ignores it for absolute ones', () => {
  assert.equal(resolvePath('/usr/glenda', 'lib/x'), '/usr/glenda/lib/x')
  assert.equal(resolvePath('/usr/glenda', '../x'), '/usr/x')
  assert.equal(resolvePath('/usr/glenda', '.'), '/usr/glenda')
  assert.equal(resolvePath('/', 'a'), '/a')
  assert.equal(resolvePath('/', '..'), '/')
  assert.equal(resolvePath('/usr/glenda', '/etc//users'), '/etc/users')
  assert.equal(resolvePath('/a', '../../..'), '/')
})

test('basename and dirname', () => {
  assert.equal(basename('/a/b'), 'b')
  assert.equal(basename('/'), '/')
  assert.equal(basename('b'), 'b')
  assert.equal(dirname('/a/b'), '/a')
  assert.equal(dirname('/a'), '/')
  assert.equal(dirname('a'), '.')
})

test('a process resolves relative paths from its cwd', async () => {
  await withSystem(async (sys) => {
    await sys.mkdirAll('/tmp/w/sub', 0o777)
    await sys.writeFile('/tmp/w/sub/f', 'in sub')
    await sys.writeFile('/tmp/w/top', 'at top')
    await asProc(sys, async (p) => {
      await p.chdir('/tmp/w')
      assert.equal(p.cwd, '/tmp/w')
      assert.equal(p.abs('sub/f'), '/tmp/w/sub/f')
      assert.equal(p.abs('./sub/../top'), '/tmp/w/top')
      assert.equal(text(await p.readFile('sub/f')), 'in sub')
      await p.chdir('sub')
      assert.equal(p.cwd, '/tmp/w/sub')
      assert.equal(text(await p.readFile('../top')), 'at top')
      assert.equal(text(await p.readFile('.//f')), 'in sub')
      await p.writeFile('new', 'created relative')
      await p.chdir('..')
      assert.equal(p.cwd, '/tmp/w')
      assert.equal(text(await p.readFile('/tmp/w/sub/new')), 'created relative')
      await p.chdir('../../../..')
      assert.equal(p.cwd, '/')
    })
  })
})

test('chdir fails on a missing path and on a file', async () => {
  await withSystem(async (sys) => {
    await sys.writeFile('/tmp/plain', 'x')
    await asProc(sys, async (p) => {
      await fails(p.chdir('/tmp/nonesuch'), 'file does not exist')
      await fails(p.chdir('/tmp/plain'), 'not a directory')
      assert.equal(p.cwd, '/root', 'a failed chdir leaves the cwd alone')
    })
  })
})

test('`..` never climbs out of a bound directory: /n/j/../.. is /', async () => {
  await withSystem(async (sys) => {
    await sys.mkdirAll('/tmp/jail/inner', 0o777)
    await sys.writeFile('/tmp/jail/inner/f', 'jailed')
    await sys.writeFile('/tmp/marker', 'in /tmp')
    await sys.mkdirAll('/n/j', 0o755)
    await sys.writeFile('/n/marker', 'in /n')
    await asProc(sys, async (p) => {
      await p.bind('/tmp/jail', '/n/j')
      assert.deepEqual(await names(p, '/n/j'), ['inner'])
      // Lexically /n/j/.. is /n, never /tmp (the bound directory's real parent).
      assert.deepEqual((await p.stat('/n/j/..')).qid, (await p.stat('/n')).qid)
      assert.deepEqual(await names(p, '/n/j/..'), await names(p, '/n'))
      assert.equal(text(await p.readFile('/n/j/../marker')), 'in /n')
      const up2 = await p.stat('/n/j/../..')
      assert.equal(up2.name, '/')
      assert.deepEqual(up2.qid, (await p.stat('/')).qid)
      assert.deepEqual(await names(p, '/n/j/../..'), await names(p, '/'))
      assert.deepEqual(await names(p, '/n/j/../../../..'), await names(p, '/'))
      // The same from inside the bound directory with relative paths.
      await p.chdir('/n/j/inner')
      assert.equal(text(await p.readFile('f')), 'jailed')
      assert.equal(text(await p.readFile('../../marker')), 'in /n')
      await p.chdir('../..')
      assert.equal(p.cwd, '/n')
    })
  })
})

test('cleanname gives what cleaning element by element gives, for every path of up to seven of /, . and a', () => {
  const slow = (path: string): string => {
    const rooted = path.startsWith('/')
    const out: string[] = []
    for (const el of path.split('/')) {
      if (el === '' || el === '.') continue
      if (el === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop()
      else if (el !== '..' || !rooted) out.push(el)
    }
    return rooted ? '/' + out.join('/') : out.join('/') || '.'
  }
  let paths = ['']
  for (let len = 1; len <= 7; len++) {
    paths = paths.flatMap((p) => [p + '/', p + '.', p + 'a'])
    for (const p of paths) assert.equal(cleanname(p), slow(p), JSON.stringify(p))
  }
})
