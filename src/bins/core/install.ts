/**
 * install: copies files and sets their mode (0755 unless -m), owner and group, as GNU's install:
 *   install [-CDpv] [-m mode] [-o owner] [-g group] source dest
 *   install [-CDpv] [-m mode] [-o owner] [-g group] source ... directory   (or -t directory source ...)
 *   install -d [-v] [-m mode] [-o owner] [-g group] directory ...          (with their parents)
 * -D makes dest's missing parents; -C leaves a dest whose bytes, mode and owner already match.
 * There are no executables to strip (-s is refused).
 */
import type { DirChanges, ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, UsageError } from '../lib.ts'
import { childPath, copyFile, isDir, lastElement, makeDirs, statOrUndefined } from '../util/files.ts'
import { longOptions } from '../util/longopts.ts'
import { applyMode, ModeError } from '../util/modes.ts'
import { dirname } from '../../kernel/path.ts'

const SHORT = 'bcCdDm:o:g:pst:Tv'
const LONG: Record<string, string> = {
  directory: 'd',
  mode: 'm:',
  owner: 'o:',
  group: 'g:',
  'preserve-timestamps': 'p',
  'target-directory': 't:',
  'no-target-directory': 'T',
  verbose: 'v',
  compare: 'C',
  strip: 's',
}

interface Settings {
  mode: number
  owner: DirChanges
  verbose: boolean
}

/** Sets the mode (keeping the bits that say what the file is), then owner and group, as install leaves every file it makes. */
async function settle(proc: ProcContext, path: string, s: Settings): Promise<void> {
  const now = await proc.stat(path)
  await proc.wstat(path, { mode: (now.mode & ~0o7777) | s.mode })
  if (s.owner.uid !== undefined || s.owner.gid !== undefined) await proc.wstat(path, s.owner)
}

async function sameFile(proc: ProcContext, src: string, dst: string, s: Settings): Promise<boolean> {
  const there = await statOrUndefined(proc, dst)
  if (there === undefined || isDir(there) || (there.mode & 0o7777) !== s.mode) return false
  if ((s.owner.uid !== undefined && there.uid !== s.owner.uid) || (s.owner.gid !== undefined && there.gid !== s.owner.gid)) return false
  const [a, b] = await Promise.all([proc.readFile(src), proc.readFile(dst)])
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}

async function installFile(proc: ProcContext, src: string, dst: string, s: Settings, o: { compare: boolean; times: boolean }): Promise<void> {
  const from = await proc.stat(src)
  if (isDir(from)) throw new Error(`omitting directory '${src}'`)
  if (o.compare && (await sameFile(proc, src, dst, s))) return
  await copyFile(proc, src, dst, s.mode)
  await settle(proc, dst, s)
  if (o.times) await proc.wstat(dst, { mtime: from.mtime, atime: from.atime })
  if (s.verbose) await proc.stdout.write(`'${src}' -> '${dst}'\n`)
}

async function run(proc: ProcContext): Promise<number> {
  const { argv } = longOptions(proc.argv, LONG, SHORT)
  const { flags, operands } = parseArgs(argv, SHORT, { permute: true })
  if (flags.s) throw new UsageError('not implemented: -s (ninefold has no executables to strip)')
  let mode = 0o755
  if (typeof flags.m === 'string') {
    try {
      mode = applyMode(flags.m, 0o755, false)
    } catch (e) {
      if (e instanceof ModeError) throw new UsageError(`invalid mode '${flags.m}'`)
      throw e
    }
  }
  const owner: DirChanges = {}
  if (typeof flags.o === 'string') owner.uid = flags.o
  if (typeof flags.g === 'string') owner.gid = flags.g
  const s: Settings = { mode, owner, verbose: flags.v === true }
  let status = 0
  const attempt = async (path: string, step: () => Promise<void>): Promise<void> => {
    try {
      await step()
    } catch (e) {
      await fail(proc, 'install', path, e)
      status = 1
    }
  }
  if (flags.d) {
    if (operands.length === 0) throw new UsageError('missing operand')
    for (const dir of operands) {
      await attempt(dir, async () => {
        const existed = (await statOrUndefined(proc, dir)) !== undefined
        await makeDirs(proc, dir)
        await settle(proc, dir, s)
        if (s.verbose && !existed) await proc.stdout.write(`install: creating directory '${dir}'\n`)
      })
    }
    return status
  }
  const target = typeof flags.t === 'string' ? flags.t : undefined
  const sources = target === undefined ? operands.slice(0, -1) : operands
  const last = target ?? operands[operands.length - 1]
  if (last === undefined || sources.length === 0) throw new UsageError(last === undefined ? 'missing file operand' : `missing destination file operand after '${last}'`)
  const copy = { compare: flags.C === true, times: flags.p === true }
  if (flags.D) {
    // -D: the parents of dest (or with -t, the target directory itself) are made first
    await attempt(last, () => makeDirs(proc, target !== undefined || sources.length > 1 ? last : dirname(last)))
    if (status !== 0) return status
  }
  const there = await statOrUndefined(proc, last)
  const into = target !== undefined || (!flags.T && there !== undefined && isDir(there))
  if (!into && sources.length > 1) throw new UsageError(`target '${last}' is not a directory`)
  for (const src of sources) await attempt(src, () => installFile(proc, src, into ? childPath(last, lastElement(src)) : last, s, copy))
  return status
}

export const install = command({
  name: 'install',
  usage: '[-CDpv] [-m mode] [-o owner] [-g group] source dest | source ... directory | -t directory source ... | -d directory ...',
  summary: 'copy files and set their mode, owner and group',
  help: [
    '  -m MODE  the mode (0755 by default), octal or symbolic   -o OWNER  -g GROUP  the owner and group',
    '  -d  make the directories (and their parents)   -D  make the destination\'s missing parents',
    '  -t DIR  copy into DIR   -T  dest is a file, never a directory   -C  leave a dest that already matches',
    '  -p  keep the sources\' times   -v  say each file copied',
  ].join('\n'),
  run,
})
