import type { ProcContext } from './types.ts'

/** Joins byte chunks into one array (the chunk itself when there is only one). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  let total = 0
  for (const c of chunks) total += c.length
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

/** Reads a descriptor to its end, `count` bytes a call at most (default: the read's own). */
export async function readAll(proc: Pick<ProcContext, 'read'>, fd: number, count?: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  for (;;) {
    const chunk = await proc.read(fd, count)
    if (chunk.length === 0) return concatBytes(chunks)
    chunks.push(chunk)
  }
}
