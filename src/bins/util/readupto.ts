/**
 * Reading no more than a command will use: dd's count=, od's -N, hexdump's -n. Their inputs are
 * often endless devices (`od -N4 -tu4 /dev/random`), which a whole read never finishes.
 */
import { concatBytes } from '../../kernel/bytes.ts'
import { reasonOf } from '../../kernel/errors.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { Holding } from './holding.ts'

/** Up to `limit` bytes of a descriptor (Infinity: to its end), held against the memory limit. */
export async function readUpTo(proc: ProcContext, fd: number, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  const held = new Holding(proc)
  let total = 0
  while (total < limit) {
    const chunk = await proc.read(fd, Math.min(65536, limit - total))
    if (chunk.length === 0) break
    chunks.push(chunk)
    total += chunk.length
    held.set(total)
  }
  return concatBytes(chunks)
}

/** Up to `limit` bytes of the named inputs one after another (none, or `-`: standard input). */
export async function readInputsUpTo(proc: ProcContext, names: readonly string[], limit: number): Promise<Uint8Array> {
  if (names.length === 0) return readUpTo(proc, 0, limit)
  const parts: Uint8Array[] = []
  let total = 0
  for (const name of names) {
    if (total >= limit) break
    let fd = 0
    try {
      if (name !== '-') fd = await proc.open(name)
      const part = await readUpTo(proc, fd, limit - total)
      parts.push(part)
      total += part.length
    } catch (e) {
      // named, as `od: NAME: reason`
      throw new Error(`${name}: ${reasonOf(e)}`)
    } finally {
      if (fd !== 0) await proc.close(fd)
    }
  }
  return concatBytes(parts)
}
