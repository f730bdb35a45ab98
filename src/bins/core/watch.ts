/**
 * watch: run a command every -n seconds until interrupted (Ctrl-C), showing its output full
 * screen on a terminal: the screen is cleared before each run and a title line names the
 * interval, the command, the system and the time (-t leaves the title out). Off a terminal the
 * runs' output simply follows one another. -g ends watch when the output changes.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { command, UsageError } from '../lib.ts'
import { commandOutput, runCommand } from '../util/spawn.ts'
import { sysname } from '../util/sysname.ts'

const USAGE = '[-tgx] [-n seconds] command [arg ...]'

interface Options {
  interval: number
  title: boolean
  untilChange: boolean
  exec: boolean
  argv: string[]
}

export const watch = command({
  name: 'watch',
  usage: USAGE,
  summary: 'run a command again and again, showing its output',
  help: `  -n SECONDS  between runs (default 2, at least 0.1)   -t  no title line
  -g  end when the output changes   -x  run the arguments as they are, not through sh -c
Ends with Ctrl-C (SIGINT).`,
  async run(proc) {
    const o = parseOptions(proc.argv)
    const shown = o.argv.join(' ')
    const argv = o.exec ? o.argv : ['sh', '-c', shown]
    const screen = proc.isatty(1)
    let previous: string | undefined
    for (;;) {
      let head = screen ? '\x1b[H\x1b[2J' : ''
      if (o.title) head += `${title(proc, o.interval, shown)}\n\n`
      await proc.stdout.write(head)
      if (o.untilChange) {
        const output = await commandOutput(proc, argv)
        await proc.stdout.write(output)
        if (previous !== undefined && output !== previous) return 0
        previous = output
      } else await runCommand(proc, 'watch', argv)
      await proc.sleep(o.interval * 1000)
    }
  },
})

function parseOptions(argv: readonly string[]): Options {
  const o: Options = { interval: 2, title: true, untilChange: false, exec: false, argv: [] }
  let i = 1
  for (; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      i++
      break
    }
    if (arg.length < 2 || arg[0] !== '-') break
    if (arg === '--no-title') o.title = false
    else if (arg === '--chgexit') o.untilChange = true
    else if (arg === '--exec') o.exec = true
    else if (arg.startsWith('--interval')) o.interval = interval(arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i])
    else {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!
        if (letter === 't') o.title = false
        else if (letter === 'g') o.untilChange = true
        else if (letter === 'x') o.exec = true
        else if (letter === 'n') {
          o.interval = interval(j + 1 < arg.length ? arg.slice(j + 1) : argv[++i])
          break
        } else throw new UsageError(`invalid option -- '${letter}'`)
      }
    }
  }
  o.argv = argv.slice(i)
  if (o.argv.length === 0) throw new UsageError('no command given')
  return o
}

function interval(text: string | undefined): number {
  const n = Number(text)
  if (text === undefined || text.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`failed to parse argument: '${text ?? ''}'`)
  return Math.max(n, 0.1)
}

function title(proc: ProcContext, every: number, shown: string): string {
  const left = `Every ${every.toFixed(1)}s: ${shown}`
  const d = new Date()
  const [day, month, date, year, time] = d.toString().split(' ') as [string, string, string, string, string]
  const right = `${sysname(proc)}: ${day} ${month} ${String(Number(date)).padStart(2)} ${time} ${year}`
  const width = Number(proc.env.COLUMNS) || 80
  return left.length + right.length + 1 < width ? left + ' '.repeat(width - left.length - right.length) + right : `${left} ${right}`
}

