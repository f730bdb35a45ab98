/** Times (seconds since the epoch) in the local forms ls, stat and diff print. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
export const SIX_MONTHS = (365.2425 / 2) * 86400

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n))

/** ls -l: `Jan  5 14:03` for recent times, `Jan  5  2023` for older or future ones (as GNU ls). */
export function lsTime(sec: number, nowSec: number): string {
  const d = new Date(sec * 1000)
  const day = String(d.getDate()).padStart(2, ' ')
  const recent = sec > nowSec - SIX_MONTHS && sec <= nowSec
  return `${MONTHS[d.getMonth()]} ${day} ${recent ? `${pad2(d.getHours())}:${pad2(d.getMinutes())}` : ` ${d.getFullYear()}`}`
}

/** `2024-01-05 14:03:09` */
export function isoTime(sec: number): string {
  const d = new Date(sec * 1000)
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`
}

/** diff -u headers and stat's %y: `2024-01-05 14:03:09.000000000 +0100`. */
export function diffTime(sec: number): string {
  const offset = -new Date(sec * 1000).getTimezoneOffset()
  const abs = Math.abs(offset)
  return `${isoTime(sec)}.000000000 ${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`
}
