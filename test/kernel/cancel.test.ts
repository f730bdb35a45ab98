/** Ending a run from outside: timeouts, abort signals, and background jobs that outlive the foreground. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { boot, stdSystem } from '../../src/index.ts'

test('sys.run with timeoutMs ends a busy loop and resolves with 124', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  // the shell's code loads on its first use (here compiled from source): not part of what is timed
  await sys.run('true')
  const start = performance.now()
  const r = await sys.run('while :; do :; done', { timeoutMs: 200 })
  const took = performance.now() - start
  assert.equal(r.exitCode, 124)
  assert.equal(r.ended, 'timeout')
  // the bound is 400 ms; a loaded machine gets more room, a run that never ends fails anyway
  assert.ok(took < 1500, `resolved after ${took} ms`)
  assert.equal(sys.kernel.procs.size, 1, 'only init is left')
})

test('an ended run resolves with the output written so far', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const r = await sys.run('echo started; echo more >&2; while :; do :; done', { timeoutMs: 1000 })
  assert.deepEqual(r, { stdout: 'started\n', stderr: 'more\n', exitCode: 124, ended: 'timeout' })
})

test('sys.exec with timeoutMs ends the command and what it started', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const r = await sys.exec(['sh', '-c', 'yes | cat > /dev/null & sleep 10'], { timeoutMs: 150 })
  assert.equal(r.exitCode, 124)
  assert.equal(sys.kernel.procs.size, 1)
})

test('an abort signal ends the run: SIGTERM by default (143), or the signal it names (130 for SIGINT)', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const term = new AbortController()
  setTimeout(() => term.abort(), 100)
  const r = await sys.run('yes > /dev/null', { signal: term.signal })
  assert.equal(r.exitCode, 143)
  assert.equal(r.ended, 'aborted')
  const int = new AbortController()
  setTimeout(() => int.abort('SIGINT'), 100)
  assert.equal((await sys.exec(['sleep', '30'], { signal: int.signal })).exitCode, 130)
  const already = new AbortController()
  already.abort()
  assert.equal((await sys.run('sleep 30', { signal: already.signal })).exitCode, 143)
})

test('a process that ignores SIGTERM is killed after the grace period', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  // loaded first, so that the timeout cannot fall before the trap is set on a slow machine
  await sys.run('true')
  const start = performance.now()
  const r = await sys.run('trap "" TERM; echo x; while :; do :; done', { timeoutMs: 300, graceMs: 200 })
  assert.equal(r.exitCode, 124)
  assert.equal(r.stdout, 'x\n')
  assert.ok(performance.now() - start >= 490)
  assert.equal(sys.kernel.procs.size, 1)
})

test('a run ends with its foreground: background jobs are ended and counted', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const start = performance.now()
  const r = await sys.run('{ sleep 3; } >/dev/null 2>&1 & yes > /dev/null & echo done')
  assert.ok(performance.now() - start < 2000, `took ${performance.now() - start} ms`)
  assert.equal(r.stdout, 'done\n')
  assert.equal(r.exitCode, 0)
  assert.ok((r.background ?? 0) >= 2, String(r.background))
  assert.equal(sys.kernel.procs.size, 1)
  assert.equal((await sys.run('echo ok')).background, undefined)
})

test('keepBackground leaves them running, and the run still returns at once', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const r = await sys.run('sleep 5 & echo done', { keepBackground: true })
  assert.equal(r.stdout, 'done\n')
  assert.equal(r.background, 1)
  const sleeping = [...sys.kernel.procs.values()].filter((p) => p.argv[0] === 'sleep')
  assert.equal(sleeping.length, 1)
  sys.kernel.deliver(sleeping[0]!, 'SIGKILL')
})

test('a server the run posted in /srv stays for later runs; it lets go of the run output', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const r = await sys.run('pkg install ramfs >/dev/null; ramfs-srv -s scratch & while ! test -e /srv/scratch; do sleep 0.01; done; echo up', { user: 'root' })
  assert.equal(r.stdout, 'up\n')
  assert.equal(r.background, 1)
  assert.equal((await sys.run('mkdir -p /n/s; mount -c scratch /n/s && echo hi > /n/s/f && cat /n/s/f', { user: 'root' })).stdout, 'hi\n')
  await sys.shutdown()
})
