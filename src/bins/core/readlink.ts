/**
 * readlink: print a symbolic link's target, or with -f/-e/-m a canonical name. Ninefold has no
 * symbolic links, so plain readlink always fails, quietly as GNU's does on a non-link.
 */
import { command, fail, parseArgs, UsageError } from '../lib.ts'
import { canonical } from '../util/canonical.ts'

export const readlink = command({
  name: 'readlink',
  long: { canonicalize: 'f', 'canonicalize-existing': 'e', 'canonicalize-missing': 'm', 'no-newline': 'n', quiet: 'q', silent: 's', verbose: 'v', zero: 'z' },
  usage: '[-femnqsvz] path ...',
  summary: 'print resolved symbolic links or canonical file names',
  help: '  -f  canonical name, all but the last element must exist   -e  all must exist   -m  none need\n  -n  no newline   -q, -s  quiet   -v  report errors   -z  end with NUL',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'femnqsvz', { permute: true })
    if (operands.length === 0) throw new UsageError('missing operand')
    const need = flags.e ? 'all' : flags.m ? 'none' : flags.f ? 'parents' : undefined
    let status = 0
    const end = flags.z ? '\0' : flags.n && operands.length === 1 ? '' : '\n'
    for (const path of operands) {
      if (need === undefined) {
        status = 1
        if (flags.v) await proc.stderr.write(`readlink: ${path}: Invalid argument\n`)
        continue
      }
      try {
        await proc.stdout.write((await canonical(proc, path, need)) + end)
      } catch (e) {
        if (flags.v) await fail(proc, 'readlink', path, e)
        status = 1
      }
    }
    return status
  },
})
