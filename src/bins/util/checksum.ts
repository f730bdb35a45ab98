/**
 * md5sum, sha1sum, sha256sum and sha512sum: `hash  name` for each file, streamed through an incremental hash
 * (@noble/hashes: WebCrypto has no MD5 and cannot hash a stream), or BSD's `ALGO (name) = hash`
 * with --tag; -c checks a list of sums in either form.
 */
import { md5, sha1 } from '@noble/hashes/legacy.js'
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { isNineError } from '../../kernel/errors.ts'
import { command, fail, forEachInput, lines, LineWriter, parseArgs, UsageError, type Command } from '../lib.ts'
import { pump } from './files.ts'
import { longOptions } from './longopts.ts'

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

/** How the sums are written (--tag, -b, -z) and checked (-c's --quiet, --status, --strict, -w, --ignore-missing). */
interface SumOptions {
  tag: boolean
  binary: boolean
  zero: boolean
  quiet: boolean
  status: boolean
  strict: boolean
  warn: boolean
  ignoreMissing: boolean
}

/** GNU escapes a name holding a newline or backslash (not with -z), and marks the line with a leading `\`. */
function sumLine(algo: Algorithm, sum: string, name: string, o: SumOptions): string {
  const escaped = !o.zero && /[\\\n]/.test(name)
  const shown = escaped ? name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') : name
  const text = o.tag ? `${algo.name} (${shown}) = ${sum}` : `${sum} ${o.binary ? '*' : ' '}${shown}`
  return (escaped ? '\\' : '') + text + (o.zero ? '\0' : '\n')
}

/** GNU's long options for these commands. */
const LONG = { tag: '', binary: 'b', text: 't', zero: 'z', check: 'c', quiet: '', status: '', strict: '', warn: 'w', 'ignore-missing': '' }

export function checksumCommand(cmd: keyof typeof ALGORITHMS): Command {
  const algo: Algorithm = ALGORITHMS[cmd]
  return command({
    name: cmd,
    usage: '[-bctwz] [--tag] [--quiet] [--status] [--strict] [--ignore-missing] [file ...]',
    summary: `compute and check ${algo.name} message digests`,
    help: [
      `  -c  read ${algo.name} sums from the files and check them (lines as this command prints, or --tag's)`,
      `  --tag  BSD-style lines: ${algo.name} (file) = sum   -b  mark the files binary (*)   -z  end lines with NUL`,
      '  with -c: --quiet  no OK lines   --status  nothing, only the status   --strict  a bad line fails',
      '           -w  name each bad line   --ignore-missing  skip files that are not there',
    ].join('\n'),
    async run(proc) {
      const { argv, longs } = longOptions(proc.argv, LONG, 'bctwz')
      const { flags, operands } = parseArgs(argv, 'bctwz', { permute: true })
      const o: SumOptions = {
        tag: longs.tag === true,
        binary: flags.b === true,
        zero: flags.z === true,
        quiet: longs.quiet === true,
        status: longs.status === true,
        strict: longs.strict === true,
        warn: flags.w === true,
        ignoreMissing: longs['ignore-missing'] === true,
      }
      if (flags.c) {
        if (o.tag) throw new UsageError('the --tag option is meaningless when verifying checksums')
        return check(proc, cmd, algo, operands, o)
      }
      const out = new LineWriter(proc)
      const status = await forEachInput(proc, cmd, operands, async (fd, name) => {
        const sum = await hashFd(proc, fd, algo)
        await out.write(sumLine(algo, sum, name, o))
        await out.flush()
      })
      await out.flush()
      return status
    },
  })
}

/** A list's name as GNU writes it in messages: quoted where it holds anything but plain characters. */
const quoted = (name: string): string => (/^[A-Za-z0-9_./,+:@%^-]+$/.test(name) ? name : `'${name}'`)

/**
 * -c: verifies every `hash  name` line (or --tag's `ALGO (name) = hash`); prints `name: OK` or
 * `name: FAILED`, then a warning count.
 */
async function check(proc: ProcContext, cmd: string, algo: Algorithm, lists: string[], o: SumOptions): Promise<ExitCode> {
  const out = new LineWriter(proc)
  const plainRe = new RegExp(`^(\\\\?)([0-9a-fA-F]{${algo.hexLength}}) [ *](.*)$`)
  const taggedRe = new RegExp(`^(\\\\?)${algo.name} \\((.*)\\) = ([0-9a-fA-F]{${algo.hexLength}})$`)
  const report = async (line: string): Promise<void> => {
    if (!o.status) await out.write(line)
  }
  let failed = 0
  let unreadable = 0
  let malformed = 0
  let empty = false
  const status = await forEachInput(proc, cmd, lists, async (listFd, listName) => {
    let bad = 0
    let good = 0
    let verified = 0
    let lineNo = 0
    for await (const line of lines(proc, listFd)) {
      lineNo++
      const plain = plainRe.exec(line)
      const tagged = plain === null ? taggedRe.exec(line) : null
      if (plain === null && tagged === null) {
        bad++
        if (o.warn) {
          await out.flush()
          await proc.stderr.write(`${cmd}: ${quoted(listName === '-' ? 'standard input' : listName)}: ${lineNo}: improperly formatted ${algo.name} checksum line\n`)
        }
        continue
      }
      good++
      const [escaped, want, written] = plain !== null ? [plain[1], plain[2]!, plain[3]!] : [tagged![1], tagged![3]!, tagged![2]!]
      const name = escaped ? written.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\')) : written
      let sum: string
      try {
        const fd = await proc.open(name)
        try {
          sum = await hashFd(proc, fd, algo)
        } finally {
          await proc.close(fd).catch(() => {})
        }
      } catch (e) {
        if (o.ignoreMissing && isNineError(e, 'ENOENT')) continue
        await out.flush()
        await fail(proc, cmd, name, e)
        await report(`${name}: FAILED open or read\n`)
        unreadable++
        continue
      }
      verified++
      const ok = sum === want.toLowerCase()
      if (!ok) failed++
      if (!ok || !o.quiet) await report(`${name}: ${ok ? 'OK' : 'FAILED'}\n`)
    }
    // a list without one checksum line is an error of its own (its lines are not counted as malformed)
    const list = quoted(listName === '-' ? 'standard input' : listName)
    if (good === 0) {
      await out.flush()
      await proc.stderr.write(`${cmd}: ${list}: no properly formatted checksum lines found\n`)
      empty = true
    } else {
      malformed += bad
      if (o.ignoreMissing && verified === 0 && unreadable === 0) {
        await out.flush()
        await proc.stderr.write(`${cmd}: ${list}: no file was verified\n`)
        empty = true
      }
    }
  })
  await out.flush()
  const warn = (n: number, what: string): Promise<void> => (o.status ? Promise.resolve() : proc.stderr.write(`${cmd}: WARNING: ${n} ${what}\n`))
  if (malformed > 0) await warn(malformed, `line${malformed > 1 ? 's are' : ' is'} improperly formatted`)
  if (unreadable > 0) await warn(unreadable, `listed file${unreadable > 1 ? 's' : ''} could not be read`)
  if (failed > 0) await warn(failed, `computed checksum${failed > 1 ? 's' : ''} did NOT match`)
  return status !== 0 || failed > 0 || unreadable > 0 || empty || (o.strict && malformed > 0) ? 1 : 0
}
