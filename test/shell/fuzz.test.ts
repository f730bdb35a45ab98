/**
 * The shell never crashes or hangs on hostile input: every script ends with a status, nothing
 * escapes as an uncaught exception or unhandled rejection, the system still answers afterwards,
 * and memory stays bounded. Scripts come from random text, token soup, a grammar of the shell,
 * and mutations of the differential corpora (test/differential/*). `npm test` runs a few hundred;
 * `npm run fuzz` sets NINEFOLD_SHELL_FUZZ to a million. Every script is reproducible from the
 * seed (NINEFOLD_FUZZ_SEED, else random) and its number, which a failure prints.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import type { RunOptions } from '../../src/image.ts'
import { useSystem } from './helpers.ts'

const sys = useSystem()

const COUNT = Number(process.env.NINEFOLD_SHELL_FUZZ ?? '300')
const SEED = Number(process.env.NINEFOLD_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
/** Scripts in flight at once (runs interleave at the kernel's time slices). */
const PARALLEL = 8
/** How often the system is asked whether it still answers, and memory is measured. */
const CHECK_EVERY = 2000
const RSS_LIMIT = 1.5 * 2 ** 30

// As a plain user with lowered limits and a time limit: loops a mutation made endless end there.
const OPTIONS: RunOptions = {
  user: 'glenda',
  timeoutMs: 3000,
  graceMs: 100,
  limits: { processes: 64, outputBytes: 1 << 20, stringLength: 1 << 20, storeBytes: 4 << 20, depth: 200 },
}

const escaped: string[] = []
const onUncaught = (e: unknown) => escaped.push(`uncaught: ${String((e as Error)?.stack ?? e)}`)
const onRejection = (e: unknown) => escaped.push(`unhandled rejection: ${String((e as Error)?.stack ?? e)}`)
before(() => {
  process.on('uncaughtException', onUncaught)
  process.on('unhandledRejection', onRejection)
})
after(() => {
  process.off('uncaughtException', onUncaught)
  process.off('unhandledRejection', onRejection)
})

// No loops, sleeps or other commands that legitimately run forever.
const TOKENS = ['if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'do', 'done', 'case', 'esac', ';;', '{', '}', '(', ')', '|', '||', '&&', '&', ';', '\n', '<', '>', '>>', '<<', '<<-', '2>&1', '>&3', 'EOF', '$(', '`', '"', "'", '\\', '$x', '${x', '${x:-', '${#', '}', '$((', '))', '1+', '/0', 'echo', 'true', 'false', 'a', '*', '?', '[', '!', '#', '=', 'x=1', ' ', '~', 'set', '-e', '-u', 'shift', 'exit', 'return', 'break', 'eval', 'f()', 'trap', 'read', 'wait', 'local', 'test', 'export', 'unset', ':', '-', '%1', 'kill', 'exec', '3<', '/tmp']

/** The JavaScript errors that mean the shell itself broke, not the script. */
const INTERNAL = /TypeError|RangeError|ReferenceError|SyntaxError: (?!.*sh:)|undefined is not|Cannot read prop|Maximum call stack/

async function survives(script: string, where: string): Promise<void> {
  const r = await sys().run(script, OPTIONS)
  assert.equal(typeof r.exitCode, 'number', where)
  assert.ok(r.exitCode >= 0 && r.exitCode <= 255, `${where}: status ${r.exitCode}`)
  assert.doesNotMatch(r.stderr, INTERNAL, `${where}: ${JSON.stringify(script)}: ${r.stderr}`)
}

test('sh -c on random text always returns a status', async () => {
  await fc.assert(fc.asyncProperty(fc.string({ maxLength: 80 }), (s) => survives(s, 'random text')), { numRuns: 300, seed: SEED })
})

test('sh -c on token soup always returns a status', async () => {
  const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((t) => t.join(' '))
  await fc.assert(fc.asyncProperty(soup, (s) => survives(s, 'token soup')), { numRuns: 600, seed: SEED })
  const tight = fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((t) => t.join(''))
  await fc.assert(fc.asyncProperty(tight, (s) => survives(s, 'token soup')), { numRuns: 400, seed: SEED })
})

test('deep recursion and deep nesting end with an error, not a crash', async () => {
  const r = await sys().run('f() { f; }; f; echo after')
  assert.equal(r.exitCode, 2)
  assert.match(r.stderr, /nested too deeply/)
  const deep = await sys().run('echo $('.repeat(100) + 'echo x' + ')'.repeat(100))
  assert.equal(deep.stdout, 'x\n')
  const parens = await sys().run('('.repeat(5000))
  assert.equal(parens.exitCode, 2)
})

// ---- scripts from a grammar and from the corpora

/** mulberry32: a small seeded generator, so that script n of a seed is always the same. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rand = () => number
const pick = <T,>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
const upTo = (r: Rand, n: number): number => Math.floor(r() * (n + 1))

const NAMES = ['x', 'y', 'n', 'i', 's', 'IFS', 'PATH', 'HOME', '1', '@', '*', '#', '?', '$', '!', '-', '0']
const WORDS = ['a', 'b c', '*', '?', '[a-z]*', '-n', '--', '%s', '%d', '\\n', '', '1', '-1', '0', '2147483648', 'é', '😀', '/tmp', '~', '.', '..', '/dev/null', '/proc/self/status']
const PATTERNS = ['*', '?', 'a*', '*[!a]', '[[:digit:]]*', '\\*', '[]', '[a-', '*.*']
const COMMANDS = ['echo', 'printf', 'true', 'false', 'test', '[', 'cat', 'wc', 'tr a-z A-Z', 'sort', 'head -n 2', 'tail -c 3', 'seq 3', 'expr 1 +', 'read x', 'set --', 'shift', 'local v', 'export', 'unset', 'eval', ':', 'basename', 'dirname', 'cut -c1-2', 'grep a', 'sed s/a/b/', 'awk "{print \\$1}"', 'jq .', 'ls', 'rm -f', 'mkdir -p', 'touch', 'kill -0', 'wait', 'type', 'command -v', 'getopts ab o', 'printf -v x', 'declare -a', 'ulimit -n']

function word(r: Rand, depth: number): string {
  const v = pick(r, NAMES)
  switch (upTo(r, 11)) {
    case 0:
      return `"$${v}"`
    case 1:
      return `\${${v}:-${pick(r, WORDS)}}`
    case 2:
      return `\${${v}${pick(r, ['#', '##', '%', '%%', '/', '//', ':', ':+', ':=', ':?'])}${pick(r, PATTERNS)}}`
    case 3:
      return `$((${arith(r, depth)}))`
    case 4:
      return depth > 0 ? `$(${list(r, depth - 1)})` : '$(echo sub)'
    case 5:
      return `'${pick(r, WORDS)}'`
    case 6:
      return `\${#${v}}`
    case 7:
      return pick(r, PATTERNS)
    case 8:
      return `{a,b${pick(r, [',c', '..c', '}', ''])}}`
    default:
      return JSON.stringify(pick(r, WORDS))
  }
}

function arith(r: Rand, depth: number): string {
  if (depth <= 0 || r() < 0.4) return pick(r, ['1', '0', 'x', 'n+1', '-2147483648', '1<<63', '010', '0x1f', '2#101', 'i++', '(1', ''])
  return `${arith(r, depth - 1)} ${pick(r, ['+', '-', '*', '/', '%', '**', '<<', '&&', '||', '?', ':', ',', '=', '+=', '=='])} ${arith(r, depth - 1)}`
}

function simple(r: Rand, depth: number): string {
  const parts: string[] = []
  if (r() < 0.3) parts.push(`${pick(r, NAMES.slice(0, 6))}=${word(r, depth)}`)
  parts.push(pick(r, COMMANDS))
  for (let k = upTo(r, 3); k > 0; k--) parts.push(word(r, depth))
  if (r() < 0.3) parts.push(pick(r, ['>/dev/null', '2>&1', '>/tmp/fz', '>>/tmp/fz', '</tmp/fz', '<<<' + word(r, 0), '3>&-', '>&-', '<&0', '2>/dev/null']))
  return parts.join(' ')
}

function command(r: Rand, depth: number): string {
  if (depth <= 0) return simple(r, 0)
  const d = depth - 1
  switch (upTo(r, 12)) {
    case 0:
      return `if ${list(r, d)}; then ${list(r, d)}; ${r() < 0.5 ? `else ${list(r, d)}; ` : ''}fi`
    case 1:
      return `for i in ${word(r, d)} ${word(r, d)}; do ${list(r, d)}; done`
    case 2:
      return `n=0; while [ $n -lt ${upTo(r, 3)} ]; do n=$((n+1)); ${list(r, d)}; done`
    case 3:
      return `case ${word(r, d)} in ${pick(r, PATTERNS)}) ${list(r, d)};; ${pick(r, PATTERNS)}|*) ${list(r, d)};; esac`
    case 4:
      return `f() { ${list(r, d)}; }; f ${word(r, d)}`
    case 5:
      return `( ${list(r, d)} )`
    case 6:
      return `{ ${list(r, d)}; }`
    case 7:
      return `${simple(r, d)} <<EOF\n${word(r, d)}\nEOF\n`
    case 8:
      return `[[ ${word(r, d)} ${pick(r, ['==', '!=', '=~', '<', '-eq', '-nt'])} ${word(r, d)} ]]`
    case 9:
      return `${simple(r, d)} &`
    default:
      return simple(r, d)
  }
}

function list(r: Rand, depth: number): string {
  let out = command(r, depth)
  for (let k = upTo(r, 2); k > 0; k--) out += ` ${pick(r, ['|', '&&', '||', ';', '\n', '|&'])} ${command(r, depth)}`
  return out
}

function corpus(): string[] {
  const scripts: string[] = []
  for (const dir of ['corpus', 'bash-corpus']) {
    const path = new URL(`../differential/${dir}/`, import.meta.url)
    for (const name of readdirSync(path).sort()) if (name.endsWith('.sh')) scripts.push(readFileSync(new URL(name, path), 'utf8'))
  }
  return scripts
}

/** A corpus script with a few random edits: spans deleted, repeated or spliced from another, tokens put in. */
function mutate(r: Rand, scripts: string[]): string {
  let s = pick(r, scripts)
  for (let k = 1 + upTo(r, 3); k > 0; k--) {
    const at = upTo(r, s.length)
    const span = upTo(r, Math.min(40, s.length - at))
    switch (upTo(r, 5)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + span)
        break
      case 1:
        s = s.slice(0, at + span) + s.slice(at, at + span) + s.slice(at + span)
        break
      case 2: {
        const other = pick(r, scripts)
        const from = upTo(r, other.length)
        s = s.slice(0, at) + other.slice(from, from + upTo(r, 80)) + s.slice(at)
        break
      }
      case 3:
        s = s.slice(0, at) + pick(r, TOKENS) + s.slice(at)
        break
      case 4:
        s = s.slice(0, at) + String.fromCharCode(upTo(r, 127)) + s.slice(at + 1)
        break
      default:
        s = s.slice(0, at)
    }
  }
  return s
}

/** Script `n` of the run: even ones from the grammar, odd ones mutated from the corpora. */
function script(n: number, scripts: string[]): string {
  const r = random(SEED ^ Math.imul(n, 0x9e3779b1))
  return n % 2 === 0 ? list(r, 1 + upTo(r, 3)) : mutate(r, scripts)
}

async function stillAnswers(done: number): Promise<void> {
  const where = `seed ${SEED}, after ${done} scripts`
  assert.deepEqual(escaped, [], where)
  const r = await sys().run('echo ok; ls /tmp >/dev/null && echo listed', { user: 'glenda', timeoutMs: 30_000 })
  assert.equal(r.stdout, 'ok\nlisted\n', `${where}: the system no longer answers (${r.stderr})`)
  const rss = process.memoryUsage().rss
  assert.ok(rss < RSS_LIMIT, `${where}: RSS ${Math.round(rss / 2 ** 20)} MiB`)
}

test(`${COUNT} scripts from a grammar and mutated from the differential corpora`, async () => {
  const scripts = corpus()
  assert.ok(scripts.length > 100)
  let next = 0
  const worker = async () => {
    while (next < COUNT) {
      const n = next++
      const s = script(n, scripts)
      await survives(s, `seed ${SEED}, script ${n} (NINEFOLD_FUZZ_SEED=${SEED})`)
      if (n > 0 && n % CHECK_EVERY === 0) {
        await stillAnswers(n)
        if (process.env.NINEFOLD_SHELL_FUZZ !== undefined) console.log(`# ${n} scripts, RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`)
      }
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
  await stillAnswers(COUNT)
})
