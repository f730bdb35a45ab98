import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decode, decodeAttrs, encode, Framer, packStat, unpackDirents, unpackStats, packDirent, type Msg, type Stat } from '../../src/9p/codec.ts'
import { concatBytes } from '../../src/kernel/bytes.ts'

const qid = { type: 0x80, version: 7, path: 0x1234567890abcdefn }
const stat: Stat = { type: 1, dev: 2, qid, mode: 0x800001ed, atime: 10, mtime: 20, length: 4096n, name: 'dir', uid: 'glenda', gid: 'sys', muid: 'glenda' }

const samples: Msg[] = [
  { kind: 'Tversion', tag: 0xffff, msize: 8192, version: '9P2000' },
  { kind: 'Rversion', tag: 0xffff, msize: 8192, version: '9P2000.L' },
  { kind: 'Tattach', tag: 1, fid: 0, afid: 0xffffffff, uname: 'glenda', aname: '', nuname: 0xffffffff },
  { kind: 'Rattach', tag: 1, qid },
  { kind: 'Rerror', tag: 2, ename: 'file does not exist' },
  { kind: 'Twalk', tag: 3, fid: 0, newfid: 1, wname: ['usr', 'glenda', 'lib'] },
  { kind: 'Rwalk', tag: 3, wqid: [qid, qid] },
  { kind: 'Topen', tag: 4, fid: 1, mode: 0x10 },
  { kind: 'Tcreate', tag: 5, fid: 1, name: 'ünïcode', perm: 0o644, mode: 1 },
  { kind: 'Tread', tag: 6, fid: 1, offset: 0xffffffffffn, count: 8168 },
  { kind: 'Rread', tag: 6, data: new Uint8Array([1, 2, 3]) },
  { kind: 'Twrite', tag: 7, fid: 1, offset: 5n, data: new Uint8Array([9, 8]) },
  { kind: 'Rstat', tag: 8, stat },
  { kind: 'Twstat', tag: 9, fid: 1, stat },
  { kind: 'Tflush', tag: 10, oldtag: 6 },
  { kind: 'Rlerror', tag: 11, ecode: 2 },
  { kind: 'Tgetattr', tag: 12, fid: 1, mask: 0x3fffn },
  { kind: 'Tsetattr', tag: 13, fid: 1, valid: 9, mode: 0o600, uid: 0, gid: 0, size: 10n, atimeSec: 0n, atimeNsec: 0n, mtimeSec: 0n, mtimeNsec: 0n },
  { kind: 'Treaddir', tag: 14, fid: 1, offset: 0n, count: 4096 },
  { kind: 'Tlcreate', tag: 15, fid: 1, name: 'f', flags: 0o101, mode: 0o644, gid: 0 },
  { kind: 'Trenameat', tag: 16, olddirfid: 1, oldname: 'a', newdirfid: 1, newname: 'b' },
  { kind: 'Tunlinkat', tag: 17, dirfid: 1, name: 'b', flags: 0x200 },
  { kind: 'Tlock', tag: 18, fid: 1, locktype: 1, flags: 0, start: 0n, length: 0n, procId: 42, clientId: 'host' },
  { kind: 'Rgetlock', tag: 19, locktype: 2, start: 0n, length: 0n, procId: 0, clientId: '' },
  { kind: 'Tfsync', tag: 20, fid: 1, datasync: 1 },
  { kind: 'Rstatfs', tag: 21, fstype: 0x01021997, bsize: 4096, blocks: 1n, bfree: 1n, bavail: 1n, files: 1n, ffree: 1n, fsid: 1n, namelen: 255 },
]

test('every sample message survives encode and decode, in both dialects', () => {
  for (const dialect of ['9P2000', '9P2000.L'] as const) {
    for (const m of samples) {
      const back = decode(encode(m, dialect), dialect)
      const expected = m.kind === 'Tattach' && dialect === '9P2000' ? { ...m, nuname: 0xffffffff } : m
      assert.deepEqual(back, expected, `${m.kind} in ${dialect}`)
    }
  }
})

test('the wire form matches intro(5) byte for byte', () => {
  // size[4] Tversion tag[2] msize[4] version[s]
  assert.deepEqual([...encode({ kind: 'Tversion', tag: 0xffff, msize: 8192, version: '9P2000' })], [19, 0, 0, 0, 100, 0xff, 0xff, 0, 0x20, 0, 0, 6, 0, 57, 80, 50, 48, 48, 48])
  // 9P2000.L attach carries n_uname[4]
  assert.equal(encode({ kind: 'Tattach', tag: 1, fid: 0, afid: 0, uname: '', aname: '', nuname: 5 }, '9P2000.L').length, 4 + 1 + 2 + 4 + 4 + 2 + 2 + 4)
})

test('malformed frames give an error with the tag when it was readable, never an exception', () => {
  const good = encode({ kind: 'Twalk', tag: 3, fid: 0, newfid: 1, wname: ['a', 'b'] })
  assert.deepEqual(decode(good.subarray(0, 5)), { error: 'message too short' })
  const short = good.slice(0, good.length - 1)
  new DataView(short.buffer).setUint32(0, short.length, true)
  assert.equal((decode(short) as { tag?: number }).tag, 3)
  const long = new Uint8Array(good.length + 1)
  long.set(good)
  new DataView(long.buffer).setUint32(0, long.length, true)
  assert.deepEqual(decode(long), { error: 'message too long', tag: 3, type: 110 })
  const lying = good.slice()
  new DataView(lying.buffer).setUint16(15, 60000, true)
  assert.equal((decode(lying) as { error: string }).error, 'bad count')
  const badUtf8 = good.slice()
  badUtf8[19] = 0xff
  assert.equal((decode(badUtf8) as { error: string }).error, 'bad utf-8 in string')
  const unknown = good.slice()
  unknown[4] = 99
  assert.equal((decode(unknown) as { error: string }).error, 'unknown message type 99')
})

test('the framer cuts a stream at any chunking and refuses sizes it cannot trust', () => {
  const frames = samples.map((m) => encode(m, '9P2000.L'))
  const stream = concatBytes(frames)
  for (const step of [1, 3, 7, 64, stream.length]) {
    const framer = new Framer(1 << 20)
    const got: Uint8Array[] = []
    for (let i = 0; i < stream.length; i += step) {
      const r = framer.push(stream.subarray(i, i + step))
      assert.ok(Array.isArray(r))
      got.push(...r)
    }
    assert.deepEqual(got, frames)
  }
  assert.ok('error' in new Framer(100).push(new Uint8Array([200, 0, 0, 0])))
  assert.ok('error' in new Framer(100).push(new Uint8Array([3, 0, 0, 0])))
})

test("the framer gathers an Rread's data where the receiver asks, at any chunking, and every other frame as before", () => {
  const data = new Uint8Array(5000).map((_, i) => (i * 7) & 0xff)
  const msgs: Msg[] = [
    { kind: 'Rclunk', tag: 1 },
    { kind: 'Rread', tag: 2, data },
    { kind: 'Rread', tag: 3, data: data.subarray(0, 300) },
    { kind: 'Rread', tag: 4, data },
    { kind: 'Rwalk', tag: 5, wqid: [] },
  ]
  const frames = msgs.map((m) => encode(m))
  const stream = concatBytes(frames)
  const describe = (m: Msg): string => `${m.kind} ${m.tag} ${m.kind === 'Rread' ? [...m.data].join(',') : ''}`
  for (const step of [1, 5, 11, 12, 100, 4096, stream.length]) {
    // tag 2 has room for its data, tag 3 more than enough, tag 4 too little (so it is never diverted)
    const into = new Map([
      [2, new Uint8Array(5000)],
      [3, new Uint8Array(1000)],
      [4, new Uint8Array(10)],
    ])
    const got: string[] = []
    const diverted: number[] = []
    const framer = new Framer(1 << 20, {
      to: (tag) => into.get(tag),
      diverted: (tag, d) => {
        assert.equal(d.buffer, into.get(tag)!.buffer)
        diverted.push(tag)
        got.push(describe({ kind: 'Rread', tag, data: d }))
      },
    })
    for (let i = 0; i < stream.length; i += step) {
      const r = framer.push(stream.subarray(i, i + step))
      assert.ok(Array.isArray(r))
      for (const f of r) got.push(describe(decode(f) as Msg))
    }
    assert.deepEqual(got, msgs.map(describe), `chunks of ${step}`)
    assert.ok(!diverted.includes(4))
    // a frame spread over chunks whose header came whole is diverted; one inside a chunk is a view of it
    if (step === 100) assert.deepEqual(diverted, [2, 3])
    if (step === 4096) assert.deepEqual(diverted, [2])
    if (step === stream.length) assert.deepEqual(diverted, [])
  }
})

test('a transport reading where the framer wants the bytes, and lending its own buffer elsewhere, gives the same frames and data', () => {
  const data = new Uint8Array(70_000).map((_, i) => (i * 13) & 0xff)
  const msgs: Msg[] = [
    { kind: 'Rclunk', tag: 1 },
    { kind: 'Rread', tag: 2, data },
    { kind: 'Rwalk', tag: 3, wqid: [qid] },
    { kind: 'Rread', tag: 4, data: data.subarray(0, 9000) },
    { kind: 'Rread', tag: 5, data: data.subarray(1) },
    { kind: 'Rclunk', tag: 6 },
  ]
  const frames = msgs.map((m) => encode(m))
  const stream = concatBytes(frames)
  const describe = (m: Msg): string => `${m.kind} ${m.tag} ${m.kind === 'Rread' ? [...m.data].join(',') : ''}`
  for (const step of [3, 11, 100, 4096, 65_536]) {
    // tag 2's data is asked into a buffer of its own; tag 4 and 5 are gathered as whole frames
    const into = new Map([[2, new Uint8Array(70_000)]])
    const got: (Uint8Array | string)[] = []
    const framer = new Framer(1 << 20, { to: (tag) => into.get(tag), diverted: (tag, d) => got.push(describe({ kind: 'Rread', tag, data: d })) })
    const own = new Uint8Array(step)
    let inPlace = 0
    for (let i = 0; i < stream.length; ) {
      const target = framer.wanted() ?? own
      const n = Math.min(step, target.length, stream.length - i)
      target.set(stream.subarray(i, i + n))
      i += n
      if (target !== own) inPlace++
      const r = framer.push(target.subarray(0, n), target === own)
      assert.ok(Array.isArray(r))
      got.push(...r)
      // a lent buffer is the transport's again once push returns
      own.fill(0xee)
    }
    assert.deepEqual(
      got.map((g) => (typeof g === 'string' ? g : describe(decode(g) as Msg))),
      msgs.map(describe),
      `reads of ${step}`,
    )
    assert.ok(inPlace > 0, `reads of ${step} went where the framer wanted them`)
  }
})

test('an Rread whose count disagrees with its size is not diverted: the decoder refuses it', () => {
  const good = encode({ kind: 'Rread', tag: 2, data: new Uint8Array(100).fill(9) })
  const bad = good.slice()
  new DataView(bad.buffer).setUint32(7, 50, true)
  const into = new Uint8Array(100)
  let diverted = 0
  const framer = new Framer(1 << 20, { to: () => into, diverted: () => diverted++ })
  const first = framer.push(bad.subarray(0, 20))
  assert.deepEqual(first, [])
  const frames = framer.push(bad.subarray(20))
  assert.ok(Array.isArray(frames) && frames.length === 1)
  assert.equal(diverted, 0)
  assert.ok('error' in decode(frames[0]!))
  assert.ok(into.every((b) => b === 0), 'nothing was written where the receiver asked')
})

test('directory records: stats and dirents pack and unpack, and torn ones are refused', () => {
  const bytes = new Uint8Array([...packStat(stat), ...packStat({ ...stat, name: 'b' })])
  assert.deepEqual(unpackStats(bytes)?.map((s) => s.name), ['dir', 'b'])
  assert.equal(unpackStats(bytes.subarray(0, bytes.length - 1)), undefined)
  const d = packDirent(qid, 3n, 4, 'x')
  assert.deepEqual(unpackDirents(d), [{ qid, offset: 3n, type: 4, name: 'x' }])
  assert.equal(unpackDirents(d.subarray(1)), undefined)
})

test('64-bit fields and names decode exactly: zero, either half alone, all ones; short and long, ASCII or not', () => {
  for (const path of [0n, 1n, 0xffffffffn, 0x100000000n, 0xffffffff00000000n, 0xffffffffffffffffn]) {
    const m: Msg = { kind: 'Rattach', tag: 1, qid: { type: 0, version: 0, path } }
    assert.deepEqual(decode(encode(m)), m)
  }
  for (const name of ['', 'a', 'x'.repeat(32), 'x'.repeat(33), 'café', 'é'.repeat(16), 'naïve'.repeat(10)]) {
    const m: Msg = { kind: 'Twalk', tag: 2, fid: 0, newfid: 1, wname: [name] }
    assert.deepEqual(decode(encode(m)), m)
  }
  // a short name with a byte that is not UTF-8 is refused like a long one
  for (const length of [3, 40]) {
    const frame = encode({ kind: 'Twalk', tag: 3, fid: 0, newfid: 1, wname: ['a'.repeat(length)] })
    frame[frame.length - 1] = 0xc3
    assert.equal((decode(frame) as { error: string }).error, 'bad utf-8 in string')
  }
})

test("an Rgetattr read by offset (decodeAttrs) has decode's fields, its u64s cut to 53 bits; other frames are not read", () => {
  const big = 0xfedcba9876543210n
  const attr = { kind: 'Rgetattr', tag: 3, valid: 0x7ffn, qid: { type: 0x80, version: 0xfffffffe, path: big }, mode: 0o40755, uid: 1000, gid: 0xffffffff, nlink: 2n, rdev: 0n, size: (1n << 53n) - 1n, blksize: 4096n, blocks: 1n, atimeSec: 1_765_000_000n, atimeNsec: 5n, mtimeSec: 1n << 32n, mtimeNsec: 0n, ctimeSec: 7n, ctimeNsec: 0n, btimeSec: 0n, btimeNsec: 0n, gen: 0n, dataVersion: 9n } as const satisfies Msg
  const frame = encode(attr, '9P2000.L')
  const cut = (n: bigint): number => Number(BigInt.asUintN(53, n))
  // a frame that is a view into a larger chunk, as the framer hands them out
  const chunk = new Uint8Array(frame.length + 10)
  chunk.set(frame, 5)
  assert.deepEqual(decodeAttrs(chunk.subarray(5, 5 + frame.length)), { qidType: 0x80, qidVersion: 0xfffffffe, qidPath: cut(big), mode: 0o40755, uid: 1000, gid: 0xffffffff, size: 2 ** 53 - 1, atime: 1_765_000_000, mtime: 2 ** 32 })
  assert.equal(decodeAttrs(encode({ kind: 'Rlerror', tag: 3, ecode: 2 }, '9P2000.L')), undefined)
  assert.equal(decodeAttrs(frame.subarray(0, frame.length - 1)), undefined)
})
