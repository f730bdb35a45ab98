/** csplit against GNU csplit: sizes printed, status, and the pieces left behind. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { both, bootFiles } from './filesfixture.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

const seq = (n: number): string => Array.from({ length: n }, (_, i) => `${i + 1}\n`).join('')
const FILES = { ten: seq(10), twenty: seq(20), ab: 'a\nb\na\nb\n', words: 'alpha\n## one\nbeta\ngamma\n## two\ndelta\n', nonl: '1\n2\n3', utf: 'é\nü\n## x\nñ\n' }

const ARGS = [
  ['ten', '3', '7'], ['ten', '3', '2'], ['ten', '/5/+1', '%8%'], ['twenty', '/5/', '{*}'], ['-k', 'ten', '/3/', '{5}'], ['ten', '/3/', '{5}'],
  ['ten', '20'], ['-z', '-f', 'p', '-n', '3', 'ten', '/1/', '{*}'], ['ab', '/a/', '/a/'], ['ten', '3', '/3/'], ['ten', '3', '/4/'],
  ['ten', '/3/-1', '/3/'], ['--suppress-matched', 'ten', '/3/', '/6/'], ['ten', '%3%', '/6/'], ['ten', '4', '{2}'], ['ten', '/x/'],
  ['ten', '0'], ['-s', 'ten', '2'], ['missing', '2'], [], ['ten'], ['words', '/^##/', '{*}'], ['-b', '%03d.txt', 'words', '/^##/', '{1}'],
  ['nonl', '2'], ['utf', '/##/'], ['ten', '4', '{*}'], ['-k', 'ten', '4', '{5}'], ['ten', '/[0-9]0/'], ['ten', '/2/+3', '/9/-2'],
  ['ten', '%5%-2'], ['--suppress-matched', 'ten', '4', '{*}'], ['-f', 'part-', 'twenty', '5', '10', '15'],
]

test('csplit matches GNU csplit', async () => {
  for (const args of ARGS) {
    const script = `csplit ${args.map((a) => `'${a}'`).join(' ')}; echo rc=$?; for f in $(ls | sort); do echo "== $f"; cat "$f"; done`
    const { ours, theirs } = await both(sys, FILES, ['sh', '-c', script], '')
    assert.equal(ours.stdout, theirs.stdout, `csplit ${args.join(' ')}\n${ours.stderr}`)
    assert.equal(ours.exitCode, theirs.exitCode)
  }
  const { ours, theirs } = await both(sys, {}, ['sh', '-c', 'csplit - 3 /6/; echo rc=$?; cat xx01'], seq(8))
  assert.equal(ours.stdout, theirs.stdout)
})
