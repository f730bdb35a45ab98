/** stat: print a file's Plan 9 stat (stat(5)): name, qid, mode, length, times and owners. */
import type { Dir, ExitCode } from '../../kernel/types.ts'
import { DMAPPEND, DMEXCL, PERM_MASK, QTAPPEND, QTDIR, QTEXCL } from '../../kernel/types.ts'
import { command, fail, LineWriter, parseArgs, usage } from '../lib.ts'
import { isDir, usedKiB } from '../util/files.ts'
import { modeString } from '../util/modes.ts'
import { diffTime, isoTime } from '../util/timefmt.ts'
import { localZone, type Zone } from '../util/timezone.ts'

const USAGE = '[-c format | --printf=format] file ...'

export const stat = command({
  name: 'stat',
  long: { format: 'c:', printf: 'p:', dereference: 'L' },
  usage: USAGE,
  summary: 'print the status of files (their Plan 9 stat)',
  help: [
    '  -c, --format=F  print F for each file, then a newline: %n name, %N quoted name, %s size,',
    "                  %F type, %a octal mode, %A mode as ls shows it, %h links, %U/%G owner, %i inode,",
    '                  %y/%x modified/accessed (%Y/%X in seconds), %b blocks of %B bytes, %o I/O size',
    '  --printf=F      like -c, with backslash escapes and no newline added',
    '  -L, --dereference  accepted: ninefold has no symbolic links',
  ].join('\n'),
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'c:p:L', { permute: true })
    if (operands.length === 0) return usage(proc, 'stat', USAGE, 'missing operand')
    const out = new LineWriter(proc)
    const zone = localZone(proc.env)
    let status: ExitCode = 0
    for (const path of operands) {
      try {
        const d = await proc.stat(path)
        if (typeof flags.c === 'string') await out.write(formatted(flags.c, path, d, zone) + '\n')
        else if (typeof flags.p === 'string') await out.write(formatted(unescaped(flags.p), path, d, zone))
        else await out.write(describe(d, zone))
      } catch (e) {
        await out.flush()
        await fail(proc, 'stat', path, e)
        status = 1
      }
    }
    await out.flush()
    return status
  },
})

function describe(d: Dir, zone: Zone): string {
  const kinds = [d.qid.type & QTDIR ? 'dir' : 'file']
  if (d.qid.type & QTAPPEND) kinds.push('append')
  if (d.qid.type & QTEXCL) kinds.push('excl')
  const flags = [(d.mode & PERM_MASK).toString(8).padStart(4, '0')]
  if (d.mode & DMAPPEND) flags.push('append-only')
  if (d.mode & DMEXCL) flags.push('exclusive')
  return [
    `  name: ${d.name}`,
    `   qid: path ${d.qid.path} version ${d.qid.version} type ${kinds.join(',')}`,
    `  mode: ${modeString(d.mode)} (${flags.join(', ')})`,
    `length: ${d.length}`,
    ` links: ${d.nlink ?? 1}`,
    ` atime: ${isoTime(d.atime, zone)} (${d.atime})`,
    ` mtime: ${isoTime(d.mtime, zone)} (${d.mtime})`,
    `   uid: ${d.uid}`,
    `   gid: ${d.gid}`,
    `  muid: ${d.muid}`,
    '',
  ].join('\n')
}

/**
 * A -c format filled in for one file; an unknown directive is `?`, as in GNU stat. ninefold keeps
 * no change or birth time: %z and %Z are the modification time, %w is `-` and %W 0, as GNU prints
 * an unknown birth time.
 */
function formatted(format: string, path: string, d: Dir, zone: Zone): string {
  return format.replace(/%(.)/gs, (_, c: string) => {
    switch (c) {
      case '%':
        return '%'
      case 'n':
        return path
      case 'N':
        return `'${path}'`
      case 's':
        return String(d.length)
      case 'F':
        return isDir(d) ? 'directory' : d.length === 0 ? 'regular empty file' : 'regular file'
      case 'a':
        return (d.mode & PERM_MASK).toString(8)
      case 'A':
        return modeString(d.mode)
      case 'h':
        return String(d.nlink ?? 1)
      case 'U':
        return d.uid
      case 'G':
        return d.gid
      case 'Y':
      case 'Z':
        return String(d.mtime)
      case 'X':
        return String(d.atime)
      case 'y':
      case 'z':
        return diffTime(d.mtime, zone)
      case 'x':
        return diffTime(d.atime, zone)
      case 'w':
        return '-'
      case 'W':
        return '0'
      case 'i':
        return String(d.qid.path)
      case 'b':
        return String(usedKiB(d) * 2)
      case 'B':
        return '512'
      case 'o':
        return '4096'
      default:
        return '?'
    }
  })
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', a: '\x07', b: '\b', f: '\f', r: '\r', v: '\v' }

/** --printf's backslash escapes. */
function unescaped(format: string): string {
  return format.replace(/\\(.)/gs, (whole, c: string) => ESCAPES[c] ?? whole)
}
