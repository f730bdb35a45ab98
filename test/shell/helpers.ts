/** A booted standard system shared by a test file, and a shorthand to run shell scripts on it. */
import { after, before } from 'node:test'
import assert from 'node:assert/strict'
import { boot, type RunOptions, type RunResult, type System } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'

let sys: System | undefined

export function useSystem(): () => System {
  before(async () => {
    sys = await boot({ presets: [stdSystem()] })
  })
  after(async () => {
    await sys?.shutdown()
  })
  return () => sys!
}

export function shell(get: () => System): (script: string, options?: RunOptions) => Promise<RunResult> {
  return (script, options) => get().run(script, options)
}

/** Runs `script` and checks stdout (and status 0 unless given). */
export async function expectOut(run: (s: string, o?: RunOptions) => Promise<RunResult>, script: string, stdout: string, status = 0, options?: RunOptions): Promise<RunResult> {
  const r = await run(script, options)
  assert.equal(r.stdout, stdout, `stdout of ${JSON.stringify(script)} (stderr: ${r.stderr})`)
  assert.equal(r.exitCode, status, `status of ${JSON.stringify(script)} (stderr: ${r.stderr})`)
  return r
}
