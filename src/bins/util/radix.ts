/**
 * base64 and base32 (RFC 4648), streaming: a group of bytes becomes a group of characters of the
 * alphabet (3 bytes to 4, 5 to 8), the last group padded with `=`; encoded lines are wrapped at
 * a width, as GNU's tools do. Decoding skips newlines, accepts concatenated encodings (padding
 * ends a group, a new one may follow) and stops at anything else outside the alphabet unless
 * told to skip it.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, usage, type Command } from '../lib.ts'
import { pump } from './files.ts'

interface Radix {
  alphabet: string
  /** Bits a character carries: 6 or 5. */
  bits: number
  /** Bytes a group: 3 or 5 (a group is a whole number of characters). */
  groupBytes: number
  /** A last group without its padding is decoded as far as its whole bytes, before the error (GNU's base64; its base32 decodes none of it). */
  decodesCutGroup: boolean
}

const BASE64: Radix = { alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', bits: 6, groupBytes: 3, decodesCutGroup: true }
const BASE32: Radix = { alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', bits: 5, groupBytes: 5, decodesCutGroup: false }

const PAD = 61
/** What `=` decodes to: no character of an alphabet (of 64 at most) has it. */
const PADDING = 64
const NEWLINE = 10

class InvalidInput extends Error {}

const groupChars = (r: Radix): number => (r.groupBytes * 8) / r.bits

/** The input's bytes encoded, `wrap` characters a line (0: one line). */
async function encodeStream(proc: ProcContext, fd: number, r: Radix, wrap: number): Promise<void> {
  const codes = new Uint8Array(r.alphabet.length).map((_, i) => r.alphabet.charCodeAt(i))
  const chars = groupChars(r)
  const carry = new Uint8Array(r.groupBytes)
  let carried = 0
  let column = 0
  const emit = async (data: Uint8Array, final: boolean): Promise<void> => {
    const groups = final ? Math.ceil(data.length / r.groupBytes) : Math.floor(data.length / r.groupBytes)
    const encoded = groups * chars
    const out = new Uint8Array(encoded + (wrap > 0 ? Math.ceil((column + encoded) / wrap) + 1 : 1))
    let o = 0
    const put = (c: number): void => {
      out[o++] = c
      if (wrap > 0 && ++column === wrap) {
        out[o++] = NEWLINE
        column = 0
      }
    }
    for (let g = 0; g < groups; g++) {
      const at = g * r.groupBytes
      const n = Math.min(r.groupBytes, data.length - at)
      // the group as one number (40 bits at most: exact in a double), missing bytes as zeros
      let value = 0
      for (let k = 0; k < r.groupBytes; k++) value = value * 256 + (k < n ? data[at + k]! : 0)
      const used = Math.ceil((n * 8) / r.bits)
      for (let k = chars - 1; k >= 0; k--) {
        const digit = Math.floor(value / 2 ** (k * r.bits)) % 2 ** r.bits
        put(chars - 1 - k < used ? codes[digit]! : PAD)
      }
    }
    if (final && column > 0) out[o++] = NEWLINE
    if (o > 0) await proc.write(1, out.subarray(0, o))
  }
  await pump(proc, fd, async (chunk) => {
    let data = chunk
    if (carried > 0) {
      data = new Uint8Array(carried + chunk.length)
      data.set(carry.subarray(0, carried))
      data.set(chunk, carried)
    }
    const whole = data.length - (data.length % r.groupBytes)
    carried = data.length - whole
    carry.set(data.subarray(whole))
    await emit(data.subarray(0, whole), false)
  })
  await emit(carry.subarray(0, carried), true)
}

/** The input decoded; InvalidInput (after what was decoded before it) at a character outside the alphabet or a bad group. */
async function decodeStream(proc: ProcContext, fd: number, r: Radix, ignoreGarbage: boolean): Promise<void> {
  const values = new Uint8Array(256).fill(255)
  for (let i = 0; i < r.alphabet.length; i++) values[r.alphabet.charCodeAt(i)] = i
  const chars = groupChars(r)
  // how many characters before the padding a group of 1, 2, … bytes has
  const validCounts = new Set(Array.from({ length: r.groupBytes }, (_, n) => Math.ceil(((n + 1) * 8) / r.bits)))
  const group = new Uint8Array(chars)
  let have = 0
  let padded = 0
  let ended = false
  await pump(proc, fd, async (chunk) => {
    const out = new Uint8Array(Math.ceil((chunk.length + chars) / chars) * r.groupBytes)
    let o = 0
    const invalid = async (): Promise<never> => {
      await proc.write(1, out.subarray(0, o))
      throw new InvalidInput()
    }
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!
      if (c === NEWLINE) continue
      const v = c === PAD ? PADDING : values[c]!
      if (v === 255) {
        if (ignoreGarbage) continue
        await invalid()
      }
      // padding after a whole group: the end of one encoding, another may follow
      if (ended && v === PADDING) continue
      ended = false
      if (v === PADDING) padded++
      else if (padded > 0) await invalid()
      group[have++] = v
      if (have < chars) continue
      have = 0
      const data = chars - padded
      if (padded > 0 && !validCounts.has(data)) await invalid()
      o = groupBytes(group, data, r, out, o)
      ended = padded > 0
      padded = 0
    }
    if (o > 0) await proc.write(1, out.subarray(0, o))
  })
  if (have === 0) return
  if (r.decodesCutGroup && padded === 0) {
    const out = new Uint8Array(r.groupBytes)
    const o = groupBytes(group, have, r, out, 0)
    if (o > 0) await proc.write(1, out.subarray(0, o))
  }
  throw new InvalidInput()
}

/** The whole bytes of a group's first `data` characters into out at o; returns where they end. */
function groupBytes(group: Uint8Array, data: number, r: Radix, out: Uint8Array, o: number): number {
  let value = 0
  for (let k = 0; k < groupChars(r); k++) value = value * 2 ** r.bits + (k < data ? group[k]! : 0)
  const bytes = Math.floor((data * r.bits) / 8)
  for (let k = r.groupBytes - 1; k >= r.groupBytes - bytes; k--) out[o++] = Math.floor(value / 2 ** (k * 8)) % 256
  return o
}

const USAGE = '[-di] [-w cols] [file]'

/** base64 or base32 as GNU's: encode, or -d decode, one file or standard input. */
export function radixCommand(name: 'base64' | 'base32'): Command {
  const r = name === 'base64' ? BASE64 : BASE32
  return command({
    name,
    long: { decode: 'd', 'ignore-garbage': 'i', wrap: 'w:' },
    usage: USAGE,
    summary: `${name} encode or decode data`,
    help: '  -d       decode\n  -i       when decoding, skip bytes outside the alphabet\n  -w cols  wrap encoded lines after cols characters (default 76, 0: never)',
    async run(proc) {
      const { flags, operands } = parseArgs(proc.argv, 'diw:', { permute: true })
      if (operands.length > 1) return usage(proc, name, USAGE, `extra operand '${operands[1]}'`)
      const wrap = typeof flags.w === 'string' ? Number(flags.w) : 76
      if (!Number.isInteger(wrap) || wrap < 0) {
        await proc.stderr.write(`${name}: invalid wrap size: '${flags.w}'\n`)
        return 1
      }
      const file = operands[0] ?? '-'
      let fd = 0
      try {
        if (file !== '-') fd = await proc.open(file)
        if (flags.d) await decodeStream(proc, fd, r, flags.i === true)
        else await encodeStream(proc, fd, r, wrap)
        return 0
      } catch (e) {
        if (e instanceof InvalidInput) {
          await proc.stderr.write(`${name}: invalid input\n`)
          return 1
        }
        await fail(proc, name, file, e)
        return 1
      } finally {
        if (fd !== 0) await proc.close(fd).catch(() => {})
      }
    },
  })
}
