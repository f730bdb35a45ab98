/** realpath: print the resolved absolute name of each path. */
import { command, fail, parseArgs, UsageError } from '../lib.ts'
import { canonical } from '../util/canonical.ts'

export const realpath = command({
  name: 'realpath',
  usage: '[-emqsz] path ...',
  summary: 'print the resolved path',
  help: '  -e  every element must exist   -m  none need exist (default: all but the last)\n  -q  no error messages   -s  no symbolic links to resolve (there are none)   -z  end with NUL',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'emqsLPz')
    if (operands.length === 0) throw new UsageError('missing operand')
    const need = flags.e ? 'all' : flags.m ? 'none' : 'parents'
    let status = 0
    for (const path of operands) {
      try {
        await proc.stdout.write((await canonical(proc, path, need)) + (flags.z ? '\0' : '\n'))
      } catch (e) {
        if (!flags.q) await fail(proc, 'realpath', path, e)
        status = 1
      }
    }
    return status
  },
})
