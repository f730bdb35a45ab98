import assert from 'node:assert/strict'
import { test } from 'node:test'
import { encode, type Msg } from '../../src/9p/codec.ts'
import { Outbox } from '../../src/9p/outbox.ts'
import type { Transport } from '../../src/9p/transport.ts'

/** A transport that records each write, and a copy of its bytes as they were when written. */
function recorder(): { transport: Transport; writes: Uint8Array[]; copies: Uint8Array[] } {
  const writes: Uint8Array[] = []
  const copies: Uint8Array[] = []
  const transport: Transport = {
    start() {},
    write(bytes) {
      writes.push(bytes)
      copies.push(bytes.slice())
    },
    close() {},
  }
  return { transport, writes, copies }
}

const joined = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const turn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

test('messages queued together reach the transport in one write, as their frames one after another', async () => {
  const { transport, writes } = recorder()
  const out = new Outbox(transport)
  out.dialect = '9P2000.L'
  const msgs: Msg[] = [
    { kind: 'Twalk', tag: 1, fid: 0, newfid: 1, wname: ['usr', 'glenda'] },
    { kind: 'Tgetattr', tag: 2, fid: 1, mask: 0x7ffn },
    { kind: 'Tclunk', tag: 3, fid: 1 },
    { kind: 'Tattach', tag: 4, fid: 5, afid: 0xffffffff, uname: 'glenda', aname: '', nuname: 1000 },
  ]
  for (const m of msgs) out.send(m)
  assert.equal(writes.length, 0, 'nothing is written before the queued reactions have run')
  await turn()
  assert.equal(writes.length, 1)
  assert.deepEqual(writes[0], joined(msgs.map((m) => encode(m, '9P2000.L'))))
})

test('long data goes to the transport apart from its header, uncopied, and in order', async () => {
  const { transport, writes } = recorder()
  const out = new Outbox(transport)
  const data = new Uint8Array(10_000).map((_, i) => i & 0xff)
  const msgs: Msg[] = [
    { kind: 'Rclunk', tag: 1 },
    { kind: 'Rread', tag: 2, data },
    { kind: 'Rread', tag: 3, data: data.subarray(0, 100) },
  ]
  for (const m of msgs) out.send(m)
  out.flush()
  assert.equal(writes.length, 3)
  assert.equal(writes[1], data)
  assert.deepEqual(joined(writes), joined(msgs.map((m) => encode(m))))
})

test('a message that cannot be encoded throws and queues nothing; the next ones are whole', async () => {
  const { transport, writes } = recorder()
  const out = new Outbox(transport)
  out.send({ kind: 'Rclunk', tag: 1 })
  assert.throws(() => out.send({ kind: 'Rerror', tag: 2, ename: 'x'.repeat(70_000) }), RangeError)
  out.send({ kind: 'Rflush', tag: 3 })
  out.flush()
  assert.deepEqual(joined(writes), joined([encode({ kind: 'Rclunk', tag: 1 }), encode({ kind: 'Rflush', tag: 3 })]))
})

test('bytes given to the transport are never written again, however much follows', async () => {
  const { transport, writes, copies } = recorder()
  const out = new Outbox(transport)
  // enough messages, some with names near the buffer's free room, to fill several buffers
  for (let i = 0; i < 3000; i++) {
    out.send({ kind: 'Rerror', tag: i & 0xffff, ename: (i % 7 === 0 ? 'y' : 'x').repeat(i % 13 === 0 ? 5000 : 40) })
    if (i % 10 === 0) out.flush()
  }
  out.flush()
  assert.ok(writes.length >= 300)
  for (let i = 0; i < writes.length; i++) assert.deepEqual(writes[i], copies[i], `write ${i} changed after it was made`)
})

test("a message's sender is told when its data is free: at once if copied, else when the transport says", async () => {
  const sents: ((() => void) | undefined)[] = []
  const transport: Transport = { start() {}, write: (_bytes, sent) => void sents.push(sent), close() {} }
  const out = new Outbox(transport)
  let short = 0
  let long = 0
  out.send({ kind: 'Rread', tag: 1, data: new Uint8Array(100) }, () => short++)
  assert.equal(short, 1, 'short data is copied into the buffer: free at once')
  out.send({ kind: 'Rread', tag: 2, data: new Uint8Array(10_000) }, () => long++)
  out.flush()
  assert.equal(long, 0)
  assert.equal(sents.length, 2, 'the header, then the data apart')
  assert.equal(sents[0], undefined)
  sents[1]!()
  assert.equal(long, 1)
})
