/** which: print where each command would be found in $path. */
import { command, parseArgs } from '../lib.ts'

export const which = command({
  name: 'which',
  usage: '[-a] command ...',
  summary: 'locate a command',
  help: '  -a  every match along the path, not just the first',
  async run(proc) {
    const { flags, operands } = parseArgs(proc.argv, 'as')
    let status = 0
    for (const name of operands) {
      const found: string[] = []
      if (name.includes('/')) {
        if (await proc.stat(name).then(() => true, () => false)) found.push(name)
      } else if (flags.a) {
        const dirs = (proc.env['PATH'] ?? proc.env['path'] ?? '/bin').split(/[: ]/).filter((d) => d !== '')
        for (const dir of dirs) {
          const path = `${dir.replace(/\/$/, '')}/${name}`
          if (await proc.stat(path).then(() => true, () => false)) found.push(path)
        }
      } else {
        const path = await proc.which(name)
        if (path !== undefined) found.push(path)
      }
      if (found.length === 0) status = 1
      if (!flags.s) for (const path of found) await proc.stdout.write(path + '\n')
    }
    return status
  },
})
