/** A handle's whole content, for fileserver-level code that has a Handle and no descriptor. */
import { concatBytes } from './bytes.ts'
import type { Handle } from './types.ts'

/** Reads `h` from offset 0 to its end, then closes it. */
export async function readHandle(h: Handle): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const chunk = await h.read(total, 1 << 16)
      if (chunk.length === 0) break
      parts.push(chunk)
      total += chunk.length
    }
  } finally {
    await h.close()
  }
  return concatBytes(parts)
}
