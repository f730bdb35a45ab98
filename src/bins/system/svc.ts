/**
 * svc: controls services through init's files (/svc/NAME/{status,log,ctl}), so everything it
 * does can also be done with cat and echo.
 */
import { NineError } from '../../kernel/errors.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { command, decode, failWith, parseArgs, UsageError } from '../lib.ts'

const VERBS = ['start', 'stop', 'restart', 'status', 'list', 'enable', 'disable', 'logs'] as const

async function exists(proc: ProcContext, name: string): Promise<void> {
  if (name.includes('/') || name === '.' || name === '..') throw new NineError('ENOENT', name, 'no such service')
  await proc.stat(`/svc/${name}`).catch(() => {
    throw new NineError('ENOENT', name, 'no such service')
  })
}

/** Prints what the log gained since the last look, until the process is ended. */
async function follow(proc: ProcContext, path: string): Promise<void> {
  let seen = ''
  for (;;) {
    const text = decode(await proc.readFile(path))
    // The log is bounded: find where the last text we printed ends inside the new text.
    const tail = seen.slice(-256)
    const at = tail === '' ? 0 : text.lastIndexOf(tail)
    const fresh = at < 0 ? text : text.slice(at + tail.length)
    if (fresh !== '') await proc.stdout.write(fresh)
    seen = text
    await proc.sleep(200)
  }
}

export const svc = command({
  name: 'svc',
  usage: 'start|stop|restart|status|enable|disable|logs [-f] NAME | list',
  summary: 'start, stop and inspect supervised services',
  help: `  start NAME     start it (and the services it comes after); waits for its mounts
  stop NAME      SIGTERM, then SIGKILL after its grace period
  restart NAME   stop, then start
  status NAME    state, pid, uptime, restarts, last exit, mount units
  enable NAME    start it at boot;  disable NAME: do not
  logs [-f] NAME its output (-f: keep following)
  list           every service, one a line
  The same state is in files: /svc/NAME/status, /svc/NAME/log (and /var/log/NAME), /svc/NAME/ctl.`,
  async run(proc) {
    const verb = proc.argv[1]
    if (verb === undefined || !(VERBS as readonly string[]).includes(verb)) throw new UsageError(verb === undefined ? 'missing verb' : `unknown verb ${verb}`)
    const args = parseArgs(proc.argv.slice(1), verb === 'logs' ? 'f' : '')
    if (verb === 'list') {
      if (args.operands.length > 0) throw new UsageError('list takes no name')
      for (const d of await proc.readdir('/svc')) await proc.write(1, await proc.readFile(`/svc/${d.name}/summary`))
      return 0
    }
    if (args.operands.length !== 1) throw new UsageError('one service name expected')
    const name = args.operands[0]!
    try {
      await exists(proc, name)
      if (verb === 'status') await proc.stdout.write(decode(await proc.readFile(`/svc/${name}/status`)))
      else if (verb === 'logs') {
        if (args.flags.f) await follow(proc, `/svc/${name}/log`)
        else await proc.write(1, await proc.readFile(`/svc/${name}/log`))
      } else await proc.writeFile(`/svc/${name}/ctl`, verb, { append: true })
      return 0
    } catch (e) {
      await failWith(proc, 'svc', e, name)
      return 1
    }
  },
})
