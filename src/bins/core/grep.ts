/**
 * grep [-EFGPaIivwxzcnlLqshHrRo] [-m max] [-A n] [-B n] [-C n] [-e pattern]... [-f file] [pattern] [file ...]
 * Status as GNU grep: 0 a line was selected, 1 none, 2 an error (unless -q found a match).
 */
import { encodedLength } from '../../kernel/bytes.ts'
import type { Dir, ProcContext } from '../../kernel/types.ts'
import { basename, joinName } from '../../kernel/path.ts'
import { NineError, reasonOf } from '../../kernel/errors.ts'
import { command, decode, encode, parseArgs, readAll, usage, UsageError } from '../lib.ts'
import { longOptions } from '../util/longopts.ts'
import { isDirEntry } from '../util/files.ts'
import { ByteOutput, LineBatches, OutputBuffer } from '../util/textio.ts'
import { SkipScan } from '../util/skipscan.ts'
import { Holding } from '../util/holding.ts'
import { painter, type Paint } from '../util/grepcolors.ts'
import { BlockReader, CHUNK, giveBack } from '../util/files.ts'
import { nameSuffixes, patternTest } from '../util/fnmatch.ts'
import { RegexError, escapeLiteral, perlRegex, regexOf, shiftBackrefs, translateRegex, type Regex, type Translated } from '../util/regex.ts'

const USAGE = '[-EFGPaIivwxzZbcnlLqshHrRo] [-m max] [-A n] [-B n] [-C n] [-e pattern]... [-f file] [pattern] [file ...]'

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
  /** What follows a file name: `:`, or -Z's NUL (also after -l's names). */
  nameEnd: string
  /** -b: each line's (or -o's match's) byte offset in its input before it. */
  byteOffset: boolean
  /** --line-buffered: output is written at every read, not when the buffer fills. */
  lineBuffered: boolean
  max: number
  /** What ends a line, in and out: a newline, or under -z a NUL. */
  eol: string
  /** -A/-B/-C: lines printed around selected ones; undefined without. */
  context?: Context
  /**
   * What an input whose first read has a NUL byte (GNU's sign of binary data; GNU looks at every
   * read, which costs a pass over each here) does to the rest of it:
   * `mute`, nothing more is printed and the first line selected after it ends the search (and is
   * reported: "binary file matches"); `skip`, the input counts as having no line selected
   * (--binary-files=without-match, -I); undefined where NULs are not looked for (-a, -z, or
   * nothing is printed).
   */
  binary?: 'mute' | 'skip'
  /** The line between context groups (`--`; --group-separator), undefined for none (--no-group-separator). */
  groupSeparator: string | undefined
  /** --color: how names, numbers, separators and matches are coloured; undefined for no colour. */
  paint?: Paint
}

/** One input's search: whether a line was selected after binary data muted the output. */
interface Muted {
  matched: boolean
}

/** -B and -A's counts, and whether any line was printed yet (the `--` between groups spans files). */
interface Context {
  before: number
  after: number
  printed: boolean
}

/** Whether a line is selected (before -v). */
type Matcher = (line: string) => boolean

interface Compiled {
  test: Matcher
  /** For -o: every pattern, and which group of it is the text to print (1 under -w, whose wrapper consumes the characters around the word). */
  all: Regex[]
  shown: number
  /** One fixed string, without -i, -w, -x or -o: its UTF-8 bytes, searched for by searchBytes. */
  fixed?: Uint8Array
  /** The skipping search for `fixed`, once made. */
  skip?: SkipScan
  /** What the byte search's line carried between reads holds (one for all the files of a grep). */
  held?: Holding
}

type Output = OutputBuffer | ByteOutput

const NOT_WORD = '[^A-Za-z0-9_]'

function compile(patterns: string[], mode: 'E' | 'F' | 'G' | 'P', ignoreCase: boolean, word: boolean, line: boolean, onlyMatching: boolean): Compiled {
  const translated: Translated[] = []
  const literals: string[] = []
  for (const p of patterns) {
    if (mode === 'F') {
      translated.push({ source: [...p].map(escapeLiteral).join(''), literal: p, backtrack: false, groups: 0 })
      literals.push(p)
    } else if (mode === 'P') translated.push({ source: p, literal: undefined, backtrack: false, groups: 0 })
    else {
      const t = translateRegex(p, { extended: mode === 'E' })
      translated.push(t)
      if (t.literal !== undefined) literals.push(t.literal)
    }
  }
  // -w: RE2 has no lookaround, so the characters around the word are matched (a line is selected
  // just the same) and the word is group 1
  const wrap = (t: Translated): Translated => ({
    ...t,
    source: line ? `^(?:${t.source})$` : word ? `(?:^|${NOT_WORD})(${shiftBackrefs(t.source, 1)})(?:${NOT_WORD}|$)` : t.source,
  })
  // patterns stay separate so each one's back-references keep their numbers
  const all = translated.map((t) => (mode === 'P' ? perlRegex(wrap(t).source, { ignoreCase }) : regexOf(wrap(t), { ignoreCase })))
  const shown = word && !line ? 1 : 0
  let test: Matcher
  if (literals.length === patterns.length && !word && !line && !ignoreCase) {
    // plain strings: indexOf beats a regex by far
    if (literals.length === 1) {
      const lit = literals[0]!
      test = (l) => l.includes(lit)
      const bytes = encode(lit)
      // (a pattern with a lone surrogate has no exact UTF-8 form: it stays on the line path)
      if (lit !== '' && !onlyMatching && decode(bytes) === lit) return { test, all, shown, fixed: bytes }
    } else test = (l) => literals.some((lit) => l.includes(lit))
  } else test = all.length === 1 ? (l) => all[0]!.test(l) : (l) => all.some((re) => re.test(l))
  return { test, all, shown }
}

/** KMP's failure function: fail[i] is the length of the longest proper prefix of p[0..i] that also ends it. */
function failureTable(p: Uint8Array): Int32Array {
  const fail = new Int32Array(p.length)
  for (let i = 1, k = 0; i < p.length; i++) {
    while (k > 0 && p[i] !== p[k]) k = fail[k - 1]!
    if (p[i] === p[k]) k++
    fail[i] = k
  }
  return fail
}

/** The non-empty matches of a line, for -o: each with where it starts in the line. */
function matchesIn(line: string, m: Compiled): { at: number; text: string }[] {
  const found: { at: number; text: string }[] = []
  for (const re of m.all) {
    for (let from = 0, match = re.exec(line, 0); match; match = re.exec(line, from)) {
      const [start, end] = [match.startOf(m.shown), match.endOf(m.shown)]
      if (end > start) found.push({ at: start, text: line.slice(start, end) })
      // the next search starts where the shown text ends (under -w, the character after a word may come before the next)
      from = Math.max(end, match.start + 1)
      if (from > line.length) break
    }
  }
  if (m.all.length > 1) found.sort((a, b) => a.at - b.at)
  return found
}

/** Searches one descriptor, then prints -c's count and -l/-L's name; returns how many lines were selected. */
async function searchFd(proc: ProcContext, fd: number, name: string, m: Compiled, o: Options, out: Output): Promise<number> {
  const prefix = prefixOf(name, o)
  const muted: Muted = { matched: false }
  const selected = m.fixed !== undefined && out instanceof ByteOutput ? await searchBytes(proc, fd, scanner(proc, m, m.fixed, prefix, o, out), o, muted) : await searchLines(proc, fd, prefix, m, o, out, muted)
  if (muted.matched) {
    await out.flush()
    await proc.stderr.write(`grep: ${name}: binary file matches\n`)
  }
  return tally(name, prefix, selected, o, out)
}

/**
 * The byte search over a whole file's bytes (read in one step: readFileAt), with no read to wait
 * for; as searchFd. -1, having done nothing, for binary data to be looked out for: searchFd's.
 */
function searchWhole(proc: ProcContext, bytes: Uint8Array, name: string, m: Compiled, o: Options, out: ByteOutput): number {
  if (o.binary !== undefined && bytes.includes(0)) return -1
  const prefix = prefixOf(name, o)
  const scan = scanner(proc, m, m.fixed!, prefix, o, out)
  if (scan.feed(bytes)) scan.end()
  return tally(name, prefix, scan.selected, o, out)
}

/** What goes before a file's lines: its name and `:` (-Z: NUL) where names are shown. */
const prefixOf = (name: string, o: Options): string => (o.withName ? painted(o, 'fn', name) + painted(o, 'se', o.nameEnd) : '')

/** Text in --color's colour for its part, or as it is. */
const painted = (o: Options, part: 'ms' | 'fn' | 'ln' | 'bn' | 'se', text: string): string => (o.paint === undefined || text === '\0' ? text : o.paint(part, text))

/** A selected line with its matches coloured (under --color, without -v). */
function highlighted(line: string, m: Compiled, o: Options): string {
  if (o.paint === undefined || o.invert) return line
  let out = ''
  let at = 0
  for (const t of matchesIn(line, m)) {
    if (t.at < at) continue
    out += line.slice(at, t.at) + o.paint('ms', t.text)
    at = t.at + t.text.length
  }
  return out + line.slice(at)
}

/** Prints -c's count and -l/-L's name for one input that had `selected` lines selected; returns that. */
function tally(name: string, prefix: string, selected: number, o: Options, out: Output): number {
  if (o.count) out.push(`${prefix}${selected}\n`)
  const end = o.nameEnd === '\0' ? '\0' : '\n'
  if (o.listMatching && selected > 0) out.push(painted(o, 'fn', name) + end)
  if (o.listMissing && selected === 0) out.push(painted(o, 'fn', name) + end)
  return selected
}

/** What goes before a printed line: the prefix, -n's line number and -b's offset, each with `sep` after it. */
function lineHead(prefix: string, o: Options, lineno: number, offset: number, sep: string): string {
  let head = prefix
  if (o.number) head += painted(o, 'ln', String(lineno)) + painted(o, 'se', sep)
  if (o.byteOffset) head += painted(o, 'bn', String(offset)) + painted(o, 'se', sep)
  return head
}


/** Whether the selected lines themselves are printed (not only counted or named). */
const printsLines = (o: Options): boolean => !o.count && !o.listMatching && !o.listMissing && !o.quiet

/** Every other search: the lines as strings, a batch per read. */
async function searchLines(proc: ProcContext, fd: number, prefix: string, m: Compiled, o: Options, out: Output, muted: Muted): Promise<number> {
  if (o.context && printsLines(o)) return searchWithContext(proc, fd, prefix, m, o, o.context, out, muted)
  const printLines = printsLines(o)
  let selected = 0
  let lineno = 0
  // -b: where the line starts in the input
  let offset = 0
  let next = 0
  const reader = new LineBatches(proc, fd, o.eol, o.binary !== undefined)
  outer: for await (const batch of reader) {
    if (reader.sawNul && o.binary === 'skip') return 0
    for (let i = 0; i < batch.length; i++) {
      const line = batch[i]!
      lineno++
      if (o.byteOffset) {
        offset = next
        next += encodedLength(line) + 1
      }
      if (m.test(line) === o.invert) continue
      selected++
      if (reader.sawNul && o.binary === 'mute') {
        muted.matched = true
        break outer
      }
      if (printLines) {
        if (o.onlyMatching) {
          if (!o.invert) for (const t of matchesIn(line, m)) out.push(lineHead(prefix, o, lineno, offset + (o.byteOffset ? encodedLength(line.slice(0, t.at)) : 0), ':') + painted(o, 'ms', t.text) + o.eol)
        } else out.push(lineHead(prefix, o, lineno, offset, ':') + highlighted(line, m, o) + o.eol)
      }
      if (selected >= o.max && (printLines || o.count)) {
        await reader.giveBack(batch.length - i - 1)
        break outer
      }
      if (!printLines && !o.count) break outer
    }
    if (out.full || o.lineBuffered) await out.flush()
  }
  return selected
}

/**
 * searchLines with -A/-B/-C, as GNU grep: the lines before and after each selected one marked
 * with `-` where a selected line has `:`, a `--` line between groups that do not touch; after
 * the -m'th line its trailing context still comes. Under -o only the matches are printed, and
 * the `--` lines where the context would have been.
 */
async function searchWithContext(proc: ProcContext, fd: number, prefix: string, m: Compiled, o: Options, ctx: Context, out: Output, muted: Muted): Promise<number> {
  // a context line's name is followed by `-` (but -Z's NUL stays)
  const sepAfterName = painted(o, 'se', ':')
  const contextPrefix = prefix === '' || o.nameEnd === '\0' ? prefix : prefix.slice(0, -sepAfterName.length) + painted(o, 'se', '-')
  const print = (line: string, lineno: number, offset: number, selected: boolean): void => {
    if (o.onlyMatching) {
      if (selected && !o.invert) for (const t of matchesIn(line, m)) out.push(lineHead(prefix, o, lineno, offset + (o.byteOffset ? encodedLength(line.slice(0, t.at)) : 0), ':') + painted(o, 'ms', t.text) + o.eol)
      return
    }
    out.push(lineHead(selected ? prefix : contextPrefix, o, lineno, offset, selected ? ':' : '-') + (selected ? highlighted(line, m, o) : line) + o.eol)
  }
  let selected = 0
  let lineno = 0
  let lastPrinted = 0
  let afterLeft = 0
  let next = 0
  const held: { line: string; offset: number }[] = []
  const reader = new LineBatches(proc, fd, o.eol, o.binary !== undefined)
  // after the -m'th selected line: the lines of the batch after it, or -1 once that batch is gone
  let unused = -1
  outer: for await (const batch of reader) {
    unused = -1
    if (reader.sawNul) {
      if (o.binary === 'skip') return 0
      afterLeft = 0
    }
    for (let i = 0; i < batch.length; i++) {
      const line = batch[i]!
      lineno++
      const offset = next
      if (o.byteOffset) next += encodedLength(line) + 1
      if (selected >= o.max) {
        if (afterLeft === 0) break
        afterLeft--
        print(line, lineno, offset, false)
        continue
      }
      if (m.test(line) === o.invert) {
        if (afterLeft > 0) {
          afterLeft--
          print(line, lineno, offset, false)
          lastPrinted = lineno
        } else if (ctx.before > 0) {
          held.push({ line, offset })
          if (held.length > ctx.before) held.shift()
        }
        continue
      }
      selected++
      if (reader.sawNul) {
        // (GNU puts a `--` before the next file's group all the same)
        muted.matched = ctx.printed = true
        break outer
      }
      const first = lineno - held.length
      if (ctx.printed && (lastPrinted === 0 || first > lastPrinted + 1) && o.groupSeparator !== undefined) out.push(painted(o, 'se', o.groupSeparator) + '\n')
      for (let i = 0; i < held.length; i++) print(held[i]!.line, first + i, held[i]!.offset, false)
      held.length = 0
      print(line, lineno, offset, true)
      lastPrinted = lineno
      afterLeft = ctx.after
      ctx.printed = true
      if (selected >= o.max) unused = batch.length - i - 1
    }
    if (out.full || o.lineBuffered) await out.flush()
    if (selected >= o.max && afterLeft === 0) break
  }
  // GNU: positioned after the -m'th line, whatever trailing context was printed (where that line's read is still at hand)
  if (unused >= 0) await reader.giveBack(unused)
  return selected
}

const NEWLINE = 10

/**
 * The search for one fixed string (`grep 7`, `grep -F text`, also with -v -c -n -l -L -q -m -H):
 * decoding the input, splitting it into line strings and encoding them again was most of grep's
 * time on large inputs, so here each read is scanned once as bytes, matching the pattern with a
 * KMP automaton (linear however the pattern repeats itself), and the selected lines go out as
 * ranges of the input bytes, a run of adjacent lines in one copy. A line split across reads is
 * kept as the bytes read so far; a last line without a newline gets one, as on the line path.
 */
async function searchBytes(proc: ProcContext, fd: number, scan: FixedScan | SkipScan, o: Options, muted: Muted): Promise<number> {
  // the scan copies what it keeps of a read
  const reads = new BlockReader(proc, fd)
  // how many lines were selected before binary data muted the output
  let before = -1
  // only the first read is looked at for binary data (see Options.binary)
  let first = true
  for (;;) {
    const chunk = await reads.next()
    if (chunk.length === 0) {
      scan.end()
      break
    }
    const looked = first
    first = false
    if (looked && o.binary !== undefined && chunk.includes(0)) {
      if (o.binary === 'skip') return 0
      before = scan.selected
      scan.mute()
    }
    if (!scan.feed(chunk)) {
      if (scan.selected >= o.max && (printsLines(o) || o.count)) await giveBack(proc, fd, chunk.length - scan.usedTo)
      break
    }
    if (scan.out.full || o.lineBuffered) await scan.out.flush()
  }
  if (before >= 0 && scan.selected > before) muted.matched = true
  return scan.selected
}

/**
 * The byte search for one fixed string: without -v, and for a pattern of two bytes or more, one
 * that skips (see SkipScan); otherwise one that looks at every byte. (A one-byte pattern like
 * `grep 7` over short lines matches often: two native searches a match cost more there than
 * the automaton's loop.)
 */
function scanner(proc: ProcContext, m: Compiled, pattern: Uint8Array, prefix: string, o: Options, out: ByteOutput): FixedScan | SkipScan {
  const held = (m.held ??= new Holding(proc))
  if (o.invert || pattern.length < 2) return new FixedScan(pattern, prefix, o, out, held)
  const print = printsLines(o)
  // one for the whole run (grep -r searches thousands of files)
  m.skip ??= new SkipScan(pattern, { print, number: o.number, max: !print && !o.count ? 1 : o.max }, out, held)
  return m.skip.reset(prefix)
}

/**
 * searchBytes's state between reads. The loop over a read's bytes (`scan`) is synchronous and
 * small, for the JIT, and ends in a plain `return`: V8 optimizes a long loop while it runs (OSR),
 * before the code after it has ever run, and such code without type feedback deoptimized on every
 * read.
 */
class FixedScan {
  selected = 0
  /** Once no more lines are wanted: where in the last read the last line used ends. */
  usedTo = 0
  private lineno = 0
  private readonly fail: Int32Array
  private printLines: boolean
  private stopAtFirst: boolean
  /** KMP's state: how many pattern bytes end the current line so far; the pattern's length once it was found. */
  private k = 0
  /** The current line's bytes from earlier reads: carry[0, carried). */
  private carry = new Uint8Array(256)
  private carried = 0
  /** In the current read: where the current line starts, and the selected lines not yet copied out (all adjacent). */
  private lineStart = 0
  private runStart = 0
  private runEnd = 0

  constructor(
    private readonly pattern: Uint8Array,
    private readonly prefix: string,
    private readonly o: Options,
    readonly out: ByteOutput,
    /** What the carried line's buffer holds: an endless line ends in ELIMIT. */
    private readonly held: Holding,
  ) {
    this.fail = failureTable(pattern)
    this.printLines = printsLines(o)
    this.stopAtFirst = !this.printLines && !o.count
  }

  /** Searches one read; false once no more lines are wanted. */
  feed(chunk: Uint8Array): boolean {
    this.lineStart = this.runStart = this.runEnd = 0
    const k = this.scan(chunk)
    this.out.bytes(chunk, this.runStart, this.runEnd)
    if (k < 0) return false
    this.k = k
    if (this.lineStart < chunk.length) this.keep(chunk, this.lineStart)
    return true
  }

  /** From the next read on, prints nothing and stops at the next line selected. */
  mute(): void {
    this.printLines = false
    this.stopAtFirst = true
  }

  /** At the end of input: the last line, if it had no newline. */
  end(): void {
    if (this.carried === 0) return
    this.lineno++
    if ((this.k === this.pattern.length) === this.o.invert) return
    if (this.printLines) {
      this.out.push(this.head())
      this.out.bytes(this.carry, 0, this.carried)
      this.out.push('\n')
    }
    this.select()
  }

  /** The lines of one read; returns KMP's state at its end, or -1 once no more lines are wanted. */
  private scan(chunk: Uint8Array): number {
    const { pattern, fail } = this
    const found = pattern.length
    const first = pattern[0]!
    const invert = this.o.invert
    let k = this.k
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!
      if (b !== NEWLINE) {
        // (most bytes meet k = 0, where only the first byte matters: 15% fewer instructions)
        if (k === 0) {
          if (b === first) k = 1
        } else if (k !== found) {
          while (k > 0 && b !== pattern[k]) k = fail[k - 1]!
          if (b === pattern[k]) k++
        }
        continue
      }
      this.lineno++
      if ((k === found) !== invert && !this.selectLine(chunk, i + 1)) {
        this.usedTo = i + 1
        return -1
      }
      this.carried = 0
      k = 0
      this.lineStart = i + 1
    }
    return k
  }

  /** A selected line, ending at chunk[end - 1]: printed (or added to the run), then counted; false once no more are wanted. */
  private selectLine(chunk: Uint8Array, end: number): boolean {
    if (this.printLines) {
      const head = this.head()
      if (head !== '' || this.carried > 0 || this.lineStart !== this.runEnd) {
        this.out.bytes(chunk, this.runStart, this.runEnd)
        if (head !== '') this.out.push(head)
        this.out.bytes(this.carry, 0, this.carried)
        this.runStart = this.lineStart
      }
      this.runEnd = end
    }
    return this.select()
  }

  /** Counts a selected line; false once no more lines are wanted. */
  private select(): boolean {
    this.selected++
    return this.selected < this.o.max && !this.stopAtFirst
  }

  /** Keeps chunk[from..] as the start of a line that goes on in the next read. */
  private keep(chunk: Uint8Array, from: number): void {
    const n = chunk.length - from
    if (this.carried + n > this.carry.length) {
      const bigger = new Uint8Array(Math.max(2 * this.carry.length, this.carried + n))
      this.held.set(bigger.length)
      bigger.set(this.carry.subarray(0, this.carried))
      this.carry = bigger
    }
    this.carry.set(chunk.subarray(from), this.carried)
    this.carried += n
  }

  /** What goes before a printed line: the file name and the line number, as asked. */
  private head(): string {
    return this.o.number ? `${this.prefix}${this.lineno}:` : this.prefix
  }
}

/** An --include or --exclude glob. */
interface FileRule {
  include: boolean
  test: (name: string) => boolean
}

/**
 * Takes --include=GLOB, --exclude=GLOB and --exclude-dir=GLOB (or with the glob as the next
 * argument) out of argv, wherever they stand before `--`, as GNU grep's option permutation allows.
 */
function takeFileRules(argv: readonly string[]): { argv: string[]; rules: FileRule[]; skipDirs: ((name: string) => boolean)[] } {
  const rest: string[] = []
  const rules: FileRule[] = []
  const skipDirs: ((name: string) => boolean)[] = []
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length
  for (let i = 0; i < argv.length; i++) {
    const m = i < end ? /^--(include|exclude|exclude-dir)(?:=([\s\S]*))?$/.exec(argv[i]!) : null
    if (!m) {
      rest.push(argv[i]!)
      continue
    }
    const glob = m[2] ?? argv[++i]
    if (glob === undefined) throw new UsageError(`option '--${m[1]}' requires an argument`)
    if (m[1] === 'exclude-dir') skipDirs.push(patternTest(glob))
    else rules.push({ include: m[1] === 'include', test: patternTest(glob) })
  }
  return { argv: rest, rules, skipDirs }
}

/**
 * Whether the rules let a file be searched, as GNU grep: the last rule whose glob matches the
 * name (the whole name or a part after a `/`) decides; when none does, the file is searched
 * unless the first rule is an --include.
 */
function searchable(rules: FileRule[], name: string): boolean {
  if (rules.length === 0) return true
  const suffixes = nameSuffixes(name)
  for (let r = rules.length - 1; r >= 0; r--) if (suffixes.some(rules[r]!.test)) return rules[r]!.include
  return !rules[0]!.include
}

const SHORT = 'EFGPaIUivywxzZbcnlLqshHrRoe:f:m:A:B:C:d:'

/** GNU's long names of the flags. */
const LONG = {
  'extended-regexp': 'E',
  'fixed-strings': 'F',
  'basic-regexp': 'G',
  'perl-regexp': 'P',
  text: 'a',
  'ignore-case': 'i',
  'invert-match': 'v',
  'word-regexp': 'w',
  'line-regexp': 'x',
  'null-data': 'z',
  count: 'c',
  'line-number': 'n',
  'files-with-matches': 'l',
  'files-without-match': 'L',
  quiet: 'q',
  silent: 'q',
  'no-messages': 's',
  'no-filename': 'h',
  'with-filename': 'H',
  recursive: 'r',
  'dereference-recursive': 'R',
  'only-matching': 'o',
  regexp: 'e:',
  file: 'f:',
  'max-count': 'm:',
  'after-context': 'A:',
  'before-context': 'B:',
  context: 'C:',
  null: 'Z',
  'byte-offset': 'b',
  'line-buffered': '',
  'binary-files': ':',
  'group-separator': ':',
  'no-group-separator': '',
  label: ':',
  'no-ignore-case': '',
  directories: 'd:',
  'exclude-from': ':',
  binary: 'U',
  color: '::',
  colour: '::',
}

async function run(proc: ProcContext): Promise<number> {
  let args
  let rules: FileRule[]
  let skipDirs: ((name: string) => boolean)[]
  let longs: Record<string, string | true>
  try {
    const taken = takeFileRules(proc.argv)
    rules = taken.rules
    skipDirs = taken.skipDirs
    // options may follow the pattern and the files, as GNU's getopt lets them
    const long = longOptions(taken.argv, LONG, SHORT)
    longs = long.longs
    args = parseArgs(long.argv, SHORT, { numericFlag: 'C', permute: true })
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
  if ([flags['E'], flags['F'], flags['P']].filter(Boolean).length > 1) {
    await proc.stderr.write('grep: conflicting matchers specified\n')
    return 2
  }
  const mode = flags['P'] ? 'P' : flags['F'] ? 'F' : flags['E'] ? 'E' : 'G'
  if (mode === 'P' && patterns.length > 1) {
    await proc.stderr.write('grep: the -P option only supports a single pattern\n')
    return 2
  }
  const max = flags['m'] === undefined ? Infinity : Number(flags['m'])
  if (!Number.isInteger(max) && max !== Infinity) {
    await proc.stderr.write(`grep: invalid max count\n`)
    return 2
  }
  const contextLength = (flag: string): number | undefined => {
    const value = flags[flag]
    return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined
  }
  for (const flag of ['A', 'B', 'C']) {
    if (flags[flag] !== undefined && contextLength(flag) === undefined) {
      await proc.stderr.write(`grep: ${flags[flag]}: invalid context length argument\n`)
      return 2
    }
  }
  const around = contextLength('C') ?? 0
  const context = ['A', 'B', 'C'].some((f) => flags[f] !== undefined)
    ? { before: contextLength('B') ?? around, after: contextLength('A') ?? around, printed: false }
    : undefined
  let matcher: Compiled
  try {
    matcher = compile(patterns, mode, !!(flags['i'] || flags['y']) && longs['no-ignore-case'] === undefined, !!flags['w'], !!flags['x'], !!flags['o'])
  } catch (e) {
    if (!(e instanceof RegexError || e instanceof SyntaxError)) throw e
    await proc.stderr.write(`grep: ${e.message}\n`)
    return 2
  }
  const binaryFiles = flags['a'] ? 'text' : flags['I'] ? 'without-match' : (longs['binary-files'] ?? 'binary')
  if (binaryFiles !== 'text' && binaryFiles !== 'without-match' && binaryFiles !== 'binary') {
    await proc.stderr.write('grep: unknown binary-files type\n')
    return 2
  }
  // -d ACTION: what a directory operand is: read (an error), skip, or recurse (-r)
  const directories = typeof flags['d'] === 'string' ? flags['d'] : 'read'
  if (!['read', 'skip', 'recurse'].includes(directories)) {
    await proc.stderr.write(`grep: invalid argument '${directories}' for '--directories'\nValid arguments are: 'read', 'recurse', 'skip'\n`)
    return 1
  }
  const recursive = !!(flags['r'] || flags['R']) || directories === 'recurse'
  // --exclude-from=FILE: a glob a line, each an --exclude
  if (typeof longs['exclude-from'] === 'string') {
    try {
      for (const glob of decode(await proc.readFile(longs['exclude-from'])).split('\n')) if (glob !== '') rules.push({ include: false, test: patternTest(glob) })
    } catch (e) {
      await proc.stderr.write(`grep: ${longs['exclude-from']}: ${reasonOf(e)}\n`)
      return 2
    }
  }
  const stdinName = typeof longs['label'] === 'string' ? longs['label'] : '(standard input)'
  if (recursive && operands.length === 0) operands = ['.']
  // --color[=WHEN]: always, never, or auto (the default for the word alone): on a console
  const when = longs['color'] ?? longs['colour']
  const colorWhen = when === undefined ? 'never' : when === true ? 'auto' : when
  if (!['always', 'yes', 'force', 'never', 'no', 'none', 'auto', 'tty', 'if-tty'].includes(colorWhen)) {
    await proc.stderr.write(`grep: invalid argument '${colorWhen}' for '--color'\n`)
    return 2
  }
  let paint: Paint | undefined
  if (['always', 'yes', 'force'].includes(colorWhen) || (['auto', 'tty', 'if-tty'].includes(colorWhen) && proc.isatty(1) && proc.env['TERM'] !== 'dumb')) paint = painter(proc.env['GREP_COLORS'])
  // under -z a NUL ends a line: it is no sign of binary data there; unprinted lines need none
  const printing = !flags['c'] && !flags['l'] && !flags['L'] && !flags['q']
  const binary = flags['z'] || binaryFiles === 'text' ? undefined : binaryFiles === 'without-match' ? 'skip' : printing ? 'mute' : undefined
  // (every field set here, so the object keeps one shape for the loops that read it)
  const o: Options = {
    binary,
    paint,
    invert: !!flags['v'],
    count: !!flags['c'],
    number: !!flags['n'],
    listMatching: !!flags['l'],
    listMissing: !!flags['L'],
    quiet: !!flags['q'],
    silent: !!flags['s'],
    onlyMatching: !!flags['o'],
    withName: flags['h'] ? false : !!flags['H'] || operands.length > 1 || recursive,
    nameEnd: flags['Z'] ? '\0' : ':',
    byteOffset: !!flags['b'],
    lineBuffered: longs['line-buffered'] === true,
    max,
    context,
    groupSeparator: longs['no-group-separator'] !== undefined ? undefined : typeof longs['group-separator'] === 'string' ? longs['group-separator'] : '--',
    eol: flags['z'] ? '\0' : '\n',
  }
  // the byte search prints no context, offsets or colours, and knows only newlines
  if (context || flags['z'] || flags['b'] || o.paint) matcher.fixed = undefined
  const out = matcher.fixed ? new ByteOutput(proc) : new OutputBuffer(proc)
  // where the search is the byte search, small files are read whole
  const readWhole = out instanceof ByteOutput
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
  // what a small file read whole at once is copied into (searchWhole keeps none of it)
  const wholeBuffer = readWhole ? new Uint8Array(CHUNK) : undefined
  /**
   * Searches a listed file at once, where it can be read whole at once (from its directory open
   * as `dirFd`: readFileAt, a host directory; else an in-memory tree: readFileNow): no descriptor
   * and no promise. False where it was not (its fileserver must wait, it is larger, or there is
   * an error to report): search it by searchPath then.
   */
  const searchNow = (name: string, entry: Dir, absDir: string, dirFd: number | undefined): boolean => {
    if (wholeBuffer === undefined) return false
    if (rules.length > 0 && !searchable(rules, entry.name)) return true
    const whole = dirFd === undefined ? proc.readFileNow(joinName(absDir, entry.name), CHUNK, wholeBuffer) : proc.readFileAt(dirFd, entry.name, CHUNK, wholeBuffer)
    if (whole === undefined) return false
    const selected = searchWhole(proc, whole, name, matcher, o, out as ByteOutput)
    if (selected < 0) return false
    if (selected > 0) found = true
    return true
  }
  /**
   * Searches a file, or a directory's files under -r; `known` is its stat when a listing gave it,
   * `at` its clean absolute path (a listed name joined to its directory's: no path to clean again)
   * and `dirFd` its directory, open, which a listed file is opened from.
   */
  const searchPath = async (name: string, known?: Dir, at?: string, dirFd?: number): Promise<void> => {
    if (o.quiet && found) return
    let fd: number
    try {
      if (isDirEntry(known ?? (await proc.stat(name)))) {
        if (!recursive) return directories === 'skip' ? undefined : await complain(name, new NineError('EISDIR'))
        // --exclude-dir: a listed directory by its own name, one named on the command line by any part
        if (skipDirs.length > 0 && (known ? skipDirs.some((skip) => skip(known.name)) : nameSuffixes(name).some((n) => skipDirs.some((skip) => skip(n))))) return
        const dir = name.replace(/(.)\/+$/, '$1')
        const absDir = at ?? proc.abs(dir)
        const listed = proc.readdirNow(absDir)
        const entries = (listed ?? (await proc.readdir(absDir))).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        // An in-memory directory is not opened; another is, and its files are opened from it, or
        // by path where it cannot be opened (no descriptor left).
        const opened = listed === undefined ? await proc.open(absDir).catch(() => undefined) : undefined
        // its files searched at once, in one loop, where they can be
        const now = listed !== undefined || opened !== undefined
        try {
          for (const entry of entries) {
            if (o.quiet && found) return
            const child = joinName(dir, entry.name)
            if (isDirEntry(entry) || !now || !searchNow(child, entry, absDir, opened)) await searchPath(child, entry, joinName(absDir, entry.name), opened)
            else if (out.full) await out.flush()
          }
        } finally {
          if (opened !== undefined) await proc.close(opened)
        }
        return
      }
      // a file met inside a directory is judged by its own name only
      if (rules.length > 0 && !searchable(rules, known ? basename(name) : name)) return
      fd = dirFd !== undefined && known !== undefined ? await proc.openAt(dirFd, known.name) : await proc.open(at ?? name)
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
  const searchStdin = async (): Promise<void> => {
    try {
      await search(0, stdinName)
    } catch (e) {
      await complain(stdinName, e)
    }
  }
  if (operands.length === 0) await searchStdin()
  for (const name of operands) {
    if (name === '-') await searchStdin()
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
  help: `-E extended regexps  -F fixed strings  -G basic regexps (default)  -P Perl regexps
-z lines end with a NUL byte, in and out (for find -print0, xargs -0)
-i ignore case  -v select non-matching lines  -w whole words  -x whole lines
-c count  -n line numbers  -b byte offsets  -l/-L list files with/without matches  -o only the matches
-Z a NUL after each file name  --line-buffered  write the output at every read
-q quiet  -s no file errors  -h/-H without/with file names  -r search directories
-m N stop after N lines  -e PATTERN (repeatable)  -f FILE patterns from a file
-A N / -B N / -C N (or -N)  N lines of context after / before / around each selected line
-a read binary data (a NUL byte) as text: without it, a binary input's lines are not printed, only
   that it matches  -I (--binary-files=without-match) such an input has no match  -U accepted
--include=GLOB / --exclude=GLOB  search only / skip those files
--exclude-dir=GLOB  under -r, skip the directories it matches  --exclude-from=FILE  a glob a line
-d read|skip|recurse  what a directory operand is: an error, nothing, or as under -r
--color[=always|auto|never]  colour names, numbers and matches (GREP_COLORS)  --label=NAME  standard input's name
--group-separator=SEP / --no-group-separator  the line between context groups  --no-ignore-case
GNU's long names of the flags too`,
  run,
})
