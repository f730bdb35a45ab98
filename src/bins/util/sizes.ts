/**
 * GNU's size suffixes, as head, tail, split and cmp take them: K M G T and KiB MiB GiB TiB are
 * 1024s, kB KB MB GB TB 1000s, k 1024 and b a 512-byte block (`2K`, `1MB`, `3b`).
 */
const SUFFIXES: Record<string, number> = {
  '': 1,
  b: 512,
  k: 1024,
  kB: 1000,
  KB: 1000,
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

/** `value` times what `suffix` stands for; undefined for an unknown suffix. Huge values saturate at the largest safe integer. */
export function scaled(value: number, suffix: string): number | undefined {
  const multiplier = SUFFIXES[suffix]
  return multiplier === undefined ? undefined : Math.min(value * multiplier, Number.MAX_SAFE_INTEGER)
}
