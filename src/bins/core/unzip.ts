/** unzip: list (-l), test (-t), print (-p) or extract the members of a zip archive, as Info-ZIP's unzip. */
import { OWRITE, type ExitCode, type ProcContext } from '../../kernel/types.ts'
import { command, UsageError } from '../lib.ts'
import { childPath, isDir, makeDirs, statOrUndefined } from '../util/files.ts'
import { patternRegExp } from '../util/fnmatch.ts'
import { readZip, ZipFormatError, type ZipMember } from '../util/ziparchive.ts'
import { wholeMax } from '../util/gzipwhole.ts'

const USAGE = '[-lpqtonj] archive[.zip] [member ...] [-x member ...] [-d dir]'

interface Options {
  list: boolean
  pipe: boolean
  test: boolean
  quiet: number
  overwrite: 'ask' | 'always' | 'never'
  junk: boolean
  dir: string
  archive: string | undefined
  members: string[]
  excludes: string[]
}

function parse(argv: readonly string[]): Options {
  const o: Options = { list: false, pipe: false, test: false, quiet: 0, overwrite: 'ask', junk: false, dir: '.', archive: undefined, members: [], excludes: [] }
  let excluding = false
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]!
        if (c === 'l') o.list = true
        else if (c === 'p') o.pipe = true
        else if (c === 't') o.test = true
        else if (c === 'q') o.quiet++
        else if (c === 'o') o.overwrite = 'always'
        else if (c === 'n') o.overwrite = 'never'
        else if (c === 'j') o.junk = true
        else if (c === 'x') excluding = true
        else if (c === 'd') {
          const v = j + 1 < arg.length ? arg.slice(j + 1) : argv[++i]
          if (v === undefined) throw new UsageError("option requires an argument -- 'd'")
          o.dir = v
          break
        } else throw new UsageError(`invalid option -- '${c}'`)
      }
      continue
    }
    if (o.archive === undefined) o.archive = arg
    else (excluding ? o.excludes : o.members).push(arg)
  }
  return o
}

const pad2 = (n: number): string => String(n).padStart(2, '0')
function when(seconds: number): string {
  const t = new Date(seconds * 1000)
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}`
}

export const unzip = command({
  name: 'unzip',
  usage: USAGE,
  summary: 'list, test and extract zip archives',
  help: [
    '  -l  list members        -t  test members       -p  members to standard output',
    '  -o  overwrite files     -n  never overwrite    -q  quiet (-qq quieter)',
    '  -j  junk paths          -d dir  extract into dir    -x member ...  leave these out',
  ].join('\n'),
  async run(proc): Promise<ExitCode> {
    const o = parse(proc.argv)
    if (o.archive === undefined) throw new UsageError('no archive named')
    let bytes: Uint8Array | undefined
    let shown = o.archive
    for (const candidate of [o.archive, `${o.archive}.zip`, `${o.archive}.ZIP`]) {
      bytes = await proc.readFile(candidate).catch(() => undefined)
      if (bytes) {
        shown = candidate
        break
      }
    }
    if (!bytes) {
      await proc.stderr.write(`unzip:  cannot find or open ${o.archive}, ${o.archive}.zip or ${o.archive}.ZIP.\n`)
      return 9
    }
    let members: ZipMember[]
    try {
      members = readZip(bytes, wholeMax(proc))
    } catch (e) {
      if (!(e instanceof ZipFormatError)) throw e
      await proc.stderr.write(`Archive:  ${shown}\n  End-of-central-directory signature not found.  Either this file is not\n  a zipfile, or it constitutes one disk of a multi-part archive.\nunzip:  cannot find zipfile directory in ${shown}\n`)
      return 9
    }
    const matchers = o.members.map((m) => patternRegExp(m))
    const excluders = o.excludes.map((m) => patternRegExp(m))
    const matched = new Set<number>()
    const chosen = members.filter((m) => {
      if (excluders.some((re) => re.test(m.name))) return false
      if (matchers.length === 0) return true
      const i = matchers.findIndex((re) => re.test(m.name))
      if (i >= 0) matched.add(i)
      return i >= 0
    })
    const out: string[] = []
    let status: ExitCode = 0
    if (!o.pipe && o.quiet === 0) out.push(`Archive:  ${shown}\n`)
    if (o.list) {
      let total = 0
      out.push('  Length      Date    Time    Name\n---------  ---------- -----   ----\n')
      for (const m of chosen) {
        out.push(`${String(m.size).padStart(9)}  ${when(m.mtime)}   ${m.name}\n`)
        total += m.size
      }
      out.push(`---------                     -------\n${String(total).padStart(9)}                     ${chosen.length} file${chosen.length === 1 ? '' : 's'}\n`)
    } else if (o.test) {
      for (const m of chosen) {
        await m.data(() => proc.yield())
        if (o.quiet === 0) out.push(`    testing: ${m.name.padEnd(22)}   OK\n`)
      }
      out.push(`No errors detected in compressed data of ${shown}.\n`)
    } else {
      await proc.stdout.write(out.join(''))
      out.length = 0
      status = await extract(proc, o, chosen)
    }
    await proc.stdout.write(out.join(''))
    const missing = o.members.filter((_, i) => !matched.has(i))
    for (const name of missing) await proc.stderr.write(`caution: filename not matched:  ${name}\n`)
    return missing.length > 0 ? 11 : status
  },
})

async function extract(proc: ProcContext, o: Options, members: ZipMember[]): Promise<ExitCode> {
  let status: ExitCode = 0
  const say = (line: string): Promise<unknown> => (o.quiet === 0 ? proc.stdout.write(line) : Promise.resolve())
  if (o.dir !== '.' && !o.pipe) await makeDirs(proc, o.dir)
  for (const m of members) {
    const data = await m.data(() => proc.yield())
    if (o.pipe) {
      await proc.write(1, data)
      continue
    }
    let name = m.name.replace(/^\/+/, '')
    if (o.junk) name = name.slice(name.replace(/\/$/, '').lastIndexOf('/') + 1)
    if (name.split('/').includes('..')) {
      await proc.stderr.write(`warning:  skipped "../" path component(s) in ${m.name}\n`)
      name = name.split('/').filter((p) => p !== '..').join('/')
      status = 1
    }
    if (name === '') continue
    const target = o.dir === '.' ? name : childPath(o.dir, name)
    if (name.endsWith('/')) {
      if (o.junk) continue
      if ((await statOrUndefined(proc, target)) === undefined) {
        await makeDirs(proc, target.replace(/\/$/, ''))
        await say(`   creating: ${target}\n`)
      }
      continue
    }
    const existing = await statOrUndefined(proc, target)
    if (existing !== undefined && (o.overwrite !== 'always' || isDir(existing))) {
      if (o.overwrite === 'ask') {
        // no one to ask: Info-ZIP reads end of input and treats it as [N]one
        await proc.stderr.write(`replace ${target}? [y]es, [n]o, [A]ll, [N]one, [r]ename:  NULL\n(EOF or read error, treating as "[N]one" ...)\n`)
        o.overwrite = 'never'
        status = 1
      }
      continue
    }
    const parent = target.lastIndexOf('/')
    if (parent > 0) await makeDirs(proc, target.slice(0, parent))
    await say(`${m.method === 0 ? ' extracting' : '  inflating'}: ${target.padEnd(22)}  \n`)
    const fd = await proc.create(target, m.mode ?? 0o644, OWRITE)
    try {
      await proc.write(fd, data)
    } finally {
      await proc.close(fd)
    }
    await proc.wstat(target, { mtime: m.mtime }).catch(() => {})
  }
  return status
}
