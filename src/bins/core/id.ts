/**
 * id [-u | -g | -G] [-nr]: the user's identity. Plan 9 identifies users by name, so the full
 * form prints names where GNU prints numbers: `uid=glenda gid=glenda groups=glenda`. -u, -g and
 * -G alone print numbers, as scripts compare them (`[ "$(id -u)" -eq 0 ]`): 0 for root and 1000
 * for any other name, as $UID; with -n, the names.
 */
import { command, parseArgs, UsageError } from '../lib.ts'

/** The number a name stands for where a number is asked: 0 for root, 1000 for the others. */
const number = (name: string): string => (name === 'root' ? '0' : '1000')

export const id = command({
  name: 'id',
  usage: '[-u | -g | -G] [-nr]',
  summary: 'print the user and group names',
  help: `-u  the user   -g  the primary group   -G  every group
-n  names (without it: 0 for root, 1000 for any other, as $UID)
-r  real ids (the same as the effective ones in ninefold)`,
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'ugGnr')
    if (operands.length > 0) throw new UsageError(`not implemented: id for another user (${operands[0]})`)
    const picked = ['u', 'g', 'G'].filter((f) => flags[f])
    if (picked.length > 1) throw new UsageError('cannot print "only" of more than one choice')
    if (picked.length === 0 && (flags['n'] || flags['r'])) throw new UsageError('cannot print only names or real IDs in default format')
    const { uid, gid, groups } = proc.user
    const all = [gid, ...groups.filter((g) => g !== gid)]
    const shown = (names: string[]): string => (flags['n'] ? names : [...new Set(names.map(number))]).join(' ')
    const line =
      picked[0] === 'u' ? shown([uid]) : picked[0] === 'g' ? shown([gid]) : picked[0] === 'G' ? shown(all) : `uid=${uid} gid=${gid} groups=${all.join(',')}`
    await proc.stdout.write(line + '\n')
    return 0
  },
})
