/**
 * gzip and tar against the host's GNU gzip and tar: what ninefold makes, they read, and the
 * other way round; listings of the same archive match line for line.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { gzipSync } from 'node:zlib'
import { zipSync } from 'fflate'
import type { System } from '../../src/image.ts'
import { bootFiles, scratch } from './filesfixture.ts'

let sys: System
let hostDir: string
before(async () => {
  sys = await bootFiles()
  hostDir = mkdtempSync(join(tmpdir(), 'ninefold-archive-'))
})
after(async () => {
  await sys.shutdown()
  rmSync(hostDir, { recursive: true, force: true })
})

const LONG = 'd'.repeat(60) + '/' + 'e'.repeat(70) + '/' + 'f'.repeat(90) + '.txt'
const TREE: Record<string, string> = {
  'a.txt': 'alpha\n',
  'dir/b.txt': 'bravo '.repeat(1000),
  'dir/sub/c.txt': '',
  'dir/sub/d.bin': '\u0000\u0001\u00ff binary',
  [LONG]: 'long name\n',
}

let hostCounter = 0
/** A fresh host directory holding `files`. */
function hostScratch(files: Record<string, string | Uint8Array>): string {
  const dir = join(hostDir, `h${++hostCounter}`)
  mkdirSync(dir)
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), data)
  }
  return dir
}

function hostRun(cwd: string, argv: string[], input?: Uint8Array): { stdout: Buffer; stderr: string; status: number } {
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd, input, env: { PATH: process.env.PATH, TZ: 'UTC', LC_ALL: 'C.UTF-8' } })
  return { stdout: r.stdout, stderr: r.stderr.toString(), status: r.status ?? 255 }
}

async function ours(cwd: string, argv: string[], stdin?: string) {
  return sys.exec(argv, { cwd, ...(stdin !== undefined ? { stdin } : {}) })
}

test('gzip output unpacks with the host gunzip, and the host gzip output with ours', async () => {
  for (const level of ['-1', '-6', '-9']) {
    const dir = await scratch(sys, { 'f.txt': TREE['dir/b.txt']! })
    assert.equal((await ours(dir, ['gzip', level, 'f.txt'])).exitCode, 0)
    const packed = await sys.readFile(`${dir}/f.txt.gz`)
    assert.equal((await ours(dir, ['ls', 'f.txt'])).exitCode, 2, 'gzip removes the original')
    const h = hostScratch({ 'f.txt.gz': packed })
    const r = hostRun(h, ['gzip', '-dc', 'f.txt.gz'])
    assert.equal(r.status, 0, r.stderr)
    assert.equal(r.stdout.toString(), TREE['dir/b.txt'])
  }
  const h = hostScratch({ 'g.txt': 'from the host\n'.repeat(50) })
  hostRun(h, ['gzip', '-9', 'g.txt'])
  const dir = await scratch(sys, { 'g.txt.gz': readFileSync(join(h, 'g.txt.gz')) })
  const z = await ours(dir, ['zcat', 'g.txt.gz'])
  assert.equal(z.stdout, 'from the host\n'.repeat(50))
  assert.equal((await ours(dir, ['gunzip', '-k', 'g.txt.gz'])).exitCode, 0)
  assert.equal(new TextDecoder().decode(await sys.readFile(`${dir}/g.txt`)), 'from the host\n'.repeat(50))
  assert.equal((await ours(dir, ['gzip', '-l', 'g.txt.gz'])).stdout, hostRun(h, ['gzip', '-l', 'g.txt.gz']).stdout.toString())
})

test('gzip and gunzip statuses and messages match GNU gzip', async () => {
  const files = { 'a': 'x\n', 'a.gz': 'not gzip', 'plain': 'y\n', 'c.gz': '' }
  const cases = [['gunzip', 'plain'], ['gunzip', 'a.gz'], ['gzip', 'a.gz'], ['gzip', '-d', 'missing.gz'], ['gzip', 'a'], ['gzip', '-t', 'a.gz']]
  for (const argv of cases) {
    const dir = await scratch(sys, files)
    const mine = await ours(dir, argv)
    const theirs = hostRun(hostScratch(files), argv)
    assert.equal(mine.exitCode, theirs.status, `${argv.join(' ')}: ${mine.stderr} / ${theirs.stderr}`)
  }
  // from standard input to standard output, and back
  const dir = await scratch(sys, { 'p.txt': 'piped\n' })
  assert.equal((await sys.exec(['gzip', '-c', 'p.txt'], { cwd: dir })).exitCode, 0)
  assert.equal((await sys.exec(['gzip'], { cwd: dir, stdin: 'piped\n' })).exitCode, 0)
})

test('tar archives made here extract with GNU tar', async () => {
  for (const flags of ['cf', 'czf']) {
    const dir = await scratch(sys, TREE)
    const name = flags.includes('z') ? 'out.tgz' : 'out.tar'
    const made = await ours(dir, ['tar', flags, name, 'a.txt', 'dir', 'd' + 'd'.repeat(59)])
    assert.equal(made.exitCode, 0, made.stderr)
    const h = hostScratch({ [name]: await sys.readFile(`${dir}/${name}`) })
    const x = hostRun(h, ['tar', 'xf', name])
    assert.equal(x.status, 0, x.stderr)
    for (const [path, data] of Object.entries(TREE)) assert.equal(readFileSync(join(h, path), 'latin1'), Buffer.from(data).toString('latin1'), path)
    const theirList = hostRun(h, ['tar', 'tf', name]).stdout.toString()
    const ourList = (await ours(dir, ['tar', 'tf', name])).stdout
    assert.equal(ourList, theirList)
  }
})

test('tar extracts and lists GNU tar archives like GNU tar', async () => {
  const h = hostScratch(TREE)
  hostRun(h, ['tar', 'czf', 'host.tgz', '--owner=ann', '--group=staff', '--mtime=2024-05-06 07:08:09', 'a.txt', 'dir', 'd' + 'd'.repeat(59)])
  hostRun(h, ['tar', 'cf', 'host.tar', '--format=ustar', 'a.txt', 'dir'])
  const archives = { 'host.tgz': readFileSync(join(h, 'host.tgz')), 'host.tar': readFileSync(join(h, 'host.tar')) }
  const listings = [
    ['tar', 'tf', 'host.tgz'],
    ['tar', 'tzf', 'host.tgz'],
    ['tar', 'tvf', 'host.tgz'],
    ['tar', '-tvzf', 'host.tgz'],
    ['tar', 'tf', 'host.tar'],
    ['tar', '-t', '-f', 'host.tar', 'dir/sub'],
    ['tar', 'tf', 'host.tgz', '--strip-components=1'],
    ['tar', 'tf', 'host.tar', 'nothere'],
    ['tar', '--list', '--file=host.tar', '--exclude=*.bin'],
    ['tar', 'xOf', 'host.tar', 'a.txt'],
    ['tar', '-xzOf', 'host.tgz', 'dir/b.txt'],
    ['tar', 'tf', 'missing.tar'],
    ['tar', '-tf', 'host.tar', '--wildcards', '*.bin'],
    ['tar', '-tf', 'host.tar', '--wildcards', 'dir/*'],
    ['tar', '-tf', 'host.tar', '--no-wildcards', '*.bin'],
    ['tar', '-tf', 'host.tar', '*.txt'],
    ['tar', '-xOf', 'host.tar', '--wildcards', 'a.*'],
  ]
  for (const argv of listings) {
    const dir = await scratch(sys, archives)
    const mine = await ours(dir, argv)
    const theirs = hostRun(hostScratch(archives), argv)
    assert.equal(mine.stdout, theirs.stdout.toString(), `stdout of ${argv.join(' ')}`)
    assert.equal(mine.exitCode, theirs.status, `status of ${argv.join(' ')}: ${mine.stderr} / ${theirs.stderr}`)
  }
  const dir = await scratch(sys, archives)
  const x = await ours(dir, ['tar', 'xzf', 'host.tgz', '-C', 'dir2'.replace('dir2', '.')])
  assert.equal(x.exitCode, 0, x.stderr)
  for (const [path, data] of Object.entries(TREE)) assert.equal(new TextDecoder('latin1').decode(await sys.readFile(`${dir}/${path}`)), Buffer.from(data).toString('latin1'))
  assert.equal((await ours(dir, ['mkdir', 'into'])).exitCode, 0)
  const strip = await ours(dir, ['tar', '-x', '-f', 'host.tar', '-C', 'into', '--strip-components=1', '-v'])
  assert.equal(strip.stdout, hostRun(h, ['tar', '-tf', 'host.tar']).stdout.toString())
  assert.equal(new TextDecoder().decode(await sys.readFile(`${dir}/into/sub/d.bin`)).length > 0, true)
  assert.equal((await ours(dir, ['ls', 'into/a.txt'])).exitCode, 2, 'a.txt had one element: stripped away')
})

test('tar -r and -u add to an archive as GNU tar does, both reading what the other wrote; -a compresses as the name says', async () => {
  const h = hostScratch(TREE)
  hostRun(h, ['tar', 'cf', 'host.tar', '--format=ustar', 'a.txt'])
  const dir = await scratch(sys, { ...TREE, 'host.tar': readFileSync(join(h, 'host.tar')) })
  // ours appends to GNU's archive, GNU's to ours
  assert.equal((await ours(dir, ['tar', '-rf', 'host.tar', 'dir'])).exitCode, 0)
  hostRun(h, ['tar', 'rf', 'host.tar', '--format=ustar', 'dir'])
  assert.equal((await ours(dir, ['tar', 'tf', 'host.tar'])).stdout, hostRun(hostScratch({ 'host.tar': Buffer.from(await sys.readFile(`${dir}/host.tar`)) }), ['tar', 'tf', 'host.tar']).stdout.toString())
  assert.equal((await ours(dir, ['tar', 'tf', 'host.tar'])).stdout.split('\n').filter((l) => l.startsWith('dir/')).length, hostRun(h, ['tar', 'tf', 'host.tar']).stdout.toString().split('\n').filter((l) => l.startsWith('dir/')).length)
  // u adds only what is newer than its copy in the archive: nothing, then the file touched
  const before = (await sys.readFile(`${dir}/host.tar`)).length
  assert.equal((await ours(dir, ['tar', '-uf', 'host.tar', 'a.txt'])).exitCode, 0)
  assert.equal((await sys.readFile(`${dir}/host.tar`)).length, before)
  await ours(dir, ['touch', '-d', '2099-01-01', 'a.txt'])
  assert.equal((await ours(dir, ['tar', '-uvf', 'host.tar', 'a.txt'])).stdout, 'a.txt\n')
  assert.equal((await ours(dir, ['tar', 'tf', 'host.tar', 'a.txt'])).stdout, 'a.txt\na.txt\n')
  const piped = await ours(dir, ['tar', '-rf', '-', 'a.txt'])
  assert.deepEqual([piped.exitCode, piped.stderr.split('\n')[0]], [2, "tar: Options '-Aru' are incompatible with '-f -'"])
  assert.equal((await ours(dir, ['tar', 'czf', 'z.tgz', 'a.txt'])).exitCode, 0)
  const compressed = await ours(dir, ['tar', '-rf', 'z.tgz', 'a.txt'])
  assert.deepEqual([compressed.exitCode, compressed.stderr], [2, 'tar: Cannot update compressed archives\ntar: Error is not recoverable: exiting now\n'])
  // -a: compressed as the name says
  assert.equal((await ours(dir, ['tar', '-caf', 'auto.tar.gz', 'a.txt'])).exitCode, 0)
  assert.deepEqual([...(await sys.readFile(`${dir}/auto.tar.gz`)).subarray(0, 2)], [0x1f, 0x8b])
  assert.equal(hostRun(h, ['tar', 'tzf', '-'], Buffer.from(await sys.readFile(`${dir}/auto.tar.gz`))).stdout.toString(), 'a.txt\n')
  assert.match((await ours(dir, ['tar', '-caf', 'auto.tar.xz', 'a.txt'])).stderr, /not implemented: compression for 'auto.tar.xz'/)
})

test('tar refuses members that climb out of the directory', async () => {
  const h = hostScratch({ 'x/evil.txt': 'no\n', 'up.txt': 'no\n', 'ok.txt': 'fine\n' })
  hostRun(h, ['tar', 'cf', 'evil.tar', '-P', 'x/../up.txt', 'ok.txt'])
  const dir = await scratch(sys, { 'evil.tar': readFileSync(join(h, 'evil.tar')) })
  const r = await ours(dir, ['tar', 'xf', 'evil.tar'])
  assert.equal(r.exitCode, 2)
  assert.match(r.stderr, /Member name contains '\.\.'/)
  assert.equal(new TextDecoder().decode(await sys.readFile(`${dir}/ok.txt`)), 'fine\n')
  assert.equal((await ours(dir, ['ls', 'up.txt'])).exitCode, 2)
})

test('a gzip bomb: tar stops at the limit of stored bytes with a clear error, and a timeout ends it while it inflates', async () => {
  const dir = await scratch(sys, { 'bomb.tgz': gzipSync(new Uint8Array(8 << 20)), 'big.tgz': gzipSync(new Uint8Array(160 << 20)) })
  const r = await sys.run(`cd ${dir} && tar tzf bomb.tgz`, { limits: { storeBytes: 1 << 20 } })
  assert.equal(r.exitCode, 2)
  assert.match(r.stderr, /^gzip: bomb\.tgz: more than 1048576 bytes uncompressed/)
  // 160 MiB of zeros, under the limit: read whole (an empty archive), a slice at a time
  const big = await sys.run(`cd ${dir} && tar tzf big.tgz; echo $?`)
  assert.equal(big.stdout, '0\n')
  // inflating it takes longer than 20 ms: the run's timeout gets its turn and ends tar on the way
  const cut = await sys.run(`cd ${dir} && tar tzf big.tgz`, { timeoutMs: 20 })
  assert.deepEqual([cut.exitCode, cut.ended], [124, 'timeout'])
})

test('a zip member that claims gigabytes is refused before memory is taken for it', async () => {
  const archive = zipSync({ 'f.txt': new TextEncoder().encode('hello '.repeat(100)) })
  // the central directory's uncompressed size of the one member: 4,026,531,840
  const central = archive.findLastIndex((_, i) => archive[i] === 0x50 && archive[i + 1] === 0x4b && archive[i + 2] === 1 && archive[i + 3] === 2)
  new DataView(archive.buffer, archive.byteOffset).setUint32(central + 24, 0xf0000000, true)
  const dir = await scratch(sys, { 'liar.zip': archive })
  const r = await sys.run(`cd ${dir} && unzip -t liar.zip`)
  assert.notEqual(r.exitCode, 0)
  assert.match(r.stderr, /f\.txt: 4026531840 bytes uncompressed, more than the \d+ an archive member may be here/)
})

test('tar and gzip answer --help', async () => {
  for (const name of ['tar', 'gzip', 'gunzip', 'zcat']) {
    const r = await sys.exec([name, '--help'])
    assert.equal(r.exitCode, 0)
    assert.match(r.stdout, new RegExp(`^usage: ${name} `))
  }
})

test('zip archives made here unpack with Info-ZIP unzip', async () => {
  const dir = await scratch(sys, TREE)
  const made = await ours(dir, ['zip', '-r', 'out', 'a.txt', 'dir'])
  assert.equal(made.exitCode, 0, made.stderr)
  assert.match(made.stdout, /^ {2}adding: a\.txt \(stored 0%\)\n {2}adding: dir\/ \(stored 0%\)\n/)
  assert.match(made.stdout, /adding: dir\/b\.txt \(deflated \d+%\)/)
  const h = hostScratch({ 'out.zip': await sys.readFile(`${dir}/out.zip`) })
  const t = hostRun(h, ['unzip', '-t', 'out.zip'])
  assert.equal(t.status, 0, t.stdout.toString())
  assert.equal(hostRun(h, ['unzip', '-q', 'out.zip']).status, 0)
  for (const path of ['a.txt', 'dir/b.txt', 'dir/sub/c.txt', 'dir/sub/d.bin']) {
    assert.equal(readFileSync(join(h, path), 'latin1'), Buffer.from(TREE[path]!).toString('latin1'), path)
  }
  const nothing = await ours(dir, ['zip', 'x.zip', 'nofile'])
  assert.equal(nothing.exitCode, 12)
  assert.equal(nothing.stderr, '\tzip warning: name not matched: nofile\n\nzip error: Nothing to do! (x.zip)\n')
})

test('unzip lists and extracts Info-ZIP archives like unzip', async () => {
  const h = hostScratch(TREE)
  // an odd second: the DOS time rounds it up to the next minute, the extended timestamp keeps it
  const oddSecond = Date.UTC(2026, 0, 2, 3, 37, 59) / 1000
  for (const path of Object.keys(TREE)) utimesSync(join(h, path), oddSecond, oddSecond)
  hostRun(h, ['zip', '-qr', 'host.zip', 'a.txt', 'dir'])
  const files = { 'host.zip': readFileSync(join(h, 'host.zip')) }
  const cases = [
    ['unzip', '-l', 'host.zip'],
    ['unzip', '-l', 'host'],
    ['unzip', 'host.zip'],
    ['unzip', '-q', 'host.zip'],
    ['unzip', 'host.zip', 'dir/b.txt'],
    ['unzip', 'host.zip', 'dir/*'],
    ['unzip', 'host.zip', '-x', 'dir/*'],
    ['unzip', '-p', 'host.zip', 'a.txt'],
    ['unzip', 'host.zip', '-d', 'out'],
    ['unzip', '-j', 'host.zip'],
    ['unzip', 'host.zip', 'nothere'],
    ['unzip', 'missing.zip'],
    ['unzip', '-t', 'host.zip'],
  ]
  for (const argv of cases) {
    const dir = await scratch(sys, files)
    const mine = await ours(dir, argv)
    const hd = hostScratch(files)
    const theirs = hostRun(hd, argv)
    assert.equal(mine.stdout, theirs.stdout.toString(), `stdout of ${argv.join(' ')}`)
    assert.equal(mine.exitCode, theirs.status, `status of ${argv.join(' ')}: ${mine.stderr} / ${theirs.stderr}`)
  }
  const dir = await scratch(sys, files)
  await ours(dir, ['unzip', '-q', 'host.zip'])
  const again = await ours(dir, ['unzip', 'host.zip', 'a.txt'])
  const hostAgain = hostRun(h, ['unzip', 'host.zip', 'a.txt'])
  assert.equal(again.stdout, hostAgain.stdout.toString())
  assert.equal(again.stderr, hostAgain.stderr)
  assert.equal(again.exitCode, hostAgain.status)
  assert.equal((await ours(dir, ['unzip', '-o', 'host.zip', 'a.txt'])).exitCode, 0)
  for (const [path, data] of Object.entries(TREE)) {
    if (path === LONG) continue
    assert.equal(new TextDecoder('latin1').decode(await sys.readFile(`${dir}/${path}`)), Buffer.from(data).toString('latin1'))
  }
})
