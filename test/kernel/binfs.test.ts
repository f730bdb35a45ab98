/** binfs and program lookup: /bin lists the commands; names are looked up through the caller's namespace; `#!` scripts. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { Preset } from '../../src/image.ts'
import { DMDIR, OREAD, OWRITE, type BinFunction } from '../../src/kernel/types.ts'
import { asProc, fails, inChild, names, readAllFd, text, withSystem } from './helpers.ts'

/** `interp` prints its argv as JSON, so a test sees how a `#!` script was started. */
const interp: BinFunction = async (p) => {
  await p.stdout.write(JSON.stringify(p.argv) + '\n')
  return 0
}
const interpPreset: Preset = { name: 'interp', bins: { interp } }

async function output(p: Parameters<BinFunction>[0], argv: string[]): Promise<{ out: string; status: number }> {
  const [r, w] = p.pipe()
  const child = await p.spawn(argv, { fds: { 0: 0, 1: w, 2: w } })
  await p.close(w)
  const out = await readAllFd(p, r)
  await p.close(r)
  return { out, status: await child.wait() }
}

test('ls /bin lists exactly the installed commands, as executable files', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const entries = await p.readdir('/bin')
      assert.deepEqual(entries.map((d) => d.name).sort(), sys.bins.names().sort())
      assert.ok(entries.some((d) => d.name === 'echo'))
      for (const d of entries) {
        assert.ok(!(d.mode & DMDIR))
        assert.equal(d.mode & 0o777, 0o555)
      }
      assert.ok((await p.stat('/bin')).mode & DMDIR)
    }, 'glenda')
  }, [interpPreset])
})

test('a command added at run time shows in /bin and runs; a removed one is gone', async () => {
  await withSystem(async (sys) => {
    sys.bins.add('late', async (p) => {
      await p.stdout.write('late\n')
      return 0
    })
    assert.ok((await asProc(sys, (p) => names(p, '/bin'))).includes('late'))
    assert.equal((await sys.exec(['late'])).stdout, 'late\n')
    sys.bins.remove('late')
    assert.ok(!(await asProc(sys, (p) => names(p, '/bin'))).includes('late'))
    await asProc(sys, (p) => fails(p.spawn(['late']), 'file does not exist'))
    assert.deepEqual(await sys.exec(['late']), { stdout: '', stderr: 'late: not found\n', exitCode: 127 })
  })
})

test('binfs files read as `#!builtin NAME` and are read-only', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      assert.ok(text(await p.readFile('/bin/echo')).startsWith('#!builtin echo\n'))
      await fails(p.open('/bin/echo', OWRITE), 'permission denied')
      await fails(p.remove('/bin/echo'), 'permission denied')
      await fails(p.wstat('/bin/echo', { mode: 0o777 }), 'permission denied')
      await fails(p.writeFile('/bin/newcmd', 'x'), 'mounted directory forbids creation')
      await fails(p.stat('/bin/nonesuch'), 'file does not exist')
    })
  })
})

test('running a name looks it up through the caller\'s namespace: a bind over /bin changes what runs', async () => {
  await withSystem(async (sys) => {
    await sys.mkdirAll('/tmp/mybin', 0o777)
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/mybin/echo', '#!/bin/interp -x\nthis is a script\n', { perm: 0o755 })
      assert.equal((await output(p, ['echo', 'hi'])).out, 'hi\n', 'the builtin before the bind')
      // The bind happens in a private copy of the namespace: only that child sees the script.
      const seen = await inChild(
        p,
        async (c) => {
          await c.bind('/tmp/mybin', '/bin', { before: true })
          assert.ok((await names(c, '/bin')).filter((n) => n === 'echo').length === 2, 'the union lists both')
          return output(c, ['echo', 'hi', 'there'])
        },
        { rfork: { copyNamespace: true } },
      )
      assert.deepEqual(JSON.parse(seen.out), ['/bin/interp', '-x', '/bin/echo', 'hi', 'there'])
      assert.equal(seen.status, 0)
      assert.equal((await output(p, ['echo', 'hi'])).out, 'hi\n', 'the parent still runs the builtin')
      // After (-a) the builtin stays first.
      await p.rfork({ copyNamespace: true })
      await p.bind('/tmp/mybin', '/bin', { after: true })
      assert.equal((await output(p, ['echo', 'after'])).out, 'after\n')
      await p.unmount('/bin', '/tmp/mybin')
      assert.deepEqual((await names(p, '/bin')).filter((n) => n === 'echo'), ['echo'])
      await p.bind('/tmp/mybin', '/bin', { before: true })
      assert.deepEqual(JSON.parse((await output(p, ['echo', 'before'])).out), ['/bin/interp', '-x', '/bin/echo', 'before'])
      // Unmounting everything leaves the root filesystem's empty /bin: nothing runs by name.
      await p.unmount('/bin')
      assert.deepEqual(await names(p, '/bin'), [])
      await fails(p.spawn(['echo']), 'file does not exist')
      await p.bind('#b', '/bin')
      assert.equal((await output(p, ['echo', 'builtin'])).out, 'builtin\n')
    })
  }, [interpPreset])
})

test('$PATH is searched in order, through the namespace', async () => {
  await withSystem(async (sys) => {
    await sys.mkdirAll('/tmp/first', 0o777)
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/first/echo', '#!/bin/interp\n', { perm: 0o755 })
      p.env.PATH = '/tmp/first:/bin'
      assert.deepEqual(JSON.parse((await output(p, ['echo', 'a'])).out), ['/bin/interp', '/tmp/first/echo', 'a'])
      assert.equal(await p.which('echo'), '/tmp/first/echo')
      p.env.PATH = '/bin:/tmp/first'
      assert.equal((await output(p, ['echo', 'a'])).out, 'a\n')
      assert.equal(await p.which('echo'), '/bin/echo')
      assert.equal(await p.which('nonesuch'), undefined)
    })
  }, [interpPreset])
})

test('a `#!` file runs through its interpreter with the script path as an argument', async () => {
  await withSystem(async (sys) => {
    await sys.mkdirAll('/tmp/s', 0o777)
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/s/script', '#!/bin/interp  one   two \nbody\n', { perm: 0o755 })
      assert.deepEqual(JSON.parse((await output(p, ['/tmp/s/script', 'arg'])).out), ['/bin/interp', 'one', 'two', '/tmp/s/script', 'arg'])
      await p.chdir('/tmp/s')
      assert.deepEqual(JSON.parse((await output(p, ['./script'])).out), ['/bin/interp', 'one', 'two', '/tmp/s/script'])
      // The interpreter may itself be a script.
      await p.writeFile('/tmp/s/outer', '#!/tmp/s/script\n', { perm: 0o755 })
      assert.deepEqual(JSON.parse((await output(p, ['/tmp/s/outer', 'z'])).out), ['/bin/interp', 'one', 'two', '/tmp/s/script', '/tmp/s/outer', 'z'])
    }, 'glenda')
  }, [interpPreset])
})

test('a file that is neither a command nor a `#!` script does not run', async () => {
  await withSystem(async (sys) => {
    await sys.mkdirAll('/tmp/s', 0o777)
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/s/text', 'just text\n', { perm: 0o755 })
      await fails(p.spawn(['/tmp/s/text']), 'exec header invalid')
      await p.writeFile('/tmp/s/empty', '#!\n', { perm: 0o755 })
      await fails(p.spawn(['/tmp/s/empty']), 'exec header invalid')
      await p.writeFile('/tmp/s/missing', '#!/bin/nonesuch\n', { perm: 0o755 })
      await fails(p.spawn(['/tmp/s/missing']), 'file does not exist')
      await p.writeFile('/tmp/s/loop', '#!/tmp/s/loop\n', { perm: 0o755 })
      await fails(p.spawn(['/tmp/s/loop']), 'exec header invalid')
      await fails(p.spawn(['/tmp/s']), 'file is a directory')
      await fails(p.spawn(['/tmp/s/nonesuch']), 'file does not exist')
    }, 'glenda')
  }, [interpPreset])
})

test('a non-executable file does not run, for any user', async () => {
  await withSystem(async (sys) => {
    await sys.mkdirAll('/tmp/s', 0o777)
    await sys.mkdirAll('/tmp/nx', 0o777)
    for (const user of ['glenda', 'root']) {
      await asProc(sys, async (p) => {
        await p.writeFile(`/tmp/s/${user}`, '#!/bin/interp\n', { perm: 0o644 })
        await fails(p.spawn([`/tmp/s/${user}`]), 'permission denied')
        // Searched by name, it is not found: a later directory in $PATH can still provide it.
        await p.writeFile('/tmp/nx/echo', '#!/bin/interp\n', { perm: 0o644 })
        p.env.PATH = '/tmp/nx:/bin'
        assert.equal((await output(p, ['echo', 'ok'])).out, 'ok\n')
        assert.equal(await p.which(`/tmp/s/${user}`), undefined)
        await p.remove('/tmp/nx/echo')
      }, user)
    }
    const r = await sys.exec(['/tmp/s/glenda'])
    assert.equal(r.exitCode, 126)
    assert.equal(r.stdout, '')
  }, [interpPreset])
})

test('only the executable bits of the caller\'s class count', async () => {
  await withSystem(async (sys) => {
    await sys.mkdirAll('/tmp/s', 0o777)
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/s/owneronly', '#!/bin/interp\n', { perm: 0o744 })
      assert.equal((await output(p, ['/tmp/s/owneronly'])).status, 0)
    }, 'alice')
    await asProc(sys, (p) => fails(p.spawn(['/tmp/s/owneronly']), 'permission denied'), 'glenda')
    await asProc(sys, async (p) => {
      const fd = await p.open('/tmp/s/owneronly', OREAD)
      assert.equal(text(await p.read(fd)), '#!/bin/interp\n', 'readable, just not executable')
    }, 'glenda')
  }, [interpPreset])
})

test('a table of commands added whole: each as if added alone, in order; removed and added again per registry', async () => {
  const { BinRegistry } = await import('../../src/kernel/fileservers/binfs.ts')
  const one: BinFunction = async () => 1
  const two: BinFunction = async () => 2
  const table = Object.freeze({ one, two })
  const [a, b] = [new BinRegistry(), new BinRegistry()]
  a.add('first', one)
  a.addAll(table)
  b.addAll(table)
  assert.deepEqual(a.names(), ['first', 'one', 'two'])
  assert.deepEqual([a.entry('first')!.qid, a.entry('one')!.qid, a.entry('two')!.qid], [1, 2, 3])
  assert.deepEqual([b.entry('one')!.qid, b.entry('two')!.qid], [1, 2])
  assert.equal(a.get('two'), two)
  assert.throws(() => a.add('one', two), /file already exists/)
  assert.throws(() => a.addAll({ three: one, one }), /file already exists/)
  assert.equal(a.get('three'), undefined, 'a table that cannot be added adds none of its commands')
  assert.equal(a.taken({ three: one, two }), 'two')
  a.remove('one')
  assert.throws(() => a.remove('one'), /file does not exist/)
  assert.equal(a.get('one'), undefined)
  assert.deepEqual(a.names(), ['first', 'two'])
  assert.equal(b.get('one'), one, 'another registry with the same table keeps it')
  a.add('one', two)
  assert.equal(a.get('one'), two)
  assert.equal(a.entry('one')!.qid, 4)
  assert.throws(() => a.addAll(Object.freeze({ 'a/b': one })), /bad character/)
  // a record that is not frozen is taken as it was when added
  const open: Record<string, BinFunction> = { late: one }
  b.addAll(open)
  open.late = two
  open.later = two
  assert.equal(b.get('late'), one)
  assert.equal(b.get('later'), undefined)
})
