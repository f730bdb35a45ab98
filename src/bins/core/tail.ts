/**
 * tail: the last lines (or bytes) of files, or everything from line (byte) +N on. A file that
 * knows its length is read from the end, not from the start; other input is streamed holding
 * back only what may be printed. -f then follows the files as they grow until tail is killed.
 */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, usage } from '../lib.ts'
import { CHUNK, isDir, pump } from '../util/files.ts'
import { headerWriter, parseCount, type Count } from '../util/headtail.ts'

const USAGE = '[-fqvz] [-s seconds] [-n [+]lines | -c [+]bytes | -lines] [file ...]'

interface Followed {
  name: string
  fd: number
  offset: number
}

export const tail = command({
  name: 'tail',
  long: { bytes: 'c:', follow: 'f', lines: 'n:', quiet: 'q', silent: 'q', 'sleep-interval': 's:', verbose: 'v', 'zero-terminated': 'z' },
  usage: USAGE,
  summary: 'print the last lines of files',
  help: [
    '  -n N   the last N lines (default 10); -n +N: from line N on',
    '  -c N   the last N bytes; -c +N: from byte N on (N may end in b, K, M, G, kB, MB...)',
    '  -f     keep printing what is added to the files until killed',
    '  -s S   with -f, look for new data every S seconds (default 1)',
    '  -q     never print file name headers; -v always',
    '  -z     lines end in NUL, not newline',
  ].join('\n'),
  async run(proc) {
    const { flags, operands } = parseArgs(withoutObsoletePlus(proc.argv), 'n:c:fqvzs:', { numericFlag: 'n', permute: true })
    const bytes = typeof flags.c === 'string'
    // -z: lines end in NUL
    const eol = flags.z === true ? 0 : 10
    const text = bytes ? (flags.c as string) : typeof flags.n === 'string' ? flags.n : '10'
    const count = parseCount(text)
    if (count === undefined) return usage(proc, 'tail', USAGE, `invalid number of ${bytes ? 'bytes' : 'lines'}: '${text}'`)
    const interval = typeof flags.s === 'string' ? Number(flags.s) : 1
    if (!(interval >= 0)) return usage(proc, 'tail', USAGE, `invalid number of seconds: '${flags.s}'`)
    const names = operands.length > 0 ? operands : ['-']
    const header = headerWriter(proc, flags.v === true || (names.length > 1 && flags.q !== true))
    const followed: Followed[] = []
    let status: ExitCode = 0
    for (const name of names) {
      let fd = 0
      try {
        if (name !== '-') fd = await proc.open(name)
        await header(name)
        const offset = await copyTail(proc, fd, name, count, bytes, eol)
        if (flags.f && name !== '-') followed.push({ name, fd, offset })
        else if (name !== '-') await proc.close(fd)
      } catch (e) {
        await fail(proc, 'tail', name, e)
        status = 1
        if (name !== '-') await proc.close(fd).catch(() => {})
      }
    }
    if (followed.length === 0) return status
    return follow(proc, followed, names.length > 1 && flags.q !== true, interval * 1000)
  },
})

/**
 * GNU's obsolete `tail +N[bcl] [file]` (only with at most one file, as GNU) spelled as the
 * `-n +N` or `-c +N` it means; `b` counts 512-byte blocks.
 */
function withoutObsoletePlus(argv: readonly string[]): readonly string[] {
  const m = argv.length <= 3 ? /^\+(\d+)([bcl]?)$/.exec(argv[1] ?? '') : null
  if (!m) return argv
  const option = m[2] === 'l' || m[2] === '' ? ['-n', `+${m[1]}`] : ['-c', `+${m[1]}${m[2] === 'b' ? 'b' : ''}`]
  return [argv[0]!, ...option, ...argv.slice(2)]
}

/** Prints the wanted part of one input; returns the offset reached (for -f). */
async function copyTail(proc: ProcContext, fd: number, name: string, count: Count, bytes: boolean, eol: number): Promise<number> {
  const length = name === '-' ? 0 : await fileLength(proc, name)
  let offset: number
  if (count.sign === '+') {
    if (length > 0 && bytes) offset = Math.min(length, Math.max(0, count.value - 1))
    else return (await skipThenCopy(proc, fd, Math.max(0, count.value - 1), bytes, eol)) + (await copyRest(proc, fd))
  } else if (length > 0) {
    offset = bytes ? Math.max(0, length - count.value) : await lastLinesStart((start, end) => readAt(proc, fd, start, end), length, count.value, eol)
  } else {
    return streamTail(proc, fd, count.value, bytes, eol)
  }
  await proc.seek(fd, offset, 0)
  return offset + (await copyRest(proc, fd))
}

/** A seekable file's length, or 0 for anything read as a stream (devices, directories). */
async function fileLength(proc: ProcContext, name: string): Promise<number> {
  const dir = await proc.stat(name)
  return isDir(dir) ? 0 : dir.length
}

async function copyRest(proc: ProcContext, fd: number): Promise<number> {
  let total = 0
  await pump(proc, fd, (chunk) => {
    total += chunk.length
    return proc.write(1, chunk)
  })
  return total
}

/** Skips `n` lines or bytes, writing whatever of the last chunk lies past them; returns bytes read. */
async function skipThenCopy(proc: ProcContext, fd: number, n: number, bytes: boolean, eol: number): Promise<number> {
  let total = 0
  while (n > 0) {
    const chunk = await proc.read(fd, CHUNK)
    if (chunk.length === 0) return total
    total += chunk.length
    let from = chunk.length
    if (bytes) {
      from = Math.min(n, chunk.length)
      n -= from
    } else {
      for (let nl = chunk.indexOf(eol); nl >= 0; nl = chunk.indexOf(eol, nl + 1)) {
        if (--n === 0) {
          from = nl + 1
          break
        }
      }
    }
    if (from < chunk.length) await proc.write(1, chunk.subarray(from))
  }
  return total
}

async function readAt(proc: ProcContext, fd: number, start: number, end: number): Promise<Uint8Array> {
  await proc.seek(fd, start, 0)
  const out = new Uint8Array(end - start)
  let at = 0
  while (at < out.length) {
    const chunk = await proc.read(fd, out.length - at)
    if (chunk.length === 0) break
    out.set(chunk, at)
    at += chunk.length
  }
  return at === out.length ? out : out.subarray(0, at)
}

/**
 * Where the last `n` lines of `length` bytes begin, scanning blocks backwards. A final newline
 * ends the last line rather than starting an empty one.
 */
async function lastLinesStart(block: (start: number, end: number) => Promise<Uint8Array>, length: number, n: number, eol: number): Promise<number> {
  if (n === 0) return length
  let seen = 0
  for (let end = length; end > 0; ) {
    const start = Math.max(0, end - CHUNK)
    const data = await block(start, end)
    for (let i = data.length - 1; i >= 0; i--) {
      if (data[i] !== eol || start + i === length - 1) continue
      if (++seen === n) return start + i + 1
    }
    end = start
  }
  return 0
}

/** The last `n` lines or bytes of a stream: keeps just enough chunks to hold them. Returns bytes read. */
async function streamTail(proc: ProcContext, fd: number, n: number, bytes: boolean, eol: number): Promise<number> {
  const kept: { data: Uint8Array; newlines: number }[] = []
  let keptBytes = 0
  let keptNewlines = 0
  let total = 0
  await pump(proc, fd, (data) => {
    total += data.length
    let newlines = 0
    if (!bytes) for (let nl = data.indexOf(eol); nl >= 0; nl = data.indexOf(eol, nl + 1)) newlines++
    kept.push({ data, newlines })
    keptBytes += data.length
    keptNewlines += newlines
    // Drop the oldest chunk while the rest still holds everything that will be printed.
    while (kept.length > 1 && (bytes ? keptBytes - kept[0]!.data.length >= n : keptNewlines - kept[0]!.newlines > n)) {
      const first = kept.shift()!
      keptBytes -= first.data.length
      keptNewlines -= first.newlines
    }
  })
  const all = new Uint8Array(keptBytes)
  let at = 0
  for (const k of kept) {
    all.set(k.data, at)
    at += k.data.length
  }
  const start = bytes ? Math.max(0, all.length - n) : await lastLinesStart(async (s, e) => all.subarray(s, e), all.length, n, eol)
  if (start < all.length) await proc.write(1, all.subarray(start))
  return total
}

/** tail -f: polls the files for growth until the process is killed (sleep rejects then). */
async function follow(proc: ProcContext, files: Followed[], headers: boolean, intervalMs: number): Promise<ExitCode> {
  let current = files[files.length - 1]!
  for (;;) {
    await proc.sleep(intervalMs)
    for (const f of files) {
      let length: number
      try {
        length = (await proc.stat(f.name)).length
      } catch {
        continue
      }
      if (length < f.offset) {
        await proc.stderr.write(`tail: ${f.name}: file truncated\n`)
        f.offset = 0
      }
      if (length === f.offset) continue
      if (headers && current !== f) await proc.write(1, `\n==> ${f.name} <==\n`)
      current = f
      await proc.seek(f.fd, f.offset, 0)
      f.offset += await copyRest(proc, f.fd)
    }
  }
}
