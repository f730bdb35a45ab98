/** ed against GNU ed: scripts fed on standard input (as a here-document is), same output, status and file. */
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

const FILES = { f: 'one\ntwo\nthree\nfour\nfive\n', t: 'a\tb\\c\n' + 'x'.repeat(100) + '\n' }

const SCRIPTS: [string[], string][] = [
  [['f'], ',p\nq\n'],
  [['-s', 'f'], '2p\n$p\n.p\n=\n.=\n/fo/p\n?one?p\n1;+2p\n2,4n\n'],
  [['-s', 'f'], '1d\nw\nq\n'],
  [['f'], '2,3d\nw\n'],
  [['-s', 'f'], 'a\nnew\n.\n,p\nw\n'],
  [['-s', 'f'], '2i\nbefore two\n.\n3c\nchanged\n.\n,n\nw\n'],
  [['-s', 'f'], ',s/o/0/g\n,p\nw\n'],
  [['-s', 'f'], '2s/t\\(w\\)o/<&|\\1>/p\n3s/e/E/2p\nw\n'],
  [['-s', 'f'], 'g/o/s//O/\n,p\nv/O/d\n,p\nw\n'],
  [['-s', 'f'], 'g/e/p\ng/^t/.n\n'],
  [['-s', 'f'], '1m$\n,p\n2,3t0\n,p\nw\n'],
  [['-s', 'f'], '1,2j\n,p\n3,5j\n,p\nw\n'],
  [['-s', 'f'], '2ka\n4kb\n\'a,\'bp\n\'bd\n\'ap\n'],
  [['-s', 'f'], '1d\nu\n,p\nu\n,p\n'],
  [['-s', 'f'], '9p\n1p\nq\n'],
  [['-s', 'f'], 'H\n9p\nq\n'],
  [['-s', 'f'], '1d\nq\nq\n'],
  [['-s', 'f'], '1d\nQ\n'],
  [['-s', 't'], ',l\n'],
  [['-s'], 'a\nx\ny\n.\n,p\nw new\nf\nQ\n'],
  [['-s', 'f'], 'r f\n,n\n'],
  [['f'], 'e t\n,p\n'],
  [['-s', 'f'], '$r t\n=\n'],
  [['-s', 'f'], '2\n\n\n'],
  [['-s', 'f'], 's/one/1/\n,p\n'],
  [['-s', 'f'], '/three/\n-p\n+p\n-2,+1p\n'],
  [['-s', 'f'], '1,2w part\n3,$W part\ne part\n,p\n'],
  [['-s', 'f'], 's/x/y/\n2s/two/2/\nu\n2p\n'],
  [['-s', 'f'], ',s/\\(.*\\)/[\\1]/\n,p\n'],
  [['-s', 'f'], 'g/t/s/$/!/\\\ns/^/>/\n,p\n'],
  [['-s', 'f'], '3z\nx\n,p\n'],
  [['-s', 'f'], 'w\nq\n'],
  [['-s', 'missing'], 'a\nnew\n.\nw\n'],
  [['-s', 'f'], '2,1p\n0p\n5,$p\n'],
  [['-s', 'f'], '1s/o/\\\n/\n,n\n'],
  [['-s', 'f'], ',s/e/%/g\n,s/o/%/\n,p\n'],
]

test('ed matches GNU ed', async () => {
  for (const [args, script] of SCRIPTS) {
    const line = `ed ${args.join(' ')} <<'EOF'\n${script}EOF\necho rc=$?; cat f; cat new part 2>/dev/null; true`
    const { ours, theirs } = await both(sys, FILES, ['sh', '-c', line])
    assert.equal(ours.stdout, theirs.stdout, `ed ${args.join(' ')} ${JSON.stringify(script)}\n${ours.stderr}`)
  }
})

test('a g command over 20,000 lines matches GNU ed and never holds the host long; u undoes it whole', async () => {
  const files = { big: Array.from({ length: 20_000 }, (_, i) => `${i + 1}\n`).join('') }
  for (const script of ['g/^/m0\n', 'g/5/d\n', 'g/^/t.\n', 'g/7/s/7/seven/g\n', 'g/[24]/d\nu\n']) {
    const argv = ['sh', '-c', `ed -s big <<'EOF'\n${script}w\nq\nEOF\necho rc=$?; md5sum big; sed -n '1p;$p' big`]
    const cwd = await scratch(sys, files)
    const { result: ours, longest } = await heldHost(() => sys.exec(argv, { cwd }))
    assert.equal(ours.stdout, host(files, argv).stdout, `ed ${JSON.stringify(script)}\n${ours.stderr}`)
    assert.ok(longest < 1000, `ed ${JSON.stringify(script)} held the host ${longest.toFixed(0)} ms`)
  }
})
