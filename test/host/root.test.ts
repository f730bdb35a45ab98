/** The pluggable root: any fileserver as /, seeded with what is absent, its shutdown hook called; preloaded files and their owners. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { boot } from '../../src/image.ts'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { stdSystem } from '../../src/presets/std.ts'
import type { Fileserver } from '../../src/kernel/types.ts'

/** Mode, owner and name of each line of `ls -l`. */
const OWNERS = "tr -s ' ' | cut -d' ' -f1,3,9"

/** A memfs seen only through the Fileserver calls (no seeding fast path), counting shutdowns. */
function plainRoot(inner: Memfs): Fileserver & { shutdowns: number } {
  const fs = {
    kind: 'plain',
    shutdowns: 0,
    stat: inner.stat.bind(inner),
    readdir: inner.readdir.bind(inner),
    open: inner.open.bind(inner),
    create: inner.create.bind(inner),
    remove: inner.remove.bind(inner),
    wstat: inner.wstat.bind(inner),
    async shutdown() {
      fs.shutdowns++
    },
  }
  return fs
}

test('a root without a seeding fast path is seeded through its calls: homes, modes, preset files', async () => {
  const root = plainRoot(new Memfs({ owner: 'root', mode: 0o755 }))
  const sys = await boot({ presets: [stdSystem()], root })
  const r = await sys.run(`ls -ld /tmp /home/glenda /root /etc/profile | ${OWNERS}; echo hi > ~/f && cat ~/f`)
  assert.equal(r.stdout, '-rw-r--r-- root /etc/profile\ndrwxr-xr-x glenda /home/glenda\ndrwx------ root /root\ndrwxrwxrwt root /tmp\nhi\n', r.stderr)
  await sys.shutdown()
  assert.equal(root.shutdowns, 1)
})

test('a second boot on the same root keeps what the first changed and rewrites no preset file', async () => {
  const inner = new Memfs({ owner: 'root', mode: 0o755 })
  const first = await boot({ presets: [stdSystem()], root: plainRoot(inner) })
  await first.run('echo mine > ~/notes')
  await first.run('echo "# edited" > /etc/profile', { user: 'root' })
  await first.shutdown()
  const second = await boot({ presets: [stdSystem()], root: plainRoot(inner) })
  const r = await second.run('cat /home/glenda/notes /etc/profile')
  assert.equal(r.stdout, 'mine\n# edited\n', r.stderr)
  await second.shutdown()
})

test('memfs seeds the same tree as the generic seeder', async () => {
  const listing = `find /etc /home /root /tmp /usr /var /mnt /n | sort | xargs ls -ld | ${OWNERS}`
  const fast = await boot({ presets: [stdSystem()] })
  const slow = await boot({ presets: [stdSystem()], root: plainRoot(new Memfs({ owner: 'root', mode: 0o755 })) })
  const [a, b] = [await fast.run(listing, { user: 'root' }), await slow.run(listing, { user: 'root' })]
  assert.equal(a.stdout, b.stdout, a.stderr + b.stderr)
  assert.match(a.stdout, /-rw-r--r-- root \/etc\/profile/)
  await Promise.all([fast.shutdown(), slow.shutdown()])
})

test('preloaded files go to the default user under its home and under boot mounts, to root elsewhere, or to whom they name', async () => {
  const sys = await boot({
    presets: [stdSystem()],
    mounts: { '/work': new Memfs({ owner: 'root', mode: 0o755 }) },
    files: {
      '/home/glenda/todo': 'edit me\n',
      '/work/src/main.c': 'int main;\n',
      '/etc/motd': 'hello\n',
      '/tmp/given': { data: 'x', owner: 'glenda', mode: 0o600 },
    },
  })
  const r = await sys.run(`ls -l ~/todo /work/src/main.c /etc/motd /tmp/given | ${OWNERS}; sed -i s/edit/edited/ ~/todo && cat ~/todo; rm /work/src/main.c && echo removed`)
  assert.equal(r.stdout, '-rw-r--r-- root /etc/motd\n-rw-r--r-- glenda /home/glenda/todo\n-rw------- glenda /tmp/given\n-rw-r--r-- glenda /work/src/main.c\nedited me\nremoved\n', r.stderr)
  await sys.writeFile('/home/glenda/later', 'l')
  await sys.writeFile('/home/glenda/byroot', 'r', { owner: 'root' })
  assert.equal((await sys.run(`ls -l ~/later ~/byroot | ${OWNERS}`)).stdout, '-rw-r--r-- root /home/glenda/byroot\n-rw-r--r-- glenda /home/glenda/later\n')
  await assert.rejects(sys.writeFile('/tmp/x', 'x', { owner: 'nobody-here' }))
  await sys.shutdown()
})
