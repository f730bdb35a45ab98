/**
 * du: disk usage of files and directories, in 1K blocks, every directory printed after its
 * contents. Space is counted as Linux's usual filesystem (ext4) allocates it, so the figures
 * match GNU du's for the same files there: 4 KiB blocks, a file's length rounded up to whole
 * blocks, a directory one block.
 */
import type { Dir, ExitCode } from '../../kernel/types.ts'
import { command, fail, LineWriter, parseArgs } from '../lib.ts'
import { childPath, isDir, usedKiB } from '../util/files.ts'

export const du = command({
  name: 'du',
  usage: '[-achks] [file ...]',
  summary: 'estimate file space usage',
  help: [
    '  -a  print files too, not only directories',
    '  -s  print only a total for each operand',
    '  -c  print a grand total',
    '  -h  sizes in human-readable form (1.5K, 23M)',
    '  -k  sizes in 1K blocks (the default)',
  ].join('\n'),
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'achks')
    if (flags.a && flags.s) {
      await proc.stderr.write('du: cannot both summarize and show all entries\n')
      return 1
    }
    const out = new LineWriter(proc)
    let status: ExitCode = 0
    const show = (kib: number, path: string): Promise<void> => out.write(`${flags.h ? human(kib) : kib}\t${path}\n`)
    const walk = async (path: string, dir: Dir, top: boolean): Promise<number> => {
      let kib = usedKiB(dir)
      if (isDir(dir)) {
        try {
          for (const entry of await proc.readdir(path)) kib += await walk(childPath(path, entry.name), entry, false)
        } catch (e) {
          await out.flush()
          await fail(proc, 'du', path, e)
          status = 1
        }
      }
      if (top || (!flags.s && (isDir(dir) || flags.a))) await show(kib, path)
      return kib
    }
    let total = 0
    // GNU du counts a file once: an operand inside one already walked is not counted again.
    const walked: string[] = []
    for (const path of operands.length > 0 ? operands : ['.']) {
      const abs = proc.abs(path)
      if (walked.some((w) => abs === w || abs.startsWith(w === '/' ? '/' : w + '/'))) continue
      walked.push(abs)
      try {
        total += await walk(path, await proc.stat(path), true)
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

/** GNU's -h: one decimal below 10, rounded up; `0` for nothing. */
function human(kib: number): string {
  if (kib === 0) return '0'
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

