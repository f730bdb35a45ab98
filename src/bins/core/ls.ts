/**
 * ls: list files and directories, sorted by name (byte order, as GNU ls in the C locale).
 * Long lines have no link count: mode, owner, group, size, time, name. A union directory's
 * duplicate names are all shown. Exit 2 when an operand cannot be listed, 1 for a subdirectory.
 */
import { command, fail, LineWriter } from '../lib.ts'
import type { Dir, ExitCode, ProcContext } from '../../kernel/types.ts'
import { parseArgsOr } from '../util/args.ts'
import { childPath, isDir } from '../util/files.ts'
import { modeString } from '../util/modes.ts'
import { lsTime } from '../util/timefmt.ts'

const USAGE = '[-1AadFlpRrSt] [file ...]'

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
  /** Terminal width when writing columns to a console; 0 for one name a line. */
  width: number
}

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
    '  -l      long format: mode, owner, group, size, modification time, name',
    '  -p      append / to directories',
    '  -R      list subdirectories recursively',
    '  -1      one name per line (the default when not writing to a console)',
    '  -t      sort by modification time, newest first',
    '  -S      sort by size, largest first',
    '  -r      reverse the order',
  ].join('\n'),
  async run(proc) {
    const args = await parseArgsOr(proc, 'ls', USAGE, 'aAdFlpR1rSt', 2)
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
    else if (this.opts.width > 0) await this.columns(entries.map((e) => this.shown(e)))
    // one write for the block: the entries are in memory already, and an await per name is not free
    else if (entries.length > 0) await this.out.write(entries.map((e) => this.shown(e)).join('\n') + '\n')
  }

  /** The name as printed: with its -p/-F indicator. */
  private shown({ name, dir }: Entry): string {
    const kind = this.opts.indicators
    if (kind === 'none') return name
    if (isDir(dir)) return name + '/'
    return kind === 'classify' && (dir.mode & 0o111) !== 0 ? name + '*' : name
  }

  private async long(entries: Entry[], total: boolean): Promise<void> {
    if (total) {
      let blocks = 0
      for (const e of entries) blocks += Math.ceil(e.dir.length / 1024)
      await this.out.write(`total ${blocks}\n`)
    }
    let uidWidth = 0
    let gidWidth = 0
    let sizeWidth = 0
    for (const { dir } of entries) {
      uidWidth = Math.max(uidWidth, dir.uid.length)
      gidWidth = Math.max(gidWidth, dir.gid.length)
      sizeWidth = Math.max(sizeWidth, String(dir.length).length)
    }
    for (const e of entries) {
      const dir = e.dir
      await this.out.write(
        `${modeString(dir.mode)} ${dir.uid.padEnd(uidWidth)} ${dir.gid.padEnd(gidWidth)} ${String(dir.length).padStart(sizeWidth)} ${lsTime(dir.mtime, this.now)} ${this.shown(e)}\n`,
      )
    }
  }

  /** Names down columns, as many columns as fit the width (GNU ls on a terminal). */
  private async columns(names: string[]): Promise<void> {
    if (names.length === 0) return
    const width = this.opts.width
    let rows = names.length
    let widths = [longest(names, 0, names.length)]
    for (let cols = Math.min(names.length, Math.ceil(width / 3)); cols > 1; cols--) {
      const r = Math.ceil(names.length / cols)
      if (Math.ceil(names.length / r) !== cols) continue
      const w: number[] = []
      for (let c = 0; c < cols; c++) w.push(longest(names, c * r, Math.min(names.length, (c + 1) * r)))
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
        line += last ? name : name.padEnd(widths[c]! + 2)
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

function longest(names: string[], from: number, to: number): number {
  let max = 0
  for (let i = from; i < to; i++) max = Math.max(max, names[i]!.length)
  return max
}
