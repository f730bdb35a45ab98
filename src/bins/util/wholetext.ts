/** For the small text filters that work on whole inputs: read each input as text, split it into lines. */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { decode, forEachInput, readAll } from '../lib.ts'

/**
 * What a line kept in an array costs besides its characters: the array's slot and the string's
 * own header (a guess at V8's). 100 MB of empty lines split into lines took rev to 3 GB.
 */
export const LINE_BYTES = 32

/** Characters split at a time between offers of a turn to the host (one split of 3 million lines held it about a second). */
const STRETCH = 1 << 20

/** `text.split(separator)`, a stretch of the text at a time with turns for the host between. */
export async function splitInStretches(proc: ProcContext, text: string, separator = '\n'): Promise<string[]> {
  if (text.length <= STRETCH) return text.split(separator)
  const out: string[] = []
  let start = 0
  for (;;) {
    // a stretch ends just after a separator (or is the rest of the text)
    const cut = text.indexOf(separator, Math.min(start + STRETCH, text.length))
    if (cut < 0) {
      for (const piece of text.slice(start).split(separator)) out.push(piece)
      return out
    }
    for (const piece of text.slice(start, cut).split(separator)) out.push(piece)
    start = cut + separator.length
    await proc.yield()
  }
}

/**
 * A text's lines without their newlines (`terminated` says whether the last had one), which a
 * command keeps until it ends (column, shuf), counted against its memory limit: what a process
 * holds is given back when it exits.
 */
export async function keptLines(proc: ProcContext, text: string): Promise<{ lines: string[]; terminated: boolean }> {
  proc.hold(linesBytes(text))
  if (text === '') return { lines: [], terminated: true }
  const terminated = text.endsWith('\n')
  return { lines: await splitInStretches(proc, terminated ? text.slice(0, -1) : text), terminated }
}

/** What a text split into lines costs, known before it is split (the split is what may not fit). */
export function linesBytes(text: string): number {
  let lines = 1
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++
  return text.length + lines * LINE_BYTES
}

/** Runs `each` on the text of every input (stdin when there are none), reporting unreadable ones. */
export function forEachText(proc: ProcContext, cmd: string, operands: readonly string[], each: (text: string, name: string) => Promise<void> | void): Promise<ExitCode> {
  return forEachInput(proc, cmd, operands, async (fd, name) => {
    await each(decode(await readAll(proc, fd)), name)
  })
}

/** The whole text of one named input (`-` is stdin). */
export async function readText(proc: ProcContext, name: string): Promise<string> {
  if (name === '-') return decode(await readAll(proc, 0))
  return decode(await proc.readFile(name))
}
