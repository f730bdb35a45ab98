/**
 * Replaying a namespace rebuilds it (the spec page §4–5): the text of ns, run as a script in a
 * clean namespace with the same servers posted, gives back the same namespace, line for line.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { boot, type System } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'

let sys: System
before(async () => {
  sys = await boot({ presets: [stdSystem()] })
  const r = await sys.run('pkg install ramfs >/dev/null && srv ramfs ramfs-srv >/dev/null && srv scratch ramfs-srv -s scratch >/dev/null', { user: 'root' })
  assert.equal(r.stderr, '')
})
after(() => sys.shutdown())

/** Runs `script` in a fresh clean namespace as root and returns what its final ns prints. */
async function nsAfter(script: string): Promise<string> {
  const r = await sys.run('rfork -n sh', { user: 'root', stdin: script + 'ns\n' })
  assert.equal(r.stderr, '')
  return r.stdout
}

const BUILD = `bind '#b' /bin
mount -c ramfs /tmp
mkdir -p '/tmp/a b' /tmp/d /tmp/e
echo x > /tmp/d/f
bind -a /tmp /mnt
bind -b '#p' /n
bind -a '#s' /n
bind -c /tmp/d /home
bind -bc '/tmp/a b' /home
bind -r /tmp/e /etc
mount -r scratch /usr/share
mount -ac scratch /env
bind -c /env /env
bind /dev/null /tmp/d/f
cd '/tmp/a b'
`

test('a namespace built with every kind of bind and mount replays to the identical text', async () => {
  const original = await nsAfter(BUILD)
  assert.equal(
    original,
    `bind '#c' /dev
bind '#b' /bin
mount -c ramfs /tmp
bind /mnt /mnt
bind -a /tmp /mnt
bind /n /n
bind -b '#p' /n
bind -a '#s' /n
bind -c /tmp/d /home
bind -bc '/tmp/a b' /home
bind -r /tmp/e /etc
mount -r scratch /usr/share
bind -c /env /env
mount -ac scratch /env
bind /dev/null /tmp/d/f
cd '/tmp/a b'
`,
  )
  const replayed = await nsAfter(original)
  assert.equal(replayed, original)
  // and replaying the replay changes nothing either
  assert.equal(await nsAfter(replayed), original)
})

test('the replayed namespace works like the original: unions, create, read-only, file binds', async () => {
  // (the runs share the ramfs: the probe leaves it as it found it)
  const probe = 'test -e /n/self && test -e /n/ramfs && echo union; ls /home; touch /home/new && ls /tmp/a*; rm /home/new; cat /tmp/d/f; echo y > /etc/z; echo y > /env/z; ls /env\n'
  const original = await sys.run('rfork -n sh', { user: 'root', stdin: BUILD + 'cd /\n' + probe })
  const text = await nsAfter(BUILD)
  const replayed = await sys.run('rfork -n sh', { user: 'root', stdin: text + 'cd /\n' + probe })
  assert.equal(replayed.stdout, original.stdout)
  // (the errors name their lines, which the two texts before the probe do not share)
  const unplaced = (stderr: string): string => stderr.replace(/^sh: \d+: /gm, 'sh: ')
  assert.equal(unplaced(replayed.stderr), unplaced(original.stderr))
  assert.equal(original.stdout, 'union\nf\nnew\n')
  // /etc is a read-only view; in /env the first create member is the empty #/ directory
  assert.equal(original.stderr, 'sh: 17: /etc/z: permission denied\nsh: 17: /env/z: permission denied\n')
})

test('an unmount replays too: the text is the namespace after it', async () => {
  const original = await nsAfter(BUILD + 'umount /n\numount /tmp/d /home\n')
  assert.doesNotMatch(original, / \/n\n/)
  // the union's first member is gone: the one left prints as the bind that recreates it alone
  assert.match(original, /^bind -c '\/tmp\/a b' \/home$/m)
  assert.doesNotMatch(original, /^bind -c \/tmp\/d \/home$/m)
  assert.equal(await nsAfter(original), original)
})

test("a name with a quote replays through newns: rc's doubled quote reads back as one quote", async () => {
  // The spec prints names rc style ('it''s'). A POSIX sh reads that as "its", so the text is
  // replayed by newns, which reads namespace files (namespace(6)) as rc quotes them.
  const original = await nsAfter("bind '#b' /bin\nmount -c ramfs /tmp\nmkdir \"/tmp/it's\"\nbind \"/tmp/it's\" /n\n")
  assert.match(original, /^bind '\/tmp\/it''s' \/n$/m)
  const replayed = await sys.exec(['newns', 'ns'], { user: 'root', rfork: 'N', stdin: original })
  assert.equal(replayed.stderr, '')
  assert.equal(replayed.stdout, original)
})

test('newns reads comments, $variables and includes, and names the line it cannot apply', async () => {
  // a private copy of the system namespace (rfork n), so the include is there to read
  await sys.writeFile('/tmp/more.ns', "bind '#p' /n # the processes\n")
  const r = await sys.exec(['newns', 'ns'], { user: 'root', rfork: 'n', env: { DIR: '/mnt' }, stdin: "# a namespace file\nbind -a '#b' $DIR\n. /tmp/more.ns\n" })
  assert.equal(r.stderr, '')
  assert.match(r.stdout, /^bind -a '#b' \/mnt\nbind '#p' \/n\ncd \/root\n$/m)
  const bad = await sys.exec(['newns', 'true'], { user: 'root', rfork: 'N', stdin: 'frobnicate /x\n' })
  assert.equal(bad.stderr, 'newns: frobnicate /x: file name syntax: unknown verb frobnicate\n')
  assert.equal(bad.exitCode, 1)
})
