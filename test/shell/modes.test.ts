/** How the shell is started: -c, a script file, stdin, interactive, login; and tab completion. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { boot } from '../../src/image.ts'
import { stdSystem } from '../../src/presets/std.ts'
import type { Console } from '../../src/kernel/fileservers/devfs.ts'
import type { ProcContext } from '../../src/kernel/types.ts'
import { complete } from '../../src/shell/complete.ts'
import { useSystem } from './helpers.ts'

const sys = useSystem()

test('sh -c with a name and arguments', async () => {
  const r = await sys().exec(['sh', '-c', 'echo "$0:$1:$#"', 'prog', 'x', 'y'])
  assert.equal(r.stdout, 'prog:x:2\n')
  const e = await sys().exec(['sh', '-c'])
  assert.equal(e.exitCode, 2)
  assert.equal(e.stderr, 'sh: -c: option requires an argument\n')
  const o = await sys().exec(['sh', '-ec', 'false; echo no'])
  assert.equal(o.exitCode, 1)
  assert.equal(o.stdout, '')
})

test('sh FILE args: a script read through the namespace', async () => {
  await sys().writeFile('/tmp/script.sh', '#!/bin/sh\necho "script $0 $1"\nexit 4\n')
  const r = await sys().exec(['sh', '/tmp/script.sh', 'arg'])
  assert.equal(r.stdout, 'script /tmp/script.sh arg\n')
  assert.equal(r.exitCode, 4)
  const missing = await sys().exec(['sh', '/tmp/none.sh'])
  assert.equal(missing.exitCode, 127)
  assert.equal(missing.stderr, 'sh: /tmp/none.sh: file does not exist\n')
  const bashMissing = await sys().exec(['bash', '/tmp/none.sh'])
  assert.deepEqual([bashMissing.exitCode, bashMissing.stderr], [127, 'bash: /tmp/none.sh: file does not exist\n'])
})

test("bash places its errors as bash does: the script's name and line, or bash: when interactive", async () => {
  await sys().writeFile('/tmp/errs.sh', 'nosuch1\nf() {\n  nosuch2\n}\nf\n./nosuch3\ncd /none\n')
  const r = await sys().exec(['bash', '/tmp/errs.sh'])
  assert.equal(r.stderr, '/tmp/errs.sh: line 1: nosuch1: command not found\n/tmp/errs.sh: line 3: nosuch2: command not found\n/tmp/errs.sh: line 6: ./nosuch3: file does not exist\n/tmp/errs.sh: line 7: cd: /none: file does not exist\n')
  const c = await sys().exec(['bash', '-c', 'true\nnosuch', 'name'])
  assert.equal(c.stderr, 'name: line 2: nosuch: command not found\n')
  const syntax = await sys().exec(['bash', '-c', 'echo a\nfi'])
  assert.equal(syntax.stderr, "bash: -c: line 2: syntax error near unexpected token `fi'\nbash: -c: line 2: `fi'\n")
  const interactive = await sys().exec(['bash', '-i'], { stdin: 'nosuch\n' })
  assert.match(interactive.stderr, /\$ bash: nosuch: command not found\n/)
  assert.equal((await sys().exec(['sh', '/tmp/errs.sh'])).stderr.split('\n')[0], '/tmp/errs.sh: 1: nosuch1: not found')
})

test('bash places a failed redirection at its own line (a compound command ends there, a simple one may go on over lines), and a command of a pipeline at its line', async () => {
  await sys().writeFile('/tmp/redirs.sh', 'true\nif true; then\n  cat\nfi < /none1\nwhile false; do :; done < /none2\nf() { cat; } < /none3\n\nf\ncat \\\n  < /none4\n')
  const r = await sys().exec(['bash', '/tmp/redirs.sh'])
  assert.equal(r.stderr, ['4: /none1', '5: /none2', '6: /none3', '10: /none4'].map((e) => `/tmp/redirs.sh: line ${e}: file does not exist\n`).join(''))
  const piped = await sys().exec(['bash', '-c', 'true\nnosuch | cat'])
  assert.equal(piped.stderr, 'bash: line 2: nosuch: command not found\n')
})

test('a script whose #! line names /usr/bin/env bash or /usr/bin/awk runs: /usr/bin is /bin', async () => {
  const r = await sys().run("cd /tmp; printf '#!/usr/bin/env bash\\necho {1..3} $1\\n' > env.sh; printf '#!/usr/bin/awk -f\\n{ print NR \": \" $0 }\\n' > n.awk; chmod +x env.sh n.awk; ./env.sh x; echo hi | ./n.awk")
  assert.equal(r.stderr, '')
  assert.equal(r.stdout, '1 2 3 x\n1: hi\n')
})

test('sh reading stdin runs each command as soon as it is complete', async () => {
  const r = await sys().exec(['sh'], { stdin: 'echo one\nif true\nthen echo two\nfi\ncat <<EOF\nthree\nEOF\nexit 5\necho never\n' })
  assert.equal(r.stdout, 'one\ntwo\nthree\n')
  assert.equal(r.exitCode, 5)
  // a script piped in: a syntax error ends it, after what came before ran
  const bad = await sys().exec(['sh'], { stdin: 'echo before\nfi\necho after\n' })
  assert.equal(bad.stdout, 'before\n')
  assert.equal(bad.stderr, 'sh: 2: Syntax error: "fi" unexpected\n')
  assert.equal(bad.exitCode, 2)
  const last = await sys().exec(['sh', '-s', 'a1'], { stdin: 'echo $1; false' })
  assert.equal(last.stdout, 'a1\n')
  assert.equal(last.exitCode, 1)
})

test('sh -i: prompts on stderr (user@host:dir$ by default), errors do not end it', async () => {
  const r = await sys().exec(['sh', '-i'], { stdin: 'echo a\nif\nfi\nnosuch\necho b; exit 3\n' })
  assert.equal(r.stdout, 'a\nb\n')
  const p = 'glenda@ninefold:~$ '
  assert.equal(r.stderr, `${p}${p}> sh: line 3: syntax error: unexpected "fi" (expected a command)\n${p}sh: nosuch: not found\n${p}`)
  assert.equal(r.exitCode, 3)
  const ps = await sys().exec(['sh', '-i'], { stdin: 'echo "$PS1"; PS1="[\\$PWD] "; PS2=": "\nfor i in 1\ndo :; done\n', cwd: '/tmp' })
  assert.equal(ps.stdout, '\\u@\\h:\\w\\$ \n', 'PS1 is set, as bash sets it')
  assert.equal(ps.stderr, 'glenda@ninefold:/tmp$ [/tmp] : [/tmp] ')
  const root = await sys().exec(['sh', '-i'], { stdin: '', user: 'root', cwd: '/' })
  assert.equal(root.stderr, 'root@ninefold:/# ')
})

test('login shell: /etc/profile then $HOME/.profile', async () => {
  await sys().writeFile('/home/glenda/.profile', 'FROM_PROFILE=yes\n')
  const r = await sys().exec(['sh', '-l', '-c', 'echo $PATH $FROM_PROFILE'])
  assert.equal(r.stdout, '/bin yes\n')
  const plain = await sys().exec(['sh', '-c', 'echo "[$FROM_PROFILE]"'])
  assert.equal(plain.stdout, '[]\n')
})

/** A console a test types into, a line at a time. */
function scriptedConsole(): Console & { type(line: string): void; output: string; waitFor(re: RegExp): Promise<void> } {
  const lines: string[] = []
  let wake: (() => void) | undefined
  let pending = new Uint8Array(0)
  const enc = new TextEncoder()
  const c = {
    interactive: true,
    foreground: 0,
    output: '',
    type(line: string) {
      lines.push(line)
      wake?.()
    },
    async read(count: number): Promise<Uint8Array> {
      while (pending.length === 0) {
        const l = lines.shift()
        if (l !== undefined) pending = enc.encode(l)
        else await new Promise<void>((r) => (wake = r))
      }
      const out = pending.slice(0, count)
      pending = pending.slice(count)
      return out
    },
    write(data: Uint8Array) {
      c.output += new TextDecoder().decode(data)
    },
    async waitFor(re: RegExp) {
      const deadline = Date.now() + 10_000
      while (!re.test(c.output)) {
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${re}; the console shows:\n${c.output}`)
        await new Promise((r) => setTimeout(r, 5))
      }
    },
  }
  return c
}

test('interactive on a console: prompts, Ctrl-C reaches the foreground job, not the shell', async () => {
  const cons = scriptedConsole()
  const s = await boot({ presets: [stdSystem()], console: cons })
  try {
    const done = s.login()
    await cons.waitFor(/\$ $/)
    // at the prompt the shell's own group has the console: Ctrl-C reaches the shell
    const shellGroup = cons.foreground
    assert.ok(shellGroup > 0)
    cons.type('echo hello\n')
    await cons.waitFor(/hello\nglenda@ninefold:~\$ $/)
    cons.type('sleep 30; echo after-sleep $?\n')
    while (cons.foreground === shellGroup) await new Promise((r) => setTimeout(r, 5))
    assert.ok(s.interrupt())
    await cons.waitFor(/after-sleep 130\n[^\n]*\$ $/)
    assert.equal(cons.foreground, shellGroup)
    // Ctrl-C during a loop of builtins ends the loop, not the shell
    cons.type('while :; do :; done; echo not-reached\n')
    await new Promise((r) => setTimeout(r, 30))
    assert.ok(s.interrupt())
    cons.type('echo loop-ended $?\n')
    await cons.waitFor(/loop-ended 130\n[^\n]*\$ $/)
    assert.doesNotMatch(cons.output, /not-reached/)
    cons.type('read x; echo "got $x"\n')
    cons.type('typed\n')
    await cons.waitFor(/got typed\n[^\n]*\$ $/)
    cons.type('sleep 5 &\n')
    await cons.waitFor(/\[1\] \d+\n[^\n]*\$ $/)
    cons.type('kill %1; wait; exit 7\n')
    assert.equal(await done, 7)
  } finally {
    await s.shutdown()
  }
})

test('interactive on a console: Ctrl-C soon after the first command starts a busy job ends the job', async () => {
  // the first line typed loads job control's code; no job waits for it between starting and getting the console
  const cons = scriptedConsole()
  const s = await boot({ presets: [stdSystem()], console: cons })
  try {
    const done = s.login()
    await cons.waitFor(/\$ $/)
    const before = cons.output.length
    cons.type('yes > /dev/null; echo yes-ended $?\n')
    await new Promise((r) => setTimeout(r, 30))
    assert.ok(s.interrupt())
    await cons.waitFor(/yes-ended 130\n[^\n]*\$ $/)
    assert.ok(cons.output.length > before)
    cons.type('exit 3\n')
    assert.equal(await done, 3)
  } finally {
    await s.shutdown()
  }
})

test('interactive on a console: Ctrl-Z stops the foreground job; jobs, fg, bg and kill %1 act on it', async () => {
  const cons = scriptedConsole()
  const s = await boot({ presets: [stdSystem()], console: cons })
  try {
    const done = s.login()
    await cons.waitFor(/\$ $/)
    const shellGroup = cons.foreground
    const suspendJob = async (): Promise<void> => {
      while (cons.foreground === shellGroup) await new Promise((r) => setTimeout(r, 5))
      assert.ok(s.suspend())
    }
    cons.type('sleep 30; echo after $?\n')
    await suspendJob()
    await cons.waitFor(/\[1\]\+ {2}Stopped {17}sleep 30\nafter 148\n[^\n]*\$ $/)
    assert.equal(cons.foreground, shellGroup, 'the shell has the console back')
    cons.type('jobs; ps | grep -c "[S]topped *sleep 30"\n')
    await cons.waitFor(/\[1\]\+ {2}Stopped {17}sleep 30\n1\n[^\n]*\$ $/)
    cons.type('fg\n')
    await suspendJob()
    await cons.waitFor(/\$ sleep 30\n\[1\]\+ {2}Stopped {17}sleep 30\n[^\n]*\$ $/)
    cons.type('bg; jobs\n')
    await cons.waitFor(/\[1\]\+ sleep 30 &\n\[1\]\+ {2}Running {17}sleep 30 &\n[^\n]*\$ $/)
    cons.type('kill %1\n')
    cons.type('echo next\n')
    await cons.waitFor(/\[1\]\+ {2}Terminated {14}sleep 30\n[^\n]*\$ next\n/)
    // Ctrl-Z at the prompt does not stop the shell
    assert.ok(s.suspend())
    cons.type('echo still here\n')
    await cons.waitFor(/still here\n[^\n]*\$ $/)
    cons.type('exit 4\n')
    assert.equal(await done, 4)
  } finally {
    await s.shutdown()
  }
})

test('interactive on a console: Ctrl-C at the continuation prompt drops the command begun', async () => {
  const cons = scriptedConsole()
  const s = await boot({ presets: [stdSystem()], console: cons })
  try {
    const done = s.login()
    await cons.waitFor(/\$ $/)
    cons.type('for i in 1 2\n')
    await cons.waitFor(/> $/)
    assert.ok(s.interrupt())
    await cons.waitFor(/> glenda@ninefold:~\$ $/)
    cons.type('echo fresh $?\n')
    await cons.waitFor(/fresh 130\n[^\n]*\$ $/)
    assert.doesNotMatch(cons.output, /syntax error/)
    cons.type('exit\n')
    assert.equal(await done, 0)
  } finally {
    await s.shutdown()
  }
})

test('complete(): commands for the first word, paths otherwise', async () => {
  const ctx = await contextFor()
  assert.deepEqual(await complete(ctx, 'ec'), ['echo'])
  assert.ok((await complete(ctx, 'ca')).includes('cat'))
  assert.ok((await complete(ctx, 'ls | so')).includes('sort'))
  assert.ok((await complete(ctx, 'tr')).includes('trap'), 'builtins too')
  await sys().writeFile('/tmp/compl-file', '')
  assert.deepEqual(await complete(ctx, 'cat /tmp/compl-'), ['/tmp/compl-file'])
  assert.deepEqual(await complete(ctx, 'cd /et'), ['/etc/'])
  assert.deepEqual(await complete(ctx, 'cat /etc/prof and more', 13), ['/etc/profile'])
  assert.deepEqual(await complete(ctx, 'cat /nowhere/x'), [])
})

/** A ProcContext for a short-lived process (the completion runs in the shell's process). */
async function contextFor(): Promise<ProcContext> {
  let ctx: ProcContext | undefined
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  sys().bins.add('hold-context', async (p) => {
    ctx = p
    await held
    return 0
  })
  void sys().exec(['hold-context'])
  while (ctx === undefined) await new Promise((r) => setTimeout(r, 1))
  test.after?.(() => release())
  setTimeout(release, 2000)
  return ctx
}

test('PS1 escapes: user, host, directory with ~, and $ or #', async () => {
  const r = await sys().exec(['sh', '-i'], { stdin: "PS1='\\u@\\h:\\w\\$ '\ncd /tmp\nPS1='[\\W] \\s> '\n", user: 'glenda' })
  assert.equal(r.stderr, 'glenda@ninefold:~$ glenda@ninefold:~$ glenda@ninefold:/tmp$ [tmp] sh> ')
  const root = await sys().exec(['sh', '-i'], { stdin: "PS1='\\u:\\w\\$ '\n", user: 'root' })
  assert.equal(root.stderr, 'root@ninefold:~# root:~# ')
})

// what bash 5.2 prints for these lines (HISTFILE=/dev/null PS1= bash --norc -i)
test("an interactive bash expands history references as bash does, shows the line it runs, and lists its history", async () => {
  const lines = [
    'echo a b c',
    'echo !!',
    'echo !$ !^ !*',
    '^b^X',
    '!?b?',
    'echo !-2:0 !!:2-3',
    '!nosuch',
    `echo "!!" '!!' \\!! ! !=`,
    'echo /tmp/dir/x.tar.gz',
    'echo !$:h !$:t !$:r !$:e',
    'echo !!:s/zzz/y/',
    'echo !-2:p',
    'history 3',
  ]
  const r = await sys().exec(['bash', '-i'], { stdin: lines.join('\n') + '\n', env: { PS1: '' } })
  assert.equal(
    r.stdout,
    [
      'a b c',
      'echo a b c',
      'c echo echo a b c',
      'c echo echo a X c',
      'c echo echo a b c',
      'echo echo echo',
      `echo echo echo echo !! !! ! !=`,
      '/tmp/dir/x.tar.gz',
      '/tmp/dir x.tar.gz /tmp/dir/x.tar .gz',
      '    9  echo /tmp/dir x.tar.gz /tmp/dir/x.tar .gz',
      '   10  echo echo /tmp/dir/x.tar.gz',
      '   11  history 3',
      '',
    ].join('\n'),
  )
  assert.match(r.stderr, /^echo echo a b c\n/)
  assert.match(r.stderr, /bash: !nosuch: event not found\n/)
  assert.match(r.stderr, /bash: :s\/zzz\/y\/: substitution failed\n/)
  // sh has no history expansion
  assert.equal((await sys().exec(['sh', '-i'], { stdin: 'echo a\necho !!\n', env: { PS1: '' } })).stdout, 'a\n!!\n')
})
