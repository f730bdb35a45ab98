/**
 * strftime as GNU's date has it in the C locale, for date, awk's strftime and the shell's
 * printf %(...)T, in a time zone (timezone.ts): the fields are read from a Date whose UTC fields
 * are the zone's wall clock.
 */
import { offsetText, UTC, type Zone, type ZoneTime } from './timezone.ts'

/** The format date prints without one, and awk's strftime uses without one. */
export const DEFAULT_TIME_FORMAT = '%a %b %e %H:%M:%S %Z %Y'

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

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
function conversion(c: string, d: Date, nanos: number, zone: ZoneTime, ms: number): [string, string, number] | undefined {
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
      return [strftime('%a %b %e %H:%M:%S %Y', d, nanos), '', 0]
    case 'C':
      return [String(Math.floor(d.getUTCFullYear() / 100)), '0', 2]
    case 'd':
      return [String(d.getUTCDate()), '0', 2]
    case 'D':
    case 'x':
      return [strftime('%m/%d/%y', d, nanos), '', 0]
    case 'e':
      return [String(d.getUTCDate()), ' ', 2]
    case 'F':
      return [strftime('%Y-%m-%d', d, nanos), '', 0]
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
      return [strftime('%I:%M:%S %p', d, nanos), '', 0]
    case 'R':
      return [strftime('%H:%M', d, nanos), '', 0]
    case 's':
      return [String(Math.floor(ms / 1000)), '', 0]
    case 'S':
      return [String(d.getUTCSeconds()), '0', 2]
    case 't':
      return ['\t', '', 0]
    case 'T':
    case 'X':
      return [strftime('%H:%M:%S', d, nanos), '', 0]
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
      return [offsetText(zone.offset, ''), '', 0]
    case 'Z':
      return [zone.name, '', 0]
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
export function strftime(fmt: string, at: Date, nanos = 0, zone: Zone = UTC): string {
  const ms = at.getTime()
  const zoneTime = zone.at(ms)
  const d = zoneTime.offset === 0 ? at : new Date(ms + zoneTime.offset * 60000)
  let out = ''
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') {
      out += fmt[i]
      continue
    }
    const m = /^([-_0^#]*)(\d*)(:{0,3})([a-zA-Z%]?)/.exec(fmt.slice(i + 1))!
    const [all, flags, widthText, colons, c] = m as unknown as [string, string, string, string, string]
    const conv = c === 'z' && colons.length === 1 ? ([offsetText(zoneTime.offset, ':'), '', 0] as [string, string, number]) : conversion(c, d, nanos, zoneTime, ms)
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
