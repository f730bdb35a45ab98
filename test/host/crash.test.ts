/**
 * Crash safety of the persistent root: a writer is killed with SIGKILL at random moments, 200
 * times; after each kill the root must load, every file the writer had closed must be whole
 * (with the mode it set), and the file it rewrites again and again must be one whole version.
 */
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { Persistfs } from '../../src/node/persistfs.ts'
import { OREAD, type Cred, type Fileserver } from '../../src/kernel/types.ts'

const KILLS = 200
const LANES = 4
const root: Cred = { uid: 'root', gid: 'root', groups: ['root'] }
const scratch = mkdtempSync(join(tmpdir(), 'ninefold-crash-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

/** The writer as one plain script: a process per kill starting through tsx would make the test minutes long. */
const writer = join(scratch, 'writer.mjs')
buildSync({ entryPoints: [new URL('./fixtures/writer.ts', import.meta.url).pathname], bundle: true, platform: 'node', format: 'esm', outfile: writer, logLevel: 'error' })

const decoder = new TextDecoder()
/** What the writer puts in a file: its name repeated (fixtures/writer.ts). */
const body = (name: string, n: number): string => `${name}\n`.repeat(1 + ((n * 37) % 400))

async function read(fs: Fileserver, path: string): Promise<string> {
  const h = await fs.open(path, OREAD, root)
  const d = await fs.stat(path, root)
  try {
    return decoder.decode(await h.read(0, d.length))
  } finally {
    await h.close()
  }
}

/**
 * Runs the writer on `dir` and kills it at a random moment while it writes file number `files`
 * (counted from 0): once it has reported `files` files closed, after a random part of the time the
 * last one took. The moment follows the writer's own pace, so a slow disk still sees kills both
 * before any file is closed and after some are. Resolves with the names it reported closed.
 */
function writeThenKill(dir: string, round: number, files: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dir, String(round)], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    let lines = 0
    let last = 0
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d
      const seen = out.split('\n').length - 1
      if (lines <= files && seen > files) {
        // The first line is "ready"; after a file, the next one takes about as long as that one did.
        const took = files === 0 || last === 0 ? 80 : performance.now() - last
        setTimeout(() => child.kill('SIGKILL'), Math.random() * took)
      }
      if (seen > lines) last = performance.now()
      lines = seen
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d))
    child.on('error', reject)
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer ended by itself: ${err}`))
      // The last line may be cut short by the kill: only whole lines count.
      else resolve(out.split('\n').slice(1, -1))
    })
  })
}

async function check(dir: string, closed: Map<string, number>): Promise<void> {
  const fs = new Persistfs(dir)
  try {
    for (const [name, n] of closed) {
      assert.equal(await read(fs, name), body(name, n), `${name} is whole`)
      assert.equal((await fs.stat(name, root)).mode & 0o777, 0o600, `${name} kept its mode`)
    }
    // Once the writer has reported a file, /shared has been closed at least once.
    if (closed.size > 0) {
      const text = await read(fs, '/shared')
      const first = text.slice(0, text.indexOf('\n'))
      const m = /^\/shared (\d+) (\d+)$/.exec(first)
      assert.ok(m, `/shared begins with a version line: ${JSON.stringify(first)}`)
      assert.ok(text === body(first, Number(m[2])), '/shared is one whole version')
    }
  } finally {
    await fs.shutdown()
  }
}

test(`the persistent root survives ${KILLS} kills at random moments with every closed file whole`, { timeout: 600_000 }, async () => {
  let kills = 0
  let closedTotal = 0
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      const dir = join(scratch, `root${lane}`)
      const closed = new Map<string, number>()
      for (let round = 0; round < KILLS / LANES; round++) {
        for (const name of await writeThenKill(dir, round, Math.floor(Math.random() * 3))) closed.set(name, Number(/f(\d+)$/.exec(name)![1]))
        kills++
        await check(dir, closed)
      }
      closedTotal += closed.size
    }),
  )
  assert.equal(kills, KILLS)
  console.log(`${kills} kills; ${closedTotal} files closed before them`)
  assert.ok(closedTotal > KILLS / 4, `the writers got files closed before their kills (${closedTotal})`)
})
