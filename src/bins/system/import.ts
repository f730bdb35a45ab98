/** import: mount part of another machine's namespace, reached over 9P (Plan 9's import). */
import { dial9p, readKey } from '../../9p/proc.ts'
import { command, failWith, parseArgs, UsageError } from '../lib.ts'
import { bindFlags } from './flags.ts'

export const importCmd = command({
  name: 'import',
  usage: '[-a|-b] [-c] [-L] [-k keyfile] DIALSTRING remotepath mountpoint',
  summary: "mount a directory of a remote 9P server's namespace on mountpoint",
  help: `  DIALSTRING is tcp!host!port, unix!/path or ws!host!port.
  remotepath is the attach name: a path in the exporter's namespace (diod: the exported directory).
  -a, -b, -c as for bind; -L speaks 9P2000.L (Linux servers such as diod) instead of 9P2000;
  -k keyfile proves to the listener that we hold its shared key (exportfs -k).
  The connection is made as the calling user; a sandboxed process cannot dial out.`,
  async run(proc) {
    const args = parseArgs(proc.argv, 'abcLk:')
    if (args.operands.length !== 3) throw new UsageError('need DIALSTRING, remotepath and mountpoint')
    const [address, remote, mountpoint] = args.operands as [string, string, string]
    const flags = bindFlags(args)
    try {
      const key = typeof args.flags.k === 'string' ? await readKey(proc, args.flags.k) : undefined
      const client = await dial9p(proc, address, { aname: remote, dialect: args.flags.L ? '9P2000.L' : '9P2000', ...(key ? { key } : {}) })
      await proc.mount(client, mountpoint, flags, { srv: address, spec: remote }).catch((e: unknown) => {
        client.close()
        throw e
      })
      return 0
    } catch (e) {
      await failWith(proc, 'import', e, address)
      return 1
    }
  },
})
