/** touch: set files' modification (and access) times to now, creating missing files empty. */
import { isNineError } from '../../kernel/errors.ts'
import { OEXCL, OWRITE, type DirChanges, type ExitCode, type ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, usage, UsageError } from '../lib.ts'
import { parseDateTime } from '../util/datetime.ts'
import { exactWallClock, localZone, wallClock, type Zone } from '../util/timezone.ts'
import { longOptions } from '../util/longopts.ts'

const USAGE = '[-acm] [-d date] [-t stamp | -r file] file ...'
/** A new file's mode before the file-creation mask. */
const FILE_PERM = 0o666

export const touch = command({
  name: 'touch',
  usage: USAGE,
  summary: 'change file times, creating files that do not exist',
  help: [
    '  -a       change only the access time',
    '  -m       change only the modification time',
    '  -c       do not create missing files',
    '  -d date  use this time, as date -d reads it (2024-01-05 14:03, yesterday, 2 hours ago...)',
    '  -t stamp use [[CC]YY]MMDDhhmm[.ss]',
    "  -r file  use that file's times (with -d, the date is read from the file's time)",
  ].join('\n'),
  async run(proc) {
    const { argv, longs } = longOptions(proc.argv, LONG, 'acmd:t:r:')
    const { flags, operands } = parseArgs([argv[0]!, ...timeFlag(longs['time']), ...argv.slice(1)], 'acmd:t:r:', { permute: true })
    if (operands.length === 0) return usage(proc, 'touch', USAGE, 'missing file operand')
    // -d may go with -r (the date is then read from the file's time, as GNU's), -t with neither
    if (flags.t !== undefined && (flags.d !== undefined || flags.r !== undefined)) return usage(proc, 'touch', USAGE, 'cannot specify times from more than one source')
    const now = Date.now()
    let times = { mtime: Math.floor(now / 1000), atime: Math.floor(now / 1000) }
    if (typeof flags.r === 'string') {
      try {
        times = await proc.stat(flags.r)
      } catch (e) {
        await fail(proc, 'touch', flags.r, e)
        return 1
      }
    }
    if (typeof flags.d === 'string' || typeof flags.t === 'string') {
      const zone = localZone(proc.env)
      const ms = typeof flags.d === 'string' ? parseDateTime(flags.d, flags.r === undefined ? now : times.mtime * 1000, zone) : stamp(flags.t as string, zone)
      if (ms === undefined) {
        await proc.stderr.write(`touch: invalid date format '${flags.d ?? flags.t}'\n`)
        return 1
      }
      times = { mtime: Math.floor(ms / 1000), atime: Math.floor(ms / 1000) }
    }
    const changes: DirChanges = {}
    if (flags.m || !flags.a) changes.mtime = times.mtime
    if (flags.a || !flags.m) changes.atime = times.atime
    let status: ExitCode = 0
    for (const path of operands) {
      try {
        await touchOne(proc, path, changes, flags.c === true)
      } catch (e) {
        await fail(proc, 'touch', path, e)
        status = 1
      }
    }
    return status
  },
})

/** GNU's long options; --time=WORD says which time, as -a or -m. */
const LONG = { date: 'd:', reference: 'r:', 'no-create': 'c', time: ':' }

/** --time=WORD as the flag it stands for. */
function timeFlag(word: string | true | undefined): string[] {
  if (word === undefined) return []
  if (word === 'access' || word === 'atime' || word === 'use') return ['-a']
  if (word === 'modify' || word === 'mtime') return ['-m']
  throw new UsageError(`invalid argument '${word}' for '--time'`)
}

/** -t's [[CC]YY]MMDDhhmm[.ss], in the local zone; a two-digit year is 1969-2068 as POSIX has it. Undefined if malformed or skipped by the local clock. */
function stamp(text: string, zone: Zone): number | undefined {
  const m = /^(\d{2})?(\d{2})?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(text)
  if (!m) return undefined
  const [, cc, yy, mo, dd, hh, mi, ss] = m
  const now = wallClock(zone, Date.now())
  const year = yy === undefined ? (cc === undefined ? now.getUTCFullYear() : Number(cc) + (Number(cc) < 69 ? 2000 : 1900)) : Number(cc) * 100 + Number(yy)
  const fields = [Number(mo) - 1, Number(dd), Number(hh), Number(mi), Number(ss ?? 0)] as const
  const ms = Date.UTC(year, ...fields)
  const d = new Date(ms)
  // no carrying: 0230 is no date
  if (d.getUTCMonth() !== fields[0] || d.getUTCDate() !== fields[1] || d.getUTCHours() !== fields[2] || d.getUTCMinutes() !== fields[3]) return undefined
  return exactWallClock(zone, ms)
}

async function touchOne(proc: ProcContext, path: string, changes: DirChanges, noCreate: boolean): Promise<void> {
  try {
    await proc.wstat(path, changes)
    return
  } catch (e) {
    if (noCreate && isNineError(e, 'ENOENT')) return
    if (!isNineError(e, 'ENOENT')) throw e
  }
  try {
    await proc.close(await proc.create(path, FILE_PERM, OWRITE | OEXCL))
  } catch (e) {
    // Created by someone else in the meantime: only its times change.
    if (!isNineError(e, 'EEXIST')) throw e
  }
  await proc.wstat(path, changes)
}
