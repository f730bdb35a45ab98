/**
 * du: disk usage of files and directories, in 1K blocks, every directory printed after its
 * contents. Space is counted as Linux's usual filesystem (ext4) allocates it, so the figures
 * match GNU du's for the same files there: 4 KiB blocks, a file's length rounded up to whole
 * blocks, a directory one block.
 */
import type { Dir, ExitCode } from '../../kernel/types.ts'
import { command, fail, LineWriter, parseArgs, UsageError } from '../lib.ts'
import { longOptions } from '../util/longopts.ts'
import { childPath, isDir, usedKiB } from '../util/files.ts'
import { nameSuffixes, patternTest } from '../util/fnmatch.ts'

export const du = command({
  name: 'du',
  usage: '[-abchkms] [-d depth] [--apparent-size] [file ...]',
  summary: 'estimate file space usage',
  help: [
    '  -a  print files too, not only directories',
    '  -s  print only a total for each operand',
    '  -d N, --max-depth=N  print only what is at most N levels below an operand',
    '  -c  print a grand total',
    '  -h  sizes in human-readable form (1.5K, 23M)',
    '  -k  sizes in 1K blocks (the default)   -m  in 1M blocks',
    '  --apparent-size  the files\' lengths, not the blocks they take   -b  the same, in bytes',
    '  --exclude=GLOB  leave out what the glob matches (the path, or a part of it after a /); repeatable',
  ].join('\n'),
  async run(proc) {
    const { words, excluded } = takeExcludes(proc.argv)
    const { argv, longs } = longOptions(
      words,
      { all: 'a', summarize: 's', total: 'c', 'human-readable': 'h', 'max-depth': 'd:', bytes: 'b', 'apparent-size': '' },
      'abchkmsd:',
    )
    const { flags, operands } = parseArgs(argv, 'abchkmsd:', { permute: true })
    if (flags.a && flags.s) {
      await proc.stderr.write('du: cannot both summarize and show all entries\n')
      return 1
    }
    let maxDepth = Infinity
    if (typeof flags.d === 'string') {
      if (!/^\d+$/.test(flags.d)) throw new UsageError(`invalid maximum depth '${flags.d}'`)
      maxDepth = flags.s ? 0 : Number(flags.d)
    }
    if (flags.s) maxDepth = 0
    const apparent = flags.b === true || longs['apparent-size'] === true
    // bytes a file counts for, and how a total is shown
    const bytesOf = (dir: Dir): number => (apparent ? dir.length : usedKiB(dir) * 1024)
    const shown = (bytes: number): string =>
      flags.h ? human(bytes / 1024) : flags.b ? String(bytes) : String(Math.ceil(bytes / (flags.m ? 1048576 : 1024)))
    const out = new LineWriter(proc)
    let status: ExitCode = 0
    const show = (bytes: number, path: string): Promise<void> => out.write(`${shown(bytes)}\t${path}\n`)
    const walk = async (path: string, dir: Dir, depth: number): Promise<number> => {
      if (excluded(path)) return 0
      let bytes = bytesOf(dir)
      if (isDir(dir)) {
        try {
          for (const entry of await proc.readdir(path)) bytes += await walk(childPath(path, entry.name), entry, depth + 1)
        } catch (e) {
          await out.flush()
          await fail(proc, 'du', path, e)
          status = 1
        }
      }
      if (depth <= maxDepth && (depth === 0 || isDir(dir) || flags.a)) await show(bytes, path)
      return bytes
    }
    let total = 0
    // GNU du counts a file once: an operand inside one already walked is not counted again.
    const walked: string[] = []
    for (const path of operands.length > 0 ? operands : ['.']) {
      const abs = proc.abs(path)
      if (walked.some((w) => abs === w || abs.startsWith(w === '/' ? '/' : w + '/'))) continue
      walked.push(abs)
      try {
        total += await walk(path, await proc.stat(path), 0)
      } catch (e) {
        await out.flush()
        await fail(proc, 'du', path, e)
        status = 1
      }
    }
    if (flags.c) await show(total, 'total')
    await out.flush()
    return status
  },
})

const UNITS = ['K', 'M', 'G', 'T', 'P', 'E']

/** GNU's -h: one decimal below 10, rounded up; `0` for nothing; bytes below 1K. */
function human(kib: number): string {
  if (kib === 0) return '0'
  // less than 1K (apparent sizes): whole bytes, without a unit
  if (kib < 1) return String(Math.ceil(kib * 1024))
  let value = kib
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  if (value < 10) {
    const tenths = Math.ceil(value * 10 - 1e-9) / 10
    if (tenths < 10) return `${tenths.toFixed(1)}${UNITS[unit]}`
    value = 10
  }
  const whole = Math.ceil(value - 1e-9)
  if (whole >= 1024 && unit < UNITS.length - 1) return `1.0${UNITS[unit + 1]}`
  return `${whole}${UNITS[unit]}`
}

/**
 * --exclude=GLOB (or `--exclude GLOB`), repeatable, taken out of argv: what du leaves out, as
 * GNU's, where the glob matches the path or a part of it after a `/` (`*.log`, `a/*.log`).
 */
function takeExcludes(argv: readonly string[]): { words: string[]; excluded: (path: string) => boolean } {
  const words: string[] = []
  const tests: ((name: string) => boolean)[] = []
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length
  for (let i = 0; i < argv.length; i++) {
    const m = i < end ? /^--exclude(?:=([\s\S]*))?$/.exec(argv[i]!) : null
    if (!m) words.push(argv[i]!)
    else {
      const glob = m[1] ?? argv[++i]
      if (glob === undefined) throw new UsageError("option '--exclude' requires an argument")
      tests.push(patternTest(glob))
    }
  }
  const excluded = (path: string): boolean => tests.length > 0 && nameSuffixes(path).some((part) => tests.some((t) => t(part)))
  return { words, excluded }
}
