/** devfs: /dev/null, /dev/zero, /dev/random and /dev/urandom, /dev/fd/N, /dev/std*, /dev/cons and /dev/consctl. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { boot } from '../../src/image.ts'
import type { Console } from '../../src/kernel/fileservers/devfs.ts'
import { OREAD, ORDWR, OWRITE, type BinFunction } from '../../src/kernel/types.ts'
import { testPreset } from './fixtures.ts'
import { asProc, fails, names, readAllFd, settle, text, withSystem } from './helpers.ts'

test('/dev lists the devices', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const entries = await names(p, '/dev')
      for (const n of ['cons', 'consctl', 'null', 'zero', 'random', 'urandom', 'fd', 'stdin', 'stdout', 'stderr']) assert.ok(entries.includes(n), `/dev/${n} listed`)
    })
  })
})

test('/dev/null: reads end at once, writes vanish', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const fd = await p.open('/dev/null', ORDWR)
      assert.equal((await p.read(fd)).length, 0)
      assert.equal(await p.write(fd, 'gone'), 4)
      assert.equal((await p.read(fd)).length, 0)
      await p.close(fd)
      await p.writeFile('/dev/null', 'also gone')
      assert.equal((await p.readFile('/dev/null')).length, 0)
    }, 'glenda')
  })
})

test('/dev/zero: reads give zeros, as many as asked (up to a chunk)', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const fd = await p.open('/dev/zero', OREAD)
      const small = await p.read(fd, 100)
      assert.equal(small.length, 100)
      assert.ok(small.every((b) => b === 0))
      const big = await p.read(fd, 1 << 20)
      assert.ok(big.length > 0 && big.length <= 1 << 20)
      assert.ok(big.every((b) => b === 0))
      assert.equal((await p.read(fd, 7)).length, 7, 'never ends')
      await p.close(fd)
    }, 'glenda')
  })
})

test('/dev/random and /dev/urandom: random bytes, not writable', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const fd = await p.open('/dev/random', OREAD)
      const a = await p.read(fd, 64)
      const b = await p.read(fd, 64)
      assert.equal(a.length, 64)
      assert.equal(b.length, 64)
      assert.notDeepEqual(a, b)
      assert.ok(a.some((x) => x !== 0))
      // Every byte value shows up in a large enough sample.
      const seen = new Set<number>()
      for (let i = 0; i < 64 && seen.size < 256; i++) for (const x of await p.read(fd, 4096)) seen.add(x)
      assert.equal(seen.size, 256)
      await p.close(fd)
      await fails(p.open('/dev/random', OWRITE), 'permission denied')
      // Linux's name, which scripts use: the same endless random bytes.
      const u = await p.open('/dev/urandom', OREAD)
      const c = await p.read(u, 64)
      assert.equal(c.length, 64)
      assert.notDeepEqual(c, a)
      await p.close(u)
    }, 'glenda')
  })
})

test('/dev/fd/N reopens the caller\'s descriptors and lists them', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const [r, w] = p.pipe()
      const listed = await names(p, '/dev/fd')
      for (const fd of [0, 1, 2, r, w]) assert.ok(listed.includes(String(fd)), `fd ${fd} listed in ${listed}`)
      const again = await p.open(`/dev/fd/${w}`, OWRITE)
      await p.write(again, 'through /dev/fd')
      await p.close(again)
      await p.close(w)
      assert.equal(await readAllFd(p, r), 'through /dev/fd', 'the pipe ends only when both write descriptors are closed')
      await fails(p.open('/dev/fd/99', OREAD), 'file does not exist')
      await fails(p.stat(`/dev/fd/${w}`), 'file does not exist')
    })
  })
})

test('/dev/stdout, /dev/stderr and /dev/stdin are the caller\'s 1, 2 and 0', async () => {
  await withSystem(async (sys) => {
    const bin: BinFunction = async (p) => {
      const input = text(await p.readFile('/dev/stdin'))
      await p.writeFile('/dev/stdout', `out:${input}`)
      const fd = await p.open('/dev/stderr', OWRITE)
      await p.write(fd, `err:${input}`)
      await p.close(fd)
      return 0
    }
    sys.bins.add('stdio', bin)
    const r = await sys.exec(['stdio'], { stdin: 'data' })
    assert.deepEqual(r, { stdout: 'out:data', stderr: 'err:data', exitCode: 0 })
  })
})

function testConsole(input: string[], interactive: boolean): Console & { written: string } {
  const enc = new TextEncoder()
  const dec = new TextDecoder()
  const c = {
    written: '',
    interactive,
    foreground: 0,
    async read(): Promise<Uint8Array> {
      return enc.encode(input.shift() ?? '')
    },
    write(data: Uint8Array): void {
      c.written += dec.decode(data)
    },
  }
  return c
}

test('/dev/cons reads the console\'s input and writes to it; a console with a person is a tty', async () => {
  const cons = testConsole(['typed line\n'], true)
  const sys = await boot({ presets: [testPreset], console: cons })
  try {
    await asProc(sys, async (p) => {
      const fd = await p.open('/dev/cons', ORDWR)
      assert.equal(p.isatty(fd), true)
      assert.equal(p.isatty(1), false, 'a pipe is not a tty')
      assert.equal(text(await p.read(fd)), 'typed line\n')
      assert.equal((await p.read(fd)).length, 0, 'end of input')
      await p.write(fd, 'hello, console\n')
      await p.close(fd)
    }, 'glenda')
    assert.equal(cons.written, 'hello, console\n')
  } finally {
    await sys.shutdown()
  }
})

test('/dev/cons of a console nobody types at is not a tty', async () => {
  const cons = testConsole([], false)
  const sys = await boot({ presets: [testPreset], console: cons })
  try {
    await asProc(sys, async (p) => {
      const fd = await p.open('/dev/cons', ORDWR)
      assert.equal(p.isatty(fd), false)
      await p.write(fd, 'x')
    })
    assert.equal(cons.written, 'x')
  } finally {
    await sys.shutdown()
  }
})

test('/dev/consctl `fg PGID` names the group Ctrl-C interrupts', async () => {
  const cons = testConsole([], true)
  const sys = await boot({ presets: [testPreset], console: cons })
  try {
    await asProc(sys, async (p) => {
      const child = await p.spawn(['forever'], { pgid: 'new' })
      await p.writeFile('/dev/consctl', `fg ${child.pid}\n`)
      assert.equal(cons.foreground, child.pid)
      assert.equal(sys.interrupt(), true)
      assert.equal(await child.wait(), 130)
      await fails(p.writeFile('/dev/consctl', 'bogus'), 'bad arg in system call: unknown control: bogus')
    })
    await asProc(sys, async (p) => fails(p.open('/dev/consctl', OREAD), 'permission denied'), 'glenda')
    await settle()
  } finally {
    await sys.shutdown()
  }
})
