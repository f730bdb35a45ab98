/** srv: start a server command in the background and have its post in /srv in one step. */
import { NineError } from '../../kernel/errors.ts'
import { command, failWith, parseArgs, UsageError } from '../lib.ts'
import { bindFlags } from './flags.ts'

export const srv = command({
  name: 'srv',
  usage: '[-m mountpoint] [-b|-a] [-c] [-t seconds] name cmd [args ...]',
  summary: 'run a server command in the background, wait for its post in /srv, optionally mount it',
  help: `  -m dir     mount the posted server on dir (with -b, -a, -c as for mount)
  -t secs    how long to wait for the post (default 5)
  Prints the server's pid. The server runs detached, its standard files on /dev/null;
  run it as a service (svc) to keep its output in a log.`,
  async run(proc) {
    const args = parseArgs(proc.argv, 'm:bact:')
    if (args.operands.length < 2) throw new UsageError('need a name and a command')
    const [name, ...argv] = args.operands as [string, ...string[]]
    const timeout = args.flags.t === undefined ? 5 : Number(args.flags.t)
    if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`bad timeout ${String(args.flags.t)}`)
    const flags = bindFlags(args)
    try {
      if (proc.getServer(name) !== undefined) throw new NineError('EEXIST', `/srv/${name}`)
      // A daemon must not hold our output open (whoever reads it would never see its end).
      const devnull = await proc.open('/dev/null', 2)
      const child = await proc.spawn(argv, { fds: { 0: devnull, 1: devnull, 2: devnull } }).finally(() => proc.close(devnull))
      const deadline = Date.now() + timeout * 1000
      let fs = proc.getServer(name)
      while (fs === undefined) {
        if (Date.now() > deadline) {
          proc.kill(child.pid, 'SIGTERM')
          throw new NineError('EIO', `/srv/${name}`, `not posted within ${timeout} s; stopped ${argv[0]} (pid ${child.pid})`)
        }
        if (!proc.procs().some((p) => p.pid === child.pid && p.state !== 'Moribund')) throw new NineError('EIO', `/srv/${name}`, `${argv[0]} exited before posting`)
        await proc.sleep(10)
        fs = proc.getServer(name)
      }
      if (typeof args.flags.m === 'string') await proc.mount(fs, args.flags.m, flags, { srv: name })
      await proc.stdout.write(`${child.pid}\n`)
      return 0
    } catch (e) {
      await failWith(proc, 'srv', e, name)
      return 1
    }
  },
})
