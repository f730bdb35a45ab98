import { NineError } from '../../kernel/errors.ts'
import type { ProcContext } from '../../kernel/types.ts'
import { command, failWith, parseArgs, UsageError } from '../lib.ts'
import { bindFlags, BIND_FLAG_SPEC } from './flags.ts'

/** `/srv/name` or `name` → `name`. */
export function srvName(arg: string): string {
  return arg.startsWith('/srv/') ? arg.slice(5) : arg
}

/**
 * A missing final directory of a server's mount point is made, as the caller (so only where it
 * may create), as systemd's mount units do: `mount webcam ~/cam` works in a fresh home.
 */
async function makeMountPoint(proc: ProcContext, old: string): Promise<void> {
  try {
    await proc.stat(old)
  } catch (e) {
    if (!(e instanceof NineError) || e.code !== 'ENOENT') throw e
    await proc.mkdir(old, 0o755)
  }
}

export const mount = command({
  name: 'mount',
  usage: '[-b|-a] [-c] [-r] name old [spec]',
  summary: 'mount a server posted in /srv; with no arguments, list the mounts',
  help: `  name is a server posted in /srv (or its path /srv/name); if no server has that name but
  name is an existing path, the path is bound instead (and mount says so). A missing last
  directory of old is made when its parent exists and the caller may create in it. spec, for
  a 9P connection (srv DIALSTRING), is the tree of the server to attach (diod: its export path).
  -b, -a, -c, -r as for bind.`,
  async run(proc) {
    const args = parseArgs(proc.argv, BIND_FLAG_SPEC)
    if (args.operands.length === 0 && Object.keys(args.flags).length === 0) {
      const text = await proc.nsText()
      await proc.stdout.write(text.slice(0, text.lastIndexOf('cd ')))
      return 0
    }
    if (args.operands.length < 2 || args.operands.length > 3) throw new UsageError('need name and old')
    const [name, old, spec] = args.operands as [string, string, string | undefined]
    const flags = bindFlags(args)
    try {
      const posted = proc.getServer(srvName(name))
      if (posted !== undefined) {
        // spec is the attach name (Plan 9's aname): a 9P connection attaches that tree of its server
        const fs = spec !== undefined && posted.attach !== undefined ? await posted.attach(spec) : posted
        await makeMountPoint(proc, old)
        await proc.mount(fs, old, flags, { srv: srvName(name), ...(spec === undefined ? {} : { spec }) })
        return 0
      }
      // The roadmap's bind fallback: an existing path is bound rather than mounted.
      if (!name.startsWith('/srv/')) {
        const exists = await proc.stat(name).then(
          () => true,
          () => false,
        )
        if (exists) {
          await proc.bind(name, old, flags)
          await proc.stderr.write(`mount: ${name} is not a server in /srv; bound the path instead\n`)
          return 0
        }
      }
      throw new NineError('ENOENT', `/srv/${srvName(name)}`)
    } catch (e) {
      await failWith(proc, 'mount', e, old)
      return 1
    }
  },
})
