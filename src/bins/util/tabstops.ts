/** Tab stops for expand and unexpand: `-t N` (every N) or `-t a,b,c` (a list, then none). */
import { UsageError } from '../lib.ts'

export interface TabStops {
  /** The column of the next tab stop after `column`, or undefined past the list's last. */
  next(column: number): number | undefined
}

export function tabStops(spec: string | undefined): TabStops {
  const list = (spec ?? '8').split(/[,\s]+/).filter((s) => s !== '').map(Number)
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 0)) throw new UsageError(`tab size contains invalid character(s): '${spec}'`)
  if (list.length === 1) {
    const every = list[0]!
    if (every === 0) throw new UsageError('tab size cannot be 0')
    return { next: (column) => column + every - (column % every) }
  }
  for (let i = 1; i < list.length; i++) if (list[i]! <= list[i - 1]!) throw new UsageError('tab sizes must be ascending')
  return { next: (column) => list.find((stop) => stop > column) }
}
