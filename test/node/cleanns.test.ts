/**
 * A clean namespace can still do work: `rfork -n sh` has no /bin, and the shell's own builtins
 * (echo, printf, pwd, test, true, false, kill, command) answer, as in every POSIX shell. Typed
 * as a person types them, one line after another, into ninefold.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { runNinefold } from './runbin.ts'

const home = mkdtempSync(join(tmpdir(), 'ninefold-cleanns-'))
after(() => rmSync(home, { recursive: true, force: true }))

test('in rfork -n sh, echo and the other builtins work, and commands not bound are not found', async () => {
  const typed = ['rfork -n sh', 'echo hi', 'printf "%s\\n" there', 'pwd', 'test -d /dev && echo dev is here', 'true && ! false && echo truth', 'kill -l 15', 'command -v echo', 'ls', 'echo status $?', "bind '#b' /bin", 'ls /bin | grep -c -x ls'].join('\n') + '\n'
  const r = await runNinefold([], { HOME: home }, typed)
  assert.equal(r.stdout, 'hi\nthere\n/\ndev is here\ntruth\nTERM\necho\nstatus 127\n1\n')
  assert.equal(r.stderr, 'sh: 8: ls: not found\n')
  assert.equal(r.status, 0)
})
