/**
 * xargs [-0rt] [-n max] [-L lines] [-I replace] [-E eof] [-d delim] [-s size] [-P procs]
 * [command [arg ...]]: runs a command (echo by default) with arguments read from stdin, as GNU
 * xargs: blanks separate words, quotes and backslashes protect them. Status 123 if a run failed,
 * 124 if one exited 255, 127 not found. -P N runs up to N commands at once (0: no limit).
 */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { reasonOf } from '../../kernel/errors.ts'
import { command, parseArgs, UsageError } from '../lib.ts'
import { longOptions } from '../util/longopts.ts'
import { runCommand } from '../util/spawn.ts'
import { LineBatches } from '../util/textio.ts'

/** GNU's default limit on a command line's size. */
const MAX_CHARS = 128 * 1024

/** One argument does not fit the -s limit even alone. */
class TooLong extends Error {}

/** An unmatched quote; `words` are the line's words before it (GNU still runs them). */
class QuoteError extends Error {
  constructor(
    message: string,
    readonly words: string[],
  ) {
    super(message)
  }
}

/** A line's words: blanks separate them (unless `blanksSeparate` is false), '…' "…" and \c protect characters. */
function splitWords(line: string, blanksSeparate = true): string[] {
  const words: string[] = []
  let cur = ''
  let inWord = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (c === '\\') {
      cur += line[++i] ?? ''
      inWord = true
    } else if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1)
      if (end < 0) {
        const which = c === "'" ? 'single' : 'double'
        throw new QuoteError(`unmatched ${which} quote; by default quotes are special to xargs unless you use the -0 option`, words)
      }
      cur += line.slice(i + 1, end)
      i = end
      inWord = true
    } else if (blanksSeparate && (c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r')) {
      if (inWord) words.push(cur)
      cur = ''
      inWord = false
    } else {
      cur += c
      inWord = true
    }
  }
  if (inWord) words.push(cur)
  return words
}

function positive(flag: string | true | undefined, name: string): number | undefined {
  if (flag === undefined) return undefined
  const n = Number(flag)
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`invalid number "${flag}" for -${name} option`)
  return n
}

const DELIMITER_ESCAPES: Record<string, string> = { '\\n': '\n', '\\t': '\t', '\\0': '\0', '\\\\': '\\' }

/** -d's argument: one character, or a backslash escape. */
function delimiter(flag: string | true | undefined): string | undefined {
  if (typeof flag !== 'string') return undefined
  const d = DELIMITER_ESCAPES[flag] ?? flag
  if (d.length !== 1) throw new UsageError(`invalid input delimiter specification ${flag}: the delimiter must be either a single character or an escape sequence starting with \\.`)
  return d
}

const SHORT = '0rtn:L:I:E:d:s:P:a:'

/** GNU's long names of the flags. */
const LONG = {
  null: '0',
  'no-run-if-empty': 'r',
  verbose: 't',
  'max-args': 'n:',
  'max-lines': 'L:',
  replace: 'I::{}',
  delimiter: 'd:',
  'max-chars': 's:',
  'max-procs': 'P:',
  'arg-file': 'a:',
}

/**
 * GNU's older -i[R] (-I with R, {} when none) and -l[N] (-L with N, 1 when none), whose values
 * are only ever attached, as the words -I and -L read.
 */
function olderForms(argv: readonly string[]): string[] {
  const out = argv.slice()
  for (let i = 1; i < out.length; i++) {
    const word = out[i]!
    if (word === '--' || !word.startsWith('-') || word === '-') break
    if (word.startsWith('-i')) out[i] = `-I${word.slice(2) || '{}'}`
    else if (word.startsWith('-l')) out[i] = `-L${word.slice(2) || '1'}`
    // a value in the next word: skip it
    else if (/^-[nLIEdsP]$/.test(word)) i++
  }
  return out
}

async function run(proc: ProcContext): Promise<number> {
  const { flags, operands } = parseArgs(longOptions(olderForms(proc.argv), LONG, SHORT, false).argv, SHORT)
  const maxArgs = positive(flags['n'], 'n')
  const maxLines = positive(flags['L'], 'L')
  const maxChars = positive(flags['s'], 's') ?? MAX_CHARS
  const maxProcs = flags['P'] === '0' ? Infinity : (positive(flags['P'], 'P') ?? 1)
  const separator = flags['0'] ? '\0' : delimiter(flags['d'])
  const eof = typeof flags['E'] === 'string' && separator === undefined ? flags['E'] : undefined
  const replace = typeof flags['I'] === 'string' ? flags['I'] : undefined
  const base = operands.length > 0 ? operands : ['echo']
  const trace = !!flags['t']
  // -a FILE: the words come from FILE and the commands read xargs's own input; else they read
  // /dev/null, as GNU's (they must not take the words still to come)
  let input = 0
  if (typeof flags['a'] === 'string') {
    try {
      input = await proc.open(flags['a'])
    } catch (e) {
      await proc.stderr.write(`xargs: Cannot open input file '${flags['a']}': ${reasonOf(e)}\n`)
      return 1
    }
  }
  const commandInput = input === 0 ? await proc.open('/dev/null') : 0
  const baseChars = base.reduce((n, a) => n + a.length + 1, 0)
  let ran = 0
  let status: ExitCode = 0
  let stopped = false
  const running = new Set<Promise<void>>()
  /** Records how a command ended; some endings stop xargs from starting more. */
  const ended = async (argv: string[], code: ExitCode): Promise<void> => {
    if (code === 126 || code === 127) status = code
    else if (code === 255) {
      await proc.stderr.write(`xargs: ${argv[0]}: exited with status 255; aborting\n`)
      status = 124
    } else if (code > 128) status = 125
    else {
      if (code !== 0 && status === 0) status = 123
      return
    }
    stopped = true
  }
  /** Starts one command line, then waits while -P commands run; false when xargs must stop. */
  const exec = async (args: string[]): Promise<boolean> => {
    if (stopped) return false
    const argv = replace === undefined ? [...base, ...args] : base.map((a) => a.split(replace).join(args[0] ?? ''))
    if (trace) await proc.stderr.write(argv.join(' ') + '\n')
    ran++
    const done: Promise<void> = runCommand(proc, 'xargs', argv, { fds: { 0: commandInput, 1: 1, 2: 2 } }).then(async (code) => {
      running.delete(done)
      await ended(argv, code)
    })
    running.add(done)
    while (running.size >= maxProcs) await Promise.race(running)
    return !stopped
  }
  /** The status once every command still running has ended. */
  const finish = async (): Promise<ExitCode> => {
    while (running.size > 0) await Promise.race(running)
    return status
  }
  let pending: string[] = []
  let pendingChars = 0
  let pendingLines = 0
  const full = (): boolean =>
    (maxArgs !== undefined && pending.length >= maxArgs) ||
    (maxLines !== undefined && pendingLines >= maxLines) ||
    baseChars + pendingChars >= maxChars
  const takeBatch = (): string[] => {
    const batch = maxArgs !== undefined ? pending.splice(0, maxArgs) : pending.splice(0)
    pendingChars = pending.reduce((n, a) => n + a.length + 1, 0)
    pendingLines = 0
    return batch
  }
  const add = async (words: string[]): Promise<boolean> => {
    for (const w of words) {
      if (baseChars + w.length + 1 > maxChars) throw new TooLong()
      if (pending.length > 0 && baseChars + pendingChars + w.length + 1 > maxChars && !(await exec(takeBatch()))) return false
      pending.push(w)
      pendingChars += w.length + 1
    }
    pendingLines++
    while (pending.length > 0 && full()) if (!(await exec(takeBatch()))) return false
    return true
  }
  try {
    input: for await (const batch of new LineBatches(proc, input, separator ?? '\n')) {
      for (const record of batch) {
        let ok: boolean
        // -I: one command for each input item (with -0 or -d, the item as it is, even empty)
        if (separator !== undefined) ok = replace === undefined ? await add([record]) : await exec([record])
        else if (replace !== undefined) {
          const line = record.replace(/^[ \t]+/, '')
          ok = line === '' || (await exec(splitWords(line, false)))
        } else {
          const words = splitWords(record)
          const end = eof === undefined ? -1 : words.indexOf(eof)
          if (end >= 0) {
            if (end > 0 && !(await add(words.slice(0, end)))) return finish()
            break input
          }
          ok = words.length === 0 || (await add(words))
        }
        if (!ok) return finish()
      }
    }
  } catch (e) {
    await finish()
    if (e instanceof TooLong) {
      await proc.stderr.write('xargs: argument line too long\n')
      return 1
    }
    if (!(e instanceof QuoteError)) throw e
    pending.push(...e.words)
    while (pending.length > 0) if (!(await exec(takeBatch()))) break
    await finish()
    await proc.stderr.write(`xargs: ${e.message}\n`)
    return 1
  }
  while (pending.length > 0) if (!(await exec(takeBatch()))) return finish()
  if (ran === 0 && !flags['r'] && replace === undefined) await exec([])
  return finish()
}

export const xargs = command({
  name: 'xargs',
  usage: '[-0rt] [-n max-args] [-L max-lines] [-I replace] [-E eof] [-d delim] [-s size] [-P procs] [command [arg ...]]',
  summary: 'build and run command lines from standard input',
  help: `-n N  at most N arguments a command   -L N  at most N input lines a command
-I R  one command per input line, R in the arguments replaced by the line
-0  arguments end with NUL (no quoting)   -r  do not run if the input is empty
-t  print each command on stderr before running it
-E S  stop at a word S   -d C  arguments end with the character C (no quoting)
-s N  command lines of at most N characters   -P N  run up to N commands at once (0: no limit)
GNU's long names: --max-args --max-lines --replace[=R] --null --no-run-if-empty --verbose
--delimiter --max-chars --max-procs; and its older -i[R] (-I, {} by default) and -l[N] (-L, 1)`,
  run,
})
