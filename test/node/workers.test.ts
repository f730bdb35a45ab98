/**
 * jq in a host worker thread (boot's `workers`, src/hostworker.ts, src/node/workers.ts): a filter
 * that never ends leaves the host its turns and is ended with its process; the pool keeps one
 * idle worker and never reuses one that was ended or failed.
 */
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { boot } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'
import { nodeWorkers } from '../../src/node/workers.ts'
import { callWorker, type HostWorker, type HostWorkers } from '../../src/hostworker.ts'
import { heldHost } from '../hostturns.ts'

const sys = await boot({ presets: [stdSystem()], workers: nodeWorkers })
after(() => sys.shutdown())

test('a jq filter that never ends leaves the host its turns and ends with the run (timeout, 124)', async () => {
  const { result: r, longest } = await heldHost(() => sys.run(`jq -n 'def f: f; f'`, { timeoutMs: 1500 }))
  assert.equal(r.exitCode, 124)
  assert.equal(r.ended, 'timeout')
  assert.ok(longest < 500, `the host waited ${Math.round(longest)} ms for a turn`)
})

test('kill ends a running jq, and jq gives the same answers after', async () => {
  const r = await sys.run(`jq -n 'def f: f; f' & sleep 0.5; kill $!; wait $!; echo status=$?; echo '[1,{"b":2}]' | jq -c '.[1].b, length'; jq -n '1 | error("x")'; echo $?`)
  assert.deepEqual(r, { stdout: 'status=143\n2\n2\n5\n', stderr: 'jq: error (at <stdin>): x\n', exitCode: 0 })
})

test("jq's memory in its worker is held to the process's limit (memoryBytes): past it jq cannot allocate, and jq works after", async () => {
  const r = await sys.run(`(ulimit -d 40000000; jq -n '[range(3000000)] | length'; echo status=$?); jq -n '[range(3000000)] | length'`)
  assert.equal(r.stdout, 'status=5\n3000000\n')
  assert.match(r.stderr, /jq: error: cannot allocate memory/)
})

test('jq processes running at once all answer (a busy worker is never handed a second call)', async () => {
  const r = await sys.run(`for i in 1 2 3; do echo "[$i]" | jq '.[0] * 10' & done; wait`)
  assert.deepEqual(r.stdout.split('\n').filter(Boolean).sort(), ['10', '20', '30'])
})

/** Workers that answer with the request at once, or never; records what was started and ended. */
function fakeWorkers(): { workers: HostWorkers; started: number; ended: number; hang: boolean; fail: boolean } {
  const state = {
    started: 0,
    ended: 0,
    hang: false,
    fail: false,
    workers: (() => {
      state.started++
      let reject: ((e: Error) => void) | undefined
      const w: HostWorker = {
        call: (request) =>
          new Promise((res, rej) => {
            reject = rej
            if (state.fail) rej(new Error('worker crashed'))
            else if (!state.hang) setTimeout(() => res(request), 5)
          }),
        terminate: () => {
          state.ended++
          reject?.(new Error('worker ended'))
        },
      }
      return w
    }) as HostWorkers,
  }
  return state
}

test('the pool: one idle worker kept and reused; one ended with its process is not; a failed one is not', async () => {
  const f = fakeWorkers()
  const live = new AbortController().signal
  assert.equal(await callWorker(f.workers, 'jq', 'a', live), 'a')
  assert.equal(await callWorker(f.workers, 'jq', 'b', live), 'b')
  assert.deepEqual([f.started, f.ended], [1, 0])
  // two at once: a second is started; only one is kept
  assert.deepEqual(await Promise.all([callWorker(f.workers, 'jq', 'c', live), callWorker(f.workers, 'jq', 'd', live)]), ['c', 'd'])
  assert.deepEqual([f.started, f.ended], [2, 1])
  // a process that ends while its call runs ends the worker
  f.hang = true
  const killed = new AbortController()
  const call = callWorker(f.workers, 'jq', 'e', killed.signal)
  killed.abort()
  await assert.rejects(call, /worker ended/)
  assert.deepEqual([f.started, f.ended], [2, 2])
  // the next call starts another; a worker whose call failed is ended, not kept
  f.hang = false
  f.fail = true
  await assert.rejects(callWorker(f.workers, 'jq', 'f', live), /worker crashed/)
  assert.deepEqual([f.started, f.ended], [3, 3])
  f.fail = false
  assert.equal(await callWorker(f.workers, 'jq', 'g', live), 'g')
  assert.deepEqual([f.started, f.ended], [4, 3])
  // a process already ended starts nothing that runs
  const gone = new AbortController()
  gone.abort()
  await assert.rejects(callWorker(f.workers, 'jq', 'h', gone.signal), /process exited/)
})
