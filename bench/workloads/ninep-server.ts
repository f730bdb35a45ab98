/**
 * The ninefold side of the 9P workload, in a Node process of its own (as diod is): a memfs with
 * the measured files, served on loopback TCP. Prints the port, then serves until killed.
 */
import { fromBuild } from '../ninefold.ts'

// the build the workload's client uses (NINEFOLD_BUILD is inherited), else the sources
const { serve9p, wireUsers } = await fromBuild<typeof import('../../src/9p/server.ts')>('src/9p/server')
const { Memfs } = await fromBuild<typeof import('../../src/kernel/fileservers/memfs.ts')>('src/kernel/fileservers/memfs')
const { UserDb } = await fromBuild<typeof import('../../src/kernel/users.ts')>('src/kernel/users')
const { nodeNetwork } = await fromBuild<typeof import('../../src/node/net9p.ts')>('src/node/net9p')

const users = new UserDb()
users.add({ name: 'root', home: '/root', groups: [], shell: '/bin/sh' })
const fs = new Memfs({ owner: 'root' })
fs.seedFile('/big', new Uint8Array(Number(process.argv[2])).fill(0x61), 0o644, 'root')
fs.seedFile('/small', new Uint8Array(10), 0o644, 'root')
const listener = await nodeNetwork.listen({ net: 'tcp', host: '127.0.0.1', port: 0 }, (t) => serve9p(t, { fs, users: wireUsers(users) }))
process.stdout.write(listener.address.split('!')[2] + '\n')
