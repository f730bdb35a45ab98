/** Processes: identity, spawn, wait and zombies, exit status, signals, groups, orphans, faults. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { NineError } from '../../src/kernel/errors.ts'
import { OREAD, type BinFunction, type ProcContext, type SignalName } from '../../src/kernel/types.ts'
import { boot } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'
import { asProc, fails, inChild, readAllFd, settle, withSystem } from './helpers.ts'

const state = (p: ProcContext, pid: number): string | undefined => p.procs().find((i) => i.pid === pid)?.state

test('a process knows its pid, parent, user, cwd, env and argv', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      assert.equal(p.user.uid, 'glenda')
      assert.equal(p.cwd, '/home/glenda')
      assert.equal(p.env.USER, 'glenda')
      assert.equal(p.env.HOME, '/home/glenda')
      assert.equal(p.ppid, 1)
      const seen = await inChild(
        p,
        async (c) => ({ pid: c.pid, ppid: c.ppid, user: c.user.uid, cwd: c.cwd, argv: c.argv, x: c.env.X }),
        { cwd: '/tmp', env: { X: 'y' } },
      )
      assert.equal(seen.ppid, p.pid)
      assert.notEqual(seen.pid, p.pid)
      assert.equal(seen.user, 'glenda')
      assert.equal(seen.cwd, '/tmp')
      assert.equal(seen.x, 'y')
      assert.deepEqual(seen.argv, ['child'])
      // a relative cwd is taken from the parent's
      await p.chdir('/home')
      assert.equal(await inChild(p, async (c) => c.cwd, { cwd: 'glenda' }), '/home/glenda')
      assert.equal(await inChild(p, async (c) => c.cwd), '/home', 'the cwd is inherited')
    }, 'glenda')
  })
})

test('pids are unique and increasing', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const pids: number[] = []
      for (let i = 0; i < 5; i++) pids.push(await inChild(p, async (c) => c.pid))
      for (let i = 1; i < pids.length; i++) assert.ok(pids[i]! > pids[i - 1]!)
    })
  })
})

test('spawn as another user: root may, others may not', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      assert.equal(await inChild(p, async (c) => c.user.uid, { user: 'alice' }), 'alice')
      assert.deepEqual(await inChild(p, async (c) => c.user.groups, { user: 'bob' }), ['bob', 'alice'])
      await fails(p.spawn(['echo'], { user: 'nosuchuser' }), 'unknown user or group')
      await inChild(
        p,
        async (c) => {
          await fails(c.spawn(['echo'], { user: 'glenda' }), 'permission denied')
          await fails(c.spawn(['echo'], { user: 'root' }), 'permission denied')
          assert.equal(await inChild(c, async (g) => g.user.uid, { user: 'alice' }), 'alice', 'naming oneself is fine')
        },
        { user: 'alice' },
      )
    })
  })
})

test('spawn of an unknown command or an empty argv fails', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await fails(p.spawn(['nonesuch']), 'file does not exist')
      await fails(p.spawn([]), 'bad arg in system call: empty argv')
      await fails(p.spawn(['echo'], { fds: { 0: 77 } }), 'fd out of range or not open')
    })
  })
})

test('exit status: the bin\'s return value, reported by wait', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      for (const n of [0, 1, 3, 255]) assert.equal(await (await p.spawn(['status', String(n)])).wait(), n)
      assert.equal((await sys.exec(['status', '42'])).exitCode, 42)
    })
  })
})

test('a dead child stays a zombie (Moribund) until reaped; waiting reaps it', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const child = await p.spawn(['status', '7'])
      await settle()
      assert.equal(state(p, child.pid), 'Moribund')
      await settle()
      assert.equal(state(p, child.pid), 'Moribund', 'still there: nobody waited')
      assert.deepEqual(await p.wait(child.pid), { pid: child.pid, status: 7 })
      assert.equal(state(p, child.pid), undefined, 'reaped')
      await fails(p.wait(child.pid), 'no living children')
    })
  })
})

test('wait for any child returns each one once; with none left: no living children', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await fails(p.wait(), 'no living children')
      const a = await p.spawn(['status', '1'])
      const b = await p.spawn(['status', '2'])
      const got = [await p.wait(), await p.wait()].sort((x, y) => x.pid - y.pid)
      assert.deepEqual(got, [
        { pid: a.pid, status: 1 },
        { pid: b.pid, status: 2 },
      ])
      await fails(p.wait(), 'no living children')
      // wait() blocks until a running child ends
      const slow = await p.spawn(['forever'])
      const waiting = p.wait()
      await settle()
      p.kill(slow.pid, 'SIGTERM')
      assert.deepEqual(await waiting, { pid: slow.pid, status: 143 })
    })
  })
})

test('concurrent waits each get a different child', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const a = await p.spawn(['forever'])
      const b = await p.spawn(['forever'])
      const first = p.wait()
      const second = p.wait()
      const forB = p.wait(b.pid)
      await settle()
      p.kill(a.pid, 'SIGTERM')
      await settle()
      p.kill(b.pid, 'SIGINT')
      const got = await Promise.allSettled([first, second, forB])
      const values = got.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ pid: number; status: number }>).value)
      assert.deepEqual(values.map((v) => v.pid).sort((x, y) => x - y), [a.pid, b.pid], 'each child reported exactly once')
      assert.deepEqual(values.find((v) => v.pid === a.pid)?.status, 143)
      assert.deepEqual(values.find((v) => v.pid === b.pid)?.status, 130)
      const failed = got.filter((r) => r.status === 'rejected')
      assert.equal(failed.length, 1)
      assert.equal(((failed[0] as PromiseRejectedResult).reason as NineError).reason, 'no living children')
    })
  })
})

test('wait for a process that is not one\'s child: no living children', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await fails(p.wait(1), 'no living children')
      await fails(p.wait(p.pid), 'no living children')
      const grandchildPid = await inChild(p, async (c) => (await c.spawn(['status', '0'])).pid)
      await fails(p.wait(grandchildPid), 'no living children')
    })
  })
})

test('default signal actions end the process with status 128+n', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const expected: [SignalName, number][] = [['SIGHUP', 129], ['SIGINT', 130], ['SIGKILL', 137], ['SIGPIPE', 141], ['SIGTERM', 143]]
      for (const [sig, status] of expected) {
        const child = await p.spawn(['forever'])
        p.kill(child.pid, sig)
        assert.equal(state(p, child.pid), 'Moribund', `${sig} ends it at once`)
        assert.equal(await child.wait(), status, sig)
      }
    })
  })
})

test('a handler runs instead of the default action', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGPIPE'] as const) {
        const got: SignalName[] = []
        let registered!: () => void
        const ready = new Promise<void>((r) => (registered = r))
        const child = await p.spawn(['handler'], {
          bin: async (c) => {
            const caught = new Promise<void>((resolve) =>
              c.on(sig, (s) => {
                got.push(s)
                resolve()
              }),
            )
            registered()
            await caught
            // still alive: it can make calls and choose its status
            await c.stat('/')
            return 42
          },
        })
        await ready
        p.kill(child.pid, sig)
        assert.equal(await child.wait(), 42, sig)
        assert.deepEqual(got, [sig])
      }
    })
  })
})

test('a handler can be removed again; then the default applies', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      let ready!: () => void
      const registered = new Promise<void>((r) => (ready = r))
      const child = await p.spawn(['x'], {
        bin: async (c) => {
          const undo = c.on('SIGTERM', () => {})
          undo()
          ready()
          await new Promise<void>((r) => c.ended.addEventListener('abort', () => r()))
          return 0
        },
      })
      await registered
      p.kill(child.pid, 'SIGTERM')
      assert.equal(await child.wait(), 143)
    })
  })
})

test('SIGKILL cannot be caught', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await fails(() => p.on('SIGKILL', () => {}), 'bad arg in system call')
      let ready!: () => void
      const registered = new Promise<void>((r) => (ready = r))
      let handled = 0
      const child = await p.spawn(['x'], {
        bin: async (c) => {
          for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGPIPE'] as const) c.on(s, () => handled++)
          ready()
          await new Promise<void>((r) => c.ended.addEventListener('abort', () => r()))
          return 0
        },
      })
      await registered
      p.kill(child.pid, 'SIGKILL')
      assert.equal(await child.wait(), 137)
      assert.equal(handled, 0)
    })
  })
})

test('an ended process\'s pending read rejects; it is gone at once and its next call fails with process exited', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const [r, w] = p.pipe()
      let readError: unknown
      let laterError: unknown
      let blocked!: () => void
      const reading = new Promise<void>((res) => (blocked = res))
      let finished!: () => void
      const done = new Promise<void>((res) => (finished = res))
      const child = await p.spawn(['reader'], {
        fds: { 0: r, 1: w, 2: w },
        bin: async (c) => {
          const pending = c.read(0)
          blocked()
          try {
            await pending
          } catch (e) {
            readError = e
          }
          try {
            await c.write(1, 'after death')
          } catch (e) {
            laterError = e
          }
          finished()
          return 0
        },
      })
      await p.close(r)
      await reading
      await settle()
      assert.equal(state(p, child.pid), 'Running', 'blocked in read')
      p.kill(child.pid, 'SIGTERM')
      assert.equal(state(p, child.pid), 'Moribund', 'gone at once')
      assert.equal(await child.wait(), 143)
      await done
      assert.ok(readError instanceof NineError && readError.reason === 'process exited', String(readError))
      assert.ok(laterError instanceof NineError && laterError.reason === 'process exited', String(laterError))
      await p.close(w)
    })
  })
})

test('every system call of an ended process rejects with process exited', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      let ctx!: ProcContext
      let ready!: () => void
      const started = new Promise<void>((r) => (ready = r))
      const child = await p.spawn(['x'], {
        bin: async (c) => {
          ctx = c
          ready()
          await new Promise<void>((r) => c.ended.addEventListener('abort', () => r()))
          return 0
        },
      })
      await started
      p.kill(child.pid, 'SIGKILL')
      assert.equal(ctx.ended.aborted, true)
      await fails(ctx.stat('/'), 'process exited')
      await fails(ctx.open('/tmp'), 'process exited')
      await fails(ctx.read(0), 'process exited')
      await fails(ctx.write(1, 'x'), 'process exited')
      await fails(ctx.readdir('/'), 'process exited')
      await fails(ctx.bind('/tmp', '/n'), 'process exited')
      await fails(ctx.spawn(['echo']), 'process exited')
      await fails(ctx.sleep(1), 'process exited')
      await fails(() => ctx.pipe(), 'process exited')
      await fails(() => ctx.kill(p.pid, 'SIGTERM'), 'process exited')
      assert.equal(await child.wait(), 137)
    })
  })
})

test('sleep ends early, rejecting, when the process is killed', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      let sleepError: unknown
      let ready!: () => void
      const started = new Promise<void>((r) => (ready = r))
      const child = await p.spawn(['sleeper'], {
        bin: async (c) => {
          const s = c.sleep(3_600_000)
          ready()
          await s.catch((e) => (sleepError = e))
          return 0
        },
      })
      await started
      p.kill(child.pid, 'SIGINT')
      assert.equal(await child.wait(), 130)
      await settle()
      assert.ok(sleepError instanceof NineError && sleepError.reason === 'process exited')
    })
  })
})

test('an ended process\'s descriptors close: the pipe\'s writer sees the reader gone', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const [r, w] = p.pipe()
      const reader = await p.spawn(['forever'], { fds: { 0: r } })
      await p.close(r)
      let writeError: unknown
      let ready!: () => void
      const started = new Promise<void>((res) => (ready = res))
      const writer = await p.spawn(['writer'], {
        fds: { 1: w },
        bin: async (c) => {
          c.on('SIGPIPE', () => {})
          await c.write(1, 'first, accepted')
          ready()
          await c.sleep(0)
          try {
            for (;;) await c.write(1, 'more')
          } catch (e) {
            writeError = e
          }
          return 3
        },
      })
      await p.close(w)
      await started
      p.kill(reader.pid, 'SIGKILL')
      assert.equal(await reader.wait(), 137)
      assert.equal(await writer.wait(), 3)
      assert.ok(writeError instanceof NineError && writeError.reason === 'write on closed pipe', String(writeError))
    })
  })
})

test('the children of an ended process go to pid 1, which reaps them', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const orphanPid = await inChild(p, async (c) => (await c.spawn(['forever'], { fds: {} })).pid)
      const info = p.procs().find((i) => i.pid === orphanPid)!
      assert.equal(info.ppid, 1)
      assert.equal(info.state, 'Running')
      // killed, it does not linger as a zombie: init reaps it
      p.kill(orphanPid, 'SIGTERM')
      await settle()
      assert.equal(state(p, orphanPid), undefined)
      // a parent killed while its child runs
      let grandchild = 0
      let ready!: () => void
      const started = new Promise<void>((r) => (ready = r))
      const parent = await p.spawn(['parent'], {
        bin: async (c) => {
          grandchild = (await c.spawn(['forever'], { fds: {} })).pid
          ready()
          await new Promise<void>((r) => c.ended.addEventListener('abort', () => r()))
          return 0
        },
      })
      await started
      p.kill(parent.pid, 'SIGKILL')
      await parent.wait()
      assert.equal(p.procs().find((i) => i.pid === grandchild)?.ppid, 1)
      p.kill(grandchild, 'SIGKILL')
    })
  })
})

test('process groups: kill(-pgid) reaches every member and no one else', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const leader = await p.spawn(['forever'], { pgid: 'new' })
      const m1 = await p.spawn(['forever'], { pgid: leader.pid })
      const m2 = await p.spawn(['forever'], { pgid: leader.pid })
      const outsider = await p.spawn(['forever'], { pgid: 'new' })
      const pgids = Object.fromEntries(p.procs().map((i) => [i.pid, i.pgid]))
      assert.equal(pgids[leader.pid], leader.pid)
      assert.equal(pgids[m1.pid], leader.pid)
      assert.equal(pgids[outsider.pid], outsider.pid)
      p.kill(-leader.pid, 'SIGTERM')
      assert.deepEqual([await leader.wait(), await m1.wait(), await m2.wait()], [143, 143, 143])
      assert.equal(state(p, outsider.pid), 'Running')
      await fails(() => p.kill(-leader.pid, 'SIGTERM'), 'process not found')
      // a grandchild spawned in the group is reached too
      const g = await inChild(p, async (c) => {
        c.setpgid(0)
        const gc = await c.spawn(['forever'], { fds: {} })
        return { pgid: c.pgid, pid: gc.pid }
      })
      assert.equal(p.procs().find((i) => i.pid === g.pid)?.pgid, g.pgid)
      p.kill(-g.pgid, 'SIGHUP')
      await settle()
      assert.equal(state(p, g.pid), undefined)
      p.kill(outsider.pid, 'SIGKILL')
      await outsider.wait()
      await fails(() => p.setpgid(-1), 'bad arg in system call')
    })
  })
})

test('a bin that throws or rejects ends only its process: status 1, message on its stderr', async () => {
  const throwers: Record<string, BinFunction> = {
    throwsync: (() => {
      throw new Error('sync boom')
    }) as unknown as BinFunction,
    rejects: async () => {
      throw new Error('async boom')
    },
    ninefail: async (p) => {
      await p.open('/nonesuch')
      return 0
    },
    throwsstring: async () => {
      throw 'a string'
    },
  }
  await withSystem(
    async (sys) => {
      assert.deepEqual(await sys.exec(['throwsync']), { stdout: '', stderr: 'throwsync: sync boom\n', exitCode: 1 })
      assert.deepEqual(await sys.exec(['rejects']), { stdout: '', stderr: 'rejects: async boom\n', exitCode: 1 })
      assert.deepEqual(await sys.exec(['ninefail']), { stdout: '', stderr: 'ninefail: /nonesuch: file does not exist\n', exitCode: 1 })
      assert.deepEqual(await sys.exec(['throwsstring']), { stdout: '', stderr: 'throwsstring: a string\n', exitCode: 1 })
      // the parent of a failing child carries on
      await asProc(sys, async (p) => {
        const [r, w] = p.pipe()
        const child = await p.spawn(['rejects'], { fds: { 2: w } })
        await p.close(w)
        assert.equal(await readAllFd(p, r), 'rejects: async boom\n')
        assert.equal(await child.wait(), 1)
        assert.equal(state(p, p.pid), 'Running')
      })
      // and the system keeps working
      assert.deepEqual(await sys.exec(['echo', 'still', 'here']), { stdout: 'still here\n', stderr: '', exitCode: 0 })
      assert.equal(sys.kernel.procs.get(1)?.state, 'Running')
    },
    [{ name: 'throwers', bins: throwers }],
  )
})

test('kill permissions: only one\'s own processes unless root; unknown pids; init survives', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const alices = await p.spawn(['forever'], { user: 'alice' })
      await inChild(
        p,
        async (g) => {
          await fails(() => g.kill(alices.pid, 'SIGTERM'), 'permission denied')
          await fails(() => g.kill(alices.pid, 'SIGKILL'), 'permission denied')
          await fails(() => g.kill(-alices.pid, 'SIGKILL'), 'process not found')
          await fails(() => g.kill(1, 'SIGTERM'), 'permission denied')
          await fails(() => g.kill(999999, 'SIGTERM'), 'process not found')
          // one's own processes, yes
          const mine = await g.spawn(['forever'])
          g.kill(mine.pid, 'SIGTERM')
          assert.equal(await mine.wait(), 143)
        },
        { user: 'glenda' },
      )
      assert.equal(state(p, alices.pid), 'Running')
      await fails(() => p.kill(alices.pid, 'SIGBOGUS' as SignalName), 'bad arg in system call')
      await fails(() => p.kill(999999, 'SIGTERM'), 'process not found')
      // root may signal anyone, except killing init
      await fails(() => p.kill(1, 'SIGKILL'), 'permission denied')
      p.kill(1, 'SIGTERM')
      await settle()
      assert.equal(state(p, 1), 'Running', 'init ignores SIGTERM')
      p.kill(alices.pid, 'SIGTERM')
      assert.equal(await alices.wait(), 143)
    })
  })
})

test('a process group kill by a non-root user that would reach another user\'s process is refused', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const leader = await p.spawn(['forever'], { pgid: 'new', user: 'glenda' })
      const alices = await p.spawn(['forever'], { pgid: leader.pid, user: 'alice' })
      await inChild(p, async (g) => fails(() => g.kill(-leader.pid, 'SIGTERM'), 'permission denied'), { user: 'glenda' })
      assert.equal(state(p, leader.pid), 'Running')
      assert.equal(state(p, alices.pid), 'Running')
      p.kill(-leader.pid, 'SIGKILL')
      await leader.wait()
      await alices.wait()
    })
  })
})

test('many processes come and go without leaking', async () => {
  await withSystem(async (sys) => {
    const before = sys.kernel.procs.size
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/input', 'x')
      for (let i = 0; i < 200; i++) {
        const fd = await p.open('/tmp/input', OREAD)
        const child = await p.spawn(['status', String(i & 7)], { fds: { 0: fd } })
        await p.close(fd)
        assert.equal(await child.wait(), i & 7)
      }
      const [r, w] = p.pipe()
      const echo = await p.spawn(['echo', 'ok'], { fds: { 1: w } })
      await p.close(w)
      assert.equal(await readAllFd(p, r), 'ok\n')
      await echo.wait()
      await p.close(r)
      await fails(p.write(w, 'x'), 'fd out of range or not open')
      assert.equal(p.procs().length, before + 1)
    })
    assert.equal(sys.kernel.procs.size, before)
  })
})

test('busy processes in two systems at once both get their time-slice turns and finish', { timeout: 30_000 }, async () => {
  // Each loop runs for several 10 ms slices; both kernels wait for host turns at the same moments.
  const script = 'i=0; while [ $i -lt 4000 ]; do i=$((i+1)); done; echo $i'
  const [a, b] = await Promise.all([boot({ presets: [stdSystem()] }), boot({ presets: [stdSystem()] })])
  try {
    const results = await Promise.all([a.run(script), b.run(script), a.run(script)])
    assert.deepEqual(results.map((r) => r.stdout), ['4000\n', '4000\n', '4000\n'])
  } finally {
    await Promise.all([a.shutdown(), b.shutdown()])
  }
})
