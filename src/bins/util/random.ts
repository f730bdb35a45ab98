/** Randomness for the commands: the host's crypto, or a seeded generator where a test needs repeatable output. */

/** A number in [0, n). */
export type Random = (n: number) => number

export function systemRandom(): Random {
  const buf = new Uint32Array(1)
  return (n) => {
    globalThis.crypto.getRandomValues(buf)
    return buf[0]! % n
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
