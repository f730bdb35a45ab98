/** realpath: print the resolved absolute name of each path, or its name from a directory. */
import { NineError } from '../../kernel/errors.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, UsageError } from '../lib.ts'
import { canonical, type Existence } from '../util/canonical.ts'
import { isDir } from '../util/files.ts'
import { longOptions } from '../util/longopts.ts'

/** GNU's long options: the flags' long names, and the directories names are seen from. */
const LONG = {
  'canonicalize-existing': 'e',
  'canonicalize-missing': 'm',
  quiet: 'q',
  strip: 's',
  'no-symlinks': 's',
  zero: 'z',
  logical: 'L',
  physical: 'P',
  'relative-to': ':',
  'relative-base': ':',
}

/** A directory named by --relative-to or --relative-base, canonical; with -e it must be a directory. */
async function directory(proc: ProcContext, path: string, need: Existence): Promise<string> {
  const dir = await canonical(proc, path, need)
  if (need === 'all' && !isDir(await proc.stat(dir))) throw new NineError('ENOTDIR', path)
  return dir
}

/** Whether `base` is `path` or one of the directories above it (both canonical). */
function within(base: string, path: string): boolean {
  return base === '/' || path === base || path.startsWith(base + '/')
}

/** `path` as seen from `dir` (both canonical): up out of what `dir` has past their common part, then down. */
function relativeName(path: string, dir: string): string {
  const p = path.split('/').filter((s) => s !== '')
  const d = dir.split('/').filter((s) => s !== '')
  let common = 0
  while (common < p.length && common < d.length && p[common] === d[common]) common++
  const steps = [...d.slice(common).map(() => '..'), ...p.slice(common)]
  return steps.length === 0 ? '.' : steps.join('/')
}

export const realpath = command({
  name: 'realpath',
  usage: '[-emqsz] [--relative-to=DIR] [--relative-base=DIR] path ...',
  summary: 'print the resolved path',
  help: [
    '  -e  every element must exist   -m  none need exist (default: all but the last)',
    '  -q  no error messages   -s  no symbolic links to resolve (there are none)   -z  end with NUL',
    '  --relative-to=DIR    print each name as seen from DIR',
    '  --relative-base=DIR  names below DIR relative (to DIR unless --relative-to), others absolute',
  ].join('\n'),
  async run(proc) {
    const { argv, longs } = longOptions(proc.argv, LONG)
    const relative = { to: longs['relative-to'] as string | undefined, base: longs['relative-base'] as string | undefined }
    const { flags, operands } = parseArgs(argv, 'emqsLPz')
    if (operands.length === 0) throw new UsageError('missing operand')
    const need: Existence = flags.e ? 'all' : flags.m ? 'none' : 'parents'
    // As GNU's: the base alone is also the directory names are seen from; a directory to see
    // them from that is not within the base leaves every name absolute.
    let to: string | undefined
    let base: string | undefined
    const toName = relative.to ?? relative.base
    try {
      if (toName !== undefined) to = await directory(proc, toName, need)
      if (relative.base !== undefined) base = relative.to === undefined ? to : await directory(proc, relative.base, need)
    } catch (e) {
      await fail(proc, 'realpath', relative.to !== undefined && to === undefined ? relative.to : relative.base!, e)
      return 1
    }
    if (to !== undefined && base !== undefined && !within(base, to)) to = undefined
    let status = 0
    for (const path of operands) {
      try {
        const abs = await canonical(proc, path, need)
        const shown = to === undefined || (base !== undefined && !within(base, abs)) ? abs : relativeName(abs, to)
        await proc.stdout.write(shown + (flags.z ? '\0' : '\n'))
      } catch (e) {
        if (!flags.q) await fail(proc, 'realpath', path, e)
        status = 1
      }
    }
    return status
  },
})
