/**
 * Random and mutated frames to the 9P server and client. Whatever arrives, neither throws past
 * its connection, every call settles, and a closed connection leaves no file open. `npm test`
 * runs a small number; `npm run fuzz` (NINEFOLD_FUZZ_SCALE) runs the million.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { connect9p } from '../../src/9p/client.ts'
import { decode, encode, Framer, type Dialect, type Msg } from '../../src/9p/codec.ts'
import { serve9p, wireUsers } from '../../src/9p/server.ts'
import { pipeTransports } from '../../src/9p/transport.ts'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { UserDb } from '../../src/kernel/users.ts'
import { OREAD, type Cred, type Fileserver, type Handle } from '../../src/kernel/types.ts'

const SCALE = Number(process.env.NINEFOLD_FUZZ_SCALE ?? '1')
const SERVER_FRAMES = Math.round(4000 * SCALE)
const CLIENT_FRAMES = Math.round(1000 * SCALE)

/** A small, seeded generator: failures can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const users = new UserDb()
users.add({ name: 'root', home: '/root', groups: [], shell: '/bin/sh' })
users.add({ name: 'glenda', home: '/usr/glenda', groups: [], shell: '/bin/sh' })
const root: Cred = users.cred('root')

/** A memfs that counts its open handles. */
function countingFs(): { fs: Fileserver; open: () => number } {
  const mem = new Memfs({ owner: 'root', mode: 0o777 })
  mem.seedFile('/a/b/file', new Uint8Array(1000).fill(7), 0o666, 'root')
  mem.seedDir('/d', 0o777, 'root')
  let open = 0
  const track = (h: Handle): Handle => {
    open++
    let closed = false
    return {
      read: (o, c, s) => h.read(o, c, s),
      write: (o, d, s) => h.write(o, d, s),
      close: () => {
        if (!closed) open--
        closed = true
        return h.close()
      },
    }
  }
  const fs: Fileserver = {
    kind: 'counting',
    stat: (p, c) => mem.stat(p, c),
    readdir: (p, c) => mem.readdir(p, c),
    open: async (p, m, c) => track(await mem.open(p, m, c)),
    create: async (p, perm, m, c) => track(await mem.create(p, perm, m, c)),
    remove: (p, c) => mem.remove(p, c),
    wstat: (p, ch, c) => mem.wstat(p, ch, c),
  }
  return { fs, open: () => open }
}

/** Valid requests over a few fids: the seeds mutations start from. */
function seeds(dialect: Dialect): Uint8Array[] {
  const stat = { type: 0, dev: 0, qid: { type: 0, version: 0, path: 0n }, mode: 0o644, atime: 0, mtime: 0, length: 3n, name: 'x', uid: '', gid: '', muid: '' }
  const msgs: Msg[] = [
    { kind: 'Tattach', tag: 1, fid: 1, afid: 0xffffffff, uname: 'root', aname: '', nuname: 0 },
    { kind: 'Twalk', tag: 2, fid: 1, newfid: 2, wname: ['a', 'b', 'file'] },
    { kind: 'Twalk', tag: 3, fid: 1, newfid: 3, wname: ['d'] },
    { kind: 'Twalk', tag: 3, fid: 1, newfid: 4, wname: ['..', 'a', '..', '..'] },
    { kind: 'Topen', tag: 4, fid: 2, mode: 2 },
    { kind: 'Tlopen', tag: 4, fid: 3, flags: 0 },
    { kind: 'Tread', tag: 5, fid: 2, offset: 10n, count: 100 },
    { kind: 'Tread', tag: 5, fid: 3, offset: 0n, count: 100 },
    { kind: 'Twrite', tag: 6, fid: 2, offset: 0n, data: new Uint8Array([1, 2, 3]) },
    { kind: 'Tcreate', tag: 7, fid: 3, name: 'new', perm: 0o644, mode: 1 },
    { kind: 'Tlcreate', tag: 7, fid: 3, name: 'new2', flags: 1, mode: 0o644, gid: 0 },
    { kind: 'Tmkdir', tag: 7, dfid: 3, name: 'sub', mode: 0o755, gid: 0 },
    { kind: 'Tstat', tag: 8, fid: 2 },
    { kind: 'Tgetattr', tag: 8, fid: 2, mask: 0x7ffn },
    { kind: 'Twstat', tag: 9, fid: 2, stat },
    { kind: 'Tsetattr', tag: 9, fid: 2, valid: 8, mode: 0, uid: 0, gid: 0, size: 5n, atimeSec: 0n, atimeNsec: 0n, mtimeSec: 0n, mtimeNsec: 0n },
    { kind: 'Treaddir', tag: 10, fid: 3, offset: 0n, count: 500 },
    { kind: 'Trenameat', tag: 11, olddirfid: 3, oldname: 'new', newdirfid: 3, newname: 'old' },
    { kind: 'Tunlinkat', tag: 12, dirfid: 3, name: 'old', flags: 0 },
    { kind: 'Tflush', tag: 13, oldtag: 5 },
    { kind: 'Tclunk', tag: 14, fid: 2 },
    { kind: 'Tremove', tag: 15, fid: 4 },
    { kind: 'Tstatfs', tag: 16, fid: 1 },
    { kind: 'Txattrwalk', tag: 17, fid: 1, newfid: 9, name: 'user.x' },
    { kind: 'Tlock', tag: 18, fid: 2, locktype: 1, flags: 0, start: 0n, length: 0n, procId: 1, clientId: 'c' },
  ]
  return msgs.map((m) => encode(m, dialect))
}

function mutate(rand: () => number, frame: Uint8Array): Uint8Array {
  const kind = rand()
  let out: Uint8Array
  if (kind < 0.15) {
    // random bytes behind a header that frames correctly
    out = new Uint8Array(7 + Math.floor(rand() * 64))
    for (let i = 4; i < out.length; i++) out[i] = Math.floor(rand() * 256)
  } else if (kind < 0.3) {
    // truncated or extended, size kept consistent
    const len = Math.max(7, Math.floor(rand() * (frame.length + 16)))
    out = new Uint8Array(len)
    out.set(frame.subarray(0, Math.min(len, frame.length)))
  } else {
    out = frame.slice()
    const flips = 1 + Math.floor(rand() * 4)
    for (let i = 0; i < flips; i++) out[4 + Math.floor(rand() * (out.length - 4))] = Math.floor(rand() * 256)
  }
  new DataView(out.buffer).setUint32(0, out.length, true)
  // now and then a size that lies: the server must close the connection, not wait or throw
  if (rand() < 0.01) new DataView(out.buffer).setUint32(0, Math.floor(rand() * 0xffffffff), true)
  return out
}

test(`server: ${SERVER_FRAMES} random and mutated frames, no exception, every file closed after`, { timeout: 3_600_000 }, async () => {
  const rand = prng(9)
  let sent = 0
  let connections = 0
  const bad: string[] = []
  while (sent < SERVER_FRAMES) {
    const dialect: Dialect = rand() < 0.5 ? '9P2000' : '9P2000.L'
    const { fs, open } = countingFs()
    const [a, b] = pipeTransports()
    const conn = serve9p(a, { fs, users: wireUsers(users) })
    let replies = 0
    let closed = false
    // a write may carry several replies
    const framer = new Framer(1 << 20)
    b.start(
      (chunk) => {
        const frames = framer.push(chunk)
        if (!Array.isArray(frames)) return void bad.push(`${frames.error} in ${dialect}`)
        for (const frame of frames) {
          replies++
          // every reply the server sends must itself be a well-formed R message
          const m = decode(frame, dialect)
          if ('error' in m || m.kind[0] !== 'R') bad.push(`${'error' in m ? m.error : m.kind} in ${dialect}: ${[...frame.subarray(0, 32)].join(',')}`)
        }
      },
      () => (closed = true),
    )
    b.write(encode({ kind: 'Tversion', tag: 0xffff, msize: 8192, version: dialect }))
    const pool = seeds(dialect)
    for (let i = 0; i < 200 && sent < SERVER_FRAMES && !closed; i++, sent++) {
      const seed = pool[Math.floor(rand() * pool.length)]!
      b.write(rand() < 0.3 ? seed : mutate(rand, seed))
      if (i % 20 === 0) await new Promise((r) => setImmediate(r))
    }
    await new Promise((r) => setImmediate(r))
    b.close()
    await conn.done
    assert.equal(open(), 0, 'a handle was left open')
    assert.ok(replies > 0 || closed)
    connections++
  }
  assert.ok(connections > 0)
  assert.deepEqual(bad, [])
})

test(`client: ${CLIENT_FRAMES} random and mutated replies, every call settles, no exception`, { timeout: 3_600_000 }, async () => {
  const rand = prng(16)
  let answered = 0
  while (answered < CLIENT_FRAMES) {
    const dialect: Dialect = rand() < 0.5 ? '9P2000' : '9P2000.L'
    const [a, b] = pipeTransports()
    // a hostile server: answers version and attach properly, then anything at all
    const framer = new Framer(1 << 20)
    const answer = (frame: Uint8Array): void => {
      const m = decode(frame, dialect)
      if ('error' in m) return
      if (m.kind === 'Tversion') return a.write(encode({ kind: 'Rversion', tag: m.tag, msize: 8192, version: dialect }))
      if (m.kind === 'Tattach') return a.write(encode({ kind: 'Rattach', tag: m.tag, qid: { type: 0x80, version: 0, path: 1n } }, dialect))
      answered++
      const good: Msg[] = [
        { kind: 'Rwalk', tag: m.tag, wqid: [{ type: 0, version: 0, path: 2n }] },
        { kind: 'Rread', tag: m.tag, data: new Uint8Array(Math.floor(rand() * 300)).map(() => Math.floor(rand() * 256)) },
        { kind: 'Rerror', tag: m.tag, ename: 'file does not exist' },
        { kind: 'Rlerror', tag: m.tag, ecode: Math.floor(rand() * 200) },
        { kind: 'Rreaddir', tag: m.tag, data: new Uint8Array(40).map(() => Math.floor(rand() * 256)) },
        { kind: 'Rclunk', tag: m.tag },
      ]
      const reply = encode(good[Math.floor(rand() * good.length)]!, dialect)
      if (rand() < 0.1) return // never answered: settles when the connection goes
      a.write(rand() < 0.5 ? reply : mutate(rand, reply))
    }
    a.start(
      (chunk) => {
        // a write may carry several requests (a stat's walk, getattr and clunk)
        const frames = framer.push(chunk)
        if (Array.isArray(frames)) for (const frame of frames) answer(frame)
      },
      () => {},
    )
    const client: Fileserver = await connect9p(b, { uname: 'root', dialect })
    const calls = [
      client.stat('/a/b', root),
      client.readdir('/', root),
      client.open('/f', OREAD, root).then((h) => h.read(0, 100)),
      client.remove('/x', root),
      client.wstat('/y', { name: 'z' }, root),
      client.create('/n', 0o644, 1, root),
    ]
    const settled = Promise.allSettled(calls)
    await new Promise((r) => setTimeout(r, 1))
    a.close()
    const results = await settled
    for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as Error).name, 'NineError', String(r.reason))
  }
})
