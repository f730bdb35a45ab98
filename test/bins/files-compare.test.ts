/** The file commands against the host's GNU coreutils/diffutils: same bytes in, same output and status out. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { both, bootFiles, host, scratch } from './filesfixture.ts'
import { heldHost } from '../hostturns.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

const TEXT = 'the quick brown fox\njumps over\n\n  the lazy dog  \nlast line without newline'
const LINES = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n'
const FILES = { 'a.txt': TEXT, 'b.txt': LINES, 'empty': '', 'nl': '\n\n\n', 'tabs': 'a\tb\vc\fd\re f\n\x01\x02 x\n' }

/** Asserts the same stdout and exit status as the host command. */
async function same(argv: string[], options: { files?: Record<string, string>; stdin?: string; stderr?: boolean } = {}): Promise<void> {
  const { ours, theirs } = await both(sys, options.files ?? FILES, argv, options.stdin)
  assert.equal(ours.stdout, theirs.stdout, `stdout of ${argv.join(' ')}`)
  assert.equal(ours.exitCode, theirs.exitCode, `status of ${argv.join(' ')}: ${ours.stderr}`)
  if (options.stderr) assert.equal(ours.stderr, theirs.stderr, `stderr of ${argv.join(' ')}`)
}

test('wc matches GNU wc: default, each flag, several files, stdin', async () => {
  await same(['wc', 'a.txt'])
  await same(['wc', 'a.txt', 'b.txt', 'empty', 'nl', 'tabs'])
  for (const flag of ['-l', '-w', '-c', '-m', '-lw', '-wc', '-lc']) {
    await same(['wc', flag, 'a.txt'])
    await same(['wc', flag, 'a.txt', 'b.txt'])
  }
  await same(['wc'], { stdin: TEXT })
  await same(['wc', '-l'], { stdin: TEXT })
  await same(['wc', '-w', '-'], { stdin: 'one two  three\n' })
  await same(['wc', 'a.txt', '-'], { stdin: 'x y\n' })
})

test('wc counts multibyte characters with -m and keeps going after a missing file', async () => {
  await same(['wc', '-m', 'u'], { files: { u: 'héllo wörld ✓\n' } })
  const { ours, theirs } = await both(sys, FILES, ['wc', 'a.txt', 'nope', 'b.txt'])
  assert.equal(ours.stdout, theirs.stdout)
  assert.equal(ours.exitCode, 1)
  assert.equal(ours.stderr, 'wc: nope: file does not exist\n')
})

test('head matches GNU head', async () => {
  for (const args of [[], ['-n', '3'], ['-3'], ['-n', '0'], ['-c', '7'], ['-n', '-2'], ['-n', '-100'], ['-c', '-5'], ['-n', '-0'], ['-c', '1K']]) {
    await same(['head', ...args, 'a.txt'])
    await same(['head', ...args, 'b.txt'])
  }
  await same(['head', '-n', '2', 'a.txt', 'b.txt', 'empty'])
  await same(['head', '-q', '-n', '2', 'a.txt', 'b.txt'])
  await same(['head', '-v', '-c', '3', 'a.txt'])
  await same(['head', '-n', '4'], { stdin: LINES })
  await same(['head', '-n', '-4'], { stdin: LINES })
})

test('tail matches GNU tail, from files and from stdin', async () => {
  for (const args of [[], ['-n', '3'], ['-3'], ['-n', '0'], ['-n', '+3'], ['-n', '+1'], ['-n', '+100'], ['-c', '7'], ['-c', '+5'], ['-n', '100']]) {
    await same(['tail', ...args, 'a.txt'])
    await same(['tail', ...args, 'b.txt'])
    await same(['tail', ...args, 'nl'])
    await same(['tail', ...args], { stdin: LINES })
  }
  await same(['tail', '-n', '2', 'a.txt', 'b.txt', 'empty'])
  await same(['tail', '-q', '-n', '1', 'a.txt', 'b.txt'])
})

test('tail finds the last lines of a file longer than one read', async () => {
  const big = Array.from({ length: 20000 }, (_, i) => `row ${i}`).join('\n') + '\n'
  await same(['tail', '-n', '5', 'big'], { files: { big } })
  await same(['tail', '-n', '15000', 'big'], { files: { big } })
  await same(['tail', '-c', '100000', 'big'], { files: { big } })
  await same(['tail', '-n', '3'], { stdin: big })
  await same(['head', '-n', '-19998', 'big'], { files: { big } })
})

test('cat and cat -n match GNU cat', async () => {
  await same(['cat', 'a.txt', 'b.txt', 'nl'])
  await same(['cat', '-n', 'a.txt', 'b.txt', 'nl'])
  await same(['cat', '-n', '-'], { stdin: 'x\n\ny' })
  await same(['cat', 'a.txt', '-', 'empty'], { stdin: 'middle\n' })
})

test('base64 matches GNU base64 for encoding, wrapping and decoding', async () => {
  for (const input of ['', 'a', 'ab', 'abc', 'abcd', TEXT, LINES.repeat(20)]) {
    await same(['base64'], { stdin: input })
    await same(['base64', '-w', '0'], { stdin: input })
    await same(['base64', '-w', '10'], { stdin: input })
  }
  await same(['base64', 'b.txt'])
  await same(['base64', '-d'], { stdin: 'aGVsbG8gd29y\nbGQK\n' })
  await same(['base64', '-d'], { stdin: 'YQ==' })
  await same(['base64', '-d'], { stdin: 'YWI=\n' })
  await same(['base64', '-d'], { stdin: 'Zg==Zm8=\n' })
  await same(['base64', '-d'], { stdin: 'Zm9' })
  await same(['base64', '-di'], { stdin: 'Zm9v!YmFy' })
})

test('base32 matches GNU base32 for encoding, wrapping and decoding', async () => {
  for (const input of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', TEXT, LINES.repeat(20)]) {
    await same(['base32'], { stdin: input })
    await same(['base32', '-w', '0'], { stdin: input })
    await same(['base32', '-w', '7'], { stdin: input })
    await same(['base32', '-d'], { stdin: (await sys.exec(['base32'], { stdin: input })).stdout })
  }
  await same(['base32', 'b.txt'])
  await same(['base32', '-d'], { stdin: 'MZXW6===MZXW6===\n' })
  await same(['base32', '-d'], { stdin: 'MZXW6' })
  await same(['base32', '-d'], { stdin: 'MZXW6YQ=' })
})

test('cksum matches GNU cksum: the CRC and size, or a digest tagged or not', async () => {
  for (const input of ['', 'a', 'hi', TEXT, LINES.repeat(300)]) await same(['cksum'], { stdin: input })
  await same(['cksum', 'a.txt', 'b.txt'])
  await same(['cksum', '-a', 'md5', 'a.txt'])
  await same(['cksum', '-a', 'sha256', '--untagged', 'b.txt'])
  await same(['cksum', '--algorithm=sha1', 'a.txt'])
  await same(['cksum', '-a', 'sha512', 'a.txt', 'b.txt'])
})

test('base64 -d refuses bad input with status 1', async () => {
  const { ours, theirs } = await both(sys, {}, ['base64', '-d'], 'aGVs!bG8=')
  assert.equal(ours.exitCode, theirs.exitCode)
  assert.equal(ours.stderr, 'base64: invalid input\n')
})

test('md5sum and sha256sum match GNU', async () => {
  for (const cmd of ['md5sum', 'sha256sum']) {
    await same([cmd, 'a.txt', 'b.txt', 'empty'])
    await same([cmd], { stdin: TEXT })
    await same([cmd, '-'], { stdin: '' })
  }
})

test('md5sum -c and sha256sum -c check lists like GNU', async () => {
  for (const cmd of ['md5sum', 'sha256sum']) {
    const { ours } = await both(sys, FILES, [cmd, 'a.txt', 'b.txt'])
    await same([cmd, '-c', 'sums'], { files: { ...FILES, sums: ours.stdout } })
    const broken = ours.stdout.replace(/^./, (c) => (c === '0' ? '1' : '0'))
    await same([cmd, '-c', 'sums'], { files: { ...FILES, sums: broken }, stderr: true })
  }
})

test('md5sum and sha256sum: --tag, -b and -z lines, and -c with --quiet, --status, --strict, -w, --ignore-missing, as GNU', async () => {
  for (const cmd of ['md5sum', 'sha256sum']) {
    for (const flags of [['--tag'], ['-b'], ['-z'], ['--tag', '-z'], ['-t']]) await same([cmd, ...flags, 'a.txt', 'b.txt'])
    const { ours: tagged } = await both(sys, FILES, [cmd, '--tag', 'a.txt', 'b.txt'])
    const { ours: plain } = await both(sys, FILES, [cmd, 'a.txt'])
    const sum = plain.stdout.slice(0, plain.stdout.indexOf(' '))
    const lists = {
      tagged: tagged.stdout,
      missing: `${sum}  gone.txt\n${sum}  a.txt\n`,
      onlymissing: `${sum}  gone.txt\n`,
      garbage: `garbage\n${sum}  a.txt\n`,
      wrong: `${sum.replace(/^./, (c) => (c === '0' ? '1' : '0'))}  a.txt\n`,
    }
    const files = { ...FILES, ...lists }
    for (const argv of [['-c', 'tagged'], ['-c', '--ignore-missing', 'missing'], ['-c', '--ignore-missing', 'onlymissing'], ['-c', '--strict', 'garbage'], ['-c', '-w', 'garbage'], ['-c', '--quiet', 'wrong'], ['-c', '--status', 'wrong'], ['-c', '--status', 'tagged'], ['-c', '--quiet', 'tagged']]) {
      await same([cmd, ...argv], { files, stderr: true })
    }
  }
})

test('chmod -v, -c and -f, and options after the operands, as GNU', async () => {
  const script = 'chmod 644 a.txt; chmod -v 600 a.txt; chmod -c 600 a.txt; chmod -c 640 a.txt; chmod 600 a.txt b.txt -v; chmod --changes u+x,g-r a.txt; chmod -f 600 nofile; echo $?; chmod -v -w a.txt'
  await same(['sh', '-c', script], { stderr: true })
})

test('mkdir -v, rmdir -v, rm -v and rm -d say and do what GNU\'s do', async () => {
  const script =
    'mkdir -v a; mkdir -pv b/c/d; mkdir -pv ./x/y; mkdir -v a; echo $?; mkdir -pv b/c/d; rmdir -v b/c/d; rmdir -pv x/y; ' +
    'touch f; rm -v f; mkdir -p r/s; touch r/s/t r/u; rm -rv r | sort; mkdir e; rm -dv e; mkdir -p n/m; rm -d n; echo $?; ' +
    'rm -v nope; echo $?; rm -fv nope; echo $?; rm -v a; echo $?; mkdir --verbose --parents p/q; rmdir --verbose --parents p/q; ls'
  await same(['sh', '-c', script], { files: {} })
})

test('cmp matches GNU cmp: equal, different, one a prefix, -s, -l, -n, skips by -i and operands', async () => {
  const files = { a: 'abc\nde', b: 'abc\ndx', c: 'abc', d: 'abc\n', e: '', a2: 'abc\nde' }
  for (const [x, y] of [['a', 'a2'], ['a', 'b'], ['a', 'c'], ['c', 'a'], ['a', 'd'], ['a', 'e']]) {
    await same(['cmp', x!, y!], { files, stderr: true })
    await same(['cmp', '-s', x!, y!], { files, stderr: true })
  }
  await same(['cmp', '-l', 'a', 'b'], { files })
  await same(['cmp', '--verbose', '--bytes=5', 'a', 'b'], { files })
  await same(['cmp', '--silent', 'a', 'b'], { files })
  await same(['cmp', 'a', '-'], { files, stdin: 'abc\nde' })
  // -n: at most that many bytes, an endless device too
  for (const n of ['0', '3', '5', '6', '9']) await same(['cmp', '-n', n, 'a', 'b'], { files, stderr: true })
  await same(['cmp', '-l', '-n', '6', 'a', 'b'], { files })
  await same(['cmp', '-n', '9', 'a', 'c'], { files, stderr: true })
  await same(['cmp', '-n', '100000', '/dev/zero', '/dev/zero'], { files })
  // skips: -i SKIP1[:SKIP2] and the SKIP operands (which win), 0x and 0 prefixes, size suffixes, past the end
  const skipped = { f1: 'abcdefXhij\n', f2: 'xyzdefYhij\n' }
  const skips = [['f1', 'f2', '3', '3'], ['-i', '3', 'f1', 'f2'], ['-i', '3:3', 'f1', 'f2'], ['-i', '3:4', 'f1', 'f2'], ['f1', 'f2', '0x3', '3'], ['f1', 'f2', '010', '3'], ['-l', 'f1', 'f2', '3', '3'], ['-i', '1:1', 'f1', 'f2', '3', '3'], ['-n', '2', 'f1', 'f2', '4', '4'], ['f1', 'f2', '20'], ['-i', '3:20', 'f1', 'f2'], ['f1', 'f2', '1kB'], ['-i', '1K', 'f1', 'f2'], ['f1', 'f1', '1', '2'], ['-s', 'f1', 'f2', '7', '7']]
  for (const argv of skips) await same(['cmp', ...argv], { files: skipped, stderr: true })
  await same(['cmp', 'f1', '-', '3', '3'], { files: skipped, stdin: 'xyzdefYhij\n', stderr: true })
  await same(['cmp', '-n', '10', '-i', '70000', '/dev/zero', '/dev/zero'], { files })
  for (const argv of [['-i', 'x', 'f1', 'f2'], ['f1', 'f2', '3', 'q'], ['f1', 'f2', '3', '3', '4'], ['f1', 'f2', '-1']]) await same(['cmp', ...argv], { files: skipped })
})

/** Two versions of a file for the diff tests: a line added at each end, one changed, one removed. */
const DIFFED = {
  old: 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n',
  new: 'zero\none\ntwo\nthree\nFOUR\nfive\nsix\nseven\neight\nnine\nten\ntwelve\nthirteen\n',
}

/** A diff with a header of names and times (`marks` finds its lines): the names compared, then everything after them. */
async function sameDiff(files: Record<string, string>, argv: string[], marks: RegExp): Promise<void> {
  const { ours, theirs } = await both(sys, files, argv)
  const strip = (s: string): string => s.replace(marks, '$1 $2')
  assert.equal(strip(ours.stdout), strip(theirs.stdout), argv.join(' '))
  assert.equal(ours.exitCode, theirs.exitCode, argv.join(' '))
}

test('diff matches GNU diff in normal and unified formats', async () => {
  const files = {
    ...DIFFED,
    nonl: 'one\ntwo',
    nonl2: 'one\ntwo\n',
    empty: '',
  }
  const pairs = [['old', 'new'], ['new', 'old'], ['nonl', 'nonl2'], ['nonl2', 'nonl'], ['empty', 'old'], ['old', 'empty'], ['old', 'old']]
  for (const [x, y] of pairs) {
    await same(['diff', x!, y!], { files })
    for (const flags of [['-u'], ['-U', '1'], ['-U', '0']]) await sameDiff(files, ['diff', ...flags, x!, y!], /^(---|\+\+\+) (\S+)\t.*$/gm)
  }
  await same(['diff', '-q', 'old', 'new'], { files })
  await same(['diff', '--brief', 'old', 'new'], { files })
  await same(['diff', '--ignore-case', '--ignore-all-space', 'old', 'new'], { files })
})

test('diff matches GNU diff in context, ed and side-by-side formats', async () => {
  const files = {
    ...DIFFED,
    dots: 'a\n.\nb\n',
    dots2: 'x\n.\nb\n.\n',
    tabs: 'x\ty\t' + 'z'.repeat(80) + '\n\tindented\nsame\n',
    tabs2: 'x\nsame\n\nnew\n',
    nonl: 'one\ntwo',
    empty: '',
  }
  const pairs = [['old', 'new'], ['new', 'old'], ['dots', 'dots2'], ['tabs', 'tabs2'], ['empty', 'old'], ['old', 'empty'], ['old', 'old'], ['nonl', 'old']]
  for (const [x, y] of pairs) {
    for (const flags of [['-c'], ['-C', '1'], ['-C', '0']]) await sameDiff(files, ['diff', ...flags, x!, y!], /^(\*\*\*|---) (\S+)\t.*$/gm)
    for (const flags of [['-e'], ['-y'], ['-y', '-W', '30'], ['-y', '-W', '47'], ['-y', '--suppress-common-lines'], ['-y', '--left-column', '-W', '60'], ['--side-by-side', '--width=9']]) await same(['diff', ...flags, x!, y!], { files, stderr: true })
  }
  for (const flags of [['-u', '-c'], ['-e', '-y'], ['-y', '-W', '0'], ['-C', 'x']]) await same(['diff', ...flags, 'old', 'new'], { files, stderr: true })
})

test('diff of large files with many changes matches GNU diff and never holds the host long: unlike files, and one line in ten changed', async () => {
  const lines = (n: number, line: (i: number) => string): string => Array.from({ length: n }, (_, i) => line(i) + '\n').join('')
  const files = {
    a: lines(20_000, (i) => `${i}`),
    b: lines(20_000, (i) => `${i + 20_000}`),
    c: lines(60_000, (i) => `line ${i}`),
    d: lines(60_000, (i) => (i % 10 === 0 ? `changed ${i}` : i % 97 === 0 ? `line ${i}\nadded ${i}` : `line ${i}`)),
  }
  for (const [x, y] of [['a', 'b'], ['c', 'd'], ['d', 'c']]) {
    const argv = ['diff', x!, y!]
    const cwd = await scratch(sys, files)
    // through a shell, as a user types it
    const { result: ours, longest } = await heldHost(() => sys.run(`cd ${cwd} && diff ${x} ${y}`))
    const theirs = host(files, argv)
    assert.equal(ours.stdout, theirs.stdout, `stdout of diff ${x} ${y}`)
    assert.equal(ours.exitCode, theirs.exitCode)
    assert.ok(longest < 1000, `diff ${x} ${y} held the host ${longest.toFixed(0)} ms`)
  }
})

test('truncate leaves the sizes and bytes GNU truncate leaves', async () => {
  const files = { a: 'hello world\n', r: 'abcdef', 'd/': '' }
  for (const args of [
    ['-s', '5', 'a'], ['-s', '+3', 'a'], ['-s', '-2', 'a'], ['-s', '<4', 'a'], ['-s', '>20', 'a'], ['-s', '%8', 'a'], ['-s', '/5', 'a'], ['-s', '1K', 'new'],
    ['-c', '-s', '1', 'new'], ['-s', '0', 'a', 'new'], ['-r', 'r', 'a'], ['-r', 'r', '-s', '+2', 'a'], ['-r', 'r', '-s', '3', 'a'], ['a'], ['-s', '5'],
    ['-s', 'x', 'a'], ['-s', '0', 'd'], ['--size=2KB', 'a'], ['-s', '/0', 'a'], ['-r', 'missing', 'a'],
  ]) {
    const dir = await scratch(sys, files)
    const status = (await sys.exec(['truncate', ...args], { cwd: dir })).exitCode
    const show = 'for f in a new; do [ -e $f ] && od -c $f; done'
    const mine = (await sys.exec(['sh', '-c', show], { cwd: dir })).stdout
    const quoted = args.map((a) => `'${a}'`).join(' ')
    const theirs = host(files, ['sh', '-c', `truncate ${quoted}; s=$?; ${show}; exit $s`])
    assert.equal(mine, theirs.stdout, `truncate ${quoted}`)
    assert.equal(status, theirs.exitCode, `status of truncate ${quoted}`)
  }
})

test('touch -d, -t and -r set the times GNU touch sets', async () => {
  const files = { ref: 'r', old: 'o' }
  for (const args of [
    ['-t', '202401020304.05'], ['-t', '2401020304'], ['-t', '6901020304'], ['-t', '202402300000'], ['-t', '20240102'], ['-d', '2024-01-15 10:00'], ['-d', 'Jan 15 2024 +2 days'],
    ['--date=2020-01-01'], ['-m', '-d', '2021-01-01'], ['-d', 'bogus'], ['-d', 'x', '-t', 'y'], ['--time=bogus'], ['-r', 'missing'], ['-d', '2024-01-15', '-r', 'ref'], ['-d', '-2 days', '-r', 'ref'], ['-r', 'ref'], ['-t', '202401020304', '-r', 'ref'],
  ]) {
    const dir = await scratch(sys, files)
    await sys.exec(['touch', '-d', '2021-03-04 05:06:07', 'ref'], { cwd: dir })
    const status = (await sys.exec(['touch', ...args, 'new', 'old'], { cwd: dir })).exitCode
    const mine = (await sys.exec(['stat', '-c', '%n %Y', 'new', 'old', 'ref'], { cwd: dir })).stdout
    const quoted = args.map((a) => `'${a}'`).join(' ')
    const theirs = host(files, ['sh', '-c', `touch -d '2021-03-04 05:06:07' ref; touch ${quoted} new old; s=$?; stat -c '%n %Y' new old ref 2>/dev/null; exit $s`])
    // a file given no time keeps now's: only the first whole line of seconds can differ by the clock
    const fixed = (out: string): string => out.replace(/ (\d+)$/gm, (all, t: string) => (Math.abs(Number(t) - Date.now() / 1000) < 60 ? ' now' : all))
    assert.equal(fixed(mine), fixed(theirs.stdout), `touch ${quoted}`)
    assert.equal(status, theirs.exitCode, `status of touch ${quoted}`)
  }
})

test("stat's time, block and inode directives read as GNU stat's (%y %x %z, %Y %X %Z, %b %B %o)", async () => {
  const files = { f: 'x'.repeat(5000) }
  const dir = await scratch(sys, files)
  const format = '%y|%x|%Y|%X|%b|%B|%o'
  await sys.exec(['touch', '-d', '2020-01-01 10:11:12', 'f'], { cwd: dir })
  const mine = (await sys.exec(['stat', '-c', format, 'f'], { cwd: dir })).stdout
  const theirs = host(files, ['sh', '-c', `touch -d '2020-01-01 10:11:12' f; stat -c '${format}' f`]).stdout
  assert.equal(mine, theirs)
  // no change or birth time is kept: the change time is the modification time, birth unknown as GNU says it
  assert.equal((await sys.exec(['stat', '-c', '%z|%Z|%w|%W', 'f'], { cwd: dir })).stdout, '2020-01-01 10:11:12.000000000 +0000|1577873472|-|0\n')
  assert.match((await sys.exec(['stat', '-c', '%i', 'f'], { cwd: dir })).stdout, /^\d+\n$/)
})

test('find matches GNU find for names, types, depths and operators', async () => {
  const files = { 'd/a.txt': 'x', 'd/b.log': 'y', 'd/sub/c.txt': 'z', 'd/sub/deeper/.hidden': 'h', 'd/empty/': '', 'top.txt': 't' }
  const sorted = (s: string): string => s.split('\n').sort().join('\n')
  for (const expr of [
    [],
    ['-name', '*.txt'],
    ['-type', 'd'],
    ['-type', 'f', '-name', '*.t?t'],
    ['-maxdepth', '1'],
    ['-mindepth', '2', '-type', 'f'],
    ['!', '-name', '*.txt', '-type', 'f'],
    ['(', '-name', 'a*', '-o', '-name', 'c*', ')', '-print'],
    ['-path', '*sub*', '-type', 'f'],
    ['-iname', 'A.TXT'],
    ['-name', '[ab].*'],
    ['-name', 'c.txt'],
    ['-name', 'd'],
    ['-name', '*'],
    ['-name', '*hidden'],
    ['-name', '.hidden'],
    ['-name', '*\\*'],
    ['-path', 'd/a.txt'],
    ['-path', '*.txt'],
    ['-name', 'sub', '-prune', '-o', '-type', 'f', '-print'],
    ['-path', 'd/sub', '-prune', '-o', '-print'],
    ['-name', 'sub', '-prune'],
    ['-depth', '-name', 'sub', '-prune'],
    ['-name', 'c.txt', '-print', '-quit'],
    ['-type', 'd', '-quit'],
    ['-regex', '.*\\.\\(txt\\|log\\)'],
    ['-regex', 'd/a.txt?'],
    ['-regex', '.*/[ab]+\\..*'],
    ['-regex', 'a.txt'],
    ['-regextype', 'posix-extended', '-regex', '.*/(a|c)\\..*'],
    ['-regextype', 'posix-basic', '-regex', '.*/[ab]\\{1,\\}\\..*'],
    ['-iregex', '.*A\\.TXT'],
    ['-regextype', 'bogus', '-regex', 'x'],
    ['-type', 'f,d', '-name', '*e*'],
    ['-type', 'l'],
    ['-type', 'q'],
    ['-printf', '%p|%f|%h|%P|%H|%d|%y|%Y|%m|%M|%l\\n'],
    ['-type', 'f', '-printf', '%s %k %b %n %TY\\n'],
    ['-printf', '%-10f|%5d|%.1y|%-3.2h|\\n'],
    ['-type', 'f', '-printf', '\\t%f\\0\\101\\n\\c ignored\\n'],
    ['-name', 'a.txt', '-printf', '%z|%%|\\q\\n'],
    ['-printf', 'x%'],
  ]) {
    const { ours, theirs } = await both(sys, files, ['find', 'd', 'top.txt', ...expr])
    assert.equal(sorted(ours.stdout), sorted(theirs.stdout), `find ${expr.join(' ')}`)
    assert.equal(ours.exitCode, theirs.exitCode)
  }
})

test('find: tests after one that waits (-empty of a directory lists it) see their own file', async () => {
  const files = { 'd/a.txt': 'x', 'd/empty/': '', 'd/sub/e.txt': '', 'd/sub/f.log': 'y', 'd/sub/none/': '', 'top.txt': 't' }
  const sorted = (s: string): string => s.split('\n').sort().join('\n')
  for (const expr of [
    ['-empty', '-name', '*e*'],
    ['-empty', '-print', '-o', '-name', '*.log', '-print'],
    ['-type', 'd', '-empty', '-o', '-path', '*sub*', '-type', 'f', '-size', '-1'],
    ['!', '-empty', '-type', 'd', '-name', 's*'],
    ['-newermt', '2020-01-01', '-type', 'f'], ['!', '-newermt', '2099-01-01 10:00', '-name', '*.log'], ['-newermt', '2099-01-01'],
    ['-ctime', '-1', '-type', 'f'], ['-amin', '+100000'], ['-links', '1', '-type', 'f'], ['-links', '+5'],
  ]) {
    const { ours, theirs } = await both(sys, files, ['find', 'd', 'top.txt', ...expr])
    // the host lists a directory in its own order
    assert.equal(sorted(ours.stdout), sorted(theirs.stdout), `find ${expr.join(' ')}`)
    assert.equal(ours.exitCode, theirs.exitCode)
  }
})

test('ls -1 sorts and groups like GNU ls in the C locale', async () => {
  const files = { 'B': '', 'a': '', '_x': '', '.dot': '', 'dir/z': '', 'dir/y': '', 'dir/.h': '', 'e/': '' }
  const lists = [['ls'], ['ls', '-a'], ['ls', '-A'], ['ls', 'dir', 'a', 'e', 'B'], ['ls', '-R'], ['ls', '-d', 'dir', 'a'], ['ls', '-r'], ['ls', '-1', 'dir']]
  const marked = [['ls', '-aR'], ['ls', '-ar', 'dir'], ['ls', '-p'], ['ls', '-F', 'dir', 'e'], ['ls', '-ap'], ['ls', '-dF', 'dir', 'a']]
  for (const argv of [...lists, ...marked]) {
    const { ours, theirs } = await both(sys, files, argv)
    assert.equal(ours.stdout, theirs.stdout, argv.join(' '))
    assert.equal(ours.exitCode, theirs.exitCode)
  }
})

test('ls formats and orders as GNU ls: -x, -C and -m (tabs as GNU pads), -s, -v, -X, --sort, --time-style, --group-directories-first', async () => {
  const names = ['v1.10', 'v1.2', 'v1.9', 'a.z', 'b.a', 'c', 'sub/f', ...Array.from({ length: 23 }, (_, i) => `file-number-${i + 1}.txt`)]
  const files = Object.fromEntries(names.map((n, i) => [n, 'x'.repeat(i * 300)]))
  const argvs = [
    ['ls', '-x'], ['ls', '-C'], ['ls', '-m'], ['ls', '-s'], ['ls', '-sh'], ['ls', '-xs'], ['ls', '-v'], ['ls', '-X'], ['ls', '-rv'],
    ['ls', '--sort=version'], ['ls', '--sort=extension'], ['ls', '--sort=width'], ['ls', '--sort=size', '-1', 'c', 'v1.2', 'a.z'], ['ls', '--group-directories-first'],
    ['ls', '--sort=bogus'], ['ls', '--time-style=bogus', '-l'], ['ls', '--bogus'],
  ]
  // (the times themselves are the moment each side made its files: their shapes are compared)
  const cwd = await scratch(sys, files)
  const timeOf = async (style: string): Promise<string> => (await sys.exec(['ls', '-l', style, 'c'], { cwd })).stdout.split(' ').slice(5, -1).join(' ')
  assert.match(await timeOf('--time-style=long-iso'), /^\d{4}-\d\d-\d\d \d\d:\d\d$/)
  assert.match(await timeOf('--time-style=iso'), /^\d\d-\d\d \d\d:\d\d$/)
  assert.match(await timeOf('--time-style=+%Y=%m'), /^\d{4}=\d\d$/)
  assert.match(await timeOf('--full-time'), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} [+-]\d{4}$/)
  for (const argv of argvs) {
    const { ours, theirs } = await both(sys, files, argv)
    assert.equal(ours.stdout, theirs.stdout, argv.join(' '))
    assert.equal(ours.exitCode, theirs.exitCode)
  }
})

test('ls quotes names as GNU ls does in each quoting style (-Q, -b, -N, $QUOTING_STYLE), its shell quotes hanging left in -l and columns', async () => {
  // (no name wider than its characters: how GNU counts a multi-byte name in columns is its own)
  const files = { plain: '', 'sp ace': '', "it's": '', 'dq"x': '', 'back\\slash': '', 'star*': '', 'a=b': '', '~home': '', "mixed'q x": '', 'dollar$': '' }
  const runs: string[][] = [
    ...['literal', 'shell', 'shell-always', 'shell-escape', 'shell-escape-always', 'c', 'c-maybe', 'escape', 'locale', 'clocale'].map((style) => ['ls', `--quoting-style=${style}`]),
    ['ls', '-Q'], ['ls', '-b'], ['ls', '-N'], ['ls', '-Q', '-m', '-w', '80'], ['ls', '-C', '-w', '60', '--quoting-style=shell'], ['ls', '-x', '-w', '50', '-Q'],
    ['ls', '-C', '-w', '80', '--quoting-style=shell', 'plain', 'sp ace'], ['ls', '--quoting-style=bogus'], ['ls', '-w', 'x'], ['ls', '-C', '-w', '0'],
    ['sh', '-c', 'ls -l --quoting-style=shell | sed "s/.* [0-9][0-9]:[0-9][0-9]//"'], ['sh', '-c', 'QUOTING_STYLE=escape ls'],
  ]
  for (const argv of runs) {
    const { ours, theirs } = await both(sys, files, argv)
    assert.equal(ours.stdout, theirs.stdout, argv.join(' '))
    assert.equal(ours.exitCode, theirs.exitCode, `status of ${argv.join(' ')}`)
  }
})
