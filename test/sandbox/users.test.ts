/**
 * Users and permissions through the shell: adduser and /adm/users, su, memfs permission bits,
 * signals, /proc, /srv entry modes, and read-only views.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { boot, type System } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'

let sys: System
before(async () => {
  sys = await boot({ presets: [stdSystem()] })
  const r = await sys.run('adduser alice && adduser -G alice bob && pkg install ramfs >/dev/null', { user: 'root' })
  assert.equal(r.stderr, '')
})
after(() => sys.shutdown())

const as = (user: string, script: string) => sys.run(script, { user })
const text = async (path: string) => new TextDecoder().decode(await sys.readFile(path))

test('adduser (root) writes /adm/users and makes the home; others get permission denied', async () => {
  assert.equal(await text('/adm/users'), 'root:/root:/bin/sh:\nsys:/usr/sys:/bin/sh:\nglenda:/home/glenda:/bin/sh:sys\nalice:/home/alice:/bin/sh:\nbob:/home/bob:/bin/sh:alice\n')
  const home = await as('root', 'ls -ld /home/alice /home/bob')
  assert.match(home.stdout, /^drwxr-xr-x 1 alice +alice .* \/home\/alice\ndrwxr-xr-x 1 bob +bob .* \/home\/bob\n$/)
  const r = await as('glenda', 'adduser eve; echo $?; echo "eve:/tmp:/bin/sh:" >> /adm/users; echo "join glenda alice" > /adm/users')
  assert.equal(r.stderr, 'adduser: /adm/users: permission denied\nsh: 1: /adm/users: permission denied\nsh: 1: /adm/users: permission denied\n')
  assert.equal(r.stdout, '1\n')
  assert.equal((await as('alice', 'adduser eve')).stderr, 'adduser: /adm/users: permission denied\n')
  assert.doesNotMatch(await text('/adm/users'), /eve|glenda:.*alice/)
  assert.equal((await as('root', 'test -e /home/eve || echo no home')).stdout, 'no home\n')
  // a name taken, and a bad name
  const bad = await as('root', 'adduser alice; adduser "Bad Name"')
  assert.match(bad.stderr, /^adduser: alice: file already exists\nadduser: Bad Name: bad character in file name\n$/)
})

test('su: root becomes anyone; others are refused with permission denied', async () => {
  const r = await as('root', 'su -c whoami alice; su -c id bob')
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'alice\nuid=bob gid=bob groups=bob,alice\n')
  const refused = await as('glenda', 'su -c whoami alice; su -c whoami root; su; echo $?')
  assert.equal(refused.stderr, 'su: alice: permission denied\nsu: root: permission denied\nsu: root: permission denied\n')
  assert.equal(refused.stdout, '1\n')
  // oneself is fine, and an unknown user is not
  assert.equal((await as('glenda', 'su -c whoami glenda')).stdout, 'glenda\n')
  assert.match((await as('root', 'su -c whoami nosuch')).stderr, /^su: nosuch: /)
})

test("memfs permission bits: another user's 0600 file is unreadable; chmod and chown refused", async () => {
  const setup = await as('alice', 'echo secret > ~/s; chmod 600 ~/s; echo shared > ~/g; chmod 640 ~/g; ls -l ~/s ~/g')
  assert.match(setup.stdout, /^-rw-r----- 1 alice alice .* \/home\/alice\/g\n-rw------- 1 alice alice .* \/home\/alice\/s\n$/)
  const r = await as('glenda', 'cat /home/alice/s; chmod 644 /home/alice/s; chown glenda /home/alice/s; echo x > /home/alice/s; echo x >> /home/alice/s; rm /home/alice/s; mv /home/alice/s /home/alice/t; touch /home/alice/new; cat /home/alice/g')
  assert.equal(
    r.stderr,
    'cat: /home/alice/s: permission denied\n' +
      'chmod: /home/alice/s: permission denied\n' +
      'chown: /home/alice/s: permission denied\n' +
      'sh: 1: /home/alice/s: permission denied\n' +
      'sh: 1: /home/alice/s: permission denied\n' +
      'rm: /home/alice/s: permission denied\n' +
      'mv: /home/alice/s: permission denied\n' +
      'touch: /home/alice/new: permission denied\n' +
      'cat: /home/alice/g: permission denied\n',
  )
  // bob is in alice's group: the group bits let him read g, not s
  const bob = await as('bob', 'cat /home/alice/g; cat /home/alice/s')
  assert.equal(bob.stdout, 'shared\n')
  assert.equal(bob.stderr, 'cat: /home/alice/s: permission denied\n')
  // nothing changed, and the owner and root still can
  assert.equal(await text('/home/alice/s'), 'secret\n')
  assert.equal((await as('alice', 'cat ~/s')).stdout, 'secret\n')
  assert.equal((await as('root', 'cat /home/alice/s; chown glenda /home/alice/s; ls -l /home/alice/s')).stdout.split('\n')[0], 'secret')
  assert.equal((await as('glenda', 'cat /home/alice/s')).stdout, 'secret\n')
  assert.equal((await as('root', 'chown alice /home/alice/s')).stderr, '')
})

test("kill of another user's process (and its group) is refused; its own are not", async () => {
  await sys.run('sleep 100 </dev/null >/dev/null 2>&1 &', { user: 'alice', keepBackground: true })
  const sleeper = [...sys.kernel.procs.values()].find((p) => p.cred.uid === 'alice' && p.argv[0] === 'sleep' && !p.exited)!
  assert.ok(sleeper)
  const r = await as('glenda', `kill ${sleeper.pid}; kill -9 ${sleeper.pid}; kill -- -${sleeper.pgid}; echo HUP > /proc/${sleeper.pid}/note; kill 1; kill -9 1`)
  assert.equal(
    r.stderr,
    `sh: 1: kill: ${sleeper.pid}: permission denied\nsh: 1: kill: ${sleeper.pid}: permission denied\nsh: 1: kill: -${sleeper.pgid}: permission denied\n` +
      `sh: 1: /proc/${sleeper.pid}/note: permission denied\nsh: 1: kill: 1: permission denied\nsh: 1: kill: 1: permission denied\n`,
  )
  assert.equal(sleeper.exited, false)
  assert.equal(sys.kernel.init.exited, false)
  assert.equal((await as('alice', `kill ${sleeper.pid}`)).stderr, '')
  assert.equal(sleeper.exited, true)
})

test("/proc/<pid>/ns, env and fd of another user's process are unreadable to a non-root user", async () => {
  await sys.run('export SECRET=s3; sleep 100 </dev/null >/dev/null 2>&1 &', { user: 'alice', keepBackground: true })
  const p = [...sys.kernel.procs.values()].find((q) => q.cred.uid === 'alice' && q.argv[0] === 'sleep' && !q.exited)!
  const r = await as('glenda', `cat /proc/${p.pid}/ns; cat /proc/${p.pid}/env; cat /proc/${p.pid}/fd; ns ${p.pid}; cat /proc/${p.pid}/status | grep user`)
  assert.equal(
    r.stderr,
    `cat: /proc/${p.pid}/ns: permission denied\ncat: /proc/${p.pid}/env: permission denied\ncat: /proc/${p.pid}/fd: permission denied\nns: /proc/${p.pid}/ns: permission denied\n`,
  )
  assert.equal(r.stdout, 'user\talice\n')
  const root = await as('root', `grep SECRET /proc/${p.pid}/env; ns ${p.pid} | tail -1`)
  assert.equal(root.stdout, 'SECRET=s3\ncd /home/alice\n')
  assert.equal((await as('alice', `grep SECRET /proc/${p.pid}/env`)).stdout, 'SECRET=s3\n')
  sys.kernel.kill(undefined, p.pid, 'SIGKILL')
})

test('/srv entries are owned; mode 600 keeps others from mounting until the owner chmods 644', async () => {
  const post = await as('alice', 'srv alicefs ramfs-srv -s alicefs >/dev/null; ls -l /srv/alicefs')
  assert.match(post.stdout, /^-rw------- 1 alice alice .* \/srv\/alicefs\n$/)
  const r = await as('glenda', 'ls /srv; rfork -c; mount alicefs /n; chmod 666 /srv/alicefs; rm /srv/alicefs')
  assert.equal(r.stdout, 'init\nlog\n')
  assert.equal(r.stderr, 'mount: /srv/alicefs: file does not exist\nchmod: /srv/alicefs: file does not exist\nrm: /srv/alicefs: file does not exist\n')
  assert.equal((await as('alice', 'chmod 644 /srv/alicefs')).stderr, '')
  const ok = await as('glenda', 'rfork -c; mount -c alicefs /n; echo hi > /n/x; cat /n/x; ls /srv')
  // the ramfs root is alice's and 0755: glenda may mount it but not create in it
  assert.equal(ok.stderr, 'sh: 1: /n/x: permission denied\ncat: /n/x: file does not exist\n')
  assert.equal(ok.stdout, 'alicefs\ninit\nlog\n')
  // posting over a taken name is refused for anyone
  assert.equal((await as('glenda', 'srv alicefs ramfs-srv -s alicefs')).stderr, 'srv: /srv/alicefs: file already exists\n')
  assert.equal((await as('root', 'cat /srv/alicefs')).stdout.split(' user ')[1], 'alice\n')
})

test('bind -r and mount -r views refuse write, create, remove and wstat with permission denied', async () => {
  await as('root', 'mkdir -p /tmp/ro && echo data > /tmp/ro/f && chmod 777 /tmp/ro && chmod 666 /tmp/ro/f')
  await as('root', 'srv rofs ramfs-srv -s rofs >/dev/null; chmod 644 /srv/rofs')
  const r = await as('root', [
    'rfork -c',
    // -c, so that creates reach the view (without it the mount refuses them first)
    'bind -rc /tmp/ro /n',
    'mount -rc rofs /mnt',
    'echo x > /n/f', 'echo x >> /n/f', 'true > /n/f', 'touch /n/f', 'touch /n/new', 'mkdir /n/d', 'rm /n/f', 'mv /n/f /n/g', 'chmod 600 /n/f', 'chown glenda /n/f',
    'touch /mnt/new', 'mkdir /mnt/d',
    'cat /n/f; ls /n',
  ].join('\n'))
  assert.equal(
    r.stderr,
    'sh: 4: /n/f: permission denied\nsh: 5: /n/f: permission denied\nsh: 6: /n/f: permission denied\ntouch: /n/f: permission denied\ntouch: /n/new: permission denied\n' +
      'mkdir: /n/d: permission denied\nrm: /n/f: permission denied\nmv: /n/f: permission denied\nchmod: /n/f: permission denied\nchown: /n/f: permission denied\n' +
      'touch: /mnt/new: permission denied\nmkdir: /mnt/d: permission denied\n',
  )
  assert.equal(r.stdout, 'data\nf\n')
  const plain = await as('root', 'rfork -c; bind -r /tmp/ro /n; mkdir /n/d; echo x > /n/f')
  assert.equal(plain.stderr, 'mkdir: /n/d: mounted directory forbids creation\nsh: 1: /n/f: permission denied\n')
  // even root is refused through the view; the file itself is writable
  assert.equal(await text('/tmp/ro/f'), 'data\n')
  assert.equal((await as('glenda', 'echo y > /tmp/ro/f; cat /tmp/ro/f')).stdout, 'y\n')
})

test('a /srv entry another user may not see is neither listed nor described', async () => {
  const fresh = await boot({ presets: [stdSystem()] })
  const r = await fresh.run('ls /srv; cat /srv/init; cat /srv/boot', { user: 'glenda' })
  assert.equal(r.stdout, 'init\nlog\ninit svcfs pid 1 user root\n')
  assert.equal(r.stderr, 'cat: /srv/boot: file does not exist\n')
  assert.match((await fresh.run('cat /srv/boot', { user: 'root' })).stdout, /^boot memfs pid 0 user root\n$/)
  await fresh.shutdown()
})
