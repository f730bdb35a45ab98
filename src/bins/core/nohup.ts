/**
 * nohup command [arg ...]: runs the command ignoring SIGHUP. As GNU's, where standard input is a
 * terminal it is taken away (the command reads end of file), where standard output is one the
 * output is appended to nohup.out (in the working directory, else in $HOME; made 0600), and where
 * standard error is one it goes where standard output goes. Status 125 for nohup's own failure,
 * 126 and 127 where the command cannot run or is not found, else the command's.
 */
import { OAPPEND, OREAD, OWRITE, type ProcContext } from '../../kernel/types.ts'
import { reasonOf } from '../../kernel/errors.ts'
import { command } from '../lib.ts'
import { runCommand } from '../util/spawn.ts'

const FAILED = 125

/** nohup.out opened to append, here or else in $HOME: its name as shown and its descriptor. */
async function outputFile(proc: ProcContext): Promise<[string, number]> {
  const home = proc.env['HOME']
  let firstError: unknown
  for (const path of ['nohup.out', ...(home ? [`${home.replace(/\/$/, '')}/nohup.out`] : [])]) {
    try {
      return [path, await proc.open(path, OWRITE | OAPPEND).catch(() => proc.create(path, 0o600, OWRITE | OAPPEND))]
    } catch (e) {
      firstError ??= e
    }
  }
  throw firstError
}

export const nohup = command({
  name: 'nohup',
  usage: 'command [arg ...]',
  summary: 'run a command immune to hangups',
  help: 'Output that would go to a terminal is appended to nohup.out (or $HOME/nohup.out).',
  async run(proc) {
    const argv = proc.argv.slice(proc.argv[1] === '--' ? 2 : 1)
    if (argv.length === 0) {
      await proc.stderr.write("nohup: missing operand\nTry 'nohup --help' for more information.\n")
      return FAILED
    }
    const fds: Record<number, number> = { 0: 0, 1: 1, 2: 2 }
    const ignoringInput = proc.isatty(0)
    if (ignoringInput) fds[0] = await proc.open('/dev/null', OREAD)
    let notice = ignoringInput ? 'ignoring input' : ''
    if (proc.isatty(1)) {
      let name: string
      try {
        ;[name, fds[1]] = await outputFile(proc)
      } catch (e) {
        await proc.stderr.write(`nohup: failed to open 'nohup.out': ${reasonOf(e)}\n`)
        return FAILED
      }
      notice = `${notice ? `${notice} and appending` : 'appending'} output to '${name}'`
    }
    if (proc.isatty(2)) {
      fds[2] = fds[1]!
      if (!proc.isatty(1)) notice = `${notice ? `${notice} and redirecting` : 'redirecting'} stderr to stdout`
    }
    if (notice) await proc.stderr.write(`nohup: ${notice}\n`)
    // nohup waits for the command in a process of its own (GNU's becomes it): that one stays too
    proc.on('SIGHUP', () => {})
    return runCommand(proc, 'nohup', argv, { fds, ignoring: ['SIGHUP'] })
  },
})
