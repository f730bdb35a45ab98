/**
 * Interop with diod, the 9P2000.L server and tools we did not write: ninefold's client against
 * diod's server, and diod's clients (diodls, diodcat, diodload) against ninefold's server.
 * diod does not confine its clients, so it only ever exports a fresh temporary directory.
 */
import assert from 'node:assert/strict'
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import jpeg from 'jpeg-js'
import { connect9p, type NineClient } from '../../src/9p/client.ts'
import { parseDialString } from '../../src/9p/dial.ts'
import { serve9p, wireUsers } from '../../src/9p/server.ts'
import { boot, stdSystem, type System } from '../../src/index.ts'
import { DMDIR, OREAD, ORDWR, type Cred, type Fileserver } from '../../src/kernel/types.ts'
import { nodeNetwork } from '../../src/node/net9p.ts'

const DIOD = '/usr/sbin/diod'
const have = existsSync(DIOD)
const root: Cred = { uid: 'root', gid: 'root', groups: ['root'] }
const text = (b: Uint8Array): string => new TextDecoder().decode(b)

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

function run(cmd: string, args: string[]): Promise<{ stdout: Buffer; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { encoding: 'buffer', timeout: 60_000 }, (err, stdout, stderr) => resolve({ stdout, stderr: stderr.toString(), code: err ? ((err as { code?: number }).code ?? 1) : 0 }))
  })
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)))
      s.on('error', () => resolve(false))
    })
    if (ok) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`nothing listening on ${port}`)
}

test('ninefold mounts a diod export: lists, reads, writes, creates, renames and removes; the host sees it byte for byte', { skip: !have && 'diod not installed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ninefold-diod-'))
  writeFileSync(join(dir, 'hello'), 'hello from the host\n')
  mkdirSync(join(dir, 'sub'))
  writeFileSync(join(dir, 'sub', 'inner'), 'inner\n')
  const port = await freePort()
  const diod: ChildProcess = spawn(DIOD, ['-f', '-n', '-l', `127.0.0.1:${port}`, '-e', dir], { stdio: 'ignore', cwd: tmpdir() })
  let client: NineClient | undefined
  try {
    await waitForPort(port)
    client = await connect9p(await nodeNetwork.dial(parseDialString(`tcp!127.0.0.1!${port}`)), { uname: 'root', aname: dir, dialect: '9P2000.L' })
    const fs: Fileserver = client
    assert.deepEqual((await fs.readdir('/', root)).map((d) => d.name).sort(), ['hello', 'sub'])
    const sub = await fs.stat('/sub', root)
    assert.equal((sub.mode & DMDIR) >>> 0, DMDIR)
    // asked with the attach, diod does not say it keeps a fid's requests in order
    assert.equal(client.ordered, false)
    for (const [path, want] of [
      ['/hello', 'hello from the host\n'],
      ['/sub/inner', 'inner\n'],
    ]) {
      const h = await fs.open(path!, OREAD, root)
      assert.equal(text(await h.read(0, 100)), want)
      await h.close()
    }
    // write a file bigger than one message, made of every byte value
    const data = new Uint8Array(300_000).map((_, i) => (i * 7) & 0xff)
    const w = await fs.create('/made', 0o640, ORDWR, root)
    assert.equal(await w.write(0, data), data.length)
    await w.close()
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'made'))), data)
    assert.equal((await fs.stat('/made', root)).length, data.length)
    await fs.create('/newdir', DMDIR | 0o755, OREAD, root)
    assert.ok(readdirSync(dir).includes('newdir'))
    await fs.wstat('/made', { name: 'renamed' }, root)
    assert.deepEqual(readdirSync(dir).sort(), ['hello', 'newdir', 'renamed', 'sub'])
    await fs.wstat('/renamed', { length: 5 }, root)
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'renamed'))), data.subarray(0, 5))
    await fs.remove('/renamed', root)
    await fs.remove('/newdir', root)
    assert.deepEqual(readdirSync(dir).sort(), ['hello', 'sub'])
    await assert.rejects(fs.stat('/renamed', root), (e: Error & { reason?: string }) => e.reason === 'file does not exist')
    await assert.rejects(fs.remove('/sub', root), (e: Error & { reason?: string }) => e.reason === 'directory not empty')
  } finally {
    client?.close()
    diod.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
})

test('srv -L posts a diod connection; mount with diod\'s export path as spec; the host sees the write', { skip: !have && 'diod not installed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ninefold-diod-'))
  writeFileSync(join(dir, 'hello'), 'hello from the host\n')
  const port = await freePort()
  const diod: ChildProcess = spawn(DIOD, ['-f', '-n', '-l', `127.0.0.1:${port}`, '-e', dir], { stdio: 'ignore', cwd: tmpdir() })
  const local = await boot({ presets: [stdSystem()], network: nodeNetwork })
  try {
    await waitForPort(port)
    const r = await local.run([`srv -L tcp!127.0.0.1!${port} diod >/dev/null`, `mount -c diod /n/diod ${dir}`, 'cat /n/diod/hello', 'echo from ninefold > /n/diod/made', 'ls /n/diod'].join('\n'), { user: 'root' })
    assert.equal(r.stderr, '')
    assert.equal(r.stdout, 'hello from the host\nhello\nmade\n')
    assert.equal(readFileSync(join(dir, 'made'), 'utf8'), 'from ninefold\n')
  } finally {
    await local.shutdown()
    diod.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
})

let sys: System
let listener: { address: string; close(): Promise<void> } | undefined
let port = 0

before(async () => {
  if (!have) return
  sys = await boot({ presets: [stdSystem()] })
  await sys.mkdirAll('/export/sub', 0o755)
  await sys.writeFile('/export/hello', 'hello from ninefold\n')
  await sys.writeFile('/export/sub/big', new Uint8Array(200_000).fill(0x5a))
  await sys.mkdirAll('/u1', 0o755)
  await sys.mkdirAll('/u2', 0o755)
  await sys.writeFile('/u1/one', '1\n')
  await sys.writeFile('/u2/two', '2\n')
  const r = await sys.run(['pkg install webcam-device >/dev/null', 'webcam-srv --width 64 --height 48 </dev/null >/dev/null 2>&1 &', 'while ! test -e /srv/webcam; do sleep 0.01; done'].join('\n'), { user: 'root' })
  assert.equal(r.stderr, '')
  // in the system namespace itself, which is what the listener exports
  await sys.mkdirAll('/union', 0o755)
  await sys.mkdirAll('/n/cam', 0o755)
  await sys.context.bind('/u1', '/union')
  await sys.context.bind('/u2', '/union', { after: true })
  await sys.context.mount(sys.context.getServer('webcam')!, '/n/cam', {}, { srv: 'webcam' })
  const view = await sys.context.exportfs('/')
  listener = await nodeNetwork.listen(parseDialString('tcp!127.0.0.1!0'), (conn) => serve9p(conn, { fs: view, users: wireUsers(sys.kernel.users) }))
  port = Number(listener.address.split('!')[2])
})

after(async () => {
  await listener?.close()
  await sys?.shutdown()
})

test('diodls and diodcat list and read a memfs export through ninefold server', { skip: !have && 'diod not installed' }, async () => {
  const ls = await run('/usr/sbin/diodls', ['-s', `127.0.0.1:${port}`, '-a', '/export'])
  assert.equal(ls.stderr, '')
  assert.deepEqual(ls.stdout.toString().split('\n').filter(Boolean).sort(), ['hello', 'sub'])
  const long = await run('/usr/sbin/diodls', ['-l', '-s', `127.0.0.1:${port}`, '-a', '/export'])
  assert.equal(long.code, 0, long.stderr)
  assert.equal(long.stderr, '')
  // mode, links, owner, group, size, date, name (as diodls prints them)
  assert.match(long.stdout.toString(), /^-rw-r--r--\. +1 root root +20 .+ hello$/m)
  assert.match(long.stdout.toString(), /^drwxr-xr-x\. +2 root root +0 .+ sub$/m)
  const cat = await run('/usr/sbin/diodcat', ['-s', `127.0.0.1:${port}`, '-a', '/export', 'hello'])
  assert.equal(cat.stdout.toString(), 'hello from ninefold\n')
  const big = await run('/usr/sbin/diodcat', ['-s', `127.0.0.1:${port}`, '-a', '/export', 'sub/big'])
  assert.equal(big.stdout.length, 200_000)
  assert.ok(big.stdout.every((b) => b === 0x5a))
})

test('diodls lists a union through ninefold server; diodcat reads the webcam frame as a JPEG', { skip: !have && 'diod not installed' }, async () => {
  const ls = await run('/usr/sbin/diodls', ['-s', `127.0.0.1:${port}`, '-a', '/union'])
  assert.deepEqual(ls.stdout.toString().split('\n').filter(Boolean).sort(), ['one', 'two'])
  const cat = await run('/usr/sbin/diodcat', ['-s', `127.0.0.1:${port}`, '-a', '/n/cam', 'frame.jpg'])
  assert.equal(cat.stderr, '')
  const pic = jpeg.decode(new Uint8Array(cat.stdout))
  assert.deepEqual([pic.width, pic.height], [64, 48])
})
