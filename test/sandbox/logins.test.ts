/**
 * Plan 9 namespaces for every login: each login has its own namespace, a copy of the system
 * namespace shared by its children; init's later mounts reach it; a user's binds reach no one else.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { boot, type System } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'

let sys: System
before(async () => {
  sys = await boot({ presets: [stdSystem()] })
})
after(() => sys.shutdown())

test("a child shares its parent's namespace, for every user: sh -c 'bind /tmp/a /tmp/b'; ls /tmp/b", async () => {
  for (const user of ['glenda', 'root']) {
    const r = await sys.run(`mkdir -p /tmp/${user}/a /tmp/${user}/b; touch /tmp/${user}/a/x; cd /tmp/${user}; sh -c 'bind /tmp/${user}/a /tmp/${user}/b'; ls /tmp/${user}/b`, { user })
    assert.equal(r.stderr, '')
    assert.equal(r.stdout, 'x\n', user)
  }
})

test("one login's binds are not seen by another login of the same user, nor by the system", async () => {
  const r = await sys.run('mkdir -p /tmp/g1/a /tmp/g1/b; touch /tmp/g1/a/x; bind /tmp/g1/a /tmp/g1/b; ls /tmp/g1/b', { user: 'glenda' })
  assert.equal(r.stdout, 'x\n')
  assert.equal((await sys.run('ls /tmp/g1/b')).stdout, '')
  assert.equal(new TextDecoder().decode(await sys.readFile('/proc/1/ns')).includes('/tmp/g1'), false)
})

test("init's mounts made while a login runs reach it, even after the login bound over /bin", async () => {
  await sys.run('mkdir -p /tmp/later /usr/local/bin; touch /tmp/later/seen', { user: 'root' })
  const login = sys.run('bind -b /usr/local/bin /bin; until test -e /n/later/seen; do sleep 0.01; done; ls /n/later; ns | grep -c /usr/local/bin', { user: 'glenda' })
  // a change in the system namespace, as init's mount units make
  await sys.run('mkdir -p /n/later; nsgroup join system bind /tmp/later /n/later', { user: 'root' })
  const r = await login
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'seen\n1\n')
})

test('su gives the new user a copy: her binds never reach the shell that ran su', async () => {
  const script = [
    'mkdir -p /tmp/evil',
    "printf '#!/bin/sh\\necho evil\\n' > /tmp/evil/date",
    'chmod 755 /tmp/evil/date',
    'rfork -c',
    "su -c 'nsgroup create team; bind -b /tmp/evil /bin; date' glenda",
    'date | grep -c evil',
    'ns | grep -c evil',
  ].join('; ')
  const r = await sys.run(script, { user: 'root' })
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'evil\n0\n0\n')
  // later, glenda joins the group she named: it is her own copy, not root's shell
  const j = await sys.run('nsgroup join team; date | grep -c evil', { user: 'glenda' })
  assert.equal(j.stdout, '1\n')
  assert.equal((await sys.run('date | grep -c evil', { user: 'root' })).stdout, '0\n')
  await sys.run('nsgroup remove team', { user: 'root' })
})

test("a user cannot name a namespace another user's process shares (a group removed under its members)", async () => {
  const until = (file: string) => `until test -e ${file}; do sleep 0.01; done`
  const holder = sys.run(`rfork -c; nsgroup create shared; nsgroup allow shared glenda; touch /tmp/created; ${until('/tmp/done')}`, { user: 'root' })
  await sys.run(until('/tmp/created'))
  const member = sys.run(`nsgroup join shared; touch /tmp/joined; ${until('/tmp/removed')}; nsgroup create mine; nsgroup join mine`, { user: 'glenda' })
  await sys.run(until('/tmp/joined'))
  assert.equal((await sys.run('nsgroup remove shared; touch /tmp/removed', { user: 'root' })).stderr, '')
  const r = await member
  await sys.run('touch /tmp/done', { user: 'root' })
  await holder
  assert.equal(r.stderr, 'nsgroup: mine: permission denied\nnsgroup: mine: file does not exist\n')
})

test('a mount point stays on its directory when a directory above it is renamed; ns prints the new name', async () => {
  const r = await sys.run('mkdir -p /tmp/src /tmp/p/a; touch /tmp/src/bound; bind /tmp/src /tmp/p/a; mv /tmp/p /tmp/q; ls /tmp/q/a; ls /tmp/p/a; ns | grep /tmp/src', { user: 'glenda' })
  assert.equal(r.stdout, 'bound\nbind /tmp/src /tmp/q/a\n')
  assert.equal(r.stderr, 'ls: /tmp/p/a: file does not exist\n')
})

test("another login's mount point follows its directory renamed behind its back", async () => {
  await sys.run('mkdir -p /tmp/s2 /tmp/r1/a; touch /tmp/s2/bound; chmod -R 777 /tmp/r1', { user: 'root' })
  const login = sys.run('bind /tmp/s2 /tmp/r1/a; touch /tmp/bound-r1; until test -e /tmp/r2; do sleep 0.01; done; ls /tmp/r2/a', { user: 'glenda' })
  await sys.run('until test -e /tmp/bound-r1; do sleep 0.01; done; mv /tmp/r1 /tmp/r2', { user: 'root' })
  assert.deepEqual(await login, { stdout: 'bound\n', stderr: '', exitCode: 0 })
})

test('a directory the walker may not search hides what is mounted below it', async () => {
  const setup = 'mkdir -p /root/sub /tmp/open; echo secret > /tmp/open/f; chmod 700 /root; nsgroup join system bind /tmp/open /root/sub'
  assert.equal((await sys.run(setup, { user: 'root' })).stderr, '')
  assert.equal((await sys.run('cat /root/sub/f', { user: 'root' })).stdout, 'secret\n')
  const r = await sys.run('cat /root/sub/f; ls /root/sub; test -e /root/sub/f || echo hidden', { user: 'glenda' })
  assert.deepEqual(r, { stdout: 'hidden\n', stderr: 'cat: /root/sub/f: permission denied\nls: /root/sub: permission denied\n', exitCode: 0 })
  await sys.run('nsgroup join system umount /root/sub', { user: 'root' })
})

test('/tmp is sticky: only the owner of a file (or of /tmp, or root) removes or renames it', async () => {
  assert.equal((await sys.run('adduser alice')).stderr, 'adduser: /adm/users: permission denied\n')
  await sys.run('adduser alice', { user: 'root' })
  assert.equal((await sys.run('echo mine > /tmp/mine; mkdir /tmp/mydir; ls -ld /tmp | cut -c1-10')).stdout, 'drwxrwxrwt\n')
  const r = await sys.run('rm /tmp/mine; mv /tmp/mine /tmp/stolen; rmdir /tmp/mydir; mv /tmp/mydir /tmp/d2; cat /tmp/mine; ls -d /tmp/mydir', { user: 'alice' })
  assert.equal(r.stderr, 'rm: /tmp/mine: permission denied\nmv: /tmp/mine: permission denied\nrmdir: /tmp/mydir: permission denied\nmv: /tmp/mydir: permission denied\n')
  assert.equal(r.stdout, 'mine\n/tmp/mydir\n')
  // her own files she may; glenda removes hers; chmod keeps the bit on directories only
  assert.equal((await sys.run('touch /tmp/hers; mv /tmp/hers /tmp/hers2; rm /tmp/hers2', { user: 'alice' })).stderr, '')
  assert.equal((await sys.run('rm /tmp/mine; rmdir /tmp/mydir; mkdir /tmp/s; chmod 1755 /tmp/s; touch /tmp/f; chmod 1644 /tmp/f; ls -ld /tmp/s /tmp/f | cut -c1-10')).stdout, '-rw-r--r--\ndrwxr-xr-t\n')
})
