/**
 * gzip and gunzip of a whole buffer (tar z), a slice at a time with a turn for the kernel between
 * slices: a large archive neither holds the host for seconds nor escapes kill, Ctrl-C or a
 * timeout. What gunzip makes is bounded: a small hostile file can stand for gigabytes (a gzip
 * bomb), so past `max` bytes it stops with `TooLarge` instead of filling the host's memory.
 */
import { Gunzip, Gzip } from 'fflate'
import { concatBytes } from '../../kernel/bytes.ts'
import type { ProcContext } from '../../kernel/types.ts'

/**
 * The kernel reads its clock only every few calls of yield, so each slice must be short: gzip
 * takes 16 KB of plain bytes a slice (a few milliseconds), and gunzip as many compressed bytes
 * as made about a megabyte last time (a millisecond or so), from 1 KB (deflate makes at most
 * about a thousand times as many) to 256 KB (fflate's cost a slice then stays small).
 */
const DEFLATE_SLICE = 16 * 1024
const INFLATE_SLICE = { least: 1024, most: 256 * 1024, aim: 1 << 20 }

/** The most a whole archive may hold uncompressed in memory, whatever the limits say. */
const WHOLE_MAX = 1 << 30

/**
 * The most an archive command (tar, unzip) makes of one archive or member in memory: no more than
 * the process's user may store (what could not be kept could not be extracted either), and never
 * more than WHOLE_MAX.
 */
export function wholeMax(proc: ProcContext): number {
  return Math.min(proc.limits?.storeBytes ?? WHOLE_MAX, WHOLE_MAX)
}

export class TooLarge extends Error {
  constructor(readonly max: number) {
    super(`more than ${max} bytes uncompressed`)
  }
}

/** The gzip stream `data` (its members one after another) uncompressed; TooLarge past `max` bytes, fflate's error where it is not gzip. */
export async function gunzipWhole(proc: ProcContext, data: Uint8Array, max: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  let size = 0
  let made = 0
  const stream = new Gunzip((chunk) => {
    size += chunk.length
    made += chunk.length
    if (size > max) throw new TooLarge(max)
    parts.push(chunk)
  })
  let slice = INFLATE_SLICE.least
  for (let at = 0; at < data.length; ) {
    const end = at + slice
    made = 0
    stream.push(data.subarray(at, end), end >= data.length)
    at = end
    await proc.yield()
    slice = Math.min(INFLATE_SLICE.most, Math.max(INFLATE_SLICE.least, made === 0 ? slice * 2 : Math.floor((slice * INFLATE_SLICE.aim) / made)))
  }
  return concatBytes(parts)
}

/** `data` gzipped, as fflate's gzipSync makes it. */
export async function gzipWhole(proc: ProcContext, data: Uint8Array): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  const stream = new Gzip({}, (chunk) => parts.push(chunk))
  for (let at = 0; at < data.length || at === 0; at += DEFLATE_SLICE) {
    stream.push(data.subarray(at, at + DEFLATE_SLICE), at + DEFLATE_SLICE >= data.length)
    await proc.yield()
  }
  return concatBytes(parts)
}
