/** chown: change the owner (`user`), the group (`:group`) or both (`user:group`) of files. */
import type { DirChanges } from '../../kernel/types.ts'
import { command, parseArgs, usage } from '../lib.ts'
import { changeAll } from './chmod.ts'

const USAGE = '[-R] user[:group] file ...'

export const chown = command({
  name: 'chown',
  usage: USAGE,
  summary: 'change file owner and group',
  help: '  -R  change directories and everything in them',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'R', { permute: true })
    if (operands.length < 2) return usage(proc, 'chown', USAGE, 'missing operand')
    const spec = operands[0]!
    const colon = spec.indexOf(':')
    const user = colon < 0 ? spec : spec.slice(0, colon)
    const group = colon < 0 ? '' : spec.slice(colon + 1)
    if (user === '' && group === '') return usage(proc, 'chown', USAGE, `invalid spec: '${spec}'`)
    const changes: DirChanges = {}
    if (user !== '') changes.uid = user
    if (group !== '') changes.gid = group
    return changeAll(proc, 'chown', operands.slice(1), flags.R === true, (path) => proc.wstat(path, changes))
  },
})
