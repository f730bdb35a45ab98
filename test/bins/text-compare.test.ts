/** The text commands against the host's GNU coreutils, grep and sed: same input, same output and status. */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { readAll } from '../../src/bins/lib.ts'
import { isNineError } from '../../src/kernel/errors.ts'
import { isExecCapable, type ProcContext } from '../../src/kernel/types.ts'
import { both, bootFiles, host, scratch } from './filesfixture.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
  sys.bins.add('drip', drip)
})

/**
 * `drip N cmd arg...`: runs cmd with its standard input fed through a pipe N bytes a write, so
 * that its reads end wherever N puts them (inside a pattern, a line or a UTF-8 character).
 */
async function drip(proc: ProcContext): Promise<number> {
  if (!isExecCapable(proc)) throw new Error('drip: cannot spawn')
  const size = Number(proc.argv[1])
  const input = await readAll(proc, 0)
  const [r, w] = proc.pipe()
  const child = await proc.spawn(proc.argv.slice(2), { fds: { 0: r, 1: 1, 2: 2 } })
  await proc.close(r)
  // a command that stops reading early (grep -q, -l, -m) closes the pipe: the rest is dropped
  proc.on('SIGPIPE', () => {})
  try {
    for (let at = 0; at < input.length; at += size) await proc.write(w, input.slice(at, at + size))
  } catch (e) {
    if (!isNineError(e, 'EPIPE')) throw e
  }
  await proc.close(w)
  return child.wait()
}
after(async () => {
  await sys.shutdown()
})

const WORDS = 'banana 3 x\napple 10 y\ncherry 2 z\nApple 10 a\nbanana 1 b\n\n  date 7 c\napple 10 y\n'
const CSV = 'name:age:city\nann:31:oslo\nbob:7:rome\ncy\n:9:\nlast:line:no newline'
const NUMS = '10\n-3\n2.5\n+4\n007\nabc\n-0\n1e3\n.5\n-1.5\n\n9\n'
const FILES = { 'words': WORDS, 'csv': CSV, 'nums': NUMS, 'a': 'one\ntwo\nthree\n', 'b': 'two\nfour\n', 'empty': '', 's1': '1 c\n3 a\n5 b\n', 's2': '2 z\n3 a\n3 b\n4 y\n6 x' }

async function same(argv: string[], options: { stdin?: string; stderr?: boolean } = {}): Promise<void> {
  const { ours, theirs } = await both(sys, FILES, argv, options.stdin)
  const what = JSON.stringify(argv)
  assert.equal(ours.stdout, theirs.stdout, `stdout of ${what}`)
  assert.equal(ours.exitCode, theirs.exitCode, `status of ${what}: ${ours.stderr}`)
  if (options.stderr) assert.equal(ours.stderr, theirs.stderr, `stderr of ${what}`)
}

test('echo matches GNU /bin/echo', async () => {
  await same(['echo', 'a', 'b  c'])
  await same(['echo'])
  await same(['echo', '-n', 'x'])
  await same(['echo', '-e', 'a\\tb\\nc\\\\d\\x41\\0101\\101\\e[0m'])
  await same(['echo', '-e', 'stop\\chere', 'more'])
  await same(['echo', 'no\\tescape'])
  await same(['echo', '-neE', 'a\\tb'])
  await same(['echo', '-x', '-n'])
  await same(['echo', '-e', '\\x', '\\q', 'trailing\\'])
})

test('printf matches GNU printf', async () => {
  const cases: string[][] = [
    ['%s %s\\n', 'a', 'b', 'c'],
    ['%d|%5d|%-5d|%05d|%+d|% d|%.3d\\n', '42', '42', '42', '42', '42', '42', '7'],
    ['%x %X %o %#x %#o %u\\n', '255', '255', '8', '255', '8', '-1'],
    ['%i %d %d\\n', '0x1f', '010', "'A"],
    ['%f %.2f %.0f %.0f %e %.3e %g %g %g %G\\n', '3.14159', '2.675', '0.5', '1.5', '12345.678', '0.00012', '0.0001', '1e-5', '123456789', '1e-10'],
    ['%10.3f|%-10.2e|%#g|%#.0f\\n', '3.14159', '1234.5', '1', '3'],
    ['%c%c%5c|\\n', 'hello', 'x', 'y'],
    ['%5s|%-5s|%.2s|%5.1s|\\n', 'ab', 'ab', 'abcdef', 'xyz'],
    ['%*d|%-*d|%.*f\\n', '5', '1', '4', '2', '2', '3.14159'],
    ['%b|%b\\n', 'a\\tb\\0101', 'c\\nd'],
    ['%b\\n', 'x\\cy', 'z'],
    ['tab\\there\\101\\0101\\x41\\\\ %%\\n'],
    ['%s\\n'],
    ['%d %s\\n', '1'],
    ['no directives\\n', 'extra'],
    ['%d\\n', 'abc'],
    ['%d\\n', '12abc'],
    ['%d\\n', '99999999999999999999'],
    ['%z'],
    ['%#d', '1'],
    ['\\x'],
    ['%5%'],
    ['%s-%s\\n', 'a', 'b', 'c', 'd', 'e'],
    ['%f %f\\n', 'inf', '-inf'],
    ['%.3s|\\n', 'x'],
  ]
  for (const c of cases) await same(['printf', ...c])
})

test('seq matches GNU seq', async () => {
  for (const args of [
    ['5'],
    ['3', '7'],
    ['10', '-3', '1'],
    ['1', '0.5', '3'],
    ['0.1', '0.1', '0.5'],
    ['-w', '8', '12'],
    ['-w', '-5', '5'],
    ['-w', '1', '0.5', '2'],
    ['-w', '0.5', '1.25', '3'],
    ['1', '2.55'],
    ['1e2', '1e2'],
    ['-s', ',', '1', '5'],
    ['-s', '', '1', '3'],
    ['5', '1'],
    ['-f', '%03g', '1', '3'],
    ['-f', 'x%.2fy', '1', '0.25', '2'],
    ['0', '0.000001', '0.000003'],
    ['1', '-1'],
    ['1.0', '3'],
    ['-3'],
    ['-2', '2'],
    ['0'],
    // integers: whole hundreds copied (steps dividing 100), or not; signs, widths, separators
    ['1', '1234'],
    ['95', '5', '2000'],
    ['3', '4', '1500'],
    ['-5', '3', '400'],
    ['-1234', '1234'],
    ['-w', '-1234', '1', '1234'],
    ['-w', '1', '2', '1999'],
    ['-s', ':', '7', '10', '3003'],
    ['-s', ', ', '-w', '98', '102'],
    ['9999990', '10000010'],
    ['9007199254740000', '9007199254740991'],
    ['-9007199254740991', '-9007199254740000'],
    ['1000', '-1', '1'],
    ['1234', '-7', '-1234'],
    ['0', '25', '1000'],
    ['-0', '1'],
    ['-w', '-0', '2'],
    ['-w', '000000000000000000007', '11'],
    ['-f', '%.0f', '1', '500'],
    ['-s', '', '98', '103'],
  ]) {
    await same(['seq', ...args])
  }
  for (const bad of [['x'], [], ['1', '0', '3'], ['1', '2', '3', '4'], ['-f', '%d', '1']]) {
    const { ours, theirs } = await both(sys, {}, ['seq', ...bad])
    assert.equal(ours.stdout, theirs.stdout)
    assert.equal(ours.exitCode, theirs.exitCode, `status of seq ${bad.join(' ')}`)
    assert.match(ours.stderr, /^seq: /)
  }
})

test('grep matches GNU grep: flags, BRE and ERE', async () => {
  const runs: string[][] = [
    ['an', 'words'],
    ['-i', 'apple', 'words'],
    ['-v', 'a', 'words'],
    ['-c', 'a', 'words'],
    ['-n', 'e', 'words'],
    ['-l', 'two', 'a', 'b', 'empty'],
    ['-L', 'one', 'a', 'b'],
    ['-h', 'two', 'a', 'b'],
    ['-H', 'two', 'a'],
    ['-c', 'two', 'a', 'b'],
    ['-w', 'app', 'words'],
    ['-w', 'apple', 'words'],
    ['-x', 'one', 'a'],
    ['-o', 'an', 'words'],
    ['-on', '[0-9][0-9]*', 'words'],
    ['-m', '2', 'a', 'words'],
    ['-e', 'one', '-e', 'four', 'a', 'b'],
    ['-F', '.', 'csv'],
    ['-F', '-x', 'two', 'a'],
    ['-q', 'one', 'a'],
    ['-q', 'zzz', 'a'],
    ['zzz', 'a'],
    ['', 'a'],
    ['^a', 'words'],
    ['y$', 'words'],
    ['a.a', 'words'],
    ['\\(an\\)\\1', 'words'],
    ['an\\{2\\}', 'words'],
    ['a\\|z', 'words'],
    ['[[:upper:]]', 'words'],
    ['[^a-z ]', 'words'],
    ['ap*le', 'words'],
    ['*', 'words'],
    ['a+', 'words'],
    ['\\<app', 'words'],
    ['e\\>', 'words'],
    ['-E', '(an)+a', 'words'],
    ['-E', 'an{2}', 'words'],
    ['-E', 'apple|cherry', 'words'],
    ['-E', '[0-9]+ [a-c]$', 'words'],
    ['-E', 'a{', 'words'],
    ['-E', '^(a|b)', 'words'],
    ['-E', 'x?y', 'words'],
    ['-iE', 'APPLE|DATE', 'words'],
    ['-c', '^$', 'words'],
    ['[', 'words'],
    ['\\(', 'words'],
    ['a\\{1', 'words'],
    ['\\(a\\)\\2', 'words'],
    ['[[:nope:]]', 'words'],
    ['x', 'missing'],
    ['-s', 'x', 'missing'],
    ['-q', 'one', 'missing', 'a'],
  ]
  for (const args of runs) await same(['grep', ...args])
  await same(['grep', 'two'], { stdin: 'one\ntwo\n' })
  await same(['grep', '-c', 'o', '-', 'a'], { stdin: 'one\ntwo\n' })
})

test("grep's fixed-string search matches GNU grep wherever its reads end", async () => {
  const inputs = ['', 'x7y\n77\n8\n7', 'ababc\nabab\naab\naaab\nabababc\n', 'héllo wörld ✓\nno\nwörld!\n✓✓\n', '7\n'.repeat(5) + 'x\n' + '17'.repeat(3), '\n\n7\n\n', 'ab\n'.repeat(3) + 'xx\nyab\n\nba ab ba\nab']
  const runs: string[][] = [
    ['7'], ['-v', '7'], ['-c', '7'], ['-n', '7'], ['-vn', '7'], ['-vc', '7'], ['-l', '7'], ['-L', '7'], ['-q', '7'], ['-m', '2', '7'], ['-Hn', '7'], ['-c', '-m', '1', '7'],
    ['abab'], ['-n', 'aab'], ['-F', 'ababc'], ['-v', 'ab'], ['ö'], ['-n', 'wörld'], ['✓'], ['-c', '✓✓'], ['-F', 'a.b'], ['-e', 'ab'],
    ['17'], ['-n', '77'], ['-c', '17'], ['-l', 'ab'], ['-q', 'ab'], ['-m', '1', '-n', 'ab'], ['-Hn', '17'], ['-L', 'zz'], ['-n', 'ba'],
  ]
  for (const input of inputs) {
    for (const args of runs) {
      const theirs = host({}, ['grep', ...args], input)
      for (const size of [1, 2, 3, 65536]) {
        const ours = await sys.exec(['drip', String(size), 'grep', ...args], { stdin: input })
        const what = `grep ${args.join(' ')} on ${JSON.stringify(input)} in reads of ${size}`
        assert.equal(ours.stdout, theirs.stdout, what)
        assert.equal(ours.exitCode, theirs.exitCode, `status of ${what}: ${ours.stderr}`)
      }
    }
  }
})

/** About 3 MiB of lines of every length up to 300 bytes, some with ERROR (twice, or split by a newline), some UTF-8. */
function bigLog(): string {
  const lines: string[] = []
  let size = 0
  for (let i = 0; size < 3 * 1024 * 1024; i++) {
    const tag = i % 7 === 0 ? 'ERROR' : i % 11 === 0 ? 'ERRORERROR ERROR' : i % 13 === 0 ? 'ERR\nOR' : i % 17 === 0 ? 'wörld ✓' : 'ok'
    const line = `${i} ${tag} ${'ab'.repeat(i % 150)}\n`
    lines.push(line)
    size += line.length
  }
  return lines.join('')
}

test('grep and tr on a file of several reads, read into one buffer, match GNU', async () => {
  const files = { big: bigLog() }
  for (const args of [['-c', 'ERROR'], ['-n', 'ERROR'], ['ERROR'], ['-c', 'ab ab'], ['-m', '5000', '-n', 'ERROR'], ['-l', 'RR'], ['-c', 'wörld'], ['-c', 'no such line']]) {
    const { ours, theirs } = await both(sys, files, ['grep', ...args, 'big'])
    assert.equal(ours.stdout, theirs.stdout, `grep ${args.join(' ')}`)
    assert.equal(ours.exitCode, theirs.exitCode, `status of grep ${args.join(' ')}`)
  }
  for (const sets of ['a-z A-Z', 'A-Za-z a-zA-Z', 'a-zA-Z n-za-mN-ZA-M', '0-9 a', 'b x']) {
    // the digest: the host's output is cut at spawnSync's 1 MiB
    const { ours, theirs } = await both(sys, files, ['sh', '-c', `tr ${sets} < big | md5sum`])
    assert.equal(ours.stdout, theirs.stdout, `tr ${sets}`)
  }
})

test('wc -l counts newlines wherever its reads end', async () => {
  for (const input of ['', 'no newline', 'a\nb', 'a\nb\n', '\n\n\n', 'héllo\nwörld ✓\n']) {
    for (const args of [['-l'], ['-lc'], ['-lw']]) {
      const theirs = host({}, ['wc', ...args], input)
      for (const size of [1, 2, 65536]) {
        const ours = await sys.exec(['drip', String(size), 'wc', ...args], { stdin: input })
        assert.equal(ours.stdout, theirs.stdout, `wc ${args.join(' ')} on ${JSON.stringify(input)} in reads of ${size}`)
      }
    }
  }
})

test('grep on binary data (a NUL byte) says only that it matches, as GNU grep', async () => {
  // the NUL in the first line, and after the first match; a text file beside them
  const files = { bin: 'a\0b\nno\na again\n', later: 'a first\n' + 'filler\n'.repeat(2000) + 'x\0y\na last\n', txt: 'a\nb\n' }
  const runs: string[][] = [
    ['a', 'bin'], ['-n', 'a', 'bin', 'txt'], ['-c', 'a', 'bin'], ['-l', 'a', 'bin'], ['-q', 'a', 'bin'], ['-v', 'zzz', 'bin'], ['-o', 'a', 'bin'],
    ['-A1', 'a', 'bin'], ['-C1', 'a', 'bin', 'txt'], ['-x', 'no', 'bin'], ['zzz', 'bin'], ['a', 'later'], ['-n', 'first', 'later'], ['a g', 'bin'],
    ['-a', 'a', 'bin'], ['-I', 'a', 'bin', 'txt'], ['-I', '-c', 'a', 'bin'], ['-I', '-L', 'a', 'bin', 'txt'], ['--binary-files=without-match', 'a', 'bin'],
    ['--binary-files=text', '-c', 'a', 'bin'], ['--binary-files=nope', 'a', 'bin'], ['-z', 'a', 'bin'], ['-U', 'a', 'txt'],
  ]
  for (const args of runs) {
    const { ours, theirs } = await both(sys, files, ['grep', ...args])
    const what = `grep ${args.join(' ')}`
    assert.equal(ours.stdout, theirs.stdout, what)
    assert.equal(ours.stderr, theirs.stderr, `stderr of ${what}`)
    assert.equal(ours.exitCode, theirs.exitCode, `status of ${what}`)
  }
  await same(['grep', 'a'], { stdin: 'a\0\n', stderr: true })
})

test('grep --color colours names, numbers, separators and matches as GNU grep does, GREP_COLORS read', async () => {
  const files = { g1: 'foo bar foo\nnone\nxfoo\n', g2: 'foo\n' }
  const runs: string[][] = [
    ['-n', 'foo', 'g1', 'g2'], ['foo', 'g1'], ['-c', 'foo', 'g1', 'g2'], ['-l', 'foo', 'g1', 'g2'], ['-L', 'none', 'g1', 'g2'], ['-A1', '-n', 'bar', 'g1', 'g2'],
    ['-C1', 'none', 'g1', 'g2'], ['-o', 'foo', 'g1'], ['-v', 'foo', 'g1'], ['-b', '-H', 'x', 'g1'], ['-i', 'FOO', 'g2'], ['', 'g2'], ['-E', 'o*', 'g2'],
    ['-w', 'foo', 'g1'], ['-e', 'foo', '-e', 'bar', 'g1'],
  ]
  for (const args of runs) {
    const { ours, theirs } = await both(sys, files, ['grep', '--color=always', ...args])
    assert.equal(ours.stdout, theirs.stdout, `grep --color=always ${args.join(' ')}`)
  }
  const custom = await both(sys, files, ['sh', '-c', "GREP_COLORS='mt=01;32:fn=34:ne' grep --colour=always -H foo g2; grep --color=auto foo g2; grep --color foo g2"])
  assert.equal(custom.ours.stdout, custom.theirs.stdout)
})

test("grep's other GNU options: group separators, --label, --no-ignore-case, -d, --exclude-from", async () => {
  const files = { ctx: 'a\nb\nc\nd\ne\na\n', 'sub/f': 'a\n', ex: '*.txt\n', 'x.txt': 'a\n' }
  for (const script of [
    'grep --group-separator=XX -A0 a ctx', 'grep --no-group-separator -A0 a ctx', 'echo foo | grep --label=stdin -H foo', 'grep -i --no-ignore-case A ctx; echo $?',
    'grep -d skip a sub ctx', 'grep -d recurse a sub', 'grep -d read a sub 2>/dev/null; echo $?', 'grep -r --exclude-from=ex a . | sort', 'grep -d bogus a ctx 2>/dev/null; echo $?',
  ]) {
    const { ours, theirs } = await both(sys, files, ['sh', '-c', script])
    assert.equal(ours.stdout, theirs.stdout, script)
  }
})

test('grep -r searches directories; a directory without -r is an error', async () => {
  const files = { 'd/x': 'hit\n', 'd/sub/y': 'miss\nhit again\n', 'd/z': 'nothing\n' }
  const { ours, theirs } = await both(sys, files, ['grep', '-r', 'hit', 'd'])
  assert.deepEqual(ours.stdout.split('\n').sort(), theirs.stdout.split('\n').sort())
  assert.equal(ours.exitCode, 0)
  // the names shown are the operand's, however it was written; the files are found all the same
  for (const root of ['d/', 'd//sub', 'd/../d', 'd/./sub/']) {
    const r = await both(sys, files, ['grep', '-rn', 'hit', root])
    assert.deepEqual(r.ours.stdout.split('\n').sort(), r.theirs.stdout.split('\n').sort(), `grep -rn hit ${root}`)
  }
  const dir = await both(sys, files, ['grep', 'hit', 'd'])
  assert.equal(dir.ours.exitCode, dir.theirs.exitCode)
  assert.equal(dir.ours.stderr, 'grep: d: file is a directory\n')
})

test('sed matches GNU sed', async () => {
  const scripts: string[][] = [
    ['s/a/\\x41\\o102\\d67/'], ['$a\\'], ['a\\'], ['-e', 'a\\', '-e', 'more'], ['s/a/[\\x4a]/g'],
    ['s/a/X/'],
    ['s/a/X/g'],
    ['s/a/X/2'],
    ['s/a/X/2g'],
    ['s/A/x/Ig'],
    ['-n', 's/an/AN/p'],
    ['s|/|_|g'],
    ['s,a\\(n\\),<\\1>,g'],
    ['s/[0-9][0-9]*/[&]/'],
    ['s/x*/-/g'],
    ['s/.*/\\U&/'],
    ['s/\\(.\\)\\(.*\\)/\\u\\2\\1/'],
    ['-E', 's/(a|e)+/<&>/g'],
    ['-E', 's/([a-z]+) ([0-9]+)/\\2 \\1/'],
    ['-r', 's/a{2}/AA/'],
    ['2p'],
    ['-n', '2p'],
    ['-n', '$p'],
    ['-n', '2,4p'],
    ['-n', '/apple/p'],
    ['-n', '/cherry/,/date/p'],
    ['-n', '/banana/,+1p'],
    ['0,/banana/d'],
    ['1,/banana/d'],
    ['3q'],
    ['3Q'],
    ['2q5'],
    ['/apple/d'],
    ['/apple/!d'],
    ['$d'],
    ['='],
    ['-n', '$='],
    ['2,3c\\\nCHANGED'],
    ['/cherry/i\\\ninserted'],
    ['/cherry/a appended'],
    ['$a end'],
    ['1i start'],
    ['y/abc/xyz/'],
    ['-e', 's/a/1/', '-e', 's/b/2/'],
    ['s/a/1/;s/b/2/'],
    ['s/a/1/\ns/b/2/'],
    ['/apple/{s/a/A/;s/p/P/g}'],
    ['-n', '/apple/{p;p}'],
    ['n;d'],
    ['N;s/\\n/+/'],
    ['$!N;P;D'],
    ['1!G;h;$!d'],
    ['-n', 'h;x;p'],
    [':a;N;$!ba;s/\\n/,/g'],
    ['s/a/X/;ta;s/$/ no/;b;:a;s/$/ yes/'],
    ['s/a/X/;Ta;s/$/ yes/;b;:a;s/$/ no/'],
    ['-n', '/^$/='],
    ['s/a/\\n/'],
    ['s/a/\\t/'],
    ['s/a/&&/3'],
    ['z;s/^/E/'],
    ['\\,apple,d'],
    ['/APPLE/Id'],
    ['-n', 'l'], ['-n', 'l 5'], ['-n', 'l 0'], ['-n', '-l', '4', 'l'], ['-n', '$!N;l'], ['-n', '--line-length=3', 'l'],
    ['-n', '2F'], ['1e echo before'], ['1W firstline'], ['v 4.2'], ['R a'], ['2R a'], ['R missing'],
  ]
  for (const s of scripts) await same(['sed', ...s, 'words'])
  await same(['sed', '-n', 'F', 'a', '-'], { stdin: 'x\n' })
  await same(['sed', 'e'], { stdin: 'echo from the pattern space\n' })
  await same(['sed', '-n', 'l'], { stdin: 'é\\x\t\x01\n' })
  await same(['sed', 'p', 'csv'])
  await same(['sed', '-n', '$p', 'csv'])
  await same(['sed', '$a end', 'csv'])
  await same(['sed', 's/o/0/g', 'a', 'b'])
  await same(['sed', '-n', '$p', 'a', 'b'])
  await same(['sed', 's/x/y/'], { stdin: 'axb\n' })
  for (const bad of [['s/a/b'], ['k'], ['s/a/b/q'], ['y/ab/c/'], ['bnowhere'], ['s/\\(a\\)/\\2/'], ['{p'], ['p}'], ['0p']]) {
    await same(['sed', ...bad, 'words'])
  }
  await same(['sed', 'p', 'missing', 'a'])
})

test("sed's GNU step addresses (first~step, addr1,~N) and their edge cases match GNU sed", async () => {
  const scripts = ['1~3p', '0~4p', '2~0p', '3~2!p', '2,~4p', '4,~4p', '5,~0p', '/3/,~2p', '2~3,5p', '1~3,+1p', '2,5~3p', '6,1~2p', '5,1~2p', '1,~3p', '3,~3p', '0~0,/2/p', '1,+p', '1,~p']
  for (const s of scripts) await same(['sed', '-n', s], { stdin: '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n' })
  for (const bad of ['0~0p', '0,~3p', '0,+1p', '0,5p']) await same(['sed', '-n', bad], { stdin: '1\n' })
})

test('sed -s, -z, -u, -i with a suffix and the long options match GNU sed', async () => {
  await same(['sed', '-s', '-n', '$p', 'a', 'b'])
  await same(['sed', '-sn', '1p;$=', 'a', 'b'])
  await same(['sed', '-s', '1i\\\nhead', 'a', 'b'])
  await same(['sed', '-s', 'q1', 'a', 'b'])
  await same(['sed', '-s', 'p', 'missing', 'a'])
  await same(['sed', '-z', 's/\\n/,/g', 'a'])
  await same(['sed', '-z', 's/\\n$//', 'b'])
  await same(['sed', '-z', 'N;P;D'], { stdin: 'a\0b\0c\0' })
  await same(['sed', '-z', 'G;H;='], { stdin: 'a\0b\0' })
  await same(['sed', '-z', '$!d'], { stdin: 'a\0b' })
  await same(['sed', '-u', 's/^/>/', 'a'])
  await same(['sed', '--quiet', '--expression=2p', 'a'])
  await same(['sed', '--silent', '--expression', '1p', '--regexp-extended', '-e', 's/(o)/[\\1]/p', 'a'])
  await same(['sed', '--null-data', '--separate', 's/\\n/|/g', 'a', 'b'])
  await same(['sed', '--bogus', 'a'])
  await same(['sed', '--expression'])
  const show = 'for f in $(ls | sort); do echo "== $f"; cat $f; done'
  const inPlace = [['-i.bak', 's/o/0/', 'a'], ['-iorig_*', '1d', 'a', 'b'], ['-ni.x', '1p', 'a'], ['--in-place=.b2', '-e', '1d', 'b'], ['-i', 's/t/T/', 'a', 'b'], ['-s', '-i~', '$d', 'a', 'b'], ['-i.k', 'p', 'missing', 'a']]
  for (const args of inPlace) {
    const files = { a: FILES.a, b: FILES.b }
    const dir = await scratch(sys, files)
    const status = (await sys.exec(['sed', ...args], { cwd: dir })).exitCode
    let mine = ''
    for (const name of (await sys.exec(['ls', dir])).stdout.split('\n').filter((n) => n !== '').sort()) {
      mine += `== ${name}\n${new TextDecoder().decode(await sys.readFile(`${dir}/${name}`))}`
    }
    const quoted = args.map((a) => `'${a}'`).join(' ')
    const theirs = host(files, ['sh', '-c', `sed ${quoted}; s=$?; ${show}; exit $s`])
    assert.equal(mine, theirs.stdout, `files after sed ${quoted}`)
    assert.equal(status, theirs.exitCode, `status of sed ${quoted}`)
  }
})

test('sort matches GNU sort', async () => {
  const runs: string[][] = [
    [],
    ['-r'],
    ['-n'],
    ['-rn'],
    ['-u'],
    ['-f'],
    ['-fu'],
    ['-k2'],
    ['-k2n'],
    ['-k2,2n'],
    ['-k2,2n', '-k1,1'],
    ['-k2,2nr', '-k1,1'],
    ['-k3'],
    ['-k1.2'],
    ['-k1.2,1.3'],
    ['-b', '-k1'],
    ['-s', '-k2,2n'],
    ['-n', '-u'],
    ['-k2n', '-u'],
    ['-d'],
    ['-t', ':', '-k2'],
    ['-t', ':', '-k2n'],
    ['-t', ':', '-k3,3', '-k1,1r'],
  ]
  for (const args of runs) {
    await same(['sort', ...args, 'words'])
    await same(['sort', ...args, 'csv'])
  }
  for (const args of [['-n'], ['-g'], ['-rn'], ['-un'], []]) await same(['sort', ...args, 'nums'])
  await same(['sort', '-h'], { stdin: '1K\n512\n2M\n1G\n3\n10K\n' })
  await same(['sort', 'a', 'b'])
  await same(['sort'], { stdin: 'b\na\nc' })
  // -m merges as it reads: ties to the earlier input, -u, -r, keys, standard input among the files,
  // a last line without its newline, an input that cannot be opened or read (status 2, no output)
  for (const args of [['s1', 's2'], ['s2', 's1'], ['-u', 's1', 's2'], ['-n', 's2', 's1', 's1'], ['-k2', '-', 's1'], ['empty', 's1'], ['s1', 'nope'], ['s1', '.']]) await same(['sort', '-m', ...args], { stdin: '0 q\n3 a\n' })
  await same(['sort', '-mr'], { stdin: 'c\nb\na\n' })
  // whole lines counted by their text: repeated lines, names an object has, numbers, no last newline
  const repeated = '__proto__\n10\n2\nb\n__proto__\nb\nconstructor\n\u00e9\n10\n\nhasOwnProperty\n2\nb'
  for (const args of [[], ['-r'], ['-u'], ['-ru']]) await same(['sort', ...args], { stdin: repeated })
  // past the distinct lines an object counts: mostly distinct lines (kept and sorted), and lines that repeat (a Map)
  const many = (n: number, distinct: number): string => Array.from({ length: n }, (_, i) => `${(i * 7919) % distinct} ${i % 3 === 0 ? '__proto__' : 'x'}`).join('\n') + '\n'
  for (const input of [many(100_000, 90_000), many(300_000, 70_000)]) for (const args of [[], ['-r'], ['-u'], ['-ru'], ['-s', '-k1,1n'], ['-k2,2', '-k1,1nr']]) await same(['sort', ...args], { stdin: input })
  // -n's first key over whole numbers goes by packed doubles: ties (equal values written apart, text after them), signs, zeros, long numbers
  const numbers = '10 b\n010 a\n-3\n  7\nx\n\n-0\n5\n10 a\n3.0\n3\n-3 z\n99999999999999999999\n99999999999999999998\n007\n-12\n+4\n1e3\n'
  for (const args of [['-n'], ['-rn'], ['-sn'], ['-un'], ['-srn'], ['-k1,1n', '-k2,2r'], ['-n', '-k1,1'], ['-nu', '-r']]) await same(['sort', ...args], { stdin: numbers })
  await same(['sort', '-n'], { stdin: Array.from({ length: 5000 }, (_, i) => `${(i * 7919) % 1000 - 500} ${i % 7}`).join('\n') + '\n' })
  await same(['sort', '-c', 'a'])
  await same(['sort', '-c'], { stdin: 'a\nb\nc\n' })
  await same(['sort', 'missing'])
})

test('uniq matches GNU uniq', async () => {
  const input = 'a\na\nb\nc\nc\nc\nA\na\n\n\nlast'
  for (const args of [[], ['-c'], ['-d'], ['-u'], ['-i'], ['-ci'], ['-dc'], ['-f', '1'], ['-s', '1'], ['-u', '-c']]) {
    await same(['uniq', ...args], { stdin: input })
  }
  await same(['uniq', '-f', '1'], { stdin: 'x a\ny a\nz b\n' })
  await same(['uniq', '-c', 'words'])
})

test('tr matches GNU tr', async () => {
  const input = 'Hello, World!\n  tabs\tand   spaces  \nDigits 0123 aaa bbb\n'
  for (const args of [
    ['a-z', 'A-Z'],
    ['[:lower:]', '[:upper:]'],
    ['[:upper:]', '[:lower:]'],
    ['-d', '[:digit:]'],
    ['-d', 'lo'],
    ['-s', ' '],
    ['-s', '[:space:]'],
    ['-s', 'a-z'],
    ['-c', 'a-zA-Z\\n', '_'],
    ['-cd', '[:alnum:]\\n'],
    ['-cs', '[:alpha:]', '\\n'],
    ['-ds', 'l', 'a'],
    ['abc', 'x'],
    ['a-c', 'xyz'],
    ['lo', '01'],
    ['[:space:]', '.'],
    ['\\t', 'T'],
    ['a-z', '[x*]'],
    ['-t', 'abcdef', 'xy'],
    ['[:alnum:]', '#'],
    ['[:punct:]', '.'],
    ['-d', '[=l=]'],
  ]) {
    await same(['tr', ...args], { stdin: input })
  }
  for (const bad of [[], ['a'], ['-d'], ['z-a', 'x'], ['-d', 'a', 'b'], ['[:nope:]', 'x']]) {
    await same(['tr', ...bad], { stdin: input })
  }
})

test('cut matches GNU cut', async () => {
  for (const args of [
    ['-d:', '-f1'],
    ['-d:', '-f2,3'],
    ['-d:', '-f3,1'],
    ['-d:', '-f2-'],
    ['-d:', '-f-2'],
    ['-d:', '-s', '-f1'],
    ['-c1-3'],
    ['-c2'],
    ['-c1,3-4,8-'],
    ['-b1-2'],
    ['-c', '-3'],
    ['-f1'],
  ]) {
    await same(['cut', ...args, 'csv'])
  }
  await same(['cut', '-f2'], { stdin: 'a\tb\tc\nno tab\n' })
  await same(['cut', '-b2-3'], { stdin: 'héllo\nwörld ✓\nx' })
})

test("tr's byte path matches GNU tr wherever its reads end", async () => {
  const input = 'héllo  wörld ✓\naab  ccc\n\n\nxyz ✓✓ end'
  for (const args of [['a-z', 'A-Z'], ['-s', ' \n'], ['-d', 'lo'], ['-s', 'a-z', 'A-Z'], ['-ds', 'l', 'c'], ['abc', 'x']]) {
    const theirs = host({}, ['tr', ...args], input)
    for (const size of [1, 2, 5, 65536]) {
      const ours = await sys.exec(['drip', String(size), 'tr', ...args], { stdin: input })
      assert.equal(ours.stdout, theirs.stdout, `tr ${args.join(' ')} in reads of ${size}`)
    }
  }
})

test("cut's byte path matches GNU cut wherever its reads end", async () => {
  const input = 'a:b:c\n::\nno delimiter\nlong:' + 'x'.repeat(300) + ':end\n\nlast:no:newline'
  for (const args of [['-d:', '-f1'], ['-d:', '-f2-'], ['-d:', '-f1,3'], ['-d:', '-s', '-f2'], ['-d', ' ', '-f1'], ['-b2-4,6-']]) {
    const theirs = host({}, ['cut', ...args], input)
    for (const size of [1, 3, 7, 65536]) {
      const ours = await sys.exec(['drip', String(size), 'cut', ...args], { stdin: input })
      assert.equal(ours.stdout, theirs.stdout, `cut ${args.join(' ')} in reads of ${size}`)
    }
  }
  for (const bad of [[], ['-f0'], ['-c', 'x'], ['-d', '::', '-f1'], ['-c1', '-f1'], ['-f', '3-1']]) await same(['cut', ...bad, 'csv'])
})

test('basename and dirname match GNU', async () => {
  for (const p of ['/a/b/c', '/a/b/', 'c', '/', '//', '', 'a//b//', '.', '..', '/x']) {
    await same(['basename', p])
    await same(['dirname', p])
  }
  await same(['basename', '/a/b.txt', '.txt'])
  await same(['basename', '.txt', '.txt'])
  await same(['basename', '-a', '/a/b', 'c/d'])
  await same(['basename', '-s', '.c', 'x.c', 'y.c', 'z'])
  await same(['dirname', '/a/b', 'c', '/d/'])
  await same(['basename'])
  await same(['dirname'])
})
