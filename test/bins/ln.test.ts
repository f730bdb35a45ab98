/** ln: hard links in memfs (one file, two names), compared with GNU ln through the same shell lines. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { both, bootFiles, scratch } from './filesfixture.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

const FILES = { a: 'one\n', b: 'two\n', 'd/': '', 'd/x': 'x\n' }

const LINES = [
  'ln a c && cat c && ls',
  'ln a c; echo more >> c; cat a',
  'ln a c; rm a; cat c; ls',
  'ln a b; echo $?; cat b',
  'ln -f a b; echo $?; cat b',
  'ln a d; ls d; cat d/a',
  'ln a b d; echo $?; ls d',
  'ln missing c; echo $?; ls',
  'ln d e; echo $?',
  'ln; echo $?',
  'ln -v a c',
  'cd d && ln ../a && ls',
  'ln a; echo $?',
  'ln a b c; echo $?',
  'ln -f a a; echo $?; cat a',
  'ln a c; mv c e; cat e; rm a; cat e',
  'ln d/x y; ls d; cat y',
]

test('ln matches GNU ln', async () => {
  for (const line of LINES) {
    const { ours, theirs } = await both(sys, FILES, ['sh', '-c', line])
    assert.equal(ours.stdout, theirs.stdout, `stdout of ${line}: ${ours.stderr}`)
    assert.equal(ours.exitCode, theirs.exitCode, `status of ${line}`)
  }
})

test('a hard link is the same file: one qid, a link count of two, either name removed keeps it', async () => {
  const dir = await scratch(sys, { a: 'data\n' })
  assert.equal((await sys.exec(['ln', `${dir}/a`, `${dir}/b`])).exitCode, 0)
  const [a, b] = [await sys.context.stat(`${dir}/a`), await sys.context.stat(`${dir}/b`)]
  assert.equal(a.qid.path, b.qid.path)
  assert.equal(b.name, 'b')
  assert.equal(a.nlink, 2)
  assert.match((await sys.exec(['stat', `${dir}/b`])).stdout, / links: 2\n/)
  const names = (await sys.context.readdir(dir)).map((d) => d.name).sort()
  assert.deepEqual(names, ['a', 'b'])
  await sys.exec(['rm', `${dir}/a`])
  assert.equal((await sys.context.stat(`${dir}/b`)).nlink, undefined)
  assert.equal(new TextDecoder().decode(await sys.readFile(`${dir}/b`)), 'data\n')
})

test('ln -s fails honestly; links across fileservers are refused', async () => {
  const dir = await scratch(sys, { a: 'x' })
  const s = await sys.exec(['ln', '-s', 'a', 'b'], { cwd: dir })
  assert.equal(s.exitCode, 1)
  assert.match(s.stderr, /^ln: not implemented: symbolic links/)
  const cross = await sys.exec(['ln', `${dir}/a`, '/dev/x'])
  assert.equal(cross.exitCode, 1)
  assert.match(cross.stderr, /^ln: /)
})
