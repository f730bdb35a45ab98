/**
 * cksum [-a algorithm] [--untagged] [file ...]: POSIX's CRC and byte count of each file (GNU's
 * default), or with -a md5, sha1, sha256 or sha512 the digest, tagged `MD5 (name) = …` as GNU's.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, forEachInput, parseArgs, usage } from '../lib.ts'
import { DIGESTS, hashFd } from '../util/checksum.ts'
import { longOptions } from '../util/longopts.ts'
import { pump } from '../util/files.ts'

const USAGE = '[-a algorithm] [--untagged] [file ...]'
const NOT_BUILT = new Set(['sysv', 'bsd', 'sha224', 'sha384', 'blake2b', 'sm3'])

/** The table of POSIX's CRC (polynomial 0x04C11DB7, the most significant bit first). */
const TABLE = new Uint32Array(256).map((_, i) => {
  let c = i << 24
  for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1
  return c >>> 0
})

const step = (crc: number, byte: number): number => ((crc << 8) ^ TABLE[((crc >>> 24) ^ byte) & 0xff]!) >>> 0

/** The CRC of the file's bytes followed by its length (the fewest bytes, the lowest first), complemented. */
async function crcOf(proc: ProcContext, fd: number): Promise<[number, number]> {
  let crc = 0
  let length = 0
  await pump(proc, fd, (chunk) => {
    for (let i = 0; i < chunk.length; i++) crc = step(crc, chunk[i]!)
    length += chunk.length
  })
  for (let n = length; n > 0; n = Math.floor(n / 256)) crc = step(crc, n % 256)
  return [~crc >>> 0, length]
}

export const cksum = command({
  name: 'cksum',
  usage: USAGE,
  summary: 'print the CRC (or a digest) and size of files',
  help: '  -a ALGO     crc (the default), md5, sha1, sha256 or sha512\n  --untagged  a digest as md5sum prints it, not tagged with its name',
  async run(proc) {
    const { argv, longs } = longOptions(proc.argv, { algorithm: 'a:', untagged: '' }, 'a:')
    const { flags, operands } = parseArgs(argv, 'a:', { permute: true })
    const algorithm = typeof flags.a === 'string' ? flags.a : typeof longs['algorithm'] === 'string' ? longs['algorithm'] : 'crc'
    if (NOT_BUILT.has(algorithm)) {
      await proc.stderr.write(`cksum: not implemented: -a ${algorithm} (crc, md5, sha1, sha256, sha512 are)\n`)
      return 1
    }
    const digest = DIGESTS[algorithm]
    if (algorithm !== 'crc' && digest === undefined) return usage(proc, 'cksum', USAGE, `invalid argument '${algorithm}' for '--algorithm'`)
    const untagged = longs['untagged'] === true
    return forEachInput(proc, 'cksum', operands, async (fd, name) => {
      const named = operands.length > 0
      if (digest === undefined) {
        const [crc, length] = await crcOf(proc, fd)
        await proc.write(1, `${crc} ${length}${named ? ` ${name}` : ''}\n`)
        return
      }
      const sum = await hashFd(proc, fd, digest)
      await proc.write(1, untagged ? `${sum}  ${name}\n` : `${digest.name} (${name}) = ${sum}\n`)
    })
  },
})
