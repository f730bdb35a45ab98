/**
 * The ninefold side of the 9P workload, in a Node process of its own (as diod is): a memfs with
 * the measured files, served on loopback TCP. Prints the port, then serves until killed.
 */
import { serve9p, wireUsers } from '../../src/9p/server.ts'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { UserDb } from '../../src/kernel/users.ts'
import { nodeNetwork } from '../../src/node/net9p.ts'

const users = new UserDb()
users.add({ name: 'root', home: '/root', groups: [], shell: '/bin/sh' })
const fs = new Memfs({ owner: 'root' })
fs.seedFile('/big', new Uint8Array(Number(process.argv[2])).fill(0x61), 0o644, 'root')
fs.seedFile('/small', new Uint8Array(10), 0o644, 'root')
const listener = await nodeNetwork.listen({ net: 'tcp', host: '127.0.0.1', port: 0 }, (t) => serve9p(t, { fs, users: wireUsers(users) }))
process.stdout.write(listener.address.split('!')[2] + '\n')
