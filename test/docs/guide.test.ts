import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { boot, stdSystem } from '../../src/index.ts'

const root = new URL('../../', import.meta.url)

test('the fileserver guide quotes its example verbatim', () => {
  const guide = readFileSync(new URL('docs/writing-a-fileserver.md', root), 'utf8')
  const example = readFileSync(new URL('docs/examples/counter.ts', root), 'utf8')
  assert.ok(guide.includes('```ts\n' + example + '```'), 'docs/writing-a-fileserver.md must contain docs/examples/counter.ts as is')
})

test("the guide's example: install, post, mount, use, unmount, kill", async () => {
  const sys = await boot({ presets: [stdSystem()], loadModule: (path) => import(new URL(path.replace(/^\.\//, 'docs/examples/'), root).href) })
  const script = [
    'pkg install ./counter.ts',
    'counter-srv &',
    'mkdir -p $HOME/c; mount counter $HOME/c',
    'echo inc > $HOME/c/ctl; echo inc > $HOME/c/ctl',
    'cat $HOME/c/count',
    'echo explode > $HOME/c/ctl',
    'umount $HOME/c; kill $!; wait',
    'ls /srv',
  ].join('\n')
  const r = await sys.run(script, { user: 'root' })
  assert.equal(r.stdout, 'installed counter: counter-srv\n2\nboot\ninit\nlog\n')
  assert.match(r.stderr, /unknown command: explode/)
  await sys.shutdown()
})

test('the README library example', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const { stdout, stderr, exitCode } = await sys.run('echo hello | wc -c')
  assert.deepEqual({ stdout, stderr, exitCode }, { stdout: '6\n', stderr: '', exitCode: 0 })
  await sys.shutdown()
})
