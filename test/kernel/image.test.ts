/** The system image: the tree, users, init as pid 1, exec, file access, extensions, shutdown, the library API. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { boot } from '../../src/image.ts'
import { testSystem } from './fixtures.ts'
import { file, synthetic } from '../../src/kernel/fileservers/synthetic.ts'
import { DMDIR, type BinFunction } from '../../src/kernel/types.ts'
import { testPreset } from './fixtures.ts'
import { asProc, names, text, withSystem } from './helpers.ts'

test('pid 1 is init, run by root, and it has no parent', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const init = p.procs().find((i) => i.pid === 1)
      assert.ok(init)
      assert.deepEqual(init.argv, ['init'])
      assert.equal(init.user, 'root')
      assert.equal(init.ppid, 0)
      assert.equal(init.state, 'Running')
      assert.match(text(await p.readFile('/proc/1/status')), /^name\tinit\n/)
      assert.equal(p.ppid, 1, 'exec runs commands as children of init')
    })
  })
})

test('the tree: /, /bin, /dev, /proc, /tmp, /usr/local/bin and the users\' homes', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const top = await names(p, '/')
      for (const d of ['bin', 'dev', 'proc', 'tmp', 'usr', 'home', 'root']) assert.ok(top.includes(d), `/${d} in ${top}`)
      for (const d of ['/bin', '/dev', '/proc', '/tmp', '/usr/local/bin', '/home/glenda', '/home/alice', '/root']) assert.ok((await p.stat(d)).mode & DMDIR, d)
      // preset modes are what the preset asked for, not cut down by the parent's
      assert.equal((await p.stat('/tmp')).mode & 0o777, 0o777)
      assert.equal((await p.stat('/usr/local/bin')).mode & 0o777, 0o775)
      // each home belongs to its user
      for (const u of ['glenda', 'alice', 'bob']) assert.equal((await p.stat(`/home/${u}`)).uid, u)
      assert.equal((await p.stat('/home/glenda')).gid, 'glenda')
      // parents made on the way are 0755 and root's
      const usr = await p.stat('/usr')
      assert.deepEqual([usr.mode & 0o777, usr.uid], [0o755, 'root'])
      assert.equal((await p.stat('/root')).uid, 'root')
    })
  })
})

test('users: root and the preset\'s users, glenda the default', async () => {
  await withSystem(async (sys) => {
    const users = sys.kernel.users.list().map((u) => u.name).sort()
    assert.deepEqual(users, ['alice', 'bob', 'glenda', 'root', 'sys'])
    assert.equal(sys.defaultUser, 'glenda')
    assert.deepEqual(sys.kernel.users.cred('bob').groups, ['bob', 'alice'])
  })
})

test('every user can create files in /tmp', async () => {
  await withSystem(async (sys) => {
    for (const user of ['glenda', 'alice']) {
      await asProc(sys, async (p) => {
        await p.writeFile(`/tmp/by-${user}`, user)
        assert.equal((await p.stat(`/tmp/by-${user}`)).uid, user)
      }, user)
    }
  })
})

test('sys.exec runs a command as glenda in her home, with her environment and the given stdin', async () => {
  const whoami: BinFunction = async (p) => {
    const input = text(await p.readFile('/dev/stdin'))
    await p.stdout.write(JSON.stringify({ user: p.user.uid, cwd: p.cwd, HOME: p.env.HOME, USER: p.env.USER, PATH: p.env.PATH, argv: p.argv, input }))
    return 0
  }
  await withSystem(
    async (sys) => {
      const r = await sys.exec(['whoami', 'x'], { stdin: 'some input' })
      assert.equal(r.exitCode, 0)
      assert.equal(r.stderr, '')
      assert.deepEqual(JSON.parse(r.stdout), { user: 'glenda', cwd: '/home/glenda', HOME: '/home/glenda', USER: 'glenda', PATH: '/bin', argv: ['whoami', 'x'], input: 'some input' })
      const as = JSON.parse((await sys.exec(['whoami'], { user: 'alice', cwd: '/tmp', env: { EXTRA: '1' } })).stdout)
      assert.equal(as.user, 'alice')
      assert.equal(as.cwd, '/tmp')
      assert.equal(as.HOME, '/home/alice')
      assert.equal(as.input, '')
    },
    [{ name: 'whoami', bins: { whoami } }],
  )
})

test('sys.exec: unknown commands exit 127, other failures 126, statuses pass through', async () => {
  await withSystem(async (sys) => {
    assert.deepEqual(await sys.exec(['nonesuch']), { stdout: '', stderr: 'nonesuch: not found\n', exitCode: 127 })
    assert.equal((await sys.exec(['/tmp'])).exitCode, 126)
    assert.equal((await sys.exec(['status', '3'])).exitCode, 3)
    assert.deepEqual(await sys.exec(['echo', 'a', 'b']), { stdout: 'a b\n', stderr: '', exitCode: 0 })
    assert.deepEqual(await sys.exec(['copy'], { stdin: 'through copy' }), { stdout: 'through copy', stderr: '', exitCode: 0 })
  })
})

test('sys.writeFile and sys.readFile work as root through the system namespace', async () => {
  await withSystem(async (sys) => {
    await sys.writeFile('/tmp/seeded', 'seed')
    assert.equal(text(await sys.readFile('/tmp/seeded')), 'seed')
    assert.equal((await asProc(sys, (p) => p.stat('/tmp/seeded'))).uid, 'root')
    assert.equal((await sys.exec(['copy'], { stdin: '' })).exitCode, 0)
  })
})

test('an extension\'s files, commands and device mounts are installed', async () => {
  await withSystem(async (sys) => {
    let reads = 0
    await sys.install({
      name: 'ext',
      files: { '/usr/share/ext/readme': 'read me' },
      bins: { extcmd: async (p) => (await p.stdout.write('from ext\n'), 0) },
      mounts: { '/n/clock': synthetic({ now: file({ read: () => `tick ${++reads}\n` }) }) },
    })
    assert.equal(text(await sys.readFile('/usr/share/ext/readme')), 'read me')
    assert.equal((await sys.exec(['extcmd'])).stdout, 'from ext\n')
    assert.equal(text(await sys.readFile('/n/clock/now')), 'tick 1\n')
    assert.equal(text(await asProc(sys, (p) => p.readFile('/n/clock/now'), 'glenda')), 'tick 2\n')
  })
})

test('shutdown ends every process; an exec in flight does not hang', async () => {
  const sys = await boot({ presets: [testPreset] })
  const ran = sys.exec(['forever'])
  await new Promise((r) => setImmediate(r))
  assert.ok([...sys.kernel.procs.values()].some((p) => p.argv[0] === 'forever'))
  await sys.shutdown()
  assert.equal(sys.kernel.procs.size, 0)
  assert.equal(sys.kernel.init.state, 'Moribund')
  // (today it rejects with `process exited`: init's own descriptors are gone)
  await ran.then(
    (r) => assert.equal(r.exitCode, 137),
    (e) => assert.equal((e as Error).message, 'process exited'),
  )
})

test('the library API: boot a standard system, add a command, exec it', async () => {
  const { boot: libBoot, stdSystem } = await import('../../src/index.ts')
  const sys = await libBoot({ presets: [stdSystem()] })
  try {
    sys.bins.add('kt-hello', async (p) => {
      await p.stdout.write(`hello from ${p.user.uid} in ${p.cwd}\n`)
      return 0
    })
    assert.deepEqual(await sys.exec(['kt-hello']), { stdout: 'hello from glenda in /home/glenda\n', stderr: '', exitCode: 0 })
    const tree = await asProc(sys, async (p) => {
      const out: Record<string, number> = {}
      for (const d of ['/', '/bin', '/dev', '/proc', '/tmp', '/usr/local/bin', '/home/glenda', '/etc']) out[d] = (await p.stat(d)).mode & DMDIR ? 1 : 0
      return out
    })
    assert.ok(Object.values(tree).every((v) => v === 1), JSON.stringify(tree))
    assert.equal(text(await sys.readFile('/etc/profile')).includes('PATH=/bin'), true)
    // a preset's file is made as a create of 0666 by root would make it
    const profile = await sys.context.stat('/etc/profile')
    assert.deepEqual([profile.mode, profile.uid, profile.length], [0o644, 'root', (await sys.readFile('/etc/profile')).length])
    assert.deepEqual(
      sys.kernel.users.list().map((u) => u.name).sort(),
      ['glenda', 'root', 'sys'],
    )
  } finally {
    await sys.shutdown()
  }
})

test('two standard systems share nothing: files, users, processes, commands, mounts', async () => {
  const { boot: libBoot, stdSystem } = await import('../../src/index.ts')
  const [a, b] = [await libBoot({ presets: [stdSystem()] }), await libBoot({ presets: [stdSystem()] })]
  try {
    await a.writeFile('/tmp/only-a', 'a')
    await a.writeFile('/etc/profile', 'changed in a\n')
    a.kernel.users.add({ name: 'alice', home: '/home/alice', groups: [], shell: '/bin/sh' })
    a.bins.add('only-a', async () => 0)
    a.bins.remove('wc')
    await a.context.bind('/tmp', '/mnt')
    const sleeping = a.exec(['sleep', '30'])
    const asleep = (sys: typeof a): boolean => [...sys.kernel.procs.values()].some((p) => p.argv[0] === 'sleep')
    for (let i = 0; i < 1000 && !asleep(a); i++) await new Promise((r) => setImmediate(r))
    assert.ok(asleep(a))

    assert.deepEqual((await b.run('ls /tmp; cat /etc/profile; ls /mnt')).stdout, 'PATH=/bin\nexport PATH\n'.replace(/^/, '# /etc/profile: read by every login shell\n'))
    assert.equal(b.kernel.users.get('alice'), undefined)
    assert.ok(!asleep(b))
    assert.equal((await b.exec(['only-a'])).exitCode, 127)
    assert.equal((await b.run('echo one two | wc -w')).stdout.trim(), '2')
    assert.ok(b.bins.names().includes('wc') && !b.bins.names().includes('only-a'))
    assert.equal((await a.exec(['wc'])).exitCode, 127)
    assert.deepEqual(a.bins.names().length, b.bins.names().length)
    await a.shutdown()
    await sleeping
    assert.equal((await b.run('echo still here')).stdout, 'still here\n')
  } finally {
    await a.shutdown()
    await b.shutdown()
  }
})

test('a system booted from a kept root installs again the packages it records; so does one given the record', async () => {
  const { Memfs } = await import('../../src/kernel/fileservers/memfs.ts')
  const { boot: libBoot, stdSystem } = await import('../../src/index.ts')
  const listed = async (sys: Awaited<ReturnType<typeof libBoot>>): Promise<string> => {
    try {
      return (await sys.run('pkg list | grep installed | cut -f1', { user: 'root' })).stdout
    } finally {
      await sys.shutdown()
    }
  }
  assert.equal(await listed(await libBoot({ presets: [stdSystem()] })), '')
  const root = new Memfs({ owner: 'root', mode: 0o755 })
  const first = await libBoot({ presets: [stdSystem()], root })
  assert.equal((await first.run('pkg install ramfs', { user: 'root' })).exitCode, 0)
  await first.shutdown()
  assert.equal(await listed(await libBoot({ presets: [stdSystem()], root })), 'ramfs\n')
  assert.equal(await listed(await libBoot({ presets: [stdSystem()], files: { '/var/lib/pkg/installed': 'ramfs root\n' } })), 'ramfs\n')
  assert.equal(await listed(await libBoot({ presets: [stdSystem(), { name: 'rec', files: { '/var/lib/pkg/installed': 'ramfs root\n' } }] })), 'ramfs\n')
})

test('init survives a command that exits without reading the input it was given (SIGPIPE)', async () => {
  const sys = await testSystem()
  for (let i = 0; i < 20; i++) assert.equal((await sys.exec(['status', '3'], { stdin: 'x'.repeat(1 << 20) })).exitCode, 3)
  assert.equal(sys.kernel.init.exited, false)
  assert.equal((await sys.exec(['echo', 'still', 'here'])).stdout, 'still here\n')
  await sys.shutdown()
})
