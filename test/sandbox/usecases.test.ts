/**
 * The roadmap's three phase C use cases, line for line through the shell:
 *   rfork -m sh       # child shell cannot call mount/bind
 *   ns; cat /proc/42/ns
 *   rfork -n sh       # child gets clean namespace (only / and /dev), must mount what it needs
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { boot, type System } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'
import { world } from './outside.ts'

let sys: System
before(async () => {
  sys = await boot({ presets: [stdSystem()] })
  await sys.run("mkdir -p '/tmp/a b' /tmp/u && echo in > /tmp/u/f", { user: 'root' })
})
after(() => sys.shutdown())

/** The standard namespace as ns prints it, for a shell in `cwd`. */
const SYSTEM_NS = `mount -c boot /
bind -c /dev /dev
bind -b '#c' /dev
bind '#p' /proc
bind '#b' /bin
bind '#s' /srv
bind '#U' /adm
bind /bin /usr/bin
mount init /svc
mount log /var/log
`

test('rfork -m sh: the child shell cannot mount, bind or unmount, nor can its children', async () => {
  const before = await world(sys)
  const r = await sys.run('rfork -m sh', {
    stdin: 'bind /tmp /mnt\nmount init /n\numount /bin\nbind -a /tmp/u /bin\nsh -c "bind /tmp /n"\nrfork -m sh -c "umount /proc"\necho done $?\n',
  })
  assert.equal(
    r.stderr,
    'bind: /mnt: mount/attach disallowed\n' +
      'mount: /n: mount/attach disallowed\n' +
      'umount: /bin: mount/attach disallowed\n' +
      'bind: /bin: mount/attach disallowed\n' +
      'bind: /n: mount/attach disallowed\n' +
      'umount: /proc: mount/attach disallowed\n',
  )
  assert.equal(r.stdout, 'done 1\n')
  // the parent's namespace (shared with init) is untouched
  assert.deepEqual(await world(sys), before)
})

test('rfork -m sh: the frozen shell still sees and uses the namespace it was given', async () => {
  const r = await sys.run('rfork -m sh', { stdin: 'cat /tmp/u/f; ls /proc/self/ns; ns | tail -1\n' })
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'in\n/proc/self/ns\ncd /home/glenda\n')
})

test('rfork -m: the flag without -n does not reach the parent (an implied private copy)', async () => {
  const r = await sys.run('rfork -m sh -c "echo frozen"; bind /tmp/u /n; cat /n/f; umount /n', { user: 'root' })
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'frozen\nin\n')
})

test('ns prints the namespace in the spec format: flags, two spaces for none, last line cd', async () => {
  const r = await sys.run('ns')
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, SYSTEM_NS + 'cd /home/glenda\n')
  const cd = await sys.run('cd /tmp/u && ns | tail -1')
  assert.equal(cd.stdout, 'cd /tmp/u\n')
})

test('ns quotes names with spaces and quotes rc style, and prints every flag combination', async () => {
  const r = await sys.run("rfork -c sh -c \"bind -bc '/tmp/a b' /n; bind -a /tmp/u /mnt; bind -r /tmp/u /usr/share; cd '/tmp/a b'; ns | tail -7\"", { user: 'root' })
  assert.equal(r.stderr, '')
  assert.equal(
    r.stdout,
    "mount log /var/log\nbind /n /n\nbind -bc '/tmp/a b' /n\nbind /mnt /mnt\nbind -a /tmp/u /mnt\nbind -r /tmp/u /usr/share\ncd '/tmp/a b'\n",
  )
})

test('cat /proc/<pid>/ns: another process of mine, and any process for root', async () => {
  // a private namespace, then a pause; its ns is read from outside while it runs
  const r = await sys.run('rfork -c; bind /tmp/u /n; cd /tmp; sleep 10 </dev/null >/dev/null 2>&1 & cd /; cat /proc/$!/ns | tail -2; kill $!')
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'bind /tmp/u /n\ncd /tmp\n')
  const init = await sys.run('cat /proc/1/ns', { user: 'root' })
  assert.equal(init.stdout, SYSTEM_NS + 'cd /\n')
  assert.equal((await sys.run('ns 1', { user: 'root' })).stdout, init.stdout)
  // /proc/<pid>/ns is the same text as ns prints for that process
  const self = await sys.run('cat /proc/self/ns')
  assert.equal(self.stdout, SYSTEM_NS + 'cd /home/glenda\n')
})

test('rfork -n sh: only / and /dev, none of the system files; bind #b /bin brings the commands back', async () => {
  const before = await world(sys)
  const r = await sys.run('rfork -n sh', {
    stdin: [
      'ls', // no commands yet: /bin is an empty mount point
      'pwd',
      "bind '#b' /bin",
      'test -e /home/glenda || echo no /home/glenda',
      'test -e /etc/profile || echo no /etc/profile',
      'test -e /proc/1 || echo no /proc/1',
      'test -e /srv/boot || echo no /srv/boot',
      'test -e /adm/users || echo no /adm/users',
      'test -e /tmp/u || echo no /tmp/u',
      'ls /',
      'echo --',
      'ls /dev',
      'echo --',
      'ls /home /etc /proc /srv /tmp /usr/share',
      'ns',
      '',
    ].join('\n'),
  })
  assert.equal(r.stderr, 'sh: 1: ls: not found\n')
  assert.equal(
    r.stdout,
    '/\nno /home/glenda\nno /etc/profile\nno /proc/1\nno /srv/boot\nno /adm/users\nno /tmp/u\n' +
      'adm\nbin\ndev\nenv\netc\nhome\nmnt\nn\nproc\nsrv\ntmp\nusr\n--\n' +
      'cons\nconsctl\nfd\nnull\nrandom\nstderr\nstdin\nstdout\nurandom\nzero\n--\n' +
      "/etc:\n\n/home:\n\n/proc:\n\n/srv:\n\n/tmp:\n\n/usr/share:\nbind '#c' /dev\nbind '#b' /bin\ncd /\n",
  )
  assert.deepEqual(await world(sys), before)
})

test('rfork -n sh: the clean shell mounts what it needs (#p, #s, a posted server)', async () => {
  const r = await sys.run('rfork -n sh', {
    stdin: "bind '#b' /bin\nbind '#p' /proc\nls /proc/self/ns\nbind '#s' /srv\nls /srv\nmount init /n\nns\n",
  })
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, "/proc/self/ns\ninit\nlog\nbind '#c' /dev\nbind '#b' /bin\nbind '#p' /proc\nbind '#s' /srv\nmount init /n\ncd /\n")
})

test('rfork -n with a command starts it at / (its caller\'s directory is not in its namespace)', async () => {
  const r = await sys.run("cd /tmp/u && rfork -n sh -c \"pwd; bind '#b' /bin; ns | tail -1\"")
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, '/\ncd /\n')
})
