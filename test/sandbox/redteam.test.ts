/**
 * A red-team catalogue beside escape.test.ts (which it does not repeat): attempts as a second
 * user (bob, not in sys), as a member of sys (glenda) and as sandbox tenants (clean + frozen, and a
 * frozen copy of the system namespace). Attacks that have a shape are tables: the same attack
 * over several names, users or commands. Each attempt asserts the exact refusal and that nothing
 * outside changed (see outside.ts).
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { tenants } from '../../docs/examples/tenants.ts'
import { boot, type RunOptions, type System } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'
import { hostDir } from '../../src/node/hostfs.ts'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { attemptIn, world, type World } from './outside.ts'

let sys: System
let alice: RunOptions
let baseline: World

const frozen: RunOptions = { user: 'alice', rfork: 'm' }
const glenda: RunOptions = { user: 'glenda' }
const bob: RunOptions = { user: 'bob' }
const users: Record<string, () => RunOptions> = { alice: () => alice, frozen: () => frozen, glenda: () => glenda, bob: () => bob }

before(async () => {
  ;({ sys, alice } = await tenants())
  const setup = await sys.run('echo top secret > /etc/secret && chmod 600 /etc/secret; pkg install ramfs >/dev/null && svc start ramfs-srv', { user: 'root' })
  assert.equal(setup.stderr, '')
  assert.equal((await sys.run('echo mine > /tmp/gf; chmod 666 /tmp/gf', glenda)).stderr, '')
  baseline = await world(sys)
})
after(() => sys.shutdown())

const attempt = (options: RunOptions, script: string, stderr: string, stdout?: string) => attemptIn(sys, baseline, options, script, stderr, stdout)

/** Names an object lookup would find on Object.prototype rather than in the table it meant. */
const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__']

// ---- own-property names: every name that comes from a user is looked up as its own property

for (const name of PROTO) {
  for (const who of ['bob', 'alice']) {
    test(`${who}: kill -s ${name} is a bad signal`, () => attempt(users[who]!(), `kill -s ${name} $$; kill -${name} $$`, `sh: 1: kill: ${name}: bad signal\n`.repeat(2)))
    test(`${who}: trap on ${name} is a bad trap`, () => attempt(users[who]!(), `trap 'echo x' ${name}`, `sh: 1: trap: ${name}: bad trap\n`))
    test(`${who}: svc start/stop ${name}: no such service`, () => attempt(users[who]!(), `svc start ${name}; svc stop ${name}`, `svc: ${name}: file does not exist: no such service\n`.repeat(2)))
    test(`${who}: ${name} as a file name in /proc, /dev, /srv, /env`, () =>
      attempt(users[who]!(), `cat /proc/self/${name}; cat /dev/${name}; ls /srv/${name}; cat /env/${name}`, `cat: /proc/self/${name}: file does not exist\ncat: /dev/${name}: file does not exist\nls: /srv/${name}: file does not exist\ncat: /env/${name}: file does not exist\n`))
  }
  test(`bob: pkg install ${name} is refused for want of the right`, () => attempt(bob, `pkg install ${name}; pkg remove ${name}`, `pkg: ${name}: permission denied\n`.repeat(2)))
  test(`glenda (sys): pkg install ${name} finds no such package`, () => attempt(glenda, `pkg install ${name}`, `pkg: ${name}: file does not exist: no such package\n`))
  test(`alice: tr '[:${name}:]' is an invalid class`, () => attempt(alice, `echo abc | tr '[:${name}:]' X`, `tr: invalid character class '${name}'\nusage: tr [-cdst] set1 [set2]\n`, ''))
  test(`bob: mount ${name} finds no post`, () => attempt(bob, `mount ${name} /n`, `mount: /srv/${name}: file does not exist\n`))
  test(`glenda: nsgroup join/remove ${name} finds no group`, () => attempt(glenda, `nsgroup join ${name}; nsgroup remove ${name}`, `nsgroup: ${name}: file does not exist\n`.repeat(2)))
  test(`alice (frozen): nsgroup join/create ${name} is refused`, () => attempt(alice, `nsgroup join ${name}; nsgroup create ${name}`, `nsgroup: ${name}: mount/attach disallowed\n`.repeat(2)))
  test(`alice: su to ${name}`, () => attempt(alice, `su -c id ${name}`, `su: ${name}: permission denied\n`))
  test(`alice: ${name} as a shell variable is her own`, () => attempt(alice, `${name}=v; echo $${name}; unset ${name}; echo \${${name}-unset}; echo \${hasOwnProperty:-none}`, '', 'v\nunset\nnone\n'))
  test(`alice: ${name} as a file name in her home`, () => attempt(alice, `echo hi > ${name}; cat ${name}; ls; rm ${name}; ls`, '', `hi\n${name}\n`))
  test(`alice: ${name} as an awk array key and ENVIRON name`, () => attempt(alice, `echo ${name} ${name} | awk '{ c[$1]++; c[$2]++ } END { for (k in c) print k, c[k]; print "[" ENVIRON["${name}"] "]" }'`, '', `${name} 2\n[]\n`))
  test(`alice: ${name} as a command name is not found`, () => attempt(alice, `${name}; echo $?`, `sh: 1: ${name}: not found\n`, '127\n'))
}

test('alice: jq keeps __proto__ and constructor as plain keys', () =>
  attempt(alice, `echo '{"__proto__":{"a":1},"constructor":2}' | jq -c '.__proto__, .constructor, .toString, keys'`, '', '{"a":1}\n2\nnull\n["__proto__","constructor"]\n'))

// ---- packages and services: only root and sys administer them

const PACKAGES = ['ramfs', 'webcam-device', 'nosuch', '../ramfs', '/tmp/x.mjs']
for (const p of PACKAGES) {
  for (const who of ['bob', 'alice']) test(`${who}: pkg install/remove ${p}`, () => attempt(users[who]!(), `pkg install ${p}; pkg remove ${p}`, `pkg: ${p}: permission denied\n`.repeat(2)))
}
for (const verb of ['start', 'stop', 'restart', 'disable', 'enable']) {
  test(`bob: svc ${verb} of a system service`, () => attempt(bob, `svc ${verb} ramfs-srv`, 'svc: ramfs-srv: permission denied\n'))
  test(`alice: svc ${verb} of a system service`, () => attempt(alice, `svc ${verb} ramfs-srv`, 'svc: ramfs-srv: file does not exist: no such service\n'))
}

// ---- regular expressions and patterns finish quickly (linear-time engine)

const EVIL = "printf '%036d!' 0 | tr 0 a"
const PATTERNS: [string, string, string][] = [
  ['grep -E', `${EVIL} | grep -cE '(a+)+$'`, '0\n'],
  ['grep -E nested star', `${EVIL} | grep -cE '(a*)*b'`, '0\n'],
  ['grep -E alternation', `${EVIL} | grep -cE '(a|aa)+$'`, '0\n'],
  ['sed -E', `${EVIL} | sed -E 's/(a+)+$/X/' | wc -c`, '37\n'],
  ['sed -E alternation', `${EVIL} | sed -E 's/(a|a)+b/X/' | wc -c`, '37\n'],
  ['awk', `${EVIL} | awk '/(a+)+$/ { print "m" } END { print "done" }'`, 'done\n'],
  ['awk match', `${EVIL} | awk '{ print match($0, /(a|aa)+b/) }'`, '0\n'],
  ['[[ =~ ]]', `s=$(${EVIL}); [[ $s =~ (a+)+$ ]] && echo m || echo no`, 'no\n'],
  ['case', `s=$(printf '%0100d' 0); case $s in *0*0*0*0*0*1) echo m;; *) echo no;; esac`, 'no\n'],
  ['[[ == ]]', `s=$(printf '%0100d' 0); [[ $s == *0*0*0*0*0*1 ]] && echo m || echo no`, 'no\n'],
  ['${s##p} and ${s%%p}', `s=$(printf '%0100d' 0); t=\${s##*0*0*0*0*0*1}; u=\${s%%*0*0*0*0*0*1}; echo \${#t} \${#u}`, '100 100\n'],
  ['${s//p/r}', `s=$(printf '%0100d' 0); t=\${s//*0*0*0*0*0*1/x}; echo \${#t}`, '100\n'],
  ['extglob !(…) inside a pattern', `shopt -s extglob\ns=$(printf '%0300d' 0); [[ $s == !(*0*0*1)!(*0*1)*1 ]] && echo m || echo no; case $s in *!(*0*0*1)0!(+(0)1)) echo m;; *) echo no;; esac`, 'no\nm\n'],
  ['extglob !(…) in ${s//p/r}, ${s##p} and ${s%%p}', `shopt -s extglob\ns=$(printf '%0300d' 0); t=\${s//!(*1)!(*1)/x}; u=\${s##*!(*0*0*1)}; v=\${s%%!(*0*1)*0}; echo \${#t} \${#u} \${#v}`, '1 0 0\n'],
  ['pathname expansion', 'echo /proc/*0*0*0*0*0*0*0*0*0*0*0*1/*0*0*0*0*0*0*0*1', '/proc/*0*0*0*0*0*0*0*0*0*0*0*1/*0*0*0*0*0*0*0*1\n'],
]
for (const [what, script, out] of PATTERNS) {
  test(`a catastrophic pattern in ${what} finishes quickly`, async () => {
    const t = Date.now()
    await attempt(alice, script, '', out)
    assert.ok(Date.now() - t < 10_000)
  })
}

// ---- the namespace of a frozen copy: no path reaches a mount

const D = 'mount/attach disallowed'
for (const path of ['/tmp', '/home/glenda', '/srv', '/proc', '/env', '/dev', '/adm', '/usr']) {
  test(`frozen copy: bind and unmount at ${path}`, () => attempt(frozen, `bind /tmp ${path}; bind -a '#b' ${path}; umount ${path}`, `bind: ${path}: ${D}\nbind: ${path}: ${D}\numount: ${path}: ${D}\n`))
}

// ---- another user's files in /etc and /root

for (const who of ['bob', 'frozen']) {
  test(`${who}: root's 0600 file through several paths`, () =>
    attempt(users[who]!(), 'cat /etc/secret; cat /etc/../etc/secret; cat /tmp/../etc/secret', 'cat: /etc/secret: permission denied\ncat: /etc/../etc/secret: permission denied\ncat: /tmp/../etc/secret: permission denied\n'))
}

// ---- /tmp is sticky: a file open to writing is still not another's to remove or rename

for (const who of ['bob', 'frozen']) {
  test(`${who}: removing or renaming glenda's file in /tmp`, () => attempt(users[who]!(), 'rm /tmp/gf; mv /tmp/gf /tmp/taken; rm -f /tmp/gf', 'rm: /tmp/gf: permission denied\nmv: /tmp/gf: permission denied\nrm: /tmp/gf: permission denied\n'))
}

// ---- resource bombs end in the limit's error, in the process that hit it

const BOMBS: [string, string, string][] = [
  ['recursion', 'f() { f; }; f; echo $?', 'sh: 1: f: nested too deeply (1000)\n'],
  ['eval recursion', `s='eval "$s"'; eval "$s"; echo $?`, 'sh: 1: eval: nested too deeply (1000)\n'],
  ['a 250 MB string', "x=$(printf '%0250000000d' 1); echo ${#x}", 'sh: 1: $(...): output longer than the limit (67108864)\n'],
]
for (const [what, script, stderr] of BOMBS) {
  for (const who of ['bob', 'alice']) test(`${who}: ${what} ends in the limit's error`, () => attempt(users[who]!(), script, stderr, ''))
}

// ---- namespace groups, walks above mount points, /srv, mounts and background jobs as bob

test("bob: joining, opening or removing the system's namespace group", () => attempt(bob, 'nsgroup join system; nsgroup allow system bob; nsgroup remove system', 'nsgroup: system: permission denied\n'.repeat(3)))

test("bob: /root is 0700, and root's posts are hidden", () => attempt(bob, 'ls /root; cat /root/x; test -e /srv/boot || echo absent; stat /srv/ramfs', 'ls: /root: permission denied\ncat: /root/x: permission denied\nstat: /srv/ramfs: file does not exist\n', 'absent\n'))

test('bob: a mount bomb in his own namespace ends at the mount limit', () =>
  attempt(bob, 'rfork -c; for i in $(seq 1100); do bind -a /tmp /n || break; done; echo $i', 'bind: /n: limit exceeded: more than 1024 mount table entries\n', '1014\n'))

for (const job of ['sleep 100', 'yes >/dev/null', '{ sleep 3; } >/dev/null 2>&1']) {
  test(`bob: a background job (${job}) does not outlive its run`, () => attempt(bob, `${job} & echo started`, '', 'started\n'))
}

// ---- no byte lost: an append is one step at the fileserver, so two writers never overwrite each other

const APPENDS = 'for i in $(seq 1000); do echo a$i >> f; done & for i in $(seq 1000); do echo b$i >> f; done; wait; wc -l < f; grep -c a f'

test('alice: two loops appending to one file in her memfs keep all 2,000 lines', () => attempt(alice, `${APPENDS}; rm f`, '', '2000\n1000\n'))

test('a tenant on a host directory: two loops appending to one file keep all 2,000 lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ninefold-append-'))
  try {
    const onHost: RunOptions = { ...alice, namespace: [{ bind: '#b', at: '/bin' }, { mount: hostDir(dir, { mode: 'rw', owner: 'alice' }), at: '/home', flags: 'c' }] }
    await attempt(onHost, APPENDS, '', '2000\n1000\n')
    assert.equal(readFileSync(join(dir, 'f'), 'utf8').split('\n').length, 2001)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

// ---- copy and rename onto the same file reached by another name, and check before destroying

test('glenda: cp and mv of a file onto itself through a bind are refused as GNU does, the file intact', () =>
  attempt(glenda, 'rfork -c; bind /tmp /n; cp /tmp/gf /n/gf; echo $?; cp /tmp/gf /n; echo $?; mv /tmp/gf /n/gf; echo $?; mv /n/gf /tmp; echo $?; cat /tmp/gf', "cp: '/tmp/gf' and '/n/gf' are the same file\ncp: '/tmp/gf' and '/n/gf' are the same file\nmv: '/tmp/gf' and '/n/gf' are the same file\nmv: '/n/gf' and '/tmp/gf' are the same file\n", '1\n1\n1\n1\nmine\n'))

/** A sandbox of alice's whose private tree is mounted at /home and at /n: two names for every file. */
function twoNames(): RunOptions {
  const home = new Memfs({ owner: 'alice', mode: 0o700 })
  return { ...alice, namespace: [{ bind: '#b', at: '/bin' }, { mount: home, at: '/home', flags: 'c' }, { mount: home, at: '/n', flags: 'c' }] }
}

test('alice: cp and mv onto the same file by another name, and a directory copied into itself through a bind', () =>
  attempt(twoNames(), 'echo kept > f; mkdir d; cp f /n/f; mv f /n/f; cp -r d /n/d/sub; mv d /n/d/sub; cat f; ls d', "cp: 'f' and '/n/f' are the same file\nmv: 'f' and '/n/f' are the same file\ncp: d: cannot copy a directory into itself, '/n/d/sub'\nmv: d: cannot move a directory into itself, '/n/d/sub'\n", 'kept\n'))

test('alice: mv of an unreadable file onto an existing target fails before the target is touched', () =>
  attempt(alice, 'echo target > t; mkdir sub; echo target > sub/t; echo secret > u; chmod 000 u; mv u sub/t; cat sub/t; ls', 'mv: u: permission denied\n', 'target\nsub\nt\nu\n'))

test('bob: cp of an unreadable source names the source, and the target is neither made nor emptied', () =>
  attempt(bob, 'cp /etc/secret /tmp/s; cp /etc/secret /tmp/gf; cat /tmp/gf', 'cp: /etc/secret: permission denied\n'.repeat(2), 'mine\n'))

// ---- the console belongs to the session logged in on it

test("a sandbox's /dev gives it no console: no reading the person's typing, no writing, no taking Ctrl-C", async () => {
  const enc = new TextEncoder()
  const typed: string[] = []
  let wake = (): void => {}
  const cons = {
    written: '',
    interactive: true,
    foreground: 0,
    async read(): Promise<Uint8Array> {
      while (typed.length === 0) await new Promise<void>((resolve) => (wake = resolve))
      return enc.encode(typed.shift())
    },
    write(data: Uint8Array): void {
      cons.written += new TextDecoder().decode(data)
    },
  }
  const s = await boot({ presets: [stdSystem()], console: cons })
  try {
    const login = s.login({ argv: ['sh', '-c', 'read line; echo "the login read: $line"'] })
    const sandbox: RunOptions = { user: 'glenda', rfork: 'Nm', namespace: [{ bind: '#b', at: '/bin' }], timeoutMs: 10_000 }
    const r = await s.run('cat /dev/cons; read x </dev/cons; echo fg $$ >/dev/consctl; echo hi >/dev/cons; ls /dev | grep cons', sandbox)
    assert.equal(r.stderr, 'cat: /dev/cons: permission denied\nsh: 1: /dev/cons: permission denied\nsh: 1: /dev/consctl: permission denied\nsh: 1: /dev/cons: permission denied\n')
    assert.equal(r.stdout, 'cons\nconsctl\n')
    assert.equal(cons.foreground, 0)
    // the person's line goes to the login, which was waiting for it all along
    typed.push('what the person typed\n')
    wake()
    assert.equal(await login, 0)
    assert.equal(cons.written, 'the login read: what the person typed\n')
  } finally {
    await s.shutdown()
  }
})

// ---- package validation: a package is untrusted input, however it came in

const HOSTILE: Record<string, object> = {
  '/evil/root.mjs': { mounts: { '/tmp/..': new Memfs() } },
  '/evil/dots.mjs': { mounts: { '/usr/../../': new Memfs() } },
  '/evil/post.mjs': { services: [{ name: 'p', bin: 'true', postMount: { p: '/dev/..' } }] },
  '/evil/spin.mjs': { services: [{ name: 's', bin: 'false', restart: { policy: 'always', delayMs: 0 } }] },
  '/evil/burst.mjs': { services: [{ name: 'b', bin: 'false', restart: { policy: 'always', burst: 1e9 } }] },
  '/evil/window.mjs': { services: [{ name: 'w', bin: 'false', restart: { policy: 'always', windowMs: -1 } }] },
  '/evil/fast.mjs': { services: [{ name: 'f', bin: 'false', restart: { policy: 'always', delayMs: 1000, maxDelayMs: 20 } }] },
}

test('hostile packages: a mount covering / however spelt, and restart loops without pause or end, are refused naming the field', async () => {
  const s = await boot({ presets: [stdSystem()], loadModule: async (path) => ({ default: () => HOSTILE[path] }) })
  try {
    const before = await world(s)
    const r = await s.run(Object.keys(HOSTILE).map((p) => `pkg install ${p}`).join('; ') + '; svc list | wc -l; ls /tmp', { user: 'root' })
    assert.equal(
      r.stderr,
      [
        'pkg: /evil/root.mjs: bad arg in system call: mount path "/tmp/.." covers /',
        'pkg: /evil/dots.mjs: bad arg in system call: mount path "/usr/../../" covers /',
        'pkg: /evil/post.mjs: bad arg in system call: service "p": postMount p path "/dev/.." covers /',
        'pkg: /evil/spin.mjs: bad arg in system call: service "s": restart.delayMs must be a whole number from 10 to 3600000',
        'pkg: /evil/burst.mjs: bad arg in system call: service "b": restart.burst must be a whole number from 1 to 100',
        'pkg: /evil/window.mjs: bad arg in system call: service "w": restart.windowMs must be a whole number from 1000 to 86400000',
        'pkg: /evil/fast.mjs: bad arg in system call: service "f": restart.maxDelayMs must not be below restart.delayMs',
        '',
      ].join('\n'),
    )
    assert.deepEqual(await world(s), before)
  } finally {
    await s.shutdown()
  }
})

test("the webcam's ctl is its owner's alone, and its resolution is bounded", async () => {
  const s = await boot({ presets: [stdSystem()] })
  try {
    assert.equal((await s.run('adduser bob', { user: 'root' })).stderr, '')
    assert.equal((await s.run('pkg install webcam-device >/dev/null && svc start webcam-srv', glenda)).stderr, '')
    const owner = await s.run('ls -l /dev/webcam/ctl | cut -d" " -f1,3; echo resolution 4096x4096 >/dev/webcam/ctl; echo resolution 1920x1080 >/dev/webcam/ctl; echo resolution 1280x720 >/dev/webcam/ctl && head -1 /dev/webcam/status', glenda)
    assert.equal(owner.stderr, 'sh: 1: echo: bad arg in system call: resolution must be 16..1920 pixels a side\nsh: 1: echo: bad arg in system call: resolution must be at most 921600 pixels (1280x720)\n')
    assert.equal(owner.stdout, '-rw-r--r-- glenda\nresolution 1280x720\n')
    const other = await s.run('echo resolution 16x16 >/dev/webcam/ctl; head -1 /dev/webcam/status', bob)
    assert.equal(other.stderr, 'sh: 1: /dev/webcam/ctl: permission denied\n')
    assert.equal(other.stdout, 'resolution 1280x720\n')
  } finally {
    await s.shutdown()
  }
})

test('everything outside is as it was', async () => assert.deepEqual(await world(sys), baseline))
