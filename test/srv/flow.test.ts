import assert from 'node:assert/strict'
import { test } from 'node:test'
import jpeg from 'jpeg-js'
import { boot, stdSystem } from '../../src/index.ts'
import { roadmapFlow } from '../docs/blocks.ts'

test("the roadmap's phase A flow, copied from ROADMAP.md, in a fresh login with nothing prepared", async () => {
  const sys = await boot({ presets: [stdSystem()] })
  // the flow as the roadmap writes it, then what its lines should have left behind
  const r = await sys.run(`${roadmapFlow()}echo status $?\nls /srv; ls ~/cam; ns | grep -c '^bind -b /usr/local/bin /bin$'\n`)
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'installed webcam-device: webcam-srv\nstatus 0\ninit\nlog\n1\n')
  const pic = jpeg.decode(await sys.readFile('/home/glenda/pic.jpg'))
  assert.deepEqual([pic.width, pic.height], [640, 480])
  // the server ended with kill $!, and the mount point it left is glenda's
  assert.ok(!sys.srv.names().includes('webcam'))
  assert.equal((await sys.run('ls -ld ~/cam | cut -d" " -f1,3,4')).stdout, 'drwxr-xr-x glenda glenda\n')
  await sys.shutdown()
})

test('mount makes a missing last directory only where the caller may create it', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const r = await sys.run('pkg install ramfs >/dev/null; ramfs-srv -s scratch & mount scratch /etc/scratch; mount scratch ~/a/b; mount /srv/nosuch ~/c; kill $!; ls -d ~/c ~/a /etc/scratch')
  assert.equal(
    r.stderr,
    'mount: /etc/scratch: permission denied\nmount: /home/glenda/a/b: file does not exist\nmount: /srv/nosuch: file does not exist\nls: /home/glenda/c: file does not exist\nls: /home/glenda/a: file does not exist\nls: /etc/scratch: file does not exist\n',
  )
  await sys.shutdown()
})

test('union bind: bind -b makes a local script win, bind -a makes the system command win', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const r = await sys.run(
    [
      "printf '#!/bin/sh\\necho local ls\\n' > /usr/local/bin/ls",
      'chmod +x /usr/local/bin/ls',
      'bind -b /usr/local/bin /bin',
      'ls',
      'umount /usr/local/bin /bin',
      'bind -a /usr/local/bin /bin',
      'ls /usr/local/bin',
      'ls /bin | grep -c "^ls$"',
    ].join('\n'),
    { user: 'root' },
  )
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'local ls\nls\n2\n')
  await sys.shutdown()
})

test('a shell that still has a killed server mounted gets i/o on hungup channel, not a hang', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const r = await sys.run(
    [
      'pkg install ramfs >/dev/null',
      'ramfs-srv -s scratch &',
      'while ! test -e /srv/scratch; do sleep 0.01; done',
      'mkdir -p $HOME/r; mount -c scratch $HOME/r',
      'echo hello > $HOME/r/f; cat $HOME/r/f',
      'kill -9 $!',
      'wait $!; echo status $?',
      'cat $HOME/r/f',
      'echo cat said $?',
      'ls /srv',
    ].join('\n'),
  )
  assert.equal(r.stdout, 'hello\nstatus 137\ncat said 1\ninit\nlog\n')
  assert.equal(r.stderr, 'cat: /home/glenda/r/f: i/o on hungup channel\n')
  await sys.shutdown()
})
