/**
 * diff's output formats besides the normal one and -u: the context format (-c), the ed script
 * (-e) and the two columns of -y, laid out as GNU diff lays them out. Lines are byte strings; an
 * unterminated last line ends in `\n` (diff.ts's convention), which these formats drop.
 */
import type { Change } from './linediff.ts'

/** Changes less than 2×context lines apart, as one hunk: [first, last] indexes into `changes`. */
export function hunks(changes: readonly Change[], context: number): [number, number][] {
  const out: [number, number][] = []
  for (let i = 0; i < changes.length; ) {
    let j = i
    while (j + 1 < changes.length && changes[j + 1]!.a0 - changes[j]!.a1 <= 2 * context) j++
    out.push([i, j])
    i = j + 1
  }
  return out
}

/** A line as printed: the no-newline marker after an unterminated last line. */
export const show = (prefix: string, line: string): string =>
  line.endsWith('\n') ? `${prefix}${line.slice(0, -1)}\n\\ No newline at end of file\n` : `${prefix}${line}\n`

/** `first,last` from 1, one number for one line, the line before for none (-c's ranges). */
const contextRange = (from: number, to: number): string => (to - from === 1 ? String(to) : to === from ? String(from) : `${from + 1},${to}`)

/**
 * -c: each hunk as `***************`, the old lines under `*** range ****` and the new under
 * `--- range ----`; `!` marks a changed line, `-` a removed one, `+` an added one. A side with
 * no change in the hunk is left out under its range line.
 */
export function contextFormat(header: string, a: readonly string[], b: readonly string[], changes: readonly Change[], context: number): string {
  let out = header
  for (const [i, j] of hunks(changes, context)) {
    const first = changes[i]!
    const last = changes[j]!
    const a0 = Math.max(0, first.a0 - context)
    const b0 = Math.max(0, first.b0 - context)
    const a1 = Math.min(a.length, last.a1 + context)
    const b1 = Math.min(b.length, last.b1 + context)
    const part = changes.slice(i, j + 1)
    out += `***************\n*** ${contextRange(a0, a1)} ****\n`
    if (part.some((c) => c.a1 > c.a0)) out += side(a, a0, a1, part, (c) => [c.a0, c.a1, c.b1 > c.b0 ? '! ' : '- '])
    out += `--- ${contextRange(b0, b1)} ----\n`
    if (part.some((c) => c.b1 > c.b0)) out += side(b, b0, b1, part, (c) => [c.b0, c.b1, c.a1 > c.a0 ? '! ' : '+ '])
  }
  return out
}

/** One side of a context hunk: its lines [from, to), each change's marked as `mark` says. */
function side(lines: readonly string[], from: number, to: number, part: readonly Change[], mark: (c: Change) => [number, number, string]): string {
  let out = ''
  let at = from
  for (const c of part) {
    const [c0, c1, prefix] = mark(c)
    for (; at < c0; at++) out += show('  ', lines[at]!)
    for (; at < c1; at++) out += show(prefix, lines[at]!)
  }
  for (; at < to; at++) out += show('  ', lines[at]!)
  return out
}

const edRange = (from: number, to: number): string => (to - from === 1 ? String(to) : `${from + 1},${to}`)

/**
 * -e: an ed script that makes the first file the second, the last change first (so the line
 * numbers of the others still hold). A line that is a lone `.` goes in as `..`, then `s/.//`.
 */
export function edScript(b: readonly string[], changes: readonly Change[]): string {
  let out = ''
  for (let k = changes.length - 1; k >= 0; k--) {
    const c = changes[k]!
    if (c.b0 === c.b1) {
      out += `${edRange(c.a0, c.a1)}d\n`
      continue
    }
    out += c.a0 === c.a1 ? `${c.a0}a\n` : `${edRange(c.a0, c.a1)}c\n`
    let open = true
    for (let y = c.b0; y < c.b1; y++) {
      if (!open) out += 'a\n'
      const line = trimmed(b[y]!)
      open = line !== '.'
      out += open ? `${line}\n` : '..\n.\ns/.//\n'
    }
    if (open) out += '.\n'
  }
  return out
}

const trimmed = (line: string): string => (line.endsWith('\n') ? line.slice(0, -1) : line)

/** -y's layout. */
export interface Columns {
  width: number
  suppressCommon: boolean
  leftColumn: boolean
}

const TAB = 8
/** The least room between the two columns, GNU's gutter. */
const GUTTER = 3

/**
 * -y: the files in two columns, a line of each side by side; `|` between changed lines, `<` by
 * a line only the first file has, `>` by one only the second has. Column widths are GNU's from
 * --width; tabs in the padding as GNU puts them.
 */
export function sideBySide(a: readonly string[], b: readonly string[], changes: readonly Change[], o: Columns): string {
  const offset = Math.floor((o.width + TAB + GUTTER) / (2 * TAB)) * TAB
  const half = Math.max(0, Math.min(offset - GUTTER, o.width - offset))
  const column2 = half > 0 ? offset : o.width
  // (an unterminated last line ends in `\n` here, and gets none in the output)
  const complete = (text: string | undefined): boolean => text !== undefined && !text.endsWith('\n')
  const line = (left: string | undefined, sep: string, right: string | undefined): string => {
    let out = ''
    let col = 0
    if (left !== undefined) [out, col] = halfLine(trimmed(left), half)
    if (sep !== ' ') {
      // a changed pair where only one line ends: `/` if the left one does, `\` if the right one
      if (sep === '|' && complete(left) !== complete(right)) sep = complete(left) ? '/' : '\\'
      out += padding(col, Math.floor((half + column2 - 1) / 2)) + sep
      col = Math.floor((half + column2 - 1) / 2) + 1
    }
    if (right !== undefined && trimmed(right) !== '') out += padding(col, column2) + halfLine(trimmed(right), half)[0]
    return complete(left) || complete(right) ? out + '\n' : out
  }
  let out = ''
  const common = (x: number, y: number): void => {
    if (o.suppressCommon) return
    out += o.leftColumn ? line(a[x], '(', undefined) : line(a[x], ' ', b[y])
  }
  let x = 0
  let y = 0
  for (const c of changes) {
    for (; x < c.a0; x++, y++) common(x, y)
    const pairs = Math.min(c.a1 - c.a0, c.b1 - c.b0)
    for (let k = 0; k < pairs; k++) out += line(a[c.a0 + k], '|', b[c.b0 + k])
    for (let k = c.a0 + pairs; k < c.a1; k++) out += line(a[k], '<', undefined)
    for (let k = c.b0 + pairs; k < c.b1; k++) out += line(undefined, '>', b[k])
    x = c.a1
    y = c.b1
  }
  for (; x < a.length; x++, y++) common(x, y)
  return out
}

/** Tabs, then spaces, from column `from` to `to`. */
function padding(from: number, to: number): string {
  let out = ''
  for (let tab = from + TAB - (from % TAB); tab <= to; tab += TAB) {
    out += '\t'
    from = tab
  }
  return out + ' '.repeat(Math.max(0, to - from))
}

/** As much of a line as fits in `bound` columns (a tab only if its stop fits), and the column it reached. */
function halfLine(text: string, bound: number): [string, number] {
  let out = ''
  let inPos = 0
  let outPos = 0
  for (const ch of text) {
    if (ch === '\t') {
      const stop = inPos + TAB - (inPos % TAB)
      if (inPos === outPos && stop < bound) {
        out += ch
        outPos = stop
      }
      inPos = stop
    } else if (ch === '\r' || ch === '\f' || ch === '\v') out += ch
    else if (inPos + 1 <= bound) {
      out += ch
      inPos = outPos = inPos + 1
    } else inPos++
  }
  return [out, outPos]
}
