/** touch: set files' modification (and access) times to now, creating missing files empty. */
import { isNineError } from '../../kernel/errors.ts'
import { OEXCL, OWRITE, type DirChanges, type ExitCode, type ProcContext } from '../../kernel/types.ts'
import { command, fail, parseArgs, usage } from '../lib.ts'

const USAGE = '[-acm] [-d date] file ...'
/** A new file's mode before the file-creation mask. */
const FILE_PERM = 0o666

export const touch = command({
  name: 'touch',
  usage: USAGE,
  summary: 'change file times, creating files that do not exist',
  help: [
    '  -a       change only the access time',
    '  -m       change only the modification time',
    '  -c       do not create missing files',
    '  -d date  use this time (anything Date.parse reads, e.g. 2024-01-05T14:03:00) instead of now',
  ].join('\n'),
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'acmd:')
    if (operands.length === 0) return usage(proc, 'touch', USAGE, 'missing file operand')
    let when = Math.floor(Date.now() / 1000)
    if (typeof flags.d === 'string') {
      const ms = Date.parse(flags.d)
      if (Number.isNaN(ms)) {
        await proc.stderr.write(`touch: invalid date format '${flags.d}'\n`)
        return 1
      }
      when = Math.floor(ms / 1000)
    }
    const changes: DirChanges = {}
    if (flags.m || !flags.a) changes.mtime = when
    if (flags.a || !flags.m) changes.atime = when
    let status: ExitCode = 0
    for (const path of operands) {
      try {
        await touchOne(proc, path, changes, flags.c === true)
      } catch (e) {
        await fail(proc, 'touch', path, e)
        status = 1
      }
    }
    return status
  },
})

async function touchOne(proc: ProcContext, path: string, changes: DirChanges, noCreate: boolean): Promise<void> {
  try {
    await proc.wstat(path, changes)
    return
  } catch (e) {
    if (noCreate && isNineError(e, 'ENOENT')) return
    if (!isNineError(e, 'ENOENT')) throw e
  }
  try {
    await proc.close(await proc.create(path, FILE_PERM, OWRITE | OEXCL))
  } catch (e) {
    // Created by someone else in the meantime: only its times change.
    if (!isNineError(e, 'EEXIST')) throw e
  }
  await proc.wstat(path, changes)
}
