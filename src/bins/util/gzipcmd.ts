/**
 * gzip, gunzip and zcat: one program under three names, as in GNU gzip. Compression streams
 * through fflate's Gzip and Gunzip (which also reads several members one after another).
 */
import { Gunzip, Gzip } from 'fflate'
import { isNineError } from '../../kernel/errors.ts'
import { OWRITE, type ExitCode, type ProcContext } from '../../kernel/types.ts'
import { command, fail, readAll, UsageError, type Command } from '../lib.ts'
import { isDir, lastElement, pump } from './files.ts'

type Name = 'gzip' | 'gunzip' | 'zcat'

interface Options {
  decompress: boolean
  stdout: boolean
  keep: boolean
  force: boolean
  list: boolean
  test: boolean
  quiet: boolean
  verbose: boolean
  level: number
  /** -n: no name or time in the header. */
  noName: boolean
  suffix: string
}

/** Suffixes gunzip removes, and what replaces them. */
const SUFFIXES: [string, string][] = [['.tgz', '.tar'], ['.taz', '.tar'], ['.gz', ''], ['-gz', ''], ['.z', ''], ['-z', ''], ['_z', '']]

function parse(name: Name, argv: readonly string[]): { options: Options; files: string[] } {
  const options: Options = {
    decompress: name !== 'gzip', stdout: name === 'zcat', keep: false, force: false, list: false, test: false,
    quiet: false, verbose: false, level: 6, noName: false, suffix: '.gz',
  }
  const long: Record<string, string> = {
    '--decompress': 'd', '--uncompress': 'd', '--stdout': 'c', '--to-stdout': 'c', '--keep': 'k', '--force': 'f',
    '--list': 'l', '--test': 't', '--quiet': 'q', '--verbose': 'v', '--no-name': 'n', '--name': 'N', '--fast': '1', '--best': '9',
  }
  const files: string[] = []
  let i = 1
  for (; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      i++
      break
    }
    if (arg.length < 2 || arg[0] !== '-') {
      files.push(arg)
      continue
    }
    if (arg.startsWith('--suffix=')) {
      options.suffix = arg.slice(9)
      continue
    }
    const letters = arg.startsWith('--') ? long[arg] : arg.slice(1)
    if (letters === undefined) throw new UsageError(`unrecognized option '${arg}'`)
    for (let j = 0; j < letters.length; j++) {
      const c = letters[j]!
      if (c >= '1' && c <= '9') options.level = Number(c)
      else if (c === 'd') options.decompress = true
      else if (c === 'c') options.stdout = true
      else if (c === 'k') options.keep = true
      else if (c === 'f') options.force = true
      else if (c === 'l') options.list = true
      else if (c === 't') options.test = options.decompress = true
      else if (c === 'q') options.quiet = true
      else if (c === 'v') options.verbose = true
      else if (c === 'n') options.noName = true
      else if (c === 'N') options.noName = false
      else if (c === 'S') {
        const rest = letters.slice(j + 1) || argv[++i]
        if (rest === undefined) throw new UsageError(`option requires an argument -- 'S'`)
        options.suffix = rest
        break
      } else throw new UsageError(`invalid option -- '${c}'`)
    }
  }
  files.push(...argv.slice(i))
  return { options, files }
}

class NotGzip extends Error {}

/** Streams `fd` through gzip or gunzip into `write`; answers the byte counts in and out. */
async function transform(
  proc: ProcContext,
  fd: number,
  options: Options,
  header: { filename?: string; mtime?: number },
  write: (data: Uint8Array) => Promise<unknown>,
): Promise<{ bytesIn: number; bytesOut: number }> {
  const pending: Uint8Array[] = []
  let bytesIn = 0
  let bytesOut = 0
  const stream = options.decompress
    ? new Gunzip((data) => pending.push(data))
    : new Gzip({ level: options.level as 1, ...(options.noName ? {} : header) }, (data) => pending.push(data))
  const drain = async (): Promise<void> => {
    for (const data of pending.splice(0)) {
      bytesOut += data.length
      await write(data)
    }
  }
  let first = true
  await pump(proc, fd, async (chunk) => {
    if (first && options.decompress && (chunk[0] !== 0x1f || (chunk.length > 1 && chunk[1] !== 0x8b))) throw new NotGzip()
    first = false
    bytesIn += chunk.length
    try {
      stream.push(chunk)
    } catch {
      throw new NotGzip()
    }
    await drain()
  })
  if (first && options.decompress) throw new NotGzip()
  try {
    stream.push(new Uint8Array(0), true)
  } catch (e) {
    throw new Error(options.decompress ? 'unexpected end of file' : String(e))
  }
  await drain()
  return { bytesIn, bytesOut }
}

/** The name gunzip gives a compressed file, or undefined when its suffix is not known. */
function plainName(path: string, suffix: string): string | undefined {
  const lower = path.toLowerCase()
  if (suffix !== '.gz' && lower.endsWith(suffix.toLowerCase()) && path.length > suffix.length) return path.slice(0, -suffix.length)
  for (const [from, to] of SUFFIXES) if (lower.endsWith(from) && path.length > from.length) return path.slice(0, -from.length) + to
  return undefined
}

function hasSuffix(path: string, suffix: string): boolean {
  return plainName(path, suffix) !== undefined && !path.toLowerCase().endsWith('.tgz') && !path.toLowerCase().endsWith('.taz')
}

export function gzipCommand(name: Name): Command {
  return command({
    name,
    usage: '[-cdfklnqtv1-9] [-S suffix] [file ...]',
    summary: name === 'gzip' ? 'compress or expand files' : name === 'gunzip' ? 'expand gzip files' : 'expand gzip files to standard output',
    help: [
      '  -c  write to standard output, keep the files     -d  decompress',
      '  -k  keep the input files                         -f  force: overwrite, and write to a terminal',
      '  -l  list sizes of compressed files               -t  test compressed files',
      '  -n  store no name or time                        -q, -v  quieter, more verbose',
      '  -1 .. -9  faster .. better compression           -S suffix  instead of .gz',
    ].join('\n'),
    run: (proc) => run(proc, name),
  })
}

async function run(proc: ProcContext, name: Name): Promise<ExitCode> {
  const { options, files } = parse(name, proc.argv)
  if (options.list) return list(proc, files)
  let status: ExitCode = 0
  const warn = async (message: string): Promise<void> => {
    if (status === 0) status = 2
    if (!options.quiet) await proc.stderr.write(`gzip: ${message}\n`)
  }
  if (files.length === 0) files.push('-')
  for (const file of files) {
    try {
      if (file === '-') {
        if (!options.decompress && !options.test && !options.force && proc.isatty(1)) {
          await proc.stderr.write('gzip: compressed data not written to a terminal. Use -f to force compression.\nFor help, type: gzip -h\n')
          return 1
        }
        await transform(proc, 0, options, {}, (data) => (options.test ? Promise.resolve() : proc.write(1, data)))
        continue
      }
      const dir = await proc.stat(file)
      if (isDir(dir)) {
        await warn(`${file} is a directory -- ignored`)
        continue
      }
      let target: string | undefined
      if (options.decompress) {
        target = plainName(file, options.suffix)
        if (target === undefined && !options.stdout && !options.test) {
          await warn(`${file}: unknown suffix -- ignored`)
          continue
        }
      } else {
        if (!options.stdout && !options.force && hasSuffix(file, options.suffix)) {
          // a notice only: GNU gzip's status stays 0
          if (!options.quiet) await proc.stderr.write(`gzip: ${file} already has ${options.suffix} suffix -- unchanged\n`)
          continue
        }
        target = file + options.suffix
      }
      const toStdout = options.stdout || options.test
      // gzip looks at the input before the output: a file not in gzip format says so first
      if (options.decompress && !(await looksGzipped(proc, file))) throw new NotGzip()
      if (!toStdout && !options.force) {
        const exists = await proc.stat(target!).then(() => true, (e: unknown) => (isNineError(e, 'ENOENT') ? false : Promise.reject(e)))
        if (exists) {
          await warn(`${target} already exists;\tnot overwritten`)
          continue
        }
      }
      const fd = await proc.open(file)
      let out = 1
      try {
        if (!toStdout) out = await proc.create(target!, dir.mode & 0o777, OWRITE)
        const header = { filename: lastElement(file), mtime: dir.mtime * 1000 }
        const sizes = await transform(proc, fd, options, header, (data) => (options.test ? Promise.resolve() : proc.write(out, data)))
        if (options.verbose && !options.test) {
          const [plain, packed] = options.decompress ? [sizes.bytesOut, sizes.bytesIn] : [sizes.bytesIn, sizes.bytesOut]
          const ratio = plain === 0 ? 0 : ((plain - packed) / plain) * 100
          await proc.stderr.write(`${file}:\t${ratio.toFixed(1)}%${toStdout ? '' : ` -- replaced with ${target}`}\n`)
        } else if (options.verbose) await proc.stderr.write(`${file}:\t OK\n`)
      } catch (e) {
        if (!toStdout) await proc.remove(target!).catch(() => {})
        throw e
      } finally {
        await proc.close(fd).catch(() => {})
        if (out !== 1) await proc.close(out).catch(() => {})
      }
      if (!toStdout) {
        await proc.wstat(target!, { mtime: dir.mtime }).catch(() => {})
        if (!options.keep) await proc.remove(file)
      }
    } catch (e) {
      if (e instanceof NotGzip) await proc.stderr.write(`gzip: ${file === '-' ? 'stdin' : file}: not in gzip format\n`)
      else await fail(proc, 'gzip', file === '-' ? 'stdin' : file, e)
      status = 1
    }
  }
  return status
}

async function looksGzipped(proc: ProcContext, path: string): Promise<boolean> {
  const fd = await proc.open(path)
  try {
    const head = await proc.read(fd, 2)
    return head[0] === 0x1f && head[1] === 0x8b
  } finally {
    await proc.close(fd).catch(() => {})
  }
}

/** -l: sizes from each file's trailer (the uncompressed size modulo 2^32, as gzip keeps it). */
async function list(proc: ProcContext, files: string[]): Promise<ExitCode> {
  let status: ExitCode = 0
  const rows: string[] = ['         compressed        uncompressed  ratio uncompressed_name\n']
  const row = (packed: number, plain: number, header: number, name: string): string => {
    const ratio = plain === 0 ? 0 : ((plain - (packed - header)) / plain) * 100
    return `${String(packed).padStart(19)} ${String(plain).padStart(19)} ${ratio.toFixed(1).padStart(5)}% ${name}\n`
  }
  let totalPacked = 0
  let totalPlain = 0
  let counted = 0
  for (const file of files.length > 0 ? files : ['-']) {
    try {
      const data = file === '-' ? await readAll(proc, 0) : await proc.readFile(file)
      if (data.length < 18 || data[0] !== 0x1f || data[1] !== 0x8b) {
        await proc.stderr.write(`gzip: ${file === '-' ? 'stdin' : file}: not in gzip format\n`)
        status = 1
        continue
      }
      const n = data.length
      const plain = (data[n - 4]! | (data[n - 3]! << 8) | (data[n - 2]! << 16) | (data[n - 1]! << 24)) >>> 0
      // header and trailer: 10 + 8 bytes, plus the stored name and its NUL
      let header = 18
      if (data[3]! & 8) {
        let at = 10 + (data[3]! & 4 ? 2 + (data[10]! | (data[11]! << 8)) : 0)
        while (at < n && data[at] !== 0) at++, header++
        header++
      }
      const shown = file === '-' ? '' : (plainName(file, '.gz') ?? file)
      rows.push(row(n, plain, header, shown))
      totalPacked += n
      totalPlain += plain
      counted++
    } catch (e) {
      await fail(proc, 'gzip', file, e)
      status = 1
    }
  }
  if (counted > 1) rows.push(row(totalPacked, totalPlain, 18, '(totals)'))
  if (counted > 0) await proc.stdout.write(rows.join(''))
  return status
}
