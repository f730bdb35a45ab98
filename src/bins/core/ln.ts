/**
 * ln: make hard links, a second name for a file on the same fileserver. Symbolic links do not
 * exist in ninefold (Plan 9 has none; `bind` does their work), so -s fails honestly.
 */
import type { ExitCode } from '../../kernel/types.ts'
import { NineError } from '../../kernel/errors.ts'
import { command, failWith, parseArgs, UsageError } from '../lib.ts'
import { childPath, isDir, lastElement, statOrUndefined } from '../util/files.ts'

export const ln = command({
  name: 'ln',
  usage: '[-fv] target [link] | [-fv] target ... directory',
  summary: 'make hard links (a second name for a file)',
  help: `  -f  remove an existing destination first
  -v  print each link made
  -s  symbolic links: not implemented (ninefold has none; bind a file or directory instead)`,
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'fvsnT', { permute: true })
    if (flags.s) {
      await proc.stderr.write('ln: not implemented: symbolic links (ninefold has none; use bind)\n')
      return 1
    }
    if (operands.length === 0) throw new UsageError('missing file operand')
    const last = operands[operands.length - 1]!
    const lastDir = operands.length > 1 && !flags.T ? await statOrUndefined(proc, last) : undefined
    let pairs: [string, string][]
    if (operands.length === 1) pairs = [[last, lastElement(last)]]
    else if (lastDir !== undefined && isDir(lastDir)) pairs = operands.slice(0, -1).map((t) => [t, childPath(last, lastElement(t))])
    else if (operands.length === 2) pairs = [[operands[0]!, last]]
    else {
      await proc.stderr.write(`ln: target '${last}' is not a directory\n`)
      return 1
    }
    let status: ExitCode = 0
    for (const [target, name] of pairs) {
      try {
        const from = await proc.stat(target)
        if (isDir(from)) throw new NineError('EPERM', target, 'hard link not allowed for directory')
        if (flags.f && (await statOrUndefined(proc, name)) !== undefined) {
          const to = await proc.stat(name)
          // removing the destination when it is the target itself would lose the file
          if (to.qid.path === from.qid.path && to.qid.type === from.qid.type) throw new NineError('EINVAL', name, `the same file as ${target}`)
          await proc.remove(name)
        }
        await proc.link(target, name)
        if (flags.v) await proc.stdout.write(`'${name}' => '${target}'\n`)
      } catch (e) {
        await failWith(proc, 'ln', e, name)
        status = 1
      }
    }
    return status
  },
})
