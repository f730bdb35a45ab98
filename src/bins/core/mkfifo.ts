/**
 * mkfifo: make named pipes. Opening one for reading waits for a writer and the other way round;
 * what the writers write, the readers read (memfs's named pipes; other fileservers have none).
 */
import { DMNAMEDPIPE, OEXCL, OREAD, PERM_MASK, type ExitCode } from '../../kernel/types.ts'
import { command, failWith, parseArgs, UsageError } from '../lib.ts'
import { applyMode, ModeError } from '../util/modes.ts'

export const mkfifo = command({
  name: 'mkfifo',
  usage: '[-m mode] name ...',
  summary: 'make named pipes (FIFOs)',
  help: '  -m MODE  permissions (octal or symbolic, from a=rw; default 0666)',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'm:')
    if (operands.length === 0) throw new UsageError('missing operand')
    let perm = 0o666
    if (typeof flags.m === 'string') {
      try {
        perm = applyMode(flags.m, 0o666, false) & PERM_MASK
      } catch (e) {
        if (!(e instanceof ModeError)) throw e
        throw new UsageError(`invalid mode '${flags.m}'`)
      }
    }
    let status: ExitCode = 0
    for (const name of operands) {
      try {
        await proc.close(await proc.create(name, DMNAMEDPIPE | perm, OREAD | OEXCL))
        if (typeof flags.m === 'string') await proc.wstat(name, { mode: DMNAMEDPIPE | perm })
      } catch (e) {
        await failWith(proc, 'mkfifo', e, name)
        status = 1
      }
    }
    return status
  },
})
