/** timeout: the statuses and signals of GNU timeout, compared with the host's own. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { boot, stdSystem, type System } from '../../src/index.ts'

let sys: System
before(async () => {
  sys = await boot({ presets: [stdSystem()] })
})
after(async () => {
  await sys.shutdown()
})

const HOST_TIMEOUT = spawnSync('timeout', ['--version']).status === 0

/** The status of `timeout ...args` here and on the host (through dash, so `sh -c` means the same). */
async function statuses(args: string[]): Promise<{ ours: number; theirs: number; stderr: string }> {
  const r = await sys.exec(['timeout', ...args])
  const host = spawnSync('timeout', args, { env: { PATH: '/usr/bin:/bin' }, stdio: ['ignore', 'ignore', 'ignore'] })
  return { ours: r.exitCode, theirs: host.status ?? 128 + 9, stderr: r.stderr }
}

test('timeout exits like GNU timeout', { skip: !HOST_TIMEOUT && 'no host timeout' }, async () => {
  const cases: string[][] = [
    ['0.3', 'sleep', '2'],
    ['2', 'true'],
    ['2', 'sh', '-c', 'exit 3'],
    ['-s', 'KILL', '0.3', 'sleep', '2'],
    ['--signal=KILL', '0.3', 'sleep', '2'],
    ['--preserve-status', '0.3', 'sleep', '2'],
    ['-k', '0.3', '0.5', 'sh', '-c', 'trap "" TERM; while :; do :; done'],
    ['--kill-after=0.3', '0.5', 'sh', '-c', 'trap "" TERM; while :; do :; done'],
    ['0', 'sh', '-c', 'exit 5'],
    ['x', 'sleep', '1'],
    ['1'],
    [],
    ['--bogus', '1', 'true'],
    ['1', 'no-such-command'],
  ]
  for (const args of cases) {
    const { ours, theirs, stderr } = await statuses(args)
    assert.equal(ours, theirs, `timeout ${args.join(' ')}: ${stderr}`)
  }
})

test('timeout 1 sleep 3; echo $? prints 124 after about a second', async () => {
  const start = performance.now()
  const r = await sys.run('timeout 1 sleep 3; echo $?')
  const took = performance.now() - start
  assert.equal(r.stdout, '124\n')
  assert.ok(took >= 950 && took < 2500, `took ${took} ms`)
})

test('timeout signals the whole process group the command started, and says so with -v', async () => {
  const r = await sys.run('timeout -v 0.2 sh -c "yes | cat > /dev/null"; echo $?', { keepBackground: true })
  assert.equal(r.stdout, '124\n')
  assert.equal(r.stderr, "timeout: sending signal TERM to command 'sh'\n")
  // with keepBackground, a survivor would be left running and counted
  assert.equal(r.background, undefined, 'nothing was left running')
})

test('timeout names a missing command Plan 9 style and has --help', async () => {
  assert.deepEqual(await sys.run('timeout 1 nosuch'), { stdout: '', stderr: 'timeout: nosuch: file does not exist\n', exitCode: 127 })
  const help = await sys.run('timeout --help')
  assert.equal(help.exitCode, 0)
  assert.match(help.stdout, /^usage: timeout /)
})
