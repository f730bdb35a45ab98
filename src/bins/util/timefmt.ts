/** Times (seconds since the epoch) in the local forms ls, stat and diff print, in a zone (timezone.ts). */
import { offsetText, wallClock, type Zone } from './timezone.ts'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
export const SIX_MONTHS = (365.2425 / 2) * 86400

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n))

/** ls -l: `Jan  5 14:03` for recent times, `Jan  5  2023` for older or future ones (as GNU ls). */
export function lsTime(sec: number, nowSec: number, zone: Zone): string {
  const d = wallClock(zone, sec * 1000)
  const day = String(d.getUTCDate()).padStart(2, ' ')
  const recent = sec > nowSec - SIX_MONTHS && sec <= nowSec
  return `${MONTHS[d.getUTCMonth()]} ${day} ${recent ? `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}` : ` ${d.getUTCFullYear()}`}`
}

/** `2024-01-05 14:03:09` */
export function isoTime(sec: number, zone: Zone): string {
  const d = wallClock(zone, sec * 1000)
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
}

/** diff -u headers and stat's %y: `2024-01-05 14:03:09.000000000 +0100`. */
export function diffTime(sec: number, zone: Zone): string {
  return `${isoTime(sec, zone)}.000000000 ${offsetText(zone.at(sec * 1000).offset, '')}`
}
