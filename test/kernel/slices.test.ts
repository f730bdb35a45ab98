/**
 * Time slices: while a job that never waits runs, the host's own timers still fire nearly on
 * time (the kernel's yield goes round the host's whole event loop).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { boot, stdSystem } from '../../src/index.ts'

const BUSY = [
  'yes > /dev/null',
  'cat /dev/zero > /dev/null',
  'while true; do :; done',
  'i=0; while [ $i -lt 10000000 ]; do i=$((i+1)); done',
  // a recursive function of builtins reaches no loop and waits for nothing: its calls must yield
  'fib() { if [ $1 -lt 2 ]; then return; fi; fib $(($1 - 1)); fib $(($1 - 2)); }; fib 60',
]

/** How late each of `n` host timers of `ms` fires, one after another. */
async function lateness(n: number, ms: number): Promise<number[]> {
  const late: number[] = []
  for (let i = 0; i < n; i++) {
    const start = performance.now()
    await new Promise((resolve) => setTimeout(resolve, ms))
    late.push(performance.now() - start - ms)
  }
  return late
}

for (const script of BUSY) {
  test(`host timers fire on time while \`${script}\` runs`, async () => {
    const sys = await boot({ presets: [stdSystem()] })
    const stop = new AbortController()
    const run = sys.run(script, { signal: stop.signal })
    const late = await lateness(20, 20)
    stop.abort()
    const r = await run
    assert.equal(r.ended, 'aborted', 'the job was still running throughout')
    late.sort((a, b) => a - b)
    // A starved host fired them 10 s late; a 20 ms slice makes it ~20 ms. The bound leaves room
    // for a loaded machine (the median must still be small).
    assert.ok(late[10]! < 250, `median ${late[10]} ms late`)
    assert.ok(late[19]! < 1000, `max ${late[19]} ms late`)
    await sys.shutdown()
  })
}
