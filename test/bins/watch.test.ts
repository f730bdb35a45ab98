/** watch: runs again and again until ended (timeout stands in for Ctrl-C), -t, -g, and its title. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { bootFiles } from './filesfixture.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

test('watch runs the command every interval until it is ended', async () => {
  const r = await sys.run('timeout 1 watch -n 0.1 -t echo hi')
  assert.equal(r.exitCode, 124)
  assert.match(r.stdout, /^(hi\n){3,}$/)
})

test('watch prints a title line naming the interval and the command', async () => {
  const r = await sys.run('timeout 0.5 watch -n 0.2 "echo a; echo b"')
  assert.match(r.stdout, /^Every 0\.2s: echo a; echo b +ninefold: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n\na\nb\n/)
})

test('watch -g ends when the output changes', async () => {
  const r = await sys.run('cd /tmp && echo a > f && (sleep 0.4; echo b > f) & watch -n 0.1 -t -g cat /tmp/f; echo rc=$?')
  assert.match(r.stdout, /^(a\n)+b\nrc=0\n$/)
})

test('watch without a command, or with a bad interval, is a usage error', async () => {
  assert.equal((await sys.exec(['watch'])).exitCode, 1)
  const bad = await sys.exec(['watch', '-n', 'x', 'true'])
  assert.equal(bad.exitCode, 1)
  assert.match(bad.stderr, /watch: failed to parse argument: 'x'/)
})
