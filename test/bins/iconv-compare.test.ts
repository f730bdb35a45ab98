/** iconv against glibc's iconv on this machine: the same bytes out, the same status and message. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { System } from '../../src/image.ts'
import { bootFiles } from './filesfixture.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0))
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

/**
 * `iconv ARGS -o out in` here and on the host: the bytes written to out (glibc makes the file at
 * its first output: none, no file), the status and standard error.
 */
async function same(args: string[], input: Uint8Array): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ninefold-iconv-'))
  try {
    writeFileSync(join(dir, 'in'), input)
    const argv = ['iconv', ...args, '-o', join(dir, 'out'), join(dir, 'in')]
    const h = spawnSync(argv[0]!, argv.slice(1), { env: { PATH: process.env.PATH, LC_ALL: 'C.UTF-8' }, encoding: 'utf8' })
    const theirs = { status: h.status, stderr: h.stderr, file: existsSync(join(dir, 'out')) ? [...readFileSync(join(dir, 'out'))] : 'none' }
    await sys.writeFile('/tmp/in', input)
    await sys.exec(['rm', '-f', '/tmp/out'])
    const r = await sys.exec(['iconv', ...args, '-o', '/tmp/out', '/tmp/in'])
    const ours = { status: r.exitCode, stderr: r.stderr, file: await sys.readFile('/tmp/out').then((b) => [...b], () => 'none') }
    assert.deepEqual(ours, theirs, `iconv ${args.join(' ')}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test('iconv converts as glibc iconv does: UTF-8, UTF-16, UTF-32, Latin-1, windows-1252, KOI8-R, ASCII', async () => {
  await same(['-f', 'LATIN1', '-t', 'UTF-8'], bytes('caf\xe9 \xff\n'))
  await same(['-f', 'UTF-8', '-t', 'ISO-8859-1'], utf8('café ÿ\n'))
  await same(['-f', 'utf8', '-t', 'latin1'], utf8('x'))
  for (const to of ['UTF-16', 'UTF-16LE', 'UTF-16BE', 'UTF-32', 'UTF-32LE', 'UTF-32BE']) {
    await same(['-f', 'UTF-8', '-t', to], utf8('ab é😀\n'))
  }
  await same(['-f', 'UTF-16', '-t', 'UTF-8'], bytes('\xff\xfea\x00\xe9\x00'))
  await same(['-f', 'UTF-16BE', '-t', 'UTF-8'], bytes('\x00a\x00b'))
  await same(['-f', 'WINDOWS-1252', '-t', 'UTF-8'], bytes('\xe9\x80\x93\x99'))
  await same(['-f', 'UTF-8', '-t', 'CP1252'], utf8('é€–™'))
  await same(['-f', 'KOI8-R', '-t', 'UTF-8'], bytes('\xf0\xd2\xc9\xd7\xc5\xd4'))
  await same(['-f', 'UTF-8', '-t', 'KOI8-R'], utf8('Привет'))
  await same(['-f', 'ASCII', '-t', 'UTF-8'], bytes('plain\n'))
})

test('iconv stops at bad input or a character the target cannot hold, after what came before; -c, //IGNORE and //TRANSLIT', async () => {
  await same(['-f', 'UTF-8', '-t', 'ISO-8859-1'], utf8('café €\n'))
  await same(['-c', '-f', 'UTF-8', '-t', 'ISO-8859-1'], utf8('café €\n'))
  await same(['-f', 'UTF-8', '-t', 'UTF-16LE'], bytes('a\xffb'))
  await same(['-f', 'ASCII', '-t', 'UTF-8'], bytes('ok\x80'))
  await same(['-f', 'UTF-8', '-t', 'ASCII'], utf8('é'))
  await same(['-f', 'UTF-8', '-t', 'ASCII//IGNORE'], utf8('naïve ñ\n'))
  for (const args of [['-f', 'UTF-8', '-t', 'ISO-8859-1'], ['-c', '-f', 'UTF-8', '-t', 'ISO-8859-1'], ['-c', '-f', 'UTF-8', '-t', 'UTF-16LE'], ['-f', 'UTF-8', '-t', 'ASCII//IGNORE']]) {
    await same(args, bytes('caf\xc3\xa9 \xe2\x82\xac a\xffb\x80\n'))
  }
  await same(['-f', 'UTF-8', '-t', 'UTF-8'], bytes(''))
  await same(['-f', 'UTF-8', '-t', 'UTF-8'], bytes('\xff'))
  await same(['-f', 'UTF-8', '-t', 'ASCII//TRANSLIT'], utf8('“quoted” – ß æ € © … • ™ ® £ ¥ ø Ø ł ¼ ½ × ÷ µ ¡ « » ‘x’ ‚ Œ œ Æ ﬁ ÀÉÎõü café\n'))
})

test('iconv names what it cannot do', async () => {
  const r = await sys.exec(['iconv', '-f', 'NO-SUCH', '-t', 'UTF-8'], { stdin: 'x' })
  assert.deepEqual([r.exitCode, r.stderr], [1, "iconv: conversion from 'NO-SUCH' unsupported\n"])
  const multi = await sys.exec(['iconv', '-f', 'UTF-8', '-t', 'SHIFT_JIS'], { stdin: 'x' })
  assert.deepEqual([multi.exitCode, multi.stderr], [1, 'iconv: not implemented: conversion to SHIFT_JIS (a multi-byte encoding ninefold reads but does not write)\n'])
  await sys.writeFile('/tmp/sjis', bytes('\x82\xa0'))
  assert.equal((await sys.exec(['iconv', '-f', 'SHIFT_JIS', '-t', 'UTF-8', '/tmp/sjis'])).stdout, '\u3042')
})
