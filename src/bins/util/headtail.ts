/**
 * What head and tail share: counts as they take them (`10`, `+10`, `-10`, with GNU's size
 * suffixes `2K`, `1MB`, `3b`) and the `==> name <==` headers between files.
 */
import type { ProcContext } from '../../kernel/types.ts'

const SUFFIXES: Record<string, number> = {
  '': 1,
  b: 512,
  kB: 1000,
  K: 1024,
  KiB: 1024,
  MB: 1000 ** 2,
  M: 1024 ** 2,
  MiB: 1024 ** 2,
  GB: 1000 ** 3,
  G: 1024 ** 3,
  GiB: 1024 ** 3,
  TB: 1000 ** 4,
  T: 1024 ** 4,
  TiB: 1024 ** 4,
}

export interface Count {
  value: number
  /** The sign written before it, if any. */
  sign: '' | '+' | '-'
}

/** Parses a count; undefined when it is not one. Huge values saturate at the largest safe integer. */
export function parseCount(text: string): Count | undefined {
  const m = /^([+-]?)(\d+)([a-zA-Z]*)$/.exec(text)
  if (!m) return undefined
  const multiplier = SUFFIXES[m[3]!]
  if (multiplier === undefined) return undefined
  const value = Math.min(Number(m[2]) * multiplier, Number.MAX_SAFE_INTEGER)
  return { value, sign: m[1] as Count['sign'] }
}

/** Prints `==> name <==` before each file when `enabled`, a blank line between files (GNU's layout). */
export function headerWriter(proc: ProcContext, enabled: boolean): (name: string) => Promise<void> {
  let first = true
  return async (name) => {
    if (!enabled) return
    await proc.write(1, `${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`)
    first = false
  }
}
