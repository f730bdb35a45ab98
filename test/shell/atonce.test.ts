/**
 * Commands that end at once: a `sh -c` script of builtins whose output is written at once
 * (ProcContext.writeNow: a run's collected output) returns its status without a promise, and
 * everything a run promises still holds on that path: status, errors, redirections, the EXIT
 * trap, `set -e`, a closed or full output, the output limit, an abort or a timeout.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { boot, stdSystem } from '../../src/index.ts'
import type { System } from '../../src/image.ts'
import { OpenFile } from '../../src/kernel/fd.ts'
import { OREAD, OWRITE, type ExitCode, type Handle } from '../../src/kernel/types.ts'
import { main } from '../../src/shell/main.ts'

async function withSys(body: (sys: System) => Promise<void>): Promise<void> {
  const sys = await boot({ presets: [stdSystem()] })
  try {
    await body(sys)
  } finally {
    await sys.shutdown()
  }
}

const decoder = new TextDecoder()

/** An output that keeps what is written; `now` false: it takes writes only through a promise (as a pipe does). */
function output(now: boolean): { handle: Handle; written: string[] } {
  const written: string[] = []
  const handle: Handle = {
    read: () => Promise.resolve(new Uint8Array(0)),
    write: (_offset, data) => {
      written.push(decoder.decode(data))
      return Promise.resolve(data.length)
    },
    close: () => {},
  }
  if (now)
    handle.writeNow = (_offset, data) => {
      written.push(decoder.decode(data))
      return data.length
    }
  return { handle, written }
}

/** Runs `sh -c script` through the shell's main with `out` as its standard output and error; what main returned, and the exit status. */
async function shellReturns(sys: System, script: string, out: Handle): Promise<{ returned: ExitCode | Promise<ExitCode>; status: ExitCode }> {
  let returned: ExitCode | Promise<ExitCode> = -1
  const files = [new OpenFile(out, OREAD, 'in'), new OpenFile(out, OWRITE, 'out'), new OpenFile(out, OWRITE, 'err')]
  const child = await sys.kernel.spawn(sys.kernel.init, ['sh', '-c', script], { bin: (c) => (returned = main(c)) }, { files })
  for (const f of files) void f.release()
  const status = await new Promise<ExitCode>((resolve) => child.onExit(resolve))
  return { returned, status }
}

test('a script of builtins whose output is written at once ends at once: its status, not a promise', async () => {
  await withSys(async (sys) => {
    // a write at once waits for the host's turn where the kernel's time slice is used up (a slow
    // boot), and the next run has a fresh slice: a few tries at most
    let quick: Awaited<ReturnType<typeof shellReturns>> | undefined
    for (let tries = 0; tries < 5 && typeof quick?.returned !== 'number'; tries++) {
      const now = output(true)
      quick = await shellReturns(sys, 'echo a; echo b c; false', now.handle)
      assert.equal(quick.status, 1)
      assert.deepEqual(now.written, ['a\n', 'b c\n'])
    }
    assert.equal(quick?.returned, 1)
    // output that must wait, or a command that waits, makes it a promise, with the same result
    const later = output(false)
    const waiting = await shellReturns(sys, 'echo a; echo b c; false', later.handle)
    assert.ok(waiting.returned instanceof Promise)
    assert.equal(waiting.status, 1)
    assert.deepEqual(later.written, ['a\n', 'b c\n'])
    const slept = output(true)
    const external = await shellReturns(sys, 'echo a; sleep 0; echo b', slept.handle)
    assert.ok(external.returned instanceof Promise)
    assert.equal(external.status, 0)
    assert.deepEqual(slept.written, ['a\n', 'b\n'])
  })
})

test('sys.run of builtins that end at once: status, errors, redirections, traps and set -e as before', async () => {
  await withSys(async (sys) => {
    const cases: [string, { stdout: string; stderr: string; exitCode: number }][] = [
      ['echo hi', { stdout: 'hi\n', stderr: '', exitCode: 0 }],
      ['echo -n a; echo b; false', { stdout: 'ab\n', stderr: '', exitCode: 1 }],
      ['false; echo $?', { stdout: '1\n', stderr: '', exitCode: 0 }],
      ['set -e; echo a; false; echo no', { stdout: 'a\n', stderr: '', exitCode: 1 }],
      ['set -e; false || echo yes', { stdout: 'yes\n', stderr: '', exitCode: 0 }],
      ["trap 'echo bye; exit 4' EXIT; echo hi", { stdout: 'hi\nbye\n', stderr: '', exitCode: 4 }],
      ['echo to err >&2; echo out', { stdout: 'out\n', stderr: 'to err\n', exitCode: 0 }],
      ['echo hi >&-; echo $?', { stdout: '1\n', stderr: 'sh: 1: echo: fd out of range or not open\n', exitCode: 0 }],
      ['exec >&-; echo lost; echo $? >&2', { stdout: '', stderr: 'sh: 1: echo: fd out of range or not open\n1\n', exitCode: 0 }],
      ['echo kept > /tmp/atonce; cat /tmp/atonce', { stdout: 'kept\n', stderr: '', exitCode: 0 }],
      ['echo ${unset?is not set}; echo after', { stdout: '', stderr: 'sh: 1: unset: is not set\n', exitCode: 2 }],
      ['exit 3; echo no', { stdout: '', stderr: '', exitCode: 3 }],
      ['echo -e "a\\tb"', { stdout: 'a\tb\n', stderr: '', exitCode: 0 }],
    ]
    for (const [script, expected] of cases) assert.deepEqual(await sys.run(script), expected, script)
  })
})

test('past the output limit, a builtin writing at once meets a closed pipe: SIGPIPE ends the shell', async () => {
  await withSys(async (sys) => {
    const r = await sys.run('echo 12345678; echo more; echo $? >&2', { limits: { outputBytes: 4 } })
    assert.equal(r.stdout, '1234')
    assert.equal(r.exitCode, 141)
    assert.match(r.stderr, /output limit exceeded \(4 bytes\)/)
  })
})

test('a long script of builtins that end at once still gives the host turns: a timeout or an abort ends it', async () => {
  await withSys(async (sys) => {
    const lines = 200_000
    await sys.writeFile('/tmp/long.sh', 'echo line\n'.repeat(lines))
    const timed = await sys.exec(['sh', '/tmp/long.sh'], { timeoutMs: 30 })
    assert.equal(timed.ended, 'timeout')
    assert.equal(timed.exitCode, 124)
    assert.ok(timed.stdout.length < 'line\n'.length * lines)
    const controller = new AbortController()
    setTimeout(() => controller.abort('SIGINT'), 30)
    const aborted = await sys.exec(['sh', '/tmp/long.sh'], { signal: controller.signal })
    assert.equal(aborted.ended, 'aborted')
    assert.equal(aborted.exitCode, 130)
    assert.ok(aborted.stdout.length < 'line\n'.length * lines)
  })
})
