/**
 * curl and wget against a local HTTP server: allowed by the system's allowlist, and denied
 * (without one, for an origin it does not name, and on a redirect out of it). curl's output and
 * exit status are compared with the host's curl on the same server.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { boot, type System } from '../../src/image.ts'
import { coreCommands } from '../../src/bins/registry.ts'
import { parseArgs } from '../../src/node/args.ts'

let server: Server
let origin: string
let allowed: System
let closed: System

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      if (url.pathname === '/hello') {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Test': 'yes' })
        res.end('hello\n')
      } else if (url.pathname === '/echo') {
        res.writeHead(200, { 'Content-Type': 'text/plain' })
        res.end(`${req.method} ${req.headers['content-type'] ?? '-'} ${req.headers['x-one'] ?? '-'} ${Buffer.concat(chunks).toString()}\n`)
      } else if (url.pathname === '/redirect') {
        res.writeHead(302, { Location: '/hello' })
        res.end()
      } else if (url.pathname === '/loop') {
        res.writeHead(302, { Location: '/loop' })
        res.end()
      } else if (url.pathname === '/away') {
        res.writeHead(302, { Location: `http://localhost:${(server.address() as AddressInfo).port}/hello` })
        res.end()
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain' })
        res.end('nope\n')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const preset = { name: 'web-test', bins: coreCommands, dirs: { '/tmp': 0o777 } }
  allowed = await boot({ presets: [preset], allowNet: [origin] })
  closed = await boot({ presets: [preset] })
})

after(async () => {
  await allowed.shutdown()
  await closed.shutdown()
  await new Promise((resolve) => server.close(resolve))
})

/** The host's curl, without any proxy from the environment. */
function hostCurl(args: string[]): Promise<{ stdout: string; exitCode: number }> {
  return new Promise((resolve) => {
    execFile('curl', args, { env: { PATH: process.env.PATH } }, (err, stdout) => resolve({ stdout, exitCode: err ? Number((err as { code?: number }).code ?? 1) : 0 }))
  })
}

const CASES = (o: string): string[][] => [
  ['-s', `${o}/hello`],
  ['-s', `${o}/missing`],
  ['-sf', `${o}/missing`],
  ['-s', `${o}/redirect`],
  ['-sL', `${o}/redirect`],
  ['-sL', '--max-redirs', '3', `${o}/loop`],
  ['-s', '-d', 'a=1', '-d', 'b=2', `${o}/echo`],
  ['-s', '-X', 'PUT', '-H', 'X-One: 1', '-H', 'Content-Type: text/x', '--data-raw', '@x', `${o}/echo`],
  ['-s', '-o', '/dev/null', '-w', '%{http_code} %{size_download} %{num_redirects}\\n', '-L', `${o}/redirect`],
  ['-s', '-w', '%{http_code}|%{content_type}', `${o}/missing`],
  ['-s', 'foo://127.0.0.1/x'],
  ['-s', 'http://[bad'],
]

test('curl matches the host curl on an allowed origin', async () => {
  for (const args of CASES(origin)) {
    const ours = await allowed.exec(['curl', ...args])
    const theirs = await hostCurl(args)
    assert.equal(ours.stdout, theirs.stdout, `stdout of curl ${args.join(' ')}`)
    assert.equal(ours.exitCode, theirs.exitCode, `status of curl ${args.join(' ')}: ${ours.stderr}`)
  }
})

test('curl -I and -i print the status line and headers', async () => {
  const head = await allowed.exec(['curl', '-sI', `${origin}/hello`])
  assert.match(head.stdout, /^HTTP\/1\.1 200 OK\r\n/)
  assert.match(head.stdout, /x-test: yes\r\n/)
  assert.doesNotMatch(head.stdout, /hello\n/)
  const include = await allowed.exec(['curl', '-si', `${origin}/hello`])
  assert.match(include.stdout, /^HTTP\/1\.1 200 OK\r\n[^]*content-type: text\/plain\r\n[^]*\r\n\r\nhello\n$/)
})

test('curl -o writes the body to a file in the namespace', async () => {
  const r = await allowed.exec(['curl', '-s', '-o', '/tmp/got', `${origin}/hello`])
  assert.equal(r.exitCode, 0)
  assert.equal(new TextDecoder().decode(await allowed.readFile('/tmp/got')), 'hello\n')
})

test('a system without allowNet denies every request, naming the origin', async () => {
  const r = await closed.exec(['curl', `${origin}/hello`])
  assert.equal(r.exitCode, 7)
  assert.equal(r.stdout, '')
  assert.match(r.stderr, new RegExp(`^curl: \\(7\\) Failed to connect to ${origin.replace(/\./g, '\\.')}: access denied`))
  assert.equal((await closed.exec(['curl', '-s', `${origin}/hello`])).stderr, '')
  const w = await closed.exec(['wget', '-q', '-O', '-', `${origin}/hello`])
  assert.equal(w.exitCode, 4)
  assert.match(w.stderr, new RegExp(`access to ${origin.replace(/\./g, '\\.')} denied`))
})

test('an origin the allowlist does not name is denied, a redirect to it too', async () => {
  const other = origin.replace('127.0.0.1', 'localhost')
  const r = await allowed.exec(['curl', `${other}/hello`])
  assert.equal(r.exitCode, 7)
  assert.match(r.stderr, /localhost/)
  const hop = await allowed.exec(['curl', '-L', `${origin}/away`])
  assert.equal(hop.exitCode, 7)
  assert.equal(hop.stdout, '')
  assert.match(hop.stderr, /Failed to connect to http:\/\/localhost:\d+: access denied/)
})

test('wget saves into a file named after the URL, -O - writes standard output', async () => {
  const dir = '/tmp/w'
  await allowed.exec(['mkdir', dir])
  const r = await allowed.exec(['wget', '-q', `${origin}/hello`], { cwd: dir })
  assert.equal(r.exitCode, 0, r.stderr)
  assert.equal(new TextDecoder().decode(await allowed.readFile(`${dir}/hello`)), 'hello\n')
  assert.equal((await allowed.exec(['wget', '-q', `${origin}/hello`], { cwd: dir })).exitCode, 0)
  assert.equal(new TextDecoder().decode(await allowed.readFile(`${dir}/hello.1`)), 'hello\n')
  const out = await allowed.exec(['wget', '-q', '-O', '-', `${origin}/redirect`])
  assert.equal(out.stdout, 'hello\n')
  const post = await allowed.exec(['wget', '-q', '-O', '-', '--post-data=x=1', `${origin}/echo`])
  assert.equal(post.stdout, 'POST application/x-www-form-urlencoded - x=1\n')
  const missing = await allowed.exec(['wget', '-O', '-', `${origin}/missing`])
  assert.equal(missing.exitCode, 8)
  assert.match(missing.stderr, /ERROR 404: Not Found/)
  assert.equal((await allowed.exec(['wget'])).exitCode, 2)
})

test('ninefold --allow-net takes origins and refuses what is not one', () => {
  const inv = parseArgs(['--allow-net', 'https://example.org/', '--allow-net=*', '-c', 'true'])
  assert.ok(inv.kind === 'command')
  assert.deepEqual(inv.allowNet, ['https://example.org', '*'])
  assert.throws(() => parseArgs(['--allow-net', 'example.org']), /--allow-net wants an origin/)
  assert.throws(() => parseArgs(['--allow-net', 'https://example.org/path']), /--allow-net wants an origin/)
})
