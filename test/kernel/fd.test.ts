/** Descriptors (open/read/write/seek/close/dup, OAPPEND) and pipes (backpressure, SIGPIPE, streaming). */
import { getEventListeners } from 'node:events'
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { boot, stdSystem } from '../../src/index.ts'
import { NineError } from '../../src/kernel/errors.ts'
import { Pipe, PIPE_CAPACITY } from '../../src/kernel/pipe.ts'
// the commands that write lent blocks load this; here the tests write them themselves
import '../../src/kernel/lending.ts'
import { OAPPEND, OREAD, ORDWR, OTRUNC, OWRITE, type BinFunction, type ProcContext } from '../../src/kernel/types.ts'
import { asProc, fails, readAllFd, settle, text, withSystem } from './helpers.ts'

// ---- descriptors

test('open, read, write, seek and close a memfs file', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const fd = await p.create('/tmp/f', 0o644, ORDWR)
      assert.equal(await p.write(fd, 'hello world'), 11)
      assert.equal((await p.read(fd)).length, 0, 'the offset is at the end')
      assert.equal(await p.seek(fd, 0, 0), 0)
      assert.equal(text(await p.read(fd, 5)), 'hello')
      assert.equal(await p.seek(fd, 1, 1), 6)
      assert.equal(text(await p.read(fd)), 'world')
      assert.equal(await p.seek(fd, -5, 2), 6)
      await p.write(fd, 'WORLD')
      assert.equal(await p.seek(fd, 0, 1), 11)
      assert.equal(await p.seek(fd, 100, 0), 100, 'seeking past the end is allowed')
      await fails(p.seek(fd, -1, 0), 'bad arg in system call')
      await fails(p.seek(fd, -12, 2), 'bad arg in system call')
      await p.close(fd)
      await fails(p.read(fd), 'fd out of range or not open')
      await fails(p.write(fd, 'x'), 'fd out of range or not open')
      await fails(p.close(fd), 'fd out of range or not open')
      await fails(p.seek(fd, 0, 0), 'fd out of range or not open')
      assert.equal(text(await p.readFile('/tmp/f')), 'hello WORLD')
    })
  })
})

test('readNow and seekNow answer at once for a file in memory, and decline where the waiting calls must answer', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const fd = await p.create('/tmp/now', 0o644, ORDWR)
      await p.write(fd, 'hello world')
      assert.equal(p.seekNow(fd, 0, 0), 0)
      assert.equal(text(p.readNow(fd, 5)!), 'hello')
      assert.equal(p.seekNow(fd, 1, 1), 6)
      assert.equal(text(p.readNow(fd, 100)!), 'world')
      assert.equal(p.seekNow(fd, -5, 2), 6, 'from the end: memfs stats at once')
      assert.equal(await p.seek(fd, 0, 1), 6, 'the one offset the waiting calls see too')
      assert.equal(p.seekNow(fd, -1, 0), undefined, 'a bad offset: seek gives the reason')
      assert.equal(await p.seek(fd, 0, 1), 6, 'and the offset did not move')
      const [r, w] = p.pipe()
      await p.write(w, 'x')
      assert.equal(p.seekNow(r, 0, 1), undefined, 'a pipe has no offset')
      assert.equal(p.readNow(r, 1), undefined, 'a pipe read waits')
      const wo = await p.open('/tmp/now', OWRITE)
      assert.equal(p.readNow(wo, 1), undefined, 'opened to write: read gives the error')
      await fails(p.read(wo, 1), 'inappropriate use of fd')
      assert.equal(p.readNow(99, 1), undefined)
      assert.equal(p.seekNow(99, 0, 0), undefined)
    })
  })
})

test('a read into a lent buffer: memfs copies into it, the offset moves, the file stays the file\'s own', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const fd = await p.create('/tmp/f', 0o644, ORDWR)
      await p.write(fd, 'hello world')
      await p.seek(fd, 0, 0)
      const buffer = new Uint8Array(8)
      const first = await p.read(fd, 8, buffer)
      assert.equal(text(first), 'hello wo')
      assert.equal(first.buffer, buffer.buffer, 'the bytes are in the lent buffer')
      first.fill(0x21)
      const rest = await p.read(fd, 8, buffer)
      assert.equal(text(rest), 'rld')
      assert.equal(rest.buffer, buffer.buffer)
      assert.equal((await p.read(fd, 8, buffer)).length, 0, 'end of file')
      assert.equal(text(await p.readFile('/tmp/f')), 'hello world', 'changing the buffer changes nothing in the file')
      await p.seek(fd, 0, 0)
      const tooShort = new Uint8Array(2)
      const whole = await p.read(fd, 5, tooShort)
      assert.equal(text(whole), 'hello', 'a buffer shorter than the count is passed over')
      assert.notEqual(whole.buffer, tooShort.buffer)
      await p.close(fd)
    })
  })
})

test('descriptors are the lowest free numbers; 0, 1 and 2 are standard input, output and error', async () => {
  await withSystem(async (sys) => {
    sys.bins.add('fds', async (p) => {
      const input = text(await p.read(0))
      await p.write(1, `out ${input}`)
      await p.write(2, `err ${input}`)
      const a = await p.open('/tmp')
      const b = await p.open('/tmp')
      await p.close(a)
      const c = await p.open('/tmp')
      await p.write(1, ` ${a} ${b} ${c}`)
      return 0
    })
    assert.deepEqual(await sys.exec(['fds'], { stdin: 'in' }), { stdout: 'out in 3 4 3', stderr: 'err in', exitCode: 0 })
  })
})

test('an fd opened for reading cannot write, and one opened for writing cannot read', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/f', 'abc')
      const r = await p.open('/tmp/f', OREAD)
      await fails(p.write(r, 'x'), 'inappropriate use of fd')
      const w = await p.open('/tmp/f', OWRITE)
      await fails(p.read(w), 'inappropriate use of fd')
      const [pr, pw] = p.pipe()
      await fails(p.write(pr, 'x'), 'inappropriate use of fd')
      await fails(p.read(pw), 'inappropriate use of fd')
      assert.equal(text(await p.readFile('/tmp/f')), 'abc')
    })
  })
})

test('open with OTRUNC empties the file', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/f', 'long contents')
      const fd = await p.open('/tmp/f', OWRITE | OTRUNC)
      await p.write(fd, 'short')
      await p.close(fd)
      assert.equal(text(await p.readFile('/tmp/f')), 'short')
    })
  })
})

test('dup shares the open file and its offset; dup onto a number replaces what was there', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/f', '0123456789')
      await p.writeFile('/tmp/g', 'other')
      const fd = await p.open('/tmp/f')
      const copy = await p.dup(fd)
      assert.notEqual(copy, fd)
      assert.equal(text(await p.read(fd, 3)), '012')
      assert.equal(text(await p.read(copy, 3)), '345', 'one offset for both')
      await p.close(fd)
      assert.equal(text(await p.read(copy, 3)), '678', 'closing one leaves the other open')
      const g = await p.open('/tmp/g')
      assert.equal(await p.dup(copy, g), g)
      assert.equal(text(await p.read(g)), '9', 'g now is f')
      assert.equal(await p.dup(g, 20), 20)
      assert.equal(await p.seek(20, 0, 0), 0)
      assert.equal(text(await p.read(g)), '0123456789')
      assert.equal(await p.dup(g, g), g)
      await fails(p.dup(99), 'fd out of range or not open')
      await fails(p.dup(g, -1), 'fd out of range or not open')
    })
  })
})

test('descriptors work on every fileserver: devfs, procfs, binfs', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const zero = await p.open('/dev/zero')
      assert.deepEqual([...(await p.read(zero, 4))], [0, 0, 0, 0])
      const status = await p.open('/proc/self/status')
      const first = text(await p.read(status, 5))
      assert.equal(first, 'name\t')
      assert.equal(await p.seek(status, 0, 0), 0)
      assert.equal(text(await p.read(status, 5)), 'name\t')
      const cmd = await p.open('/bin/echo')
      assert.ok(text(await p.read(cmd)).startsWith('#!builtin echo'))
      const dup = await p.dup(cmd)
      await p.seek(dup, 2, 0)
      assert.equal(text(await p.read(cmd, 7)), 'builtin')
      for (const fd of [zero, status, cmd, dup]) await p.close(fd)
      await fails(p.open('/proc/self/nonesuch'), 'file does not exist')
      await fails(p.open('/dev/nonesuch'), 'file does not exist')
    })
  })
})

test('OAPPEND writes go to the end, wherever the offset is', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.writeFile('/tmp/log', 'one\n')
      const a = await p.open('/tmp/log', OWRITE | OAPPEND)
      const b = await p.open('/tmp/log', OWRITE | OAPPEND)
      await p.write(a, 'two\n')
      await p.seek(a, 0, 0)
      await p.write(a, 'three\n')
      await p.write(b, 'four\n')
      // a plain writer at offset 0 overwrites; the appenders still go to the end
      const plain = await p.open('/tmp/log', OWRITE)
      await p.write(plain, 'ONE\n')
      await p.write(a, 'five\n')
      assert.equal(text(await p.readFile('/tmp/log')), 'ONE\ntwo\nthree\nfour\nfive\n')
      await p.writeFile('/tmp/log', 'six\n', { append: true })
      await p.writeFile('/tmp/new', 'created\n', { append: true })
      assert.equal(text(await p.readFile('/tmp/log')), 'ONE\ntwo\nthree\nfour\nfive\nsix\n')
      assert.equal(text(await p.readFile('/tmp/new')), 'created\n')
    })
  })
})

test('a child\'s descriptors are its parent\'s by default, or the ones named in fds', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const [r, w] = p.pipe()
      const child = await p.spawn(['echo', 'via', 'fd', '1'], { fds: { 1: w } })
      await p.close(w)
      assert.equal(await readAllFd(p, r), 'via fd 1\n')
      assert.equal(await child.wait(), 0)
      await p.close(r)
      // fd 5 of the parent as the child's 0
      await p.writeFile('/tmp/in', 'input text')
      const fd = await p.open('/tmp/in')
      await p.dup(fd, 5)
      const [r2, w2] = p.pipe()
      const copy = await p.spawn(['copy'], { fds: { 0: 5, 1: w2 } })
      await p.close(w2)
      assert.equal(await readAllFd(p, r2), 'input text')
      assert.equal(await copy.wait(), 0)
    })
  })
})

// ---- pipes

test('a pipe carries bytes in order and ends when every writer is closed', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const [r, w] = p.pipe()
      const w2 = await p.dup(w)
      await p.write(w, 'ab')
      await p.write(w2, 'cd')
      assert.equal(text(await p.read(r, 3)), 'ab', 'a read returns at most one write\'s worth here')
      await p.close(w)
      assert.equal(text(await p.read(r, 1)), 'c')
      assert.equal(text(await p.read(r)), 'd')
      await p.close(w2)
      assert.equal((await p.read(r)).length, 0, 'end of file')
      assert.equal((await p.read(r)).length, 0, 'and stays there')
    })
  })
})

test('writing to a pipe with no reader: write on closed pipe, and SIGPIPE', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      // with a handler: the write fails and the process lives
      let signalled = 0
      p.on('SIGPIPE', () => signalled++)
      const [r, w] = p.pipe()
      await p.close(r)
      await fails(p.write(w, 'x'), 'write on closed pipe')
      await settle()
      assert.equal(signalled, 1)
      // without one: the process ends with 141
      const [r2, w2] = p.pipe()
      await p.close(r2)
      const child = await p.spawn(['writer'], {
        fds: { 1: w2 },
        bin: async (c) => {
          await c.write(1, 'x')
          return 0
        },
      })
      await p.close(w2)
      assert.equal(await child.wait(), 141)
    })
  })
})

test('a write that fits in a pipe is done at once: writeNow gives the count, no room gives undefined, no reader write on closed pipe', async () => {
  const pipe = new Pipe()
  const w = pipe.writeEnd
  assert.equal(w.writeNow!(0, new Uint8Array(PIPE_CAPACITY - 1)), PIPE_CAPACITY - 1)
  assert.equal(w.writeNow!(0, new Uint8Array(1)), 1, 'up to the capacity')
  assert.equal(w.writeNow!(0, new Uint8Array(1)), undefined, 'past it: the write must wait')
  assert.equal((await pipe.readEnd.read(0, PIPE_CAPACITY, undefined)).length, PIPE_CAPACITY - 1)
  assert.equal(w.writeNow!(0, Uint8Array.of(7)), 1, 'room again')
  await pipe.readEnd.close()
  assert.throws(() => w.writeNow!(0, Uint8Array.of(1)), (e: unknown) => e instanceof NineError && e.code === 'EPIPE')
  // through a process: a write to a pipe with room answers at once, in order with the others
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const [r, wfd] = p.pipe()
      assert.equal(p.writeNow(wfd, 'ab'), 2)
      await p.write(wfd, 'cd')
      assert.equal(p.writeNow(wfd, 'ef'), 2)
      await p.close(wfd)
      assert.equal(await readAllFd(p, r), 'abcdef')
    })
  })
})

test("a pipe's reader that waits chunk after chunk is listened to once, ended by its signal, and let go when the read end closes", async () => {
  const pipe = new Pipe()
  const reader = new AbortController()
  const listeners = (): number => getEventListeners(reader.signal, 'abort').length
  let added = 0
  const add = reader.signal.addEventListener.bind(reader.signal)
  reader.signal.addEventListener = (...args: Parameters<AbortSignal['addEventListener']>) => {
    added++
    add(...args)
  }
  for (let i = 0; i < 50; i++) {
    const reading = pipe.readEnd.read(0, 10, reader.signal)
    await settle()
    assert.equal(listeners(), 1, `wait ${i}: one listener`)
    await pipe.writeEnd.write(0, Uint8Array.of(i))
    assert.deepEqual([...(await reading)], [i])
  }
  assert.equal(added, 1, 'one listener added for 50 waits')
  const waiting = pipe.readEnd.read(0, 10, reader.signal)
  reader.abort()
  await assert.rejects(waiting, (e: unknown) => e instanceof NineError && e.code === 'EEXITED')
  assert.equal(listeners(), 0, 'fired once')
  const again = new AbortController()
  const read = pipe.readEnd.read(0, 10, again.signal)
  await settle()
  assert.equal(getEventListeners(again.signal, 'abort').length, 1)
  await pipe.writeEnd.close()
  assert.equal((await read).length, 0, 'end of file')
  await pipe.readEnd.close()
  assert.equal(getEventListeners(again.signal, 'abort').length, 0, 'the closed read end listens no more')
})

test('two readers waiting on one pipe leave the host its turns: a write reaches one of them, an ended one goes alone, the end reaches the rest', async () => {
  const pipe = new Pipe()
  const [one, two, three] = [new AbortController(), new AbortController(), new AbortController()]
  const reads = [one, two, three].map((c) => pipe.readEnd.read(0, 10, c.signal))
  let turns = 0
  const timer = setInterval(() => turns++, 5)
  await new Promise((resolve) => setTimeout(resolve, 100))
  clearInterval(timer)
  assert.ok(turns >= 5, `the host had ${turns} timer turns in 100 ms while three readers waited`)
  two.abort()
  await assert.rejects(reads[1]!, (e: unknown) => e instanceof NineError && e.code === 'EEXITED')
  await pipe.writeEnd.write(0, Uint8Array.of(1))
  await pipe.writeEnd.close()
  const got = await Promise.all([reads[0]!, reads[2]!])
  assert.deepEqual(got.map((r) => r.length).sort(), [0, 1], 'the byte to one reader, the end to the other')
})

test('a script whose two background readers share a pipe ends, the host getting its turns meanwhile', { timeout: 30_000 }, async () => {
  const sys = await boot({ presets: [stdSystem()] })
  try {
    let turns = 0
    const timer = setInterval(() => turns++, 5)
    const r = await sys.run('{ sleep 0.3; echo x; } | { cat <&3 & cat <&3 & wait; } 3<&0; echo done', { timeoutMs: 10_000 })
    clearInterval(timer)
    assert.deepEqual(r, { stdout: 'x\ndone\n', stderr: '', exitCode: 0 })
    assert.ok(turns >= 10, `the host had ${turns} timer turns in the 300 ms sleep`)
  } finally {
    await sys.shutdown()
  }
})

test('pipes are bounded: a writer that is never read stops making progress near the capacity', { timeout: 30_000 }, async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const CHUNK = 1024
      let written = 0
      const [r, w] = p.pipe()
      const writer = await p.spawn(['flood'], {
        fds: { 1: w },
        bin: async (c) => {
          const chunk = new Uint8Array(CHUNK)
          for (;;) {
            await c.write(1, chunk)
            written += CHUNK
          }
        },
      })
      await p.close(w)
      await settle(50)
      const stalled = written
      assert.ok(stalled > 0, 'it wrote something')
      assert.ok(stalled <= PIPE_CAPACITY + CHUNK, `wrote ${stalled} bytes into a pipe of ${PIPE_CAPACITY}`)
      await settle(50)
      assert.equal(written, stalled, 'blocked: no progress without a reader')
      // reading lets it go on
      const got = await p.read(r, CHUNK)
      assert.equal(got.length, CHUNK)
      await settle(50)
      assert.ok(written > stalled, 'a read makes room')
      assert.ok(written <= PIPE_CAPACITY + 2 * CHUNK)
      p.kill(writer.pid, 'SIGKILL')
      assert.equal(await writer.wait(), 137)
    })
  })
})

/** `yes`: writes lines of y forever, batching them like the real one. */
const yes: BinFunction = async (p) => {
  const batch = new TextEncoder().encode('y\n'.repeat(2048))
  for (;;) await p.write(1, batch)
}

/** `head -1`: copies the first line of its input, then exits. */
const head1: BinFunction = async (p) => {
  let line = ''
  for (;;) {
    const chunk = await p.read(0)
    if (chunk.length === 0) break
    line += text(chunk)
    const nl = line.indexOf('\n')
    if (nl >= 0) {
      line = line.slice(0, nl + 1)
      break
    }
  }
  await p.write(1, line)
  return 0
}

async function pipeline(p: ProcContext, producer: BinFunction, consumer: BinFunction): Promise<{ out: string; producerStatus: number; consumerStatus: number }> {
  const [r, w] = p.pipe()
  const [outR, outW] = p.pipe()
  const prod = await p.spawn(['producer'], { bin: producer, fds: { 0: 0, 1: w, 2: 2 } })
  const cons = await p.spawn(['consumer'], { bin: consumer, fds: { 0: r, 1: outW, 2: 2 } })
  await p.close(r)
  await p.close(w)
  await p.close(outW)
  const out = await readAllFd(p, outR)
  await p.close(outR)
  return { out, producerStatus: await prod.wait(), consumerStatus: await cons.wait() }
}

test('yes | head -1 ends at once, the writer stopped by SIGPIPE (141)', { timeout: 30_000 }, async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      let produced = 0
      const countingYes: BinFunction = async (c) => {
        const batch = new TextEncoder().encode('y\n'.repeat(2048))
        for (;;) {
          await c.write(1, batch)
          produced += batch.length
        }
      }
      const r = await pipeline(p, countingYes, head1)
      assert.deepEqual(r, { out: 'y\n', producerStatus: 141, consumerStatus: 0 })
      assert.ok(produced <= PIPE_CAPACITY + 4096 * 2, `yes stopped after ${produced} bytes`)
      // the same with the plain bins
      assert.deepEqual(await pipeline(p, yes, head1), { out: 'y\n', producerStatus: 141, consumerStatus: 0 })
    })
  })
})

test('yes | head -1 with a SIGPIPE handler: the writer sees write on closed pipe and picks its status', { timeout: 30_000 }, async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const politeYes: BinFunction = async (c) => {
        c.on('SIGPIPE', () => {})
        try {
          await yes(c)
        } catch (e) {
          if (e instanceof NineError && e.reason === 'write on closed pipe') return 7
          throw e
        }
        return 0
      }
      assert.deepEqual(await pipeline(p, politeYes, head1), { out: 'y\n', producerStatus: 7, consumerStatus: 0 })
    })
  })
})

test('a pipeline streams: the consumer sees the first chunk before the producer finishes', { timeout: 30_000 }, async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      let consumerSawFirst!: () => void
      const sawFirst = new Promise<void>((r) => (consumerSawFirst = r))
      const events: string[] = []
      const producer: BinFunction = async (c) => {
        await c.write(1, 'first\n')
        events.push('producer wrote first')
        // waits until the consumer has the first chunk: deadlocks (and times out) if nothing streams
        await sawFirst
        await c.write(1, 'second\n')
        events.push('producer done')
        return 0
      }
      const consumer: BinFunction = async (c) => {
        let all = ''
        let seen = false
        for (;;) {
          const chunk = await c.read(0)
          if (chunk.length === 0) break
          all += text(chunk)
          if (all.includes('first\n') && !seen) {
            seen = true
            events.push('consumer saw first')
            consumerSawFirst()
          }
        }
        await c.write(1, all)
        return 0
      }
      const r = await pipeline(p, producer, consumer)
      assert.deepEqual(r, { out: 'first\nsecond\n', producerStatus: 0, consumerStatus: 0 })
      assert.ok(events.indexOf('consumer saw first') < events.indexOf('producer done'), events.join(', '))
      assert.equal(events.length, 3)
    })
  })
})

test('a long pipeline of copies moves a large stream intact', { timeout: 60_000 }, async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const STAGES = 5
      const TOTAL = 4 * 1024 * 1024
      let prevR = -1
      const children = []
      const [firstR, firstW] = p.pipe()
      prevR = firstR
      for (let i = 0; i < STAGES; i++) {
        const [r, w] = p.pipe()
        children.push(await p.spawn(['copy'], { fds: { 0: prevR, 1: w, 2: 2 } }))
        await p.close(prevR)
        await p.close(w)
        prevR = r
      }
      const feeding = (async () => {
        const chunk = new Uint8Array(64 * 1024)
        for (let sent = 0; sent < TOTAL; sent += chunk.length) {
          chunk.fill((sent / chunk.length) & 255)
          await p.write(firstW, chunk.slice())
        }
        await p.close(firstW)
      })()
      let received = 0
      let ok = true
      for (;;) {
        const got = await p.read(prevR)
        if (got.length === 0) break
        for (let i = 0; i < got.length; i += 4096) if (got[i] !== (Math.floor((received + i) / 65536) & 255)) ok = false
        received += got.length
      }
      await feeding
      assert.equal(received, TOTAL)
      assert.ok(ok, 'bytes arrive in order')
      for (const c of children) assert.equal(await c.wait(), 0)
    })
  })
})

test('a pipe lends its writer blocks again once a reader with a buffer of its own has copied them out', { timeout: 30_000 }, async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const [r, w] = p.pipe()
      const BLOCK = 4096
      const TOTAL = 300 * BLOCK
      const memory = new Set<ArrayBufferLike>()
      const writing = (async () => {
        for (let sent = 0; sent < TOTAL; sent += BLOCK) {
          const block = p.writeBuffer(w, BLOCK)
          assert.ok(block.length >= BLOCK)
          memory.add(block.buffer)
          for (let i = 0; i < BLOCK; i++) block[i] = (sent + i) % 251
          await p.write(w, block.subarray(0, BLOCK))
        }
        await p.close(w)
      })()
      // an odd size: blocks are split across reads, and a read gathers several
      const into = new Uint8Array(10_007)
      let received = 0
      let wrong = -1
      for (;;) {
        const got = await p.read(r, into.length, into)
        if (got.length === 0) break
        assert.equal(got.buffer, into.buffer, 'the bytes were copied into the lent buffer')
        for (let i = 0; i < got.length; i++) if (got[i] !== (received + i) % 251 && wrong < 0) wrong = received + i
        received += got.length
      }
      await writing
      assert.equal(received, TOTAL)
      assert.equal(wrong, -1, 'every byte arrives, in order')
      assert.ok(memory.size < 100, `300 blocks written in ${memory.size} blocks of memory`)
    })
  })
})

test('a block a reader took as it is is not lent again', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const [r, w] = p.pipe()
      const first = p.writeBuffer(w, 64)
      first.fill(65)
      await p.write(w, first.subarray(0, 64))
      const taken = await p.read(r)
      assert.equal(taken.buffer, first.buffer, 'a read with no buffer of its own gets the block itself')
      const second = p.writeBuffer(w, 64)
      assert.notEqual(second.buffer, first.buffer)
      second.fill(66)
      assert.equal(text(taken), 'A'.repeat(64), 'what the reader holds is unchanged')
      // a block larger than the reader's buffer goes as it is, and stays the reader's
      await p.write(w, second)
      const small = new Uint8Array(32)
      const whole = await p.read(r, 64, small)
      assert.equal(whole.buffer, second.buffer)
      assert.notEqual(p.writeBuffer(w, 64).buffer, second.buffer)
      // passed on to another pipe (as cat does), it is not that pipe's to take back
      const [r2, w2] = p.pipe()
      await p.write(w2, taken)
      const big = new Uint8Array(1024)
      assert.equal((await p.read(r2, 1024, big)).buffer, first.buffer, 'handed on as it is')
      assert.notEqual(p.writeBuffer(w2, 64).buffer, first.buffer)
      await p.close(w2)
      await p.close(r2)
      await p.close(w)
      assert.equal((await p.read(r, 32, small)).length, 0)
    })
  })
})

test('a lent block comes back zeroed: to another writer of the pipe, and to the next pipe', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      const [r, w] = p.pipe()
      let lent: Uint8Array | undefined
      const secret = await p.spawn(['secret'], {
        fds: { 1: w },
        bin: async (c) => {
          lent = c.writeBuffer(1, 8192)
          lent.fill(83)
          await c.write(1, lent.subarray(0, 8192))
          return 0
        },
      })
      assert.equal(await secret.wait(), 0)
      const into = new Uint8Array(8192)
      assert.equal(text(await p.read(r, 8192, into)), 'S'.repeat(8192))
      const mine = p.writeBuffer(w, 8192)
      assert.equal(mine.buffer, lent!.buffer, 'the memory is used again')
      assert.ok(mine.every((b) => b === 0), 'without the bytes it held')
      mine.fill(77)
      await p.write(w, mine)
      assert.equal(text(await p.read(r, 8192, into)), 'M'.repeat(8192))
      await p.close(w)
      await p.close(r)
      const [r2, w2] = p.pipe()
      const next = p.writeBuffer(w2, 8192)
      assert.equal(next.buffer, lent!.buffer)
      assert.ok(next.every((b) => b === 0))
      await p.close(w2)
      await p.close(r2)
      assert.equal(p.writeBuffer(1, 16).length, 16, 'other files: a new array')
    })
  })
})

// ---- names opened in an open directory (openAt)

test('openAt opens a name in an open directory: mount points, unions and walked names as open finds them', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.mkdir('/tmp/d')
      await p.writeFile('/tmp/d/f', 'plain')
      await p.mkdir('/tmp/d/m')
      await p.mkdir('/tmp/other')
      await p.writeFile('/tmp/other/inside', 'mounted')
      await p.bind('/tmp/other', '/tmp/d/m')
      await p.mkdir('/tmp/u1')
      await p.mkdir('/tmp/u2')
      await p.writeFile('/tmp/u2/second', 'from the second member')
      await p.bind('/tmp/u2', '/tmp/u1', { after: true })
      await p.writeFile('/tmp/up', 'above')
      const d = await p.open('/tmp/d')
      assert.equal(await readAllFd(p, await p.openAt(d, 'f')), 'plain')
      const m = await p.openAt(d, 'm')
      assert.equal(await readAllFd(p, await p.openAt(m, 'inside')), 'mounted', 'a mount point is entered')
      assert.equal(await readAllFd(p, await p.openAt(d, '../up')), 'above', 'a name of several elements is walked as a path')
      assert.equal(await readAllFd(p, await p.openAt(d, 'm/inside')), 'mounted')
      const u = await p.open('/tmp/u1')
      assert.equal(await readAllFd(p, await p.openAt(u, 'second')), 'from the second member', 'a union is searched member by member')
      await fails(p.openAt(d, 'absent'), 'file does not exist')
      const [r] = p.pipe()
      await fails(p.openAt(r, 'f'), 'not a directory')
      const file = await p.open('/tmp/d/f')
      await fails(p.openAt(file, 'x'), 'not a directory')
    })
  })
})

test('readFileAt answers only where the fileserver reads a file whole; where it fails, openAt gives the reason', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.mkdir('/tmp/d')
      await p.writeFile('/tmp/d/f', 'plain')
      const d = await p.open('/tmp/d')
      // memfs has no readAt: the caller opens the file
      assert.equal(p.readFileAt(d, 'f', 100), undefined)
      assert.equal(p.readFileAt(d, '../d/f', 100), undefined, 'a name of several elements is opened as a path')
      const [r] = p.pipe()
      assert.equal(p.readFileAt(r, 'f', 100), undefined)
      await fails(p.openAt(r, 'f'), 'not a directory')
    })
  })
})

test('openAt checks permission as open does', async () => {
  await withSystem(async (sys) => {
    await asProc(sys, async (p) => {
      await p.mkdir('/tmp/priv', 0o755)
      await p.writeFile('/tmp/priv/secret', 'no', { perm: 0o600 })
      await p.writeFile('/tmp/priv/open', 'yes', { perm: 0o644 })
    })
    await asProc(
      sys,
      async (p) => {
        const d = await p.open('/tmp/priv')
        await fails(p.openAt(d, 'secret'), 'permission denied')
        assert.equal(await readAllFd(p, await p.openAt(d, 'open')), 'yes')
        await fails(p.openAt(d, 'open', OWRITE), 'permission denied')
      },
      'glenda',
    )
  })
})
