/**
 * exportfs: serve this process's namespace over 9P (Plan 9's exportfs): on standard input and
 * output, or (-l) to every client of a listener, until SIGTERM, so it runs as a service.
 */
import { isLoopback, networkOf, parseDialString } from '../../9p/dial.ts'
import { fdTransport, readKey, serveNamespace } from '../../9p/proc.ts'
import { command, failWith, parseArgs, UsageError } from '../lib.ts'

export const exportfs = command({
  name: 'exportfs',
  usage: '[-R] [-r root] [-l DIALSTRING [-k keyfile]]',
  summary: 'serve this namespace over 9P, on standard input/output or to a listener\'s clients',
  help: `  -r root        serve the tree below root (default /)
  -R             read-only: every change is refused
  -l DIALSTRING  listen (tcp!127.0.0.1!5640, unix!/path) and serve each client until SIGTERM;
                 prints the address listened on. Any other address needs -k.
  -k keyfile     clients must prove they hold this shared key (docs/9p.md); at least 16 bytes
  Clients attach as a user of /adm/users; unless the exporter is root, only as the exporter.`,
  async run(proc) {
    const args = parseArgs(proc.argv, 'Rr:l:k:')
    if (args.operands.length !== 0) throw new UsageError('extra operand')
    const root = typeof args.flags.r === 'string' ? proc.abs(args.flags.r) : '/'
    const readonly = args.flags.R === true
    try {
      const stat = await proc.stat(root)
      if ((stat.qid.type & 0x80) === 0) throw new UsageError(`${root}: not a directory`)
      if (typeof args.flags.l !== 'string') {
        const transport = fdTransport(proc, 0, 1)
        const conn = await serveNamespace(proc, transport, root, readonly)
        await conn.done
        await transport.drained()
        return 0
      }
      const address = parseDialString(args.flags.l)
      const key = typeof args.flags.k === 'string' ? await readKey(proc, args.flags.k) : undefined
      // a listener others can reach would serve anyone who connects: it needs a key
      if (!isLoopback(address) && key === undefined) throw new UsageError(`${args.flags.l}: not a loopback address: give a key (-k)`)
      const conns = new Set<{ close(): void }>()
      const listener = await networkOf(proc).listen(address, (transport) => {
        void serveNamespace(proc, transport, root, readonly, key).then(
          (conn) => {
            conns.add(conn)
            void conn.done.then(() => conns.delete(conn))
          },
          () => transport.close(),
        )
      })
      await proc.stdout.write(`${listener.address}\n`)
      await new Promise<void>((resolve) => {
        proc.on('SIGTERM', () => resolve())
        proc.ended.addEventListener('abort', () => resolve())
      })
      for (const c of conns) c.close()
      await listener.close()
      return 0
    } catch (e) {
      if (e instanceof UsageError) throw e
      await failWith(proc, 'exportfs', e, typeof args.flags.l === 'string' ? args.flags.l : root)
      return 1
    }
  },
})
