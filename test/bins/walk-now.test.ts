/**
 * find and grep -r over an in-memory tree (listed and read at once) give exactly what they give
 * over the same tree served by a fileserver that must wait: the same names in the same order,
 * the same errors for a directory without permission mid-tree and an unreadable file, through a
 * union and a bind over a subdirectory, and with a file replaced while the walk goes on.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { boot, stdSystem } from '../../src/index.ts'
import { Memfs } from '../../src/kernel/fileservers/memfs.ts'
import { asyncOnly } from '../kernel/fsdoubles.ts'

/** Makes the tree under $top (as glenda), binds into it, and runs `commands` in it. */
const script = (top: string, commands: string): string => `
top=${top}
mkdir -p $top/t/a/b $top/t/locked/in $top/t/noread $top/t/u1 $top/t/u2 $top/extra
echo 'x TODO 1' > $top/t/a/f1; echo y > $top/t/a/b/f2; echo 'TODO z' > $top/t/locked/in/f3
echo TODO > $top/t/unreadable; echo 'TODO no' > $top/t/noread/f4
echo 'TODO u1' > $top/t/u1/one; echo 'TODO u2' > $top/t/u2/two; echo 'TODO extra' > $top/extra/e.ts
chmod 000 $top/t/locked; chmod 200 $top/t/unreadable; chmod 300 $top/t/noread
bind $top/extra $top/t/a/b
bind -a $top/t/u2 $top/t/u1
cd $top/t
${commands}
echo status $?
`

const COMMANDS = [
  'find . | sort; echo $?',
  "find . -name '*.ts' -o -name 'f*'",
  'grep -r TODO .',
  'grep -rn TODO a u1',
  'grep -rl TODO . | sort',
  'grep -rc TODO a',
]

test('find and grep -r say the same over a tree in memory and one served by a server that waits', async () => {
  const slow = new Memfs({ owner: 'glenda', mode: 0o777 })
  const sys = await boot({ presets: [stdSystem()], mounts: { '/n/slow': asyncOnly(slow) } })
  try {
    for (const commands of COMMANDS) {
      const now = await sys.run(script('/tmp/w', commands))
      const waiting = await sys.run(script('/n/slow', commands))
      assert.equal(now.stdout, waiting.stdout, commands)
      assert.equal(now.stderr.replaceAll('/tmp/w', 'TOP'), waiting.stderr.replaceAll('/n/slow', 'TOP'), commands)
      assert.equal(now.exitCode, waiting.exitCode, commands)
      await sys.run('rm -rf /tmp/w; chmod -R 777 /n/slow; rm -rf /n/slow/t /n/slow/extra', { user: 'root' })
    }
    // what the in-memory walk says, in full, for the first and the grep
    const found = await sys.run(script('/tmp/w', 'grep -r TODO .'))
    assert.equal(found.stdout, ['./a/b/e.ts:TODO extra', './a/f1:x TODO 1', './u1/one:TODO u1', './u1/two:TODO u2', './u2/two:TODO u2', 'status 2', ''].join('\n'))
    assert.equal(found.stderr, ['grep: ./locked: permission denied', 'grep: ./noread: permission denied', 'grep: ./unreadable: permission denied', ''].join('\n'))
  } finally {
    await sys.shutdown()
  }
})

test('a file replaced while find walks is visited as listed; grep reads what is there when it gets to it', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  try {
    await sys.run('mkdir -p /tmp/r && cd /tmp/r && echo TODO old > b && touch a')
    // visiting a replaces b with a directory: the listing said b is a file, so it is not entered
    const find = await sys.run("cd /tmp/r && find . -name a -exec sh -c 'rm b && mkdir b && touch b/inner' ';' -o -print")
    assert.deepEqual([find.stdout, find.stderr, find.exitCode], ['.\n./b\n', '', 0])
    await sys.run('cd /tmp/r && rm -r b && echo TODO old > b')
    // grep's output waits on a full pipe while another process replaces b: b is read as it is then
    const grep = await sys.run(
      "cd /tmp/r && for i in $(seq 1 3000); do echo TODO $i; done > a && { grep -r TODO . & }; sleep 0; rm b; echo TODO new > b; wait",
    )
    assert.match(grep.stdout, /\.\/b:TODO (old|new)\n$/)
    assert.equal(grep.stdout.split('\n').length, 3002)
  } finally {
    await sys.shutdown()
  }
})
