/**
 * patch against GNU patch: patches made by the host's diff -u and diff -c, applied by both to the same files
 * (exact, offset, fuzz, failing, reversed, created and deleted files, -p, -R, -o, --dry-run), the
 * output, the status, the patched files and the rejects compared.
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

const lines = (from: number, to: number, edit: (n: number) => string | undefined = () => undefined): string => {
  let out = ''
  for (let n = from; n <= to; n++) out += `${edit(n) ?? n}\n`
  return out
}

/** The host's `diff -u` (or `format`) of two texts (null: no file, /dev/null), labelled with the names given. */
function udiff(oldName: string, oldText: string | null, newName: string, newText: string | null, format = '-u'): string {
  const files: Record<string, string> = {}
  if (oldText !== null) files[`old/${oldName}`] = oldText
  if (newText !== null) files[`new/${newName}`] = newText
  const path = (side: string, name: string, text: string | null): string => (text === null ? '/dev/null' : `${side}/${name}`)
  const label = (name: string, text: string | null): string => (text === null ? '/dev/null' : name)
  return host(files, ['diff', format, '--label', label(oldName, oldText), '--label', label(newName, newText), path('old', oldName, oldText), path('new', newName, newText)]).stdout
}

const A = lines(1, 30)
const B = lines(1, 30, (n) => (n === 5 ? '5\nnew1\nnew2' : n === 25 ? 'twentyfive' : undefined))
const SMALL = udiff('a', lines(1, 20), 'b', lines(1, 20, (n) => (n === 5 ? 'five' : n === 15 ? 'fifteen' : undefined)))

const FILES: Record<string, string> = {
  'e.patch': udiff('a', A, 'b', B),
  'd.patch': SMALL,
  'p1.patch': udiff('x/sub/f', lines(1, 3), 'y/sub/f', lines(1, 4)),
  'new.patch': udiff('/dev/null', null, 'made', 'fresh\nfile\n'),
  'gone.patch': udiff('gone', 'bye\n', '/dev/null', null),
  'nonl.patch': udiff('n', 'a\nb', 'n', 'a\nc'),
  'addnl.patch': udiff('n', 'a\nb', 'n', 'a\nb\n'),
  'garbage': 'this is not a patch\n',
  // context diffs (diff -c, and -C0 with no context at all)
  'ce.patch': udiff('a', A, 'b', B, '-c'),
  'cd.patch': udiff('a', lines(1, 20), 'b', lines(1, 20, (n) => (n === 5 ? 'five' : n === 15 ? 'fifteen' : undefined)), '-c'),
  'c0.patch': udiff('a', A, 'b', B, '-C0'),
  'cnew.patch': udiff('/dev/null', null, 'made', 'fresh\nfile\n', '-c'),
  'cnonl.patch': udiff('n', 'a\nb', 'n', 'a\nc', '-c'),
  exact: A,
  shifted: 'x\n' + A,
  fuzzy: 'x\n' + lines(1, 20, (n) => (n === 3 ? 'three' : undefined)),
  broken: lines(1, 20, (n) => (n === 4 ? 'FOUR' : n === 6 ? 'SIX' : undefined)),
  twenty: lines(1, 20),
  patched: B,
  gone: 'bye\n',
  n: 'a\nb',
  'sub/f': lines(1, 3),
}

const SCRIPTS = [
  'patch exact < e.patch; echo rc=$?; cat exact',
  'patch shifted < e.patch; echo rc=$?; cat shifted',
  'patch fuzzy < d.patch; echo rc=$?; cat fuzzy',
  'patch broken < d.patch; echo rc=$?; cat broken; cat broken.rej',
  'patch -i e.patch patched; echo rc=$?; cat patched; cat patched.rej',
  'patch -N patched e.patch; echo rc=$?; cat patched',
  'patch -t patched e.patch; echo rc=$?; cat patched',
  'patch -f patched e.patch; echo rc=$?; cat patched',
  'patch -R patched < e.patch; echo rc=$?; cat patched',
  'patch -R exact < e.patch; echo rc=$?; cat exact',
  'patch --dry-run exact < e.patch; echo rc=$?; cat exact',
  'patch --dry-run broken < d.patch; echo rc=$?; ls',
  'patch -o out exact e.patch; echo rc=$?; cat out exact',
  'patch -p1 < p1.patch; echo rc=$?; cat sub/f',
  'patch -p0 < p1.patch; echo rc=$?',
  'patch < p1.patch; echo rc=$?',
  'patch < new.patch; echo rc=$?; cat made',
  'patch < gone.patch; echo rc=$?; ls',
  'patch < nonl.patch; echo rc=$?; od -c n',
  'patch < addnl.patch; echo rc=$?; od -c n',
  'patch < garbage; echo rc=$?',
  'patch -s twenty d.patch; echo rc=$?; cat twenty',
  'patch -b twenty d.patch; echo rc=$?; cat twenty.orig',
  'patch -r rejects broken d.patch; echo rc=$?; cat rejects',
  'patch -F0 fuzzy d.patch; echo rc=$?; cat fuzzy',
  'patch -R -t exact e.patch; echo rc=$?; cat exact',
  'patch exact nothere; echo rc=$?',
  'patch -p x exact e.patch; echo rc=$?',
  // NAME.orig where the patch did not match exactly: an offset, fuzz, a failed hunk; not where it did
  'patch shifted < e.patch; ls; cat shifted.orig',
  'patch fuzzy < d.patch; ls',
  'patch broken < d.patch; ls',
  'patch exact < e.patch; ls',
  'patch --no-backup-if-mismatch shifted < e.patch; ls',
  'patch exact < ce.patch; echo rc=$?; cat exact',
  'patch shifted < ce.patch; echo rc=$?; cat shifted',
  'patch fuzzy < cd.patch; echo rc=$?; cat fuzzy',
  'patch broken < cd.patch; echo rc=$?; cat broken',
  'patch exact < c0.patch; echo rc=$?; cat exact',
  'patch -R patched < ce.patch; echo rc=$?; cat patched',
  'patch < cnew.patch; echo rc=$?; cat made',
  'patch < cnonl.patch; echo rc=$?; od -c n',
  'patch -c exact ce.patch; echo rc=$?; cat exact',
]

test('patch matches GNU patch on diffs made by diff -u and diff -c', async () => {
  for (const script of SCRIPTS) {
    const { ours, theirs } = await both(sys, FILES, ['sh', '-c', script])
    assert.equal(ours.stdout, theirs.stdout, `stdout of ${script}\n${ours.stderr}`)
    assert.equal(ours.exitCode, theirs.exitCode, `status of ${script}`)
  }
})

test('a diff -u made here applies with patch here, and undoes with -R (the round trip)', async () => {
  const { ours } = await both(sys, { a: A, b: B }, ['sh', '-c', 'diff -u a b > ab.patch; cp a c; patch c ab.patch && cmp b c && patch -R c ab.patch && cmp a c && echo round'])
  assert.equal(ours.stdout, 'patching file c\npatching file c\nround\n', ours.stderr)
})
