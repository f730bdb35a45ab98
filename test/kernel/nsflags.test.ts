/** One table of rfork letters and one of bind flags: the command, the builtin, the library and ns agree. */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { boot, type System } from '../../src/image.ts'
import { rforkLetters } from '../../src/kernel/nsflags.ts'
import { BIND_FLAGS, bindLetters, RFORK_FLAGS } from '../../src/kernel/nsflags.ts'
import { stdSystem } from '../../src/presets/std.ts'

let sys: System
before(async () => {
  sys = await boot({ presets: [stdSystem()] })
  await sys.run('mkdir -p /tmp/a /tmp/b /n/x; touch /tmp/a/fa /tmp/b/fb; chmod -R 777 /tmp/a /tmp/b /n/x', { user: 'root' })
})
after(() => sys.shutdown())

test('each rfork row: the library letter and the command option give the same namespace', async () => {
  for (const row of RFORK_FLAGS.filter((r) => r.key === 'cleanNamespace' || r.key === 'copyNamespace' || r.key === 'noMount')) {
    const library = await sys.run('ns; bind /tmp/a /n/x && echo bound', { rfork: row.letter })
    const command = await sys.run(`rfork -${row.option} sh -c 'ns; bind /tmp/a /n/x && echo bound'`)
    assert.deepEqual(command, library, row.key)
  }
  assert.deepEqual(rforkLetters('nmEs'), { copyNamespace: true, noMount: true, cleanEnv: true, newSignalGroup: true })
  assert.throws(() => rforkLetters('x'), /unknown flag letter x/)
})

test('the rfork builtin and command list every row in --help, and take every option', async () => {
  const help = (await sys.run('rfork --help')).stdout
  for (const row of RFORK_FLAGS) assert.match(help, new RegExp(`^  -${row.option}  ${row.help.replace(/[()]/g, '\\$&')}$`, 'm'))
  assert.equal((await sys.run(`rfork -${RFORK_FLAGS.filter((r) => !/clean/.test(r.key)).map((r) => r.option).join('')} true; echo $?`)).stdout, '0\n')
})

test('each bind flag: the command, a namespace entry and ns output use the same letter', async () => {
  for (const row of BIND_FLAGS) {
    const flags = row.key === 'after' || row.key === 'before' ? row.letter : `b${row.letter}`
    const command = await sys.run(`bind -${flags} /tmp/a /n/x; ns | grep /n/x`)
    assert.equal(command.stderr, '')
    assert.match(command.stdout, new RegExp(`^bind -${flags} /tmp/a /n/x$`, 'm'), row.key)
    const library = await sys.run('ns | grep /n/x', { rfork: 'n', namespace: [{ bind: '/tmp/a', at: '/n/x', flags }] })
    assert.match(library.stdout, new RegExp(`^bind -${flags} /tmp/a /n/x$`, 'm'), row.key)
    assert.deepEqual(bindLetters(flags), Object.fromEntries([...flags].map((c) => [BIND_FLAGS.find((r) => r.letter === c)!.key, true])))
  }
  assert.throws(() => bindLetters('ba'), /-b and -a are exclusive/)
  assert.equal((await sys.run('bind -x /tmp/a /n/x')).stderr, "bind: invalid option -- 'x'\nusage: bind [-b|-a] [-c] [-r] new old\n")
})

test('su takes its options after the user too, as util-linux su does', async () => {
  const r = await sys.run('su root -c id; su -c id glenda; su glenda -c "echo $USER"', { user: 'root' })
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, 'uid=root gid=root groups=root\nuid=glenda gid=glenda groups=glenda,sys\nroot\n')
})
