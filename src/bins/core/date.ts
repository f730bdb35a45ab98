/**
 * date [-uR] [-d when] [-r file] [+format]: prints a time as GNU date does in the C locale.
 * ninefold keeps time in UTC: the local zone is UTC, so -u changes nothing.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, UsageError } from '../lib.ts'

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y'
const RFC5322 = '%a, %d %b %Y %H:%M:%S %z'

const DAY_MS = 86400000

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS)
}

/** ISO 8601 week number and week-based year. */
function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  const wday = t.getUTCDay() || 7
  t.setUTCDate(t.getUTCDate() + 4 - wday) // the Thursday of this week decides the year
  const year = t.getUTCFullYear()
  return { year, week: Math.floor(dayOfYear(t) / 7) + 1 }
}

/** One conversion's value and its default padding (character and width). */
function conversion(c: string, d: Date, nanos: number): [string, string, number] | undefined {
  const hour = d.getUTCHours()
  const h12 = hour % 12 || 12
  const wday = d.getUTCDay()
  const yday = dayOfYear(d)
  switch (c) {
    case 'a':
      return [DAYS[wday]!.slice(0, 3), '', 0]
    case 'A':
      return [DAYS[wday]!, '', 0]
    case 'b':
    case 'h':
      return [MONTHS[d.getUTCMonth()]!.slice(0, 3), '', 0]
    case 'B':
      return [MONTHS[d.getUTCMonth()]!, '', 0]
    case 'c':
      return [format('%a %b %e %H:%M:%S %Y', d, nanos), '', 0]
    case 'C':
      return [String(Math.floor(d.getUTCFullYear() / 100)), '0', 2]
    case 'd':
      return [String(d.getUTCDate()), '0', 2]
    case 'D':
    case 'x':
      return [format('%m/%d/%y', d, nanos), '', 0]
    case 'e':
      return [String(d.getUTCDate()), ' ', 2]
    case 'F':
      return [format('%Y-%m-%d', d, nanos), '', 0]
    case 'g':
      return [String(isoWeek(d).year % 100), '0', 2]
    case 'G':
      return [String(isoWeek(d).year), '0', 4]
    case 'H':
      return [String(hour), '0', 2]
    case 'I':
      return [String(h12), '0', 2]
    case 'j':
      return [String(yday + 1), '0', 3]
    case 'k':
      return [String(hour), ' ', 2]
    case 'l':
      return [String(h12), ' ', 2]
    case 'm':
      return [String(d.getUTCMonth() + 1), '0', 2]
    case 'M':
      return [String(d.getUTCMinutes()), '0', 2]
    case 'n':
      return ['\n', '', 0]
    case 'N':
      return [String(nanos), '0', 9]
    case 'p':
      return [hour < 12 ? 'AM' : 'PM', '', 0]
    case 'P':
      return [hour < 12 ? 'am' : 'pm', '', 0]
    case 'r':
      return [format('%I:%M:%S %p', d, nanos), '', 0]
    case 'R':
      return [format('%H:%M', d, nanos), '', 0]
    case 's':
      return [String(Math.floor(d.getTime() / 1000)), '', 0]
    case 'S':
      return [String(d.getUTCSeconds()), '0', 2]
    case 't':
      return ['\t', '', 0]
    case 'T':
    case 'X':
      return [format('%H:%M:%S', d, nanos), '', 0]
    case 'u':
      return [String(wday || 7), '', 0]
    case 'U':
      return [String(Math.floor((yday + 7 - wday) / 7)), '0', 2]
    case 'V':
      return [String(isoWeek(d).week), '0', 2]
    case 'w':
      return [String(wday), '', 0]
    case 'W':
      return [String(Math.floor((yday + 7 - ((wday + 6) % 7)) / 7)), '0', 2]
    case 'y':
      return [String(d.getUTCFullYear() % 100), '0', 2]
    case 'Y':
      return [String(d.getUTCFullYear()), '', 0]
    case 'z':
      return ['+0000', '', 0]
    case 'Z':
      return ['UTC', '', 0]
    case '%':
      return ['%', '', 0]
  }
  return undefined
}

/** GNU's # flag: the names upper case, the AM/PM marker and the zone lower case; others as they are. */
const upper = (t: string): string => t.toUpperCase()
const lower = (t: string): string => t.toLowerCase()
const OPPOSITE_CASE: Record<string, (t: string) => string> = { a: upper, A: upper, b: upper, B: upper, h: upper, p: lower, Z: lower }

/** strftime with GNU's flags: - (no padding), _ (spaces), 0 (zeros), ^ (upper case), # (opposite case), and a width. */
function format(fmt: string, d: Date, nanos = 0): string {
  let out = ''
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') {
      out += fmt[i]
      continue
    }
    const m = /^([-_0^#]*)(\d*)(:{0,3})([a-zA-Z%]?)/.exec(fmt.slice(i + 1))!
    const [all, flags, widthText, colons, c] = m as unknown as [string, string, string, string, string]
    const conv = c === 'z' && colons.length === 1 ? ['+00:00', '', 0] as [string, string, number] : conversion(c, d, nanos)
    if (!conv) {
      out += '%' + all
      i += all.length
      continue
    }
    i += all.length
    let [text, pad, width] = conv
    if (widthText !== '') width = Number(widthText)
    if (flags.includes('-')) pad = ''
    else if (flags.includes('_')) pad = ' '
    else if (flags.includes('0')) pad = '0'
    else if (pad === '' && widthText !== '') pad = ' '
    if (pad !== '' && text.length < width) {
      const negative = text[0] === '-' && pad === '0'
      text = negative ? '-' + text.slice(1).padStart(width - 1, '0') : text.padStart(width, pad)
    }
    if (flags.includes('^')) text = text.toUpperCase()
    else if (flags.includes('#')) text = OPPOSITE_CASE[c]?.(text) ?? text
    out += text
  }
  return out
}

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
  await proc.stdout.write(format(fmt, new Date(whole), nanos) + '\n')
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
