/**
 * The user's flows as written: the roadmap's phase A flow (from ../shared/ROADMAP.md beside the
 * repository, as CI places it, else /work/shared) and the README's tour, read out of the files.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const REPO = fileURLToPath(new URL('../../', import.meta.url))

/** The first ```sh block after the line `heading` in `text`. */
export function shBlock(text: string, heading: string): string {
  const at = text.indexOf(`\n${heading}\n`)
  if (at < 0) throw new Error(`no heading ${heading}`)
  const start = text.indexOf('```sh\n', at)
  const end = text.indexOf('\n```', start + 6)
  if (start < 0 || end < 0) throw new Error(`no sh block after ${heading}`)
  return text.slice(start + 6, end + 1)
}

export function roadmapPath(): string {
  const beside = new URL('../shared/ROADMAP.md', `file://${REPO}`).pathname
  return existsSync(beside) ? beside : '/work/shared/ROADMAP.md'
}

/** The roadmap's "End-to-end flow after Phase A", verbatim. */
export function roadmapFlow(): string {
  return shBlock(readFileSync(roadmapPath(), 'utf8'), '### End-to-end flow after Phase A')
}

/** The README's tour, verbatim. */
export function readmeTour(): string {
  return shBlock(readFileSync(REPO + 'README.md', 'utf8'), '## A tour')
}
