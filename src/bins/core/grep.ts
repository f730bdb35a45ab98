/**
 * grep [-EFGivwxcnlLqshHrRo] [-m max] [-e pattern]... [-f file] [pattern] [file ...]
 * Status as GNU grep: 0 a line was selected, 1 none, 2 an error (unless -q found a match).
 */
import type { ProcContext } from '../../kernel/types.ts'
import { DMDIR } from '../../kernel/types.ts'
import { joinName } from '../../kernel/path.ts'
import { NineError, reasonOf } from '../../kernel/errors.ts'
import { command, decode, parseArgs, readAll, usage, UsageError } from '../lib.ts'
import { LineBatches, OutputBuffer } from '../util/textio.ts'
import { RegexError, escapeLiteral, translateRegex } from '../util/regex.ts'

const USAGE = '[-EFGivwxcnlLqshHrRo] [-m max] [-e pattern]... [-f file] [pattern] [file ...]'

interface Options {
  invert: boolean
  count: boolean
  number: boolean
  listMatching: boolean
  listMissing: boolean
  quiet: boolean
  silent: boolean
  onlyMatching: boolean
  withName: boolean
  max: number
}

/** Whether a line is selected (before -v). */
type Matcher = (line: string) => boolean

interface Compiled {
  test: Matcher
  /** For -o: every pattern as a global RegExp. */
  global: RegExp[]
}

const WORD = '[A-Za-z0-9_]'

function compile(patterns: string[], mode: 'E' | 'F' | 'G', ignoreCase: boolean, word: boolean, line: boolean): Compiled {
  const sources: string[] = []
  const literals: string[] = []
  for (const p of patterns) {
    if (mode === 'F') {
      sources.push([...p].map(escapeLiteral).join(''))
      literals.push(p)
    } else {
      const t = translateRegex(p, { extended: mode === 'E' })
      sources.push(t.source)
      if (t.literal !== undefined) literals.push(t.literal)
    }
  }
  const wrap = (s: string): string => (line ? `^(?:${s})$` : word ? `(?<!${WORD})(?:${s})(?!${WORD})` : s)
  const flags = ignoreCase ? 'i' : ''
  const global = sources.map((s) => new RegExp(wrap(s), flags + 'g'))
  let test: Matcher
  if (literals.length === patterns.length && !word && !line && !ignoreCase) {
    // plain strings: indexOf beats a RegExp by far
    if (literals.length === 1) {
      const lit = literals[0]!
      test = (l) => l.includes(lit)
    } else test = (l) => literals.some((lit) => l.includes(lit))
  } else {
    // patterns stay separate so each one's back-references keep their numbers
    const res = sources.map((s) => new RegExp(wrap(s), flags))
    test = res.length === 1 ? (l) => res[0]!.test(l) : (l) => res.some((re) => re.test(l))
  }
  return { test, global }
}

/** The non-empty matches of a line, for -o. */
function matchesIn(line: string, global: RegExp[]): string[] {
  const found: { at: number; text: string }[] = []
  for (const re of global) {
    re.lastIndex = 0
    for (let m = re.exec(line); m; m = re.exec(line)) {
      if (m[0] === '') re.lastIndex++
      else found.push({ at: m.index, text: m[0] })
    }
  }
  if (global.length > 1) found.sort((a, b) => a.at - b.at)
  return found.map((f) => f.text)
}

/** Searches one descriptor; returns how many lines were selected. */
async function searchFd(proc: ProcContext, fd: number, name: string, m: Compiled, o: Options, out: OutputBuffer): Promise<number> {
  const prefix = o.withName ? name + ':' : ''
  const printLines = !o.count && !o.listMatching && !o.listMissing && !o.quiet
  let selected = 0
  let lineno = 0
  const reader = new LineBatches(proc, fd)
  outer: for await (const batch of reader) {
    for (const line of batch) {
      lineno++
      if (m.test(line) === o.invert) continue
      selected++
      if (printLines) {
        const head = o.number ? `${prefix}${lineno}:` : prefix
        if (o.onlyMatching) {
          if (!o.invert) for (const t of matchesIn(line, m.global)) out.push(head + t + '\n')
        } else out.push(head + line + '\n')
      }
      if (selected >= o.max || (!printLines && !o.count)) break outer
    }
    if (out.full) await out.flush()
  }
  if (o.count) out.push(`${prefix}${selected}\n`)
  if (o.listMatching && selected > 0) out.push(name + '\n')
  if (o.listMissing && selected === 0) out.push(name + '\n')
  return selected
}

async function run(proc: ProcContext): Promise<number> {
  let args
  try {
    args = parseArgs(proc.argv, 'EFGivywxcnlLqshHrRoe:f:m:')
  } catch (e) {
    if (e instanceof UsageError) return (await usage(proc, 'grep', USAGE, e.message)) + 1
    throw e
  }
  const { flags, values } = args
  let operands = args.operands
  const patterns: string[] = []
  for (const e of values['e'] ?? []) patterns.push(...e.split('\n'))
  for (const file of values['f'] ?? []) {
    try {
      const fd = file === '-' ? 0 : await proc.open(file)
      const text = decode(await readAll(proc, fd))
      if (fd !== 0) await proc.close(fd)
      // one pattern a line; an empty file has none (and matches nothing)
      if (text !== '') patterns.push(...text.replace(/\n$/, '').split('\n'))
    } catch (e) {
      await proc.stderr.write(`grep: ${file}: ${reasonOf(e)}\n`)
      return 2
    }
  }
  if (values['e'] === undefined && values['f'] === undefined) {
    if (operands.length === 0) return (await usage(proc, 'grep', USAGE)) + 1
    patterns.push(...operands[0]!.split('\n'))
    operands = operands.slice(1)
  }
  const mode = flags['F'] ? 'F' : flags['E'] ? 'E' : 'G'
  const max = flags['m'] === undefined ? Infinity : Number(flags['m'])
  if (!Number.isInteger(max) && max !== Infinity) {
    await proc.stderr.write(`grep: invalid max count\n`)
    return 2
  }
  let matcher: Compiled
  try {
    matcher = compile(patterns, mode, !!(flags['i'] || flags['y']), !!flags['w'], !!flags['x'])
  } catch (e) {
    if (!(e instanceof RegexError || e instanceof SyntaxError)) throw e
    await proc.stderr.write(`grep: ${e.message}\n`)
    return 2
  }
  const recursive = !!(flags['r'] || flags['R'])
  if (recursive && operands.length === 0) operands = ['.']
  const o: Options = {
    invert: !!flags['v'],
    count: !!flags['c'],
    number: !!flags['n'],
    listMatching: !!flags['l'],
    listMissing: !!flags['L'],
    quiet: !!flags['q'],
    silent: !!flags['s'],
    onlyMatching: !!flags['o'],
    withName: flags['h'] ? false : !!flags['H'] || operands.length > 1 || recursive,
    max,
  }
  const out = new OutputBuffer(proc)
  let found = false
  let failed = false
  const complain = async (name: string, e: unknown): Promise<void> => {
    failed = true
    if (o.silent) return
    await out.flush()
    await proc.stderr.write(`grep: ${name}: ${reasonOf(e)}\n`)
  }
  const search = async (fd: number, name: string): Promise<void> => {
    if ((await searchFd(proc, fd, name, matcher, o, out)) > 0) found = true
    if (out.full) await out.flush()
  }
  const searchPath = async (name: string): Promise<void> => {
    if (o.quiet && found) return
    let fd: number
    try {
      if ((await proc.stat(name)).mode & DMDIR) {
        if (!recursive) return await complain(name, new NineError('EISDIR'))
        const dir = name.replace(/(.)\/+$/, '$1')
        const entries = (await proc.readdir(dir)).map((d) => d.name).sort()
        for (const entry of entries) await searchPath(joinName(dir, entry))
        return
      }
      fd = await proc.open(name)
    } catch (e) {
      return await complain(name, e)
    }
    try {
      await search(fd, name)
    } catch (e) {
      await complain(name, e)
    } finally {
      await proc.close(fd).catch(() => {})
    }
  }
  if (operands.length === 0) await search(0, '(standard input)')
  for (const name of operands) {
    if (name === '-') await search(0, '(standard input)')
    else await searchPath(name)
    if (o.quiet && found) break
  }
  await out.flush()
  if (o.quiet && found) return 0
  if (failed) return 2
  return found ? 0 : 1
}

export const grep = command({
  name: 'grep',
  usage: USAGE,
  summary: 'print lines that match patterns',
  help: `-E extended regexps  -F fixed strings  -G basic regexps (default)
-i ignore case  -v select non-matching lines  -w whole words  -x whole lines
-c count  -n line numbers  -l/-L list files with/without matches  -o only the matches
-q quiet  -s no file errors  -h/-H without/with file names  -r search directories
-m N stop after N lines  -e PATTERN (repeatable)  -f FILE patterns from a file`,
  run,
})
