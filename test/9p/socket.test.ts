import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { dialAuthenticated, acceptAuthenticated } from '../../src/9p/auth.ts'
import { connect9p, type NineClient } from '../../src/9p/client.ts'
import type { Listener } from '../../src/9p/dial.ts'
import { serve9p, wireUsers } from '../../src/9p/server.ts'
import { concatBytes } from '../../src/kernel/bytes.ts'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { UserDb } from '../../src/kernel/users.ts'
import { nodeNetwork } from '../../src/node/net9p.ts'

// not a multiple of any read or message size, so every read ends part-way through a message
const SIZE = 3 * 1024 * 1024 + 12_345
const content = new Uint8Array(SIZE).map((_, i) => (i * 31 + (i >> 12)) & 0xff)
const KEY = new TextEncoder().encode('a key of sixteen bytes or more')

let plain: Listener
let keyed: Listener

before(async () => {
  const users = new UserDb()
  users.add({ name: 'root', home: '/root', groups: [], shell: '/bin/sh' })
  const fs = new Memfs({ owner: 'root' })
  fs.seedFile('/big', content, 0o644, 'root')
  for (let i = 0; i < 40; i++) fs.seedFile(`/small${i}`, new Uint8Array(i), 0o644, 'root')
  const serve = { fs, users: wireUsers(users) }
  plain = await nodeNetwork.listen({ net: 'tcp', host: '127.0.0.1', port: 0 }, (t) => serve9p(t, serve))
  keyed = await nodeNetwork.listen({ net: 'tcp', host: '127.0.0.1', port: 0 }, (t) => void acceptAuthenticated(t, KEY).then((a) => serve9p(a, serve), () => {}))
})

after(async () => {
  await plain.close()
  await keyed.close()
})

const portOf = (l: Listener): number => Number(l.address.split('!')[2])

/**
 * Reads the whole file in reads of `count`, with stats of other files in flight meanwhile; with
 * `lend`, into that buffer (as BlockReader lends one), each read's data copied before the next.
 */
async function readAll(client: NineClient, count: number, lend?: Uint8Array): Promise<Uint8Array> {
  const h = await client.open('/big', 0)
  const parts: Uint8Array[] = []
  let got = 0
  const stats = Promise.all(Array.from({ length: 40 }, (_, i) => client.stat(`/small${i}`)))
  for (;;) {
    const data = await h.read(got, count, undefined, lend)
    if (data.length === 0) break
    // a reply longer than the transport's own buffer is read where it is wanted: the lent buffer
    if (lend !== undefined && data.length > 65_536) assert.equal(data.buffer, lend.buffer, 'the data is in the lent buffer')
    parts.push(lend === undefined ? data : data.slice())
    got += data.length
  }
  await h.close()
  const sizes = (await stats).map((d) => d.length)
  assert.deepEqual(sizes, Array.from({ length: 40 }, (_, i) => i))
  return concatBytes(parts)
}

for (const dialect of ['9P2000', '9P2000.L'] as const) {
  test(`a dialed socket's replies land where they are wanted, byte for byte (${dialect})`, async () => {
    const client = await connect9p(await nodeNetwork.dial({ net: 'tcp', host: '127.0.0.1', port: portOf(plain) }), { uname: 'root', dialect })
    try {
      for (const count of [SIZE + 100, 1 << 20, 100_000, 8192, 70_000]) {
        const got = await readAll(client, count)
        assert.equal(got.length, SIZE, `reads of ${count}`)
        assert.ok(Buffer.from(got).equals(content), `reads of ${count}: the same bytes`)
      }
      for (const count of [1 << 20, 100_000, 8192]) {
        const got = await readAll(client, count, new Uint8Array(count))
        assert.ok(Buffer.from(got).equals(content), `reads of ${count} into a lent buffer: the same bytes`)
      }
    } finally {
      client.close()
    }
  })
}

test('an authenticated socket (its handshake a receiver that names no place) reads the same bytes', async () => {
  const dialed = await dialAuthenticated(await nodeNetwork.dial({ net: 'tcp', host: '127.0.0.1', port: portOf(keyed) }), KEY)
  const client = await connect9p(dialed, { uname: 'root', dialect: '9P2000.L' })
  try {
    for (const count of [SIZE, 100_000]) assert.ok(Buffer.from(await readAll(client, count)).equals(content), `reads of ${count}`)
  } finally {
    client.close()
  }
})
