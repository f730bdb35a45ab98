/** Stopping and continuing processes: SIGSTOP/SIGTSTP hold a process at its next system call until SIGCONT. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { ProcContext } from '../../src/kernel/types.ts'
import { asProc, fails, settle, text, withSystem } from './helpers.ts'

const state = (p: ProcContext, pid: number): string | undefined => p.procs().find((i) => i.pid === pid)?.state

test('a stopped process is held at its next system call until SIGCONT', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      let calls = 0
      const child = await p.spawn(['counter'], {
        bin: async (c) => {
          for (;;) {
            await c.stat('/')
            calls++
            if (calls >= 1_000_000) return 1
            await c.sleep(1)
          }
        },
      })
      await settle()
      const changes: boolean[] = []
      child.watchStops!((stopped) => changes.push(stopped))
      for (const sig of ['SIGSTOP', 'SIGTSTP'] as const) {
        p.kill(child.pid, sig)
        assert.equal(state(p, child.pid), 'Stopped', sig)
        await settle()
        const held = calls
        await p.sleep(30)
        assert.ok(calls <= held + 1, `${sig}: no system call goes through while stopped`)
        p.kill(child.pid, 'SIGCONT')
        assert.equal(state(p, child.pid), 'Running')
        await p.sleep(30)
        assert.ok(calls > held + 1, `${sig}: it goes on once continued`)
      }
      assert.deepEqual(changes, [true, false, true, false])
      p.kill(child.pid, 'SIGKILL')
      assert.equal(await child.wait(), 137)
    })
  })
})

test('a stopped process can be ended; a stopped one that returns ends only when continued', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const a = await p.spawn(['forever'])
      p.kill(a.pid, 'SIGSTOP')
      p.kill(a.pid, 'SIGTERM')
      assert.equal(await a.wait(), 143, 'a terminating signal ends a stopped process')

      let finish!: () => void
      const gate = new Promise<void>((r) => (finish = r))
      const b = await p.spawn(['returns'], { bin: async () => (await gate, 7) })
      p.kill(b.pid, 'SIGSTOP')
      let ended = false
      void b.wait().then(() => (ended = true))
      finish()
      await settle()
      assert.equal(ended, false, 'held at its end')
      assert.equal(state(p, b.pid), 'Stopped')
      p.kill(b.pid, 'SIGCONT')
      assert.equal(await b.wait(), 7)
    })
  })
})

test('SIGTSTP can be handled, SIGSTOP cannot; handled signals wait for SIGCONT', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const got: string[] = []
      let ready!: () => void
      const registered = new Promise<void>((r) => (ready = r))
      const child = await p.spawn(['handler'], {
        bin: async (c) => {
          await fails(() => c.on('SIGSTOP', () => {}), 'bad arg in system call')
          c.on('SIGTSTP', (s) => got.push(s))
          c.on('SIGUSR1', (s) => got.push(s))
          c.on('SIGCONT', (s) => got.push(s))
          ready()
          await c.sleep(60_000)
          return 0
        },
      })
      await registered
      p.kill(child.pid, 'SIGTSTP')
      await settle()
      assert.equal(state(p, child.pid), 'Running', 'a handled SIGTSTP does not stop')
      p.kill(child.pid, 'SIGSTOP')
      p.kill(child.pid, 'SIGUSR1')
      await settle()
      assert.deepEqual(got, ['SIGTSTP'], 'SIGUSR1 is kept while stopped')
      p.kill(child.pid, 'SIGCONT')
      await settle()
      assert.deepEqual(got, ['SIGTSTP', 'SIGUSR1', 'SIGCONT'])
      p.kill(child.pid, 'SIGKILL')
      await child.wait()
    })
  })
})

test('a read waiting while the process stops gives way, and is made again when continued', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const [rd, wr] = p.pipe()
      const child = await p.spawn(['reader'], {
        fds: { 0: rd },
        bin: async (c) => (text(await c.read(0)) === 'later' ? 0 : 1),
      })
      await settle()
      p.kill(child.pid, 'SIGSTOP')
      // the stopped reader no longer waits: what is written now goes to the one still reading
      const mine = p.read(rd)
      await p.write(wr, 'now')
      assert.equal(text(await mine), 'now')
      await p.write(wr, 'later')
      p.kill(child.pid, 'SIGCONT')
      assert.equal(await child.wait(), 0)
      await p.close(wr)
      await p.close(rd)
    })
  })
})
