/**
 * The flags issue 15 lists, against the host's GNU tools: each argument set runs in ninefold and
 * on the host on the same files, and must give the same stdout and exit status. Commands whose
 * output order is the directory's (find) compare sorted lines. Every mismatch is listed at once.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { System } from '../../src/image.ts'
import { both, bootFiles, host } from './filesfixture.ts'

let sys: System
before(async () => {
  sys = await bootFiles()
})
after(async () => {
  await sys.shutdown()
})

const FILES: Record<string, string> = {
  'a': 'one\ntwo\nthree\n',
  'b': 'alpha\nbeta\n',
  'nonl': 'x\ny\nlast',
  'empty': '',
  'blank': 'a\n\n\n\nb\n\nc\n\n\n',
  'ctl': 'tab\there\x01\x7f\nend$\r\n\xe9t\xe9\n',
  'spaced': 'a  b\tc \n\nA B C\n  lead\n',
  'nums': '10\n9\n100\n2\n-3\n2.5\n',
  // -n's ties: one number spelled several ways, numbers past a double's 15 digits, signs of zero
  'ties': '1.5 b\n1.50 a\n01.5 c\n-0 z\n0 y\n.5 x\n-.5 w\n0.5 v\n12345678901234567890 l1\n12345678901234567891 l0\n12345678901234567890.0 l2\nx n\n-1.25 p\n-1.250 q\n1e3 e\n 7 lead\n7 no\n1.5 b\n',
  'sizes': '1K\n2M\n512\n1G\n3K\n',
  'vers': 'v1.10\nv1.2\nv1.9\nv10.0\nv2.0\n1.0~rc1\n1.0\n1.0a\n1.0.1\nfoo-2.3.tar\nfoo-2.10.tar\nv01.2\n',
  'months': 'mar 3\nJan 1\n  Feb 2\nxyz\nDEC 12\njanuary\nApr\n',
  'csv': 'k3,b,2\nk1,a,10\nk2,c,1\nk1,b,3\n',
  'dup': 'a\na\nb\nA\nb\nc\nc\nc\n',
  'words': 'the cat sat\non the mat\nthe end\n',
  'ctx': 'a1\nb\nc\na2\nd\ne\nf\ng\na3\nh\n',
  'nul': 'a1\0b\nx\0a2\0c\0d\0\0a3\nend',
  'kv': 'name: alice\nage: 42\nprice: $5 and $17\nfoo bar\nfoobar\nThe Cat sat\naXbXc\nabcabc\n<b>bold</b> <i>it</i>\n',
  'd/x.txt': 'xx\n',
  'd/y.log': 'yyy\n',
  'd/e/': '',
  'd/s/z.TXT': 'zz\n',
  'd/s/big': 'q'.repeat(3000),
  'd/s/empty': '',
}

const SORTED = new Set(['find'])
let ran = 0

async function compare(argv: string[], stdin?: string): Promise<string | undefined> {
  ran++
  const { ours, theirs } = await both(sys, FILES, argv, stdin)
  // commands xargs -P runs at once may finish in any order; GNU cp -r copies (and -v names) a
  // directory's entries in the order the host's directory lists them
  const unordered = SORTED.has(argv[0]!) || (argv[0] === 'xargs' && argv.includes('-P')) || (argv[0] === 'cp' && argv.some((a) => /^-[a-z]*[ra]/.test(a)))
  const shape = (s: string) => (unordered ? s.split(/(?<=\n|\0)/).sort().join('') : s)
  const what = JSON.stringify(argv) + (stdin !== undefined ? ` <<< ${JSON.stringify(stdin)}` : '')
  if (shape(ours.stdout) !== shape(theirs.stdout)) return `${what}: stdout ${JSON.stringify(ours.stdout)} ≠ ${JSON.stringify(theirs.stdout)}`
  if (ours.exitCode !== theirs.exitCode) return `${what}: status ${ours.exitCode} ≠ ${theirs.exitCode} (${ours.stderr.trim()} / ${theirs.stderr.trim()})`
  return undefined
}

async function table(cases: Array<string[] | [string[], string]>): Promise<void> {
  const failures: string[] = []
  for (const c of cases) {
    const [argv, stdin] = Array.isArray(c[0]) ? (c as [string[], string]) : [c as string[], undefined]
    const f = await compare(argv, stdin)
    if (f) failures.push(f)
  }
  assert.deepEqual(failures, [])
}

const CAT_FILES = ['a', 'nonl', 'empty', 'blank', 'ctl', 'spaced']
const CAT = [
  ...['-A', '-e', '-v', '-b', '-n', '-s', '-T', '-E', '-t', '-bs', '-ns', '-vET', '-nA', '-bT'].flatMap((f) => CAT_FILES.map((file) => ['cat', f, file])),
  ['cat', '-n', 'a', 'blank', 'nonl'], ['cat', '-b', 'blank', 'a'], ['cat', '-s', 'blank', 'blank'], ['cat', '-A', 'ctl', 'nonl', 'a'],
  ['cat', '--show-all', 'ctl'], ['cat', '--number-nonblank', 'blank'], ['cat', '--squeeze-blank', 'blank'], ['cat', '--show-tabs', 'spaced'],
  ['cat', '--number', 'a'], ['cat', '--show-ends', 'a'], ['cat', '--show-nonprinting', 'ctl'], ['cat', '-n', 'missing', 'a'], ['cat', '-Z', 'a'],
]

const FIND = [
  ['find', 'd'], ['find', 'd', '-type', 'f'], ['find', 'd', '-type', 'd'], ['find', 'd', '-name', '*.txt'], ['find', 'd', '-iname', '*.txt'],
  ['find', 'd', '-maxdepth', '1'], ['find', 'd', '-mindepth', '2'], ['find', 'd', '-maxdepth', '0'], ['find', 'd', '-mindepth', '1', '-maxdepth', '1'],
  ['find', 'd', '-path', 'd/s/*'], ['find', 'd', '-path', '*e*'], ['find', 'd', '-empty'], ['find', 'd', '-type', 'f', '-empty'], ['find', 'd', '-type', 'd', '-empty'],
  ['find', 'd', '-not', '-empty'], ['find', 'd', '!', '-empty', '-type', 'f'], ['find', 'd', '-type', 'f', '-size', '+1k'], ['find', 'd', '-type', 'f', '-size', '-2'], ['find', 'd', '-type', 'f', '-size', '0'],
  ['find', 'd', '-type', 'f', '-size', '3c'], ['find', 'd', '-size', '+2c', '-type', 'f'], ['find', 'd', '-type', 'f', '-size', '-4c'], ['find', 'd', '-type', 'f', '-size', '1k'], ['find', 'd', '-type', 'f', '-size', '+0'],
  ['find', 'd', '-name', '*.txt', '-o', '-name', '*.log'], ['find', 'd', '(', '-name', '*.txt', '-o', '-name', '*.log', ')', '-print'],
  ['find', 'd', '-type', 'f', '-a', '!', '-name', '*.txt'], ['find', 'd', '-name', 'x*', '-or', '-name', 'y*'], ['find', 'd', '!', '(', '-type', 'd', ')'],
  ['find', 'd', '-type', 'f', '-print0'], ['find', 'd', '-name', '*.log', '-print0'], ['find', 'd', '-mtime', '-1'], ['find', 'd', '-mtime', '+1'], ['find', 'd', '-mtime', '0'],
  ['find', 'd', '-mmin', '-5'], ['find', 'd', '-mmin', '+60'], ['find', 'd', '-newer', 'd/x.txt', '-name', 'x*'], ['find', 'd', '-name', '*.log', '-exec', 'cat', '{}', ';'],
  ['find', 'd', '-name', '*.txt', '-exec', 'echo', 'got', '{}', ';'], ['find', 'd', '-name', 'x*', '-exec', 'echo', '{}', '+'], ['find', 'd', '-name', '*.log', '-exec', 'wc', '-c', '{}', '+'],
  ['find', 'd', '-name', 'x.txt', '-execdir', 'echo', '{}', ';'], ['find', 'd', '-type', 'f', '-exec', 'false', ';'], ['find', 'd', '-name', '*.log', '-delete'],
  ['find', 'd', '-name', 'nothing', '-delete'], ['find', 'd', '-perm', '-u+r', '-type', 'f'], ['find', 'd', '-perm', '-400', '-name', '*.txt'], ['find', 'd', '-perm', '777'],
  ['find', 'missing'], ['find', 'd', '-bogus'], ['find', 'd', '-maxdepth'], ['find', 'd', '-maxdepth', 'x'], ['find', 'd', '-type', 'q'], ['find', 'd', '('],
  ['find', 'd', '-size'], ['find', 'd', '-size', 'abc'], ['find', 'd', '-exec', 'echo'], ['find', 'd', '-name'], ['find', 'd', 'd'], ['find', '.', '-name', 'a'],
  ['find', '.', '-maxdepth', '1', '-type', 'f', '-name', '[ab]'], ['find', 'd/s', 'd/e'], ['find', 'd', '-iname', 'Z*'], ['find', 'd', '-name', 'Z*'],
  ['find', 'd', '-type', 'f', '-size', '-1k'], ['find', 'd', '-false'], ['find', 'd', '-true', '-type', 'd'], ['find', 'd', '-empty', '-o', '-name', '*.log'],
  ['find', 'd', '-delete'], ['find', 'd', '-type', 'd', '-delete'], ['find', 'd/s', '-name', '*', '-delete', '-o', '-print'], ['find', 'd', '-depth'],
  ['find', 'd', '-depth', '-maxdepth', '1'], ['find', 'd', '-maxdepth', '1', '-delete'],
]

const STAT = [
  ...['%n', '%s', '%F', '%a', '%A', '%h', '%N', '%n %s', '%s:%n', 'size=%s', '%%', '%n\\t%s', '%q'].flatMap((f) => ['a', 'empty', 'nonl'].map((file) => ['stat', '-c', f, file])),
  ...['%n', '%F', '%a', '%A', '%N', '%%'].map((f) => ['stat', '-c', f, 'd', 'd/e']),
  ['stat', '-c', '%n', 'a', 'b', 'nonl'], ['stat', '--format=%s', 'a'], ['stat', '--printf=%s\\n', 'a', 'b'], ['stat', '--printf=%n', 'a'], ['stat', '-c', '%s', 'missing'],
  ['stat', '-c', '%s', 'a', 'missing', 'b'], ['stat', '-c'], ['stat'],
]

const LS = [
  ...['-1', '-r', '-F', '-1F', '-a', '-A', '-d', '-1r', '-R', '-RF', '-1a', '-rF', '-dF', '-AF'].flatMap((f) => [['ls', f], ['ls', f, 'd'], ['ls', f, 'd/s'], ['ls', f, 'a', 'd/s', 'nonl']]),
  ['ls', 'missing'], ['ls', 'a', 'missing'], ['ls', '-d', 'd', 'a'], ['ls', '-F', 'd/s', 'd/e'],
  ['ls', '-1', 'd/e'], ['ls', '--bogus'], ['ls', '-S', 'd/s'], ['ls', '-Sr', 'd/s'], ['ls', '-S', 'a', 'b', 'nonl', 'empty', 'words'], ['ls', '-1S', 'csv', 'dup', 'a'],
  ['ls', '-rS', 'vers', 'nums', 'empty'], ['ls', '-SF', 'd/s', 'a'],
  // GNU ls colours only for a $TERM it knows; ninefold's console sets none, so ours colours unless TERM=dumb
  ...[['--color=always'], ['--color', 'd'], ['--color=always', '-F', 'd', 'a'], ['--color=never', 'd'], ['--color=auto', 'd'], ['--color=always', '-R', 'd'],
    ['--color=bogus', 'd'], ['--color=always', '-d', 'd', 'd/s'], ['--color=yes', '-1', 'a', 'd/s']].map((f) => ['env', 'TERM=xterm', 'ls', ...f]),
  ['env', 'TERM=dumb', 'ls', '--color', 'd'], ['ls', '-h', 'd/s'], ['ls', '-1h', 'a', 'd'],
]

const CP = [
  ['cp', 'a', 'new'], ['cp', '-v', 'a', 'new'], ['cp', '-n', 'a', 'b'], ['cp', '-vn', 'a', 'b'], ['cp', '-u', 'a', 'b'], ['cp', '-v', 'a', 'b', 'd'],
  ['cp', '-r', 'd', 'copy'], ['cp', '-rn', 'd/s', 'copy'], ['cp', '-a', 'd', 'copy'], ['cp', '-p', 'a', 'new'], ['cp', '-pv', 'a', 'new'], ['cp', 'd', 'copy'],
  ['cp', 'missing', 'new'], ['cp', 'a'], ['cp'], ['cp', 'a', 'b', 'nonl'], ['cp', '-a', 'a', 'new'], ['cp', '-nv', 'a', 'new'], ['cp', '-uv', 'a', 'new'],
  ['cp', 'a', 'a'], ['cp', '-v', 'a', 'nonl', 'd/e'], ['cp', '-r', 'missing', 'd'], ['cp', '-n', 'a', 'new'], ['cp', '-u', 'a', 'new'], ['cp', '-a', 'd/s', 'copy'],
  ['cp', '-rv', 'd', 'copy'], ['cp', '-av', 'd/s', 'd/e'], ['cp', '-rv', 'd/s', 'd'], ['cp', '-rvn', 'd', 'copy'],
  ['cp', '--parents', 'd/s/z.TXT', 'd/e'], ['cp', '-v', '--parents', 'd/s/z.TXT', 'd/x.txt', 'd/e'], ['cp', '-rv', '--parents', 'd/s', 'd/e'],
  ['cp', '-t', 'd', 'a', 'b'], ['cp', '-v', '--target-directory=d/e', 'a'], ['cp', '-t', 'missing', 'a'], ['cp', '-t', 'a', 'b'], ['cp', '-t', 'd'], ['cp', '-T', 'a', 'new'],
  ['cp', '-T', 'a', 'b', 'nonl'], ['cp', '-T', 'a', 'd'], ['cp', '--no-target-directory', 'a', 'new'], ['cp', '--recursive', '--verbose', 'd/s', 'copy'],
  ['cp', '--parents', 'a', 'new'], ['cp', '-v', '--parents', 'a', 'd/s/big', 'd'], ['cp', '--parents', 'missing/x', 'd'],
]

const MV = [
  ['mv', 'a', 'new'], ['mv', '-v', 'a', 'new'], ['mv', '-n', 'a', 'b'], ['mv', '-vn', 'a', 'b'], ['mv', '-u', 'a', 'b'], ['mv', '-v', 'a', 'b', 'd'],
  ['mv', 'missing', 'x'], ['mv', 'a'], ['mv'], ['mv', '-v', 'd/s', 'moved'], ['mv', 'a', 'b', 'nonl'], ['mv', '-n', 'a', 'new'], ['mv', '-u', 'a', 'new'],
  ['mv', '-v', 'a', 'nonl', 'd/e'], ['mv', 'd', 'd/e'], ['mv', 'a', 'a'], ['mv', '-f', 'a', 'b'], ['mv', '-vf', 'nonl', 'd/x.txt'],
  ['mv', '-t', 'd', 'a', 'b'], ['mv', '-v', '--target-directory', 'd/e', 'a'], ['mv', '-t', 'missing', 'a'], ['mv', '-T', 'a', 'new'], ['mv', '-T', 'a', 'b', 'nonl'],
]

const DIFF_FILES: Record<string, string> = {
  'p': 'hello world\nfoo  bar\n\nline\n',
  'q': 'Hello World\nfoo bar\nline\n',
  'r': 'hello world\nfoo\tbar\n\n\nline\n',
  's': 'hello world \nfoo  bar\nline\n',
}
Object.assign(FILES, DIFF_FILES, { 'L/p': 'same\n', 'L/only': 'left\n', 'L/sub/x': 'one\n', 'R/p': 'same\n', 'R/sub/x': 'two\n', 'R/extra': 'right\n' })
const DIFF = [
  ...['', '-q', '-i', '-b', '-w', '-iw', '-ib', '-qi', '-qw'].flatMap((f) =>
    [['p', 'q'], ['p', 's'], ['q', 's'], ['p', 'p'], ['a', 'b'], ['a', 'nonl']].map(([x, y]) => ['diff', ...(f ? [f] : []), x!, y!]),
  ),
  ['diff', 'p', 'missing'], ['diff', '-q', 'p', 'missing'], ['diff', 'p'], ['diff', 'L/sub/x', 'R/sub/x'], ['diff', '-q', 'L/p', 'R/p'], ['diff', 'L/p', 'R/p'],
  ['diff', 'L', 'R'], ['diff', '-r', 'L', 'R'], ['diff', '-rq', 'L', 'R'], ['diff', '-rN', 'L', 'R'], ['diff', '-rs', 'L', 'R'], ['diff', '-r', '-N', '-q', 'L', 'R'],
  ['diff', '-s', 'a', 'a'], ['diff', '-s', 'a', 'b'], ['diff', '-qs', 'p', 'p'], ['diff', '-N', 'a', 'missing'], ['diff', '-N', 'missing', 'a'], ['diff', '-qN', 'a', 'missing'],
  ['diff', '-B', 'p', 'q'], ['diff', '-Bq', 'p', 's'], ['diff', '-B', 'blank', 'a'], ['diff', '-Bw', 'p', 'r'], ['diff', '-sB', 'p', 'p'], ['diff', 'L', 'R/p'],
  ['diff', '-N', 'L', 'R/extra'], ['diff', '-N', 'R/extra', 'L'], ['diff', 'R/extra', 'L'],
]

const XARGS: Array<[string[], string]> = [
  [['xargs', '-a', 'b', 'echo'], 'ignored\n'], [['xargs', '--arg-file=b', '-n1', 'sh', '-c', 'read x; echo "$0 read $x"'], 'stdin line\n'], [['xargs', '-a', 'missing', 'echo'], ''],
  [['xargs', '-n1', 'sh', '-c', 'read x; echo "$0 read $x"'], 'p\nq\n'],
  [['xargs'], 'a b\nc\n'], [['xargs', '-i', 'echo', 'n={}'], '1\n2\n'], [['xargs', '-iX', 'echo', 'X!'], '1\n2\n'], [['xargs', '-l', 'echo'], 'a b\nc\n'], [['xargs', '-l2', 'echo'], 'a\nb\nc\n'], [['xargs', '-n', '1'], 'a b c\n'], [['xargs', '-n', '2'], 'a b c d e\n'], [['xargs', '-n', '2', 'echo', 'x'], '1 2 3\n'],
  [['xargs', '-L', '1'], 'a b\nc d\ne\n'], [['xargs', '-L', '2', 'echo'], '1\n2\n3\n4\n5\n'], [['xargs', '-E', 'stop'], 'a b stop c\n'], [['xargs', '-E', 'x', 'echo'], 'x y\n'],
  [['xargs', '-d', ','], 'a,b,c'], [['xargs', '-d', ',', '-n', '1'], 'a,b,,c'], [['xargs', '-d', '\\n'], 'a b\nc\n'], [['xargs', '-0'], 'a b\0c\0'],
  [['xargs', '-0', '-n', '1'], 'x\0y\0'], [['xargs', '-s', '20'], 'aaa bbb ccc ddd eee fff ggg\n'], [['xargs', '-s', '12', 'echo'], 'a b c d e f\n'],
  [['xargs', '-P', '2', '-n', '1'], 'a\n'], [['xargs', '-P', '1', '-n', '2'], '1 2 3 4\n'], [['xargs', '-I', '{}', 'echo', '[{}]'], 'a\nb c\n'], [['xargs', '-0', '-I', '{}', 'echo', '<{}>'], 'a\0\0 b\0'], [['xargs', '-d', ',', '-I', '{}', 'echo', '<{}>'], 'a,,b'],
  [['xargs', '-r', 'echo', 'x'], ''], [['xargs', 'echo', 'x'], ''], [['xargs', 'false'], 'a\n'], [['xargs', 'nosuchcmd'], 'a\n'], [['xargs', '-n', '0'], 'a\n'],
  [['xargs', '--max-args=2'], 'a b c\n'], [['xargs', 'echo', '--not-for-xargs', '-n', '9'], 'a b\n'], [['xargs', '-I', '--', 'echo', '<-->'], 'a\n'], [['xargs', '--max-args', '1', 'echo', 'x'], 'a b\n'], [['xargs', '--null'], 'a b\0c\0'], [['xargs', '--delimiter=,', '--max-a', '1'], 'a,b'],
  [['xargs', '--replace', 'echo', '<{}>'], 'a\nb\n'], [['xargs', '--replace=X', 'echo', '<X>'], 'a\n'], [['xargs', '--no-run-if-empty', 'echo', 'x'], ''], [['xargs', '--max-lines=1'], 'a b\nc\n'],
  [['xargs', '--max-procs=1', '--max-chars=20'], 'aaa bbb ccc ddd eee fff\n'], [['xargs', '--max'], 'a\n'], [['xargs', '--bogus'], 'a\n'], [['xargs', '--null=x'], 'a\n'],
  [['xargs', '-n', 'x'], 'a\n'], [['xargs', '-L', '1', 'echo', '>'], 'a  b\n c\n'], [['xargs'], '"a b" \'c d\' e\\ f\n'], [['xargs', '-t', 'echo'], 'a\n'],
  [['xargs', 'cat'], 'a b\n'], [['xargs', '-n', '1', 'wc', '-l'], 'a b\n'], [['xargs', '-E', 'a'], 'a b\n'], [['xargs', '-s', '5'], 'abcdefgh\n'],
  [['xargs', '-P', '3', '-n', '1'], 'a b c d e\n'], [['xargs', '-P', '0', '-n', '2'], 'a b c d e\n'], [['xargs', '-P', '2', '-n', '1', 'false'], 'a b c\n'],
  [['xargs', '-P', '2', '-n', '1', 'cat'], 'a b words\n'], [['xargs', '-P', '4', '-L', '1', 'wc', '-l'], 'a\nb\nwords\n'], [['xargs', '-P', 'x'], 'a\n'],
  [['xargs', '-P', '2', 'nosuchcmd'], 'a\n'], [['xargs', '-P', '2', '-n', '1', 'cat'], 'a missing b\n'],
]

const SED: Array<string[] | [string[], string]> = [
  ['sed', 's/o/0/', 'a'], ['sed', 's/o/0/g', 'a', '-n'], ['sed', 's/t/T/', '-n', 'a'], ['sed', '-n', 'p', 'a', '-e', '1d'], ['sed', 'p', 'a', 'b', '-n'],
  ['sed', '$d', 'a', '-E'], ['sed', '-e', 's/a/b/', '-e', 's/b/c/', 'b'], ['sed', 's/(a)/\\1\\1/', 'b', '-E'], ['sed', '1d', 'missing', '-n'],
  ['sed', '2q', 'a'], ['sed', '-n', '$=', 'a', 'b'], ['sed', 'y/abc/xyz/', 'b'], ['sed', '-E', 's/(l+)/[\\1]/', 'b'], ['sed', 's/x/y/', 'missing'],
  ['sed', '1!G;h;$!d', 'a'], ['sed', '-n', '2{p;p}', 'a'], ['sed', '/^$/d', 'blank'], ['sed', 'N;s/\\n/+/', 'a'], ['sed', '=', 'nonl'],
  ['sed', 'a', 'a'], ['sed', '1a', 'a'], ['sed', '-e', 'a', 'a'], ['sed', 'a  hi', 'a'], ['sed', 'r nonl', 'a'], ['sed', '1r nonl\n2d', 'a'], ['sed', '$r b', 'a'],
  ['sed', 'r missing', 'a'], ['sed', 'r nonl;p', 'a'], ['sed', 'r', 'a'], ['sed', 'w', 'a'], ['sed', '-n', 'w /dev/stdout', 'a'], ['sed', 's/o/0/w /dev/stdout', 'a'],
  ['sed', '-n', '/t/w /dev/stdout', 'a', 'nonl'], ['sed', 's/t/T/w', 'a'], ['sed', '2r a', 'nonl'], ['sed', '-n', '$!{r nonl\n};p', 'a'], ['sed', 'w out\np', 'a'],
  ['sed', 's/e/E/gw out', 'a'], ['sed', '1r b\nN;P;D', 'a'],
]

const DATE = [
  '%Y-%m-%d', '%H:%M:%S', '%a %b %e', '%A %B %d', '%j', '%u %w', '%y', '%C', '%D', '%F %T', '%R', '%r', '%p', '%I', '%l', '%k', '%s', '%N', '%3N',
  '%Z %z', '%:z', '%n%t', '%%', '%G-W%V', '%U %W', '%h', '%c', '%x %X', '%-d %-m', '%_d', '%05d', '%^a', '%^B', 'plain text',
  '%#a %#A %#b %#B %#h', '%#p %#P %#Z', '%#c', '%#d %#Y %#j', '%#x', '%^#a', '%#10B',
].flatMap((f) => ['@0', '@1700000000', '2024-02-29 13:05:09', '1999-12-31'].map((d) => ['date', '-u', '-d', d, '+' + f]))
DATE.push(['date', '-u', '-d', 'garbage'], ['date', '-d', '@86400', '-u'], ['date', '-u', '-d', '@0', '-R'], ['date', '-u', '-d', '@0', '-I'], ['date', '-u', '-d', '@5', '-Iseconds'],
  ['date', '-u', '-d', '@5', '-Ihours'], ['date', '-u', '-d', '@65', '-Iminutes'], ['date', '-u', '-d', '@5', '--iso-8601=seconds'], ['date', '-u', '-d', '@5', '--iso-8601'],
  ['date', '-u', '-d', '@5', '-Ibogus'], ['date', '-u', '-d', '@5', '-I', '+%s'], ['date', '-u', '+%s', '-d', '1970-01-02'], ['date', '+%F', '-u', '-d', '@86400'])
// GNU's date words: fixed dates with relative items, and a few read from now (by day only)
DATE.push(
  ...[
    '2024-01-15 next monday', '2024-01-17 monday', '2024-01-15 next day', '2024-01-15 last week', '2024-01-15 10:00 +2 hours', '2024-01-15 10:00 2 hours ago',
    '2024-01-15 -3 days', '2024-01-15 10:30pm', '2024-01-15 12am', '2024-01-15 10 pm', '2024-01-15 noon', '01/15/2024', '12/31/99', '20240115', '2024-01-15 1 year',
    'Jan 15, 2024 10:00', 'January 15 2024', 'Mon Jan 15 10:00:00 UTC 2024', '2024-01-15 10:00 GMT', '2024-01-15 10:00:00.5', '2024-01-15 fortnight',
    '2024-01-15 3 weeks 2 days', '2024-01-15 + 2 weeks', '2024-01-15 - 3 days', '2024-01-15 +1 week ago', '2024-01-15 10:00 +0100', '2024-01-15T10:00:00+01:00', '2024-01-15T10:00:00Z', '2024-13-01', '2024-02-30',
    '2024-01-15 25:00', '2024-01-15 1 min', '2024-01-15 10:00 5 sec ago', '2024-01-15 next month', '2024-01-31 +1 month', '15-Jan-2024', '2024/01/15', 'Sept 3 2023',
    '2024-02-29 +1 year', 'Jan 2024', '@-1', '2024-01-15 1030', 'garbage words',
  ].map((d) => ['date', '-u', '-d', d, '+%F %T %a']),
  ...['yesterday', 'tomorrow', 'next friday', 'sunday', 'last sat', '01/15', '15 January', '', 'third monday', '2 days ago 10:00', 'monday 12:00'].map((d) => ['date', '-u', '-d', d, '+%F']),
  ['date', '-u', '-d', '@1.5', '--rfc-3339=ns'], ['date', '-u', '-d', '@0', '--rfc-3339=seconds'], ['date', '-d', '@0', '--rfc-3339=date'], ['date', '--rfc-3339=bogus'], ['date', '-R', '--rfc-3339=date'],
  ['date', '-u', '--date=2024-01-15', '+%F'], ['date', '--utc', '--date', '2024-01-15 10:00', '+%s'], ['date', '--rfc-email', '-u', '-d', '@0'],
)

/**
 * The perf helper's commands (grep, sort, head, tail, wc, cut, tr, uniq) with the flags issue 15
 * names that already match GNU; the ones that do not yet are in docs/plan9-differences.md.
 */
const TEXT_FILES = ['a', 'nonl', 'words', 'dup']
const TEXT_TOOLS = [
  ...['-o', '-w', '-x', '-c', '-n', '-v', '-h', '-H', '-m1', '-q', '-s', '-i', '-l', '-L', '-on', '-wc', '-vc', '-b', '-bo', '-nb', '-Z', '-Zl', '-Zc', '--line-buffered'].flatMap((f) =>
    [['grep', f, 'the', 'words'], ['grep', f, 'a', 'dup', 'a'], ['grep', f, 't', 'a', 'nonl']],
  ),
  ...[['-A1'], ['-B1'], ['-C1'], ['-A', '2'], ['-B2', '-n'], ['-bC1'], ['-ZnA1'], ['-2'], ['-C1', '-A0'], ['-A0', '-C1'], ['-m1', '-A2'], ['-m2', '-A3'], ['-o', '-C1'], ['-c', '-C1'], ['-v', '-A1'], ['-nC1', '-H'], ['-A', 'x'], ['-B', '-1']].flatMap((f) =>
    [['grep', ...f, 'a', 'ctx'], ['grep', ...f, 'a', 'ctx', 'a', 'ctx'], ['grep', ...f, 'e', 'words', 'dup']],
  ),
  ['grep', '-r', 'x', 'd', '--include=*.txt'], ['grep', '-r', 'q', 'd', '--exclude=*.txt'], ['grep', '-r', '--exclude', '*.log', 'y', 'd'], ['grep', '-r', 'x', '--include', '*.log', 'd'],
  ['grep', '-rc', 'x', 'd', '--include=*.txt', '--exclude=x*'], ['grep', '-l', '.', 'd/x.txt', 'd/y.log', 'a', '--exclude=[xy]*', '--include=*.txt'], ['grep', '-l', '.', 'd/x.txt', 'a', '--include=*.txt', '--exclude=[xy]*'], ['grep', '-r', 'z', 'd', '--exclude=s'], ['grep', '-rH', 'z', 'd', '--include=z*'],
  ['grep', 'x', 'd/x.txt', 'd/y.log', '--exclude=*.log'], ['grep', 'y', 'd/x.txt', 'd/y.log', '--include=*.log'], ['grep', 'e', 'words', 'a', '--exclude=a'], ['grep', '-a', 'e', 'words'], ['grep', '-r', 'x', 'd', '--include'],
  ['grep', '-r', 'x', 'd'], ['grep', '-R', 'q', 'd'], ['grep', '-rl', 'x', 'd'], ['grep', '-rh', 'y', 'd'],
  ['grep', '--count', 'the', 'words'], ['grep', '--regexp=a', '--line-number', 'a'], ['grep', '--ignore-case', '--only-matching', 'T', 'a'], ['grep', '--max-count', '1', 'e', 'words'],
  ['grep', '--color=never', '-c', 'e', 'words'], ['grep', '--files-with-matches', 'e', 'a', 'words'], ['grep', '--invert', 'e', 'a'], ['grep', '--bogus', 'e', 'a'], ['grep', '-e', '--count', 'words'],
  ['grep', '-r', 'z', 'd', '--exclude-dir=s'], ['grep', '-r', 'z', 'd', '--exclude-dir', 'e'], ['grep', '-r', 'z', 'd/s', '--exclude-dir=s'], ['grep', '-rc', 'q', '.', '--exclude-dir=.'],
  ['grep', '-rl', '.', 'd', '--exclude-dir=*'], ['grep', '-rl', 'z', 'd', '--exclude-dir=d/s'], ['grep', '-r', 'z', 'd', '--exclude-dir'], ['grep', 'the', 'words', '-c'], ['grep', 't', '-n', 'a', '-m1'],

  ['grep', '-s', 'x', 'missing'], ['grep', 'x', 'missing'], ['grep', '-E', 't(wo|hree)', 'a'], ['grep', '-F', '.', 'nums'], ['grep', '-e', 'one', '-e', 'two', 'a'],
  ...[['-n'], ['-r'], ['-h'], ['-s', '-k1,1'], ['-t,', '-k2'], ['-t,', '-k3n'], ['-t,', '-k3nr'], ['-t,', '-k1,1', '-k3n'], ['-u'], ['-f'], ['-c'], ['-g'], ['-nr'], ['-b'], ['-d'], ['-fu'], ['-rn', '-k1']].flatMap((f) =>
    ['nums', 'sizes', 'vers', 'csv', 'dup'].map((file) => ['sort', ...f, file]),
  ),
  ...[['-n'], ['-rn'], ['-nu'], ['-rnu'], ['-ns'], ['-rns'], ['-k1n'], ['-k1,1n', '-k2'], ['-k1,1n', '-k2r'], ['-k2', '-k1n']].map((f) => ['sort', ...f, 'ties']),
  ...[['-V'], ['-Vr'], ['-M'], ['-Mr'], ['-C'], ['-Cn'], ['-Cu'], ['-k1V'], ['-t.', '-k2,2V'], ['-k2M'], ['-k', '0'], ['-k', 'x'], ['-k1.0'], ['-t', 'ab'], ['-q']].flatMap((f) =>
    ['nums', 'vers', 'months', 'dup', 'a'].map((file) => ['sort', ...f, file]),
  ),
  ['sort', '-m', 'a', 'b'], ['sort', '-m', 'b', 'a', 'dup'], ['sort', '-m', 'nums', 'vers'], ['sort', '-mn', 'nums', 'sizes'], ['sort', '-mu', 'dup', 'dup'], ['sort', '-mr', 'b', 'a'],
  ['sort', '-m', '-t,', '-k2', 'csv', 'a'], ['sort', '-m', 'a', 'missing'], ['sort', '-mc', 'a'], ['sort', '-m', 'a', 'a'],
  ['uniq', '-z', 'nul'], ['uniq', '-zc', 'nul'], ['cut', '-z', '-c2-', 'nul'], ['cut', '-zd', 'x', '-f1', 'nul'],
  ['head', '-z', '-n', '2', 'nul'], ['head', '-z', '-n', '-2', 'nul'], ['tail', '-z', '-n', '2', 'nul'], ['tail', '-zn', '+3', 'nul'],
  ['sort', '-z', 'nul'], ['sort', '-zu', 'nul'], ['sort', '-zr', 'nul', 'nul'], ['sort', '-zm', 'nul'], ['sort', 'nul', '-z', '-k1.2'],
  ['sort', '-C', 'missing'], ['sort', '-c', 'missing'], ['sort', '-V', 'missing'],
  ['sort', '-o', 'out', 'nums'], ['sort', '-c', 'a'], ['sort', 'missing'],
  // GNU's long names, and the hints for a sort that spills to disk (taken, and changing nothing here)
  ['sort', '--numeric-sort', '--reverse', 'nums'], ['sort', '--key=2', '--field-separator=,', 'csv'], ['sort', '--unique', '--ignore-case', 'dup'],
  ['sort', '--parallel=2', '-S', '10M', '-T', '.', 'nums'], ['sort', '--buffer-size=50%', 'a'], ['sort', '-S', 'lots', 'a'], ['sort', '--parallel=0', 'a'],
  ...[['-n', '2'], ['-n', '-1'], ['-c', '3'], ['-c', '-2'], ['-2'], ['-n', '0']].flatMap((f) =>
    ['head', 'tail'].flatMap((cmd) => TEXT_FILES.map((file) => [cmd, ...f, file])),
  ),
  ...[['-l'], ['-w'], ['-c'], ['-m'], ['-lw'], ['-lc']].flatMap((f) => [...TEXT_FILES, 'ctl', 'empty'].map((file) => ['wc', ...f, file])),
  ...[['-c', '1-3'], ['-c', '2'], ['-c', '-2'], ['-c', '3-'], ['-d', ' ', '-f', '2'], ['-d', ' ', '-f', '1,3'], ['-d', ' ', '-f', '2-'], ['-d', ',', '-f', '2'], ['-d', ',', '-f', '1', '-s'], ['-b', '1-2']].flatMap((f) =>
    ['words', 'csv', 'a'].map((file) => ['cut', ...f, file]),
  ),
  ...TEXT_FILES.flatMap((file) => [['tail', '-n', '+2', file], ['tail', '-c', '+3', file]]),
  ...[['-c', '2', '--complement'], ['--complement', '-c', '1-3'], ['-c', '2-', '--complement'], ['-b', '1,3', '--complement'], ['-d', ' ', '-f', '2', '--complement'], ['--complement', '-d', ',', '-f', '1,3'], ['-d', ',', '-f', '1-', '--complement'], ['-d', ',', '-f', '2', '-s', '--complement']].flatMap((f) =>
    ['words', 'csv', 'a'].map((file) => ['cut', ...f, file]),
  ),
  ['cut', 'a'], ['cut', '-f', '0', 'a'], ['cut', '-c', '1', 'missing'],
  ...[['-d', ' ', '-f', '1,3', '--output-delimiter=:'], ['-d', ',', '-f', '2-', '--output-delimiter', '||'], ['-c', '1-2,4-5', '--output-delimiter=:'], ['-c', '1,2', '--output-delimiter=-'],
    ['-c', '1-3,2-4,6', '--output-delimiter=:'], ['-b', '1,3', '--output-delimiter=+'], ['--fields=2', '--delimiter=,'], ['--characters=2-3'], ['--bytes', '1'], ['-d', ',', '-f', '2', '--only-delimited'],
    ['--complement', '--fields=1', '-d', ' ', '--output-delimiter=_'], ['--fie=1', '-d', ' '], ['--bogus', '-c', '1'], ['-c', '1', '--output-delimiter'], ['-d', '--', '-f', '1'], ['-f', '1', '-d', '--output-delimiter=x']].flatMap((f) =>
    ['words', 'csv', 'a'].map((file) => ['cut', ...f, file]),
  ),
  ...TEXT_FILES.flatMap((file) => [['head', '-n', '+2', file], ['head', '-c', '+3', file], ['tail', '+2', file], ['tail', '+3c', file], ['tail', '+1b', file], ['tail', '+2l', file]]),
  ['head', '+2', 'a'], ['tail', '+2', 'a', 'b'], ['tail', '+0', 'a'],
  ...[['-L'], ['-lL'], ['-Lc']].flatMap((f) => [...TEXT_FILES, 'ctl', 'empty', 'spaced'].map((file) => ['wc', ...f, file])), ['wc', '-L', 'a', 'words', 'spaced'],
  ...[['-c'], ['-d'], ['-u'], ['-i'], ['-ci'], ['-f1'], ['-s1'], ['-D'], ['-Du'], ['-Dd'], ['-Dc'], ['-Di'], ['-w1'], ['-w0'], ['-w2', '-c'], ['-s1', '-w1'], ['-iw1', '-D'], ['-wx']].flatMap((f) => ['dup', 'a', 'words'].map((file) => ['uniq', ...f, file])),
]
/** grep -P (Perl patterns: RE2, or the backtracker for look-around, \K, atomic groups and back-references) and -z (NUL-ended lines). */
const GREP_PERL = [
  ...[
    ['\\w+: \\K\\w+'], ['(?<=\\$)\\d+'], ['(?<!\\$)\\b\\d+'], ['foo(?! )'], ['foo(?=bar)'], ['a.*?X'], ['a.*X'], ['(abc)\\1'], ['(?<w>abc)\\k<w>'],
    ['<(\\w+)>.*?</\\1>'], ['\\bcat\\b'], ['(?i)cat'], ['\\d{2,}'], ['\\s\\S+$'], ['a++b'], ['(?>a|ab)c'], ['x*+x'], ['^(?:name|age):'], ['\\Qa.b\\E'],
    ['\\x41'], ['[^\\d\\s]+'], ['[]a]'], ['('], ['a{'], ['a**'], ['(?<=a+)b'], ['(?<=a|bc)b'], ['(a)\\2'], ['(?P<x>ab)(?P=x)'], ['(ab)\\g{-1}'], ['\\D\\d'], ['\\Aname'], ['c\\z'],
  ].flatMap((p) => [['grep', '-P', ...p, 'kv'], ['grep', '-oP', ...p, 'kv'], ['grep', '-cP', ...p, 'kv']]),
  ['grep', '-iP', 'the cat', 'kv'], ['grep', '-wP', 'cat', 'kv'], ['grep', '-wP', 'Cat', 'kv'], ['grep', '-xP', 'foo\\w+', 'kv'], ['grep', '-vP', '\\d', 'kv'], ['grep', '-nP', '\\$\\d+', 'kv'],
  ['grep', '-owP', 'a\\w+', 'kv'], ['grep', '-P', '-e', 'a', '-e', 'b', 'kv'], ['grep', '-EP', 'a', 'kv'], ['grep', '-FP', 'a', 'kv'], ['grep', '-P', 'a\nb', 'kv'],
  ...[['-z', 'a'], ['-z', 'x'], ['-zc', 'a'], ['-zv', 'a'], ['-zn', 'a'], ['-zo', 'a.'], ['-zx', 'a2'], ['-z', '^b'], ['-z', 'b.x'], ['-z', '-A1', 'a2'], ['-z', '-B1', 'c'], ['-zl', 'a'], ['-zF', 'a'], ['-zP', 'a\\d'], ['-zm1', 'a'], ['-zw', 'end']].map((f) => ['grep', ...f, 'nul']),
]
const TR: Array<[string[], string]> = [
  ...[['a-z', 'A-Z'], ['-d', 'aeiou'], ['-s', 'a-z'], ['-c', 'a-z\\n', '_'], ['-cd', 'a-z'], ['[:lower:]', '[:upper:]'], ['-d', '[:digit:]'], ['-s', ' '], ['abc', 'x'], ['-t', 'abc', 'xy'], ['a-c', '1-3'], ['-ds', 'a', 'b']].flatMap(
    (f) => ['hello world  zzz\n', 'abc 123 aabbcc\n', 'The Quick\tBrown\n\n'].map((input): [string[], string] => [['tr', ...f], input]),
  ),
]

/** GNU's tools take options after the operands too (`ls d -la`, `head f -n 1`), except where a command runs another. */
const TRAILING = [
  ['ls', 'd', '-1a'], ['head', 'a', '-n', '1'], ['tail', 'a', '-n1'], ['wc', 'a', '-l'], ['cat', 'a', '-n'], ['sort', 'dup', '-ru'],
  ['cut', 'csv', '-d,', '-f2'], ['uniq', 'dup', '-c'], ['nl', 'blank', '-ba'], ['du', 'd', '-s'], ['diff', 'a', 'b', '-q'], ['cmp', 'a', 'b', '-s'],
  ['fold', 'words', '-w', '5'], ['paste', 'a', 'b', '-d,'], ['od', 'a', '-c'], ['md5sum', 'a', '-c'], ['base64', 'a', '-w', '8'],
  ['expand', 'ctl', '-t', '4'], ['column', 'csv', '-t', '-s,'], ['join', 'csv', 'csv', '-t,'], ['stat', 'a', '-c', '%s'], ['mkdir', 'n/m', '-p'], ['rm', 'missing', '-f'],
]

test('options after the operands are read, as GNU tools read them', () => table(TRAILING))
test('cat flags match GNU cat', () => table(CAT))
test('find predicates and operators match GNU find', () => table(FIND))
test('stat -c formats match GNU stat', () => table(STAT))
test('ls flags match GNU ls', () => table(LS))
/** Zones of the engine's database (with and without summer time, half hours, POSIX's `:`) and POSIX fixed forms. */
const ZONES = ['America/New_York', 'Europe/Paris', 'Asia/Kolkata', 'Australia/Sydney', 'Asia/Tokyo', 'EST5EDT', ':Europe/London', 'UTC0', 'JST-9', '<+03>-3', 'Nowhere/Zone']
/** One file dated in July, then ls, stat, find -printf, tar tv and touch -t read in the zone. */
const FILE_TIMES = 'touch -d "2024-07-01 12:00:00 UTC" f; ls -l f | cut -d" " -f6-; ls -l --time-style=full-iso f | cut -d" " -f6-; stat -c "%y %Y" f; find f -printf "%t %TH:%TM %Tz\\n"; tar cf t.tar f; tar tvf t.tar | cut -c35-; touch -t 202401021030 g; stat -c %Y g'
const ZONE_TIMES = ZONES.flatMap((tz) => [
  ['env', `TZ=${tz}`, 'date', '-d', '2024-07-01 12:00 UTC', '+%F %T %Z %z %:z %s'],
  ['env', `TZ=${tz}`, 'date', '-d', '2024-01-15 08:30', '+%F %T %Z %s'],
  ['env', `TZ=${tz}`, 'date', '-d', '@1700000000'],
  ['env', `TZ=${tz}`, 'date', '-u', '-d', '@1700000000'],
  // an hour New York's clock repeats, and one it skips (no such time: an error)
  ['env', `TZ=${tz}`, 'date', '-d', '2024-11-03 01:30', '+%F %T %Z %s'],
  ['env', `TZ=${tz}`, 'date', '-d', '2024-03-10 02:30', '+%F %T'],
  ['env', `TZ=${tz}`, 'date', '-R', '-d', '2024-03-31 01:30 UTC'],
  ['env', `TZ=${tz}`, 'date', '-Iseconds', '-d', '2024-03-30 12:00 +1 day'],
  ['env', `TZ=${tz}`, 'sh', '-c', FILE_TIMES],
])

test('TZ names the local zone of date, touch, ls, stat, find and tar, as for the GNU tools', () => table(ZONE_TIMES))

test("awk's strftime and mktime read TZ as gawk's do (UTC named GMT under strftime's flag)", async () => {
  const program = 'BEGIN { print strftime("%F %T %Z", 1700000000), strftime("%H %Z", 1700000000, 1), mktime("2024 07 01 12 00 00"), mktime("2024 07 01 12 00 00", 1) }'
  for (const tz of ZONES) {
    const ours = await sys.exec(['env', `TZ=${tz}`, 'awk', program])
    const theirs = host({}, ['env', `TZ=${tz}`, 'gawk', program])
    assert.equal(ours.stdout, theirs.stdout, `TZ=${tz}`)
  }
})

/** GNU's long names of short options, read by the commands that parse short ones (command()'s `long` table). */
const LONG_NAMES: Array<string[] | [string[], string]> = [
  [['base64', '--decode'], 'aGkK\n'], [['base64', '--wrap=4'], 'hello'], [['uniq', '--count'], 'a\na\nb\n'], [['uniq', '--repeated', '--ignore-case'], 'a\nA\nb\n'],
  [['head', '--lines=1'], 'x\ny\n'], [['head', '--bytes', '2'], 'xyz'], [['tail', '--lines', '1'], 'x\ny\n'], [['wc', '--lines', '--words'], 'a b\nc\n'],
  [['tr', '--delete', 'b'], 'abc'], [['tr', '--squeeze-repeats', 'a'], 'aab'], [['paste', '--serial', '--delimiters=,'], '1\n2\n'], [['fold', '--width=2'], 'hello\n'],
  ['seq', '--separator=,', '3'], ['seq', '--equal-width', '8', '10'], ['basename', '--suffix=.txt', 'a/b.txt'], ['dirname', '--zero', 'a/b'],
  [['tac', '--separator=,'], 'a,b,'], [['expand', '--tabs=4'], 'a\tb\n'], [['nl', '--number-width=2', '--number-separator=:'], 'a\nb\n'],
  [['od', '--format=x1', '--address-radix=n'], 'ab'], [['uniq', '--bogus'], ''], [['head', '--lines'], ''], [['wc', '--lines=3'], ''], [['head', '--li=1'], 'a\nb\n'],
]

test('GNU long option names of the text commands match GNU', () => table(LONG_NAMES))

test('du --exclude leaves out what GNU du leaves out', async () => {
  for (const script of ["du -a --exclude='*.txt' d | cut -f2 | sort", "du --exclude=s d | cut -f2 | sort", "du -a --exclude='s/*' --exclude y.log d | cut -f2 | sort"]) {
    const { ours, theirs } = await both(sys, FILES, ['sh', '-c', script])
    assert.equal(ours.stdout, theirs.stdout, script)
  }
})

test("env -S splits its string into words as GNU's env does (a #! line's way to pass several)", async () => {
  for (const script of ["env -S 'echo a \"b c\" d\\_e'", 'env -S"echo x" y', "env -S 'A=1 sh -c \"echo \\$A\"'", "env --split-string='echo ${HOME}'", "env -S 'echo a\\cb c'", 'env -S; echo $?', "env -S 'echo ${A:-x}'; echo $?"]) {
    const { ours, theirs } = await both(sys, FILES, ['sh', '-c', `HOME=/h; export HOME; ${script}`])
    assert.equal(ours.stdout, theirs.stdout, script)
  }
})

test('cp flags match GNU cp', () => table(CP))
test('mv flags match GNU mv', () => table(MV))
test('diff flags match GNU diff', () => table(DIFF))
test('xargs flags match GNU xargs', () => table(XARGS))
test('sed options after the script match GNU sed', () => table(SED))
test('date formats match GNU date', () => table(DATE))
test('grep, sort, head, tail, wc, cut, tr and uniq flags match GNU', () => table([...TEXT_TOOLS, ...TR]))
test('grep -P and -z match GNU grep', () => table(GREP_PERL))

test('the tables hold the argument sets they ran', () => {
  const all = [TRAILING, CAT, FIND, STAT, LS, CP, MV, DIFF, XARGS, SED, DATE, ZONE_TIMES, LONG_NAMES, TEXT_TOOLS, TR, GREP_PERL]
  assert.equal(ran, all.reduce((n, t) => n + t.length, 0))
})
