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
import { lsTime } from '../util/timefmt.ts'

const USAGE = '[-1AadFhilpRrSt] [--color[=WHEN]] [file ...]'

interface Options {
  all: boolean
  /** -a: also `.` and `..`. */
  dots: boolean
  /** -p marks directories with `/`, -F also executables with `*`. */
  indicators: 'none' | 'slash' | 'classify'
  long: boolean
  recursive: boolean
  oneColumn: boolean
  byTime: boolean
  bySize: boolean
  reverse: boolean
  /** -h: sizes in K, M, G… */
  human: boolean
  /** -i: the file's number (its qid path) before its name. */
  inode: boolean
  /** --color: directories and executables coloured as GNU's default colours. */
  color: boolean
  /** Terminal width when writing columns to a console; 0 for one name a line. */
  width: number
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
    '  -t      sort by modification time, newest first',
    '  -S      sort by size, largest first',
    '  -r      reverse the order',
    '  -h      sizes in K, M, G (powers of 1024) with -l',
    '  -i      print each file\'s number (its qid path) before its name',
    '  --color[=always|auto|never]  colour directories and executables (auto: on a console)',
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
    const args = await parseArgsOr(proc, 'ls', USAGE, 'aAdFhilpR1rSt', 2, proc.argv.filter((a) => !colorWords.includes(a)))
    if (typeof args === 'number') return args
    const { flags } = args
    const opts: Options = {
      all: flags.a === true || flags.A === true,
      dots: flags.a === true,
      indicators: flags.F === true ? 'classify' : flags.p === true ? 'slash' : 'none',
      long: flags.l === true,
      recursive: flags.R === true && flags.d !== true,
      oneColumn: flags['1'] === true,
      byTime: flags.t === true,
      bySize: flags.S === true,
      reverse: flags.r === true,
      human: flags.h === true,
      inode: flags.i === true,
      color,
      width: 0,
    }
    if (!opts.long && !opts.oneColumn && proc.isatty(1)) opts.width = Math.max(1, Number(proc.env.COLUMNS) || 80)
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
  private readonly now = Math.floor(Date.now() / 1000)

  constructor(
    private readonly proc: ProcContext,
    private readonly out: LineWriter,
    private readonly opts: Options,
  ) {}

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
    if (header) await this.out.write(`${path}:\n`)
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
    if (this.opts.long) await this.long(entries, total)
    else if (this.opts.width > 0) await this.columns(entries)
    // one write for the block: the entries are in memory already, and an await per name is not free
    else if (entries.length > 0) await this.out.write(entries.map((e) => this.numbered(e, 0)).join('\n') + '\n')
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

  /** How many columns `shown` takes on the screen (its colour escapes take none). */
  private shownWidth(entry: Entry): number {
    const { dir } = entry
    const kind = this.opts.indicators
    const mark = kind !== 'none' && (isDir(dir) || (kind === 'classify' && (dir.mode & 0o111) !== 0)) ? 1 : 0
    return entry.name.length + mark + (this.opts.inode ? String(dir.qid.path).length + 1 : 0)
  }

  /** With -i, the file's number (right-aligned to `width`) before the shown name. */
  private numbered(entry: Entry, width: number): string {
    return this.opts.inode ? `${String(entry.dir.qid.path).padStart(width)} ${this.shown(entry)}` : this.shown(entry)
  }

  /** GNU's default colours: bold blue directories (black on green when others may write them), bold green executables. */
  private painted({ name, dir }: Entry): string {
    if (!this.opts.color) return name
    const code = isDir(dir) ? ((dir.mode & 0o002) !== 0 ? '34;42' : '01;34') : (dir.mode & 0o111) !== 0 ? '01;32' : ''
    if (code === '') return name
    // GNU resets the terminal's attributes once, before its first colour
    const reset = this.coloured ? '' : '\x1b[0m'
    this.coloured = true
    return `${reset}\x1b[${code}m${name}\x1b[0m`
  }

  private async long(entries: Entry[], total: boolean): Promise<void> {
    if (total) {
      // in 1K blocks, counted as du counts them (ext4's allocation, as GNU ls there)
      let blocks = 0
      for (const e of entries) blocks += usedKiB(e.dir)
      await this.out.write(`total ${this.opts.human ? humanSize(blocks * 1024) : blocks}\n`)
    }
    const size = (n: number): string => (this.opts.human ? humanSize(n) : String(n))
    let uidWidth = 0
    let gidWidth = 0
    let sizeWidth = 0
    let inodeWidth = 0
    let linksWidth = 0
    for (const { dir } of entries) {
      linksWidth = Math.max(linksWidth, String(dir.nlink ?? 1).length)
      uidWidth = Math.max(uidWidth, dir.uid.length)
      gidWidth = Math.max(gidWidth, dir.gid.length)
      sizeWidth = Math.max(sizeWidth, size(dir.length).length)
      inodeWidth = Math.max(inodeWidth, String(dir.qid.path).length)
    }
    for (const e of entries) {
      const dir = e.dir
      const inode = this.opts.inode ? String(dir.qid.path).padStart(inodeWidth) + ' ' : ''
      await this.out.write(
        // the names a file has, where GNU's has its link count (so awk's $5 is the size in both)
        `${inode}${modeString(dir.mode)} ${String(dir.nlink ?? 1).padStart(linksWidth)} ${dir.uid.padEnd(uidWidth)} ${dir.gid.padEnd(gidWidth)} ${size(dir.length).padStart(sizeWidth)} ${lsTime(dir.mtime, this.now)} ${this.shown(e)}\n`,
      )
    }
  }

  /** Names down columns, as many columns as fit the width (GNU ls on a terminal). */
  private async columns(entries: Entry[]): Promise<void> {
    if (entries.length === 0) return
    let inodeWidth = 0
    if (this.opts.inode) for (const { dir } of entries) inodeWidth = Math.max(inodeWidth, String(dir.qid.path).length)
    const names = entries.map((e) => this.numbered(e, inodeWidth))
    // the widths the names take on the screen
    const widthsOf = entries.map((e) => this.shownWidth(e) + (this.opts.inode ? inodeWidth - String(e.dir.qid.path).length : 0))
    const width = this.opts.width
    let rows = names.length
    let widths = [longest(widthsOf, 0, names.length)]
    for (let cols = Math.min(names.length, Math.ceil(width / 3)); cols > 1; cols--) {
      const r = Math.ceil(names.length / cols)
      if (Math.ceil(names.length / r) !== cols) continue
      const w: number[] = []
      for (let c = 0; c < cols; c++) w.push(longest(widthsOf, c * r, Math.min(names.length, (c + 1) * r)))
      if (w.reduce((a, b) => a + b, 0) + 2 * (cols - 1) <= width) {
        rows = r
        widths = w
        break
      }
    }
    for (let r = 0; r < rows; r++) {
      let line = ''
      for (let c = 0; c < widths.length; c++) {
        const name = names[c * rows + r]
        if (name === undefined) break
        const last = c === widths.length - 1 || names[(c + 1) * rows + r] === undefined
        line += last ? name : name + ' '.repeat(widths[c]! + 2 - widthsOf[c * rows + r]!)
      }
      await this.out.write(line + '\n')
    }
  }
}

const isDotOrDotDot = (name: string): boolean => name === '.' || name === '..'

function sortEntries(entries: Entry[], opts: Options): Entry[] {
  entries.sort((a, b) => {
    if (opts.bySize && a.dir.length !== b.dir.length) return b.dir.length - a.dir.length
    if (opts.byTime && a.dir.mtime !== b.dir.mtime) return b.dir.mtime - a.dir.mtime
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  })
  if (opts.reverse) entries.reverse()
  return entries
}

function longest(widths: number[], from: number, to: number): number {
  let max = 0
  for (let i = from; i < to; i++) max = Math.max(max, widths[i]!)
  return max
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
