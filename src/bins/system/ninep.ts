/** 9p: one 9P operation on a server, for scripts (plan9port's 9p). */
import type { NineClient } from '../../9p/client.ts'
import { dial9p, readKey } from '../../9p/proc.ts'
import { DMDIR, OREAD, OTRUNC, OWRITE, type Dir, type ProcContext } from '../../kernel/types.ts'
import { command, failWith, parseArgs, UsageError } from '../lib.ts'
import { NineError } from '../../kernel/errors.ts'

const OPS = ['ls', 'read', 'write', 'stat'] as const
type Op = (typeof OPS)[number]

export const ninep = command({
  name: '9p',
  usage: '[-L] [-k keyfile] [-A aname] [-a DIALSTRING] ls|read|write|stat [DIALSTRING] path',
  summary: 'list, read, write or stat one file of a 9P server',
  help: `  ls     the names in a directory (or the file's own name), one a line, sorted
  read   the file's contents to standard output
  write  standard input into the file (truncated first; created if missing)
  stat   the file's stat, as plan9port prints it
  -a DIALSTRING  the server (or give it after the operation); -A aname the tree to attach;
  -L             speak 9P2000.L (diod and other Linux servers); -k keyfile: the listener's shared key`,
  async run(proc) {
    const args = parseArgs(proc.argv, 'LA:a:k:')
    const [op, ...rest] = args.operands
    if (!OPS.includes(op as Op)) throw new UsageError(op === undefined ? 'need an operation' : `unknown operation ${op}`)
    const operands = typeof args.flags.a === 'string' ? [args.flags.a, ...rest] : rest
    if (operands.length !== 2) throw new UsageError('need DIALSTRING and path')
    const [address, file] = operands as [string, string]
    const path = '/' + file.split('/').filter(Boolean).join('/')
    let client: NineClient | undefined
    try {
      const key = typeof args.flags.k === 'string' ? await readKey(proc, args.flags.k) : undefined
      client = await dial9p(proc, address, { aname: typeof args.flags.A === 'string' ? args.flags.A : '', dialect: args.flags.L ? '9P2000.L' : '9P2000', ...(key ? { key } : {}) })
      await OPERATIONS[op as Op](proc, client, path)
      return 0
    } catch (e) {
      await failWith(proc, '9p', e, file)
      return 1
    } finally {
      client?.close()
    }
  },
})

const OPERATIONS: Record<Op, (proc: ProcContext, fs: NineClient, path: string) => Promise<void>> = {
  async ls(proc, fs, path) {
    const dir = await fs.stat(path)
    const names = dir.mode & DMDIR ? (await fs.readdir(path)).map((d) => d.name).sort() : [dir.name]
    await proc.stdout.write(names.map((n) => n + '\n').join(''))
  },
  async read(proc, fs, path) {
    const h = await fs.open(path, OREAD)
    try {
      for (let offset = 0; ; ) {
        const data = await h.read(offset, 65536, proc.ended)
        if (data.length === 0) break
        await proc.stdout.write(data)
        offset += data.length
      }
    } finally {
      await h.close()
    }
  },
  async write(proc, fs, path) {
    const h = await fs.open(path, OWRITE | OTRUNC).catch((e: unknown) => {
      if (e instanceof NineError && e.code === 'ENOENT') return fs.create(path, 0o666, OWRITE)
      throw e
    })
    try {
      for (let offset = 0; ; ) {
        const data = await proc.read(0, 65536)
        if (data.length === 0) break
        offset += await h.write(offset, data, proc.ended)
      }
    } finally {
      await h.close()
    }
  },
  async stat(proc, fs, path) {
    await proc.stdout.write(statLine(await fs.stat(path)))
  },
}

/** plan9port's 9p stat line. */
function statLine(d: Dir): string {
  return `'${d.name}' '${d.uid}' '${d.gid}' '${d.muid}' q (${d.qid.path.toString(16).padStart(16, '0')} ${d.qid.version} ${d.qid.type.toString(16)}) m 0${(d.mode >>> 0).toString(8)} at ${d.atime} mt ${d.mtime} l ${d.length} t 0 d 0\n`
}
