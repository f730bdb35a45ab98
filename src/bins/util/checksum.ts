/**
 * md5sum, sha1sum, sha256sum and sha512sum: `hash  name` for each file, streamed through an incremental hash
 * (@noble/hashes: WebCrypto has no MD5 and cannot hash a stream); -c checks a list of sums.
 */
import { md5, sha1 } from '@noble/hashes/legacy.js'
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, fail, forEachInput, lines, LineWriter, parseArgs, type Command } from '../lib.ts'
import { pump } from './files.ts'

interface Hasher {
  update(data: Uint8Array): unknown
  digest(): Uint8Array
}

export interface Algorithm {
  name: string
  create: () => Hasher
  hexLength: number
}

const ALGORITHMS = {
  md5sum: { name: 'MD5', create: () => md5.create(), hexLength: 32 },
  sha1sum: { name: 'SHA1', create: () => sha1.create(), hexLength: 40 },
  sha256sum: { name: 'SHA256', create: () => sha256.create(), hexLength: 64 },
  sha512sum: { name: 'SHA512', create: () => sha512.create(), hexLength: 128 },
} satisfies Record<string, Algorithm>

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/** cksum -a's names for the algorithms here. */
export const DIGESTS: Record<string, Algorithm> = { md5: ALGORITHMS.md5sum, sha1: ALGORITHMS.sha1sum, sha256: ALGORITHMS.sha256sum, sha512: ALGORITHMS.sha512sum }

export async function hashFd(proc: ProcContext, fd: number, algo: Algorithm): Promise<string> {
  const h = algo.create()
  await pump(proc, fd, (chunk) => h.update(chunk))
  return hex(h.digest())
}

/** GNU escapes a name holding a newline or backslash, and marks the line with a leading `\`. */
function sumLine(sum: string, name: string): string {
  if (!/[\\\n]/.test(name)) return `${sum}  ${name}\n`
  return `\\${sum}  ${name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n`
}

export function checksumCommand(cmd: keyof typeof ALGORITHMS): Command {
  const algo: Algorithm = ALGORITHMS[cmd]
  return command({
    name: cmd,
    usage: '[-c] [file ...]',
    summary: `compute and check ${algo.name} message digests`,
    help: `  -c  read ${algo.name} sums from the files and check them (lines as this command prints)`,
    async run(proc) {
      const { flags, operands } = parseArgs(proc.argv, 'c', { permute: true })
      if (flags.c) return check(proc, cmd, algo, operands)
      const out = new LineWriter(proc)
      const status = await forEachInput(proc, cmd, operands, async (fd, name) => {
        const sum = await hashFd(proc, fd, algo)
        await out.write(sumLine(sum, name))
        await out.flush()
      })
      await out.flush()
      return status
    },
  })
}

/** -c: verifies every `hash  name` line; prints `name: OK` or `name: FAILED`, then a warning count. */
async function check(proc: ProcContext, cmd: string, algo: Algorithm, lists: string[]): Promise<ExitCode> {
  const out = new LineWriter(proc)
  const lineRe = new RegExp(`^(\\\\?)([0-9a-fA-F]{${algo.hexLength}}) [ *](.*)$`)
  let failed = 0
  let unreadable = 0
  let malformed = 0
  let empty = false
  const status = await forEachInput(proc, cmd, lists, async (listFd, listName) => {
    let bad = 0
    let good = 0
    for await (const line of lines(proc, listFd)) {
      const m = lineRe.exec(line)
      if (!m) {
        bad++
        continue
      }
      good++
      const name = m[1] ? m[3]!.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\')) : m[3]!
      let sum: string
      try {
        const fd = await proc.open(name)
        try {
          sum = await hashFd(proc, fd, algo)
        } finally {
          await proc.close(fd).catch(() => {})
        }
      } catch (e) {
        await out.flush()
        await fail(proc, cmd, name, e)
        await out.write(`${name}: FAILED open or read\n`)
        unreadable++
        continue
      }
      const ok = sum === m[2]!.toLowerCase()
      if (!ok) failed++
      await out.write(`${name}: ${ok ? 'OK' : 'FAILED'}\n`)
    }
    // a list without one checksum line is an error of its own (its lines are not counted as malformed)
    if (good === 0) {
      await out.flush()
      await proc.stderr.write(`${cmd}: ${listName === '-' ? 'standard input' : listName}: no properly formatted checksum lines found\n`)
      empty = true
    } else malformed += bad
  })
  await out.flush()
  const warn = (n: number, what: string): Promise<void> => proc.stderr.write(`${cmd}: WARNING: ${n} ${what}\n`)
  if (malformed > 0) await warn(malformed, `line${malformed > 1 ? 's are' : ' is'} improperly formatted`)
  if (unreadable > 0) await warn(unreadable, `listed file${unreadable > 1 ? 's' : ''} could not be read`)
  if (failed > 0) await warn(failed, `computed checksum${failed > 1 ? 's' : ''} did NOT match`)
  return status !== 0 || failed > 0 || unreadable > 0 || empty ? 1 : 0
}
