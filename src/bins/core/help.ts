/**
 * help [command ...]: every command in /bin with its one-line summary (binfs serves each command
 * as the text `#!builtin NAME\n# SUMMARY\n`; a file without that header is listed without a
 * summary); with names, each command's own --help.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, decode, parseArgs } from '../lib.ts'
import { runCommand } from '../util/spawn.ts'

/** The summary line of a /bin file, if it has one. */
async function summaryOf(proc: ProcContext, path: string): Promise<string> {
  let fd: number
  try {
    fd = await proc.open(path)
  } catch {
    return ''
  }
  try {
    const head = decode(await proc.read(fd, 512))
    const m = /^#![^\n]*\n# ([^\n]*)/.exec(head)
    return m ? m[1]! : ''
  } catch {
    return ''
  } finally {
    await proc.close(fd).catch(() => {})
  }
}

export const help = command({
  name: 'help',
  usage: '[command ...]',
  summary: 'list the commands with a line about each',
  help: 'Every command answers --help with its usage; `help NAME` shows it. The shell\'s builtins (cd, read, …) are not commands in /bin.',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    if (operands.length > 0) return helpOn(proc, operands)
    const names = (await proc.readdir('/bin')).map((d) => d.name).sort()
    const summaries = await Promise.all(names.map((n) => summaryOf(proc, `/bin/${n}`)))
    const width = Math.max(0, ...names.map((n) => n.length))
    const lines = names.map((n, k) => (summaries[k] ? `${n.padEnd(width)}  ${summaries[k]}` : n) + '\n')
    await proc.stdout.write(lines.join(''))
    return 0
  },
})

/** Each named command's --help, in turn; status 1 when a name is not a command in /bin. */
async function helpOn(proc: ProcContext, names: readonly string[]): Promise<number> {
  let status = 0
  for (const name of names) {
    const known = !name.includes('/') && (await proc.stat(`/bin/${name}`).then(() => true, () => false))
    if (!known) {
      await proc.stderr.write(`help: no help topics match '${name}' (help knows the commands in /bin)\n`)
      status = 1
      continue
    }
    if ((await runCommand(proc, 'help', [name, '--help'])) !== 0) status = 1
  }
  return status
}
