/**
 * ninefold ↔ ninefold across two Node processes, as users start them: one exports its namespace
 * with --listen, the other mounts it with --import, reads and writes through it in 9P2000 and
 * 9P2000.L, sees the exporter go (i/o on hungup channel) and imports the restarted one again.
 */
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

const BIN = new URL('../../bin/ninefold', import.meta.url).pathname

interface Running {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<number>
}

/** Starts `ninefold ARGS`; with `typed`, its standard input is a pipe the test writes lines into. */
function start(args: string[], home: string, typed = false): Running {
  const child = spawn(BIN, args, { env: { ...process.env, HOME: home }, stdio: [typed ? 'pipe' : 'ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 128)))
  return { child, stdout: () => out, stderr: () => err, exited }
}

async function listening(r: Running): Promise<string> {
  for (let i = 0; i < 3000; i++) {
    const m = /listening on (\S+)/.exec(r.stderr())
    if (m) return m[1]!
    await new Promise((res) => setTimeout(res, 20))
  }
  throw new Error(`no listener: ${r.stderr()}`)
}

test('two ninefold processes: --listen and --import, both dialects, a restart on the serving side', { timeout: 120_000 }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'ninefold-9p-cli-'))
  const running: Running[] = []
  try {
    const first = start(['--user', 'root', '--listen', 'tcp!127.0.0.1!0', '-c', 'echo one > /tmp/ready; while ! test -s /tmp/fromb; do sleep 0.05; done; cat /tmp/fromb'], home)
    running.push(first)
    const address = await listening(first)
    const port = address.split('!')[2]!
    const b = start(
      [
        '--user',
        'root',
        '--import',
        `${address}:/n/remote`,
        '-c',
        [
          'until test -e /n/remote/tmp/ready; do sleep 0.05; done',
          'cat /n/remote/tmp/ready',
          `9p -L read tcp!127.0.0.1!${port} /tmp/ready`,
          `9p -L ls tcp!127.0.0.1!${port} /tmp`,
          'echo from-b > /n/remote/tmp/fromb',
          'while cat /n/remote/tmp/ready >/dev/null 2>&1; do sleep 0.05; done',
          'cat /n/remote/tmp/ready',
          'umount /n/remote',
          `until import tcp!127.0.0.1!${port} / /n/remote 2>/dev/null; do sleep 0.05; done`,
          'cat /n/remote/tmp/ready',
        ].join('\n'),
      ],
      home,
    )
    running.push(b)
    assert.equal(await first.exited, 0, first.stderr())
    assert.equal(first.stdout(), 'from-b\n')
    const second = start(['--user', 'root', '--listen', address, '-c', 'echo two > /tmp/ready; sleep 60'], home)
    running.push(second)
    await listening(second)
    assert.equal(await b.exited, 0, b.stderr())
    assert.equal(b.stderr(), 'cat: /n/remote/tmp/ready: i/o on hungup channel\n')
    assert.equal(b.stdout(), 'one\none\nready\ntwo\n')
  } finally {
    for (const r of running) r.child.kill('SIGKILL')
    rmSync(home, { recursive: true, force: true })
  }
})

test('two ninefold processes over WebSocket, in 9P2000 and 9P2000.L', { timeout: 120_000 }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'ninefold-9p-ws-'))
  const running: Running[] = []
  try {
    const a = start(['--user', 'root', '--listen', 'ws!127.0.0.1!0', '-c', 'echo over websocket > /tmp/x; sleep 60'], home)
    running.push(a)
    const address = await listening(a)
    assert.match(address, /^ws!127\.0\.0\.1!\d+$/)
    const b = start(['--user', 'root', '--import', `${address}:/n/r`, '-c', ['until test -s /n/r/tmp/x; do sleep 0.05; done', 'cat /n/r/tmp/x', `9p -L read ${address} /tmp/x`].join('\n')], home)
    running.push(b)
    assert.equal(await b.exited, 0, b.stderr())
    assert.equal(b.stdout(), 'over websocket\nover websocket\n')
  } finally {
    for (const r of running) r.child.kill('SIGKILL')
    rmSync(home, { recursive: true, force: true })
  }
})

test("docs/9p.md's three commands, typed by the default user, import the sharing machine's namespace", { timeout: 120_000 }, async () => {
  const section = readFileSync(new URL('../../docs/9p.md', import.meta.url), 'utf8').split('## Importing')[1]!.split('\n## ')[0]!
  const [sharing, importing] = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!)
  assert.ok(sharing !== undefined && importing !== undefined, 'the section has two sh blocks')
  const homes = [mkdtempSync(join(tmpdir(), 'ninefold-9p-doc-a-')), mkdtempSync(join(tmpdir(), 'ninefold-9p-doc-b-'))]
  const running: Running[] = []
  try {
    // the sharing machine's line, as a shell would split it (single quotes only)
    const argv = [...sharing.trim().matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!)
    assert.equal(argv[0], 'ninefold')
    const a = start(argv.slice(1), homes[0]!, true)
    running.push(a)
    await listening(a)
    const b = start([], homes[1]!, true)
    running.push(b)
    b.child.stdin!.end(importing)
    assert.equal(await b.exited, 0, b.stderr())
    assert.equal(b.stderr(), '')
    assert.equal(b.stdout(), 'bin\nlocal\nshare\nsys\n')
  } finally {
    for (const r of running) r.child.kill('SIGKILL')
    for (const home of homes) rmSync(home, { recursive: true, force: true })
  }
})
