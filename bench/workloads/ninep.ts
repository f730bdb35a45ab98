/**
 * 11. 9P over loopback TCP: one client (ninefold's, in 9P2000.L, the dialect diod speaks) reading
 * a 1 MiB file and stat'ing a file, against ninefold's server and against diod serving the same
 * files, each server in a process of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { NineClient } from '../../src/9p/client.ts'
import { row, stats, timed, type Row, type Target, type Workload, type WorkloadResult } from '../harness.ts'
import { fromBuild } from '../ninefold.ts'

// the client (and, in its own process, the server) as the package ships, as every workload runs it
const { connect9p } = await fromBuild<typeof import('../../src/9p/client.ts')>('src/9p/client')
const { nodeNetwork } = await fromBuild<typeof import('../../src/node/net9p.ts')>('src/node/net9p')

const SIZE = 1 << 20
/**
 * Stats a run: about a third of a second at ninefold's rate. Runs of 5,000 (60-80 ms) were as
 * short as the pauses of a machine shared with other work, and one pause took a run to half its
 * rate (bench/changes.md, entry 42).
 */
const STATS = 20_000
/** Stats in flight at once, as a client with several processes would have. */
const PARALLEL = 16
/**
 * Reads measured: a read of 1 MiB takes about a millisecond, so twenty of them (as before) gave
 * medians that swung from half to twice the other server's with the machine's pauses.
 */
const READS = 100
const STAT_RUNS = 5
/** Reads of the file before any is measured. */
const WARMUP = 20
/**
 * Stat runs before any is measured: a Node process's first 20,000 or so stats go at a third to
 * two thirds of the later rate while V8 optimizes the code on both sides (bench/changes.md,
 * entry 37).
 */
const STAT_WARMUP = 2
const DIOD = '/usr/sbin/diod'

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) resolve(out.split('\n')[0]!)
    })
    child.once('exit', () => reject(new Error('server exited')))
  })
}

/** A client of the server on `port`; it asks the server whether it keeps each fid's requests in order (ninefold's does, diod does not). */
async function connected(port: number, aname: string): Promise<NineClient> {
  for (let i = 0; ; i++) {
    try {
      return await connect9p(await nodeNetwork.dial({ net: 'tcp', host: '127.0.0.1', port }), { uname: 'root', aname, dialect: '9P2000.L' })
    } catch (e) {
      if (i > 200) throw e
      await new Promise((r) => setTimeout(r, 25))
    }
  }
}

/** One read of the 1 MiB file to its end, in MiB/s. */
async function readOnce(client: NineClient): Promise<number> {
  const h = await client.open('/big', 0)
  let got = 0
  const ms = await timed(async () => {
    for (;;) {
      const data = await h.read(got, SIZE)
      if (data.length === 0) break
      got += data.length
    }
  })
  await h.close()
  if (got !== SIZE) throw new Error(`read ${got} bytes, not ${SIZE}`)
  return SIZE / 2 ** 20 / (ms / 1000)
}

/** STATS stats of one file, PARALLEL in flight, in stats/s. */
async function statsOnce(client: NineClient): Promise<number> {
  let next = 0
  const ms = await timed(() =>
    Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next++ < STATS) await client.stat('/small')
      }),
    ),
  )
  return STATS / (ms / 1000)
}

/** A server under measurement: its client, and its samples. */
interface Served {
  name: string
  client: NineClient
  reads: number[]
  stats: number[]
}

/**
 * Every server's runs, taken in turns (which server goes first alternates): one client process
 * measures all of them, so none is measured with a colder client or under a different load of
 * the machine than the others; each is warmed up first.
 */
async function measure(servers: Served[]): Promise<void> {
  for (const s of servers) {
    for (let i = 0; i < WARMUP; i++) await readOnce(s.client)
    for (let i = 0; i < STAT_WARMUP; i++) await statsOnce(s.client)
  }
  const turns = (i: number): Served[] => (i % 2 === 0 ? servers : [...servers].reverse())
  for (let i = 0; i < READS; i++) for (const s of turns(i)) s.reads.push(await readOnce(s.client))
  for (let i = 0; i < STAT_RUNS; i++) for (const s of turns(i)) s.stats.push(await statsOnce(s.client))
}

/** What the client found out about the server's order, for a stat row's notes. */
const statNote = (client: NineClient): string =>
  client.ordered === true ? 'walk, getattr and clunk in one round trip (the server said it keeps order)' : "walk, getattr and clunk one after another (the server did not say it keeps a fid's requests in order)"



export const ninepWorkload: Workload = {
  id: 11,
  title: '9P over loopback TCP',
  async run(): Promise<WorkloadResult> {
    const rows: Row[] = []
    const servers: Served[] = []
    const stops: (() => Promise<void> | void)[] = []
    try {
      const server = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL('./ninep-server.ts', import.meta.url)), String(SIZE)], { stdio: ['ignore', 'pipe', 'inherit'] })
      stops.push(() => void server.kill())
      const ours = await connected(Number(await firstLine(server)), '')
      stops.push(() => ours.close())
      servers.push({ name: 'ninefold server', client: ours, reads: [], stats: [] })
      if (existsSync(DIOD)) {
        const dir = await mkdtemp(join(tmpdir(), 'ninefold-bench-9p-'))
        stops.push(() => rm(dir, { recursive: true, force: true }))
        await writeFile(join(dir, 'big'), new Uint8Array(SIZE).fill(0x61))
        await writeFile(join(dir, 'small'), new Uint8Array(10))
        const port = 20000 + Math.floor(Math.random() * 20000)
        const diod = spawn(DIOD, ['-f', '-n', '-l', `127.0.0.1:${port}`, '-e', dir], { stdio: 'ignore', cwd: tmpdir() })
        stops.push(() => void diod.kill())
        const theirs = await connected(port, dir)
        stops.push(() => theirs.close())
        servers.push({ name: 'diod', client: theirs, reads: [], stats: [] })
      }
      await measure(servers)
      for (const s of servers) {
        const note = `msize ${s.client.msize}`
        rows.push({ system: `${s.name}: read 1 MiB (MiB/s)`, stats: stats(s.reads), note }, { system: `${s.name}: stat (stats/s)`, stats: stats(s.stats), note: `${note}; ${statNote(s.client)}` })
      }
      if (!existsSync(DIOD)) rows.push({ system: 'diod', note: 'not installed' })
    } finally {
      for (const stop of stops.reverse()) await stop()
    }
    return {
      id: 11,
      title: this.title,
      description: `ninefold's 9P client (9P2000.L, asking for msize 512 KiB; the notes say what each server granted) on loopback TCP: reading a 1 MiB file to its end (MiB/s, ${READS} runs), and ${STATS.toLocaleString('en')} stats of a file, ${PARALLEL} in flight (stats/s, ${STAT_RUNS} runs); against ninefold's server (a memfs, in a Node process of its own) and diod serving the same files from the host's /tmp, both up at once and measured in turns after ${WARMUP} reads and ${STAT_WARMUP} stat runs each. Higher is better.`,
      unit: 'per second',
      higherIsBetter: true,
      rows,
    }
  },
  targets(r): Target[] {
    const nfRead = row(r, 'ninefold server: read 1 MiB (MiB/s)')
    const diodRead = row(r, 'diod: read 1 MiB (MiB/s)')
    const nfStat = row(r, 'ninefold server: stat (stats/s)')
    return [
      { text: "11. 9P: 1 MiB reads at least as fast as diod's", met: nfRead !== undefined && diodRead !== undefined && nfRead.median >= diodRead.median, evidence: `ninefold ${nfRead?.median.toFixed(0) ?? '?'} MiB/s, diod ${diodRead?.median.toFixed(0) ?? '?'} MiB/s` },
      { text: '11. 9P: at least 50,000 stats/s', met: (nfStat?.median ?? 0) >= 50_000, evidence: `ninefold ${nfStat?.median.toFixed(0) ?? '?'} stats/s` },
    ]
  },
}
