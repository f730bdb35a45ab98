/**
 * The local time zone, as a process's TZ names it: unset or empty is UTC (ninefold's clock and
 * default zone). A name the JavaScript engine's time zone database knows (`America/New_York`,
 * `Europe/Paris`, `EST5EDT`, `UTC`, with or without POSIX's leading `:`) follows its rules,
 * summer time included; otherwise POSIX's fixed form `NAME[+-]hh[:mm[:ss]]` (`UTC0`, `JST-9`,
 * `<+03>-3`: the offset is west of UTC, as POSIX counts it); anything else is UTC under the
 * name's leading letters, as the C library does.
 *
 * The engine gives a zone's offset at an instant (formatToParts of the wall clock there), and
 * abbreviations only where its locale data has them (`EDT`, `CEST`, `BST`); elsewhere the
 * abbreviation is the offset, as tzdata writes zones without one (`+09`, `+0530`).
 */

/** A zone at one instant: minutes east of UTC, and the abbreviation (%Z). */
export interface ZoneTime {
  offset: number
  name: string
}

export interface Zone {
  at(ms: number): ZoneTime
}

const DAY = 86400000

const UTC_TIME: ZoneTime = { offset: 0, name: 'UTC' }
export const UTC: Zone = { at: () => UTC_TIME }

/** A fixed offset under a name. */
const fixed = (time: ZoneTime): Zone => ({ at: () => time })

/** An offset east of UTC as %z writes it (`+0530`), or %:z with `:` as the separator. */
export function offsetText(offset: number, separator: string): string {
  const abs = Math.abs(offset)
  return `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${separator}${String(abs % 60).padStart(2, '0')}`
}

/** An offset as tzdata names a zone without an abbreviation: `+09`, `-0330`. */
const numericName = (offset: number): string => (offset % 60 === 0 ? offsetText(offset, '').slice(0, 3) : offsetText(offset, ''))

/** Offsets change only at instants on a quarter hour (of modern rules); each quarter's is kept. */
const QUARTER_HOUR = 15 * 60 * 1000
const KEPT = 4096

/** Locales whose names for zones are tzdata's abbreviations, each for some zones (`AEST` en-AU, `IST` en-IN). */
const LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN', 'en-ZA', 'en-IE', 'en-HK']

/** tzdata's abbreviations that no locale above has: the zone's standard offset, its names in standard and summer time. */
const TZDATA_NAMES: Record<string, [number, string, string?]> = {
  'Asia/Tokyo': [540, 'JST'],
  'Asia/Seoul': [540, 'KST'],
  'Asia/Shanghai': [480, 'CST'],
  'Asia/Taipei': [480, 'CST'],
  'Asia/Manila': [480, 'PST'],
  'Asia/Jakarta': [420, 'WIB'],
  'Asia/Karachi': [300, 'PKT'],
  'Asia/Jerusalem': [120, 'IST', 'IDT'],
  'Europe/Moscow': [180, 'MSK'],
}

/** A zone of the engine's database; undefined if it does not know the name. */
function engineZone(name: string): Zone | undefined {
  let wall: Intl.DateTimeFormat
  try {
    wall = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
  } catch {
    return undefined
  }
  const known = TZDATA_NAMES[wall.resolvedOptions().timeZone]
  // made as they are needed: most zones are named by the first
  const namers: Intl.DateTimeFormat[] = []
  const abbreviation = (ms: number, offset: number): string => {
    if (known) return offset === known[0] || known[2] === undefined ? known[1] : known[2]
    for (let i = 0; i < LOCALES.length; i++) {
      const namer = (namers[i] ??= new Intl.DateTimeFormat(LOCALES[i], { timeZone: name, timeZoneName: 'short' }))
      const text = namer.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value
      // the locale's own name for the zone, not its `GMT+2`
      if (text !== undefined && !/^(GMT|UTC)[+\-\u2212]/.test(text) && (text !== 'GMT' || offset === 0)) return text
    }
    return numericName(offset)
  }
  const kept = new Map<number, ZoneTime>()
  const compute = (ms: number): ZoneTime => {
    const fields: Record<string, number> = {}
    for (const part of wall.formatToParts(ms)) if (part.type !== 'literal') fields[part.type] = Number(part.value)
    const clock = Date.UTC(fields['year']!, fields['month']! - 1, fields['day']!, fields['hour']!, fields['minute']!, fields['second']!)
    const offset = Math.round((clock - Math.floor(ms / 1000) * 1000) / 60000)
    return { offset, name: abbreviation(ms, offset) }
  }
  return {
    at(ms: number): ZoneTime {
      const quarter = Math.floor(ms / QUARTER_HOUR)
      let time = kept.get(quarter)
      if (time === undefined) {
        if (kept.size >= KEPT) kept.clear()
        time = compute(ms)
        kept.set(quarter, time)
      }
      return time
    },
  }
}

/** POSIX's TZ without rules: a name and the hours (minutes, seconds) west of UTC. */
const POSIX_FIXED = /^(<[^>]*>|[A-Za-z]{3,})([+-]?)(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?/

function posixZone(tz: string): Zone | undefined {
  const m = POSIX_FIXED.exec(tz)
  if (!m) return undefined
  const west = Number(m[3]) * 60 + Number(m[4] ?? 0) + Math.round(Number(m[5] ?? 0) / 60)
  const name = m[1]!.startsWith('<') ? m[1]!.slice(1, -1) : m[1]!
  return fixed({ offset: m[2] === '-' ? west : -west, name })
}

const zones = new Map<string, Zone>()

/** The zone TZ names (see above). */
export function zoneNamed(tz: string | undefined): Zone {
  if (tz === undefined || tz === '' || tz === 'UTC' || tz === ':UTC') return UTC
  let zone = zones.get(tz)
  if (zone === undefined) {
    const name = tz.startsWith(':') ? tz.slice(1) : tz
    zone = engineZone(name) ?? posixZone(name) ?? fixed({ offset: 0, name: /^[A-Za-z]*/.exec(name)![0] || 'UTC' })
    zones.set(tz, zone)
  }
  return zone
}

/** A process's local zone: its TZ's. */
export const localZone = (env: Readonly<Record<string, string>>): Zone => zoneNamed(env['TZ'])

/** A Date whose UTC fields are the zone's wall clock at the instant ms. */
export function wallClock(zone: Zone, ms: number): Date {
  return new Date(ms + zone.at(ms).offset * 60000)
}

/**
 * The instant at which the zone's wall clock reads `clock` (Date.UTC of its fields): the offsets
 * a day before and after it cover any one change of offset. Where both give that wall clock (an
 * hour repeated when summer time ends) the earlier; where neither does (the hour skipped when it
 * begins) undefined, as GNU's date finds no such time.
 */
export function exactWallClock(zone: Zone, clock: number): number | undefined {
  const before = clock - zone.at(clock - DAY).offset * 60000
  const after = clock - zone.at(clock + DAY).offset * 60000
  const reads = (ms: number): boolean => ms + zone.at(ms).offset * 60000 === clock
  if (reads(before)) return reads(after) ? Math.min(before, after) : before
  return reads(after) ? after : undefined
}

/** exactWallClock, a skipped time read with the offset before the change, as C's mktime. */
export const fromWallClock = (zone: Zone, clock: number): number => exactWallClock(zone, clock) ?? clock - zone.at(clock - DAY).offset * 60000
