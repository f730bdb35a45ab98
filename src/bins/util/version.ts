/** Version order: `v1.2` before `v1.10`. */
const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/** Debian's character order in versions: `~` before the end, the end before letters, letters before the rest. */
function versionRank(s: string, i: number): number {
  if (i >= s.length) return 0
  const c = s.charCodeAt(i)
  if (isDigit(c)) return 0
  if (isLetter(c)) return c
  return c === 126 ? -1 : c + 256
}

/** GNU's version order (sort -V, ls -v; filevercmp's core, Debian's verrevcmp): text runs by rank, digit runs by value. */
export function versionCompare(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const r = versionRank(a, i) - versionRank(b, j)
      if (r !== 0) return r
      i++
      j++
    }
    while (a.charCodeAt(i) === 48) i++
    while (b.charCodeAt(j) === 48) j++
    let first = 0
    while (isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (first === 0) first = a.charCodeAt(i) - b.charCodeAt(j)
      i++
      j++
    }
    if (isDigit(a.charCodeAt(i))) return 1
    if (isDigit(b.charCodeAt(j))) return -1
    if (first !== 0) return first
  }
  return 0
}
