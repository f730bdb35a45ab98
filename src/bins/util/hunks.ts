/**
 * Applying a file's hunks as GNU patch does: each hunk is looked for where it says, then
 * further away line by line (its offset), then with up to `maxFuzz` lines of its outer context
 * ignored (its fuzz). Hunks apply in order and never before the end of the one applied before.
 */
import { reversed, type Hunk } from './unidiff.ts'

export interface HunkResult {
  /** From 1. */
  number: number
  hunk: Hunk
  /** Where it applied: the line in the new file (from 1), the offset and the fuzz; undefined if it failed. */
  at?: number
  offset?: number
  fuzz?: number
}

const side = (hunk: Hunk, drop: '-' | '+'): string[] => hunk.lines.filter((l) => l.op !== drop).map((l) => l.text)

function contextRun(hunk: Hunk, fromEnd: boolean): number {
  let n = 0
  const lines = hunk.lines
  for (let i = 0; i < lines.length && lines[fromEnd ? lines.length - 1 - i : i]!.op === ' '; i++) n++
  return n
}

/** Where `hunk`'s old lines are in `lines` nearest `guess`, at no earlier than `frozen`. */
function locate(lines: readonly string[], hunk: Hunk, guess: number, frozen: number, maxFuzz: number): { at: number; fuzz: number } | undefined {
  const old = side(hunk, '+')
  if (old.length === 0) return guess >= frozen && guess <= lines.length ? { at: guess, fuzz: 0 } : undefined
  const lead = contextRun(hunk, false)
  const trail = contextRun(hunk, true)
  for (let fuzz = 0; fuzz <= maxFuzz; fuzz++) {
    const pre = Math.min(fuzz, lead)
    const suf = Math.min(fuzz, trail)
    if (fuzz > 0 && pre === 0 && suf === 0) break
    const core = old.length - pre - suf
    const lowest = frozen - pre
    const highest = lines.length - core - pre
    const matches = (p: number): boolean => {
      for (let k = 0; k < core; k++) if (lines[p + pre + k] !== old[pre + k]) return false
      return true
    }
    for (let off = 0; guess + off <= highest || guess - off >= lowest; off++) {
      if (guess + off >= lowest && guess + off <= highest && matches(guess + off)) return { at: guess + off, fuzz }
      if (off > 0 && guess - off >= lowest && guess - off <= highest && matches(guess - off)) return { at: guess - off, fuzz }
    }
  }
  return undefined
}

const startOf = (hunk: Hunk): number => (hunk.oldCount === 0 ? hunk.oldStart : hunk.oldStart - 1)

/** Whether the file looks already patched: the first hunk fails as it is but applies undone. */
export function looksReversed(lines: readonly string[], hunks: readonly Hunk[], maxFuzz: number): boolean {
  const first = hunks[0]
  if (first === undefined || locate(lines, first, startOf(first), 0, maxFuzz) !== undefined) return false
  const undone = reversed(first)
  return side(undone, '+').length > 0 && locate(lines, undone, startOf(undone), 0, 0) !== undefined
}

/** Applies the hunks to `lines` (changed in place); every hunk's result, in order. */
export function applyHunks(lines: string[], hunks: readonly Hunk[], maxFuzz: number): HunkResult[] {
  const results: HunkResult[] = []
  let delta = 0
  let lastOffset = 0
  let frozen = 0
  hunks.forEach((hunk, i) => {
    const stated = startOf(hunk)
    const found = locate(lines, hunk, Math.max(frozen, stated + delta + lastOffset), frozen, maxFuzz)
    if (found === undefined) {
      results.push({ number: i + 1, hunk })
      return
    }
    const old = side(hunk, '+')
    const neu = side(hunk, '-')
    const offset = found.at - delta - stated
    // with fuzz, the ignored context lines stay as the file has them
    const lead = Math.min(found.fuzz, contextRun(hunk, false))
    const trail = Math.min(found.fuzz, contextRun(hunk, true))
    const kept = neu.slice(lead, neu.length - trail)
    lines.splice(found.at + lead, old.length - lead - trail, ...kept)
    results.push({ number: i + 1, hunk, at: found.at + 1, offset, fuzz: found.fuzz })
    lastOffset = offset
    delta += neu.length - old.length
    frozen = found.at + neu.length
  })
  return results
}
