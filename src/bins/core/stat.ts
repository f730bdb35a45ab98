/** stat: print a file's Plan 9 stat (stat(5)): name, qid, mode, length, times and owners. */
import type { Dir, ExitCode } from '../../kernel/types.ts'
import { DMAPPEND, DMEXCL, PERM_MASK, QTAPPEND, QTDIR, QTEXCL } from '../../kernel/types.ts'
import { command, fail, LineWriter, parseArgs, usage } from '../lib.ts'
import { modeString } from '../util/modes.ts'
import { isoTime } from '../util/timefmt.ts'

const USAGE = 'file ...'

export const stat = command({
  name: 'stat',
  usage: USAGE,
  summary: 'print the status of files (their Plan 9 stat)',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    if (operands.length === 0) return usage(proc, 'stat', USAGE, 'missing operand')
    const out = new LineWriter(proc)
    let status: ExitCode = 0
    for (const path of operands) {
      try {
        await out.write(describe(await proc.stat(path)))
      } catch (e) {
        await out.flush()
        await fail(proc, 'stat', path, e)
        status = 1
      }
    }
    await out.flush()
    return status
  },
})

function describe(d: Dir): string {
  const kinds = [d.qid.type & QTDIR ? 'dir' : 'file']
  if (d.qid.type & QTAPPEND) kinds.push('append')
  if (d.qid.type & QTEXCL) kinds.push('excl')
  const flags = [(d.mode & PERM_MASK).toString(8).padStart(4, '0')]
  if (d.mode & DMAPPEND) flags.push('append-only')
  if (d.mode & DMEXCL) flags.push('exclusive')
  return [
    `  name: ${d.name}`,
    `   qid: path ${d.qid.path} version ${d.qid.version} type ${kinds.join(',')}`,
    `  mode: ${modeString(d.mode)} (${flags.join(', ')})`,
    `length: ${d.length}`,
    ` links: ${d.nlink ?? 1}`,
    ` atime: ${isoTime(d.atime)} (${d.atime})`,
    ` mtime: ${isoTime(d.mtime)} (${d.mtime})`,
    `   uid: ${d.uid}`,
    `   gid: ${d.gid}`,
    `  muid: ${d.muid}`,
    '',
  ].join('\n')
}
