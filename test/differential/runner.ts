/**
 * Differential tests: every script of a corpus runs under a host shell (/bin/dash, /bin/bash)
 * with the host's coreutils and under ninefold's shell of the same name with its core commands;
 * their standard output and exit status must be equal. Standard error is not compared: error texts
 * differ by design (ninefold speaks Plan 9 reason strings), so scripts that exercise errors send
 * stderr to /dev/null.
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

/** A script that runs longer than this on either side has hung (the corpus scripts take milliseconds). */
const TIMEOUT_MS = 20_000
/** Host processes start slowly; running a few dash scripts at once keeps the suite fast. */
const HOST_PARALLEL = 8

interface Outcome {
  stdout: string
  status: number
}

/** `017-param-prefix.sh` → `d-017`. */
function scratchName(file: string): string {
  return `d-${file.slice(0, file.indexOf('-'))}`
}

function runOnHost(shell: string, name: string, script: string): Promise<Outcome> {
  const base = mkdtempSync(join(tmpdir(), 'ninefold-diff-'))
  const scratch = join(base, scratchName(name))
  mkdirSync(scratch)
  return new Promise<Outcome>((resolve, reject) => {
    const child = spawn(shell, ['-c', script], {
      cwd: scratch,
      env: { PATH: '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' }, // ninefold's one zone
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
function startHostRuns(shell: string, corpus: string, names: readonly string[], parallel: number): Map<string, Promise<Outcome>> {
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
      const run = runOnHost(shell, name, readFileSync(join(corpus, name), 'utf8'))
      settle.get(name)!(run)
      await run.catch(() => {})
    }
  }
  for (let i = 0; i < parallel; i++) void worker()
  return outcomes
}

async function runInNinefold(sys: System, shell: string, name: string, script: string): Promise<Outcome & { stderr: string }> {
  const scratch = `/tmp/${scratchName(name)}`
  await sys.mkdirAll(scratch, 0o777)
  const r = await sys.exec([shell, '-c', script], { cwd: scratch, user: 'root', env: { LC_ALL: 'C' } })
  return { stdout: r.stdout, status: r.exitCode, stderr: r.stderr }
}

export interface Corpus {
  /** The directory of NNN-name.sh scripts. */
  dir: string
  /** The host shell to compare with, e.g. /bin/dash. */
  host: string
  /** The name ninefold's shell runs under: sh or bash. */
  shell: string
  /** The fewest scripts the corpus may hold. */
  atLeast: number
  /**
   * Scripts whose difference is known and accepted, each with the reason. Keep this empty unless a
   * difference is deliberate: a script testing unspecified behaviour is fixed or dropped instead.
   */
  allowedDifferences?: ReadonlyMap<string, string>
}

/** Declares one test per script of the corpus. */
export function compareCorpus(corpus: Corpus): void {
  const scripts = readdirSync(corpus.dir).filter((f) => f.endsWith('.sh')).sort()
  const hasHost = existsSync(corpus.host)
  const hostOutcomes = hasHost ? startHostRuns(corpus.host, corpus.dir, scripts, HOST_PARALLEL) : new Map<string, Promise<Outcome>>()

  // One system for the whole corpus: each script runs in its own shell and scratch directory, so
  // the scripts cannot see one another, and booting once keeps the suite fast.
  let system: Promise<System> | undefined
  const ninefold = (): Promise<System> => (system ??= boot({ presets: [stdSystem()] }))
  after(async () => {
    if (system) await (await system).shutdown()
  })

  test(`the corpus holds at least ${corpus.atLeast} scripts`, () => {
    assert.ok(scripts.length >= corpus.atLeast, `only ${scripts.length} scripts in ${corpus.dir}`)
  })

  for (const name of scripts) {
    const options = {
      skip: hasHost ? false : `no ${corpus.host} on this host`,
      todo: corpus.allowedDifferences?.get(name) ?? false,
      timeout: TIMEOUT_MS * 2,
    }
    test(name, options, async (t) => {
      const script = readFileSync(join(corpus.dir, name), 'utf8')
      const actual = await runInNinefold(await ninefold(), corpus.shell, name, script)
      const expected = await hostOutcomes.get(name)!
      if (actual.stdout !== expected.stdout || actual.status !== expected.status) {
        t.diagnostic(`ninefold stderr: ${actual.stderr}`)
      }
      assert.deepEqual({ stdout: actual.stdout, status: actual.status }, expected)
    })
  }
}
