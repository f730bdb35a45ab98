/**
 * chmod: change file modes, octal (`755`) or symbolic (`u+x,go-w,a=r`, and Plan 9's `+a`
 * append-only and `+l` exclusive-use). A mode like `-w` is a mode, not an option.
 */
import type { Dir, ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, fail, usage } from '../lib.ts'
import { isDir, walkTree, type Report } from '../util/files.ts'
import { applyMode, ModeError, modeString } from '../util/modes.ts'

const USAGE = '[-R] mode file ...'

export const chmod = command({
  name: 'chmod',
  usage: USAGE,
  summary: 'change file modes',
  help: '  -R  change directories and everything in them\nmode: octal, or [ugoa][+-=][rwxXal] clauses separated by commas (a: append-only, l: exclusive use)',
  async run(proc) {
    let recursive = false
    const operands: string[] = []
    const args = proc.argv.slice(1)
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!
      if (arg === '--' && operands.length === 0) {
        operands.push(...args.slice(i + 1))
        break
      }
      if (operands.length === 0 && /^-R+$/.test(arg)) recursive = true
      else if (operands.length === 0 && arg.startsWith('-') && !/^-[rwxXal]/.test(arg)) return usage(proc, 'chmod', USAGE, `invalid option -- '${arg[1] ?? ''}'`)
      else operands.push(arg)
    }
    if (operands.length < 2) return usage(proc, 'chmod', USAGE, 'missing operand')
    const spec = operands[0]!
    try {
      applyMode(spec, 0, false)
    } catch (e) {
      if (!(e instanceof ModeError)) throw e
      await proc.stderr.write(`chmod: invalid mode: '${spec}'\n`)
      return 1
    }
    const umask = proc.umask()
    return changeAll(proc, 'chmod', operands.slice(1), recursive, async (path, dir) => {
      const mode = applyMode(spec, dir.mode, isDir(dir), umask)
      await proc.wstat(path, { mode })
      // As GNU's: a bit the mask kept from being taken away is reported, and the status is 1.
      const asked = applyMode(spec, dir.mode, isDir(dir))
      if (mode & ~asked & 0o777) throw new Error(`new permissions are ${modeString(mode).slice(1)}, not ${modeString(asked).slice(1)}`)
    })
  },
})

/** Applies `change` to each path (and with `recursive` everything under it); 1 if any failed. Shared with chown. */
export async function changeAll(
  proc: ProcContext,
  cmd: string,
  paths: string[],
  recursive: boolean,
  change: (path: string, dir: Dir) => Promise<void>,
): Promise<ExitCode> {
  let status: ExitCode = 0
  const report: Report = async (path, e) => {
    status = 1
    await fail(proc, cmd, path, e)
  }
  for (const path of paths) {
    try {
      const dir = await proc.stat(path)
      const visit = async (head: string, tail: string, d: Dir): Promise<boolean> => {
        const p = head + tail
        try {
          await change(p, d)
        } catch (e) {
          await report(p, e)
        }
        return recursive
      }
      await walkTree(proc, path, dir, visit, report)
    } catch (e) {
      await report(path, e)
    }
  }
  return status
}
