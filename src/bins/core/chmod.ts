/**
 * chmod: change file modes, octal (`755`) or symbolic (`u+x,go-w,a=r`, and Plan 9's `+a`
 * append-only and `+l` exclusive-use). A mode like `-w` is a mode, not an option.
 */
import type { Dir, ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, fail, usage } from '../lib.ts'
import { isDir, walkTree, type Report } from '../util/files.ts'
import { applyMode, ModeError, modeString } from '../util/modes.ts'

const USAGE = '[-Rcfv] mode file ...'

/** GNU's long names. */
const LONG: Record<string, string> = { '--recursive': 'R', '--changes': 'c', '--silent': 'f', '--quiet': 'f', '--verbose': 'v' }

export const chmod = command({
  name: 'chmod',
  usage: USAGE,
  summary: 'change file modes',
  help: [
    '  -R  change directories and everything in them   -f  no messages for files that cannot be changed',
    '  -v  say what each file\'s mode was and became   -c  as -v, for the files that changed only',
    'mode: octal, or [ugoa][+-=][rwxXal] clauses separated by commas (a: append-only, l: exclusive use)',
    'Options may come after the operands, as GNU\'s; a mode such as -w is the mode, where the mode goes.',
  ].join('\n'),
  async run(proc) {
    const options = new Set<string>()
    const operands: string[] = []
    const args = proc.argv.slice(1)
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!
      if (arg === '--') {
        operands.push(...args.slice(i + 1))
        break
      }
      const letters = LONG[arg] ?? (/^-[Rcfv]+$/.test(arg) ? arg.slice(1) : undefined)
      if (letters !== undefined) for (const c of letters) options.add(c)
      else if (arg.startsWith('-') && arg !== '-' && !(operands.length === 0 && /^-[rwxXal]/.test(arg))) {
        return usage(proc, 'chmod', USAGE, arg.startsWith('--') ? `unrecognized option '${arg}'` : `invalid option -- '${arg.replace(/^-[Rcfv]*/, '')[0] ?? ''}'`)
      } else operands.push(arg)
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
    const verbose = options.has('v')
    const changes = options.has('c')
    const silent = options.has('f')
    return changeAll(proc, 'chmod', operands.slice(1), options.has('R'), async (path, dir) => {
      const mode = applyMode(spec, dir.mode, isDir(dir), umask)
      await proc.wstat(path, { mode })
      if ((verbose || changes) && (mode & 0o7777) !== (dir.mode & 0o7777)) await proc.stdout.write(`mode of '${path}' changed from ${shown(dir.mode)} to ${shown(mode)}\n`)
      else if (verbose) await proc.stdout.write(`mode of '${path}' retained as ${shown(mode)}\n`)
      // As GNU's: a bit the mask kept from being taken away is reported, and the status is 1.
      const asked = applyMode(spec, dir.mode, isDir(dir))
      if (mode & ~asked & 0o777) throw new Error(`new permissions are ${modeString(mode).slice(1)}, not ${modeString(asked).slice(1)}`)
    }, silent)
  },
})

/** A mode as -v shows it: `0644 (rw-r--r--)`. */
const shown = (mode: number): string => `${(mode & 0o7777).toString(8).padStart(4, '0')} (${modeString(mode).slice(1)})`

/** Applies `change` to each path (and with `recursive` everything under it); 1 if any failed. Shared with chown. */
export async function changeAll(
  proc: ProcContext,
  cmd: string,
  paths: string[],
  recursive: boolean,
  change: (path: string, dir: Dir) => Promise<void>,
  /** -f: failures only set the status. */
  silent = false,
): Promise<ExitCode> {
  let status: ExitCode = 0
  const report: Report = async (path, e) => {
    status = 1
    if (!silent) await fail(proc, cmd, path, e)
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
