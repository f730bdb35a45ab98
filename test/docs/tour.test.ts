/**
 * The README's tour, every line as written, in order, in one login shell; after each line, what
 * it should have done is checked in the same shell.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import jpeg from 'jpeg-js'
import { boot, stdSystem } from '../../src/index.ts'
import { readmeTour } from './blocks.ts'

/** Printed before each line, and after it with its status: the output splits by line. */
const MARK = '@@'

/** The tour's lines, each followed by the check of its effect. */
const checks: [RegExp, string][] = [
  [/^ls \/srv/, ''],
  [/^pkg install/, ''],
  [/^webcam-srv &/, 'test -e /srv/webcam && echo posted'],
  [/^mount webcam/, 'ls ~/cam'],
  [/^cat ~\/cam\/frame.jpg/, ''],
  [/^echo 'resolution/, 'head -1 ~/cam/status'],
  [/^umount ~\/cam; kill/, 'wait; test -e /srv/webcam || echo gone; ls ~/cam'],
  [/^svc start/, ''],
  [/^cat \/dev\/webcam\/status/, ''],
  [/^svc status/, ''],
  [/^bind -b \/usr\/local\/bin/, 'ns | grep -c "^bind -b /usr/local/bin /bin$"'],
  [/^ns /, ''],
  [/^rfork -n sh/, ''],
  [/^bind '#b' \/bin/, 'ls /bin | grep -c "^ls$"'],
  [/^rfork -m sh/, ''],
]

test("the README's tour, line by line in one login shell", async () => {
  const lines = readmeTour()
    .split('\n')
    .filter((l) => l.trim() !== '')
  assert.equal(lines.length, checks.length, 'every tour line has its check')
  const script = lines
    .map((line, i) => {
      const [pattern, check] = checks[i]!
      assert.match(line, pattern)
      return `echo ${MARK}\n${line}\necho ${MARK}status $?\n${check}\n`
    })
    .join('')
  const sys = await boot({ presets: [stdSystem()] })
  const r = await sys.run(script)
  assert.equal(r.stderr, '')
  // per line: [its output, its status and the check's output]
  const parts = r.stdout.split(new RegExp(`^${MARK}`, 'm')).slice(1)
  assert.equal(parts.length, 2 * lines.length)
  const out = (i: number) => parts[2 * i]!.slice(1)
  const check = (i: number) => parts[2 * i + 1]!.slice(parts[2 * i + 1]!.indexOf('\n') + 1)
  for (let i = 0; i < lines.length; i++) assert.equal(parts[2 * i + 1]!.split('\n')[0], 'status 0', lines[i])
  // ls /srv lists what its comment names
  const servers = out(0).trim().split('\n')
  assert.deepEqual(servers, ['init', 'log'])
  for (const name of servers) assert.ok(lines[0]!.includes(`${name} (`), `the README's comment names ${name}`)
  assert.equal(out(1), 'installed webcam-device: webcam-srv\n')
  assert.equal(check(2), 'posted\n')
  assert.equal(check(3), 'ctl\nframe.jpg\nstatus\n')
  assert.equal(check(5), 'resolution 320x240\n')
  assert.equal(check(6), 'gone\n')
  assert.match(out(8), /^resolution 640x480\nfps 15\nframes \d+\n$/)
  assert.match(out(9), /^state\trunning$/m)
  assert.match(out(9), /^unit\tmount webcam \/dev\/webcam: mounted$/m)
  assert.equal(check(10), '1\n')
  // ns: single spaces, the service's mount (made by init after this shell began) and the union
  assert.match(out(11), /^mount webcam \/dev\/webcam\nbind -b \/usr\/local\/bin \/bin\ncd \/home\/glenda\n$/m)
  assert.doesNotMatch(out(11), / {2}/)
  assert.equal(check(13), '1\n')
  const pic = jpeg.decode(await sys.readFile('/home/glenda/pic.jpg'))
  assert.deepEqual([pic.width, pic.height], [640, 480])
  await sys.shutdown()
})
