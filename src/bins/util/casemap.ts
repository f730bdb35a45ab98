/**
 * Case changes a character at a time, as C's towupper and towlower (and so gawk and bash) make
 * them, by Unicode's simple mappings: a character whose full case form is several characters
 * (ß → SS) stays as it is, except İ, the one whose simple lower case (i) differs from its full one (i̇).
 */

/** `s` upper-cased, each character into one. */
export function upperEach(s: string): string {
  const whole = s.toUpperCase()
  return whole.length === s.length ? whole : eachChar(s, (c) => c.toUpperCase())
}

/** `s` lower-cased, each character into one. */
export function lowerEach(s: string): string {
  const whole = s.toLowerCase()
  return whole.length === s.length ? whole : eachChar(s, (c) => (c === '\u0130' ? 'i' : c.toLowerCase()))
}

function eachChar(s: string, change: (c: string) => string): string {
  let out = ''
  for (const c of s) {
    const changed = change(c)
    out += changed.length === c.length ? changed : c
  }
  return out
}
