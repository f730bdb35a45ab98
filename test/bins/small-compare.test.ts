/** The smaller commands against GNU coreutils and util-linux on this machine: same output, same status. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { both, bootFiles, host, scratch } from './filesfixture.ts'

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
  // out of order before any unpaired line, where GNU's comm does not look
  'early': 'apple\nBanana\ncherry\nzebra\n',
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
  ['tac', '-s', ':', 'csv'], ['tac', '-s', '::', 'csv'], ['tac', '-b', 'a'], ['tac', '-b', 'nonl'], ['tac', '-b', '-s', ':', 'csv'], ['tac', '-r', '-s', '[0-9]', 'csv'],
  ['tac', '-b', '-r', '-s', 'e[a-z]', 'a'], ['tac', '-s', '', 'a'], ['tac', '-s'],
  ['rev', 'a'], ['rev', 'nonl'], ['rev', 'utf'], ['rev', 'empty', 'b'], ['rev', 'missing'],
  ['nl', 'a'], ['nl', 'blank'], ['nl', '-b', 'a', 'blank'], ['nl', '-b', 'n', 'a'], ['nl', '-n', 'ln', 'a'], ['nl', '-n', 'rz', 'a'],
  ['nl', '-w', '3', '-s', ': ', 'a'], ['nl', '-v', '10', '-i', '5', 'a'], ['nl', '-b', 'pt', 'a'], ['nl', 'nonl'], ['nl', '-n', 'xx', 'a'], ['nl', 'a', 'b'],
  ['paste', 'a', 'b'], ['paste', '-d', ',', 'a', 'b'], ['paste', '-s', 'a', 'b'], ['paste', '-s', '-d', ',;', 'a'], ['paste', '-d', ',\\n', 'a', 'b', 'a'],
  ['paste', 'a', 'nonl'], ['paste', 'empty', 'a'], ['paste', '-d', '\\0', 'a', 'b'], ['paste', 'a', 'missing'],
  ['comm', 's1', 's2'], ['comm', '-1', 's1', 's2'], ['comm', '-2', 's1', 's2'], ['comm', '-3', 's1', 's2'], ['comm', '-12', 's1', 's2'],
  ['comm', '-23', 's1', 's2'], ['comm', '--output-delimiter=|', 's1', 's2'], ['comm', 's1', 'empty'], ['comm', 's1'], ['comm', 'unsorted', 's1'],
  ['comm', '--nocheck-order', 'unsorted', 's1'], ['comm', 's1', 'early'], ['comm', '--check-order', 's1', 'early'], ['comm', 'early', 'unsorted'], ['comm', '--total', 's1', 's2'], ['comm', 's1', 'missing'],
  ['fold', 'long'], ['fold', '-w', '10', 'long'], ['fold', '-w10', '-s', 'long'], ['fold', '-w', '8', 'tabs'], ['fold', '-b', '-w', '5', 'utf'],
  ['fold', '-w', '5', 'nonl'], ['fold', '-w', '2', 'nonl', 'missing', 'a'], ['fold', '-w', '0', 'a'], ['fold', '-s', '-w', '20', 'long'],
  ['expand', 'tabs'], ['expand', '-t', '4', 'tabs'], ['expand', '-t', '2,5,9', 'tabs'], ['expand', '-i', 'tabs'], ['expand', '-t', '3', 'nonl'], ['expand', 'nonl', 'tabs', 'utf'],
  ['unexpand', 'spaces'], ['unexpand', '-a', 'spaces'], ['unexpand', '-t', '4', 'spaces'], ['unexpand', 'tabs'],
  ['column', '-t', 'table'], ['column', '-t', '-s', ':', 'csv'], ['column', '-t', '-o', ' | ', 'table'], ['column', 'words'], ['column', '-c', '40', 'words'],
  ['column', '-x', '-c', '40', 'words'], ['column', '-t', 'empty'],
  ['tsort', 'pairs'], ['tsort', 'loop'], ['tsort', 'empty'], ['tsort', 'a'],
]

test('fold folds as it reads, as GNU fold: an endless input without newlines is written as it comes', async () => {
  const r = await sys.run(`fold -w3 /dev/zero | head -n 2 | tr '\\0' x`, { timeoutMs: 10_000 })
  assert.deepEqual([r.stdout, r.exitCode], ['xxx\nxxx\n', 0])
})

test('small text commands match GNU coreutils and util-linux', async () => {
  for (const argv of TABLE) await same(argv)
  await same(['tac'], 'p\nq\n')
  await same(['nl'], 'p\n\nq\n')
  await same(['paste', '-', '-'], '1\n2\n3\n4\n5\n')
  await same(['paste', '-s', '-'], '1\n2\n')
  await same(['fold', '-w', '3'], 'abcdefgh\n')
  await same(['fold', '-s', '-w', '7'], 'ab cd ef gh\n'.repeat(20_000))
  await same(['rev'], 'abc\n')
  await same(['comm', '-', 's2'], 'banana\nzzz\n')
  await same(['tsort'], '1 2\n2 3\n')
  assert.ok(cases >= TABLE.length)
})

const MORE: string[][] = [
  ['sha1sum', 'a', 'b'], ['sha512sum', 'a'], ['sha1sum', 'missing', 'a'], ['sha512sum', 'empty'],
  ['egrep', 'o|e', 'a'], ['egrep', '-c', '^(a|b)', 's1'], ['fgrep', 'a.', 'csv'], ['fgrep', '-v', 'an', 's1'], ['egrep', 'zzz', 'a'], ['fgrep', '-n', 'e', 'a', 'b'],
  ['expr', '1', '+', '2'], ['expr', '7', '*', '6'], ['expr', '10', '/', '3'], ['expr', '10', '%', '3'], ['expr', '3', '-', '5'],
  ['expr', '2', '<', '10'], ['expr', 'a', '<', 'b'], ['expr', '10', '=', '10'], ['expr', 'x', '!=', 'x'], ['expr', '0', '|', '5'],
  ['expr', '0', '&', '5'], ['expr', '3', '&', '5'], ['expr', 'abcdef', ':', 'abc'], ['expr', 'abcdef', ':', '\\(b.*\\)'], ['expr', 'abcdef', ':', 'b'],
  ['expr', 'abc', ':', 'a\\(x\\)*'], ['expr', 'match', 'hello', 'h.l'], ['expr', 'substr', 'hello', '2', '3'], ['expr', 'index', 'hello', 'lo'],
  ['expr', 'length', 'hello'], ['expr', '(', '1', '+', '2', ')', '*', '3'], ['expr', '1', '/', '0'], ['expr', 'a', '+', '1'], ['expr', '1', '+'],
  ['expr'], ['expr', '0'], ['expr', ''], ['expr', '+', 'length'], ['expr', '99999999999999999999', '+', '1'], ['expr', '-5', '+', '3'], ['expr', '1', '2'],
  ['factor', '1', '2', '12', '97', '360', '1001'], ['factor', '600851475143'], ['factor', '18446744073709551617'], ['factor', '0'], ['factor', 'abc', '6'], ['factor', '9999999967'],
  ['printenv', 'NOPE'],
  ['realpath', '-m', '/a/../b/./c'], ['realpath', '-m', '/x//y/'], ['realpath', '-e', '/nonexistent'], ['realpath', '-m', '/nonexistent/x/..'],
  ['readlink', 'a'], ['readlink', '-m', '/p/q/../r'], ['readlink', '-f', '/nonexistent/dir/x'], ['readlink', '-e', '/nonexistent'],
  ['split', '-l', '2', 'words'], ['split', '-b', '7', 'a', 'p-'], ['split', '-d', '-l', '3', 'words', 'n'], ['split', '-n', '3', 'words'],
  ['split', '-l', '0', 'a'], ['split', '-a', '1', '-l', '1', 'a'], ['split', '-l', '4', '--additional-suffix=.txt', 'words'],
  ['shuf', '-n', '0', 'a'], ['shuf', '-i', '5-4'], ['shuf', '-i', 'x'],
]

test('more small commands match GNU coreutils', async () => {
  for (const argv of MORE) await same(argv)
  await same(['sha1sum'], 'stdin\n')
  await same(['sha512sum', '-'], 'x')
  await same(['factor'], '8 9\n10')
  await same(['egrep', '-o', '[0-9]+'], 'a12b345\n')
})

test('realpath --relative-to and --relative-base match GNU', async () => {
  const tree = { 'a/b/': '', 'c/': '', 'f': 'x' }
  const argsets = [
    ['--relative-to=a', 'a/b'], ['--relative-to=a/b', 'a'], ['--relative-to=c', 'a/b', 'f'], ['--relative-to', 'a/b', 'c'], ['--relative-to=a', 'a'],
    ['--relative-base=a', 'a/b'], ['--relative-base=a', '--relative-to=a/b', 'a'], ['--relative-to=x', 'a'], ['-m', '--relative-to=x/y/z', 'a'],
    ['-e', '--relative-to=x', 'a'], ['-e', '--relative-to=f', 'a'], ['-m', '--relative-base=/x', '/x/y', '/z'], ['-m', '--relative-base=/x/y', '--relative-to=/x', '/x/y/z', '/x/q'],
    ['-m', '--relative-to=/', '/p/q'], ['--relative-to'], ['--bogus', 'a'], ['--canonicalize-missing', '--relative-to=c', 'no/such/thing'], ['--zero', '--relative-to=a', 'c'],
  ]
  for (const args of argsets) {
    const argv = ['realpath', ...args]
    const { ours, theirs } = await both(sys, tree, argv)
    cases++
    assert.equal(ours.stdout, theirs.stdout, `stdout of ${argv.join(' ')}`)
    assert.equal(ours.exitCode, theirs.exitCode, `status of ${argv.join(' ')}: ${ours.stderr} / ${theirs.stderr}`)
  }
})

const BYTES = {
  'hx': 'hello world, this is a test of the dump\u0000\u0001\u007f',
  'rep': 'abcdefghijklmnop'.repeat(4) + 'tail\n',
  'one': 'abc',
  'empty': '',
}

test('xxd, hexdump, od and dd match the host tools', async () => {
  const argsets = [
    ['xxd', 'hx'], ['xxd', '-p', 'hx'], ['xxd', '-u', 'one'], ['xxd', '-c', '5', '-g', '3', 'hx'], ['xxd', '-g', '1', 'rep'], ['xxd', '-l', '10', '-s', '3', 'hx'],
    ['xxd', 'empty'], ['xxd', '-c', '8', 'one'], ['xxd', '-g', '0', 'one'], ['xxd', '-l', '16', '/dev/zero'], ['xxd', '-s', '2', '-l', '3', '/dev/zero'], ['xxd', 'missing'], ['xxd', '-r', 'missing'],
    ['hexdump', '-C', 'hx'], ['hexdump', '-C', 'rep'], ['hexdump', '-C', '-v', 'rep'], ['hexdump', 'hx'], ['hexdump', 'one'], ['hexdump', '-C', 'empty'],
    ['hexdump', '-C', '-n', '20', '-s', '4', 'hx'], ['hexdump', 'empty'], ['hexdump', '-C', '-n', '20', '/dev/zero'], ['od', '-An', '-N4', '-tu4', '/dev/zero'], ['od', '-c', '-j', '2', '-N', '3', '/dev/zero', 'hx'],
    ['od', 'hx'], ['od', '-c', 'hx'], ['od', '-An', '-tx1', 'hx'], ['od', '-x', 'one'], ['od', '-b', 'one'], ['od', '-A', 'x', '-t', 'x2', 'rep'],
    ['od', '-t', 'd4', 'hx'], ['od', '-t', 'u1', 'one'], ['od', '-v', '-c', 'rep'], ['od', '-c', 'rep'], ['od', '-N', '5', '-j', '2', '-c', 'hx'],
    ['od', '-A', 'd', '-w8', '-t', 'x1', 'hx'], ['od', '-t', 'a', 'hx'], ['od', 'empty'], ['od', '-t', 'o1', 'one'], ['od', '-t', 'x8', 'rep'],
    ['dd', 'if=hx', 'status=none'], ['dd', 'if=hx', 'bs=5', 'count=2', 'status=none'], ['dd', 'if=hx', 'bs=4', 'skip=2', 'count=3', 'status=none'],
    ['dd', 'if=hx', 'conv=ucase', 'status=none'], ['dd', 'if=rep', 'ibs=7', 'count=3', 'status=none'], ['dd', 'if=missing'], ['dd', 'bogus=1'],
    ['dd', 'if=one', 'bs=0'], ['dd', 'if=one', 'conv=nonsense'], ['dd', 'if=/dev/zero', 'bs=1k', 'count=3', 'status=none'], ['dd', 'if=/dev/zero', 'bs=3', 'skip=2', 'count=2', 'status=none'],
  ]
  for (const argv of argsets) {
    const { ours, theirs } = await both(sys, BYTES, argv)
    cases++
    assert.equal(ours.stdout, theirs.stdout, `stdout of ${argv.join(' ')}`)
    assert.equal(ours.exitCode, theirs.exitCode, `status of ${argv.join(' ')}: ${ours.stderr} / ${theirs.stderr}`)
  }
  // dd's record counts, and its files written at an offset
  for (const args of [['bs=4'], ['ibs=3', 'obs=5'], ['bs=4', 'count=2'], ['bs=16', 'conv=sync']]) {
    const { ours, theirs } = await both(sys, BYTES, ['dd', 'if=hx', 'of=out', ...args])
    assert.equal(ours.stderr.split('\n').slice(0, 2).join('\n'), theirs.stderr.split('\n').slice(0, 2).join('\n'), args.join(' '))
  }
  const show = (argv: string[]): string => `${argv.join(' ')} 2>/dev/null; od -c out`
  for (const args of [['seek=1', 'bs=4'], ['seek=1', 'bs=4', 'conv=notrunc'], ['seek=3', 'bs=2', 'count=1']]) {
    const dir = await scratch(sys, { ...BYTES, out: 'XXXXXXXXXXXXXXXXXXXX' })
    await sys.exec(['dd', 'if=one', 'of=out', 'status=none', ...args], { cwd: dir })
    const mine = (await sys.exec(['od', '-c', 'out'], { cwd: dir })).stdout
    assert.equal(mine, host({ ...BYTES, out: 'XXXXXXXXXXXXXXXXXXXX' }, ['sh', '-c', show(['dd', 'if=one', 'of=out', ...args])]).stdout, args.join(' '))
  }
  // xxd -r turns either dump back into the bytes
  for (const plain of [false, true]) {
    const dir = await scratch(sys, BYTES)
    assert.equal((await sys.exec(['xxd', ...(plain ? ['-p'] : []), 'hx', 'dump'], { cwd: dir })).exitCode, 0)
    assert.equal((await sys.exec(['xxd', '-r', ...(plain ? ['-p'] : []), 'dump', 'back'], { cwd: dir })).exitCode, 0)
    assert.deepEqual(await sys.readFile(`${dir}/back`), new TextEncoder().encode(BYTES.hx))
  }
})

const JOINED = {
  'j1': 'a 1\nb 2\nc 3\nc 33\ne 5\n',
  'j2': 'a x\nb y\nc z\nd w\n',
  'c1': 'k1:alpha:one\nk2:beta:two\nk4:delta:four\n',
  'c2': 'k1:AA\nk3:CC\nk4:DD\n',
  'f2': 'x a\ny b\nz c\n',
  'un': 'b 1\na 2\n',
  'up': 'A 9\nB 8\n',
  'm1': 'a 1\na 2\nb 3\nd 4\n',
  'm2': 'a x\na y\na z\nb w\nc v\nd u\nd t\n',
}

test('join matches GNU join', async () => {
  const argsets = [
    ['join', 'j1', 'j2'], ['join', '-a', '1', 'j1', 'j2'], ['join', '-a', '2', 'j1', 'j2'], ['join', '-a1', '-a2', 'j1', 'j2'], ['join', '-v', '1', 'j1', 'j2'],
    ['join', '-v', '2', 'j1', 'j2'], ['join', '-t', ':', 'c1', 'c2'], ['join', '-t', ':', '-a', '1', '-e', 'NONE', '-o', '1.1,1.2,2.2', 'c1', 'c2'],
    ['join', '-o', '0,2.2,1.2', 'j1', 'j2'], ['join', '-2', '2', 'j2', 'f2'],
    ['join', '-j', '1', 'j1', 'j2'], ['join', '-i', 'j2', 'up'], ['join', 'un', 'j2'], ['join', '--nocheck-order', 'un', 'j2'], ['join', 'j1'],
    ['join', 'j1', 'missing'], ['join', '-o', 'x', 'j1', 'j2'], ['join', '--header', 'j1', 'j2'], ['join', '-t', ':', '-o', 'auto', 'c1', 'c2'],
    ['join', 'm1', 'm2'], ['join', '-a1', '-a2', 'm2', 'm1'], ['join', '-v', '2', 'm1', 'm2'], ['join', 'j1', '.'], ['join', '-', '-'], ['join', '-', 'j2'],
    ['join', 'j1', '-'],
  ]
  for (const argv of argsets) {
    const { ours, theirs } = await both(sys, JOINED, argv, 'b 1\nc 2\nd 3\n')
    cases++
    assert.equal(ours.stdout, theirs.stdout, `stdout of ${argv.join(' ')}`)
    assert.equal(ours.exitCode, theirs.exitCode, `status of ${argv.join(' ')}: ${ours.stderr} / ${theirs.stderr}`)
  }
})

test('tree draws the tree GNU/Linux tree draws', async () => {
  const files = { 'a.txt': '', 'dir/b': '', 'dir/sub/c': '', 'dir/sub/d': '', '.hidden': '', 'empty/': '', 'z.log': '' }
  for (const argv of [['tree'], ['tree', '-a'], ['tree', '-d'], ['tree', '-L', '1'], ['tree', '-F'], ['tree', '-f', 'dir'], ['tree', '--noreport', 'dir'], ['tree', '-I', '*.log|sub'], ['tree', 'missing']]) {
    const { ours, theirs } = await both(sys, files, argv)
    cases++
    assert.equal(ours.stdout, theirs.stdout, `stdout of ${argv.join(' ')}`)
  }
})

test('cat options match GNU cat', async () => {
  const files = { t: 'a\tb\n\n\n\nc\x01\x7f\u00e9\n\n\x1b[0m end', u: 'first\n\n\nsecond\n' }
  const argsets = [['-A'], ['-e'], ['-E'], ['-v'], ['-T'], ['-t'], ['-b'], ['-n'], ['-s'], ['-sn'], ['-bs'], ['-nb'], ['-ET'], ['-vE'], ['-x']]
  for (const flags of argsets) {
    for (const names of [['t'], ['t', 'u'], ['u', 't']]) {
      const { ours, theirs } = await both(sys, files, ['cat', ...flags, ...names])
      cases++
      assert.equal(ours.stdout, theirs.stdout, `stdout of cat ${flags.join(' ')} ${names.join(' ')}`)
      assert.equal(ours.exitCode, theirs.exitCode, `status of cat ${flags.join(' ')}`)
    }
  }
})

test('more and less copy their input when the output is not a terminal', async () => {
  for (const name of ['more', 'less']) {
    const { ours, theirs } = await both(sys, FILES, [name, 'a', 'nonl'])
    assert.equal(ours.stdout, theirs.stdout)
    assert.equal(ours.exitCode, 0)
    assert.equal((await sys.exec([name], { stdin: 'piped\n' })).stdout, 'piped\n')
    const missing = await sys.exec([name, 'missing'])
    assert.deepEqual([missing.exitCode, missing.stderr], [1, `${name}: missing: file does not exist\n`])
  }
})

test('split writes the pieces GNU split writes', async () => {
  const show = 'for f in $(ls | grep -v -x -e words -e a); do echo "== $f"; cat $f; done'
  for (const argv of [['split', '-l', '3', 'words'], ['split', '-b', '10', '-d', 'words', 'w'], ['split', '-n', '2', 'a'], ['split', '-l', '1', '--additional-suffix=.t', 'a', 'p']]) {
    const dir = await scratch(sys, { words: FILES.words, a: FILES.a })
    assert.equal((await sys.exec(argv, { cwd: dir })).exitCode, 0)
    let mine = ''
    for (const name of (await sys.exec(['ls', dir])).stdout.split('\n').filter((n) => n !== '' && n !== 'words' && n !== 'a')) {
      mine += `== ${name}\n${new TextDecoder().decode(await sys.readFile(`${dir}/${name}`))}`
    }
    assert.equal(mine, host({ words: FILES.words, a: FILES.a }, ['sh', '-c', `${argv.join(' ')} && ${show}`]).stdout, argv.join(' '))
  }
})

test('shuf permutes, and repeats itself with a seed', async () => {
  const one = await sys.exec(['shuf', '--seed=x', '-i', '1-50'])
  const two = await sys.exec(['shuf', '--seed=x', '-i', '1-50'])
  assert.equal(one.stdout, two.stdout)
  assert.deepEqual(one.stdout.trim().split('\n').map(Number).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1))
  const other = await sys.exec(['shuf', '--seed=y', '-i', '1-50'])
  assert.notEqual(one.stdout, other.stdout)
  assert.equal((await sys.exec(['shuf', '-n', '3', '-e', 'a', 'b', 'c', 'd'])).stdout.split('\n').length, 4)
  assert.equal((await sys.exec(['shuf', '-r', '-n', '5', '-e', 'z'])).stdout, 'z\nz\nz\nz\nz\n')
})

test('shuf --random-source reads only a prefix, so an endless device serves', async () => {
  const zero = ['shuf', '--random-source=/dev/zero', '-i', '1-20']
  const a = await sys.exec(zero)
  assert.equal(a.exitCode, 0, a.stderr)
  assert.equal(a.stdout, (await sys.exec(zero)).stdout)
  const u = await sys.exec(['shuf', '--random-source=/dev/urandom', '-n', '2', '-e', 'a', 'b', 'c'])
  assert.equal(u.exitCode, 0, u.stderr)
  assert.equal(u.stdout.split('\n').length, 3)
})

test('sort -R orders at random, equal keys together, a new order each run', async () => {
  const lines = Array.from({ length: 40 }, (_, i) => `k${i % 20} ${i}`)
  const run = async (args: string[]): Promise<string[]> => (await sys.exec(['sort', ...args], { stdin: lines.join('\n') + '\n' })).stdout.trim().split('\n')
  const one = await run(['-R'])
  assert.deepEqual([...one].sort(), [...lines].sort())
  assert.notDeepEqual(one, await run(['-R']))
  // by the first field at random, then the second by number: each key's two lines adjacent, in order
  const keyed = await run(['-k1,1R', '-k2,2n'])
  for (let i = 0; i < keyed.length; i += 2) {
    const [a, b] = [keyed[i]!.split(' '), keyed[i + 1]!.split(' ')]
    assert.equal(a[0], b[0])
    assert.ok(Number(a[1]) < Number(b[1]))
  }
})

test('mktemp makes unique files and directories from templates', async () => {
  const f = await sys.exec(['mktemp'])
  assert.match(f.stdout, /^\/tmp\/tmp\.[A-Za-z0-9]{10}\n$/)
  assert.equal((await sys.context.stat(f.stdout.trim())).mode & 0o777, 0o600)
  const d = await sys.exec(['mktemp', '-d', '-p', '/tmp', 'workXXXX'])
  assert.match(d.stdout, /^\/tmp\/work[A-Za-z0-9]{4}\n$/)
  assert.ok(((await sys.context.stat(d.stdout.trim())).mode & 0x80000000) !== 0)
  const bad = await sys.exec(['mktemp', 'fooXX'])
  assert.equal(bad.exitCode, 1)
  assert.match(bad.stderr, /too few X's/)
  const u = await sys.exec(['mktemp', '-u', '-t', 'zXXXXXX'])
  assert.equal((await sys.exec(['ls', u.stdout.trim()])).exitCode, 2)
})

test('which, uname, hostname and nproc', async () => {
  assert.equal((await sys.exec(['which', 'cat'])).stdout, '/bin/cat\n')
  const none = await sys.exec(['which', 'no-such-command'])
  assert.deepEqual([none.stdout, none.exitCode], ['', 1])
  assert.equal((await sys.exec(['uname'])).stdout, 'ninefold\n')
  assert.match((await sys.exec(['uname', '-a'])).stdout, /^ninefold \S+ 0\.1\.0 #1 \S+ Ninefold\n$/)
  assert.equal((await sys.exec(['hostname'], { env: { sysname: 'gnot.lab' } })).stdout, 'gnot.lab\n')
  assert.equal((await sys.exec(['hostname', '-s'], { env: { sysname: 'gnot.lab' } })).stdout, 'gnot\n')
  assert.match((await sys.exec(['nproc'])).stdout, /^[1-9]\d*\n$/)
  assert.equal((await sys.exec(['printenv', 'A', 'B'], { env: { A: '1', B: 'two' } })).stdout, '1\ntwo\n')
  assert.equal((await sys.exec(['printenv', 'A', 'NOPE'], { env: { A: '1' } })).exitCode, 1)
  assert.match((await sys.exec(['printenv'], { env: { A: '1' } })).stdout, /^A=1$/m)
  for (const name of ['tac', 'rev', 'nl', 'paste', 'comm', 'fold', 'expand', 'unexpand', 'column', 'tsort', 'expr', 'factor', 'egrep', 'fgrep', 'sha1sum', 'sha512sum', 'realpath', 'readlink', 'which', 'mktemp', 'shuf', 'split', 'uname', 'hostname', 'nproc', 'getconf', 'nice', 'printenv']) {
    const r = await sys.exec([name, '--help'])
    assert.equal(r.exitCode, 0, name)
    assert.match(r.stdout, new RegExp(`^usage: ${name} `), name)
  }
})

test('getconf: the values GNU gives where ninefold has the same, the limits of the asking process', async () => {
  for (const argv of [['LONG_BIT'], ['INT_MAX'], ['PAGESIZE'], ['PAGE_SIZE'], ['CHAR_BIT'], ['INT_MIN'], ['LONG_MIN'], ['NOSUCH'], [], ['NAME_MAX'], ['ARG_MAX', '/'], ['NAME_MAX', '/no/such/path'], ['-v', 'POSIX_V7_LP64_OFF64', 'LONG_BIT']]) {
    const ours = await sys.exec(['getconf', ...argv])
    const theirs = host({}, ['getconf', ...argv])
    assert.equal(ours.stdout, theirs.stdout, `getconf ${argv.join(' ')}`)
    assert.equal(ours.exitCode, theirs.exitCode, `getconf ${argv.join(' ')}`)
    if (argv[0] !== 'NAME_MAX' || argv.length === 1) assert.equal(ours.stderr, theirs.stderr, `getconf ${argv.join(' ')}`)
  }
  assert.equal((await sys.run('ulimit -u 7; getconf CHILD_MAX; getconf ARG_MAX')).stdout, '7\n2097152\n')
  assert.equal((await sys.exec(['getconf', '_NPROCESSORS_ONLN'])).stdout, (await sys.exec(['nproc'])).stdout)
  assert.equal((await sys.exec(['getconf', 'PATH'])).stdout, '/bin\n')
  assert.match((await sys.exec(['getconf', '-a'])).stdout, /^ARG_MAX {28}2097152\n/)
  assert.equal((await sys.exec(['getconf', 'NAME_MAX', '/'])).stdout, 'undefined\n')
})

test('nice runs the command as it is (no priorities) with GNU\'s options and statuses; env -C', async () => {
  for (const argv of [['nice'], ['nice', '-n', '5', 'echo', 'hi'], ['nice', '-7', 'true'], ['nice', '--adjustment=4', 'false'], ['nice', '-n', 'x', 'true'], ['nice', '-n', '3'], ['nice', 'no-such-command']]) {
    const ours = await sys.exec(argv)
    const theirs = host({}, argv)
    assert.deepEqual([ours.stdout, ours.exitCode], [theirs.stdout, theirs.exitCode], argv.join(' '))
  }
  assert.equal((await sys.exec(['env', '-C', '/tmp', 'pwd'])).stdout, '/tmp\n')
  for (const argv of [['env', '-C', '/no/such/dir', 'pwd'], ['env', '-C', '/tmp'], ['env', '-C', '/etc/profile', 'pwd']]) assert.equal((await sys.exec(argv)).exitCode, 125, argv.join(' '))
})

test('envsubst, strings, unlink and tty match GNU', async () => {
  const template = 'a=$A b=${B} c=$C d=${A:-x} e=$$ f=\\$A g=${ A} h=$A_x i=${A}x\nlast $B'
  const env = 'export A=1 B=two; '
  for (const script of ['envsubst < t', "envsubst '$B' < t", "envsubst -v 'x $A ${B} $A'", 'envsubst a b', 'envsubst -v']) {
    const { ours, theirs } = await both(sys, { t: template }, ['sh', '-c', env + script + '; echo "status $?"'])
    assert.equal(ours.stdout, theirs.stdout, script)
  }
  const bytes = new Uint8Array([0x61, 0x62, 0, ...new TextEncoder().encode('hello'), 1, ...new TextEncoder().encode('world!!\tx\n'), 0x7f, ...new TextEncoder().encode('abcd'), 0xff, 0x41, 0x42, 0x43, 0x44])
  for (const args of [[], ['-n', '2'], ['-t', 'x'], ['-t', 'd', '-n', '5'], ['-o'], ['-3'], ['missing']]) {
    const { ours, theirs } = await both(sys, { bin: bytes }, ['sh', '-c', `strings ${args.join(' ')} ${args.includes('missing') ? '' : 'bin'}; echo "status $?"`])
    assert.equal(ours.stdout, theirs.stdout, `strings ${args.join(' ')}`)
  }
  for (const script of ['unlink f; test -e f || echo gone', 'unlink d', 'unlink', 'unlink f d', 'unlink nosuch', 'tty < f', 'tty -s < f', 'tty x']) {
    const { ours, theirs } = await both(sys, { f: 'x', 'd/': '' }, ['sh', '-c', `${script} 2>/dev/null; echo "status $?"`])
    assert.equal(ours.stdout, theirs.stdout, script)
  }
})

test('install copies and sets modes as GNU install does: files, into directories, -d, -D, -t, -C, -v', async () => {
  const show = 'for f in $(find . -mindepth 1 -path ./src -prune -o -print | sort); do printf "%s %s\\n" "$(stat -c %A "$f" | cut -c1-10)" "$f"; done'
  const scripts = [
    'install src c; install -m 644 src d; install -m u=rw,go=r src e',
    'install -d -m 700 x/y/z; install -d -m 750 x',
    'install -D -m 600 src deep/er/f; cat deep/er/f',
    'mkdir dir; install src src2 dir; install -t dir -m 640 src',
    'install -v src v1; install -d -v newd newd; install -D -t made/here src',
    'install src; echo "status $?"; install src src2 c2; echo "status $?"; install nosuch z; echo "status $?"',
    'install -C src c; install -C -m 600 src c; install -T src . ; echo "status $?"; install -m 999 src q; echo "status $?"',
  ]
  for (const script of scripts) {
    const { ours, theirs } = await both(sys, { src: 'hi\n', src2: 'yo\n' }, ['sh', '-c', `umask 022; ${script} 2>/dev/null; ${show}`])
    assert.equal(ours.stdout, theirs.stdout, script)
  }
})

test('numfmt scales, rounds and formats as GNU numfmt: units, rounding, formats, fields, headers, bad input', async () => {
  const lines = [
    '--to=iec 1024 1536 10240 1000000 1048576 0 1 999 1023 10239 10241 1537 1024.5 1023999 -- -1536',
    '--to=si 1000 1500000 999 9999 99999 123456789 999999 1500.7',
    '--to=iec-i 2048 5000000',
    '--from=iec 1K 1.5M 2G 1.1K',
    '--from=si 1.5M 1K',
    '--from=auto 1Ki 1K 1.5Mi 2K',
    '--from=iec-i 1Ki 4Mi',
    '--from=iec --to=si 1M',
    '--to=iec --suffix=B 2048',
    '--suffix=B --from=iec 1KB',
    '--to=iec --padding=8 2048',
    '--padding=-6 42',
    '--to=iec --format=%.3f 1536000',
    '--to=iec --format=%6.1f 2048',
    '--format=%.1f 2.25 2.35',
    '--format=%.1f --round=nearest 2.25 2.35',
    '--format=%5.1f 2',
    '--format=%08.2f 3.14159',
    '--format=x%fy 5',
    '--format=%f 2.50',
    '--round=down --to=iec 1537 10239',
    '--round=up --to=iec 1025',
    '--round=nearest --to=si 1449 1550',
    '--round=towards-zero --to=iec -- -1537',
    '--to-unit=1024 4096',
    '--from-unit=512 4',
    '1.5 1.25 2.50',
    '--invalid=ignore abc 5',
    '--grouping 1234567 12.5',
    '--grouping --to=si 1000',
    '--grouping --format=%f 1000',
    'abc',
    '--from=iec 1Ki',
    '--from=iec-i 4M',
    '--to=auto 100',
    '--format=%g 3',
  ]
  for (const line of lines) {
    const { ours, theirs } = await both(sys, {}, ['sh', '-c', `numfmt ${line} 2>/dev/null; echo "status $?"`])
    assert.equal(ours.stdout, theirs.stdout, `numfmt ${line}`)
  }
  const table = 'A B C\n1024 2048 4096\n  5 x 3000\nx:4096:y\n'
  for (const args of ['--to=iec', '--field=2 --to=iec', '--field=2- --to=iec', '--field=1,3 --to=iec', '--header --field=2 --to=iec', '-d : --field=2 --to=iec', '--to=iec --invalid=warn', '--to=iec --invalid=fail', '--header=2 --to=iec --field=1']) {
    const { ours, theirs } = await both(sys, { t: table }, ['sh', '-c', `numfmt ${args} < t 2>/dev/null; echo "status $?"`])
    assert.equal(ours.stdout, theirs.stdout, `numfmt ${args}`)
  }
})
