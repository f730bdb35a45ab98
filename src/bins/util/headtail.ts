/**
 * What head and tail share: counts as they take them (`10`, `+10`, `-10`, with GNU's size
 * suffixes: sizes.ts) and the `==> name <==` headers between files.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { scaled } from './sizes.ts'

export interface Count {
  value: number
  /** The sign written before it, if any. */
  sign: '' | '+' | '-'
}

/** Parses a count; undefined when it is not one. Huge values saturate at the largest safe integer. */
export function parseCount(text: string): Count | undefined {
  const m = /^([+-]?)(\d+)([a-zA-Z]*)$/.exec(text)
  if (!m) return undefined
  const value = scaled(Number(m[2]), m[3]!)
  return value === undefined ? undefined : { value, sign: m[1] as Count['sign'] }
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
