/** zip: add files (and with -r, directories' contents) to a zip archive, as Info-ZIP's zip. */
import { deflateSync, zipSync, type Zippable } from 'fflate'
import type { Dir, ExitCode } from '../../kernel/types.ts'
import { command, UsageError } from '../lib.ts'
import { childPath, isDir } from '../util/files.ts'
import { readZip, ZipFormatError } from '../util/ziparchive.ts'
import { wholeMax } from '../util/gzipwhole.ts'

const USAGE = '[-rqj0-9] archive[.zip] file ...'

export const zip = command({
  name: 'zip',
  usage: USAGE,
  summary: 'package and compress files into a zip archive',
  help: '  -r  recurse into directories   -j  junk paths (store names only)\n  -q  quiet   -0 store only .. -9 compress better (default -6)',
  async run(proc): Promise<ExitCode> {
    let recurse = false
    let quiet = false
    let junk = false
    let level = 6
    const operands: string[] = []
    for (const arg of proc.argv.slice(1)) {
      if (arg.startsWith('-') && arg.length > 1 && operands.length === 0) {
        for (const c of arg.slice(1)) {
          if (c === 'r') recurse = true
          else if (c === 'q') quiet = true
          else if (c === 'j') junk = true
          else if (c >= '0' && c <= '9') level = Number(c)
          else throw new UsageError(`invalid option -- '${c}'`)
        }
      } else operands.push(arg)
    }
    if (operands.length < 1) throw new UsageError('no archive named')
    let archive = operands[0]!
    if (!/\.[^/]*$/.test(archive.slice(archive.lastIndexOf('/') + 1))) archive += '.zip'
    const entries: Zippable = {}
    const existing = new Set<string>()
    const old = await proc.readFile(archive).catch(() => undefined)
    if (old) {
      try {
        for (const m of readZip(old, wholeMax(proc))) {
          entries[m.name] = [m.data(), { level: 0, mtime: m.mtime * 1000 }]
          existing.add(m.name)
        }
      } catch (e) {
        if (!(e instanceof ZipFormatError)) throw e
        await proc.stderr.write(`\nzip error: Zip file structure invalid (${archive})\n`)
        return 3
      }
    }
    let added = 0
    const lines: string[] = []
    const add = async (path: string, dir: Dir): Promise<void> => {
      let name = path.replace(/^(\.\/)+/, '').replace(/^\/+/, '')
      if (junk) name = name.slice(name.lastIndexOf('/') + 1)
      if (isDir(dir)) {
        if (!junk) {
          name = name.endsWith('/') ? name : name + '/'
          entries[name] = [new Uint8Array(0), { level: 0, mtime: dir.mtime * 1000 }]
          lines.push(`${existing.has(name) ? 'updating' : '  adding'}: ${name} (stored 0%)\n`)
          added++
        }
        if (!recurse) return
        for (const child of await proc.readdir(path)) await add(childPath(path, child.name), child)
        return
      }
      const data = await proc.readFile(path)
      // stored when deflating does not make it smaller, as zip does
      const packed = level === 0 || data.length === 0 ? data.length : deflateSync(data, { level: level as 6 }).length
      const deflated = packed < data.length
      entries[name] = [data, { level: deflated ? (level as 6) : 0, mtime: dir.mtime * 1000, os: 3, attrs: (dir.mode & 0o7777 | 0o100000) << 16 }]
      const percent = deflated ? Math.round(((data.length - packed) * 100) / data.length) : 0
      lines.push(`${existing.has(name) ? 'updating' : '  adding'}: ${name} (${deflated ? 'deflated' : 'stored'} ${percent}%)\n`)
      added++
    }
    for (const path of operands.slice(1)) {
      let dir: Dir
      try {
        dir = await proc.stat(path)
      } catch {
        await proc.stderr.write(`\tzip warning: name not matched: ${path}\n`)
        continue
      }
      await add(path, dir)
    }
    if (added === 0) {
      await proc.stderr.write(`\nzip error: Nothing to do! (${archive})\n`)
      return 12
    }
    await proc.writeFile(archive, zipSync(entries))
    if (!quiet) await proc.stdout.write(lines.join(''))
    return 0
  },
})
