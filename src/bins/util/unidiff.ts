/**
 * Unified diffs as patch reads them: the files (`--- old`, `+++ new`) and their hunks, from
 * text held as a byte string (util/bytestring.ts). Lines keep their newline; `\ No newline at
 * end of file` takes it off the line before.
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

export function parseUnified(text: string): FilePatch[] {
  const lines = splitKeep(text)
  const files: FilePatch[] = []
  let leading = ''
  let i = 0
  while (i < lines.length) {
    const line = lines[i]!
    if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ') && HUNK.test(lines[i + 2] ?? '')) {
      const file: FilePatch = { oldName: nameOf(line), newName: nameOf(lines[i + 1]!), header: line + lines[i + 1]!, line: i + 1, leading, hunks: [] }
      leading = ''
      i += 2
      while (i < lines.length && HUNK.test(lines[i]!)) i = readHunk(lines, i, file)
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
