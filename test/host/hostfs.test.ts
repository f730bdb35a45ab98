/** Host directories: an agent's session over a copy-on-write view leaves the host as it was; a read-write mount changes it. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { appendFileSync, chmodSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { boot } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'
import { Overlay } from '../../src/kernel/fileservers/overlay.ts'
import { changesTar } from '../../src/bins/util/overlaytar.ts'
import { hostDir } from '../../src/node/hostfs.ts'
import { DMDIR, OREAD, OWRITE } from '../../src/kernel/types.ts'

/** A small project: sources, a build directory, a nested tree. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ninefold-project-'))
  mkdirSync(join(dir, 'src/lib'), { recursive: true })
  mkdirSync(join(dir, 'build'))
  writeFileSync(join(dir, 'src/main.c'), 'int main() { return old(); } // TODO\n')
  writeFileSync(join(dir, 'src/lib/old.c'), 'int old() { return 1; }\n')
  writeFileSync(join(dir, 'build/main.o'), new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]))
  writeFileSync(join(dir, 'README'), 'a project\nTODO: docs\n')
  return dir
}

/** Every file and directory under dir with its mode and bytes, for byte-identical comparisons. */
function snapshot(dir: string, rel = ''): string[] {
  const out: string[] = []
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const p = join(rel, name)
    const st = statSync(join(dir, p))
    if (st.isDirectory()) out.push(`${p}/ ${st.mode.toString(8)}`, ...snapshot(dir, p))
    else out.push(`${p} ${st.mode.toString(8)} ${readFileSync(join(dir, p)).toString('base64')}`)
  }
  return out
}

test('an agent session in a copy-on-write view sees its changes; the host directory stays byte-identical', async (t) => {
  const dir = project()
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const before = snapshot(dir)
  const work = hostDir(dir, { mode: 'cow' })
  const sys = await boot({ presets: [stdSystem()], mounts: { '/work': work } })
  const r = await sys.run(
    [
      'cd /work',
      'find . | sort',
      'grep -rn TODO . | sort',
      "sed -i 's/old/fresh/' src/main.c src/lib/old.c",
      'mv src/lib/old.c src/lib/fresh.c',
      'rm -rf build',
      'echo notes > NOTES',
      'chmod 600 README',
      'echo ---',
      'find . | sort',
      'cat src/main.c src/lib/fresh.c',
    ].join('\n'),
  )
  assert.equal(
    r.stdout,
    '.\n./README\n./build\n./build/main.o\n./src\n./src/lib\n./src/lib/old.c\n./src/main.c\n' +
      './README:2:TODO: docs\n./src/main.c:1:int main() { return old(); } // TODO\n' +
      '---\n.\n./NOTES\n./README\n./src\n./src/lib\n./src/lib/fresh.c\n./src/main.c\n' +
      'int main() { return fresh(); } // TODO\nint fresh() { return 1; }\n',
    r.stderr,
  )
  assert.equal(r.exitCode, 0)
  assert.deepEqual(snapshot(dir), before, 'the host directory is unchanged')

  const ov = work as Overlay
  const changes = (await ov.changes()).map((c) => `${c.change} ${c.path}`)
  assert.deepEqual(changes, ['added /NOTES', 'modified /README', 'removed /build', 'added /src/lib/fresh.c', 'removed /src/lib/old.c', 'modified /src/main.c'])
  // The tar of the changes holds what the session wrote; GNU tar reads it.
  const tarFile = join(mkdtempSync(join(tmpdir(), 'ninefold-tar-')), 'changes.tar')
  writeFileSync(tarFile, await changesTar(ov))
  const { execFileSync } = await import('node:child_process')
  assert.equal(execFileSync('tar', ['-tvf', tarFile]).toString().split('\n').filter(Boolean).map((l) => l.split(/\s+/).pop()).join(' '), 'NOTES README src/lib/fresh.c src/main.c')
  const out = mkdtempSync(join(tmpdir(), 'ninefold-untar-'))
  execFileSync('tar', ['-xf', tarFile, '-C', out])
  assert.equal(readFileSync(join(out, 'src/main.c'), 'utf8'), 'int main() { return fresh(); } // TODO\n')
  rmSync(out, { recursive: true })
  rmSync(tarFile)
  await sys.shutdown()
})

test('a read-write mount changes the host files, and they belong to the user who works on them', async (t) => {
  const dir = project()
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const sys = await boot({ presets: [stdSystem()], mounts: { '/work': hostDir(dir, { mode: 'rw' }) } })
  const r = await sys.run("cd /work && ls -l README | tr -s ' ' | cut -d' ' -f3; sed -i 's/old/fresh/' src/lib/old.c && mv src/lib/old.c src/lib/fresh.c && rm -rf build && mkdir -p docs/api && echo hi > docs/api/x && chmod 600 README && echo done")
  assert.equal(r.stdout, 'glenda\ndone\n', r.stderr)
  assert.equal(readFileSync(join(dir, 'src/lib/fresh.c'), 'utf8'), 'int fresh() { return 1; }\n')
  assert.deepEqual(readdirSync(dir).sort(), ['README', 'docs', 'src'])
  assert.equal(readFileSync(join(dir, 'docs/api/x'), 'utf8'), 'hi\n')
  assert.equal(statSync(join(dir, 'README')).mode & 0o777, 0o600)
  await sys.shutdown()
})

test('a read-only mount refuses every change and says so without a host path', async (t) => {
  const dir = project()
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const before = snapshot(dir)
  const sys = await boot({ presets: [stdSystem()], mounts: { '/work': hostDir(dir) } })
  const r = await sys.run('cd /work; cat README; echo x > README; rm src/main.c; mkdir new; touch t; true')
  assert.equal(r.stdout, 'a project\nTODO: docs\n')
  assert.ok(!r.stderr.includes(dir) && !r.stderr.includes(tmpdir()), r.stderr)
  assert.match(r.stderr, /README: permission denied/)
  assert.deepEqual(snapshot(dir), before)
  await sys.shutdown()
})

test('a sandbox gets a host directory read-only or copy-on-write through the namespace API', async (t) => {
  const dir = project()
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const before = snapshot(dir)
  const sys = await boot({ presets: [stdSystem()] })
  const cow = await sys.run('echo changed > /tmp/README; cat /tmp/README; ls /tmp', {
    rfork: 'N',
    cwd: '/',
    namespace: [
      { bind: '#b', at: '/bin' },
      { mount: hostDir(dir, { mode: 'cow' }), at: '/tmp' },
    ],
  })
  assert.equal(cow.stdout, 'changed\nREADME\nbuild\nsrc\n', cow.stderr)
  const ro = await sys.run('cat /tmp/README; echo changed > /tmp/README', { rfork: 'N', cwd: '/', namespace: [{ bind: '#b', at: '/bin' }, { mount: hostDir(dir), at: '/tmp', flags: 'r' }] })
  assert.deepEqual([ro.stdout, ro.stderr, ro.exitCode], ['a project\nTODO: docs\n', 'sh: 1: /tmp/README: permission denied\n', 2])
  assert.deepEqual(snapshot(dir), before)
  await sys.shutdown()
})

test('a host directory is searched as ninefold searches any: a private directory keeps other users out, its owner in', async (t) => {
  const dir = project()
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  chmodSync(join(dir, 'src'), 0o700)
  const alice = { name: 'alice', home: '/home/alice', groups: [], shell: '/bin/sh' }
  const sys = await boot({ presets: [stdSystem(), { users: [alice] }], mounts: { '/work': hostDir(dir, { mode: 'rw' }) } })
  const owner = await sys.run('cat /work/src/main.c')
  assert.equal(owner.stdout, 'int main() { return old(); } // TODO\n', owner.stderr)
  const other = await sys.run('cat /work/src/main.c; ls /work/src/lib; echo x > /work/src/new', { user: 'alice' })
  assert.equal(other.stdout, '')
  assert.equal(other.stderr, 'cat: /work/src/main.c: permission denied\nls: /work/src/lib: permission denied\nsh: 1: /work/src/new: permission denied\n')
  await sys.shutdown()
})

test('a directory kept open between lookups is used only while its name still leads to it: renamed, replaced or swapped for a link on the host', async (t) => {
  const top = mkdtempSync(join(tmpdir(), 'ninefold-dirfds-'))
  t.after(() => rmSync(top, { recursive: true, force: true }))
  const served = join(top, 'served')
  const outside = join(top, 'outside')
  mkdirSync(join(served, 'a'), { recursive: true })
  mkdirSync(outside)
  writeFileSync(join(served, 'a/f'), 'inside\n')
  const fs = hostDir(served)
  const root = { uid: 'root', gid: 'root', groups: ['root'] }
  const read = async (path: string): Promise<string> => {
    const h = await fs.open(path, 0, root)
    try {
      return new TextDecoder().decode(await h.read(0, 100))
    } finally {
      await h.close()
    }
  }
  assert.equal(await read('/a/f'), 'inside\n')
  // renamed, and another directory made under the old name
  renameSync(join(served, 'a'), join(served, 'b'))
  mkdirSync(join(served, 'a'))
  writeFileSync(join(served, 'a/f'), 'new a\n')
  assert.equal(await read('/a/f'), 'new a\n')
  assert.equal(await read('/b/f'), 'inside\n')
  // moved out of the tree, with a link to where it went in its place
  renameSync(join(served, 'b'), join(outside, 'b'))
  symlinkSync(join(outside, 'b'), join(served, 'b'))
  // refused (a link out of the tree, met in the middle of a path), and nothing outside read
  await assert.rejects(read('/b/f'), /permission denied/)
  await assert.rejects(fs.stat('/b/f', root), /permission denied/)
  await fs.shutdown?.()
})

test('a link to a directory inside the tree is followed in the middle of a path, as at its end', async (t) => {
  const top = mkdtempSync(join(tmpdir(), 'ninefold-midlink-'))
  t.after(() => rmSync(top, { recursive: true, force: true }))
  mkdirSync(join(top, 'd/e'), { recursive: true })
  writeFileSync(join(top, 'd/e/f'), 'inside\n')
  symlinkSync('d', join(top, 'rel'))
  symlinkSync(join(top, 'd'), join(top, 'abs'))
  const sys = await boot({ presets: [stdSystem()], mounts: { '/work': hostDir(top) } })
  t.after(() => sys.shutdown())
  const r = await sys.run('cat /work/rel/e/f /work/abs/e/f; ls /work/rel/e; find /work/rel/ | sort')
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'inside\ninside\nf\n/work/rel/\n/work/rel/e\n/work/rel/e/f\n')
})

test('a listed entry gives what a stat of it gives; one removed after the listing shows only its kind', async (t) => {
  const dir = project()
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const fs = hostDir(dir, { owner: 'glenda' })
  const glenda = { uid: 'glenda', gid: 'glenda', groups: ['glenda'] }
  const listed = await fs.readdir('/src', glenda)
  assert.deepEqual(listed.map((d) => [d.name, d.qid.type]).sort(), [['lib', 0x80], ['main.c', 0]])
  for (const d of listed) {
    const st = await fs.stat(`/src/${d.name}`, glenda)
    assert.deepEqual([d.mode, d.length, d.mtime, d.atime, d.qid.path, d.qid.version, d.uid], [st.mode, st.length, st.mtime, st.atime, st.qid.path, st.qid.version, st.uid])
  }
  const [gone] = await fs.readdir('/build', glenda)
  rmSync(join(dir, 'build/main.o'))
  assert.deepEqual([gone!.name, gone!.qid.type, gone!.mode, gone!.length], ['main.o', 0, 0, 0])
  const sys = await boot({ presets: [stdSystem()], mounts: { '/work': hostDir(dir) } })
  const r = await sys.run('ls -l /work/src | tail -n +2 | cut -c1-10; find /work -type d | sort')
  assert.equal(r.stdout, 'drwxr-xr-x\n-rw-r--r--\n/work\n/work/build\n/work/src\n/work/src/lib\n')
  await sys.shutdown()
})

test('a reader that found a host file\'s end sees what is written after: through ninefold at once, by a host process when it looks again', async (t) => {
  const dir = project()
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const fs = hostDir(dir, { mode: 'rw', owner: 'glenda' })
  const glenda = { uid: 'glenda', gid: 'glenda', groups: ['glenda'] }
  const text = (b: Uint8Array): string => new TextDecoder().decode(b)
  const reader = await fs.open('/README', OREAD, glenda)
  assert.equal(text(await reader.read(0, 100)), 'a project\nTODO: docs\n')
  const writer = await fs.open('/README', OWRITE, glenda)
  await writer.write(21, new TextEncoder().encode('more\n'))
  await writer.close()
  assert.equal(text(await reader.read(21, 100)), 'more\n')
  assert.equal(text(await reader.read(26, 100)), '')
  // the end a read found is answered once; asked again, the reader looks at the file again
  appendFileSync(join(dir, 'README'), 'from the host\n')
  const next = await reader.read(26, 100)
  assert.equal(text(next.length > 0 ? next : await reader.read(26, 100)), 'from the host\n')
  await reader.close()
  await fs.shutdown?.()
})

test('a directory open to have names opened in it answers for its search permission as changed through ninefold', async (t) => {
  const dir = project()
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const fs = hostDir(dir, { mode: 'rw', owner: 'glenda' })
  const glenda = { uid: 'glenda', gid: 'glenda', groups: ['glenda'] }
  const src = await fs.open('/src', OREAD, glenda)
  const file = await fs.openAt!(src, '/src/main.c', OREAD, glenda)
  await file.close()
  await fs.wstat('/src', { mode: DMDIR | 0o600 }, glenda)
  await assert.rejects(fs.openAt!(src, '/src/main.c', OREAD, glenda), /permission denied/)
  await fs.wstat('/src', { mode: DMDIR | 0o700 }, glenda)
  await (await fs.openAt!(src, '/src/main.c', OREAD, glenda)).close()
  await src.close()
  await fs.shutdown?.()
})

test('grep -r over a host directory finds what GNU grep finds: small files read whole, a large one streamed, links, empty files', async (t) => {
  const dir = project()
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'src/big.txt'), 'filler line\n'.repeat(20_000) + 'TODO at the end\n')
  writeFileSync(join(dir, 'src/empty'), '')
  writeFileSync(join(dir, 'src/no-newline'), 'last TODO')
  symlinkSync('main.c', join(dir, 'src/link.c'))
  // -R: a host listing shows a link as what it leads to, so ninefold's -r follows it as GNU's -R does
  const gnu = execFileSync('grep', ['-R', 'TODO', '.'], { cwd: dir, encoding: 'utf8' })
  const sys = await boot({ presets: [stdSystem()], mounts: { '/work': hostDir(dir) } })
  const r = await sys.run('cd /work && grep -r TODO .')
  const sorted = (s: string): string[] => s.split('\n').filter(Boolean).sort()
  assert.deepEqual(sorted(r.stdout), sorted(gnu), r.stderr)
  await sys.shutdown()
})

test('grep -r over a host directory names a file it may not read and searches the rest', async (t) => {
  const dir = project()
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'src/locked'), 'TODO locked\n')
  writeFileSync(join(dir, 'src/open'), 'TODO open\n')
  chmodSync(join(dir, 'src/locked'), 0o200)
  const sys = await boot({ presets: [stdSystem()], mounts: { '/work': hostDir(dir) } })
  const r = await sys.run('cd /work/src && grep -r TODO .')
  assert.equal(r.stderr, 'grep: ./locked: permission denied\n')
  assert.match(r.stdout, /^\.\/open:TODO open$/m)
  assert.doesNotMatch(r.stdout, /locked/)
  assert.equal(r.exitCode, 2)
  await sys.shutdown()
})

test("ls shows a host file's name with control characters as GNU ls does in each quoting style", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ninefold-names-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  for (const name of ['new\nline', 'tab\tx', 'bell\x07', 'plain']) writeFileSync(join(dir, name), '')
  const sys = await boot({ presets: [stdSystem()], mounts: { '/work': hostDir(dir) } })
  for (const style of ['shell-escape', 'shell-escape-always', 'c', 'c-maybe', 'escape', 'locale']) {
    const gnu = execFileSync('ls', [`--quoting-style=${style}`], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, LC_ALL: 'C.UTF-8' } })
    const r = await sys.run(`cd /work && ls --quoting-style=${style}`)
    assert.equal(r.stdout, gnu, style)
  }
  await sys.shutdown()
})
