/**
 * What the `time` keyword prints when its pipeline ends, as bash's: TIMEFORMAT's text with
 * `%[p][l]R`, `U`, `S` (real, user and system seconds; p decimals, 0 to 3, default 3, cut not
 * rounded; l as `1m2.345s`), `%P` (the share of the processor) and `%%`. Unset, bash's
 * three-line form; `time -p`, POSIX's. ninefold counts no processor time: user and system are 0.
 */

const DEFAULT_FORMAT = '\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS'
const POSIX_FORMAT = 'real %2R\nuser %2U\nsys %2S'

/** Seconds with `digits` decimals, cut (bash's), in the long form `MmS.FFFs` with `long`. */
function seconds(ms: number, digits: number, long: boolean): string {
  const whole = Math.floor(ms / 1000)
  const fraction = digits === 0 ? '' : '.' + String(Math.floor(ms) % 1000).padStart(3, '0').slice(0, digits)
  return long ? `${Math.floor(whole / 60)}m${whole % 60}${fraction}s` : `${whole}${fraction}`
}

/** The report for a pipeline that took `realMs`; an Error naming a bad TIMEFORMAT character. */
export function timeReport(format: string | undefined, posix: boolean, realMs: number): string | Error {
  const text = posix ? POSIX_FORMAT : (format ?? DEFAULT_FORMAT)
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c !== '%' || i === text.length - 1) {
      out += c
      continue
    }
    const m = /^(\d?)(l?)([RUSP%]?)/.exec(text.slice(i + 1))!
    const [all, digit, long, letter] = m as unknown as [string, string, string, string]
    if (letter === '') return new Error(`\`${text[i + 1 + digit.length + long.length]}': invalid format character`)
    i += all.length
    if (letter === '%') out += '%'
    else if (letter === 'P') out += '0.00'
    else out += seconds(letter === 'R' ? realMs : 0, digit === '' ? 3 : Math.min(3, Number(digit)), long !== '')
  }
  return text === '' ? '' : out + '\n'
}
