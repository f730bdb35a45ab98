/**
 * date [-uR] [-d when] [-r file] [+format]: prints a time as GNU date does in the C locale.
 * ninefold keeps time in UTC: the local zone is UTC, so -u changes nothing.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, UsageError } from '../lib.ts'
import { DEFAULT_TIME_FORMAT, strftime } from '../util/strftime.ts'

const DEFAULT_FORMAT = DEFAULT_TIME_FORMAT
const RFC5322 = '%a, %d %b %Y %H:%M:%S %z'

/** -d: `@seconds`, `now`, or an ISO date and time (UTC unless a zone is given). */
function parseWhen(s: string): number | undefined {
  const t = s.trim()
  if (t === '' || t === 'now' || t === 'today') return Date.now()
  const at = /^@(-?\d+(?:\.\d+)?)$/.exec(t)
  if (at) return Number(at[1]) * 1000
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i.exec(t)
  if (!m) return undefined
  const [, y, mo, da, h, mi, se, frac, zone] = m
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(da), Number(h ?? 0), Number(mi ?? 0), Number(se ?? 0), Math.round(Number(frac ?? 0) * 1000))
  if (zone && /^[+-]/.test(zone)) {
    const z = zone.replace(':', '')
    const offset = (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60000
    ms -= zone[0] === '-' ? -offset : offset
  }
  return Number.isNaN(ms) ? undefined : ms
}

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

async function run(proc: ProcContext): Promise<number> {
  const iso = proc.argv.slice(1).map(isoFormat).find((f) => f !== undefined)
  const { flags, operands } = parseArgs(
    proc.argv.filter((w, i) => i === 0 || isoFormat(w) === undefined),
    'uRd:r:',
  )
  let fmt = iso ?? (flags['R'] ? RFC5322 : DEFAULT_FORMAT)
  for (const op of operands) {
    if (!op.startsWith('+')) throw new UsageError(`not implemented: setting the date ('${op}')`)
    if (operands.length > 1) throw new UsageError(`extra operand '${operands[1]}'`)
    if (flags['R'] || iso) throw new UsageError('multiple output formats specified')
    fmt = op.slice(1)
  }
  let ms: number
  if (typeof flags['d'] === 'string') {
    const when = parseWhen(flags['d'])
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
  await proc.stdout.write(strftime(fmt, new Date(whole), nanos) + '\n')
  return 0
}

export const date = command({
  name: 'date',
  usage: '[-uR] [-I[spec]] [-d when] [-r file] [+format]',
  summary: 'print the date and time',
  help: `-u  UTC (ninefold's only zone)   -R  RFC 5322 format   -r FILE  the file's modification time
-I[SPEC], --iso-8601[=SPEC]  ISO 8601: date (the default), hours, minutes, seconds or ns
-d WHEN  @SECONDS, now, or YYYY-MM-DD[ HH:MM[:SS]][Z|+hh:mm]
+FORMAT: %a %A %b %B %c %C %d %D %e %F %g %G %H %I %j %k %l %m %M %n %N %p %P %r %R %s %S
%t %T %u %U %V %w %W %x %X %y %Y %z %:z %Z %%, with flags - _ 0 ^ # and a width`,
  run,
})
