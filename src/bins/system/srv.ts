/**
 * srv: start a server command in the background and have its post in /srv in one step; or, given
 * a dial string (Plan 9's srv), dial a 9P server and post the connection.
 */
import { dial9p } from '../../9p/proc.ts'
import { NineError } from '../../kernel/errors.ts'
import type { BindFlags, BinFunction, ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, failWith, parseArgs, UsageError } from '../lib.ts'
import { bindFlags } from './flags.ts'

export const srv = command({
  name: 'srv',
  usage: '[-m mountpoint] [-b|-a] [-c] [-t seconds] name cmd [args ...]  |  srv [-b|-a] [-c] [-L] DIALSTRING [name] [mountpoint]',
  summary: 'run a server command in the background (or dial a 9P server), wait for its post in /srv, optionally mount it',
  help: `  -m dir     mount the posted server on dir (with -b, -a, -c as for mount)
  -t secs    how long to wait for the post (default 5)
  Prints the server's pid. The server runs detached, its standard files on /dev/null;
  run it as a service (svc) to keep its output in a log.
  With a DIALSTRING (tcp!host!port, unix!/path: recognised by its !), srv dials it, posts the
  9P connection as /srv/name (default: the host) and mounts it on mountpoint if one is given;
  -L speaks 9P2000.L. The entry goes when the connection does. mount's spec attaches another tree.`,
  async run(proc) {
    const args = parseArgs(proc.argv, 'm:bact:L')
    if (args.operands[0]?.includes('!')) return dialAndPost(proc, args.operands, bindFlags(args), args.flags.L === true)
    if (args.operands.length < 2) throw new UsageError('need a name and a command')
    const [name, ...argv] = args.operands as [string, ...string[]]
    const timeout = args.flags.t === undefined ? 5 : Number(args.flags.t)
    if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`bad timeout ${String(args.flags.t)}`)
    const flags = bindFlags(args)
    try {
      await startAndMount(proc, name, argv, undefined, timeout, typeof args.flags.m === 'string' ? args.flags.m : undefined, flags)
      return 0
    } catch (e) {
      await failWith(proc, 'srv', e, name)
      return 1
    }
  },
})

/**
 * Starts a background process (a command, or `bin` in-process) that posts `name`, waits for the
 * post and mounts it. Prints the process's pid.
 */
async function startAndMount(proc: ProcContext, name: string, argv: string[], bin: BinFunction | undefined, timeout: number, mountpoint: string | undefined, flags: BindFlags): Promise<void> {
  if (proc.getServer(name) !== undefined) throw new NineError('EEXIST', `/srv/${name}`)
  // A daemon must not hold our output open (whoever reads it would never see its end).
  const devnull = await proc.open('/dev/null', 2)
  const child = await proc.spawn(argv, { fds: { 0: devnull, 1: devnull, 2: devnull }, ...(bin ? { bin } : {}) }).finally(() => proc.close(devnull))
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
  if (mountpoint !== undefined) await proc.mount(fs, mountpoint, flags, { srv: name })
  await proc.stdout.write(`${child.pid}\n`)
}

/** `srv DIALSTRING [name] [mountpoint]`: a background process holds the connection, posted as name, until it hangs up or is told to stop. */
async function dialAndPost(proc: ProcContext, operands: readonly string[], flags: BindFlags, dotL: boolean): Promise<ExitCode> {
  if (operands.length > 3) throw new UsageError('extra operand')
  const [address, given, mountpoint] = operands as [string, string | undefined, string | undefined]
  const name = given ?? address.split('!')[1]?.replace(/\//g, '_') ?? address
  try {
    // dialed here, in the caller, so a refusal is reported to it; the holder only keeps it
    const client = await dial9p(proc, address, { dialect: dotL ? '9P2000.L' : '9P2000', lazyAttach: true })
    const holder: BinFunction = async (self) => {
      self.postServer(name, client)
      await Promise.race([client.closed, new Promise<void>((resolve) => self.on('SIGTERM', () => resolve()))])
      client.close()
      try {
        self.removeServer(name)
      } catch {
        // removed already
      }
      return 0
    }
    await startAndMount(proc, name, [`srv ${address}`], holder, 5, mountpoint, flags).catch((e: unknown) => {
      client.close()
      throw e
    })
    return 0
  } catch (e) {
    await failWith(proc, 'srv', e, address)
    return 1
  }
}
