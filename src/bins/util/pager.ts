/**
 * more and less: on a terminal, a screenful at a time, a key line read from /dev/cons between
 * screens (Enter: next screen, a number then Enter: that many lines, q: quit); elsewhere they
 * copy their input as cat does (more with a header before each of several files).
 */
import { OREAD, type ExitCode, type ProcContext } from '../../kernel/types.ts'
import { command, decode, fail, readAll, type Command } from '../lib.ts'
import { pump } from './files.ts'

export function pagerCommand(name: 'more' | 'less'): Command {
  return command({
    name,
    usage: '[file ...]',
    summary: name === 'more' ? 'page through text a screenful at a time' : 'page through text (a simple pager)',
    help: '  on a terminal: Enter shows the next screen, N Enter N more lines, q Enter quits ($LINES sets the screen height)\n  elsewhere: copies the files to standard output',
    async run(proc): Promise<ExitCode> {
      const operands = proc.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-')
      const names = operands.length > 0 ? operands : ['-']
      if (!proc.isatty(1)) {
        let status: ExitCode = 0
        for (const n of names) {
          try {
            const fd = n === '-' ? 0 : await proc.open(n)
            // more names each of several files, as util-linux's does
            if (name === 'more' && names.length > 1) await proc.write(1, `::::::::::::::\n${n}\n::::::::::::::\n`)
            await pump(proc, fd, (chunk) => proc.write(1, chunk))
            if (fd !== 0) await proc.close(fd)
          } catch (e) {
            await fail(proc, name, n, e)
            status = 1
          }
        }
        return status
      }
      return page(proc, name, names)
    },
  })
}

async function page(proc: ProcContext, name: string, names: string[]): Promise<ExitCode> {
  const height = Math.max(2, Number(proc.env['LINES']) || 24) - 1
  let keys: number
  try {
    keys = await proc.open('/dev/cons', OREAD)
  } catch (e) {
    await fail(proc, name, '/dev/cons', e)
    return 1
  }
  let status: ExitCode = 0
  try {
    for (const [i, n] of names.entries()) {
      let text: string
      try {
        text = n === '-' ? decode(await readAll(proc, 0)) : decode(await proc.readFile(n))
      } catch (e) {
        await fail(proc, name, n, e)
        status = 1
        continue
      }
      if (names.length > 1) text = `::::::::::::::\n${n}\n::::::::::::::\n${text}`
      const lines = text.split('\n')
      if (lines[lines.length - 1] === '') lines.pop()
      let at = 0
      let step = height
      while (at < lines.length) {
        await proc.stdout.write(lines.slice(at, at + step).map((l) => l + '\n').join(''))
        at += step
        if (at >= lines.length && i === names.length - 1) break
        const percent = Math.floor((Math.min(at, lines.length) * 100) / lines.length)
        await proc.stdout.write(`--More--(${percent}%)`)
        const answer = decode(await proc.read(keys)).trim()
        if (answer === 'q' || answer === 'Q') return status
        step = /^\d+$/.test(answer) ? Number(answer) : height
        if (at >= lines.length) break
      }
    }
  } finally {
    await proc.close(keys).catch(() => {})
  }
  return status
}
