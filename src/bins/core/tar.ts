/**
 * tar: create (c), append to (r), update (u), extract (x) and list (t) archives, gzip-compressed
 * with z or, with a, by the archive's name (and recognised as such when read). Options as GNU
 * tar's, old style (`tar czf a.tgz dir`) included.
 */
import { concatBytes } from '../../kernel/bytes.ts'
import { isNineError, reasonOf } from '../../kernel/errors.ts'
import { OWRITE, type Dir, type ExitCode, type ProcContext } from '../../kernel/types.ts'
import { command, readAll, UsageError } from '../lib.ts'
import { childPath, isDir, makeDirs, statOrUndefined } from '../util/files.ts'
import { gunzipWhole, gzipWhole, TooLarge, wholeMax } from '../util/gzipwhole.ts'
import { patternRegExp } from '../util/fnmatch.ts'
import { modeString } from '../util/modes.ts'
import { isoTime } from '../util/timefmt.ts'
import { localZone, type Zone } from '../util/timezone.ts'
import { entryBlocks, readTar, TarFormatError, TRAILER, type TarEntry } from '../util/ustar.ts'

const USAGE = '{c|r|u|x|t}[azvfCO] [-f archive] [-C dir] [--strip-components=N] [--wildcards] [file ...]'

type Mode = 'c' | 'r' | 'u' | 'x' | 't'

interface Options {
  mode: Mode | undefined
  gzip: boolean
  /** -a: compressed as the archive's name says (.gz, .tgz). */
  auto: boolean
  /** --wildcards: the operands of x and t are shell patterns for member names (undefined: neither it nor --no-wildcards given). */
  wildcards: boolean | undefined
  /** How many times -v was given: twice lists as `tar tv` does. */
  verbose: number
  file: string
  /** Where x extracts: the last -C given. */
  extractDir: string
  toStdout: boolean
  keepOld: boolean
  strip: number
  excludes: string[]
  /** Operands, each with the directory -C had set when it was given. */
  operands: { path: string; dir: string }[]
}

const LONG: Record<string, string> = {
  '--create': 'c', '--append': 'r', '--update': 'u', '--extract': 'x', '--get': 'x', '--list': 't', '--gzip': 'z', '--gunzip': 'z', '--ungzip': 'z',
  '--verbose': 'v', '--to-stdout': 'O', '--keep-old-files': 'k', '--auto-compress': 'a',
}
const MODES = new Set(['c', 'r', 'u', 'x', 't'])
/** Accepted and without effect here: ownership and permissions are kept as the archive says anyway. */
const IGNORED = new Set(['--no-same-owner', '--same-owner', '--no-same-permissions', '--same-permissions', '--preserve-permissions', '--numeric-owner', '-p', '--overwrite'])

function parse(argv: readonly string[]): Options {
  const o: Options = { mode: undefined, gzip: false, auto: false, wildcards: undefined, verbose: 0, file: '-', extractDir: '.', toStdout: false, keepOld: false, strip: 0, excludes: [], operands: [] }
  let dir = '.'
  const args = [...argv.slice(1)]
  // old style: the first word holds the letters, their values follow in order
  const oldStyle = args.length > 0 && !args[0]!.startsWith('-')
  if (oldStyle) args[0] = '-' + args[0]
  const setMode = (m: Mode): void => {
    if (o.mode && o.mode !== m) throw new UsageError('You may not specify more than one \'-Acdtrux\', \'--delete\' or  \'--test-label\' option')
    o.mode = m
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const value = (what: string): string => {
      const v = args[++i]
      if (v === undefined) throw new UsageError(`option requires an argument -- '${what}'`)
      return v
    }
    if (arg === '--') {
      for (const rest of args.slice(i + 1)) o.operands.push({ path: rest, dir })
      break
    }
    if (IGNORED.has(arg)) continue
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const [key, val] = eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)]
      const letter = LONG[key]
      if (letter && val === undefined) {
        if (MODES.has(letter)) setMode(letter as Mode)
        else if (letter === 'z') o.gzip = true
        else if (letter === 'a') o.auto = true
        else if (letter === 'v') o.verbose++
        else if (letter === 'O') o.toStdout = true
        else if (letter === 'k') o.keepOld = true
      } else if (key === '--wildcards' || key === '--no-wildcards') o.wildcards = key === '--wildcards'
      else if (key === '--file') o.file = val ?? value('f')
      else if (key === '--directory') dir = val ?? value('C')
      else if (key === '--exclude') o.excludes.push(val ?? value('exclude'))
      else if (key === '--strip-components') {
        o.strip = Number(val ?? value('strip-components'))
        if (!Number.isInteger(o.strip) || o.strip < 0) throw new UsageError(`Invalid number of elements: '${val}'`)
      } else throw new UsageError(`unrecognized option '${arg}'`)
      continue
    }
    if ((!arg.startsWith('-') || arg === '-') && !(oldStyle && i === 0)) {
      o.operands.push({ path: arg, dir })
      continue
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j]!
      if (MODES.has(c)) setMode(c as Mode)
      else if (c === 'z') o.gzip = true
      else if (c === 'a') o.auto = true
      else if (c === 'v') o.verbose++
      else if (c === 'O') o.toStdout = true
      else if (c === 'k') o.keepOld = true
      else if (c === 'p') continue
      else if (c === 'f' || c === 'C') {
        // a value: the rest of this word (`-fa.tar`), or the next argument (always, old style)
        const attached = !(oldStyle && i === 0) && j + 1 < arg.length
        const v = attached ? arg.slice(j + 1) : value(c)
        if (c === 'f') o.file = v
        else dir = v
        if (attached) break
      } else if (c === 'j' || c === 'J') throw new UsageError(`not implemented: ${c === 'j' ? 'bzip2' : 'xz'} compression`)
      else throw new UsageError(`invalid option -- '${c}'`)
    }
  }
  o.extractDir = dir
  return o
}

export const tar = command({
  name: 'tar',
  usage: USAGE,
  summary: 'create, extract or list tar archives',
  help: [
    '  -c  create    -x  extract    -t  list        -f archive  (default: standard input/output)',
    '  -r  append files to an archive    -u  append those newer than their copy in it',
    '  -z  gzip (read archives are recognised)      -a  gzip if the archive\'s name ends in .gz or .tgz',
    '  -v  name each file (twice: long listing)     --wildcards  x and t operands are patterns',
    '  -C dir  change to dir first (for c, before each following operand)   -O  extract to standard output',
    '  -k  keep existing files    --strip-components=N  drop N leading elements    --exclude=PATTERN',
  ].join('\n'),
  async run(proc): Promise<ExitCode> {
    if (proc.argv[1] === '--version') {
      await proc.write(1, 'tar (ninefold)\nGNU tar\'s options and ustar archives; gzip with -z\n')
      return 0
    }
    const o = parse(proc.argv)
    if (o.mode === undefined) throw new UsageError("You must specify one of the '-Acdtrux', '--delete' or '--test-label' options")
    if (o.auto) {
      if (/\.(t?gz|taz)$/.test(o.file)) o.gzip = true
      else if (/\.(bz2|tbz2?|xz|txz|lz|lzma|zst|tzst|Z)$/.test(o.file)) throw new UsageError(`not implemented: compression for '${o.file}' (gzip is)`)
    }
    if (o.mode === 'c' || o.mode === 'r' || o.mode === 'u') return create(proc, o)
    return read(proc, o)
  },
})

interface Progress {
  status: ExitCode
  /** Where -v names go: standard error when the archive itself is standard output. */
  names: number
}

async function warn(proc: ProcContext, p: Progress, message: string, status: ExitCode = 2): Promise<void> {
  await proc.stderr.write(`tar: ${message}\n`)
  if (p.status < status) p.status = status
}

function excluded(o: Options, name: string): boolean {
  const base = name.replace(/\/$/, '').split('/').pop() ?? name
  if (o.excludes.length === 0) return false
  const bare = name.replace(/\/$/, '')
  return o.excludes.some((pat) => {
    const re = patternRegExp(pat)
    return re.test(bare) || re.test(base)
  })
}

/**
 * For r and u: the archive's entries before its trailer, and (u) when each member was last
 * changed. The archive must be a file, and not compressed (as GNU's).
 */
async function existing(proc: ProcContext, o: Options): Promise<{ blocks: Uint8Array[]; times: Map<string, number> }> {
  const archive = await proc.readFile(o.file).catch((e: unknown) => {
    if (isNineError(e, 'ENOENT')) return new Uint8Array(0)
    throw e
  })
  if (o.gzip || (archive[0] === 0x1f && archive[1] === 0x8b)) throw new TarFormatError('Cannot update compressed archives')
  const times = new Map<string, number>()
  // the entries' blocks as they are, up to the trailer
  let end = 0
  for (const entry of readTar(archive)) {
    const name = entry.name.replace(/\/$/, '')
    times.set(name, Math.max(times.get(name) ?? 0, entry.mtime))
    end = entry.end!
  }
  return { blocks: [archive.subarray(0, end)], times }
}

async function create(proc: ProcContext, o: Options): Promise<ExitCode> {
  if (o.operands.length === 0) {
    await proc.stderr.write(`tar: Cowardly refusing to ${o.mode === 'c' ? 'create an empty archive' : 'append nothing'}\nTry 'tar --help' for more information.\n`)
    return 2
  }
  const p: Progress = { status: 0, names: o.file === '-' ? 2 : 1 }
  let blocks: Uint8Array[] = []
  let times: Map<string, number> | undefined
  if (o.mode !== 'c') {
    if (o.file === '-') {
      await proc.stderr.write("tar: Options '-Aru' are incompatible with '-f -'\nTry 'tar --help' for more information.\n")
      return 2
    }
    try {
      ;({ blocks, times } = await existing(proc, o))
    } catch (e) {
      await proc.stderr.write(`tar: ${e instanceof TarFormatError ? e.message : `${o.file}: Cannot read: ${reasonOf(e)}`}\ntar: Error is not recoverable: exiting now\n`)
      return 2
    }
  }
  let warnedSlash = false
  const add = async (path: string, name: string, dir: Dir): Promise<void> => {
    if (excluded(o, name)) return
    // u: a file no newer than its copy in the archive is left out (its directory is still walked)
    const current = o.mode === 'u' && (times?.get(name.replace(/\/$/, '')) ?? -1) >= dir.mtime
    if (current && !isDir(dir)) return
    const entryName = isDir(dir) ? (name.endsWith('/') ? name : name + '/') : name
    const data = isDir(dir) ? new Uint8Array(0) : await proc.readFile(path)
    const entry: TarEntry = {
      name: entryName, type: isDir(dir) ? 'dir' : 'file', mode: dir.mode & 0o7777, uid: 0, gid: 0,
      uname: dir.uid, gname: dir.gid, mtime: dir.mtime, linkname: '', data,
    }
    if (!current) {
      blocks.push(...entryBlocks(entry))
      if (o.verbose) await proc.write(p.names, o.verbose > 1 ? longLine(entry, localZone(proc.env)) : entryName + '\n')
    }
    if (!isDir(dir)) return
    let children: Dir[]
    try {
      children = await proc.readdir(path)
    } catch (e) {
      await warn(proc, p, `${name}: Cannot open: ${reasonOf(e)}`)
      return
    }
    for (const child of children) await add(childPath(path, child.name), childPath(name, child.name), child)
  }
  for (const { path, dir } of o.operands) {
    let name = path
    while (name.startsWith('/')) name = name.slice(1)
    if (name !== path && !warnedSlash) {
      warnedSlash = true
      await proc.stderr.write("tar: Removing leading `/' from member names\n")
    }
    if (name === '') name = '/'
    const full = path.startsWith('/') || dir === '.' ? path : childPath(dir, path)
    try {
      await add(full, name, await proc.stat(full))
    } catch (e) {
      await warn(proc, p, `${path}: Cannot stat: ${reasonOf(e)}`)
    }
  }
  if (p.status !== 0 && o.operands.length > 0) await proc.stderr.write('tar: Exiting with failure status due to previous errors\n')
  blocks.push(TRAILER)
  let archive = concatBytes(blocks)
  if (o.gzip) archive = await gzipWhole(proc, archive)
  if (o.file === '-') await proc.write(1, archive)
  else await proc.writeFile(o.file, archive)
  return p.status
}

/** `tar tv`'s line: mode, owner/group, size (aligned as GNU's), date and name. */
function longLine(e: TarEntry, zone: Zone): string {
  const kind = e.type === 'dir' ? 'd' : e.type === 'symlink' ? 'l' : e.type === 'hardlink' ? 'h' : '-'
  const owner = `${e.uname || e.uid}/${e.gname || e.gid}`
  const size = String(e.type === 'file' ? e.data.length : 0)
  const when = isoTime(e.mtime, zone).slice(0, 16)
  const width = Math.max(19, owner.length + 1 + size.length)
  const link = e.type === 'symlink' ? ` -> ${e.linkname}` : e.type === 'hardlink' ? ` link to ${e.linkname}` : ''
  return `${kind}${modeString(e.mode).slice(1)} ${owner} ${size.padStart(width - owner.length - 1)} ${when} ${e.name}${link}\n`
}

/** The name with its first `strip` elements removed, or undefined when nothing is left. */
function stripped(name: string, strip: number): string | undefined {
  if (strip === 0) return name
  const parts = name.split('/')
  while (parts.length > 0 && parts[0] === '') parts.shift()
  if (parts.length <= strip) return undefined
  const rest = parts.slice(strip).join('/')
  return rest === '' ? undefined : rest
}

function selected(o: Options, name: string, seen: Set<string>): boolean {
  if (o.operands.length === 0) return true
  const bare = name.replace(/\/$/, '')
  for (const { path } of o.operands) {
    const want = path.replace(/\/$/, '')
    // a pattern (--wildcards) matches the name or a directory above it, as a name does
    const matches = o.wildcards === true ? (text: string): boolean => patternRegExp(want).test(text) : (text: string): boolean => text === want
    if (matches(bare) || bare.split('/').some((_, i, parts) => i > 0 && matches(parts.slice(0, i).join('/')))) {
      seen.add(path)
      return true
    }
  }
  return false
}

async function read(proc: ProcContext, o: Options): Promise<ExitCode> {
  const p: Progress = { status: 0, names: 1 }
  let archive: Uint8Array
  try {
    archive = o.file === '-' ? await readAll(proc, 0) : await proc.readFile(o.file)
  } catch (e) {
    await proc.stderr.write(`tar: ${o.file}: Cannot open: ${reasonOf(e)}\ntar: Error is not recoverable: exiting now\n`)
    return 2
  }
  if (archive[0] === 0x1f && archive[1] === 0x8b) {
    try {
      archive = await gunzipWhole(proc, archive, wholeMax(proc))
    } catch (e) {
      const reason = e instanceof TooLarge ? `${o.file === '-' ? 'stdin' : o.file}: ${e.message} (tar reads an archive whole, up to the limit of stored bytes)` : 'stdin: not in gzip format'
      await proc.stderr.write(`gzip: ${reason}\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now\n`)
      return 2
    }
  } else if (o.gzip && archive.length > 0) {
    await proc.stderr.write('gzip: stdin: not in gzip format\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now\n')
    return 2
  }
  if (o.wildcards === undefined && o.operands.some(({ path }) => /[*?[]/.test(path))) {
    await proc.stderr.write('tar: Pattern matching characters used in file names\ntar: Use --wildcards to enable pattern matching, or --no-wildcards to suppress this warning\n')
  }
  const seen = new Set<string>()
  const extracted = new Map<string, string>()
  const longList = o.mode === 't' && o.verbose > 0
  try {
    for (const entry of readTar(archive)) {
      if (!selected(o, entry.name, seen) || excluded(o, entry.name)) continue
      if (o.mode === 't') {
        await proc.write(1, longList ? longLine(entry, localZone(proc.env)) : `${entry.name}\n`)
        continue
      }
      await extract(proc, o, p, entry, extracted)
    }
  } catch (e) {
    if (!(e instanceof TarFormatError)) throw e
    await proc.stderr.write(`tar: ${e.message}\ntar: Exiting with failure status due to previous errors\n`)
    return 2
  }
  for (const { path } of o.operands) {
    if (!seen.has(path)) await warn(proc, p, `${path}: Not found in archive`)
  }
  if (p.status !== 0) await proc.stderr.write('tar: Exiting with failure status due to previous errors\n')
  return p.status
}

async function extract(proc: ProcContext, o: Options, p: Progress, entry: TarEntry, extracted: Map<string, string>): Promise<void> {
  // -v names every member read, even one --strip-components leaves nothing of
  if (o.verbose) await proc.write(o.toStdout ? 2 : 1, o.verbose > 1 ? longLine(entry, localZone(proc.env)) : `${entry.name}\n`)
  const name = stripped(entry.name, o.strip)
  if (name === undefined) return
  if (name.split('/').includes('..')) {
    await warn(proc, p, `${entry.name}: Member name contains '..'`)
    return
  }
  const relative = name.replace(/^\/+/, '')
  if (relative === '') return
  const target = o.extractDir === '.' ? relative : childPath(o.extractDir, relative)
  if (o.toStdout) {
    if (entry.type === 'file') await proc.write(1, entry.data)
    return
  }
  try {
    if (target.includes('/')) await makeDirs(proc, target.slice(0, target.lastIndexOf('/')))
    if (entry.type === 'dir') {
      const existing = await statOrUndefined(proc, target)
      if (existing === undefined) await proc.mkdir(target, (entry.mode & 0o777) | 0o700)
      else if (!isDir(existing)) throw new Error('File exists')
      if ((entry.mode & 0o700) !== 0o700) await proc.wstat(target, { mode: (existing?.mode ?? 0) & ~0o777 | (entry.mode & 0o777) })
      return
    }
    if (entry.type === 'symlink') {
      await warn(proc, p, `${relative}: Cannot create symlink to '${entry.linkname}': not implemented: symbolic links (use bind)`)
      return
    }
    let data = entry.data
    if (entry.type === 'hardlink') {
      const source = extracted.get(stripped(entry.linkname, o.strip) ?? '')
      if (source === undefined) {
        await warn(proc, p, `${relative}: Cannot hard link to '${entry.linkname}': No such file or directory`)
        return
      }
      data = await proc.readFile(source)
    }
    if (o.keepOld && (await statOrUndefined(proc, target)) !== undefined) {
      await warn(proc, p, `${relative}: Cannot open: File exists`)
      return
    }
    const fd = await proc.create(target, entry.mode & 0o777, OWRITE)
    try {
      await proc.write(fd, data)
    } finally {
      await proc.close(fd)
    }
    await proc.wstat(target, { mtime: entry.mtime, mode: entry.mode & 0o777 }).catch(() => {})
    extracted.set(relative, target)
  } catch (e) {
    if (isNineError(e)) await warn(proc, p, `${relative}: Cannot open: ${reasonOf(e)}`)
    else await warn(proc, p, `${relative}: ${reasonOf(e)}`)
  }
}
