/**
 * The 9P commands as a user types them: two ninefold systems in one Node process, joined over
 * loopback TCP (the same sockets two machines would use).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { boot, stdSystem, type System } from '../../src/index.ts'
import { decode, encode, Framer, type Msg } from '../../src/9p/codec.ts'
import { nodeNetwork } from '../../src/node/net9p.ts'

let exporter: System
let importer: System
let address = ''

const startExport = (at: string) =>
  exporter.run(`exportfs -r / -l ${at} </dev/null >/tmp/addr 2>/tmp/err &\necho $! >/tmp/pid\nwhile ! test -s /tmp/addr; do if test -s /tmp/err; then cat /tmp/err; exit 1; fi; sleep 0.01; done\ncat /tmp/addr`, { user: 'root', keepBackground: true })

before(async () => {
  exporter = await boot({ presets: [stdSystem()], network: nodeNetwork })
  importer = await boot({ presets: [stdSystem()], network: nodeNetwork })
  await exporter.mkdirAll('/export/docs', 0o755)
  await exporter.writeFile('/export/hello', 'hello from the other machine\n')
  await exporter.writeFile('/export/docs/a', 'A\n')
  const r = await startExport('tcp!127.0.0.1!0')
  assert.equal(r.stderr, '')
  address = r.stdout.trim()
  assert.match(address, /^tcp!127\.0\.0\.1!\d+$/)
})

after(async () => {
  await exporter.run('kill $(cat /tmp/pid)', { user: 'root' })
  await exporter.shutdown()
  await importer.shutdown()
})

test('import another machine\'s namespace in three commands, then read, write and list through it', async () => {
  const r = await importer.run(['mkdir -p /n/remote', `import -c ${address} /export /n/remote`, 'ls /n/remote', 'cat /n/remote/hello', 'echo written > /n/remote/new', 'ls /n/remote/docs'].join('\n'), { user: 'root' })
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'docs\nhello\nhello from the other machine\na\n')
  assert.equal(new TextDecoder().decode(await exporter.readFile('/export/new')), 'written\n')
})

test('9p ls, read, write and stat for scripts', async () => {
  const r = await importer.run([`9p ls ${address} /export`, `9p read ${address} /export/hello`, `echo via 9p | 9p write ${address} /export/w`, `9p read ${address} /export/w`, `9p stat ${address} /export/w`].join('\n'), { user: 'root' })
  assert.equal(r.stderr, '')
  assert.match(r.stdout, /^docs\nhello\n(new\n)?hello from the other machine\nvia 9p\n'w' 'root' 'root' 'root' q \([0-9a-f]{16} \d+ 0\) m 0644 at \d+ mt \d+ l 7 t 0 d 0\n$/)
  const missing = await importer.run(`9p read ${address} /export/nope`, { user: 'root' })
  assert.equal(missing.stderr, '9p: /export/nope: file does not exist\n')
  assert.equal(missing.exitCode, 1)
})

test('srv DIALSTRING posts the connection; mount with a spec attaches a tree of it', async () => {
  const r = await importer.run([`srv ${address} other >/dev/null`, 'ls /srv | grep other', 'mkdir -p /n/docs', 'mount other /n/docs /export/docs', 'cat /n/docs/a'].join('\n'), { user: 'root' })
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'other\nA\n')
})

test('a sandboxed process cannot dial out to mount', async () => {
  const r = await importer.run(`import ${address} /export /tmp`, { user: 'root', rfork: 'm' })
  assert.equal(r.exitCode, 1)
  assert.match(r.stderr, /^import: .*mount\/attach disallowed/)
})

test("every attach is the importing user's: glenda reads what glenda may read, and no more", async () => {
  await exporter.writeFile('/export/secret', 'root only\n')
  await exporter.run('chmod 600 /export/secret', { user: 'root' })
  const r = await importer.run(`9p read ${address} /export/hello; 9p read ${address} /export/secret`, { user: 'glenda' })
  assert.equal(r.stdout, 'hello from the other machine\n')
  assert.equal(r.stderr, '9p: /export/secret: permission denied\n')
  const asRoot = await importer.run(`9p read ${address} /export/secret`, { user: 'root' })
  assert.equal(asRoot.stdout, 'root only\n')
})

test('a listener that stops hangs up its clients (i/o on hungup channel); restarted, they import again', async () => {
  const importing = importer.run(
    [
      `mkdir -p /n/again; import -c ${address} /export /n/again; echo ready > /n/again/ready`,
      'while cat /n/again/hello >/dev/null 2>&1; do sleep 0.02; done',
      'cat /n/again/hello',
      'umount /n/again',
      `until import ${address} /export /n/again 2>/dev/null; do sleep 0.02; done`,
      'cat /n/again/hello',
    ].join('\n'),
    { user: 'root' },
  )
  while (!(await exporter.readFile('/export/ready').then(() => true, () => false))) await new Promise((r) => setTimeout(r, 20))
  const stop = await exporter.run('kill $(cat /tmp/pid); rm -f /tmp/addr /tmp/err /tmp/pid', { user: 'root' })
  assert.equal(stop.stderr, '')
  const again = await startExport(address)
  assert.equal(again.stdout.trim(), address)
  const r = await importing
  assert.equal(r.stderr, 'cat: /n/again/hello: i/o on hungup channel\n')
  assert.equal(r.stdout, 'hello from the other machine\n')
})

test('a listener with a shared key serves only clients that hold it; a non-loopback listener needs one', async () => {
  await exporter.writeFile('/tmp/key', 'correct horse battery staple\n')
  await importer.writeFile('/tmp/key', 'correct horse battery staple\n')
  await importer.writeFile('/tmp/wrong', 'incorrect horse battery staple\n')
  const refused = await exporter.run('exportfs -l tcp!0.0.0.0!0', { user: 'root' })
  assert.equal(refused.exitCode, 1)
  assert.match(refused.stderr, /^exportfs: tcp!0\.0\.0\.0!0: not a loopback address: give a key \(-k\)\n/)
  const r = await exporter.run('exportfs -k /tmp/key -l tcp!127.0.0.1!0 </dev/null >/tmp/kaddr 2>&1 &\necho $! >/tmp/kpid\nwhile ! test -s /tmp/kaddr; do sleep 0.01; done\ncat /tmp/kaddr', { user: 'root', keepBackground: true })
  const keyed = r.stdout.trim()
  try {
    const ok = await importer.run(`9p -k /tmp/key read ${keyed} /export/hello`, { user: 'root' })
    assert.equal(ok.stderr, '')
    assert.equal(ok.stdout, 'hello from the other machine\n')
    const wrong = await importer.run(`9p -k /tmp/wrong read ${keyed} /export/hello`, { user: 'root' })
    assert.equal(wrong.stdout, '')
    assert.match(wrong.stderr, /^9p: \/export\/hello: permission denied: authentication failed/)
    // without a key the client speaks 9P at once and the listener, waiting for a proof, hangs up
    const none = await importer.run(`9p read ${keyed} /export/hello`, { user: 'root' })
    assert.equal(none.exitCode, 1)
  } finally {
    await exporter.run('kill $(cat /tmp/kpid)', { user: 'root' })
  }
})

test('exportfs on standard input and output serves 9P to whatever is piped in', async () => {
  const frames: Msg[] = [
    { kind: 'Tversion', tag: 0xffff, msize: 8192, version: '9P2000' },
    { kind: 'Tattach', tag: 1, fid: 1, afid: 0xffffffff, uname: 'root', aname: '', nuname: 0 },
    { kind: 'Twalk', tag: 2, fid: 1, newfid: 2, wname: ['hello'] },
    { kind: 'Topen', tag: 3, fid: 2, mode: 0 },
    { kind: 'Tread', tag: 4, fid: 2, offset: 0n, count: 100 },
    { kind: 'Tclunk', tag: 5, fid: 2 },
  ]
  const input = new Uint8Array(frames.reduce((n, m) => n + encode(m).length, 0))
  let at = 0
  for (const m of frames) {
    const f = encode(m)
    input.set(f, at)
    at += f.length
  }
  const r = await exporter.run('exportfs -r /export | base64', { user: 'root', stdin: input })
  assert.equal(r.stderr, '')
  const out = Buffer.from(r.stdout, 'base64')
  const framer = new Framer(1 << 16)
  const got = framer.push(new Uint8Array(out)) as Uint8Array[]
  const replies = got.map((f) => decode(f) as Msg)
  assert.deepEqual(replies.map((m) => m.kind), ['Rversion', 'Rattach', 'Rwalk', 'Ropen', 'Rread', 'Rclunk'])
  assert.equal(new TextDecoder().decode((replies[4] as { data: Uint8Array }).data), 'hello from the other machine\n')
})

for (const dialect of ['', '-L ']) {
  test(`two loops appending to one file through 9P${dialect ? '2000.L' : '2000'} keep every line (the server appends)`, async () => {
    const at = `/n/app${dialect ? 'L' : ''}`
    const r = await importer.run([`mkdir -p ${at}`, `import -c ${dialect}${address} /export ${at}`, `for i in $(seq 500); do echo a$i >> ${at}/log${dialect.trim()}; done & for i in $(seq 500); do echo b$i >> ${at}/log${dialect.trim()}; done; wait`].join('\n'), { user: 'root' })
    assert.equal(r.stderr, '')
    const lines = new TextDecoder().decode(await exporter.readFile(`/export/log${dialect.trim()}`)).split('\n')
    assert.equal(lines.length, 1001)
    assert.equal(lines.filter((l) => l.startsWith('a')).length, 500)
  })
}
