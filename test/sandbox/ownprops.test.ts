/** Names from user input are looked up only among a table's own entries, never Object.prototype's. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { boot, stdSystem } from '../../src/index.ts'

test('toString, constructor and __proto__ are unknown names everywhere, and nothing crashes', async () => {
  const sys = await boot({ presets: [stdSystem()] })
  const r = await sys.run(
    [
      'echo toString > /proc/self/note; echo note $?',
      'pkg install __proto__; pkg install constructor; pkg info toString',
      'echo abc | tr "[:constructor:]" X',
      'case a in [[:constructor:]]) echo matched;; *) echo no match;; esac',
      'echo abc | grep "[[:toString:]]"; echo grep $?',
      "printf 'bind /tmp /n/$constructor\\n' > /tmp/ns; newns -n /tmp/ns ns | grep -c Object",
      'kill -s toString $$; echo kill $?',
    ].join('\n'),
  )
  assert.equal(
    r.stderr,
    [
      'sh: 1: echo: bad arg in system call',
      'pkg: __proto__: file does not exist: no such package',
      'pkg: constructor: file does not exist: no such package',
      'pkg: toString: no such package',
      "tr: invalid character class 'constructor'",
      'usage: tr [-cdst] set1 [set2]',
      'grep: Invalid character class name',
      'sh: 7: kill: toString: bad signal',
      '',
    ].join('\n'),
  )
  assert.equal(r.stdout, 'note 1\nno match\ngrep 2\n0\nkill 1\n')
  await sys.shutdown()
})
