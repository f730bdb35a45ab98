/**
 * env [-i] [-u name]... [-C dir] [name=value]... [command [arg ...]]: prints or changes the
 * environment. Its own errors are status 125, as GNU env (so they differ from the command's).
 */
import { reasonOf } from '../../kernel/errors.ts'
import { command, parseArgs, usage, UsageError } from '../lib.ts'
import { isDir } from '../util/files.ts'
import { runCommand } from '../util/spawn.ts'

const USAGE = '[-i] [-u name]... [-C dir] [-S string] [name=value]... [command [arg ...]]'

/**
 * -S STRING (a #! line's way to pass several words): the string's words in its place, as GNU's
 * env splits it: blanks between words, '…' as it is, "…" and outside quotes \\ \" \' \t \n \_
 * (a blank) and \c (the end), and \${NAME} from the environment.
 */
function splitStrings(argv: readonly string[], vars: Readonly<Record<string, string>>): string[] {
  const out = argv.slice(0, 1)
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!
    const m = /^-([iu0]*)S([\s\S]*)$/.exec(word)
    if (word === '--' || !word.startsWith('-') || m === null) {
      // (an option's value is left to parseArgs: only -S is read here)
      out.push(...(word === '--' || !word.startsWith('-') ? argv.slice(i) : [word]))
      if (word === '--' || !word.startsWith('-')) break
      if (/^-[uC]$/.test(word) && i + 1 < argv.length) out.push(argv[++i]!)
      continue
    }
    if (m[1] !== '') out.push(`-${m[1]}`)
    const text = m[2] !== '' ? m[2]! : argv[++i]
    if (text === undefined) throw new UsageError("option requires an argument -- 'S'")
    out.push(...splitString(text, vars))
  }
  return out
}

const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', "'": "'", t: '\t', n: '\n', r: '\r', f: '\f', v: '\v', _: ' ', '#': '#', $: '$' }

function splitString(text: string, vars: Readonly<Record<string, string>>): string[] {
  const words: string[] = []
  let word: string | undefined
  let quote: "'" | '"' | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote === "'") {
      if (c === "'") quote = undefined
      else word += c
      continue
    }
    if (c === '\\') {
      const e = text[++i] ?? ''
      if (e === 'c') break
      word = (word ?? '') + (e === '_' && quote === '"' ? ' ' : (ESCAPES[e] ?? '\\' + e))
      continue
    }
    if (c === '$' && text[i + 1] === '{') {
      const close = text.indexOf('}', i)
      const name = close > 0 ? text.slice(i + 2, close) : ''
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`only \${VARNAME} expansion is supported, error at: ${text.slice(i)}`)
      word = (word ?? '') + (vars[name] ?? '')
      i = close
      continue
    }
    if (quote === '"') {
      if (c === '"') quote = undefined
      else word += c
      continue
    }
    if (c === "'" || c === '"') {
      quote = c
      word ??= ''
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (word !== undefined) words.push(word)
      word = undefined
    } else word = (word ?? '') + c
  }
  if (quote !== undefined) throw new UsageError(`no terminating quote in -S string`)
  if (word !== undefined) words.push(word)
  return words
}

export const env = command({
  name: 'env',
  long: { 'ignore-environment': 'i', null: '0', unset: 'u:', chdir: 'C:', 'split-string': 'S:' },
  usage: USAGE,
  summary: 'run a command in a changed environment, or print the environment',
  help: '-i  start from an empty environment   -u NAME  remove NAME   -C DIR  run the command in DIR\n-0  end output lines with NUL   -S STRING  the words of STRING in its place (for a #! line: #!/usr/bin/env -S cmd -x)',
  async run(proc) {
    let args
    try {
      args = parseArgs(splitStrings(proc.argv, proc.env), 'iu:C:0')
    } catch (e) {
      if (!(e instanceof UsageError)) throw e
      await usage(proc, 'env', USAGE, e.message)
      return 125
    }
    const { flags, values, operands } = args
    // `env - cmd` is the old spelling of -i
    const clean = !!flags['i'] || operands[0] === '-'
    const vars: Record<string, string> = clean ? {} : { ...proc.env }
    for (const name of values['u'] ?? []) delete vars[name]
    let i = operands[0] === '-' ? 1 : 0
    for (; i < operands.length; i++) {
      const eq = operands[i]!.indexOf('=')
      if (eq <= 0) break
      vars[operands[i]!.slice(0, eq)] = operands[i]!.slice(eq + 1)
    }
    const cmd = operands.slice(i)
    const dir = typeof flags['C'] === 'string' ? flags['C'] : undefined
    if (dir !== undefined) {
      if (cmd.length === 0) {
        await proc.stderr.write("env: must specify command with --chdir (-C)\nTry 'env --help' for more information.\n")
        return 125
      }
      const problem = await proc.stat(dir).then(
        (d) => (isDir(d) ? undefined : 'not a directory'),
        (e: unknown) => reasonOf(e),
      )
      if (problem !== undefined) {
        await proc.stderr.write(`env: cannot change directory to '${dir}': ${problem}\n`)
        return 125
      }
    }
    if (cmd.length === 0) {
      const end = flags['0'] ? '\0' : '\n'
      await proc.stdout.write(Object.entries(vars).map(([k, v]) => `${k}=${v}${end}`).join(''))
      return 0
    }
    return runCommand(proc, 'env', cmd, { env: vars, ...(dir === undefined ? {} : { cwd: proc.abs(dir) }) })
  },
})
