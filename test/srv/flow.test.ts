import assert from 'node:assert/strict'
import { test } from 'node:test'
import jpeg from 'jpeg-js'
import { boot, stdSystem } from '../../src/index.ts'

test("the roadmap's phase A flow, line for line, in one login shell", async () => {
  const sys = await boot({ presets: [stdSystem()] })
  await sys.mkdirAll('/home/glenda/cam', 0o755)
  const r = await sys.run(
    [
      'pkg install webcam-device',
      'webcam-srv --width 160 --height 120 &',
      'while ! test -e /srv/webcam; do sleep 0.01; done',
      'mount webcam ~/cam',
      'cat ~/cam/frame.jpg > pic.jpg',
      'umount ~/cam',
      'kill $!',
      'wait',
      'ls /srv',
      'ls ~/cam',
      'echo done',
    ].join('\n'),
  )
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'installed webcam-device: webcam-srv\ninit\nlog\ndone\n')
  const pic = jpeg.decode(await sys.readFile('/home/glenda/pic.jpg'))
  assert.deepEqual([pic.width, pic.height], [160, 120])
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
