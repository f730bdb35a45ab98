/** The command line's host flags: --bind, --root across a restart (the roadmap's persistence route), --ephemeral. */
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { parseArgs, parseBind } from '../../src/node/args.ts'
import { rootDir } from '../../src/node/session.ts'
import { runNinefold, type Result } from '../node/runbin.ts'

const scratch = mkdtempSync(join(tmpdir(), 'ninefold-hostcli-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

/** bin/ninefold with a HOME and a data directory of the test's own. */
function ninefold(args: string[]): Promise<Result> {
  return runNinefold(args, { HOME: scratch, XDG_DATA_HOME: join(scratch, 'xdg') })
}

test('the roadmap persistence route: a package and a profile line in one session, /mnt/data mounted at the next login; users and homes kept', async () => {
  const root = join(scratch, 'root')
  const first = await ninefold(['--root', root, '--user', 'root', '-c', "pkg install ramfs; mkdir /mnt/data; echo 'svc start ramfs-srv && mount ramfs /mnt/data' >> ~/.profile"])
  assert.equal(first.status, 0, first.stderr)
  const second = await ninefold(['--root', root, '--user', 'root', '-c', 'ns | grep /mnt/data | tr -s " "; pkg list | grep "^ramfs"'])
  assert.equal(second.stdout, 'mount ramfs /mnt/data\nramfs\tinstalled\ta fresh RAM filesystem posted to /srv (ramfs-srv)\n', second.stderr)
  // users added in it come back, with their homes
  assert.equal((await ninefold(['--root', root, '--user', 'root', '-c', 'adduser bob'])).status, 0)
  const bob = await ninefold(['--root', root, '--user', 'bob', '-c', "whoami; ls -ld ~ | tr -s ' ' | cut -d' ' -f3"])
  assert.equal(bob.stdout, 'bob\nbob\n', bob.stderr)
  // the default user's home survives too, with its owner
  assert.equal((await ninefold(['--root', root, '-c', 'echo kept > ~/notes'])).status, 0)
  const third = await ninefold(['--root', root, '-c', "cat ~/notes; ls -l ~/notes | tr -s ' ' | cut -d' ' -f3"])
  assert.equal(third.stdout, 'kept\nglenda\n', third.stderr)
})

test('a package installed from a host path is installed again at the next boot with --root', async () => {
  const root = join(scratch, 'hostpkg')
  const pkg = join(scratch, 'greet.mjs')
  writeFileSync(pkg, 'export default function () { return { name: "greet", bins: { greet: async (proc) => { await proc.write(1, new TextEncoder().encode("hello\\n")); return 0 } } } }\n')
  const first = await ninefold(['--root', root, '--user', 'root', '-c', `pkg install ${pkg} >/dev/null && greet`])
  assert.deepEqual([first.stdout, first.stderr, first.status], ['hello\n', '', 0])
  const second = await ninefold(['--root', root, '--user', 'root', '-c', 'greet; pkg list | grep -c "^greet"'])
  assert.deepEqual([second.stdout, second.stderr, second.status], ['hello\n1\n', '', 0])
})

test('one process at a time on a --root: a second is refused while the first runs; a lock left by a dead process is taken over', async () => {
  const root = join(scratch, 'locked')
  const lock = join(root, 'lock')
  // the first holds the root until the test removes the file it waits on
  const held = join(scratch, 'held')
  mkdirSync(held)
  writeFileSync(join(held, 'wait'), '')
  const first = runNinefold(['--root', root, '--user', 'root', '--bind', `${held}:/held`, '-c', 'while test -e /held/wait; do sleep 0.05; done; echo first > /root/f'], { HOME: scratch })
  while (!existsSync(lock)) await new Promise((r) => setTimeout(r, 20))
  const pid = readFileSync(lock, 'utf8').trim()
  const second = await ninefold(['--root', root, '-c', 'echo second'])
  assert.deepEqual([second.stdout, second.stderr, second.status], ['', `ninefold: ${root}: i/o error: in use by process ${pid} (if that is not ninefold, remove ${lock})\n`, 1])
  rmSync(join(held, 'wait'))
  assert.equal((await first).status, 0)
  assert.equal(existsSync(lock), false, 'the lock goes with its holder')
  // a holder killed with SIGKILL leaves its lock; the next process takes it over
  const dead = spawnSync(process.execPath, ['-e', '']).pid
  writeFileSync(lock, `${dead}\n`)
  const next = await ninefold(['--root', root, '--user', 'root', '-c', 'cat /root/f'])
  assert.deepEqual([next.stdout, next.stderr, next.status], ['first\n', '', 0])
  assert.equal(existsSync(lock), false)
})

test('-c and scripts start from a fresh system in memory unless given --root; nothing is written to the data directory', async () => {
  assert.equal((await ninefold(['-c', 'echo x > ~/x'])).status, 0)
  assert.equal((await ninefold(['-c', 'cat ~/x'])).status, 1)
  assert.equal(existsSync(join(scratch, 'xdg')), false)
})

test('--bind mounts host directories read-only, read-write or copy-on-write', async () => {
  const project = join(scratch, 'project')
  mkdirSync(project)
  writeFileSync(join(project, 'file'), 'original\n')
  const cow = await ninefold(['--bind', `${project}:/work:cow`, '-c', 'echo changed > /work/file; cat /work/file'])
  assert.equal(cow.stdout, 'changed\n', cow.stderr)
  assert.equal(readFileSync(join(project, 'file'), 'utf8'), 'original\n')
  // the view's top is the host directory's, owned by the user: a new file can go there too
  const added = await ninefold(['--bind', `${project}:/work:cow`, '-c', "ls -ld /work | awk '{print $3}'; echo new > /work/added; cat /work/added"])
  assert.deepEqual([added.stdout, added.stderr], ['glenda\nnew\n', ''])
  assert.equal(existsSync(join(project, 'added')), false)
  const ro = await ninefold(['--bind', `${project}:/work`, '-c', 'cat /work/file; echo changed > /work/file'])
  assert.deepEqual([ro.stdout, ro.stderr, ro.status], ['original\n', 'sh: 1: /work/file: permission denied\n', 2])
  const rw = await ninefold(['--bind', `${project}:/deep/mount/point:rw`, '--bind', `${project}:/again:ro`, '-c', 'echo changed > /deep/mount/point/file; cat /again/file'])
  assert.equal(rw.stdout, 'changed\n', rw.stderr)
  assert.equal(readFileSync(join(project, 'file'), 'utf8'), 'changed\n')
  const missing = await ninefold(['--bind', `${join(scratch, 'nonexistent')}:/work`, '-c', 'true'])
  assert.deepEqual([missing.stderr, missing.status], [`ninefold: ${join(scratch, 'nonexistent')}: file does not exist\n`, 1])
})

test('parsing: --bind specs, --root and --ephemeral, and the default root of each kind of session', () => {
  assert.deepEqual(parseBind('/a:b:/x:cow'), { host: '/a:b', at: '/x', mode: 'cow' })
  assert.deepEqual(parseBind('./p:/w'), { host: './p', at: '/w', mode: 'ro' })
  assert.throws(() => parseBind('/a'), /expected HOSTDIR/)
  assert.throws(() => parseBind('/a:relative'), /expected HOSTDIR/)
  const inv = parseArgs(['--root', '/r', '--bind', '/h:/w:rw', '-c', 'true'])
  assert.ok(inv.kind === 'command')
  assert.deepEqual([inv.storage, inv.binds], [{ root: '/r' }, [{ host: '/h', at: '/w', mode: 'rw' }]])
  assert.equal(rootDir({ ephemeral: true }, true), undefined)
  assert.equal(rootDir({}, false), undefined)
  assert.equal(rootDir({ root: '/r' }, false), '/r')
  const saved = process.env.XDG_DATA_HOME
  process.env.XDG_DATA_HOME = '/data'
  try {
    assert.equal(rootDir({}, true), '/data/ninefold')
  } finally {
    if (saved === undefined) delete process.env.XDG_DATA_HOME
    else process.env.XDG_DATA_HOME = saved
  }
})
