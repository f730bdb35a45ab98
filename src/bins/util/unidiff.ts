/**
 * Diffs as patch reads them, unified (`--- old`, `+++ new`, `@@` hunks) or context (`*** old`,
 * `--- new`, `***************` hunks): the files and their hunks, from text held as a byte
 * string (util/bytestring.ts). A context hunk becomes the unified hunk that says the same. Lines
 * keep their newline; `\ No newline at end of file` takes it off the line before.
 */

export interface HunkLine {
  op: ' ' | '-' | '+'
  text: string
}

export interface Hunk {
  oldStart: number
  oldCount: number
  newStart: number
  newCount: number
  lines: HunkLine[]
  /** The hunk as it was written, for a reject file. */
  source: string
}

export interface FilePatch {
  oldName: string
  newName: string
  /** The `---` and `+++` lines as written. */
  header: string
  /** The input line (from 1) of the `---` line, and the text before it since the last file. */
  line: number
  leading: string
  hunks: Hunk[]
}

/** The text split after each newline (the last piece may have none). */
export function splitKeep(text: string): string[] {
  const out: string[] = []
  let start = 0
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    out.push(text.slice(start, nl + 1))
    start = nl + 1
  }
  if (start < text.length) out.push(text.slice(start))
  return out
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/

/** The name in a `---`/`+++` line: up to a tab (the date follows it), unquoted. */
function nameOf(line: string): string {
  let name = line.slice(4).replace(/\r?\n$/, '')
  const tab = name.indexOf('\t')
  if (tab >= 0) name = name.slice(0, tab)
  else name = name.replace(/\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [-+]\d{4}$/, '')
  if (name.startsWith('"') && name.endsWith('"')) name = JSON.parse(name) as string
  return name
}

export class PatchSyntaxError extends Error {}

const CONTEXT_HUNK = '***************'

export function parsePatch(text: string): FilePatch[] {
  const lines = splitKeep(text)
  const files: FilePatch[] = []
  let leading = ''
  let i = 0
  while (i < lines.length) {
    const line = lines[i]!
    const unified = line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ') && HUNK.test(lines[i + 2] ?? '')
    const context = line.startsWith('*** ') && lines[i + 1]?.startsWith('--- ') && lines[i + 2]?.startsWith(CONTEXT_HUNK)
    if (unified || context) {
      const file: FilePatch = { oldName: nameOf(line), newName: nameOf(lines[i + 1]!), header: line + lines[i + 1]!, line: i + 1, leading, hunks: [] }
      leading = ''
      i += 2
      if (unified) while (i < lines.length && HUNK.test(lines[i]!)) i = readHunk(lines, i, file)
      else while (i < lines.length && lines[i]!.startsWith(CONTEXT_HUNK)) i = readContextHunk(lines, i, file)
      files.push(file)
      continue
    }
    leading += line
    i++
  }
  return files
}

/** Reads the hunk whose `@@` line is lines[at] into `file`; returns the index after it. */
function readHunk(lines: string[], at: number, file: FilePatch): number {
  const m = HUNK.exec(lines[at]!)!
  const hunk: Hunk = {
    oldStart: Number(m[1]),
    oldCount: m[2] === undefined ? 1 : Number(m[2]),
    newStart: Number(m[3]),
    newCount: m[4] === undefined ? 1 : Number(m[4]),
    lines: [],
    source: lines[at]!,
  }
  let oldLeft = hunk.oldCount
  let newLeft = hunk.newCount
  let i = at + 1
  for (; i < lines.length && (oldLeft > 0 || newLeft > 0 || lines[i]!.startsWith('\\')); i++) {
    const line = lines[i]!
    hunk.source += line
    if (line.startsWith('\\')) {
      const last = hunk.lines[hunk.lines.length - 1]
      if (last !== undefined) last.text = last.text.replace(/\n$/, '')
      continue
    }
    // a context line whose lone space a mailer took away
    const op = line === '\n' ? ' ' : line[0]
    if (op !== ' ' && op !== '-' && op !== '+') throw new PatchSyntaxError(`malformed patch at line ${i + 1}: ${line.replace(/\n$/, '')}`)
    if (op !== '+') oldLeft--
    if (op !== '-') newLeft--
    if (oldLeft < 0 || newLeft < 0) throw new PatchSyntaxError(`malformed patch at line ${i + 1}: ${line.replace(/\n$/, '')}`)
    hunk.lines.push({ op, text: line === '\n' ? '\n' : line.slice(1) })
  }
  if (oldLeft > 0 || newLeft > 0) throw new PatchSyntaxError(`unexpected end of file in patch`)
  file.hunks.push(hunk)
  return i
}

const CONTEXT_OLD = /^\*\*\* (\d+)(?:,(\d+))? \*\*\*\*/
const CONTEXT_NEW = /^--- (\d+)(?:,(\d+))? ----/

/** One side of a context hunk: its marked lines, from lines[at] up to the next range line. */
function contextSide(lines: string[], at: number, end: (line: string) => boolean): { side: HunkLine[]; next: number } {
  const side: HunkLine[] = []
  let i = at
  for (; i < lines.length && !end(lines[i]!); i++) {
    const line = lines[i]!
    if (line.startsWith('\\')) {
      const last = side[side.length - 1]
      if (last !== undefined) last.text = last.text.replace(/\n$/, '')
      continue
    }
    const mark = line.slice(0, 2)
    if (line.length < 2 || line[1] !== ' ' || !'  -+!'.includes(line[0]!)) throw new PatchSyntaxError(`malformed patch at line ${i + 1}: ${line.replace(/\n$/, '')}`)
    // a changed (`!`) line is removed on the old side and added on the new; context is shared
    side.push({ op: mark === '  ' ? ' ' : mark === '+ ' ? '+' : '-', text: line.slice(2) })
  }
  return { side, next: i }
}

/**
 * Reads the context hunk whose `***************` line is lines[at]: the old lines under
 * `*** range ****`, the new under `--- range ----` (either left out when it only has context),
 * merged into one unified hunk. Returns the index after it.
 */
function readContextHunk(lines: string[], at: number, file: FilePatch): number {
  const oldRange = CONTEXT_OLD.exec(lines[at + 1] ?? '')
  if (oldRange === null) throw new PatchSyntaxError(`malformed patch at line ${at + 2}: ${(lines[at + 1] ?? '').replace(/\n$/, '')}`)
  const old = contextSide(lines, at + 2, (l) => CONTEXT_NEW.test(l))
  const newRange = CONTEXT_NEW.exec(lines[old.next] ?? '')
  if (newRange === null) throw new PatchSyntaxError('unexpected end of file in patch')
  const neu = contextSide(lines, old.next + 1, (l) => l.startsWith(CONTEXT_HUNK) || !/^[ +!\\-]/.test(l))
  const added = neu.side.map((l) => (l.op === '-' ? { op: '+' as const, text: l.text } : l))
  // a side left out is the other's context lines
  const before = old.side.length > 0 ? old.side : added.filter((l) => l.op === ' ')
  const after = added.length > 0 ? added : old.side.filter((l) => l.op === ' ')
  const merged: HunkLine[] = []
  let o = 0
  let n = 0
  while (o < before.length || n < after.length) {
    if (before[o]?.op === ' ' && after[n]?.op === ' ') {
      merged.push(before[o++]!)
      n++
      continue
    }
    const from = [o, n]
    while (o < before.length && before[o]!.op !== ' ') merged.push(before[o++]!)
    while (n < after.length && after[n]!.op !== ' ') merged.push(after[n++]!)
    if (o === from[0] && n === from[1]) throw new PatchSyntaxError(`malformed patch at line ${at + 1}: the two sides of the hunk do not agree`)
  }
  const count = (op: '-' | '+'): number => merged.filter((l) => l.op !== op).length
  // (an empty side's range is the line before, as a unified hunk's start is)
  file.hunks.push({
    oldStart: Number(oldRange[1]),
    oldCount: count('+'),
    newStart: Number(newRange[1]),
    newCount: count('-'),
    lines: merged,
    source: lines.slice(at, neu.next).join(''),
  })
  return neu.next
}

/** The hunk undone: what it adds it removes, and the other way round. */
export function reversed(hunk: Hunk): Hunk {
  return {
    oldStart: hunk.newStart,
    oldCount: hunk.newCount,
    newStart: hunk.oldStart,
    newCount: hunk.oldCount,
    lines: hunk.lines.map((l) => ({ op: l.op === '-' ? '+' : l.op === '+' ? '-' : ' ', text: l.text })),
    source: hunk.source,
  }
}
