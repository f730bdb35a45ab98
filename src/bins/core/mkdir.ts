/** mkdir: make directories; -p makes missing parents and accepts existing ones, -m sets the mode, -v says each made. */
import { NineError } from '../../kernel/errors.ts'
import { DMDIR, PERM_MASK, type ExitCode, type ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, usage } from '../lib.ts'
import { isDir, statOrUndefined } from '../util/files.ts'
import { longOptions } from '../util/longopts.ts'
import { applyMode, ModeError } from '../util/modes.ts'

const USAGE = '[-pv] [-m mode] directory ...'
/** The mode of a new directory before the file-creation mask. */
const DEFAULT_PERM = 0o777

export const mkdir = command({
  name: 'mkdir',
  usage: USAGE,
  summary: 'make directories',
  help: '  -p       make missing parent directories; an existing directory is no error\n  -m mode  the new directories\' mode, octal or symbolic (as chmod)\n  -v       say each directory made',
  async run(proc) {
    const { flags, operands } = parseArgs(longOptions(proc.argv, { parents: 'p', mode: 'm:', verbose: 'v' }, 'pm:v').argv, 'pm:v', { permute: true })
    const made = async (path: string): Promise<void> => {
      if (flags.v) await proc.stdout.write(`mkdir: created directory '${path}'\n`)
    }
    if (operands.length === 0) return usage(proc, 'mkdir', USAGE, 'missing operand')
    let mode: number | undefined
    if (typeof flags.m === 'string') {
      try {
        mode = applyMode(flags.m, 0o777, true) & PERM_MASK
      } catch (e) {
        if (!(e instanceof ModeError)) throw e
        await proc.stderr.write(`mkdir: invalid mode '${flags.m}'\n`)
        return 1
      }
    }
    let status: ExitCode = 0
    for (const path of operands) {
      try {
        if (flags.p && (await makeParents(proc, path, made))) continue
        await proc.mkdir(path, mode ?? DEFAULT_PERM)
        await made(path)
        // A new directory's mode is limited by its parent's; -m asks for exactly this one.
        if (mode !== undefined) await proc.wstat(path, { mode: DMDIR | mode })
      } catch (e) {
        await fail(proc, 'mkdir', path, e)
        status = 1
      }
    }
    return status
  },
})

/** Makes every missing directory above `path` (each told to `made` as named from `path`); true when `path` itself already is a directory. */
async function makeParents(proc: ProcContext, path: string, made: (path: string) => Promise<void>): Promise<boolean> {
  const full = proc.abs(path)
  // how -v names a parent: the part of the operand up to it
  const given = path.split('/')
  const skipped = full.split('/').filter((e) => e !== '').length - given.filter((e) => e !== '').length
  let prefix = ''
  let depth = 0
  for (const element of full.split('/').filter((e) => e !== '')) {
    prefix += '/' + element
    depth++
    const dir = await statOrUndefined(proc, prefix)
    if (dir === undefined) {
      if (prefix === full) return false
      await proc.mkdir(prefix, DEFAULT_PERM)
      await made(path.startsWith('/') ? prefix : nameUpTo(given, depth - skipped))
    } else if (!isDir(dir)) {
      throw new NineError('ENOTDIR', prefix)
    }
  }
  return true
}

/** The operand's first `count` elements, as written (`a/b` of `a/b/c`). */
function nameUpTo(given: readonly string[], count: number): string {
  let seen = 0
  for (let i = 0; i < given.length; i++) {
    if (given[i] !== '') seen++
    if (seen === count) return given.slice(0, i + 1).join('/')
  }
  return given.join('/')
}
