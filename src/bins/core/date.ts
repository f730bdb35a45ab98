/**
 * date [-uR] [-d when] [-r file] [+format]: prints a time as GNU date does in the C locale, in
 * the zone TZ names (UTC where it names none; see util/timezone.ts), or in UTC with -u.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, UsageError } from '../lib.ts'
import { parseDateTime } from '../util/datetime.ts'
import { longOptions } from '../util/longopts.ts'
import { DEFAULT_TIME_FORMAT, strftime } from '../util/strftime.ts'
import { localZone, UTC } from '../util/timezone.ts'

const DEFAULT_FORMAT = DEFAULT_TIME_FORMAT
const RFC5322 = '%a, %d %b %Y %H:%M:%S %z'

/** -I and --iso-8601's precisions. */
const ISO_8601: Record<string, string> = {
  date: '%Y-%m-%d',
  hours: '%Y-%m-%dT%H%:z',
  minutes: '%Y-%m-%dT%H:%M%:z',
  seconds: '%Y-%m-%dT%H:%M:%S%:z',
  ns: '%Y-%m-%dT%H:%M:%S,%N%:z',
}

/** The format an -I[SPEC] or --iso-8601[=SPEC] word asks for; undefined for other words. */
function isoFormat(word: string): string | undefined {
  const m = /^(?:-I|--iso-8601(?:=|$))(.*)$/.exec(word)
  if (!m) return undefined
  const fmt = ISO_8601[m[1] || 'date']
  if (fmt === undefined) throw new UsageError(`invalid argument '${m[1]}' for '--iso-8601'`)
  return fmt
}

/** GNU's long options (--iso-8601[=SPEC] becomes -I[SPEC], which isoFormat reads). */
const LONG = { date: 'd:', reference: 'r:', utc: 'u', universal: 'u', 'rfc-email': 'R', 'iso-8601': 'I::', 'rfc-3339': ':' }

/** --rfc-3339's precisions. */
const RFC_3339: Record<string, string> = { date: '%Y-%m-%d', seconds: '%Y-%m-%d %H:%M:%S%:z', ns: '%Y-%m-%d %H:%M:%S.%N%:z' }

async function run(proc: ProcContext): Promise<number> {
  const { argv, longs } = longOptions(proc.argv, LONG, 'uRd:r:')
  const iso = argv.slice(1).map(isoFormat).find((f) => f !== undefined)
  const { flags, operands } = parseArgs(
    argv.filter((w, i) => i === 0 || isoFormat(w) === undefined),
    'uRd:r:',
    // GNU takes options after the format too (`date +%s -d DATE`)
    { permute: true },
  )
  const rfc3339 = longs['rfc-3339']
  if (rfc3339 !== undefined && RFC_3339[String(rfc3339)] === undefined) throw new UsageError(`invalid argument '${String(rfc3339)}' for '--rfc-3339'`)
  if ([flags['R'], iso, rfc3339].filter((f) => f !== undefined).length > 1) throw new UsageError('multiple output formats specified')
  let fmt = iso ?? (rfc3339 !== undefined ? RFC_3339[String(rfc3339)]! : flags['R'] ? RFC5322 : DEFAULT_FORMAT)
  for (const op of operands) {
    if (!op.startsWith('+')) throw new UsageError(`not implemented: setting the date ('${op}')`)
    if (operands.length > 1) throw new UsageError(`extra operand '${operands[1]}'`)
    if (flags['R'] || iso || rfc3339 !== undefined) throw new UsageError('multiple output formats specified')
    fmt = op.slice(1)
  }
  // -u: GNU sets TZ=UTC0
  const zone = flags['u'] ? UTC : localZone(proc.env)
  let ms: number
  if (typeof flags['d'] === 'string') {
    const when = parseDateTime(flags['d'], Date.now(), zone)
    if (when === undefined) {
      await proc.stderr.write(`date: invalid date '${flags['d']}'\n`)
      return 1
    }
    ms = when
  } else if (typeof flags['r'] === 'string') {
    try {
      ms = (await proc.stat(flags['r'])).mtime * 1000
    } catch (e) {
      await fail(proc, 'date', flags['r'], e)
      return 1
    }
  } else ms = Date.now()
  const whole = Math.floor(ms)
  const nanos = Math.round((ms - whole) * 1e6) + (((whole % 1000) + 1000) % 1000) * 1e6
  await proc.stdout.write(strftime(fmt, new Date(whole), nanos, zone) + '\n')
  return 0
}

export const date = command({
  name: 'date',
  usage: '[-uR] [-I[spec]] [-d when] [-r file] [+format]',
  summary: 'print the date and time',
  help: `-u  UTC (the default zone where TZ is not set; TZ=Europe/Paris, TZ=JST-9 name others)   -R  RFC 5322 format   -r FILE  the file's modification time
-I[SPEC], --iso-8601[=SPEC]  ISO 8601: date (the default), hours, minutes, seconds or ns
--rfc-3339=date|seconds|ns  RFC 3339 (a space between the date and the time)
-d WHEN, --date=WHEN  as GNU's: @SECONDS, 2024-01-15 10:30, Jan 15 2024, yesterday, 3 days ago,
         next monday, +2 weeks, 10pm UTC... (a time without a zone is in the local one)
+FORMAT: %a %A %b %B %c %C %d %D %e %F %g %G %H %I %j %k %l %m %M %n %N %p %P %r %R %s %S
%t %T %u %U %V %w %W %x %X %y %Y %z %:z %Z %%, with flags - _ 0 ^ # and a width`,
  run,
})
