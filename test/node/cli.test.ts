/**
 * bin/ninefold as a user runs it: a child process with piped standard streams, and (last) on a
 * real terminal driven through tmux.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { readmeTour, roadmapFlow } from '../docs/blocks.ts'
import { BIN, runNinefold, type Result } from './runbin.ts'

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
const home = mkdtempSync(join(tmpdir(), 'ninefold-cli-'))
after(() => rmSync(home, { recursive: true, force: true }))

/** Runs bin/ninefold with `input` on standard input and a HOME of its own. */
function ninefold(args: string[], input = ''): Promise<Result> {
  return runNinefold(args, { HOME: home }, input)
}

test('bin/ninefold is an executable node script', () => {
  assert.ok(statSync(BIN).mode & 0o111)
  assert.equal(readFileSync(BIN, 'utf8').split('\n')[0], '#!/usr/bin/env node')
})

test('-c runs commands and prints their output', async () => {
  assert.deepEqual(await ninefold(['-c', 'echo hi']), { stdout: 'hi\n', stderr: '', status: 0 })
})

test('-c exits with the status of the commands', async () => {
  assert.equal((await ninefold(['-c', 'exit 3'])).status, 3)
  assert.equal((await ninefold(['-c', 'false'])).status, 1)
})

test('standard error stays separate from standard output', async () => {
  const r = await ninefold(['-c', 'echo out; echo err >&2; echo out2'])
  assert.deepEqual(r, { stdout: 'out\nout2\n', stderr: 'err\n', status: 0 })
})

test("host standard input is the shell's standard input", async () => {
  assert.equal((await ninefold(['-c', 'wc -l'], 'a\nb\n')).stdout.trim(), '2')
  assert.equal((await ninefold(['-c', 'cat'], 'one\ntwo\n')).stdout, 'one\ntwo\n')
})

test('-c takes $0 and the positional parameters after the commands, as sh -c does', async () => {
  assert.equal((await ninefold(['-c', 'echo "$0|$1|$2|$#"', 'name', 'a b', 'c'])).stdout, 'name|a b|c|2\n')
})

test('the commands run in a login shell: /etc/profile has been read', async () => {
  const r = await ninefold(['-c', 'echo $PATH; pwd'])
  assert.equal(r.stdout, '/bin\n/home/glenda\n')
})

test('a script piped to standard input runs line by line', async () => {
  const r = await ninefold([], 'echo one\nx=2\necho "two $x"\nexit 5\necho never\n')
  assert.deepEqual(r, { stdout: 'one\ntwo 2\n', stderr: '', status: 5 })
})

test('commands in a piped script read the lines after their own', async () => {
  const r = await ninefold([], 'read line\nthis is data\necho "got: $line"\n')
  assert.equal(r.stdout, 'got: this is data\n')
})

test('a host script file runs with $0 = FILE and the arguments as $1...', async () => {
  const script = join(home, 'script.sh')
  writeFileSync(script, '#!/bin/sh\necho "$0" "$#" "$1" "$2"\necho problem >&2\nexit 7\n')
  const r = await ninefold([script, 'first', 'second arg'])
  assert.deepEqual(r, { stdout: `${script} 2 first second arg\n`, stderr: 'problem\n', status: 7 })
})

test("a host script file runs under the shell its #! line names, with that line's options", async () => {
  const script = join(home, 'bash-script')
  writeFileSync(script, '#!/usr/bin/env bash\necho {1..3} "${BASH_VERSION%%.*}"\n')
  assert.deepEqual(await ninefold([script]), { stdout: '1 2 3 5\n', stderr: '', status: 0 })
  writeFileSync(script, '#!/bin/sh -e\nfalse\necho not reached\n')
  assert.deepEqual(await ninefold([script]), { stdout: '', stderr: '', status: 1 })
  writeFileSync(script, '#!/usr/bin/python3\nprint(1)\n')
  assert.deepEqual(await ninefold([script]), { stdout: '', stderr: `ninefold: ${script}: python3: bad interpreter (ninefold runs sh and bash scripts)\n`, status: 126 })
})

test('a host bash script runs as that file: BASH_SOURCE names it and FUNCNAME has main, so "run only when not sourced" works under set -u', async () => {
  const script = join(home, 'main-guard.sh')
  writeFileSync(script, '#!/bin/bash\nset -euo pipefail\nmain() { echo "main of ${BASH_SOURCE[0]} from ${FUNCNAME[1]} args $*"; }\nif [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi\n')
  assert.deepEqual(await ninefold([script, 'a', 'b']), { stdout: `main of ${script} from main args a b\n`, stderr: '', status: 0 })
})

test('a missing script file is reported with status 127', async () => {
  const r = await ninefold([join(home, 'no-such-script')])
  assert.equal(r.status, 127)
  assert.match(r.stderr, /^ninefold: .*no-such-script: No such file or directory\n$/)
})

test('--user logs in as another user', async () => {
  const r = await ninefold(['--user', 'root', '-c', 'whoami; echo $HOME'])
  assert.deepEqual(r, { stdout: 'root\n/root\n', stderr: '', status: 0 })
  assert.equal((await ninefold(['-c', 'whoami'])).stdout, 'glenda\n')
})

test('--user with an unknown user fails', async () => {
  const r = await ninefold(['--user', 'nobody-here', '-c', 'true'])
  assert.equal(r.status, 1)
  assert.equal(r.stderr, 'ninefold: nobody-here: unknown user or group\n')
})

test('--help prints the usage on standard output', async () => {
  const r = await ninefold(['--help'])
  assert.equal(r.status, 0)
  assert.match(r.stdout, /^usage: ninefold /)
  assert.match(r.stdout, /--user NAME/)
  assert.equal(r.stderr, '')
})

test('--version prints the version from package.json', async () => {
  assert.deepEqual(await ninefold(['--version']), { stdout: `ninefold ${PACKAGE.version}\n`, stderr: '', status: 0 })
})

test('an unknown option prints the usage on standard error and exits 2', async () => {
  for (const args of [['--bogus'], ['-x', '-c', 'true'], ['-c']]) {
    const r = await ninefold(args)
    assert.equal(r.status, 2, args.join(' '))
    assert.equal(r.stdout, '')
    assert.match(r.stderr, /^ninefold: .*\nusage: ninefold /)
  }
})

test("a jq filter that never ends is ended by timeout, and jq runs again after (its worker thread is ended and a new one started)", async () => {
  const r = await ninefold(['-c', `timeout 1 jq -n 'def f: f; f'; echo status=$?; echo '{"a":[7]}' | jq -c .a`])
  assert.deepEqual(r, { stdout: 'status=124\n[7]\n', stderr: '', status: 0 })
})

test('a lot of output reaches a pipe whole before ninefold exits', async () => {
  const r = await ninefold(['-c', 'seq 1 20000'])
  assert.equal(r.status, 0)
  const lines = r.stdout.split('\n')
  assert.equal(lines.length, 20001)
  assert.equal(lines[19999], '20000')
})

// ---------------------------------------------------------------------------------------------
// On a terminal: tmux runs ninefold in a pseudo-terminal; we type into it and read its screen.

const TMUX = spawnSync('tmux', ['-V']).status === 0

let terminals = 0

/** A tmux server of our own with ninefold in its one pane. */
class Terminal {
  /** This terminal's number: a server still shutting down from an earlier test keeps its own socket. */
  private readonly n = ++terminals
  /** The server's socket, in the test's directory (removed with it). */
  private readonly socket = join(home, `tmux-${this.n}.sock`)
  /** Where the pane's shell leaves ninefold's exit status (tmux's own record of it is unreliable). */
  private readonly statusFile = join(home, `terminal-status-${this.n}`)

  constructor() {
    rmSync(this.statusFile, { force: true })
    // Each terminal keeps its root in a data directory of its own under the test's HOME: an
    // interactive session's root persists, and one test's packages must not be in the next's.
    const command = `env XDG_DATA_HOME=${quote(join(home, `data-${this.n}`))} HOME=${quote(home)} ${quote(BIN)}; echo $? > ${quote(this.statusFile)}; sleep 600`
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-x', '200', '-y', '40', command)
  }

  tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`)
    return r.stdout
  }

  /** Types text (literally) or named keys (C-c, Enter, Tab, Up). */
  type(text: string): void {
    this.tmux('send-keys', '-l', text)
  }
  keys(...names: string[]): void {
    this.tmux('send-keys', ...names)
  }

  /**
   * The screen's lines, without trailing blank lines. The shell's prompt (`glenda@ninefold:~$ `
   * by default, the directory changing as it does) is shown as its last character, so a line
   * typed at it reads `$ command`; `raw` keeps it whole.
   */
  screen(raw = false): string[] {
    const lines = this.tmux('capture-pane', '-p')
      .split('\n')
      .map((l) => (raw ? l.trimEnd() : l.trimEnd().replace(PROMPT, '$1')))
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
    return lines
  }

  /** Waits until the screen satisfies `ok` (a hang fails after a generous deadline). */
  async until(what: string, ok: (lines: string[]) => boolean): Promise<string[]> {
    const deadline = Date.now() + 20_000
    for (;;) {
      const lines = this.screen()
      if (ok(lines)) return lines
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; the screen:\n${lines.join('\n')}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  /** Waits until the last line of the screen is exactly `line`. */
  untilLast(line: string): Promise<string[]> {
    return this.until(`a last line ${JSON.stringify(line)}`, (lines) => lines[lines.length - 1] === line)
  }

  /** The exit status once ninefold has exited, else undefined. */
  exitStatus(): number | undefined {
    try {
      const text = readFileSync(this.statusFile, 'utf8')
      return text.endsWith('\n') ? Number(text) : undefined
    } catch {
      return undefined
    }
  }

  close(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server'])
  }
}

/** The default prompt, `user@ninefold:dir$ ` (`#` for root). */
const PROMPT = /^[a-z]+@ninefold:[^ ]*?([$#])(?= |$)/

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

test('on a terminal: prompt, line editing, Ctrl-C, completion, history, Ctrl-D', { skip: !TMUX && 'tmux is not installed' }, async () => {
  rmSync(join(home, '.ninefold_history'), { force: true })
  const term = new Terminal()
  try {
    await term.untilLast('$')
    assert.equal(term.screen(true).at(-1), 'glenda@ninefold:~$', 'the default prompt: user, host and directory')

    term.type('echo hellp')
    term.keys('BSpace')
    term.type('o')
    term.keys('Enter')
    await term.until('the output of echo and a new prompt', (l) => l.join('\n').endsWith('$ echo hello\nhello\n$'))

    // Ctrl-C interrupts the foreground job, not the shell; repeated in case it arrives before
    // the shell has handed the console to the job
    term.type('sleep 100')
    term.keys('Enter')
    await term.until('sleep to start', (l) => l[l.length - 1] === '$ sleep 100')
    for (let i = 0; i < 100 && term.screen().at(-1) !== '$'; i++) {
      term.keys('C-c')
      await new Promise((r) => setTimeout(r, 100))
    }
    await term.untilLast('$')
    term.type('echo status=$?')
    term.keys('Enter')
    await term.until('the status of the interrupted job', (l) => l.includes('status=130') && l[l.length - 1] === '$')

    // Ctrl-C with nothing running abandons the line being typed
    term.type('echo abandoned')
    term.keys('C-c')
    await term.until('a fresh prompt', (l) => l[l.length - 2] === '$ echo abandoned^C' && l[l.length - 1] === '$')

    // tab completion through the namespace: a command, then a path
    term.type('ech')
    term.keys('Tab')
    await term.untilLast('$ echo')
    term.type('/et')
    term.keys('Tab')
    await term.untilLast('$ echo /etc/')
    term.type('prof')
    term.keys('Tab')
    await term.untilLast('$ echo /etc/profile')
    term.keys('Enter')
    await term.until('the completed command to run', (l) => l[l.length - 2] === '/etc/profile')

    // output from a background job while a line is being typed goes above it
    term.type('(sleep 1; echo late) &')
    term.keys('Enter')
    await term.until('the job to start', (l) => /^\[1\] \d+$/.test(l[l.length - 2] ?? ''))
    term.type('echo typed')
    // (the screen is read until the line has been redrawn: that is a second write)
    const lines = await term.until('the job output above the line being typed', (l) => l.includes('late') && l[l.length - 1] === '$ echo typed')
    assert.equal(lines[lines.length - 2], 'late')
    term.keys('Enter')
    await term.until('the typed command to run', (l) => l.includes('typed') && l[l.length - 1] === '$')

    // history: Up brings back the previous command
    term.keys('Up')
    await term.untilLast('$ echo typed')
    term.keys('C-u')

    // a program reading the terminal gets its lines; Ctrl-D ends its input, not the shell
    term.type('cat')
    term.keys('Enter')
    term.type('some input')
    term.keys('Enter')
    await term.until('cat to echo the line', (l) => l.filter((x) => x === 'some input').length === 2)
    term.keys('C-d')
    await term.untilLast('$')

    // Ctrl-D at the prompt ends the shell and ninefold with it
    term.keys('C-d')
    await term.until('ninefold to exit', () => term.exitStatus() !== undefined)
    assert.equal(term.exitStatus(), 0)
    const history = readFileSync(join(home, '.ninefold_history'), 'utf8').split('\n').map((l) => l.trim())
    assert.ok(history.includes('echo hello'), history.join('\n'))
    assert.ok(history.includes('echo /etc/profile'), history.join('\n'))
  } finally {
    term.close()
  }
})

test('on a terminal: Ctrl-C gives the prompt back from a busy job as from a sleeping one', { skip: !TMUX && 'tmux is not installed' }, async () => {
  const term = new Terminal()
  try {
    await term.untilLast('$')
    // jq's filter runs in a worker thread: the host's loop stays free, and ending jq ends the thread
    for (const busy of ['yes > /dev/null', 'cat /dev/zero > /dev/null', 'while true; do :; done', "jq -n 'def f: f; f'"]) {
      term.type(busy)
      term.keys('Enter')
      await term.until(`${busy} to start`, (l) => l[l.length - 1] === `$ ${busy}`)
      // let it run: a job that starves the host's event loop would not see the key for seconds
      await new Promise((r) => setTimeout(r, 300))
      const start = Date.now()
      term.keys('C-c')
      await term.untilLast('$')
      // generous for a loaded machine; a starved host took 19-22 s
      assert.ok(Date.now() - start < 3000, `${busy}: the prompt came back after ${Date.now() - start} ms`)
      term.type('echo status=$?')
      term.keys('Enter')
      await term.until(`the status of ${busy}`, (l) => l[l.length - 2] === 'status=130' && l[l.length - 1] === '$')
      term.type('clear')
      term.keys('Enter')
      await term.until('a cleared screen', (l) => l.length === 1 && l[0] === '$')
    }
  } finally {
    term.close()
  }
})

test('on a terminal: Ctrl-Z stops the foreground job, jobs and ps show it, fg and bg continue it, kill %1 ends it; Ctrl-C at PS2 drops the command', { skip: !TMUX && 'tmux is not installed' }, async () => {
  const term = new Terminal()
  try {
    await term.untilLast('$')
    const stop = async (command: string): Promise<string[]> => {
      await term.untilLast(command)
      // repeated in case it arrives before the shell has handed the console to the job
      for (let i = 0; i < 100 && term.screen().at(-1) !== '$'; i++) {
        term.keys('C-z')
        await new Promise((r) => setTimeout(r, 100))
      }
      return term.until('the job to stop', (l) => l.at(-1) === '$' && l.includes('[1]+  Stopped                 sleep 100'))
    }
    term.type('sleep 100')
    term.keys('Enter')
    const stopped = await stop('$ sleep 100')
    assert.equal(stopped[stopped.indexOf('[1]+  Stopped                 sleep 100') - 1], '^Z')
    await cleared(term)
    assert.deepEqual(await typed(term, 'jobs'), ['[1]+  Stopped                 sleep 100'])
    assert.match((await typed(term, 'ps | grep "[s]leep"')).join('\n'), /^ *\d+ glenda +Stopped +sleep 100$/)
    await cleared(term)
    term.type('fg')
    term.keys('Enter')
    await stop('sleep 100')
    await cleared(term)
    assert.deepEqual(await typed(term, 'bg'), ['[1]+ sleep 100 &'])
    assert.deepEqual(await typed(term, 'jobs'), ['[1]+  Running                 sleep 100 &'])
    const killed = [...(await typed(term, 'kill %1')), ...(await typed(term, 'echo next'))]
    assert.deepEqual(killed, ['[1]+  Terminated              sleep 100', 'next'])

    // Ctrl-C at the continuation prompt drops the command begun there
    await cleared(term)
    term.type('for i in 1 2')
    term.keys('Enter')
    await term.untilLast('>')
    term.type('do echo $i')
    term.keys('C-c')
    await term.until('the first prompt again', (l) => l.at(-2) === '> do echo $i^C' && l.at(-1) === '$')
    assert.deepEqual(await typed(term, 'echo fresh $?'), ['fresh 130'])
  } finally {
    term.close()
  }
})

// The user's flows as written: the roadmap's phase A flow and the README's tour.

test("-c runs the roadmap's phase A flow as ROADMAP.md writes it", async () => {
  const r = await ninefold(['-c', `${roadmapFlow()}ls /srv; ls ~/cam; ls -l pic.jpg | cut -c1-10; ns | grep -c '^bind -b /usr/local/bin /bin$'`])
  assert.deepEqual(r, { stdout: 'installed webcam-device: webcam-srv\ninit\nlog\n-rw-r--r--\n1\n', stderr: '', status: 0 })
})

test("-c runs the README's tour as README.md writes it", async () => {
  const r = await ninefold(['-c', `${readmeTour()}ls /srv; ns | grep -c webcam`])
  assert.equal(r.stderr, '')
  assert.equal(r.status, 0)
  assert.match(r.stdout, /^init\nlog\ninstalled webcam-device: webcam-srv\nresolution 640x480\nfps 15\nframes \d+\nname\twebcam-srv\nstate\trunning\n[^]*\nmount webcam \/dev\/webcam\nbind -b \/usr\/local\/bin \/bin\ncd \/home\/glenda\ninit\nlog\nwebcam\n1\n$/)
})

/** Clears the screen (the clear command): a prompt alone on it. */
async function cleared(term: Terminal): Promise<void> {
  // already clear: typing clear now would race the line typed next
  const now = term.screen()
  if (now.length === 1 && now[0] === '$') return
  term.type('clear')
  term.keys('Enter')
  await term.until('a cleared screen', (l) => l.length === 1 && l[0] === '$')
}

/** Types one line and waits for the prompt after it; returns what the line printed. */
async function typed(term: Terminal, line: string): Promise<string[]> {
  const before = term.screen().length
  term.type(line)
  term.keys('Enter')
  const lines = await term.until(`the prompt after ${JSON.stringify(line)}`, (l) => l.length > before && l[l.length - 1] === '$' && l.some((x) => x === `$ ${line}`.trimEnd()))
  const at = lines.lastIndexOf(`$ ${line}`.trimEnd())
  return lines.slice(at + 1, -1)
}

test("on a terminal: the roadmap's phase A flow, typed line by line", { skip: !TMUX && 'tmux is not installed' }, async () => {
  const term = new Terminal()
  try {
    await term.untilLast('$')
    for (const line of roadmapFlow().split('\n').filter((l) => l !== '')) {
      await cleared(term)
      const out = await typed(term, line)
      if (line.startsWith('pkg install')) assert.deepEqual(out, ['installed webcam-device: webcam-srv'])
      else if (line.startsWith('webcam-srv &')) assert.match(out.join('\n'), /^\[1\] \d+$/)
      else if (!line.startsWith('kill')) assert.deepEqual(out, [], line)
    }
    await cleared(term)
    assert.deepEqual(await typed(term, 'ls /srv; ls ~/cam; ls -l pic.jpg | cut -c1-10; ns | grep -c /usr/local/bin'), ['init  log', '-rw-r--r--', '1'])
  } finally {
    term.close()
  }
})

test("on a terminal: the README's tour, typed line by line (into the subshells it starts)", { skip: !TMUX && 'tmux is not installed' }, async () => {
  const term = new Terminal()
  try {
    await term.untilLast('$')
    const outputs: string[][] = []
    let clean = false
    for (const line of readmeTour().split('\n').filter((l) => l !== '')) {
      // the clean namespace has no clear: from `rfork -n sh` on, the screen just grows
      if (!clean) await cleared(term)
      outputs.push(await typed(term, line))
      clean ||= line.startsWith('rfork -n')
    }
    // ls on a terminal prints columns
    assert.deepEqual(outputs[0], ['init  log'])
    assert.deepEqual(outputs[1], ['installed webcam-device: webcam-srv'])
    assert.match(outputs[8]!.join('\n'), /^resolution 640x480\nfps 15\nframes \d+$/)
    assert.match(outputs[9]!.join("\n"), /^state\s+running$/m)
    assert.match(outputs[11]!.join('\n'), /^mount webcam \/dev\/webcam\nbind -b \/usr\/local\/bin \/bin\ncd \/home\/glenda$/m)
    // in the clean, then frozen namespace the tour left us in
    assert.deepEqual(await typed(term, 'ls /bin | grep -c "^ls$"; bind /bin /mnt'), ['1', 'bind: /mnt: mount/attach disallowed'])
    assert.deepEqual(await typed(term, 'exit'), [])
    assert.deepEqual(await typed(term, 'exit'), [])
    assert.deepEqual(await typed(term, 'cat /dev/webcam/status | head -1'), ['resolution 640x480'])
  } finally {
    term.close()
  }
})

/** The namespace defects found on day one, each as a user types it: the lines, and what each prints. */
const DEFECTS: [line: string, prints: string[]][] = [
  // a child shares its parent's namespace, for a plain user too
  ['mkdir -p /tmp/a /tmp/b && touch /tmp/a/f', []],
  ["sh -c 'bind /tmp/a /tmp/b'", []],
  ['ls /tmp/b', ['f']],
  // mount points follow the file they cover, not its old name
  ['mkdir -p /tmp/src /tmp/p/a && touch /tmp/src/x', []],
  ['bind /tmp/src /tmp/p/a', []],
  ['mv /tmp/p /tmp/q', []],
  ['ls /tmp/q/a', ['x']],
  ['ns | grep /tmp/q/a', ['bind /tmp/src /tmp/q/a']],
  // a clean namespace still has the shell's builtins
  ["rfork -n sh -c 'echo hi; pwd; test -d /dev && echo dev'", ['hi', '/', 'dev']],
]

/** A package whose only content is a file: `pkg install` must put it in place. */
function filePackage(): string {
  const path = join(home, 'hello-pkg.mjs')
  writeFileSync(path, 'export default function () { return { description: "a file", files: { "/etc/hello.conf": "greeting=hi\\n" } } }\n')
  return path
}

test('-c: the namespace defects, line by line, and pkg install puts a package\'s files in place', async () => {
  const r = await ninefold(['-c', DEFECTS.map(([line]) => line).join('\n')])
  assert.deepEqual([r.stdout, r.stderr, r.status], [DEFECTS.flatMap(([, prints]) => prints.map((p) => p + '\n')).join(''), '', 0])
  const pkg = await ninefold(['--user', 'root', '-c', `pkg install ${filePackage()} && cat /etc/hello.conf`])
  assert.deepEqual([pkg.stdout, pkg.stderr, pkg.status], [`installed ${join(home, 'hello-pkg.mjs')}\ngreeting=hi\n`, '', 0])
})

test('on a terminal: the namespace defects, typed line by line', { skip: !TMUX && 'tmux is not installed' }, async () => {
  const term = new Terminal()
  try {
    await term.untilLast('$')
    for (const [line, prints] of DEFECTS) {
      await cleared(term)
      assert.deepEqual(await typed(term, line), prints, line)
    }
  } finally {
    term.close()
  }
})
