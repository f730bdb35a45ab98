/**
 * Dates as GNU's date -d and touch -d read them (its parse_datetime), in a local zone
 * (timezone.ts) unless the text names one.
 *
 * The text is read item by item: `@SECONDS`; calendar dates (2024-01-15, 2024/01/15, 01/15/2024,
 * 01/15, 20240115, Jan 15 2024, 15 January, 15-Jan-2024); times (10:30, 10:30:05.5, 10pm, 1030)
 * with a zone after them (Z, UTC, GMT, +0100, -05:00, +2); ISO 8601's 2024-01-15T10:30:00Z; day
 * names (monday, next friday, last sun); and relative items (3 days, -2 weeks, 1 hour ago,
 * next month, last year, fortnight, yesterday, tomorrow, today, now).
 *
 * The result is made as GNU makes it: the date (today unless one is given) at the time given
 * (midnight when a date or day was given without one, else now); then the day of the week, when no
 * date was given; then the relative years, months and days, carried as C's mktime carries them
 * (January 31 + 1 month is March 2); then that wall-clock time is placed in its zone; then the
 * relative hours, minutes and seconds are added.
 * A field out of range (month 13, February 30, 25:00) makes the text invalid, as GNU's.
 */

import { exactWallClock, UTC, wallClock, type Zone } from './timezone.ts'

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']
const DAY_WORDS: Record<string, number> = { tues: 2, wednes: 3, thur: 4, thurs: 4 }
const ORDINALS: Record<string, number> = {
  last: -1,
  this: 0,
  next: 1,
  first: 1,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
}
/** A relative unit: which field it moves, and by how many of that field. */
const UNITS: Record<string, [keyof Relative, number]> = {
  year: ['years', 1],
  month: ['months', 1],
  fortnight: ['days', 14],
  week: ['days', 7],
  day: ['days', 1],
  hour: ['seconds', 3600],
  minute: ['seconds', 60],
  min: ['seconds', 60],
  second: ['seconds', 1],
  sec: ['seconds', 1],
}

interface Relative {
  years: number
  months: number
  days: number
  seconds: number
}

/** What the items said, before the result is made. */
interface Items {
  date?: { year?: number; month: number; day: number }
  time?: { hour: number; minute: number; second: number }
  /** Minutes east of UTC the date and time were given in. */
  zone?: number
  weekday?: { day: number; ordinal: number }
  relative: Relative
}

const monthOf = (word: string): number | undefined => {
  const w = word.replace(/\.$/, '')
  const i = MONTHS.indexOf(w.slice(0, 3))
  // the whole name or its first three letters (and "sept")
  if (i < 0 || !(w.length === 3 || (i === 8 && w === 'sept') || 'january february march april may june july august september october november december'.split(' ')[i] === w)) return undefined
  return i + 1
}

const dayOf = (word: string): number | undefined => {
  const w = word.replace(/[.,]$/, '')
  if (DAY_WORDS[w] !== undefined) return DAY_WORDS[w]
  const i = DAYS.indexOf(w.slice(0, 3))
  if (i < 0 || !(w.length === 3 || ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][i] === w)) return undefined
  return i
}

const unitOf = (word: string): [keyof Relative, number] | undefined => UNITS[word.endsWith('s') && UNITS[word.slice(0, -1)] ? word.slice(0, -1) : word]

/** A zone's offset in minutes: `Z`, `UTC`, `+0100`, `-05:00`, `+2`; undefined if it is not one. */
function zoneOf(text: string): number | undefined {
  if (text === 'z' || text === 'utc' || text === 'ut' || text === 'gmt') return 0
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text)
  if (!m) return undefined
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0)
  return m[1] === '-' ? -minutes : minutes
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(am|pm|a\.m\.|p\.m\.)?$/

/** A time of day; with am/pm, 12 is 0 and a pm hour 12 more. Undefined if it is not one. */
function timeOf(text: string, meridian?: string): Items['time'] | undefined {
  const m = TIME.exec(text)
  const hourOnly = /^(\d{1,2})(am|pm|a\.m\.|p\.m\.)$/.exec(text)
  if (!m && !hourOnly) return undefined
  let hour = Number((m ?? hourOnly)![1])
  const minute = m ? Number(m[2]) : 0
  const second = m?.[3] !== undefined ? Number(m[3]) : 0
  const ampm = (m ? m[4] : hourOnly![2]) ?? meridian
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return undefined
    hour = (hour % 12) + (ampm[0] === 'p' ? 12 : 0)
  }
  return { hour, minute, second }
}

/** The words of the text: split at blanks and commas, `-` kept with what follows (a sign). */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/,/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '')
}

/** Reads the items; undefined when a word is not understood. */
function readItems(text: string): Items | undefined {
  const items: Items = { relative: { years: 0, months: 0, days: 0, seconds: 0 } }
  const w = words(text)
  const setDate = (d: NonNullable<Items['date']>): boolean => {
    if (items.date !== undefined) return false
    items.date = d
    return true
  }
  const setTime = (t: Items['time']): boolean => {
    if (t === undefined || items.time !== undefined) return false
    items.time = t
    return true
  }
  for (let i = 0; i < w.length; i++) {
    const word = w[i]!
    const next = w[i + 1]
    let m: RegExpExecArray | null
    // ISO 8601: a date, T, a time, and maybe a zone
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})t(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)(z|[+-]\d{2}(?::?\d{2})?)?$/.exec(word))) {
      if (!setDate({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }) || !setTime(timeOf(m[4]!))) return undefined
      if (m[5] !== undefined) items.zone = zoneOf(m[5])
      continue
    }
    if ((m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(word))) {
      if (!setDate({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) })) return undefined
      continue
    }
    if ((m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/.exec(word))) {
      const year = m[3] === undefined ? undefined : m[3].length === 2 ? Number(m[3]) + (Number(m[3]) < 69 ? 2000 : 1900) : Number(m[3])
      if (!setDate({ year, month: Number(m[1]), day: Number(m[2]) })) return undefined
      continue
    }
    if ((m = /^(\d{1,2})-([a-z]+)\.?-(\d{4})$/.exec(word)) && monthOf(m[2]!) !== undefined) {
      if (!setDate({ year: Number(m[3]), month: monthOf(m[2]!)!, day: Number(m[1]) })) return undefined
      continue
    }
    // a time, with am/pm as the next word, and a zone after it (a signed number there is one, as GNU reads it)
    const meridian = next !== undefined && /^(am|pm|a\.m\.|p\.m\.)$/.test(next) ? next : undefined
    const time = timeOf(word, meridian) ?? (meridian !== undefined && /^\d{1,2}$/.test(word) ? timeOf(word + meridian) : undefined)
    if (time !== undefined) {
      if (!setTime(time)) return undefined
      if (meridian !== undefined) i++
      const zone = w[i + 1] !== undefined ? zoneOf(w[i + 1]!) : undefined
      if (zone !== undefined) {
        items.zone = zone
        i++
      }
      continue
    }
    const zone = zoneOf(word)
    if (zone !== undefined && !/^[+-]?\d+$/.test(word)) {
      items.zone = zone
      continue
    }
    const month = monthOf(word)
    if (month !== undefined) {
      // Jan 15 [2024]
      if (next === undefined || !/^\d{1,2}$/.test(next)) return undefined
      const year = w[i + 2] !== undefined && /^\d{4}$/.test(w[i + 2]!) ? Number(w[i + 2]) : undefined
      if (!setDate({ year, month, day: Number(next) })) return undefined
      i += year === undefined ? 1 : 2
      continue
    }
    if (/^\d{1,2}$/.test(word) && next !== undefined && monthOf(next) !== undefined) {
      // 15 Jan [2024]
      const year = w[i + 2] !== undefined && /^\d{4}$/.test(w[i + 2]!) ? Number(w[i + 2]) : undefined
      if (!setDate({ year, month: monthOf(next)!, day: Number(word) })) return undefined
      i += year === undefined ? 1 : 2
      continue
    }
    const day = dayOf(word)
    if (day !== undefined) {
      items.weekday = { day, ordinal: 0 }
      continue
    }
    if (word === 'yesterday' || word === 'tomorrow') {
      items.relative.days += word === 'tomorrow' ? 1 : -1
      continue
    }
    if (word === 'today' || word === 'now') continue
    // a sign apart from its number (`+ 2 weeks`)
    if ((word === '+' || word === '-') && next !== undefined && /^\d+$/.test(next)) {
      w[i + 1] = word + next
      continue
    }
    // N unit [ago], ORDINAL unit, ORDINAL dayname, unit
    const count = /^[+-]?\d+$/.test(word) ? Number(word) : ORDINALS[word]
    const unit = count !== undefined && next !== undefined ? unitOf(next) : unitOf(word)
    if (unit !== undefined) {
      if (count !== undefined) i++
      const ago = w[i + 1] === 'ago'
      if (ago) i++
      items.relative[unit[0]] += (count ?? 1) * unit[1] * (ago ? -1 : 1)
      continue
    }
    if (ORDINALS[word] !== undefined && next !== undefined && dayOf(next) !== undefined) {
      items.weekday = { day: dayOf(next)!, ordinal: ORDINALS[word]! }
      i++
      continue
    }
    // a bare number: a year after a date without one, YYYYMMDD, or a time as HH or HHMM
    if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(word))) {
      if (!setDate({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) })) return undefined
      continue
    }
    if (/^\d{4}$/.test(word) && items.date !== undefined && items.date.year === undefined) {
      items.date.year = Number(word)
      continue
    }
    if ((m = /^(\d{1,2})(\d{2})?$/.exec(word)) && items.time === undefined) {
      items.time = { hour: Number(m[1]), minute: Number(m[2] ?? 0), second: 0 }
      continue
    }
    return undefined
  }
  return items
}

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** Milliseconds since the epoch the text names, read at `now`; undefined when it names none. */
export function parseDateTime(text: string, now: number, zone: Zone = UTC): number | undefined {
  const epoch = /^\s*@([+-]?\d+(?:\.\d+)?)\s*$/.exec(text)
  if (epoch) return Number(epoch[1]) * 1000
  const items = readItems(text)
  if (items === undefined) return undefined
  const today = wallClock(zone, now)
  const { date, time, weekday, relative } = items
  const year = date?.year ?? today.getUTCFullYear()
  const month = date?.month ?? today.getUTCMonth() + 1
  const day = date?.day ?? today.getUTCDate()
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined
  if (time !== undefined && (time.hour > 23 || time.minute > 59 || time.second > 60)) return undefined
  // a date or a day without a time is at midnight; nothing but relative items keeps the time of now
  const midnight = date !== undefined || weekday !== undefined || text.trim() === ''
  const clock = time ?? (midnight ? { hour: 0, minute: 0, second: 0 } : { hour: today.getUTCHours(), minute: today.getUTCMinutes(), second: today.getUTCSeconds() })
  const millis = time === undefined && !midnight ? today.getUTCMilliseconds() : 0
  let d = day
  if (weekday !== undefined && date === undefined) {
    const wday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
    d += ((weekday.day - wday + 7) % 7) + 7 * (weekday.ordinal - (weekday.ordinal > 0 && wday !== weekday.day ? 1 : 0))
  }
  const at = Date.UTC(year + relative.years, month - 1 + relative.months, d + relative.days, clock.hour, clock.minute, clock.second, millis)
  // a time the local clock skips names none
  const placed = items.zone === undefined ? exactWallClock(zone, at) : at - items.zone * 60000
  return placed === undefined ? undefined : placed + relative.seconds * 1000
}
