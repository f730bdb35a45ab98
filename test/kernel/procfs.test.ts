/** procfs: /proc/<pid>/{status,args,env,cwd,fd,ns,note} and /proc/self, with their owners. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { ProcContext } from '../../src/kernel/types.ts'
import { asProc, fails, inChild, names, text, withSystem } from './helpers.ts'

async function read(p: ProcContext, path: string): Promise<string> {
  return text(await p.readFile(path))
}

/** The `key\tvalue` lines of a status file. */
function fields(status: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of status.split('\n')) {
    const tab = line.indexOf('\t')
    if (tab > 0) out[line.slice(0, tab)] = line.slice(tab + 1)
  }
  return out
}

test('/proc lists every process and self', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const child = await p.spawn(['forever'])
      const listed = await names(p, '/proc')
      for (const n of ['1', String(p.pid), String(child.pid), 'self']) assert.ok(listed.includes(n), `${n} in ${listed}`)
      const files = await names(p, `/proc/${child.pid}`)
      for (const f of ['args', 'cwd', 'env', 'fd', 'note', 'ns', 'status']) assert.ok(files.includes(f), `${f} in ${files}`)
      p.kill(child.pid, 'SIGKILL')
      await child.wait()
      assert.ok(!(await names(p, '/proc')).includes(String(child.pid)), 'a reaped process leaves /proc')
      await fails(p.readFile(`/proc/${child.pid}/status`), 'file does not exist')
      await fails(p.stat('/proc/999999'), 'file does not exist')
    })
  })
})

test('/proc/<pid>/status, args, cwd and env describe the process', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const child = await p.spawn(['forever', 'one', 'two'], { cwd: '/tmp', env: { GREETING: 'hello', PATH: '/bin' }, user: 'alice' })
      const st = fields(await read(p, `/proc/${child.pid}/status`))
      assert.equal(st.name, 'forever')
      assert.equal(st.pid, String(child.pid))
      assert.equal(st.ppid, String(p.pid))
      assert.equal(st.user, 'alice')
      assert.equal(st.state, 'Running')
      assert.equal(await read(p, `/proc/${child.pid}/args`), 'forever one two\n')
      assert.equal(await read(p, `/proc/${child.pid}/cwd`), '/tmp\n')
      assert.equal(await read(p, `/proc/${child.pid}/env`), 'GREETING=hello\nPATH=/bin\n')
      const fd = await read(p, `/proc/${child.pid}/fd`)
      assert.deepEqual(fd.split('\n').filter(Boolean).map((l) => l.split(' ').slice(0, 2).join(' ')), ['0 r', '1 w', '2 w'])
      p.kill(child.pid, 'SIGTERM')
      // A dead, unreaped child is Moribund.
      assert.equal(fields(await read(p, `/proc/${child.pid}/status`)).state, 'Moribund')
      assert.equal(await child.wait(), 143)
    })
  })
})

test('/proc/self is the caller', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.chdir('/tmp')
      p.env.MARK = 'self-test'
      const st = fields(await read(p, '/proc/self/status'))
      assert.equal(st.pid, String(p.pid))
      assert.equal(st.user, 'glenda')
      assert.equal(await read(p, '/proc/self/cwd'), '/tmp\n')
      assert.ok((await read(p, '/proc/self/env')).includes('MARK=self-test\n'))
      await p.writeFile('/tmp/opened', 'x')
      const fd = await p.open('/tmp/opened')
      assert.ok((await read(p, '/proc/self/fd')).includes(`${fd} r 0 /tmp/opened\n`))
      // A child's self is the child.
      const childPid = await inChild(p, async (c) => fields(text(await c.readFile('/proc/self/status'))).pid)
      assert.notEqual(childPid, String(p.pid))
      assert.equal(fields(await read(p, '/proc/self/status')).pid, String(p.pid))
    }, 'glenda')
  })
})

test('/proc/<pid>/ns prints the namespace as binds and a cd line', async () => {
  await withSystem(async (sys) => {
    await sys.mkdirAll('/tmp/a', 0o777)
    await sys.mkdirAll('/tmp/b', 0o777)
    await asProc(sys, async (p) => {
      await p.rfork({ copyNamespace: true })
      await p.bind('/tmp/a', '/tmp/b', { after: true, create: true })
      await p.chdir('/tmp')
      const ns = await read(p, `/proc/${p.pid}/ns`)
      const lines = ns.split('\n').filter(Boolean)
      assert.equal(lines.at(-1), 'cd /tmp')
      assert.equal(lines.at(-2), 'bind -ac /tmp/a /tmp/b')
      assert.equal(lines.at(-3), 'bind /tmp/b /tmp/b', 'the implicit original member comes first')
      assert.ok(lines.includes("bind '#p' /proc"), ns)
      assert.equal(await read(p, '/proc/self/ns'), ns)
    })
  })
})

test('a non-root user cannot read another user\'s /proc/<pid>/env or ns: permission denied', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (root) => {
      const alices = await root.spawn(['forever'], { user: 'alice', env: { SECRET: 'x' } })
      await inChild(root, async (g) => {
        await fails(g.readFile(`/proc/${alices.pid}/env`), 'permission denied')
        await fails(g.readFile(`/proc/${alices.pid}/ns`), 'permission denied')
        await fails(g.open(`/proc/${alices.pid}/env`), 'permission denied')
      }, { user: 'glenda' })
      // alice herself, and root, may read them
      await inChild(root, async (a) => assert.equal(text(await a.readFile(`/proc/${alices.pid}/env`)), 'SECRET=x\n'), { user: 'alice' })
      assert.equal(await read(root, `/proc/${alices.pid}/env`), 'SECRET=x\n')
      assert.ok((await read(root, `/proc/${alices.pid}/ns`)).endsWith('cd /root\n'))
      root.kill(alices.pid, 'SIGKILL')
      assert.equal(await alices.wait(), 137)
    })
  })
})

test('/proc/<pid>/note delivers a signal', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const child = await p.spawn(['forever'])
      await p.writeFile(`/proc/${child.pid}/note`, 'SIGHUP\n')
      assert.equal(await child.wait(), 129)
    })
  })
})

test('procfs files cannot be written, created or removed', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await fails(p.writeFile(`/proc/${p.pid}/status`, 'x'), 'permission denied')
      await fails(p.remove(`/proc/${p.pid}/status`), 'permission denied')
      await fails(p.writeFile(`/proc/${p.pid}/newfile`, 'x'), 'permission denied')
    }, 'glenda')
  })
})
