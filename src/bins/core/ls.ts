/**
 * ls: list files and directories, sorted by name (byte order, as GNU ls in the C locale).
 * Long lines have no link count: mode, owner, group, size, time, name. A union directory's
 * duplicate names are all shown. Exit 2 when an operand cannot be listed, 1 for a subdirectory.
 */
import { command, fail, LineWriter } from '../lib.ts'
import type { Dir, ExitCode, ProcContext } from '../../kernel/types.ts'
import { parseArgsOr } from '../util/args.ts'
import { childPath, isDir, usedKiB } from '../util/files.ts'
import { modeString } from '../util/modes.ts'
import { diffTime, lsTime, SIX_MONTHS } from '../util/timefmt.ts'
import { strftime } from '../util/strftime.ts'
import { QUOTING_STYLES, quoteName, type QuotingStyle } from '../util/quoting.ts'
import { localZone, type Zone } from '../util/timezone.ts'
import { versionCompare } from '../util/version.ts'

const USAGE = '[-1AabCdFhilmNpQRrSstUvXx] [-w cols] [--quoting-style=WORD] [--color[=WHEN]] [--sort=WORD] [--time-style=STYLE] [--full-time] [--group-directories-first] [file ...]'

/** GNU's long names for ls's options, and the long-only ones. */
const LONG = {
  all: 'a',
  'almost-all': 'A',
  directory: 'd',
  classify: 'F',
  'human-readable': 'h',
  inode: 'i',
  recursive: 'R',
  reverse: 'r',
  size: 's',
  sort: ':',
  'time-style': ':',
  'full-time': '',
  'group-directories-first': '',
  literal: 'N',
  'quote-name': 'Q',
  escape: 'b',
  'quoting-style': ':',
  width: 'w:',
}

type SortBy = 'name' | 'size' | 'time' | 'none' | 'version' | 'extension' | 'width'
const SORT_WORDS: Record<string, SortBy> = { name: 'name', none: 'none', size: 'size', time: 'time', version: 'version', extension: 'extension', width: 'width' }

interface Options {
  all: boolean
  /** -a: also `.` and `..`. */
  dots: boolean
  /** -p marks directories with `/`, -F also executables with `*`. */
  indicators: 'none' | 'slash' | 'classify'
  long: boolean
  recursive: boolean
  oneColumn: boolean
  /** -x: columns filled across, not down. */
  across: boolean
  /** -m: names separated by commas, lines filled to the width. */
  commas: boolean
  sortBy: SortBy
  /** --group-directories-first */
  directoriesFirst: boolean
  /** -s: each file's size in 1K blocks (as du counts them) before its name. */
  blocks: boolean
  /** --time-style: how -l shows times; undefined for GNU's default (the date, and the time within six months). */
  timeStyle: string | undefined
  reverse: boolean
  /** -h: sizes in K, M, G… */
  human: boolean
  /** -i: the file's number (its qid path) before its name. */
  inode: boolean
  /** --color: directories and executables coloured as GNU's default colours. */
  color: boolean
  /** Terminal width when writing columns to a console; 0 for one name a line. */
  width: number
  /** How names are quoted (util/quoting.ts). */
  quoting: QuotingStyle
}

const COLOR_WHEN: Record<string, boolean | 'auto'> = { always: true, yes: true, force: true, never: false, no: false, none: false, auto: 'auto', tty: 'auto', 'if-tty': 'auto' }

interface Entry {
  /** What is printed: the operand as written, or the name within its directory. */
  name: string
  dir: Dir
}

export const ls = command({
  name: 'ls',
  usage: USAGE,
  summary: 'list directory contents',
  help: [
    '  -a      show names starting with a dot, . and .. included',
    '  -A      show names starting with a dot, except . and ..',
    '  -d      list directories themselves, not their contents',
    '  -F      append / to directories and * to executables',
    '  -l      long format: mode, links, owner, group, size, modification time, name (as GNU\'s)',
    '  -p      append / to directories',
    '  -R      list subdirectories recursively',
    '  -1      one name per line (the default when not writing to a console)',
    '  -C      names in columns, down (the default on a console); -x across; -m separated by commas',
    '  -t      sort by modification time, newest first',
    '  -S      sort by size, largest first',
    '  -v      sort by version (v1.2 before v1.10); -X by extension; -U not at all',
    '  -r      reverse the order',
    '  -h      sizes in K, M, G (powers of 1024) with -l and -s',
    '  -i      print each file\'s number (its qid path) before its name',
    '  -s      print each file\'s size in 1K blocks before its name',
    '  --sort=name|size|time|version|extension|width|none',
    '  --time-style=full-iso|long-iso|iso|locale|+FORMAT  times of -l (--full-time: -l and full-iso)',
    '  --group-directories-first',
    '  --color[=always|auto|never]  colour directories and executables (auto: on a console)',
    '  --quoting-style=literal|shell|shell-always|shell-escape|shell-escape-always|c|escape|locale',
    '          how names are quoted (default: shell-escape on a console, else literal, or $QUOTING_STYLE);',
    '          -N literal, -Q c, -b escape',
    '  -w COLS  the width of columns and of -m\'s lines (0: no limit; default $COLUMNS, else 80)',
  ].join('\n'),
  async run(proc) {
    const colorWords = proc.argv.filter((a) => /^--color(=|$)/.test(a))
    let color = false
    for (const word of colorWords) {
      const when = word.includes('=') ? word.slice(word.indexOf('=') + 1) : 'always'
      const chosen = COLOR_WHEN[when]
      if (chosen === undefined) {
        await proc.stderr.write(`ls: invalid argument '${when}' for '--color'\n`)
        return 1
      }
      color = (chosen === 'auto' ? proc.isatty(1) : chosen) && proc.env.TERM !== 'dumb'
    }
    const args = await parseArgsOr(proc, 'ls', USAGE, 'aAbCdFhilmNpQR1rSstUvXxw:', 2, proc.argv.filter((a) => !colorWords.includes(a)), LONG)
    if (typeof args === 'number') return args
    const { flags, longs } = args
    let sortBy: SortBy = flags.U === true ? 'none' : flags.S === true ? 'size' : flags.t === true ? 'time' : flags.v === true ? 'version' : flags.X === true ? 'extension' : 'name'
    if (typeof longs['sort'] === 'string') {
      const chosen = SORT_WORDS[longs['sort']]
      if (chosen === undefined) {
        await proc.stderr.write(`ls: invalid argument '${longs['sort']}' for '--sort'\n`)
        // (GNU's status here, where a bad --time-style is 2)
        return 1
      }
      sortBy = chosen
    }
    const timeStyle = longs['full-time'] === true ? 'full-iso' : typeof longs['time-style'] === 'string' ? longs['time-style'].replace(/^posix-/, '') : undefined
    if (timeStyle !== undefined && !['full-iso', 'long-iso', 'iso', 'locale'].includes(timeStyle) && !timeStyle.startsWith('+')) {
      await proc.stderr.write(`ls: invalid argument '${timeStyle}' for 'time style'\n`)
      return 2
    }
    const quoting = typeof longs['quoting-style'] === 'string' ? longs['quoting-style'] : flags.Q ? 'c' : flags.b ? 'escape' : flags.N ? 'literal' : (QUOTING_STYLES as readonly string[]).includes(proc.env['QUOTING_STYLE'] ?? '') ? proc.env['QUOTING_STYLE']! : proc.isatty(1) ? 'shell-escape' : 'literal'
    if (!(QUOTING_STYLES as readonly string[]).includes(quoting)) {
      await proc.stderr.write(`ls: invalid argument '${quoting}' for '--quoting-style'\n`)
      return 1
    }
    const opts: Options = {
      quoting: quoting as QuotingStyle,
      all: flags.a === true || flags.A === true,
      dots: flags.a === true,
      indicators: flags.F === true ? 'classify' : flags.p === true ? 'slash' : 'none',
      long: flags.l === true || longs['full-time'] === true,
      recursive: flags.R === true && flags.d !== true,
      oneColumn: flags['1'] === true,
      across: flags.x === true,
      commas: flags.m === true,
      sortBy,
      directoriesFirst: longs['group-directories-first'] === true,
      blocks: flags.s === true,
      timeStyle: timeStyle === 'locale' ? undefined : timeStyle,
      reverse: flags.r === true,
      human: flags.h === true,
      inode: flags.i === true,
      color,
      width: 0,
    }
    // columns on a console; -C, -x and -m make them, at $COLUMNS or 80, wherever the output goes
    const columnsAsked = flags.C === true || opts.across || opts.commas
    // -w COLS: the width (0: no limit), else $COLUMNS, else 80
    const asked = typeof flags.w === 'string' ? flags.w : undefined
    if (asked !== undefined && !/^\d+$/.test(asked)) {
      await proc.stderr.write(`ls: invalid line width: '${asked}'\n`)
      return 2
    }
    const width = asked === undefined ? Number(proc.env.COLUMNS) || 80 : Number(asked) || Infinity
    if (!opts.long && !opts.oneColumn && (proc.isatty(1) || columnsAsked)) opts.width = Math.max(1, width)
    const operands = args.operands.length > 0 ? args.operands : ['.']
    const out = new LineWriter(proc)
    let status: ExitCode = 0
    const files: Entry[] = []
    const dirs: Entry[] = []
    for (const name of operands) {
      try {
        const dir = await proc.stat(name)
        ;(isDir(dir) && flags.d !== true ? dirs : files).push({ name, dir })
      } catch (e) {
        await fail(proc, 'ls', name, e)
        status = 2
      }
    }
    const lister = new Lister(proc, out, opts)
    if (files.length > 0) await lister.block(sortEntries(files, opts), false)
    const headers = operands.length > 1 || opts.recursive
    for (const d of sortEntries(dirs, opts)) {
      if (!(await lister.directory(d.name, headers))) status = 2
    }
    await out.flush()
    return lister.failed && status === 0 ? 1 : status
  },
})

class Lister {
  /** Whether something has been printed (a blank line separates blocks). */
  private printed = false
  /** A subdirectory could not be read. */
  failed = false
  /** A name has been coloured. */
  private coloured = false
  /** The block being printed has names in quotes that the others align with (label). */
  private quotedAlign = false
  private readonly now = Math.floor(Date.now() / 1000)
  private readonly zone: Zone

  constructor(
    private readonly proc: ProcContext,
    private readonly out: LineWriter,
    private readonly opts: Options,
  ) {
    this.zone = localZone(proc.env)
  }

  /** Lists a directory (and with -R its subdirectories); false if it could not be read. */
  async directory(path: string, header: boolean): Promise<boolean> {
    let entries: Entry[]
    try {
      const dirs = await this.proc.readdir(path)
      entries = this.opts.dots ? await this.dots(path) : []
      for (const dir of dirs) if (this.opts.all || !dir.name.startsWith('.')) entries.push({ name: dir.name, dir })
    } catch (e) {
      await this.out.flush()
      await fail(this.proc, 'ls', path, e)
      return false
    }
    if (this.printed) await this.out.write('\n')
    if (header) await this.out.write(`${quoteName(path, this.opts.quoting)}:\n`)
    sortEntries(entries, this.opts)
    await this.block(entries, true)
    if (this.opts.recursive) {
      for (const e of entries) {
        if (isDir(e.dir) && !isDotOrDotDot(e.name) && !(await this.directory(childPath(path, e.name), true))) this.failed = true
      }
    }
    return true
  }

  /** `.` and `..` for -a: the directory itself and its parent. */
  private async dots(path: string): Promise<Entry[]> {
    return [
      { name: '.', dir: await this.proc.stat(path) },
      { name: '..', dir: await this.proc.stat(childPath(path, '..')) },
    ]
  }

  /** Prints entries in the chosen format; `total` is for a directory's contents in long format. */
  async block(entries: Entry[], total: boolean): Promise<void> {
    this.printed = true
    // in a long listing or columns, a shell style's quotes hang left of the names: the others get a space
    const style = this.opts.quoting
    this.quotedAlign = style.startsWith('shell') && (this.opts.long || (this.opts.width > 0 && !this.opts.commas)) && entries.some((e) => quoteName(e.name, style) !== e.name)
    if (total && (this.opts.long || this.opts.blocks)) await this.total(entries)
    if (this.opts.long) await this.long(entries)
    else if (this.opts.commas) await this.commas(entries)
    else if (this.opts.width > 0) await this.columns(entries)
    // one write for the block: the entries are in memory already, and an await per name is not free
    else if (entries.length > 0) {
      const widths = this.prefixWidths(entries)
      await this.out.write(entries.map((e) => this.numbered(e, widths)).join('\n') + '\n')
    }
  }

  /** A directory's total, in 1K blocks counted as du counts them (ext4's allocation, as GNU ls there). */
  private async total(entries: Entry[]): Promise<void> {
    let blocks = 0
    for (const e of entries) blocks += usedKiB(e.dir)
    await this.out.write(`total ${this.opts.human ? humanSize(blocks * 1024) : blocks}\n`)
  }

  /** -s's figure for a file: its 1K blocks (with -h, as a size). */
  private blockCount(dir: Dir): string {
    return this.opts.human ? humanSize(usedKiB(dir) * 1024) : String(usedKiB(dir))
  }

  /** The widths -i's numbers and -s's blocks are right-aligned to in a block. */
  private prefixWidths(entries: Entry[]): Prefix {
    let inode = 0
    let blocks = 0
    for (const { dir } of entries) {
      if (this.opts.inode) inode = Math.max(inode, String(dir.qid.path).length)
      if (this.opts.blocks) blocks = Math.max(blocks, this.blockCount(dir).length)
    }
    return { inode, blocks }
  }

  /** -m: `a, b, c`, a line filled up to the width. */
  private async commas(entries: Entry[]): Promise<void> {
    const widths = this.prefixWidths(entries)
    let line = ''
    let lineWidth = 0
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!
      const text = this.numbered(e, widths) + (i < entries.length - 1 ? ',' : '')
      const width = this.shownWidth(e, widths) + (i < entries.length - 1 ? 1 : 0)
      if (lineWidth > 0 && lineWidth + 1 + width > this.opts.width) {
        await this.out.write(line + '\n')
        line = ''
        lineWidth = 0
      }
      line += (lineWidth > 0 ? ' ' : '') + text
      lineWidth += (lineWidth > 0 ? 1 : 0) + width
    }
    if (line !== '') await this.out.write(line + '\n')
  }

  /** The name quoted in the style asked for, a space before it where other names' quotes hang. */
  private label(name: string): string {
    const quoted = quoteName(name, this.opts.quoting)
    return this.quotedAlign && quoted === name ? ' ' + name : quoted
  }

  /** The name as printed: coloured with --color, then its -p/-F indicator. */
  private shown(entry: Entry): string {
    const { dir } = entry
    const painted = this.painted(entry)
    const kind = this.opts.indicators
    if (kind === 'none') return painted
    if (isDir(dir)) return painted + '/'
    return kind === 'classify' && (dir.mode & 0o111) !== 0 ? painted + '*' : painted
  }

  /** How many columns `numbered` takes on the screen (colour escapes take none). */
  private shownWidth(entry: Entry, widths: Prefix): number {
    const { dir } = entry
    const kind = this.opts.indicators
    const mark = kind !== 'none' && (isDir(dir) || (kind === 'classify' && (dir.mode & 0o111) !== 0)) ? 1 : 0
    return this.label(entry.name).length + mark + (this.opts.inode ? widths.inode + 1 : 0) + (this.opts.blocks ? widths.blocks + 1 : 0)
  }

  /** The shown name after its prefix. */
  private numbered(entry: Entry, widths: Prefix): string {
    return this.prefix(entry.dir, widths) + this.shown(entry)
  }

  /** -i's number and -s's blocks, each right-aligned to its width, and a space after each. */
  private prefix(dir: Dir, widths: Prefix): string {
    let prefix = ''
    if (this.opts.inode) prefix += String(dir.qid.path).padStart(widths.inode) + ' '
    if (this.opts.blocks) prefix += this.blockCount(dir).padStart(widths.blocks) + ' '
    return prefix
  }

  /** GNU's default colours: bold blue directories (black on green when others may write them), bold green executables. */
  private painted(entry: Entry): string {
    const { dir } = entry
    const name = this.label(entry.name)
    if (!this.opts.color) return name
    const code = isDir(dir) ? ((dir.mode & 0o002) !== 0 ? '34;42' : '01;34') : (dir.mode & 0o111) !== 0 ? '01;32' : ''
    if (code === '') return name
    // GNU resets the terminal's attributes once, before its first colour
    const reset = this.coloured ? '' : '\x1b[0m'
    this.coloured = true
    return `${reset}\x1b[${code}m${name}\x1b[0m`
  }

  private async long(entries: Entry[]): Promise<void> {
    const widths = this.prefixWidths(entries)
    const size = (n: number): string => (this.opts.human ? humanSize(n) : String(n))
    let uidWidth = 0
    let gidWidth = 0
    let sizeWidth = 0
    let linksWidth = 0
    for (const { dir } of entries) {
      linksWidth = Math.max(linksWidth, String(dir.nlink ?? 1).length)
      uidWidth = Math.max(uidWidth, dir.uid.length)
      gidWidth = Math.max(gidWidth, dir.gid.length)
      sizeWidth = Math.max(sizeWidth, size(dir.length).length)
    }
    for (const e of entries) {
      const dir = e.dir
      await this.out.write(
        // the names a file has, where GNU's has its link count (so awk's $5 is the size in both)
        `${this.prefix(dir, widths)}${modeString(dir.mode)} ${String(dir.nlink ?? 1).padStart(linksWidth)} ${dir.uid.padEnd(uidWidth)} ${dir.gid.padEnd(gidWidth)} ${size(dir.length).padStart(sizeWidth)} ${this.time(dir.mtime)} ${this.shown(e)}\n`,
      )
    }
  }

  /** A modification time in the --time-style asked for. */
  private time(sec: number): string {
    const style = this.opts.timeStyle
    if (style === undefined) return lsTime(sec, this.now, this.zone)
    const iso = diffTime(sec, this.zone)
    if (style === 'full-iso') return iso
    if (style === 'long-iso') return iso.slice(0, 16)
    const recent = sec > this.now - SIX_MONTHS && sec <= this.now
    if (style === 'iso') return recent ? iso.slice(5, 16) : iso.slice(0, 10) + ' '
    // +FORMAT, or +OLD\nRECENT
    const [old, newer] = style.slice(1).split('\n')
    return strftime(recent && newer !== undefined ? newer : old!, new Date(sec * 1000), 0, this.zone)
  }

  /** Names down columns, as many columns as fit the width (GNU ls on a terminal). */
  private async columns(entries: Entry[]): Promise<void> {
    if (entries.length === 0) return
    const prefix = this.prefixWidths(entries)
    const names = entries.map((e) => this.numbered(e, prefix))
    // the widths the names take on the screen
    const widthsOf = entries.map((e) => this.shownWidth(e, prefix))
    const width = this.opts.width
    const n = names.length
    // which name is at row r, column c: down the columns, or across them with -x
    const at = (rows: number, cols: number, r: number, c: number): number => (this.opts.across ? r * cols + c : c * rows + r)
    let rows = n
    let cols = 1
    let widths = [longest(widthsOf, Array.from({ length: n }, (_, i) => i))]
    for (let tryCols = Math.min(n, Math.ceil(width / 3)); tryCols > 1; tryCols--) {
      const r = Math.ceil(n / tryCols)
      if (!this.opts.across && Math.ceil(n / r) !== tryCols) continue
      const w: number[] = []
      for (let c = 0; c < tryCols; c++) {
        const members: number[] = []
        for (let k = 0; k < r; k++) if (at(r, tryCols, k, c) < n) members.push(at(r, tryCols, k, c))
        w.push(longest(widthsOf, members))
      }
      if (w.reduce((a, b) => a + b, 0) + 2 * (tryCols - 1) <= width) {
        rows = r
        cols = tryCols
        widths = w
        break
      }
    }
    for (let r = 0; r < rows; r++) {
      let line = ''
      let column = 0
      for (let c = 0; c < cols; c++) {
        const i = at(rows, cols, r, c)
        if (i >= n) break
        line += names[i]!
        const next = at(rows, cols, r, c + 1)
        if (c === cols - 1 || next >= n) break
        // (no width, no tab stops: GNU pads with spaces then)
        line += width === Infinity ? ' '.repeat(widths[c]! + 2 - widthsOf[i]!) : indent(column + widthsOf[i]!, column + widths[c]! + 2)
        column += widths[c]! + 2
      }
      await this.out.write(line + '\n')
    }
  }
}

const isDotOrDotDot = (name: string): boolean => name === '.' || name === '..'

const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
const extension = (name: string): string => (name.lastIndexOf('.') > 0 ? name.slice(name.lastIndexOf('.') + 1) : '')

/** In the order asked for (--sort=none: as the directory lists them), reversed with -r; with --group-directories-first the directories first either way. */
function sortEntries(entries: Entry[], opts: Options): Entry[] {
  const by = opts.sortBy
  if (by !== 'none') {
    entries.sort((a, b) => {
      if (by === 'size' && a.dir.length !== b.dir.length) return b.dir.length - a.dir.length
      if (by === 'time' && a.dir.mtime !== b.dir.mtime) return b.dir.mtime - a.dir.mtime
      if (by === 'width' && a.name.length !== b.name.length) return a.name.length - b.name.length
      if (by === 'version') return versionCompare(a.name, b.name) || byName(a, b)
      if (by === 'extension') return byName({ name: extension(a.name), dir: a.dir }, { name: extension(b.name), dir: b.dir }) || byName(a, b)
      return byName(a, b)
    })
  }
  if (opts.reverse) entries.reverse()
  if (opts.directoriesFirst) {
    const dirs = entries.filter((e) => isDir(e.dir))
    const rest = entries.filter((e) => !isDir(e.dir))
    entries.splice(0, entries.length, ...dirs, ...rest)
  }
  return entries
}

/** GNU's padding between columns: tabs to the 8-column stops where a tab fits, then spaces. */
function indent(from: number, to: number): string {
  let pad = ''
  while (from < to) {
    if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
      pad += '\t'
      from += 8 - (from % 8)
    } else {
      pad += ' '
      from++
    }
  }
  return pad
}

function longest(widths: number[], members: number[]): number {
  let max = 0
  for (const i of members) max = Math.max(max, widths[i]!)
  return max
}

/** Where -i's numbers and -s's blocks are right-aligned in a block. */
interface Prefix {
  inode: number
  blocks: number
}

/** -h: GNU's human sizes, rounded up: 512, 3.0K (one decimal below 10), 12K, 1.5M. */
function humanSize(n: number): string {
  const units = ['K', 'M', 'G', 'T', 'P', 'E']
  if (n < 1024) return String(n)
  let value = n
  for (const unit of units) {
    value /= 1024
    if (value < 10) {
      const tenths = Math.ceil(value * 10 - 1e-9) / 10
      if (tenths < 10) return tenths.toFixed(1) + unit
    }
    if (Math.ceil(value) < 1024 || unit === 'E') return Math.ceil(value) + unit
  }
  return String(n)
}
