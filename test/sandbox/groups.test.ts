/**
 * Namespace groups: a namespace with a name, shared by the processes that join it. Only the
 * owner (or root) lets others in; init's system namespace is the group `system`.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { boot, type System } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'

let sys: System
before(async () => {
  sys = await boot({ presets: [stdSystem()] })
  const r = await sys.run('adduser alice && adduser bob && mkdir -p /tmp/t /tmp/u && echo tee > /tmp/t/f && echo you > /tmp/u/g && chmod 777 /tmp/t /tmp/u', { user: 'root' })
  assert.equal(r.stderr, '')
  // glenda makes a private namespace, names it `team`, lets alice in, and binds in it
  const g = await sys.run('rfork -c; nsgroup create team; nsgroup allow team alice; bind /tmp/t /n; cat /proc/self/nsgroup')
  assert.equal(g.stderr, '')
  assert.equal(g.stdout, 'team\n')
})
after(() => sys.shutdown())

const as = (user: string, script: string) => sys.run(script, { user })

test("init's system namespace is the group system, owned by root", async () => {
  assert.equal((await as('glenda', 'cat /proc/1/nsgroup')).stdout, 'system\n')
  // a login has its own namespace, a copy of it: not the group
  assert.equal((await as('glenda', 'cat /proc/self/nsgroup; rfork -c; cat /proc/self/nsgroup')).stdout, '\n\n')
  assert.match((await as('glenda', 'nsgroup list')).stdout, /^system\troot\t\n/)
})

test('list shows each group, its owner and who may join', async () => {
  const r = await as('bob', 'nsgroup list; nsgroup')
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'system\troot\t\nteam\tglenda\talice\n'.repeat(2))
})

test('a member sees the binds of another: alice joins and sees /n; her bind is seen by glenda', async () => {
  const a = await as('alice', 'nsgroup join team; cat /n/f; cat /proc/self/nsgroup; bind /tmp/u /mnt')
  assert.equal(a.stderr, '')
  assert.equal(a.stdout, 'tee\nteam\n')
  const g = await as('glenda', 'nsgroup join team; cat /mnt/g; ns | grep /mnt')
  assert.equal(g.stderr, '')
  assert.equal(g.stdout, 'you\nbind /tmp/u /mnt\n')
  // the system namespace did not get either bind
  assert.doesNotMatch((await sys.run('mount', { user: 'root' })).stdout, /\/tmp\/[tu]/)
  // tidy up for the tests after: the group's /mnt goes again
  assert.equal((await as('alice', 'nsgroup join team; umount /mnt')).stderr, '')
})

test('join with a command runs it in the group; the caller keeps its own namespace', async () => {
  const r = await as('glenda', 'nsgroup join team cat /n/f; cat /proc/self/nsgroup')
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'tee\n\n')
})

test('only the owner or root lets others join: bob is refused, then root allows him', async () => {
  const refused = await as('bob', 'nsgroup join team; cat /proc/self/nsgroup')
  assert.equal(refused.stderr, 'nsgroup: team: permission denied\n')
  assert.equal(refused.stdout, '\n')
  // alice may join but not let others in, nor remove the group
  const alice = await as('alice', 'nsgroup allow team bob; nsgroup remove team')
  assert.equal(alice.stderr, 'nsgroup: team: permission denied\nnsgroup: team: permission denied\n')
  assert.match((await as('bob', 'nsgroup list')).stdout, /^team\tglenda\talice\n/m)
  assert.equal((await as('root', 'nsgroup allow team bob')).stderr, '')
  const bob = await as('bob', 'nsgroup join team; cat /n/f')
  assert.equal(bob.stderr, '')
  assert.equal(bob.stdout, 'tee\n')
})

test('nobody but root joins the system group uninvited', async () => {
  const r = await as('alice', 'rfork -c; nsgroup join system; cat /proc/self/nsgroup')
  assert.equal(r.stderr, 'nsgroup: system: permission denied\n')
  assert.equal(r.stdout, '\n')
  const root = await as('root', 'rfork -c; nsgroup join system; cat /proc/self/nsgroup')
  assert.equal(root.stdout, 'system\n')
})

test('leave takes a private copy: binds after it are not seen by the group', async () => {
  const r = await as('alice', 'nsgroup join team; nsgroup leave; cat /proc/self/nsgroup; bind /tmp/u /n; cat /n/g')
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, '\nyou\n')
  assert.equal((await as('glenda', 'nsgroup join team cat /n/f')).stdout, 'tee\n')
})

test('a frozen process (rfork -m) cannot join, nor name its namespace as a group', async () => {
  const r = await as('alice', 'rfork -m; nsgroup join team; nsgroup create frozen; cat /proc/self/nsgroup; test -e /n/f || echo not in team')
  assert.equal(r.stderr, 'nsgroup: team: mount/attach disallowed\nnsgroup: frozen: mount/attach disallowed\n')
  assert.equal(r.stdout, '\nnot in team\n')
  assert.doesNotMatch((await as('root', 'nsgroup list')).stdout, /frozen/)
  // the same through the command in a frozen child
  const child = await as('glenda', 'rfork -m nsgroup join team')
  assert.equal(child.stderr, 'nsgroup: team: mount/attach disallowed\n')
  assert.equal(child.exitCode, 1)
})

test('create refuses a taken name, a namespace that already has one, and bad names', async () => {
  const r = await as('alice', 'nsgroup create team; nsgroup create mine; nsgroup create other; nsgroup remove mine; rfork -c; nsgroup create "a/b"; nsgroup create ""; echo $?')
  assert.equal(r.stderr.split('\n').slice(0, 3).join('\n'), 'nsgroup: team: file already exists\nnsgroup: other: file already exists: this namespace is already the group mine\nnsgroup: a/b: bad character in file name')
  assert.match(r.stderr.split('\n')[3]!, /: bad arg in system call: create needs a name$/)
  assert.equal(r.stdout, '1\n')
  assert.doesNotMatch((await as('root', 'nsgroup list')).stdout, /other|a\/b/)
  assert.equal((await as('alice', 'nsgroup join nosuch')).stderr, 'nsgroup: nosuch: file does not exist\n')
})

test('remove drops the name: no one joins any more, members keep the namespace', async () => {
  const r = await as('glenda', 'rfork -c; nsgroup create gone; bind /tmp/u /n; nsgroup remove gone; cat /proc/self/nsgroup; cat /n/g')
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, '\nyou\n')
  assert.equal((await as('glenda', 'nsgroup join gone')).stderr, 'nsgroup: gone: file does not exist\n')
  // root may remove anyone's group
  assert.equal((await as('glenda', 'rfork -c; nsgroup create mine')).stderr, '')
  assert.equal((await as('root', 'nsgroup remove mine')).stderr, '')
  assert.doesNotMatch((await as('root', 'nsgroup list')).stdout, /mine/)
})
