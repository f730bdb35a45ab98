/** tree: list the contents of directories as a tree, then count them. */
import type { Dir, ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, parseArgs, UsageError } from '../lib.ts'
import { childPath, isDir } from '../util/files.ts'
import { patternRegExp } from '../util/fnmatch.ts'

interface Options {
  all: boolean
  dirsOnly: boolean
  fullPath: boolean
  classify: boolean
  level: number
  ignore: RegExp | undefined
}

export const tree = command({
  name: 'tree',
  usage: '[-adfF] [-L level] [-I pattern] [--noreport] [dir ...]',
  summary: 'list contents of directories in a tree-like format',
  help: '  -a  include names starting with a dot   -d  directories only   -f  full paths   -F  mark directories with /\n  -L N  descend at most N levels   -I PATTERN  leave out names matching PATTERN (| separates several)   --noreport  no counts',
  async run(proc): Promise<ExitCode> {
    const argv = proc.argv.filter((a) => a !== '--noreport')
    const report = argv.length === proc.argv.length
    const { flags, operands } = parseArgs(argv, 'adfFL:I:', { permute: true })
    const level = typeof flags.L === 'string' ? Number(flags.L) : Infinity
    if (!(level >= 1)) throw new UsageError('Invalid level, must be greater than 0.')
    const o: Options = {
      all: flags.a === true, dirsOnly: flags.d === true, fullPath: flags.f === true, classify: flags.F === true, level,
      ignore: typeof flags.I === 'string' ? new RegExp(`^(?:${flags.I.split('|').map((p) => patternRegExp(p).source).join('|')})$`) : undefined,
    }
    const counts = { dirs: 0, files: 0 }
    const out: string[] = []
    let status: ExitCode = 0
    for (const root of operands.length > 0 ? operands : ['.']) {
      let dir: Dir
      try {
        dir = await proc.stat(root)
      } catch {
        out.push(`${root}  [error opening dir]\n`)
        status = 2
        continue
      }
      if (!isDir(dir)) {
        out.push(`${root}  [error opening dir]\n`)
        status = 2
        continue
      }
      // the top directory counts too, as tree 2 counts it
      counts.dirs++
      out.push(root + (o.classify && !root.endsWith('/') ? '/' : '') + '\n')
      await walk(proc, root, '', 1, o, counts, out)
    }
    if (report) {
      const d = `${counts.dirs} director${counts.dirs === 1 ? 'y' : 'ies'}`
      out.push(o.dirsOnly ? `\n${d}\n` : `\n${d}, ${counts.files} file${counts.files === 1 ? '' : 's'}\n`)
    }
    await proc.stdout.write(out.join(''))
    return status
  },
})

/** A continuing branch's indent has two no-break spaces, as tree 2 prints it. */
async function walk(proc: ProcContext, path: string, indent: string, depth: number, o: Options, counts: { dirs: number; files: number }, out: string[]): Promise<void> {
  let entries: Dir[]
  try {
    entries = await proc.readdir(path)
  } catch {
    return
  }
  const shown = entries
    .filter((e) => (o.all || !e.name.startsWith('.')) && (!o.dirsOnly || isDir(e)) && !o.ignore?.test(e.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (let i = 0; i < shown.length; i++) {
    const e = shown[i]!
    const last = i === shown.length - 1
    const child = childPath(path, e.name)
    const name = (o.fullPath ? child : e.name) + (o.classify && isDir(e) ? '/' : '')
    out.push(`${indent}${last ? '└── ' : '├── '}${name}\n`)
    if (isDir(e)) {
      counts.dirs++
      if (depth < o.level) await walk(proc, child, indent + (last ? '    ' : '│\u00a0\u00a0 '), depth + 1, o, counts, out)
    } else counts.files++
  }
}
