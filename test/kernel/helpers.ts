/** Assertions and process helpers shared by the kernel tests. */
import assert from 'node:assert/strict'
import { NineError, Reasons } from '../../src/kernel/errors.ts'
import type { Preset, System } from '../../src/image.ts'
import type { ProcContext, SpawnOptions } from '../../src/kernel/types.ts'
import { testSystem } from './fixtures.ts'

/** bob is in alice's group, so group permission bits can be tested. */
const groupsPreset: Preset = {
  name: 'kernel-test-users',
  users: [{ name: 'bob', home: '/home/bob', groups: ['alice'], shell: '/bin/sh' }],
}

/** Boots the test system (users root, glenda, alice, bob), runs `body`, then shuts it down. */
export async function withSystem<T>(body: (sys: System) => Promise<T>, extra: Preset[] = []): Promise<T> {
  const sys = await testSystem([groupsPreset, ...extra])
  try {
    return await body(sys)
  } finally {
    await sys.shutdown()
  }
}

/** Asserts that `action` fails with a NineError whose reason is exactly the Plan 9 string `reason`. */
export async function fails(action: Promise<unknown> | (() => unknown), reason: string): Promise<NineError> {
  let error: unknown
  let succeeded = false
  try {
    await (typeof action === 'function' ? action() : action)
    succeeded = true
  } catch (e) {
    error = e
  }
  assert.ok(!succeeded, `expected failure "${reason}", but it succeeded`)
  assert.ok(error instanceof NineError, `expected NineError "${reason}", got ${String(error)}`)
  assert.equal(error.reason, reason)
  const base = Reasons[error.code]
  assert.ok(reason === base || reason.startsWith(`${base}: `), `code ${error.code} agrees with the reason`)
  return error
}

/**
 * Like the fixtures' asProcess (runs `body` as a process of `user` and returns its result), but
 * when the body ends, the children it left running in its process group are killed: a failing
 * test never leaves `exec` waiting for a child that holds its output pipe.
 */
export async function asProc<T>(sys: System, body: (p: ProcContext) => Promise<T>, user = 'root'): Promise<T> {
  let result: T | undefined
  let error: unknown
  let threw = false
  const name = `kt-body-${++bodies}`
  sys.bins.add(name, async (p) => {
    try {
      result = await body(p)
    } catch (e) {
      error = e
      threw = true
    }
    for (const info of p.procs()) {
      if (info.pgid === p.pgid && info.pid !== p.pid && info.state === 'Running') sys.kernel.kill(undefined, info.pid, 'SIGKILL')
    }
    return 0
  })
  try {
    const r = await sys.exec([name], { user })
    if (threw) throw error
    assert.equal(r.exitCode, 0, `the body process failed: ${r.stderr}`)
    return result as T
  } finally {
    sys.bins.remove(name)
  }
}
let bodies = 0

/** Runs `body` in a child of `p` (spawned with `options`), waits for it, and returns its result. */
export async function inChild<T>(p: ProcContext, body: (c: ProcContext) => Promise<T>, options: SpawnOptions = {}): Promise<T> {
  let result: T | undefined
  let error: unknown
  let threw = false
  const child = await p.spawn(['child'], {
    ...options,
    bin: async (c) => {
      try {
        result = await body(c)
      } catch (e) {
        error = e
        threw = true
      }
      return 0
    },
  })
  const status = await child.wait()
  if (threw) throw error
  assert.equal(status, 0)
  return result as T
}

/** Lets pending promises and I/O callbacks run (a number of event-loop turns, not a time). */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

const decoder = new TextDecoder()
export const text = (bytes: Uint8Array): string => decoder.decode(bytes)

/** Reads a descriptor to end of file as text. */
export async function readAllFd(p: ProcContext, fd: number): Promise<string> {
  let out = ''
  for (;;) {
    const chunk = await p.read(fd)
    if (chunk.length === 0) return out
    out += decoder.decode(chunk)
  }
}

/** Sorted entry names of a directory. */
export async function names(p: ProcContext, path: string): Promise<string[]> {
  return (await p.readdir(path)).map((d) => d.name).sort()
}
