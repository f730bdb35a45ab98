/** file against the host's file(1) on the common kinds: same descriptions and MIME types. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import type { System } from '../../src/image.ts'
import { both, bootFiles } from './filesfixture.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)))

const FILES: Record<string, string | Uint8Array> = {
  text: 'hello\n',
  nonl: 'hello',
  crlf: 'a\r\nb\r\n',
  mixed: 'a\r\nb\n',
  cr: 'a\rb\r',
  long: 'x'.repeat(400),
  longcrlf: '0'.repeat(500) + '\r\n',
  esc: 'a\x1b[1mb\n',
  utf8: 'héllo\n',
  latin1: bytes([0xe9], 't', [0xe9], '\n'),
  extended: bytes([0x80, 0x81], 'abc\n'),
  empty: '',
  'dir/': '',
  sh: '#!/bin/sh\necho\n',
  bash: '#!/bin/bash\necho\n',
  envbash: '#!/usr/bin/env bash\n',
  py: '#!/usr/bin/env python3\nprint()\n',
  perl: '#!/usr/bin/perl\n',
  awk: '#!/usr/bin/awk -f\n',
  zsh: '#!/bin/zsh\n',
  node: '#!/usr/bin/env node\n',
  shutf: '#!/bin/sh\n\xc3\xa9\n',
  json: '{"a": [1, 2]}\n',
  jsonarr: '[1,2]\n',
  jsonnonl: '{"a":1}',
  notjson: '{"a":\n',
  str: '"str"\n',
  pdf: bytes('%PDF-1.4\n%', [0xe2, 0xe3], '\n'),
  gif: bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0], ';'),
  gif87: bytes('GIF87a', [0x40, 1, 0xf0, 0], [0, 0, 0]),
  png: bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR', [0, 0, 0, 2, 0, 0, 0, 3, 8, 6, 0, 0, 0]),
  pnggray: bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR', [0, 0, 1, 0, 0, 0, 0, 16, 16, 0, 0, 0, 1]),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
  jpegsof: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0, 1, 2, 1, 0, 72, 0, 72, 0, 0], [0xff, 0xc0, 0, 17, 8, 0, 32, 0, 64, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
  gz: gzipSync('hi\n'),
  data: bytes([0, 1, 2, 0xff]),
  elf: bytes([0x7f], 'ELF', [2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0]),
  elf32: bytes([0x7f], 'ELF', [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0]),
}

const NAMES = Object.keys(FILES).map((n) => n.replace(/\/$/, ''))

test('file describes the common kinds as the host file does', async () => {
  for (const flags of [[], ['-b'], ['-i'], ['--mime-type']]) {
    for (const name of NAMES) {
      const { ours, theirs } = await both(sys, FILES, ['file', ...flags, name])
      assert.equal(ours.stdout, theirs.stdout, `file ${flags.join(' ')} ${name}`)
      assert.equal(ours.exitCode, theirs.exitCode)
    }
  }
  const { ours, theirs } = await both(sys, FILES, ['file', ...NAMES])
  assert.equal(ours.stdout, theirs.stdout, 'the names aligned as file aligns them')
})

test('file on tar and zip archives and on a real executable', async () => {
  const tar = execFileSync('tar', ['cf', '-', '--owner=0', '--group=0', '-C', '/etc', 'hostname'])
  const star = execFileSync('tar', ['cf', '-', '--format=posix', '-C', '/etc', 'hostname'])
  const exe = readFileSync('/bin/true')
  const zip = execFileSync('zip', ['-q', '-', 'hostname'], { cwd: '/etc' })
  const zip0 = execFileSync('zip', ['-q', '-0', '-', 'hostname'], { cwd: '/etc' })
  const files = { tar, star, exe, zip, zip0 }
  for (const name of ['tar', 'star', 'zip', 'zip0']) {
    const { ours, theirs } = await both(sys, files, ['file', name])
    assert.equal(ours.stdout, theirs.stdout)
  }
  const { ours, theirs } = await both(sys, files, ['file', '-b', 'exe'])
  assert.equal(ours.stdout.split(', ').slice(0, 2).join(', '), theirs.stdout.replace(' pie executable', ' shared object').split(', ').slice(0, 2).join(', '))
})

test('a file that cannot be opened is reported on standard output, status 0', async () => {
  const { ours } = await both(sys, FILES, ['file', 'missing'])
  assert.equal(ours.exitCode, 0)
  assert.equal(ours.stdout, "missing: cannot open `missing' (file does not exist)\n")
})
