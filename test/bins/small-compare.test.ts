/** The smaller commands against GNU coreutils and util-linux on this machine: same output, same status. */
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

const FILES = {
  'a': 'one\ntwo\nthree\n',
  'b': 'alpha\nbeta\n',
  'nonl': 'x\ny\nlast',
  'empty': '',
  'blank': 'a\n\nb\n\n\nc\n',
  's1': 'apple\nbanana\ncherry\nkiwi\n',
  's2': 'banana\ncherry\ndate\nfig\n',
  'unsorted': 'b\na\nc\n',
  'tabs': 'a\tb\tc\n\tlead\n  two\tx\nabcdefgh\tz\n',
  'spaces': '        eight\n    four    more\na       b\nabcdefg h\n                x\n',
  'long': 'The quick brown fox jumps over the lazy dog and keeps running far away.\nshort\n' + 'x'.repeat(25) + '\n',
  'table': 'name age city\nann 31 oslo\nbob 7 rome\n\nlongername 100 x\n',
  'csv': 'a:b:c\n1::3\nlong value:x:y\n',
  'pairs': 'a b\nb c\na c\nd e\nx x\n',
  'loop': 'a b\nb c\nc a\nd a\n',
  'words': 'apple\nbanana\ncherry\ndate\nelderberry\nfig\ngrape\nhoneydew\nkiwi\nlemon\nmango\n',
  'utf': 'héllo wörld\n✓ ok\n',
}

let cases = 0
async function same(argv: string[], stdin?: string): Promise<void> {
  cases++
  const { ours, theirs } = await both(sys, FILES, argv, stdin)
  const what = JSON.stringify(argv)
  assert.equal(ours.stdout, theirs.stdout, `stdout of ${what}`)
  assert.equal(ours.exitCode, theirs.exitCode, `status of ${what}: ${ours.stderr} / ${theirs.stderr}`)
}

const TABLE: string[][] = [
  ['tac', 'a'], ['tac', 'nonl'], ['tac', 'a', 'b'], ['tac', 'empty'], ['tac', 'missing'], ['tac', 'blank'],
  ['rev', 'a'], ['rev', 'nonl'], ['rev', 'utf'], ['rev', 'empty', 'b'], ['rev', 'missing'],
  ['nl', 'a'], ['nl', 'blank'], ['nl', '-b', 'a', 'blank'], ['nl', '-b', 'n', 'a'], ['nl', '-n', 'ln', 'a'], ['nl', '-n', 'rz', 'a'],
  ['nl', '-w', '3', '-s', ': ', 'a'], ['nl', '-v', '10', '-i', '5', 'a'], ['nl', '-b', 'pt', 'a'], ['nl', 'nonl'], ['nl', '-n', 'xx', 'a'], ['nl', 'a', 'b'],
  ['paste', 'a', 'b'], ['paste', '-d', ',', 'a', 'b'], ['paste', '-s', 'a', 'b'], ['paste', '-s', '-d', ',;', 'a'], ['paste', '-d', ',\\n', 'a', 'b', 'a'],
  ['paste', 'a', 'nonl'], ['paste', 'empty', 'a'], ['paste', '-d', '\\0', 'a', 'b'], ['paste', 'a', 'missing'],
  ['comm', 's1', 's2'], ['comm', '-1', 's1', 's2'], ['comm', '-2', 's1', 's2'], ['comm', '-3', 's1', 's2'], ['comm', '-12', 's1', 's2'],
  ['comm', '-23', 's1', 's2'], ['comm', '--output-delimiter=|', 's1', 's2'], ['comm', 's1', 'empty'], ['comm', 's1'], ['comm', 'unsorted', 's1'],
  ['comm', '--nocheck-order', 'unsorted', 's1'], ['comm', '--total', 's1', 's2'], ['comm', 's1', 'missing'],
  ['fold', 'long'], ['fold', '-w', '10', 'long'], ['fold', '-w10', '-s', 'long'], ['fold', '-w', '8', 'tabs'], ['fold', '-b', '-w', '5', 'utf'],
  ['fold', '-w', '5', 'nonl'], ['fold', '-w', '0', 'a'], ['fold', '-s', '-w', '20', 'long'],
  ['expand', 'tabs'], ['expand', '-t', '4', 'tabs'], ['expand', '-t', '2,5,9', 'tabs'], ['expand', '-i', 'tabs'], ['expand', '-t', '3', 'nonl'],
  ['unexpand', 'spaces'], ['unexpand', '-a', 'spaces'], ['unexpand', '-t', '4', 'spaces'], ['unexpand', 'tabs'],
  ['column', '-t', 'table'], ['column', '-t', '-s', ':', 'csv'], ['column', '-t', '-o', ' | ', 'table'], ['column', 'words'], ['column', '-c', '40', 'words'],
  ['column', '-x', '-c', '40', 'words'], ['column', '-t', 'empty'],
  ['tsort', 'pairs'], ['tsort', 'loop'], ['tsort', 'empty'], ['tsort', 'a'],
]

test('small text commands match GNU coreutils and util-linux', async () => {
  for (const argv of TABLE) await same(argv)
  await same(['tac'], 'p\nq\n')
  await same(['nl'], 'p\n\nq\n')
  await same(['paste', '-', '-'], '1\n2\n3\n4\n5\n')
  await same(['paste', '-s', '-'], '1\n2\n')
  await same(['fold', '-w', '3'], 'abcdefgh\n')
  await same(['rev'], 'abc\n')
  await same(['comm', '-', 's2'], 'banana\nzzz\n')
  await same(['tsort'], '1 2\n2 3\n')
  assert.ok(cases >= TABLE.length)
})
