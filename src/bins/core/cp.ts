/** cp: copy files, or with -r directories, to a file or into a directory. */
import { PERM_MASK, type ExitCode, type ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, usage } from '../lib.ts'
import { copyTree, isDir, lastElement, statOrUndefined } from '../util/files.ts'
import { insideItself, refusedAsSameFile, targetKept, targetOf } from '../util/targets.ts'

const USAGE = '[-anprRuvT] [--parents] source target | [-anprRuv] [--parents] source ... directory | [-anprRuv] -t directory source ...'

export const cp = command({
  name: 'cp',
  long: { archive: 'a', recursive: 'r', force: 'f', 'no-clobber': 'n', update: 'u', verbose: 'v', 'target-directory': 't:', 'no-target-directory': 'T' },
  usage: USAGE,
  summary: 'copy files and directories',
  help: [
    '  -r, -R  copy directories and everything in them',
    '  -p      keep the mode and the times of the sources   -a  both: -rp',
    '  -n      never overwrite an existing target   -u  overwrite only a target older than its source',
    '  -v      name each file copied and directory made   -f  accepted (existing targets are always overwritten)',
    '  --parents  copy each source to its whole path under the directory, making the directories on it',
    '  -t DIR  copy every source into DIR   -T  the target is the new name, even of a directory',
  ].join('\n'),
  async run(proc) {
    const end = proc.argv.indexOf('--')
    const isParents = (a: string, i: number): boolean => a === '--parents' && (end < 0 || i < end)
    const parents = proc.argv.some(isParents)
    const { flags, operands } = parseArgs(
      proc.argv.filter((a, i) => !isParents(a, i)),
      'arRpfnuvt:T',
      { permute: true },
    )
    // -t DIR: every operand is a source; -T: the last is the new name, even of a directory
    if (typeof flags.t === 'string') operands.push(flags.t)
    const target = await targetOf(proc, 'cp', USAGE, operands, typeof flags.t === 'string' ? 'directory' : flags.T ? 'name' : undefined)
    if (typeof target === 'number') return target
    if (parents && !target.intoDir) return usage(proc, 'cp', USAGE, 'with --parents, the destination must be a directory')
    let status: ExitCode = 0
    const report = async (path: string, e: unknown): Promise<void> => {
      status = 1
      await fail(proc, 'cp', path, e)
    }
    const copied = flags.v
      ? async (src: string, dst: string): Promise<void> => {
          await proc.stdout.write(`'${src}' -> '${dst}'\n`)
        }
      : undefined
    for (const src of operands.slice(0, -1)) {
      const dst = target.intoDir ? target.path + '/' + (parents ? src.replace(/^\/+/, '') : lastElement(src)) : target.path
      try {
        if (await refusedAsSameFile(proc, 'cp', src, dst)) {
          status = 1
          continue
        }
        const dir = await proc.stat(src)
        if (isDir(dir) && !(flags.r || flags.R || flags.a)) throw new Error('-r not specified; omitting directory')
        const srcAbs = proc.abs(src)
        const dstAbs = proc.abs(dst)
        if (isDir(dir) && (await insideItself(proc, srcAbs, dstAbs))) throw new Error(`cannot copy a directory into itself, '${dst}'`)
        if (parents) await makeParents(proc, src, target.path, flags.v === true)
        const existing = await statOrUndefined(proc, dst)
        if (existing && isDir(existing) && !isDir(dir)) throw new Error(`cannot overwrite directory '${dst}' with non-directory`)
        if (targetKept(existing, dir, flags)) continue
        await copyTree(proc, src, dst, dir, { preserve: flags.p === true || flags.a === true, report, ...(copied ? { copied } : {}) })
      } catch (e) {
        await report(src, e)
      }
    }
    return status
  },
})

/** cp --parents: makes under `into` each missing directory on `src`'s path (with its mode), naming them unquoted as GNU's -v does. */
async function makeParents(proc: ProcContext, src: string, into: string, verbose: boolean): Promise<void> {
  const parts = src.split('/').slice(0, -1)
  let at = src.startsWith('/') ? '' : undefined
  for (const part of parts) {
    if (part === '') continue
    at = at === undefined ? part : `${at}/${part}`
    const made = `${into}/${at.replace(/^\/+/, '')}`
    if ((await statOrUndefined(proc, made)) !== undefined) continue
    const mode = (await proc.stat(at)).mode
    await proc.mkdir(made, (mode & PERM_MASK) | 0o700)
    if (verbose) await proc.stdout.write(`${at.replace(/^\/+/, '')} -> ${made}\n`)
  }
}
