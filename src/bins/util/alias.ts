/** A command that is another with fixed leading options (egrep is grep -E). */
import type { ProcContext } from '../../kernel/types.ts'
import type { Command } from '../lib.ts'

export function aliasCommand(name: string, target: Command, options: string[], summary: string): Command {
  const usage = `${target.usage} (as ${target.name || 'the command'} ${options.join(' ')})`
  const fn = async (proc: ProcContext): Promise<number> => {
    if (proc.argv[1] === '--help') {
      await proc.stdout.write(`usage: ${name} ${usage}\n${summary}\n`)
      return 0
    }
    // the process as it is, seen with another argv: its methods still act on it
    return target(Object.create(proc, { argv: { value: [name, ...options, ...proc.argv.slice(1)] } }) as ProcContext)
  }
  // the registry finds a command by its function's name
  Object.defineProperty(fn, 'name', { value: name })
  return Object.assign(fn, { summary, usage })
}
