/**
 * su: run a shell (or a command) as another user. Root may become anyone; other users only
 * themselves (ninefold has no passwords: the policy is that only root changes identity).
 */
import { NineError } from '../../kernel/errors.ts'
import { command, decode, failWith, parseArgs, UsageError } from '../lib.ts'

export const su = command({
  name: 'su',
  usage: '[-c command] [user]',
  summary: 'run a shell as another user (root only)',
  async run(proc) {
    const args = parseArgs(proc.argv, 'c:', { permute: true })
    if (args.operands.length > 1) throw new UsageError('one user at most')
    const target = args.operands[0] ?? 'root'
    try {
      if (proc.user.uid !== 'root' && target !== proc.user.uid) throw new NineError('EPERM', target)
      const entry = decode(await proc.readFile('/adm/users'))
        .split('\n')
        .map((l) => l.split(':'))
        .find((f) => f[0] === target)
      if (entry === undefined) throw new NineError('ENOUSER', target)
      const home = entry[1]!
      const argv = typeof args.flags.c === 'string' ? ['sh', '-c', args.flags.c] : ['sh', '-l']
      const child = await proc.spawn(argv, { user: target, cwd: home, env: { ...proc.env, HOME: home, USER: target } })
      return await child.wait()
    } catch (e) {
      await failWith(proc, 'su', e, target)
      return 1
    }
  },
})
