/**
 * Differential tests: every script in corpus/ runs under the host's /bin/dash with the host's
 * coreutils and under ninefold's sh with its core commands; their standard output and exit status
 * must be equal. Standard error is not compared: error texts differ by design (ninefold speaks Plan 9
 * reason strings), so scripts that exercise errors send stderr to /dev/null.
 *
 * Each script gets an empty scratch directory named d-NNN as its working directory on both sides
 * (the host one under a fresh temporary directory, the ninefold one under /tmp), so a script can
 * print names relative to it, or `basename "$PWD"`, and see the same thing.
 */
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { constants, tmpdir } from 'node:os'
import { join } from 'node:path'
import { boot, type System } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'

const CORPUS = join(import.meta.dirname, 'corpus')
const DASH = '/bin/dash'
/** A script that runs longer than this on either side has hung (the corpus scripts take milliseconds). */
const TIMEOUT_MS = 20_000
/** Host processes start slowly; running a few dash scripts at once keeps the suite fast. */
const HOST_PARALLEL = 8

/**
 * Scripts whose difference is known and accepted, each with the reason. Keep this empty unless a
 * difference is deliberate: a script testing unspecified behaviour is fixed or dropped instead.
 */
const ALLOWED_DIFFERENCES: ReadonlyMap<string, string> = new Map()

interface Outcome {
  stdout: string
  status: number
}

/** `017-param-prefix.sh` → `d-017`. */
function scratchName(file: string): string {
  return `d-${file.slice(0, file.indexOf('-'))}`
}

function runOnHost(name: string, script: string): Promise<Outcome> {
  const base = mkdtempSync(join(tmpdir(), 'ninefold-diff-'))
  const scratch = join(base, scratchName(name))
  mkdirSync(scratch)
  return new Promise<Outcome>((resolve, reject) => {
    const child = spawn(DASH, ['-c', script], {
      cwd: scratch,
      env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: TIMEOUT_MS,
    })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const status = code ?? 128 + (signal ? constants.signals[signal] : 0)
      resolve({ stdout: Buffer.concat(chunks).toString('utf8'), status })
    })
  }).finally(() => rmSync(base, { recursive: true, force: true }))
}

/** Starts the dash side of every script, `parallel` at a time in corpus order, ahead of the tests. */
function startHostRuns(names: readonly string[], parallel: number): Map<string, Promise<Outcome>> {
  const outcomes = new Map<string, Promise<Outcome>>()
  const settle = new Map<string, (run: Promise<Outcome>) => void>()
  for (const name of names) {
    const outcome = new Promise<Outcome>((resolve) => settle.set(name, resolve))
    outcome.catch(() => {}) // a failure is reported by the script's test, when it awaits
    outcomes.set(name, outcome)
  }
  const queue = [...names]
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const run = runOnHost(name, readFileSync(join(CORPUS, name), 'utf8'))
      settle.get(name)!(run)
      await run.catch(() => {})
    }
  }
  for (let i = 0; i < parallel; i++) void worker()
  return outcomes
}

async function runInNinefold(sys: System, name: string, script: string): Promise<Outcome & { stderr: string }> {
  const scratch = `/tmp/${scratchName(name)}`
  await sys.mkdirAll(scratch, 0o777)
  const r = await sys.run(script, { cwd: scratch, user: 'root', env: { LC_ALL: 'C' } })
  return { stdout: r.stdout, status: r.exitCode, stderr: r.stderr }
}

const scripts = readdirSync(CORPUS).filter((f) => f.endsWith('.sh')).sort()
const hasDash = existsSync(DASH)
const hostOutcomes = hasDash ? startHostRuns(scripts, HOST_PARALLEL) : new Map<string, Promise<Outcome>>()

// One system for the whole corpus: each script runs in its own shell and scratch directory, so
// the scripts cannot see one another, and booting once keeps the suite fast.
let system: Promise<System> | undefined
const ninefold = (): Promise<System> => (system ??= boot({ presets: [stdSystem()] }))
after(async () => {
  if (system) await (await system).shutdown()
})

test('the corpus holds at least 150 scripts', () => {
  assert.ok(scripts.length >= 150, `only ${scripts.length} scripts in ${CORPUS}`)
})

for (const name of scripts) {
  const options = {
    skip: hasDash ? false : `no ${DASH} on this host`,
    todo: ALLOWED_DIFFERENCES.get(name) ?? false,
    timeout: TIMEOUT_MS * 2,
  }
  test(name, options, async (t) => {
    const script = readFileSync(join(CORPUS, name), 'utf8')
    const actual = await runInNinefold(await ninefold(), name, script)
    const expected = await hostOutcomes.get(name)!
    if (actual.stdout !== expected.stdout || actual.status !== expected.status) {
      t.diagnostic(`ninefold stderr: ${actual.stderr}`)
    }
    assert.deepEqual({ stdout: actual.stdout, status: actual.status }, expected)
  })
}
