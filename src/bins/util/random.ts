/** Randomness for the commands: the host's crypto, or a seeded generator where a test needs repeatable output. */

/** A number in [0, n). */
export type Random = (n: number) => number

/**
 * The host's crypto, a batch of numbers at a time (a call for each was most of shuf's time: 17 s
 * for three million lines), without modulo bias: a draw past the last whole multiple of n is
 * drawn again.
 */
export function systemRandom(): Random {
  const buf = new Uint32Array(1024)
  let at = buf.length
  const next = (): number => {
    if (at === buf.length) {
      globalThis.crypto.getRandomValues(buf)
      at = 0
    }
    return buf[at++]!
  }
  return (n) => {
    const limit = 2 ** 32 - (2 ** 32 % n)
    for (;;) {
      const v = next()
      if (v < limit) return v % n
    }
  }
}

/** Repeatable: the same seed gives the same sequence (mulberry32 over a hash of the seed). */
export function seededRandom(seed: string): Random {
  let h = 1779033703 ^ seed.length
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353)
  let state = h >>> 0
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n | 0
  }
}
