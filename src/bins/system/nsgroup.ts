/** nsgroup: name a namespace, let others join it, join or leave one. */
import type { ExitCode, ProcContext } from '../../kernel/types.ts'
import { command, failWith, parseArgs, UsageError } from '../lib.ts'

export const nsgroup = command({
  name: 'nsgroup',
  usage: 'list | create NAME | allow NAME USER | remove NAME | join NAME [cmd ...] | leave [cmd ...]',
  summary: 'namespace groups: named namespaces that processes share',
  help: `  create NAME      give this namespace a name (you own the group)
  allow NAME USER  let USER join (owner or root)
  join NAME [cmd]  share the group's namespace: run cmd in it, or (as a shell builtin) move the shell
  leave [cmd]      take a private copy of the namespace
  remove NAME      drop the name
  list             the groups, their owners and who may join
  A process's group is in /proc/<pid>/nsgroup.`,
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    const [op = 'list', ...rest] = operands
    try {
      switch (op) {
        case 'list':
          if (rest.length > 0) throw new UsageError('list takes nothing')
          for (const g of await proc.nsgroup('list')) await proc.stdout.write(`${g.name}\t${g.owner}\t${g.allowed.join(',')}\n`)
          return 0
        case 'create':
        case 'remove':
          if (rest.length !== 1) throw new UsageError(`${op} NAME`)
          await proc.nsgroup(op, rest[0])
          return 0
        case 'allow':
          if (rest.length !== 2) throw new UsageError('allow NAME USER')
          await proc.nsgroup('allow', rest[0], rest[1])
          return 0
        case 'join':
          if (rest.length < 1) throw new UsageError('join NAME [cmd ...]')
          if (rest.length > 1) return await inChild(proc, 'join', rest[0], rest.slice(1))
          await proc.nsgroup('join', rest[0])
          return 0
        case 'leave':
          if (rest.length > 0) return await inChild(proc, 'leave', undefined, rest)
          await proc.nsgroup('leave')
          return 0
        default:
          throw new UsageError(`unknown operation ${op}`)
      }
    } catch (e) {
      if (e instanceof UsageError) throw e
      await failWith(proc, 'nsgroup', e, rest[0] ?? op)
      return 1
    }
  },
})

/**
 * Runs `cmd` in a child that joins (or leaves) first, so the caller keeps its own namespace even
 * when it runs this as a shell builtin.
 */
async function inChild(proc: ProcContext, op: 'join' | 'leave', name: string | undefined, cmd: string[]): Promise<ExitCode> {
  const child = await proc.spawn(cmd, {
    bin: async (c) => {
      try {
        await c.nsgroup(op, name)
      } catch (e) {
        await failWith(c, 'nsgroup', e, name ?? op)
        return 1
      }
      return (await c.spawn(cmd)).wait()
    },
  })
  return child.wait()
}
