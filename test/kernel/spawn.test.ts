/** What a spawned process holds of its own: argv, descriptors, and the waits on its end. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { NineError } from '../../src/kernel/errors.ts'
import { boot, stdSystem } from '../../src/index.ts'
import { asProc, fails, readAllFd, settle, withSystem } from './helpers.ts'

test('a child\'s argv is its own: changing the array given to spawn afterwards changes nothing', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      let go!: () => void
      const gate = new Promise<void>((r) => (go = r))
      let seen: readonly string[] = []
      const argv = ['child', 'a']
      const child = await p.spawn(argv, {
        bin: async (c) => {
          await gate
          seen = c.argv
          return 0
        },
      })
      argv.push('b')
      argv[1] = 'changed'
      go()
      assert.equal(await child.wait(), 0)
      assert.deepEqual(seen, ['child', 'a'])
    })
  })
})

test('descriptors named in fds are the child\'s own: closing or replacing them leaves the parent\'s', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/in', 'input')
      const fd = await p.open('/tmp/in')
      const [r, w] = p.pipe()
      const child = await p.spawn(['child'], {
        fds: { 3: fd, 7: w },
        bin: async (c) => {
          await c.close(3)
          await c.dup(7, 3)
          await c.write(3, 'from child\n')
          return 0
        },
      })
      assert.equal(await child.wait(), 0)
      await p.close(w)
      assert.equal(await readAllFd(p, r), 'from child\n')
      assert.equal(new TextDecoder().decode(await p.read(fd)), 'input', 'the parent\'s descriptor is still open, on its file')
      await p.close(r)
      await p.close(fd)
    })
  })
})

test('fds naming a descriptor that is not open, or a bad number, fails spawn and keeps no reference', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const [r, w] = p.pipe()
      assert.equal((await fails(p.spawn(['echo', 'x'], { fds: { 1: w, 2: 77 } }), 'fd out of range or not open')).path, '77')
      assert.equal((await fails(p.spawn(['echo', 'x'], { fds: { 1: w, 2000: w } }), 'fd out of range or not open')).path, '2000')
      // Had a failed spawn counted w, closing it here would not end the pipe and this read would wait for ever.
      await p.close(w)
      assert.equal(await readAllFd(p, r), '')
      await p.close(r)
    })
  })
})

test('many sleeps in one process: each one that finishes is forgotten; killing it rejects the rest', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const errors: unknown[] = []
      let ready!: () => void
      const started = new Promise<void>((r) => (ready = r))
      const child = await p.spawn(['sleeper'], {
        bin: async (c) => {
          for (let i = 0; i < 3; i++) await c.sleep(0)
          const long = Array.from({ length: 6 }, () => c.sleep(3_600_000).catch((e) => errors.push(e)))
          ready()
          await Promise.all(long)
          return 0
        },
      })
      const waits = [child.wait(), child.wait()]
      await started
      p.kill(child.pid, 'SIGTERM')
      assert.deepEqual(await Promise.all(waits), [143, 143])
      await settle()
      assert.equal(errors.length, 6)
      assert.ok(errors.every((e) => e instanceof NineError && e.reason === 'process exited'))
    })
  })
})

test('twenty runs at once: each gets its own output, and the host prints no listener warning', async () => {
  const warnings: string[] = []
  const onWarning = (w: Error): void => void warnings.push(w.name)
  process.on('warning', onWarning)
  try {
    const sys = await boot({ presets: [stdSystem()] })
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => sys.run(`sleep 0.05; echo ${i}`)))
    await sys.shutdown()
    assert.deepEqual(runs.map((r) => r.stdout), Array.from({ length: 20 }, (_, i) => `${i}\n`))
    // a warning is emitted on the next turn
    await new Promise((resolve) => setTimeout(resolve, 10))
  } finally {
    process.off('warning', onWarning)
  }
  assert.deepEqual(warnings, [])
})

test('spawn answers with a promise on every path: a refusal is a rejection, never a throw', async () => {
  await withSystem(async (sys) => {
    const init = sys.kernel.init
    const kernel = sys.kernel
    // found at once (a program of /bin), found only by waiting (a #! file), given, missing, refused
    const spawned = [kernel.spawn(init, ['echo', 'now'], { user: 'glenda' }), kernel.spawn(init, [], {}), kernel.spawn(init, ['no-such-program']), kernel.spawn(init, ['echo'], { rfork: { copyNamespace: true, cleanNamespace: true } })]
    for (const s of spawned) assert.ok(s instanceof Promise)
    assert.equal((await spawned[0]!).cred.uid, 'glenda')
    await fails(spawned[1]!, 'bad arg in system call: empty argv')
    await fails(spawned[2]!, 'file does not exist')
    await fails(spawned[3]!, 'bad arg in system call')
    await asProc(
      sys,
      async (p) => {
        await fails(p.spawn(['echo'], { user: 'root' }), 'permission denied')
        // a #! file is found only by reading it: the lookup waits
        await p.writeFile('/tmp/script', '#!/bin/echo from\n', { perm: 0o755 })
        const [r, w] = p.pipe()
        const child = await p.spawn(['/tmp/script', 'arg'], { fds: { 1: w } })
        await p.close(w)
        assert.equal(await child.wait(), 0)
        assert.equal(await readAllFd(p, r), 'from /tmp/script arg\n')
      },
      'glenda',
    )
  })
})

test('a run in a clean namespace furnished by the embedder, and runs after a user joins a group, see what they should', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const sandboxed = await sys.run('ls /', { rfork: 'N', namespace: [{ bind: '/bin', at: '/bin' }] })
  assert.equal(sandboxed.exitCode, 0)
  assert.match(sandboxed.stdout, /^bin$/m)
  sys.kernel.users.add({ name: 'staff', home: '/', groups: [], shell: '/bin/sh' })
  assert.equal((await sys.run('id -Gn')).stdout, 'glenda sys\n')
  sys.kernel.users.join(sys.defaultUser, 'staff')
  assert.equal((await sys.run('id -Gn')).stdout, 'glenda sys staff\n')
  await sys.shutdown()
})
