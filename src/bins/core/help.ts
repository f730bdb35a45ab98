/**
 * help: every command in /bin with its one-line summary. binfs serves each command as the text
 * `#!builtin NAME\n# SUMMARY\n`; a file without that header is listed without a summary.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, decode, parseArgs, UsageError } from '../lib.ts'

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
  usage: '',
  summary: 'list the commands with a line about each',
  help: 'Every command answers --help with its usage.',
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    if (operands.length > 0) throw new UsageError(`extra operand '${operands[0]}'`)
    const names = (await proc.readdir('/bin')).map((d) => d.name).sort()
    const summaries = await Promise.all(names.map((n) => summaryOf(proc, `/bin/${n}`)))
    const width = Math.max(0, ...names.map((n) => n.length))
    const lines = names.map((n, k) => (summaries[k] ? `${n.padEnd(width)}  ${summaries[k]}` : n) + '\n')
    await proc.stdout.write(lines.join(''))
    return 0
  },
})
