/**
 * id [-u | -g | -G] [-nr]: the user's identity. Plan 9 identifies users by name, so names are
 * printed where GNU prints numbers: `uid=glenda gid=glenda groups=glenda`.
 */
import { command, parseArgs, UsageError } from '../lib.ts'

export const id = command({
  name: 'id',
  usage: '[-u | -g | -G] [-nr]',
  summary: 'print the user and group names',
  help: `-u  the user   -g  the primary group   -G  every group
-n  names (accepted for compatibility: ninefold ids are always names)
-r  real ids (the same as the effective ones in ninefold)`,
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'ugGnr')
    if (operands.length > 0) throw new UsageError(`not implemented: id for another user (${operands[0]})`)
    const picked = ['u', 'g', 'G'].filter((f) => flags[f])
    if (picked.length > 1) throw new UsageError('cannot print "only" of more than one choice')
    if (picked.length === 0 && (flags['n'] || flags['r'])) throw new UsageError('cannot print only names or real IDs in default format')
    const { uid, gid, groups } = proc.user
    const all = [gid, ...groups.filter((g) => g !== gid)]
    const line =
      picked[0] === 'u' ? uid : picked[0] === 'g' ? gid : picked[0] === 'G' ? all.join(' ') : `uid=${uid} gid=${gid} groups=${all.join(',')}`
    await proc.stdout.write(line + '\n')
    return 0
  },
})
