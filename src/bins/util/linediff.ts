/**
 * The changes between two lists of lines, for diff. Myers' minimal diff (the `diff` library)
 * where it needs at most MAX_EDITS edits: what GNU diff prints. Past that the minimal diff costs
 * time that grows with the square of the edits (two unlike files of 10,000 lines took 12 s, the
 * host held all along), so, as GNU diff also gives up minimality for speed there, each side is
 * cut at the lines found exactly once in each, kept in the same order on both sides (patience
 * diff's anchors), and the parts between anchors are diffed the same way; a part with no anchor
 * is one change. The kernel gets a turn between parts.
 */
import { diffArrays } from 'diff'
import type { ProcContext } from '../../kernel/types.ts'

/** Lines a0..a1 of the first list became lines b0..b1 of the second. */
export interface Change {
  a0: number
  a1: number
  b0: number
  b1: number
}

/** Lines compared between offers of a turn to the host. */
const TURN_EVERY = 1 << 16

/** Edits past which a part is cut at anchors: giving up takes about 0.1 s for 80,000 unlike lines. */
const MAX_EDITS = 1000

/** The changes from `a` to `b`, in order; lines are the same where their `key`s are (the line itself without one). */
export async function findChanges(proc: ProcContext, a: readonly string[], b: readonly string[], key: ((line: string) => string) | undefined): Promise<Change[]> {
  const changes: Change[] = []
  const same = (x: string, y: string): boolean => x === y || (key !== undefined && key(x) === key(y))
  // the common ends first (as GNU's diff), with turns for the host: the library walks them in one
  // call, which held the host 2.4 s for two equal files of 3 million lines
  let a0 = 0
  let b0 = 0
  let a1 = a.length
  let b1 = b.length
  while (a0 < a1 && b0 < b1 && same(a[a0]!, b[b0]!)) if ((++a0, ++b0) % TURN_EVERY === 0) await proc.yield()
  while (a0 < a1 && b0 < b1 && same(a[a1 - 1]!, b[b1 - 1]!)) if ((--a1, --b1) % TURN_EVERY === 0) await proc.yield()
  await diffPart(proc, { a, b, key: key ?? ((line) => line), same, changes }, a0, a1, b0, b1)
  return changes
}

interface Diffing {
  readonly a: readonly string[]
  readonly b: readonly string[]
  readonly key: (line: string) => string
  readonly same: (x: string, y: string) => boolean
  readonly changes: Change[]
}

async function diffPart(proc: ProcContext, d: Diffing, a0: number, a1: number, b0: number, b1: number): Promise<void> {
  if (myers(d, a0, a1, b0, b1)) return
  const { a, b, key } = d
  // the common ends, then the anchors in between
  while (a0 < a1 && b0 < b1 && key(a[a0]!) === key(b[b0]!)) a0++, b0++
  while (a0 < a1 && b0 < b1 && key(a[a1 - 1]!) === key(b[b1 - 1]!)) a1--, b1--
  const anchors = a0 < a1 && b0 < b1 ? patienceAnchors(d, a0, a1, b0, b1) : []
  if (anchors.length === 0) {
    if (a0 < a1 || b0 < b1) d.changes.push({ a0, a1, b0, b1 })
    return
  }
  for (const [ai, bi] of anchors) {
    // anchors side by side on both sides leave nothing between them
    if (ai > a0 || bi > b0) {
      await proc.yield()
      await diffPart(proc, d, a0, ai, b0, bi)
    }
    a0 = ai + 1
    b0 = bi + 1
  }
  await proc.yield()
  await diffPart(proc, d, a0, a1, b0, b1)
}

/** The minimal diff of a part, added to the changes; false, adding none, where it needs more than MAX_EDITS edits. */
function myers(d: Diffing, a0: number, a1: number, b0: number, b1: number): boolean {
  const parts = diffArrays(d.a.slice(a0, a1), d.b.slice(b0, b1), { comparator: d.same, maxEditLength: MAX_EDITS })
  if (parts === undefined) return false
  let ai = a0
  let bi = b0
  let open: Change | undefined
  for (const part of parts) {
    const n = part.count ?? part.value.length
    if (!part.added && !part.removed) {
      open = undefined
      ai += n
      bi += n
      continue
    }
    if (open === undefined) d.changes.push((open = { a0: ai, a1: ai, b0: bi, b1: bi }))
    if (part.removed) open.a1 = ai += n
    else open.b1 = bi += n
  }
  return true
}

/**
 * The pairs (i in a, j in b) of lines whose key appears once in each part, the longest run of
 * them increasing on both sides (patience sorting: each pair goes on the first pile whose top has
 * a larger j, remembering the top of the pile before).
 */
function patienceAnchors(d: Diffing, a0: number, a1: number, b0: number, b1: number): [number, number][] {
  const { a, b, key } = d
  // per key: where in a and b, or -1 once it is seen twice on that side
  const seen = new Map<string, { i: number; j: number }>()
  for (let i = a0; i < a1; i++) {
    const k = key(a[i]!)
    const s = seen.get(k)
    if (s === undefined) seen.set(k, { i, j: -2 })
    else s.i = -1
  }
  for (let j = b0; j < b1; j++) {
    const s = seen.get(key(b[j]!))
    if (s !== undefined) s.j = s.j === -2 ? j : -1
  }
  const pairs: [number, number][] = []
  for (const { i, j } of seen.values()) if (i >= 0 && j >= 0) pairs.push([i, j])
  pairs.sort((x, y) => x[0] - y[0])
  const tops: number[] = []
  const before: number[] = []
  for (let p = 0; p < pairs.length; p++) {
    const j = pairs[p]![1]
    let lo = 0
    let hi = tops.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (pairs[tops[mid]!]![1] < j) lo = mid + 1
      else hi = mid
    }
    before[p] = lo > 0 ? tops[lo - 1]! : -1
    tops[lo] = p
  }
  const run: [number, number][] = []
  for (let p = tops.length > 0 ? tops[tops.length - 1]! : -1; p >= 0; p = before[p]!) run.push(pairs[p]!)
  return run.reverse()
}
