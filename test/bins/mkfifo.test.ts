/** mkfifo: named pipes in memfs, used the way a user types it in the shell. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { bootFiles, scratch } from './filesfixture.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

test('a reader waits for a writer; what is written comes out', async () => {
  const dir = await scratch(sys)
  const r = await sys.run('mkfifo p; cat p > got & echo through the pipe > p; wait; cat got', { cwd: dir })
  assert.equal(r.stdout, 'through the pipe\n', r.stderr)
})

test('a writer waits for a reader, and the reader ends when the writer closes', async () => {
  const dir = await scratch(sys)
  const r = await sys.run('mkfifo p; seq 3 | tee p > /dev/null & wc -l < p', { cwd: dir })
  assert.equal(r.stdout.trim(), '3', r.stderr)
})

test('a named pipe is used again after both ends closed', async () => {
  const dir = await scratch(sys)
  const r = await sys.run('mkfifo p; echo one | tee p > /dev/null & cat p; echo two | tee p > /dev/null & cat p', { cwd: dir })
  assert.equal(r.stdout, 'one\ntwo\n', r.stderr)
})

test('ls -l shows p; mkfifo -m sets the mode; an existing name is refused', async () => {
  const dir = await scratch(sys)
  const r = await sys.run('mkfifo -m 600 p && ls -l p; mkfifo p; echo rc=$?', { cwd: dir })
  assert.match(r.stdout, /^prw------- /)
  assert.match(r.stdout, /rc=1\n$/)
  assert.match(r.stderr, /^mkfifo: p: file already exists\n$/)
  assert.equal((await sys.exec(['mkfifo'])).exitCode, 1)
})
