/**
 * A catalogue of escape attempts from sandboxed non-root shells. Each attempt must fail with the
 * right error, and everything outside the sandbox must be as it was, checked from outside as root:
 * files, init's namespace and the mount list, /srv, users, namespace groups, live processes.
 *
 * Sandboxes: the tenants example (clean + frozen + non-root), a clean namespace that is not
 * frozen, a frozen copy of the system namespace, and a plain non-root user. There are no symbolic
 * links in ninefold, so link tricks do not apply.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { tenants } from '../../docs/examples/tenants.ts'
import type { RunOptions, System } from '../../src/image.ts'
import { attemptIn, world, type World } from './outside.ts'

let sys: System
let alice: RunOptions // the tenants example: clean, frozen, non-root
let baseline: World
const pids: Record<string, number> = {}

/** alice in a clean namespace with her commands, not frozen: she may bind what she can reach. */
const clean = (): RunOptions => ({ user: 'alice', rfork: 'N', namespace: [{ bind: '#b', at: '/bin' }], env: { HOME: '/' } })
/** alice frozen in a copy of the system namespace: she sees everything, changes no mount. */
const frozen = (): RunOptions => ({ user: 'alice', rfork: 'm' })
/** glenda, an ordinary user in her own login namespace (a copy of the system namespace); a member of sys. */
const plain = (): RunOptions => ({ user: 'glenda' })
/** bob, a second user: not in the group sys, so no packages or services. */
const second = (): RunOptions => ({ user: 'bob' })

before(async () => {
  ;({ sys, alice } = await tenants())
  const setup = await sys.run(
    [
      'echo top secret > /etc/secret && chmod 600 /etc/secret',
      'pkg install ramfs >/dev/null && svc start ramfs-srv',
      'srv rootfs ramfs-srv -s rootfs >/dev/null',
      'sleep 10000 </dev/null >/dev/null 2>&1 &',
    ].join('\n'),
    { user: 'root', keepBackground: true },
  )
  assert.equal(setup.stderr, '')
  const g = await sys.run('echo mine > private && chmod 600 private; rfork -c; nsgroup create team; sleep 10000 </dev/null >/dev/null 2>&1 &', { user: 'glenda', keepBackground: true })
  assert.equal(g.stderr, '')
  assert.equal((await sys.run('srv bobfs ramfs-srv -s bobfs >/dev/null', { user: 'bob' })).stderr, '')
  for (const p of sys.kernel.procs.values()) if (p.argv[0] === 'sleep') pids[p.cred.uid] = p.pid
  assert.ok(pids.root && pids.glenda)
  baseline = await world(sys)
})
after(() => sys.shutdown())

const attempt = (options: RunOptions, script: string, stderr: string, stdout?: string) => attemptIn(sys, baseline, options, script, stderr, stdout)

const D = 'mount/attach disallowed'

// ---- the namespace: mount, bind, unmount, devices

// (a frozen namespace refuses before it looks: even a name that does not exist gets this error)
test('bind of a path outside the view', () => attempt(alice, 'bind /etc /home/etc; bind /tmp /mnt; bind /home/../../etc /n', `bind: /home/etc: ${D}\nbind: /mnt: ${D}\nbind: /n: ${D}\n`))

test('bind over the sandbox itself (its own ramfs, its /bin)', () => attempt(alice, 'bind /home /bin; bind -b /home /usr/share; bind -c /usr/share /home', `bind: /bin: ${D}\nbind: /usr/share: ${D}\nbind: /home: ${D}\n`))

test('mount of /srv/boot and of root-only posts', () => attempt(alice, 'mount boot /n; mount /srv/boot /n; mount rootfs /n; mount -c ramfs /n', 'mount: /srv/boot: file does not exist\nmount: /srv/boot: file does not exist\nmount: /srv/rootfs: file does not exist\nmount: /srv/ramfs: file does not exist\n'))

test("mount of init and log from a tenant's sandbox: she does not see root's services", () => attempt(alice, 'mount init /n; mount -b init /bin; mount log /n; ls /srv', `mount: /srv/init: file does not exist\nmount: /srv/init: file does not exist\nmount: /srv/log: file does not exist\n`, ''))

test('attaching every # device when frozen', () =>
  attempt(
    alice,
    "for d in '#/' '#c' '#p' '#b' '#s' '#U' '#nosuch'; do bind \"$d\" /mnt; bind -a \"$d\" /n; done",
    `bind: /mnt: ${D}\nbind: /n: ${D}\n`.repeat(7),
  ))

test('unmount of the sandbox mounts and of the system mounts', () =>
  attempt(alice, 'umount /usr/share; umount /home; umount /bin; umount /dev; umount /; umount /svc; umount /proc; umount "#b" /bin', [`/usr/share`, '/home', '/bin', '/dev', '/', '/svc', '/proc', '/bin'].map((p) => `umount: ${p}: ${D}\n`).join('')))

test('the bind and mount programs, not only the builtins', () => attempt(alice, '/bin/bind /tmp /mnt; /bin/mount init /n; /bin/umount /home', `bind: /mnt: ${D}\nmount: /srv/init: file does not exist\numount: /home: ${D}\n`))

// ---- .. and odd paths

test('cd /home/../../.. stays at the sandbox root', () => attempt(alice, 'cd /home/../../..; pwd; ls; cd ..; pwd', '', '/\nadm\nbin\ndev\nenv\netc\nhome\nmnt\nn\nproc\nsrv\ntmp\nusr\n/\n'))

test('paths with many .. never leave the namespace', () =>
  attempt(alice, 'ls /home/../../etc; cat /home/../../../../etc/secret; cat ../../../../../etc/profile; cat /./../home/./../adm/users; ls ../../../../usr/share/../../srv', 'cat: /home/../../../../etc/secret: file does not exist\ncat: ../../../../../etc/profile: file does not exist\ncat: /./../home/./../adm/users: file does not exist\n', ''))

test('.. out of the read-only view lands in the sandbox root, not the system tree', () => attempt(alice, 'cat /usr/share/../../etc/profile; ls /usr/share/..', 'cat: /usr/share/../../etc/profile: file does not exist\n', 'share\n'))

test('names too long or with bad characters', () =>
  attempt(alice, `touch /home/${'a'.repeat(300)}; touch "$(printf '/home/a\\tb')"; mkdir "$(printf '/home/x\\001y')"; touch /home/..`, `touch: /home/${'a'.repeat(300)}: name too long\ntouch: /home/a\tb: bad character in file name\nmkdir: /home/x\x01y: bad character in file name\ntouch: /home/..: permission denied\n`))

// ---- processes and /proc

test("another user's processes are invisible: ps, /proc, kill", () =>
  attempt(alice, `ps | grep -c -v alice; cat /proc/${pids.glenda}/env; kill ${pids.glenda}; kill -9 ${pids.root}`, `cat: /proc/${pids.glenda}/env: file does not exist\nsh: 1: kill: ${pids.glenda}: process not found\nsh: 1: kill: ${pids.root}: process not found\n`, '1\n'))

test('killing init and process groups from the sandbox', () => attempt(alice, 'kill 1; kill -9 1; kill -- -1; kill -HUP -- -1', 'sh: 1: kill: 1: process not found\nsh: 1: kill: 1: process not found\nsh: 1: kill: -1: process not found\nsh: 1: kill: -1: process not found\n'))

test("a clean namespace with #p sees only alice's processes; another's /proc entries do not exist", () =>
  attempt(clean(), `bind '#p' /proc; ls /proc | grep -c '^1$'; cat /proc/1/status; cat /proc/${pids.glenda}/env; echo KILL > /proc/1/note; cat /proc/self/status | grep user`, `cat: /proc/1/status: file does not exist\ncat: /proc/${pids.glenda}/env: file does not exist\nsh: 1: /proc/1/note: file does not exist\n`, '0\nuser\talice\n'))

test("a frozen copy of the system namespace: another user's env, ns, fd are unreadable", () =>
  attempt(frozen(), `cat /proc/${pids.glenda}/env; cat /proc/${pids.glenda}/ns; cat /proc/${pids.root}/fd; ns 1`, `cat: /proc/${pids.glenda}/env: permission denied\ncat: /proc/${pids.glenda}/ns: permission denied\ncat: /proc/${pids.root}/fd: permission denied\nns: /proc/1/ns: permission denied\n`))

test("a frozen copy of the system namespace: another user's process, group and init cannot be killed", async () => {
  const glenda = sys.kernel.procs.get(pids.glenda)!
  await attempt(frozen(), `kill ${pids.glenda}; kill -- -${glenda.pgid}; kill -9 1; echo TERM > /proc/${pids.root}/note`, `sh: 1: kill: ${pids.glenda}: permission denied\nsh: 1: kill: -${glenda.pgid}: permission denied\nsh: 1: kill: 1: permission denied\nsh: 1: /proc/${pids.root}/note: permission denied\n`)
})

// ---- read-only view

test('write, append and truncate through the read-only view', () => attempt(alice, 'echo x > /usr/share/README; echo x >> /usr/share/README; true > /usr/share/README; cat /usr/share/README', 'sh: 1: /usr/share/README: permission denied\n'.repeat(3), 'shared notes\n'))

test('create, remove and rename through the read-only view', () => attempt(alice, 'touch /usr/share/new; mkdir /usr/share/d; cp /usr/share/README /usr/share/copy; rm /usr/share/README; mv /usr/share/README /usr/share/R2; mv /usr/share/README /home/stolen', 'touch: /usr/share/new: permission denied\nmkdir: /usr/share/d: mounted directory forbids creation\ncp: /usr/share/copy: mounted directory forbids creation\nrm: /usr/share/README: permission denied\nmv: /usr/share/README: permission denied\nmv: /usr/share/README: permission denied\n'))

test('chmod, chown and touch through the read-only view', () => attempt(alice, 'chmod 777 /usr/share/README; chown alice /usr/share/README; touch /usr/share/README; touch /usr/share', 'chmod: /usr/share/README: permission denied\nchown: /usr/share/README: permission denied\ntouch: /usr/share/README: permission denied\ntouch: /usr/share: permission denied\n'))

// ---- re-enabling mount after RFNOMNT

test('rfork -c does not unfreeze', () => attempt(alice, 'rfork -c; bind /home /mnt; rfork -c sh -c "bind /home /mnt"', `bind: /mnt: ${D}\nbind: /mnt: ${D}\n`))

test('rfork -n does not unfreeze (and leaves an empty world)', () => attempt(alice, "rfork -n sh -c \"bind '#b' /bin; pwd\"; rfork -n; bind '#b' /bin", `bind: /bin: ${D}\nbind: /bin: ${D}\n`, '/\n'))

test('nested rfork -m, spawning a new sh, exec sh', () => attempt(alice, `rfork -m sh -c 'rfork -m sh -c "bind /home /mnt"'; sh -c 'umount /home'; exec sh -c 'mount -a init /n'`, `bind: /mnt: ${D}\numount: /home: ${D}\nmount: /srv/init: file does not exist\n`))

test('nsgroup leave, join or create does not unfreeze', () => attempt(alice, 'nsgroup leave; bind /home /mnt; nsgroup join team; nsgroup join system; nsgroup create mine', `bind: /mnt: ${D}\nnsgroup: team: ${D}\nnsgroup: system: ${D}\nnsgroup: mine: ${D}\n`))

test('eval, exec, command and functions reach the same refusal', () => attempt(alice, `eval 'bind /home /mnt'; command bind /home /mnt; f() { umount "$@"; }; f /home; exec bind /home /mnt`, `bind: /mnt: ${D}\nbind: /mnt: ${D}\numount: /home: ${D}\nbind: /mnt: ${D}\n`))

// ---- namespace groups

test('joining a namespace group uninvited (clean, not frozen)', () => attempt(clean(), 'nsgroup join team; nsgroup join system; nsgroup allow team alice; nsgroup remove team; nsgroup remove system', 'nsgroup: team: permission denied\nnsgroup: system: permission denied\nnsgroup: team: permission denied\nnsgroup: team: permission denied\nnsgroup: system: permission denied\n'))

test('joining the system group from a frozen copy of it', () => attempt(frozen(), 'nsgroup join system; nsgroup create x; bind /tmp /mnt', `nsgroup: system: ${D}\nnsgroup: x: ${D}\nbind: /mnt: ${D}\n`))

// ---- users

test('su without the right', () => attempt(alice, 'su -c id root; su -c id glenda; su', 'su: root: permission denied\nsu: glenda: permission denied\nsu: root: permission denied\n'))

test('adduser as non-root, from the sandbox and with #U attached', async () => {
  await attempt(alice, 'adduser eve', 'adduser: /adm/users: permission denied\n')
  await attempt(clean(), "bind '#U' /adm; adduser eve; echo 'eve:/:/bin/sh:' >> /adm/users; echo 'join alice root' > /adm/users", 'adduser: /adm/users: permission denied\nsh: 1: /adm/users: permission denied\nsh: 1: /adm/users: permission denied\n')
})

test('writing /adm/users as a plain user', () => attempt(plain(), "echo 'eve:/:/bin/sh:' >> /adm/users; echo 'join glenda root' > /adm/users; rm /adm/users", 'sh: 1: /adm/users: permission denied\nsh: 1: /adm/users: permission denied\nrm: /adm/users: permission denied\n'))

// ---- /srv

test("posting over another user's /srv name", async () => {
  const r = await sys.run('srvfs init /home; srvfs bobfs /home; srv ramfs ramfs-srv', alice)
  // (srv does not see root's entry, so it starts the server, whose post of the taken name fails)
  assert.match(r.stderr, /^srvfs: (\/srv\/init: )?file already exists\nsrvfs: (\/srv\/bobfs: )?file already exists\nsrv: \/srv\/ramfs: i\/o error: ramfs-srv exited before posting\n$/)
  assert.deepEqual(await world(sys), baseline)
})

test("removing or chmodding another user's /srv entry (#s attached in a clean namespace)", () =>
  attempt(clean(), "bind '#s' /srv; ls /srv; rm /srv/init; rm /srv/bobfs; rm /srv/boot; chmod 666 /srv/init; chmod 666 /srv/bobfs", 'rm: /srv/init: file does not exist\nrm: /srv/bobfs: file does not exist\nrm: /srv/boot: file does not exist\nchmod: /srv/init: file does not exist\nchmod: /srv/bobfs: file does not exist\n', ''))

test('reading or mounting /srv/boot', async () => {
  await attempt(alice, 'cat /srv/boot; ls /srv', 'cat: /srv/boot: file does not exist\n', '')
  await attempt(clean(), "bind '#s' /srv; mount boot /n; mount -c /srv/boot /tmp; mount bobfs /n", 'mount: /srv/boot: file does not exist\nmount: /srv/boot: file does not exist\nmount: /srv/bobfs: file does not exist\n')
})

test('a plain user cannot mount, remove or chmod root-owned posts', () => attempt(plain(), 'rfork -c; mount rootfs /n; mount boot /n; rm /srv/ramfs; chmod 644 /srv/boot', 'mount: /srv/rootfs: file does not exist\nmount: /srv/boot: file does not exist\nrm: /srv/ramfs: file does not exist\nchmod: /srv/boot: file does not exist\n'))

// ---- services and packages

test('svc stop of a system service', async () => {
  await attempt(alice, 'svc stop ramfs-srv', 'svc: ramfs-srv: file does not exist: no such service\n')
  await attempt(clean(), 'mount init /n; echo stop > /n/ramfs-srv/ctl; echo disable > /n/ramfs-srv/ctl', 'mount: /srv/init: file does not exist\n' + 'sh: 1: /n/ramfs-srv/ctl: file does not exist\n'.repeat(2))
  await attempt(second(), 'svc stop ramfs-srv; svc disable ramfs-srv; svc restart ramfs-srv; svc start ramfs-srv', 'svc: ramfs-srv: permission denied\n'.repeat(4))
  // glenda is in sys, but not from a sandbox
  await attempt({ user: 'glenda', rfork: 'm' }, 'svc stop ramfs-srv; echo stop > /svc/ramfs-srv/ctl', 'svc: ramfs-srv: permission denied\nsh: 1: echo: permission denied\n')
})

test('pkg install of a host path as non-root', async () => {
  await attempt(alice, 'pkg install /etc/secret; pkg install ./x.ts', 'pkg: /etc/secret: permission denied\npkg: ./x.ts: permission denied\n')
  await attempt(plain(), 'pkg install /tmp/evil.mjs', 'pkg: /tmp/evil.mjs: permission denied\n')
})

test('a second user installs no package: it would run for everyone', () => attempt(second(), 'pkg install webcam-device; pkg remove ramfs', 'pkg: webcam-device: permission denied\npkg: ramfs: permission denied\n'))

test('pkg install and remove from a sandbox (they change the whole system)', () => attempt(alice, 'pkg install webcam-device; pkg remove ramfs', 'pkg: webcam-device: permission denied\npkg: ramfs: permission denied\n'))

test("pkg remove of a package root installed, by a plain user (it would stop root's service)", () => attempt(plain(), 'pkg remove ramfs', 'pkg: ramfs: permission denied\n'))

// ---- environment, scripts, programs

test('PATH pointing outside the view', () => attempt(alice, 'PATH=/srv:/proc:/usr/local/bin:/etc ls; (export PATH=/tmp; ls); echo $?', 'sh: 1: ls: not found\nsh: 1: ls: not found\n', '127\n'))

test('a #! script naming an interpreter outside the view', () =>
  attempt(alice, "printf '#!/usr/local/bin/evil\\n' > s; printf '#!/srv/boot\\n' > t; printf '#!/etc/secret\\n' > u; chmod 755 s t u; ./s; ./t; ./u; echo $?", 'sh: 1: ./s: not found\nsh: 1: ./t: not found\nsh: 1: ./u: not found\n', '127\n'))

test('running a file of the read-only view or a directory', () => attempt(alice, '/usr/share/README; /usr/share; /home', 'sh: 1: /usr/share/README: permission denied\nsh: 1: /usr/share: file is a directory\nsh: 1: /home: file is a directory\n'))

test('HOME and cd tricks', () => attempt({ ...alice, env: { HOME: '/../../etc' } }, 'cd; pwd; cd ~/..; pwd; cat ~/secret', 'cat: /../../etc/secret: file does not exist\n', '/etc\n/\n'))

// ---- the console

test("the console's foreground group cannot be pointed at another user's processes", async () => {
  const glenda = sys.kernel.procs.get(pids.glenda)!
  await attempt(alice, `echo fg ${glenda.pgid} > /dev/consctl; echo fg 1 > /dev/consctl`, 'sh: 1: echo: permission denied\n'.repeat(2))
  assert.notEqual(sys.console.foreground, glenda.pgid)
  assert.notEqual(sys.console.foreground, 1)
})

// ---- a frozen copy of the system namespace

test('a frozen copy: system files stay protected by their permissions', () =>
  attempt(frozen(), 'cat /etc/secret; echo x > /etc/profile; rm /home/glenda/private; cat /home/glenda/private; mv /etc/profile /etc/p; chmod 777 /etc', 'cat: /etc/secret: permission denied\nsh: 1: /etc/profile: permission denied\nrm: /home/glenda/private: permission denied\ncat: /home/glenda/private: permission denied\nmv: /etc/profile: permission denied\nchmod: /etc: permission denied\n'))

test('a frozen copy: no bind, mount or unmount in it', () => attempt(frozen(), 'bind /tmp /etc; mount -c init /tmp; umount /srv; umount /var/log', `bind: /etc: ${D}\nmount: /tmp: ${D}\numount: /srv: ${D}\numount: /var/log: ${D}\n`))

// ---- a clean namespace that is not frozen: it may bind, but only what it can reach

test('a clean namespace binds freely inside itself; nothing outside changes', () => attempt(clean(), "bind '#p' /proc; bind -a /dev /mnt; bind /etc /n; mount -c init /usr/share; ls /etc /home", 'mount: /srv/init: file does not exist\n', '/etc:\n\n/home:\n'))

test('a clean namespace: /proc of root processes stays out of reach even with #p', () => attempt(clean(), `bind '#p' /proc; ns 1; ns ${pids.root}; ls /proc/${pids.root}`, `ns: 1: process not found\nns: ${pids.root}: process not found\nls: /proc/${pids.root}: file does not exist\n`))

// ---- a plain user (no sandbox)

test("root's /srv entries reveal nothing to a plain user: stat, test -e, cat, ls", () =>
  attempt(plain(), 'test -e /srv/boot || echo absent; stat /srv/boot; cat /srv/rootfs; ls -l /srv/boot; ls /srv', 'stat: /srv/boot: file does not exist\ncat: /srv/rootfs: file does not exist\nls: /srv/boot: file does not exist\n', 'absent\ninit\nlog\n'))

test('a plain user: kill of root processes and init, su, adduser', () =>
  attempt(plain(), `kill ${pids.root}; kill -9 1; su -c id root; adduser eve; nsgroup join system; cat /etc/secret`, `sh: 1: kill: ${pids.root}: permission denied\nsh: 1: kill: 1: permission denied\nsu: root: permission denied\nadduser: /adm/users: permission denied\nnsgroup: system: permission denied\ncat: /etc/secret: permission denied\n`))

test('a plain user binding over /bin in her login namespace changes only her own view', async () => {
  // glenda's login has its own namespace, a copy of init's (the group `system`, owned by root):
  // her shell runs her script, and root never does.
  const r = await sys.run("mkdir -p /tmp/evil; printf '#!/bin/sh\\necho pwned > /tmp/pwned\\n' > /tmp/evil/whoami; chmod 755 /tmp/evil/whoami; bind -b /tmp/evil /bin; whoami; cat /tmp/pwned", plain())
  try {
    assert.equal(r.stderr, '')
    assert.equal(r.stdout, 'pwned\n')
    await sys.run('rm -f /tmp/pwned', { user: 'root' })
    assert.equal((await sys.run('whoami; ls /tmp', { user: 'root' })).stdout, 'root\nevil\n')
    assert.doesNotMatch((await sys.run('mount', { user: 'root' })).stdout, /evil/)
  } finally {
    // leave the system as it was for the other tests
    await sys.run('rm -f /tmp/pwned /tmp/evil/whoami; rmdir /tmp/evil', { user: 'root' })
  }
  // Only /tmp changed (this test's own directory came and went, so its version moved on).
  const now = await world(sys)
  const outsideTmp = (w: World) => ({ ...w, files: w.files.filter((f) => !f.startsWith('/tmp ')) })
  assert.deepEqual(outsideTmp(now), outsideTmp(baseline))
  baseline = now
})

test('everything that was running is still running', () => {
  for (const pid of Object.values(pids)) assert.equal(sys.kernel.procs.get(pid)?.exited, false)
  assert.equal(sys.kernel.init.exited, false)
})
