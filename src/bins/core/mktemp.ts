/** mktemp: create a new, uniquely named file or directory and print its name. */
import { isNineError } from '../../kernel/errors.ts'
import { OWRITE } from '../../kernel/types.ts'
import { command, fail, parseArgs, UsageError } from '../lib.ts'
import { systemRandom } from '../util/random.ts'

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export const mktemp = command({
  name: 'mktemp',
  long: { directory: 'd', 'dry-run': 'u', quiet: 'q', tmpdir: 'p:' },
  usage: '[-dqtu] [-p dir] [template]',
  summary: 'create a temporary file or directory',
  help: '  -d  a directory   -u  only print a name (unsafe)   -q  no error messages\n  -p DIR  in DIR (default $TMPDIR or /tmp, when the template has no slash)   -t  template under that directory\n  the template ends in at least three X, replaced by random characters (default tmp.XXXXXXXXXX)',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'dqtup:', { permute: true })
    if (operands.length > 1) throw new UsageError(`too many templates`)
    const template = operands[0] ?? 'tmp.XXXXXXXXXX'
    const xs = /X{3,}$/.exec(template.slice(template.lastIndexOf('/') + 1))
    if (!xs) {
      if (!flags.q) await proc.stderr.write(`mktemp: too few X's in template '${template}'\n`)
      return 1
    }
    const tmpdir = typeof flags.p === 'string' ? flags.p : (proc.env['TMPDIR'] || '/tmp')
    const inDir = typeof flags.p === 'string' || flags.t === true || operands.length === 0
    const base = inDir && !template.startsWith('/') ? `${tmpdir.replace(/\/$/, '')}/${template}` : template
    const random = systemRandom()
    const stem = base.slice(0, base.length - xs[0].length)
    for (let attempt = 0; attempt < 100; attempt++) {
      let name = stem
      for (let i = 0; i < xs[0].length; i++) name += LETTERS[random(LETTERS.length)]
      try {
        await proc.stat(name)
        continue
      } catch (e) {
        if (!isNineError(e, 'ENOENT')) {
          if (!flags.q) await fail(proc, 'mktemp', name, e)
          return 1
        }
      }
      try {
        if (flags.u) {
          // -u: the name only
        } else if (flags.d) await proc.mkdir(name, 0o700)
        else await proc.close(await proc.create(name, 0o600, OWRITE))
      } catch (e) {
        if (!flags.q) await proc.stderr.write(`mktemp: failed to create ${flags.d ? 'directory' : 'file'} via template '${base}': ${e instanceof Error ? e.message : String(e)}\n`)
        return 1
      }
      await proc.stdout.write(name + '\n')
      return 0
    }
    if (!flags.q) await proc.stderr.write(`mktemp: failed to create file via template '${base}': File exists\n`)
    return 1
  },
})
