import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { tenants } from '../../docs/examples/tenants.ts'

const root = new URL('../../', import.meta.url)

test('the sandboxing guide quotes its example verbatim', () => {
  const guide = readFileSync(new URL('docs/sandboxing.md', root), 'utf8')
  const example = readFileSync(new URL('docs/examples/tenants.ts', root), 'utf8')
  assert.ok(guide.includes('```ts\n' + example + '```'))
})

test('two tenants: own ramfs, shared read-only /usr/share, frozen, unable to see each other', async () => {
  const { sys, alice, bob } = await tenants()
  const a = await sys.run('echo hi > notes; cat notes; cat /usr/share/README; ls /; ls /home/../..; pwd', alice)
  assert.equal(a.stderr, '')
  assert.equal(a.stdout, 'hi\nshared notes\nadm\nbin\ndev\nenv\netc\nhome\nmnt\nn\nproc\nsrv\ntmp\nusr\nadm\nbin\ndev\nenv\netc\nhome\nmnt\nn\nproc\nsrv\ntmp\nusr\n/home\n')
  const refused = await sys.run('echo x > /usr/share/README; bind /tmp /mnt; mount boot /n; umount /usr/share; rfork -c; bind /bin /n', alice)
  assert.equal(
    refused.stderr,
    'sh: 1: /usr/share/README: permission denied\nbind: /mnt: mount/attach disallowed\nmount: /srv/boot: file does not exist\numount: /usr/share: mount/attach disallowed\nbind: /n: mount/attach disallowed\n',
  )
  // bob's /home is his own: alice's notes are not there, and his are not hers
  const b = await sys.run('ls; echo mine > notes; cat notes', bob)
  assert.equal(b.stdout, 'mine\n')
  assert.equal((await sys.run('cat notes', alice)).stdout, 'hi\n')
  // ps in a sandbox shows only its own user's processes
  const ps = await sys.run('ps', alice)
  assert.ok(ps.stdout.split('\n').slice(1).filter(Boolean).every((l) => / alice /.test(` ${l} `)), ps.stdout)
  // outside, nothing changed
  assert.equal(new TextDecoder().decode(await sys.readFile('/usr/share/README')), 'shared notes\n')
  assert.doesNotMatch((await sys.run('mount', { user: 'root' })).stdout, /\/mnt/)
  await sys.shutdown()
})
