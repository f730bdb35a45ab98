/**
 * find: walk directory trees and print the paths an expression selects. Tests: -name, -iname,
 * -path, -regex, -iregex, -type, -empty, -size, -mtime, -mmin (and -atime, -ctime, -amin, -cmin,
 * which read the modification time: ninefold keeps no other), -newer, -newerXY, -links, -perm,
 * -user, -group, -true, -false; actions -print (the default), -print0, -printf, -delete, -exec/-execdir (`;` or `+`),
 * -prune, -quit; operators ( ) ! -not -a -and -o -or; options -depth, -maxdepth N, -mindepth N,
 * -regextype. Entries come in directory order, as GNU find's.
 */
import type { Dir, ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, fail, LineWriter, usage } from '../lib.ts'
import { compileFormat, FormatError } from '../util/findformat.ts'
import { localZone } from '../util/timezone.ts'
import { patternTest } from '../util/fnmatch.ts'
import { isDir, isDirEntry, lastElement, walkTree } from '../util/files.ts'
import { applyMode, ModeError } from '../util/modes.ts'
import { compileRegex, RegexError } from '../util/regex.ts'
import { parseDateTime } from '../util/datetime.ts'
import { runCommand } from '../util/spawn.ts'

const USAGE = '[path ...] [expression]'

/** A file visited: its path is `head + tail` (walkTree's visitor), made only where a test or action needs it. */
interface Visit {
  head: string
  tail: string
  /** The last element of the path as written: what -name matches. */
  name: string
  dir: Dir
  depth: number
  /** The starting point it was found from. */
  root: string
  /** -prune was true of it: a directory is not entered. */
  pruned: boolean
}

const pathOf = (v: Visit): string => v.head + v.tail

/** A compiled expression: whether it is true of one visited file. */
type Test = (v: Visit) => Promise<boolean> | boolean

class FindError extends Error {}

export const find = command({
  name: 'find',
  usage: USAGE,
  summary: 'search for files in directory trees',
  help: [
    '  -name pattern   the last element matches a shell pattern (-iname: ignoring case)',
    '  -path pattern   the whole path matches a shell pattern',
    '  -regex re       the whole path matches a regular expression (-iregex: ignoring case);',
    '                  -regextype emacs (the default), posix-basic or posix-extended before it',
    '  -type f|d       a plain file or a directory (GNU\'s other letters, and lists as f,d, are read;',
    '                  ninefold has no links, devices, pipes or sockets to find)',
    '  -maxdepth N     descend at most N levels (-mindepth N: act only N levels down or deeper)',
    '  -empty          an empty file or directory',
    '  -size [+-]N[cwbkMG]  size in units (default 512-byte blocks, rounded up): more, less, exactly',
    '  -mtime [+-]N    modified N days ago (-mmin: minutes; -atime, -ctime, -amin, -cmin read the',
    '                  modification time too); -newer F: modified after F; -newermt DATE: after DATE',
    '  -perm [-/]MODE  exactly MODE (-: all of its bits, /: any of them); -user NAME: owned by NAME;',
    '                  -group NAME; -links [+-]N: with N names',
    '  -print          print the path (the default action); -print0: end it with a NUL byte',
    '  -printf FORMAT  print as FORMAT says: %p path, %f name, %h directory, %P path below the',
    '                  starting point %H, %d depth, %s size, %k KiB used, %m mode in octal, %M as',
    '                  ls shows it, %u owner, %g group, %y type, %t and %T<strftime letter or @> the',
    '                  modification time (%A, %a: access); width and precision as printf; \\n \\t \\0',
    '  -prune          do not descend into this directory; -quit: stop at once',
    '  -delete         remove the file (a directory only if empty); turns on -depth',
    '  -depth          visit a directory after its contents',
    "  -exec CMD {} ;  run CMD with {} replaced by the path, true if it succeeds; '+' instead of ';'",
    '                  runs CMD once with many paths; -execdir runs it in the file\'s directory',
    '  ( expr )  ! expr  expr -a expr  expr -o expr',
  ].join('\n'),
  async run(proc) {
    const args = proc.argv.slice(1)
    let first = args.findIndex((a) => a.startsWith('-') || a === '(' || a === '!')
    if (first < 0) first = args.length
    const roots = first > 0 ? args.slice(0, first) : ['.']
    const out = new LineWriter(proc)
    let parsed: Parsed
    try {
      parsed = new Parser(args.slice(first), out, proc).parse()
    } catch (e) {
      if (e instanceof FormatError) {
        await proc.stderr.write(`find: ${e.message}\n`)
        return 1
      }
      if (!(e instanceof FindError)) throw e
      return usage(proc, 'find', USAGE, e.message)
    }
    if (parsed.warnings.length > 0) await proc.stderr.write(parsed.warnings.map((w) => `find: warning: ${w}\n`).join(''))
    const { test, printed, contentsFirst, maxDepth, minDepth, batches, failures, prunes, quit } = parsed
    let status: ExitCode = 0
    const report = async (path: string, e: unknown): Promise<void> => {
      await out.flush()
      status = 1
      await fail(proc, 'find', path, e)
    }
    failures.report = report
    for (const root of roots) {
      let dir: Dir
      try {
        dir = await proc.stat(root)
      } catch (e) {
        await report(root, e)
        continue
      }
      // one Visit a walk, refilled for each file: the walk waits for a visit's answer before it
      // goes on, so a test that waits still reads its own file's
      const visiting: Visit = { head: root, tail: '', name: '', dir, depth: 0, root, pruned: false }
      if (quit.now) break
      await walkTree(
        proc,
        root,
        dir,
        (head, tail, d, depth) => {
          if (quit.now) return false
          if (depth < minDepth) return
          // below the root the listing gave each name; the root's is the operand's last element
          visiting.head = head
          visiting.tail = tail
          visiting.name = depth === 0 ? lastElement(head) : d.name
          visiting.dir = d
          visiting.depth = depth
          // -prune and -quit: the walk is told whether to enter the directory once the test has answered
          if (prunes) {
            visiting.pruned = false
            const entered = (): false | undefined => (visiting.pruned || quit.now ? false : undefined)
            return then(test(visiting), (yes) => then(!printed && yes ? out.push(head + tail + '\n') : undefined, entered))
          }
          const selected = test(visiting)
          if (printed) return selected instanceof Promise ? selected.then(() => undefined) : undefined
          if (selected === true) return out.push(head + tail + '\n')
          if (selected !== false) return selected.then((yes) => (yes ? out.push(head + tail + '\n') : undefined))
        },
        report,
        { contentsFirst, maxDepth },
      )
    }
    await out.flush()
    for (const batch of batches) if (batch.paths.length > 0 && (await runCommand(proc, 'find', [...batch.argv, ...batch.paths])) !== 0) status = 1
    return failures.failed ? 1 : status
  },
})

/** `next` of a test's answer: at once where the answer is there, after it where it must wait. */
function then<T, R>(answer: T | Promise<T>, next: (value: T) => R | Promise<R>): R | Promise<R> {
  return answer instanceof Promise ? answer.then(next) : next(answer)
}

/** A `-exec … {} +` action: the paths it collected, run as one command at the end. */
interface Batch {
  argv: string[]
  paths: string[]
}

/** Where actions report errors; set once the walk starts. */
interface Failures {
  report: (path: string, e: unknown) => Promise<void>
  failed: boolean
}

const SIZE_UNITS: Record<string, number> = { c: 1, w: 2, b: 512, k: 1024, M: 1024 ** 2, G: 1024 ** 3 }

/** Compares `n` with a find number: `+N` more than N, `-N` less, `N` exactly. */
function numberTest(spec: string): ((n: number) => boolean) | undefined {
  const m = /^([+-]?)(\d+)$/.exec(spec)
  if (!m) return undefined
  const want = Number(m[2])
  return m[1] === '+' ? (n) => n > want : m[1] === '-' ? (n) => n < want : (n) => n === want
}

interface Parsed {
  test: Test
  printed: boolean
  /** -depth, or -delete (which turns it on, as GNU's does): a directory after its contents. */
  contentsFirst: boolean
  maxDepth: number
  minDepth: number
  batches: Batch[]
  failures: Failures
  /** The expression has -prune or -quit: a visit may keep the walk out of a directory. */
  prunes: boolean
  /** Set by -quit: the walk stops. */
  quit: { now: boolean }
  /** Unknown -printf directives and escapes, printed as written. */
  warnings: string[]
}

/** -regextype's names: GNU's, each as the flavour of pattern it is. */
const REGEX_TYPES: Record<string, 'emacs' | 'basic' | 'extended'> = {
  'findutils-default': 'emacs',
  emacs: 'emacs',
  'posix-basic': 'basic',
  'posix-minimal-basic': 'basic',
  grep: 'basic',
  sed: 'basic',
  ed: 'basic',
  'posix-extended': 'extended',
  'posix-egrep': 'extended',
  egrep: 'extended',
  awk: 'extended',
  'posix-awk': 'extended',
  'gnu-awk': 'extended',
}

/**
 * An Emacs pattern as a basic one: Emacs's `+` and `?` are operators and `\+` `\?` characters,
 * the other way round from a basic pattern's; bracket expressions are copied as they are.
 */
function emacsAsBasic(pattern: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '[') {
      // to the closing bracket: a `]` first (after any `^`) is a member, as is a [:class:]
      let j = i + 1
      if (pattern[j] === '^') j++
      if (pattern[j] === ']') j++
      while (j < pattern.length && pattern[j] !== ']') j = pattern[j] === '[' && pattern[j + 1] === ':' ? pattern.indexOf(':]', j + 2) + 2 || pattern.length : j + 1
      out += pattern.slice(i, j + 1)
      i = j
    } else if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i]!
      out += next === '+' || next === '?' ? next : '\\' + next
    } else out += c === '+' || c === '?' ? '\\' + c : c
  }
  return out
}

/** GNU -type's letters; ninefold's files are only plain files (f) and directories (d). */
const TYPE_LETTERS = 'bcdpflsD'

/** Recursive descent over the expression's words: or := and (-o and)*, and := not ([-a] not)*. */
class Parser {
  private i = 0
  private printed = false
  private contentsFirst = false
  private maxDepth = Infinity
  private minDepth = 0
  private readonly batches: Batch[] = []
  private readonly failures: Failures = { report: async () => {}, failed: false }
  private readonly now = Date.now() / 1000
  private prunes = false
  private readonly quit = { now: false }
  private readonly warnings: string[] = []
  private regexType: 'emacs' | 'basic' | 'extended' = 'emacs'

  constructor(
    private readonly words: string[],
    private readonly out: LineWriter,
    private readonly proc: ProcContext,
  ) {}

  parse(): Parsed {
    const test = this.words.length === 0 ? () => true : this.or()
    if (this.i < this.words.length) throw new FindError(`unexpected argument: '${this.words[this.i]}'`)
    const { printed, contentsFirst, maxDepth, minDepth, batches, failures, quit, warnings } = this
    // GNU: with -depth a directory's contents come first, so -prune cannot keep the walk out
    return { test, printed, contentsFirst, maxDepth, minDepth, batches, failures, prunes: this.prunes && !contentsFirst, quit, warnings }
  }

  private peek(): string | undefined {
    return this.words[this.i]
  }

  private or(): Test {
    let left = this.and()
    while (this.peek() === '-o' || this.peek() === '-or') {
      this.i++
      const a = left
      const b = this.and()
      left = (v) => then(a(v), (yes) => yes || b(v))
    }
    return left
  }

  private and(): Test {
    let left = this.not()
    for (;;) {
      const w = this.peek()
      if (w === undefined || w === '-o' || w === '-or' || w === ')') return left
      if (w === '-a' || w === '-and') this.i++
      const a = left
      const b = this.not()
      left = (v) => then(a(v), (yes) => yes && b(v))
    }
  }

  private not(): Test {
    const w = this.peek()
    if (w === '!' || w === '-not') {
      this.i++
      const t = this.not()
      return (v) => then(t(v), (yes) => !yes)
    }
    return this.primary()
  }

  private value(option: string): string {
    const v = this.words[this.i++]
    if (v === undefined) throw new FindError(`missing argument to '${option}'`)
    return v
  }

  private depth(option: string): number {
    const v = this.value(option)
    if (!/^\d+$/.test(v)) throw new FindError(`invalid argument '${v}' to '${option}'`)
    return Number(v)
  }

  private primary(): Test {
    const w = this.words[this.i++]
    switch (w) {
      case undefined:
        throw new FindError('expected an expression')
      case '(': {
        const t = this.or()
        if (this.words[this.i++] !== ')') throw new FindError("missing ')'")
        return t
      }
      case '-name':
      case '-iname': {
        const matches = patternTest(this.value(w), w === '-iname')
        return (v) => matches(v.name)
      }
      case '-path': {
        const matches = patternTest(this.value(w))
        return (v) => matches(pathOf(v))
      }
      case '-type': {
        const letters = this.value(w).split(',')
        for (const t of letters) if (t.length !== 1 || !TYPE_LETTERS.includes(t)) throw new FindError(`unknown argument to -type: ${t}`)
        const file = letters.includes('f')
        const directory = letters.includes('d')
        return (v) => (isDirEntry(v.dir) ? directory : file)
      }
      case '-regex':
      case '-iregex': {
        const pattern = this.value(w)
        let re
        try {
          re = compileRegex(this.regexType === 'emacs' ? emacsAsBasic(pattern) : pattern, { extended: this.regexType === 'extended' }, { ignoreCase: w === '-iregex' })
        } catch (e) {
          if (e instanceof RegexError) throw new FindError(`invalid regular expression '${pattern}': ${e.message}`)
          throw e
        }
        // the whole path: a leftmost-longest match from its start that reaches its end
        return (v) => {
          const path = pathOf(v)
          const m = re.exec(path)
          return m !== undefined && m.start === 0 && m.end === path.length
        }
      }
      case '-regextype': {
        const name = this.value(w)
        const type = REGEX_TYPES[name]
        if (type === undefined) throw new FindError(`Unknown regular expression type '${name}'; valid types are ${Object.keys(REGEX_TYPES).map((t) => `'${t}'`).join(', ')}.`)
        this.regexType = type
        return () => true
      }
      case '-printf': {
        const format = compileFormat(this.value(w), localZone(this.proc.env), (text) => this.warnings.push(text))
        this.printed = true
        return (v) => then(this.out.push(format({ path: pathOf(v), root: v.root, depth: v.depth, dir: v.dir })), () => true)
      }
      case '-prune':
        this.prunes = true
        return (v) => {
          v.pruned = true
          return true
        }
      case '-quit':
        // an action: no -print is added for it, as GNU's
        this.prunes = true
        this.printed = true
        return () => {
          this.quit.now = true
          return true
        }
      case '-print':
        this.printed = true
        return (v) => then(this.out.push(pathOf(v) + '\n'), () => true)
      case '-print0':
        this.printed = true
        return (v) => then(this.out.push(pathOf(v) + '\0'), () => true)
      case '-empty':
        return async (v) => (isDir(v.dir) ? (await this.proc.readdir(pathOf(v))).length === 0 : v.dir.length === 0)
      case '-size': {
        const spec = this.value(w)
        const m = /^([+-]?\d+)([cwbkMG]?)$/.exec(spec)
        const cmp = m && numberTest(m[1]!)
        if (!m || !cmp) throw new FindError(`invalid -size argument '${spec}'`)
        const unit = SIZE_UNITS[m[2] || 'b']!
        return (v) => cmp(Math.ceil(v.dir.length / unit))
      }
      case '-mtime':
      case '-atime':
      case '-ctime':
      case '-mmin':
      case '-amin':
      case '-cmin': {
        const spec = this.value(w)
        const cmp = numberTest(spec)
        if (!cmp) throw new FindError(`invalid argument '${spec}' to '${w}'`)
        const unit = w.endsWith('time') ? 86400 : 60
        return (v) => cmp(Math.floor((this.now - v.dir.mtime) / unit))
      }
      case '-links': {
        const spec = this.value(w)
        const cmp = numberTest(spec)
        if (!cmp) throw new FindError(`invalid argument '${spec}' to '-links'`)
        return (v) => cmp(v.dir.nlink ?? 1)
      }
      case '-group': {
        const name = this.value(w)
        return (v) => v.dir.gid === name
      }
      case '-newer':
      case '-anewer':
      case '-cnewer':
        return this.newerThan(this.value(w), 'm')
      default: {
        // -newerXY: this file's time X against Y, the reference file's, or (t) a date
        const newer = /^-newer([acmBt])([acmBt])$/.exec(w)
        if (newer === null || newer[1] === 't') throw new FindError(w.startsWith('-') ? `unknown predicate '${w}'` : `paths must precede expression: '${w}'`)
        if (newer[1] === 'B' || newer[2] === 'B') throw new FindError(`not implemented: ${w}: ninefold keeps no birth times`)
        return this.newerThan(this.value(w), newer[2]!)
      }
      case '-perm':
        return this.perm(this.value(w))
      case '-user': {
        const name = this.value(w)
        return (v) => v.dir.uid === name
      }
      case '-delete':
        this.printed = true
        this.contentsFirst = true
        return async (v) => {
          const path = pathOf(v)
          try {
            await this.proc.remove(path)
            return true
          } catch (e) {
            this.failures.failed = true
            await this.failures.report(path, e)
            return false
          }
        }
      case '-exec':
      case '-execdir':
        return this.exec(w)
      case '-true':
        return () => true
      case '-false':
        return () => false
      case '-depth':
        this.contentsFirst = true
        return () => true
      case '-maxdepth':
        this.maxDepth = this.depth(w)
        return () => true
      case '-mindepth':
        this.minDepth = this.depth(w)
        return () => true
    }
  }

  /** Modified after the reference file was (`of` a, c or m: its one time), or after the date `of` t names. */
  private newerThan(reference: string, of: string): Test {
    if (of === 't') {
      const when = parseDateTime(reference, Date.now())
      if (when === undefined) throw new FindError(`I cannot figure out how to interpret '${reference}' as a date or time`)
      return (v) => v.dir.mtime * 1000 > when
    }
    const stat = this.proc.stat(reference)
    stat.catch(() => {})
    return async (v) => v.dir.mtime > (await stat).mtime
  }

  private perm(spec: string): Test {
    const kind = spec[0] === '-' || spec[0] === '/' ? spec[0] : ''
    let bits: number
    try {
      bits = applyMode(spec.slice(kind.length), 0, false) & 0o7777
    } catch (e) {
      if (e instanceof ModeError) throw new FindError(`invalid mode '${spec}'`)
      throw e
    }
    if (kind === '-') return (v) => (v.dir.mode & bits) === bits
    if (kind === '/') return (v) => bits === 0 || (v.dir.mode & bits) !== 0
    return (v) => (v.dir.mode & 0o7777) === bits
  }

  /** -exec and -execdir: the command's words up to `;`, or up to `{} +`. */
  private exec(option: string): Test {
    const start = this.i
    while (this.i < this.words.length && this.words[this.i] !== ';' && !(this.words[this.i] === '+' && this.words[this.i - 1] === '{}')) this.i++
    if (this.i >= this.words.length || this.i === start) throw new FindError(`missing argument to '${option}'`)
    const argv = this.words.slice(start, this.i)
    const batched = this.words[this.i++] === '+'
    const inDir = option === '-execdir'
    this.printed = true
    const place = (v: Visit): { path: string; cwd?: string } => {
      const path = pathOf(v)
      if (!inDir) return { path }
      const slash = path.lastIndexOf('/')
      return { path: './' + lastElement(path), cwd: slash < 0 ? '.' : path.slice(0, slash) || '/' }
    }
    if (batched) {
      const batch: Batch = { argv: argv.slice(0, -1), paths: [] }
      this.batches.push(batch)
      return (v) => {
        batch.paths.push(place(v).path)
        return true
      }
    }
    return async (v) => {
      const { path, cwd } = place(v)
      await this.out.flush()
      const words = argv.map((a) => a.replaceAll('{}', path))
      return (await runCommand(this.proc, 'find', words, cwd === undefined ? undefined : { cwd })) === 0
    }
  }
}
