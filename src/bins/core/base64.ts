/** base64: encode to or decode from base64 (RFC 4648), streaming, wrapped at 76 columns like GNU. */
import type { ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, usage } from '../lib.ts'
import { pump } from '../util/files.ts'

const USAGE = '[-di] [-w cols] [file]'
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const CODES = new Uint8Array(64).map((_, i) => ALPHABET.charCodeAt(i))
/** Byte → its 6-bit value, 64 for `=`, 255 for anything else. */
const VALUES = new Uint8Array(256).fill(255)
for (let i = 0; i < 64; i++) VALUES[ALPHABET.charCodeAt(i)] = i
VALUES[61] = 64

class InvalidInput extends Error {}

export const base64 = command({
  name: 'base64',
  usage: USAGE,
  summary: 'base64 encode or decode data',
  help: '  -d       decode\n  -i       when decoding, skip bytes outside the alphabet\n  -w cols  wrap encoded lines after cols characters (default 76, 0: never)',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'diw:', { permute: true })
    if (operands.length > 1) return usage(proc, 'base64', USAGE, `extra operand '${operands[1]}'`)
    const wrap = typeof flags.w === 'string' ? Number(flags.w) : 76
    if (!Number.isInteger(wrap) || wrap < 0) {
      await proc.stderr.write(`base64: invalid wrap size: '${flags.w}'\n`)
      return 1
    }
    const name = operands[0] ?? '-'
    let fd = 0
    try {
      if (name !== '-') fd = await proc.open(name)
      if (flags.d) await decode(proc, fd, flags.i === true)
      else await encode(proc, fd, wrap)
      return 0
    } catch (e) {
      if (e instanceof InvalidInput) {
        await proc.stderr.write('base64: invalid input\n')
        return 1
      }
      await fail(proc, 'base64', name, e)
      return 1
    } finally {
      if (fd !== 0) await proc.close(fd).catch(() => {})
    }
  },
})

async function encode(proc: ProcContext, fd: number, wrap: number): Promise<void> {
  const carry = new Uint8Array(3)
  let carried = 0
  let column = 0
  // Output for one chunk: 4/3 of it plus the carry, plus a newline per wrapped line.
  const emit = async (data: Uint8Array, final: boolean): Promise<void> => {
    const groups = final ? Math.ceil(data.length / 3) : Math.floor(data.length / 3)
    const encoded = groups * 4
    const out = new Uint8Array(encoded + (wrap > 0 ? Math.ceil((column + encoded) / wrap) + 1 : 1))
    let o = 0
    const put = (c: number): void => {
      out[o++] = c
      if (wrap > 0 && ++column === wrap) {
        out[o++] = 10
        column = 0
      }
    }
    for (let g = 0; g < groups; g++) {
      const i = g * 3
      const n = Math.min(3, data.length - i)
      const x = (data[i]! << 16) | ((n > 1 ? data[i + 1]! : 0) << 8) | (n > 2 ? data[i + 2]! : 0)
      put(CODES[x >> 18]!)
      put(CODES[(x >> 12) & 63]!)
      put(n > 1 ? CODES[(x >> 6) & 63]! : 61)
      put(n > 2 ? CODES[x & 63]! : 61)
    }
    if (final && column > 0) out[o++] = 10
    if (o > 0) await proc.write(1, out.subarray(0, o))
  }
  await pump(proc, fd, async (chunk) => {
    let data = chunk
    if (carried > 0) {
      data = new Uint8Array(carried + chunk.length)
      data.set(carry.subarray(0, carried))
      data.set(chunk, carried)
    }
    const whole = data.length - (data.length % 3)
    carried = data.length - whole
    carry.set(data.subarray(whole))
    await emit(data.subarray(0, whole), false)
  })
  await emit(carry.subarray(0, carried), true)
}

async function decode(proc: ProcContext, fd: number, ignoreGarbage: boolean): Promise<void> {
  /** Up to 3 sextets left over from the previous chunk. */
  const quad = new Uint8Array(4)
  let have = 0
  let ended = false
  await pump(proc, fd, async (chunk) => {
    const out = new Uint8Array(Math.ceil((chunk.length + 4) / 4) * 3)
    let o = 0
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!
      if (c === 10) continue
      const v = VALUES[c]!
      if (v === 255) {
        if (ignoreGarbage) continue
        await proc.write(1, out.subarray(0, o))
        throw new InvalidInput()
      }
      // Padding ends a group; a new group may follow (concatenated encodings).
      if (ended && v !== 64) ended = false
      if (ended) continue
      quad[have++] = v
      if (have < 4) continue
      have = 0
      if (quad[0] === 64 || quad[1] === 64 || (quad[2] === 64 && quad[3] !== 64)) {
        await proc.write(1, out.subarray(0, o))
        throw new InvalidInput()
      }
      out[o++] = (quad[0]! << 2) | (quad[1]! >> 4)
      if (quad[2] !== 64) out[o++] = ((quad[1]! & 15) << 4) | (quad[2]! >> 2)
      if (quad[3] !== 64) out[o++] = ((quad[2]! & 3) << 6) | quad[3]!
      else ended = true
    }
    if (o > 0) await proc.write(1, out.subarray(0, o))
  })
  if (have > 0) throw new InvalidInput()
}

